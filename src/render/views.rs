//! What templates see of pages and posts: typed views, with dates and
//! numbers in the digits the site asked for.

use serde::Serialize;
use tera::Value;

use crate::i18n::Numerals;
use crate::load::Kind;
use crate::markdown::TocEntry;
use crate::page::{DateView, Page, PageRef, TermRef};
use crate::seo::Alternate;
use crate::services::ServicesPage;

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
    pub(super) fn new(p: Page<'a>, numerals: Numerals) -> Self {
        let (o, b) = (p.outline, p.body);
        Summary {
            title: &o.title,
            permalink: &o.permalink,
            path: &o.path,
            lang: &o.lang,
            date: o.date.as_ref().map(|d| shown(d, &o.lang, numerals)),
            updated: o.updated.as_ref().map(|d| shown(d, &o.lang, numerals)),
            description: &o.description,
            summary: &b.summary,
            has_more: b.has_more,
            reading_time: b.reading_time,
            reading_time_display: numerals.show(&b.reading_time.to_string(), &o.lang),
            word_count: b.word_count,
            tags: &p.place.tags,
            categories: &p.place.categories,
            image: &o.image,
            author: &o.author,
        }
    }
}

/// A date whose `display` uses the digits the site asked for.
fn shown(d: &DateView, lang: &str, numerals: Numerals) -> DateView {
    DateView { display: numerals.show(&d.display, lang), ..d.clone() }
}

/// A page or post as templates get it in `page` (docs/templates.md,
/// "Page"): every field of the page, its HTML, the dates' `display` with
/// the site's digits, and `reading_time_display`.
#[derive(Serialize)]
struct PageView<'a> {
    kind: Kind,
    title: &'a str,
    description: &'a Option<String>,
    slug: &'a str,
    permalink: &'a str,
    path: &'a str,
    source: &'a str,
    lang: &'a str,
    date: Option<DateView>,
    updated: Option<DateView>,
    draft: bool,
    tags: &'a [TermRef],
    categories: &'a [TermRef],
    author: &'a str,
    image: &'a Option<String>,
    content: &'a str,
    summary: &'a str,
    has_more: bool,
    toc: &'a [TocEntry],
    word_count: usize,
    reading_time: usize,
    reading_time_display: String,
    extra: &'a serde_json::Value,
    translations: &'a [Alternate],
    newer: &'a Option<PageRef>,
    older: &'a Option<PageRef>,
    services: &'a Option<Box<ServicesPage>>,
}

/// `p` with its `html` as the template value `page`.
pub(super) fn page_value(p: Page, html: &str, numerals: Numerals) -> Value {
    let (o, b, place) = (p.outline, p.body, p.place);
    Value::from_serializable(&PageView {
        kind: o.kind,
        title: &o.title,
        description: &o.description,
        slug: &o.slug,
        permalink: &o.permalink,
        path: &o.path,
        source: &o.source,
        lang: &o.lang,
        date: o.date.as_ref().map(|d| shown(d, &o.lang, numerals)),
        updated: o.updated.as_ref().map(|d| shown(d, &o.lang, numerals)),
        draft: o.draft,
        tags: &place.tags,
        categories: &place.categories,
        author: &o.author,
        image: &o.image,
        content: html,
        summary: &b.summary,
        has_more: b.has_more,
        toc: &b.toc,
        word_count: b.word_count,
        reading_time: b.reading_time,
        reading_time_display: numerals.show(&b.reading_time.to_string(), &o.lang),
        extra: &o.extra,
        translations: &place.translations,
        newer: &place.newer,
        older: &place.older,
        services: &o.services,
    })
}
