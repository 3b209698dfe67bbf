//! Splitting a list of posts into pages: `/`, `/page/2/`, … and the same
//! under each term.

use serde::Serialize;
use tera::Value;

use crate::i18n::Numerals;
use crate::slug::encode_path;

/// Pager links shown on each side of the current page. Listing every page
/// would make each list page's context grow with the site, and a
/// 100,000-post blog's rendering quadratic.
const WINDOW: usize = 3;

/// One page of a paginated list.
#[derive(Serialize)]
pub(super) struct Paginator<'a> {
    /// The posts' summaries. tera shares a value's strings and maps, so
    /// putting one in a page's context copies nothing.
    items: Vec<&'a Value>,
    current: usize,
    total: usize,
    /// `current` and `total` with the site's digits, for the page's language.
    current_display: String,
    total_display: String,
    prev: Option<String>,
    next: Option<String>,
    first: String,
    last: String,
    /// Links to the pages around the current one.
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    permalink: String,
}

/// Where a paginated list is and how it is shown.
pub(super) struct Pagination<'a> {
    /// Site base URL.
    pub base: &'a str,
    /// Posts per page.
    pub per: usize,
    /// Digits for numbers.
    pub numerals: Numerals,
    /// Language the numbers are shown in.
    pub lang: &'a str,
}

impl Pagination<'_> {
    /// Page `n` of a list of `count` posts in `dir`, which shows `items`.
    pub fn page<'s>(&self, items: Vec<&'s Value>, count: usize, dir: &str, n: usize) -> Paginator<'s> {
        let total = pages_for(count, self.per);
        let url = |k: usize| page_url(self.base, dir, k);
        let window = n.saturating_sub(WINDOW).max(1)..=(n + WINDOW).min(total);
        Paginator {
            items,
            current: n,
            total,
            current_display: self.numerals.show(&n.to_string(), self.lang),
            total_display: self.numerals.show(&total.to_string(), self.lang),
            prev: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            first: url(1),
            last: url(total),
            pages: window.map(|k| PagerLink { number: k, permalink: url(k) }).collect(),
        }
    }
}

impl Paginator<'_> {
    /// The template's `paginator`.
    pub fn into_value(self) -> Value {
        Value::from_serializable(&self)
    }
}

/// Absolute URL of page `n` of the list in `dir`.
pub fn page_url(base: &str, dir: &str, n: usize) -> String {
    format!("{base}{}", encode_path(&page_dir(dir, n)))
}

/// Number of list pages for `count` posts; an empty list still gets one.
pub fn pages_for(count: usize, per: usize) -> usize {
    count.div_ceil(per.max(1)).max(1)
}

/// `dir` for page 1, `dir/page/N/` after that.
pub(super) fn page_dir(dir: &str, n: usize) -> String {
    if n == 1 {
        dir.to_string()
    } else {
        format!("{dir}page/{n}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_math() {
        assert_eq!(pages_for(25, 10), 3);
        assert_eq!(pages_for(0, 10), 1);
        assert_eq!(page_dir("tags/x/", 2), "tags/x/page/2/");
        assert_eq!(page_dir("", 1), "");
    }

    #[test]
    fn pager_links_are_a_window_around_the_current_page() {
        let summaries: Vec<Value> = (490..500).map(Value::from).collect();
        let p = Pagination { base: "https://x.in/", per: 10, numerals: Numerals::default(), lang: "en" };
        let pager = p.page(summaries.iter().collect(), 1000, "", 50);
        let numbers: Vec<usize> = pager.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [47, 48, 49, 50, 51, 52, 53]);
        assert_eq!(pager.items.len(), 10);
        assert_eq!(pager.last, "https://x.in/page/100/");
        assert_eq!(pager.prev.as_deref(), Some("https://x.in/page/49/"));
    }
}
