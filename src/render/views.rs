//! What templates see of pages and posts: serialisable views built once,
//! with dates and numbers in the digits the site asked for.

use serde::Serialize;
use tera::Value;

use crate::i18n::Numerals;
use crate::site::{DateView, Page, TermRef};

/// What a list page shows of a post.
#[derive(Serialize)]
pub(super) struct Summary<'a> {
    title: &'a str,
    permalink: &'a str,
    path: &'a str,
    lang: &'a str,
    date: Option<DateView>,
    updated: Option<DateView>,
    description: &'a Option<String>,
    summary: &'a str,
    has_more: bool,
    reading_time: usize,
    reading_time_display: String,
    word_count: usize,
    tags: &'a [TermRef],
    categories: &'a [TermRef],
    image: &'a Option<String>,
    author: &'a str,
}

impl<'a> Summary<'a> {
    pub(super) fn new(p: &'a Page, numerals: Numerals) -> Self {
        Summary {
            title: &p.title,
            permalink: &p.permalink,
            path: &p.path,
            lang: &p.lang,
            date: p.date.as_ref().map(|d| shown(d, &p.lang, numerals)),
            updated: p.updated.as_ref().map(|d| shown(d, &p.lang, numerals)),
            description: &p.description,
            summary: &p.summary,
            has_more: p.has_more,
            reading_time: p.reading_time,
            reading_time_display: numerals.show(&p.reading_time.to_string(), &p.lang),
            word_count: p.word_count,
            tags: &p.tags,
            categories: &p.categories,
            image: &p.image,
            author: &p.author,
        }
    }
}

/// A date whose `display` uses the digits the site asked for.
fn shown(d: &DateView, lang: &str, numerals: Numerals) -> DateView {
    DateView { display: numerals.show(&d.display, lang), ..d.clone() }
}

/// A page or post as templates get it in `page`: the [`Page`] fields, the
/// dates' `display` with the site's digits, and `reading_time_display`.
pub(super) fn page_value(p: &Page, numerals: Numerals) -> Value {
    Value::from_serializable(&PageView {
        page: p,
        date: p.date.as_ref().map(|d| shown(d, &p.lang, numerals)),
        updated: p.updated.as_ref().map(|d| shown(d, &p.lang, numerals)),
        reading_time_display: numerals.show(&p.reading_time.to_string(), &p.lang),
    })
}

/// [`page_value`]'s fields. `date` and `updated` come after the page's own
/// and so replace them.
#[derive(Serialize)]
struct PageView<'a> {
    #[serde(flatten)]
    page: &'a Page,
    date: Option<DateView>,
    updated: Option<DateView>,
    reading_time_display: String,
}
