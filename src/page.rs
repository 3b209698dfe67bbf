//! What each stage makes of one content file, each a value of its own:
//! [`Outline`] (from its front matter and address), [`Body`] (from its
//! Markdown, besides the HTML itself) and [`Place`] (from the rest of the
//! site: neighbours, terms, translations). [`Page`] puts the three side by
//! side for the stages that read a whole page. No stage fills in another's
//! value, and none is ever emptied: the whole HTML of a body travels on
//! its own ([`Html`]), so a build can drop it once its page is written.

use std::ops::Deref;
use std::sync::Arc;

use serde::Serialize;

use crate::dates::Date;
use crate::load::Kind;
use crate::markdown::TocEntry;

/// A date as templates want it: preformatted, so templates hold no logic.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct DateView {
    /// RFC 3339.
    pub iso: String,
    /// `YYYY-MM-DD`.
    pub ymd: String,
    /// Human form in the page language ("25 नवंबर 2026").
    pub display: String,
    /// RFC 822, for RSS.
    pub rfc822: String,
}

impl DateView {
    /// Formats `date` for a page in `lang`.
    pub fn new(date: &Date, lang: &str) -> DateView {
        DateView { iso: date.rfc3339(), ymd: date.ymd(), display: date.display(lang), rfc822: date.rfc822() }
    }
}

/// A link to a taxonomy term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TermRef {
    /// The term as the writer spelled it.
    pub name: String,
    /// Its slug.
    pub slug: String,
    /// Its page's absolute URL.
    pub permalink: String,
}

/// A link to a neighbouring post.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PageRef {
    /// Title.
    pub title: String,
    /// Absolute URL.
    pub permalink: String,
}

/// A page as its front matter and its address make it.
#[derive(Debug, Clone, Serialize)]
pub struct Outline {
    /// Post, page, services or home.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Description from front matter, if any.
    pub description: Option<String>,
    /// Slug.
    pub slug: String,
    /// Absolute, percent-encoded URL.
    pub permalink: String,
    /// Site-relative, percent-encoded path (`/posts/x/`).
    pub path: String,
    /// Content-relative source file.
    pub source: String,
    /// Language code.
    pub lang: String,
    /// Publication date.
    pub date: Option<DateView>,
    /// Last update, if given.
    pub updated: Option<DateView>,
    /// Was it a draft (only with `--drafts`)?
    pub draft: bool,
    /// Author.
    pub author: String,
    /// Preview image, as written.
    pub image: Option<String>,
    /// Front matter `extra`.
    pub extra: serde_json::Value,
    /// The services page's data, ready for its template.
    pub services: Option<Box<crate::services::ServicesPage>>,
    /// Output folder relative to the output root (unencoded).
    #[serde(skip)]
    pub dir: String,
    /// Sort key.
    #[serde(skip)]
    pub sort_date: Option<Date>,
    /// Template from front matter.
    #[serde(skip)]
    pub template: Option<String>,
    /// Co-located files (content-relative) to copy next to the page.
    #[serde(skip)]
    pub assets: Vec<String>,
    /// Tags as written.
    #[serde(skip)]
    pub tag_names: Vec<String>,
    /// Categories as written.
    #[serde(skip)]
    pub category_names: Vec<String>,
    /// Content path of the page this one translates.
    #[serde(skip)]
    pub translation_of: Option<String>,
    /// `[social]` front matter, checked.
    #[serde(skip)]
    pub social: crate::social::post::PostSocial,
    /// Old addresses that redirect here.
    #[serde(skip)]
    pub aliases: Vec<crate::aliases::Alias>,
}

impl Outline {
    /// The names filed under `taxonomy` (`tags` or `categories`).
    pub fn terms(&self, taxonomy: &str) -> &[String] {
        match taxonomy {
            "tags" => &self.tag_names,
            "categories" => &self.category_names,
            _ => &[],
        }
    }
}

/// What a page's Markdown gives besides its HTML: the summary lists and
/// feeds show, the table of contents and the reading time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct Body {
    /// Summary HTML, with URLs made absolute (it is shown away from its
    /// page).
    pub summary: String,
    /// The summary as plain text, which the meta description and the
    /// social snippets both start from.
    pub summary_text: String,
    /// Was the summary cut with `<!-- more -->`?
    pub has_more: bool,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose.
    pub word_count: usize,
    /// Whole minutes to read.
    pub reading_time: usize,
}

/// A page's whole body as HTML.
pub type Html = Arc<str>;

/// Where a page stands among the others, which the site gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// Tags with their URLs.
    pub tags: Vec<TermRef>,
    /// Categories with their URLs.
    pub categories: Vec<TermRef>,
    /// The post's tags as hashtags, the usable ones without case-insensitive
    /// duplicates, in tag order; each platform takes the first few.
    #[serde(skip)]
    pub hashtags: Vec<String>,
    /// Translations of this page, itself included (empty when none).
    pub translations: Vec<crate::seo::Alternate>,
    /// Newer post, for posts.
    pub newer: Option<PageRef>,
    /// Older post, for posts.
    pub older: Option<PageRef>,
}

/// One page of the site, whole but for its HTML: what lists, feeds, head
/// metadata and social text read.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// From its front matter and address.
    pub outline: &'a Outline,
    /// From its Markdown.
    pub body: &'a Body,
    /// From the rest of the site.
    pub place: &'a Place,
}

impl Deref for Page<'_> {
    type Target = Outline;

    fn deref(&self) -> &Outline {
        self.outline
    }
}
