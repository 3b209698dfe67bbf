//! Promotion text: for every published post and every platform, a snippet
//! ready to paste, which always fits the platform's limit as the platform
//! counts it.
//!
//! A snippet is a head (title, hook, takeaways), which may be cut, and a
//! tail (the UTM-tagged link and hashtags), which is kept whole by
//! [`cut::fit_parts`]: a cut link is a broken link.

use std::borrow::Cow;

use percent_encoding::utf8_percent_encode;
use serde::Serialize;

use super::count::{count_hashtags, keep_hashtags, Limits, Platform};
use super::cut;
use super::post::PostSocial;
use crate::config::Config;
use crate::markdown::TocEntry;
use crate::page::Page;
use crate::site::Site;
use crate::slug::UNRESERVED;
use crate::social::config::SocialConfig;

/// One platform's text for one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The post's title.
    pub post: String,
    /// The post's slug.
    pub slug: String,
    /// The post's link, UTM-tagged for this platform.
    pub url: String,
    /// The platform.
    pub platform: Platform,
    /// The text to post.
    pub text: String,
    /// Its length as the platform counts it.
    pub length: usize,
    /// The platform's limit in force.
    pub limit: usize,
    /// Whether it can be posted (always true for generated text).
    pub fits: bool,
    /// Why it cannot be posted, when it cannot ([`super::count::Unfit`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// X only, with `x_thread = true`: the longer text as numbered posts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thread: Vec<String>,
}

/// What a snippet is made from; [`PostInfo::from_page`] fills it from a post.
#[derive(Debug, Clone, Default, Hash)]
pub struct PostInfo {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Language code.
    pub lang: String,
    /// Absolute, percent-encoded URL.
    pub permalink: String,
    /// Description from front matter.
    pub description: Option<String>,
    /// Summary as plain text.
    pub summary: String,
    /// Titles of the h2 headings.
    pub takeaways: Vec<String>,
    /// Hashtags made from the tags (see [`Page::hashtags`]).
    pub hashtags: Vec<String>,
    /// `[social]` front matter.
    pub social: PostSocial,
}

impl PostInfo {
    /// The parts of `page` snippets are made from.
    pub fn from_page(page: Page) -> PostInfo {
        let mut takeaways = Vec::new();
        h2_titles(&page.body.toc, &mut takeaways);
        PostInfo {
            title: page.title.clone(),
            slug: page.slug.clone(),
            lang: page.lang.clone(),
            permalink: page.permalink.clone(),
            description: page.description.clone(),
            summary: page.body.summary_text.clone(),
            takeaways,
            hashtags: page.place.hashtags.clone(),
            social: page.social.clone(),
        }
    }
}

fn h2_titles(toc: &[TocEntry], out: &mut Vec<String>) {
    for e in toc {
        match e.level {
            2 => out.push(e.title.clone()),
            1 => h2_titles(&e.children, out),
            _ => {}
        }
    }
}

/// How many hashtags each platform's readers tolerate. Never more than a
/// platform allows: Instagram takes 5 a post since December 2025
/// ([`Platform::max_hashtags`]), and Threads links one topic tag a post.
pub fn hashtag_count(p: Platform) -> usize {
    match p {
        Platform::X | Platform::Bluesky | Platform::Facebook | Platform::Telegram | Platform::TelegramCaption => 2,
        Platform::Instagram => 5,
        Platform::Linkedin => 4,
        Platform::Threads => 1,
        Platform::Mastodon | Platform::Pinterest => 3,
        Platform::Whatsapp => 0,
    }
}

/// The post's link with UTM parameters for `source` (a platform name),
/// or the bare permalink when `utm = false`.
pub fn tagged_url(config: &SocialConfig, permalink: &str, slug: &str, source: &str) -> String {
    if !config.utm {
        return permalink.to_string();
    }
    let sep = if permalink.contains('?') { '&' } else { '?' };
    let mut url = String::with_capacity(permalink.len() + 80 + 3 * (source.len() + slug.len()));
    url.push_str(permalink);
    url.push(sep);
    let params =
        [(&config.utm_source, source, true), (&config.utm_medium, "social", false), (&config.utm_campaign, slug, true)];
    for (i, (key, value, encoded)) in params.into_iter().enumerate() {
        if i > 0 {
            url.push('&');
        }
        url.push_str(key);
        url.push('=');
        match encoded {
            true => url.extend(utf8_percent_encode(value, UNRESERVED)),
            false => url.push_str(value),
        }
    }
    url
}

/// The opening line for `platform`: its own hook, the post's hook, the
/// description, the summary, else the title.
pub fn hook(post: &PostInfo, platform: Platform) -> String {
    own_hook(post, platform).map_or_else(|| default_hook(post), collapse)
}

/// The platform's own hook, if it has a non-blank one.
fn own_hook(post: &PostInfo, platform: Platform) -> Option<&str> {
    post.social.get(platform).and_then(|o| o.hook.as_deref()).filter(|s| !s.trim().is_empty())
}

/// The hook of every platform without its own.
fn default_hook(post: &PostInfo) -> String {
    let candidates = [post.social.hook.as_deref(), post.description.as_deref(), Some(post.summary.as_str())];
    collapse(candidates.into_iter().flatten().find(|s| !s.trim().is_empty()).unwrap_or(&post.title))
}

/// `text` with every run of whitespace made one space, and none at the ends.
fn collapse(text: &str) -> String {
    match is_collapsed(text) {
        true => text.to_string(),
        false => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// Whether `text` already has single spaces between words and no other
/// whitespace, as a summary does. Whitespace other than ASCII starts with
/// byte C2, E1, E2 or E3, so only those few characters are decoded.
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 if text[i..].chars().next().is_some_and(char::is_whitespace) => return false,
            _ => false,
        };
        if space && after_space {
            return false;
        }
        after_space = space;
    }
    true
}

fn is_hindi(lang: &str) -> bool {
    lang == "hi" || lang.starts_with("hi-")
}

/// What the parts of every platform share, worked out once per post.
struct Common {
    title: String,
    hook: String,
}

impl Common {
    fn new(post: &PostInfo) -> Self {
        Common { title: collapse(&post.title), hook: default_hook(post) }
    }
}

/// The head (cuttable) and tail (kept whole) of a platform's snippet.
pub fn parts(post: &PostInfo, platform: Platform, url: &str) -> (String, String) {
    parts_from(&Common::new(post), post, platform, url)
}

fn parts_from(common: &Common, post: &PostInfo, platform: Platform, url: &str) -> (String, String) {
    let hook: Cow<str> = own_hook(post, platform).map_or(Cow::Borrowed(&common.hook), |own| Cow::Owned(collapse(own)));
    let title = &common.title;
    let hindi = is_hindi(&post.lang);
    let plain_title = title.replace('*', "");
    let head = match platform {
        Platform::Whatsapp => ["*", &plain_title, "*\n\n", &hook].concat(),
        Platform::Telegram | Platform::TelegramCaption => ["**", &plain_title, "**\n\n", &hook].concat(),
        Platform::Instagram | Platform::Pinterest => [title, "\n\n", &hook].concat(),
        Platform::Linkedin => {
            let mut head = [title, "\n\n", &hook].concat();
            if !post.takeaways.is_empty() {
                head.push_str(if hindi { "\n\nमुख्य बातें:" } else { "\n\nKey takeaways:" });
                for t in &post.takeaways {
                    head.push_str(&format!("\n• {t}"));
                }
            }
            head
        }
        _ => hook.into_owned(),
    };
    let link = match platform {
        Platform::Instagram if hindi => "लिंक बायो में".to_string(),
        Platform::Instagram => "Link in bio".to_string(),
        _ => url.to_string(),
    };
    // A title or hook may hold hashtags of its own: past the platform's
    // cap they stay as words, so that a caption never carries more.
    let head = match hashtag_cap(platform) {
        Some(max) => keep_hashtags(&head, max),
        None => head,
    };
    let tags = tags_after(platform, &head, &post.hashtags);
    (head, ["\n\n", &link, &tags].concat())
}

/// Most hashtags a generated text may hold, title and hook included:
/// what Instagram allows ([`Platform::max_hashtags`]), and on Threads one,
/// since it links only one topic tag a post and shows the rest as text.
fn hashtag_cap(platform: Platform) -> Option<usize> {
    match platform {
        Platform::Threads => Some(1),
        _ => platform.max_hashtags(),
    }
}

/// The hashtags that end a snippet, after a blank line: the platform's
/// share of `hashtags`, fewer if `head` has some of its own and the
/// platform caps hashtags a post.
fn tags_after(platform: Platform, head: &str, hashtags: &[String]) -> String {
    let room = hashtag_cap(platform).map_or(usize::MAX, |max| max.saturating_sub(count_hashtags(head)));
    let tags = &hashtags[..hashtag_count(platform).min(room).min(hashtags.len())];
    if tags.is_empty() {
        String::new()
    } else {
        ["\n\n", &tags.join(" ")].concat()
    }
}

/// The snippet for one post on one platform.
pub fn snippet(config: &SocialConfig, limits: &Limits, post: &PostInfo, platform: Platform) -> Snippet {
    let url = tagged_url(config, &post.permalink, &post.slug, platform.name());
    let (head, tail) = parts(post, platform, &url);
    finish(config, limits, post, platform, url, &cut::Cuts::new(&head), &tail)
}

/// The snippet once its parts are known. `head` may come from another
/// platform with the same head, its cut points already found.
fn finish(
    config: &SocialConfig,
    limits: &Limits,
    post: &PostInfo,
    platform: Platform,
    url: String,
    head: &cut::Cuts,
    tail: &str,
) -> Snippet {
    let limit = limits.get(platform);
    let (text, size) = match post.social.get(platform).and_then(|o| o.text.clone()) {
        Some(text) => {
            let size = platform.size(&text);
            (text, size)
        }
        None => cut::fit_cuts(platform, head, tail, limit),
    };
    let thread =
        if platform == Platform::X && config.x_thread && !platform.fits(&format!("{}{tail}", head.text()), limit) {
            let mut long = format!("{}\n\n{}", post.title, head.text());
            for t in &post.takeaways {
                long.push_str(&format!("\n• {t}"));
            }
            cut::thread(platform, &format!("{long}{tail}"), limit)
        } else {
            Vec::new()
        };
    let verdict = platform.check_sized(&text, size, limit);
    Snippet {
        post: post.title.clone(),
        slug: post.slug.clone(),
        url,
        platform,
        length: size.count,
        limit,
        fits: verdict.is_ok(),
        reason: verdict.err().map(|why| why.to_string()),
        text,
        thread,
    }
}

/// Every platform's snippet for one post, in [`Platform::ALL`] order.
pub fn for_post(config: &Config, page: Page) -> Vec<Snippet> {
    let post = PostInfo::from_page(page);
    let limits = config.social.limits();
    let common = Common::new(&post);
    let drafts: Vec<Draft> = Platform::ALL.into_iter().map(|p| Draft::new(&config.social, &common, &post, p)).collect();
    // Platforms with the same head (most use the hook alone) share its cut
    // points, so each distinct head is measured once; a head made of lines
    // and another head (Pinterest's title and hook) takes that head's and
    // finds only those of its lines.
    let (texts, index) = distinct(drafts.iter().map(|d| d.head.as_str()));
    let bases: Vec<cut::Cuts> = texts.iter().map(|text| cut::Cuts::new(text)).collect();
    let extended: Vec<Option<cut::Cuts>> = bases
        .iter()
        .map(|head| {
            bases
                .iter()
                .filter(|base| !std::ptr::eq(*base, head))
                .find_map(|base| cut::Cuts::after_line(head.text(), base))
        })
        .collect();
    let cuts: Vec<&cut::Cuts> = bases.iter().zip(&extended).map(|(base, ext)| ext.as_ref().unwrap_or(base)).collect();
    measure_shared(&drafts, &index, &cuts);
    let snippet_of =
        |(d, &k): (&Draft, &usize)| finish(&config.social, &limits, &post, d.platform, d.url.clone(), cuts[k], &d.tail);
    drafts.iter().zip(&index).map(snippet_of).collect()
}

/// One platform's link and parts, before fitting.
struct Draft {
    platform: Platform,
    url: String,
    head: String,
    tail: String,
}

impl Draft {
    fn new(config: &SocialConfig, common: &Common, post: &PostInfo, platform: Platform) -> Self {
        let url = tagged_url(config, &post.permalink, &post.slug, platform.name());
        let (head, tail) = parts_from(common, post, platform, &url);
        Draft { platform, url, head, tail }
    }
}

/// The distinct items, and the index among them of each item.
fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> (Vec<&'a str>, Vec<usize>) {
    let mut distinct: Vec<&str> = Vec::new();
    let index = items
        .map(|item| match distinct.iter().position(|d| *d == item) {
            Some(k) => k,
            None => {
                distinct.push(item);
                distinct.len() - 1
            }
        })
        .collect();
    (distinct, index)
}

/// Measures up front each head that several platforms may cut, so that
/// each of them learns from its ruler when the whole is too long. (Telegram
/// pairs markup across the whole text and gets no ruler.)
fn measure_shared(drafts: &[Draft], index: &[usize], cuts: &[&cut::Cuts]) {
    for (k, head) in cuts.iter().enumerate() {
        let users = drafts.iter().zip(index).filter(|(d, &i)| i == k && !d.platform.pairs_markup(head.text()));
        if users.count() > 1 {
            head.measure();
        }
    }
}

/// Every published post's snippets, newest post first.
pub fn for_site(site: &Site) -> Vec<Snippet> {
    site.posts().flat_map(|p| for_post(site.config(), p)).collect()
}

#[cfg(test)]
mod tests;
