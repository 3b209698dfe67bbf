//! Head metadata for search engines and link previews: description,
//! canonical URL, Open Graph, Twitter cards, JSON-LD and hreflang.
//!
//! Everything is computed here, ready-made, so a theme only prints it and
//! no theme author has to get escaping or date formats right.

use serde::Serialize;
use serde_json::{json, Value};

use crate::absolute::resolve;
use crate::config::Config;
use crate::load::Kind;
use crate::page::{DateView, Page};
use crate::text::{json_for_script, truncate_words};

/// A translation of the current page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// Absolute URL.
    pub href: String,
    /// The translation's title, for the language switch.
    pub title: String,
}

/// A feed to announce with `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// Human title.
    pub title: String,
    /// Absolute URL.
    pub href: String,
    /// MIME type.
    pub mime: &'static str,
}

/// Everything a theme's `<head>` needs.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// Text for `<title>`.
    pub title: String,
    /// Meta description, cut at a word boundary to about 160 characters.
    pub description: String,
    /// Canonical URL.
    pub canonical: String,
    /// `article` for posts, `website` otherwise.
    pub og_type: &'static str,
    /// Absolute preview image URL.
    pub image: Option<String>,
    /// Open Graph locale, e.g. `hi_IN`.
    pub locale: String,
    /// Post publication time (RFC 3339).
    pub published: Option<String>,
    /// Post modification time (RFC 3339).
    pub modified: Option<String>,
    /// Post tags, for `article:tag`.
    pub tags: Vec<String>,
    /// `summary_large_image` when there is an image, else `summary`.
    pub twitter_card: &'static str,
    /// JSON-LD, already safe inside `<script>`.
    pub json_ld: String,
    /// Translations, including this page, for hreflang.
    pub alternates: Vec<Alternate>,
    /// Feeds to announce.
    pub feeds: Vec<FeedLink>,
}

/// The Open Graph locale for a language code.
pub fn locale(lang: &str) -> String {
    match lang {
        "en" | "hi" => format!("{lang}_IN"),
        other => other.replace('-', "_"),
    }
}

/// Absolute URL of an image given in front matter or config.
pub fn image_url(image: &str, page_url: &str, base: &str) -> String {
    if image.starts_with('/') {
        format!("{}{}", base.trim_end_matches('/'), image)
    } else {
        resolve(image, page_url)
    }
}

/// Metadata for a post or page.
pub fn for_page(config: &Config, page: Page, feeds: Vec<FeedLink>) -> Meta {
    let base = config.base();
    let description = match &page.description {
        Some(d) => truncate_words(d, 160),
        None => truncate_words(&page.body.summary_text, 160),
    };
    let description = if description.is_empty() { truncate_words(&config.description, 160) } else { description };
    let image = page
        .image
        .as_deref()
        .map(|i| image_url(i, &page.permalink, &base))
        .or_else(|| config.default_image.as_deref().map(|i| image_url(i, &base, &base)));
    let is_post = page.kind == Kind::Post;
    let modified = page.updated.as_ref().or(page.date.as_ref()).map(|d| d.iso.clone());
    let json_ld = match (&page.services, is_post) {
        (Some(data), _) => {
            let provider = if config.author.is_empty() { &config.title } else { &config.author };
            script_json(&crate::services::json_ld(data, provider, &page.permalink, &page.lang))
        }
        (None, true) => post_json_ld(config, page, &description, image.as_deref()),
        (None, false) => script_json(&web_page_json_ld(config, page, &description)),
    };
    Meta {
        title: format!("{} · {}", page.title, config.title),
        description,
        canonical: page.permalink.clone(),
        og_type: if is_post { "article" } else { "website" },
        twitter_card: if image.is_some() { "summary_large_image" } else { "summary" },
        image,
        locale: locale(&page.lang),
        published: if is_post { page.date.as_ref().map(|d| d.iso.clone()) } else { None },
        modified: if is_post { modified } else { None },
        tags: page.place.tags.iter().map(|t| t.name.clone()).collect(),
        json_ld,
        alternates: page.place.translations.clone(),
        feeds,
    }
}

/// Metadata for list pages (home, tags, 404).
pub fn for_list(c: &Config, title: Option<&str>, url: &str, lang: &str, home: bool, feeds: Vec<FeedLink>) -> Meta {
    let json_ld = if home {
        json!({"@context": "https://schema.org", "@type": "WebSite", "name": c.title, "url": c.base(),
               "description": c.description, "inLanguage": lang})
    } else {
        json!({"@context": "https://schema.org", "@type": "CollectionPage", "name": title.unwrap_or(&c.title), "url": url})
    };
    Meta {
        title: title.map_or_else(|| c.title.clone(), |t| format!("{t} · {}", c.title)),
        description: truncate_words(&c.description, 160),
        canonical: url.to_string(),
        og_type: "website",
        twitter_card: if c.default_image.is_some() { "summary_large_image" } else { "summary" },
        image: c.default_image.as_deref().map(|i| image_url(i, &c.base(), &c.base())),
        locale: locale(lang),
        published: None,
        modified: None,
        tags: Vec::new(),
        json_ld: script_json(&json_ld),
        alternates: Vec::new(),
        feeds,
    }
}

/// JSON for a `<script>` element, which nothing in it can close.
fn script_json(v: &impl Serialize) -> String {
    json_for_script(&serde_json::to_string(v).expect("JSON-LD serialises"))
}

/// A post's JSON-LD: the posting and where it sits in the site. Built from
/// borrowed fields and written straight out, since every post has one.
/// Fields are listed in the order they are written.
#[derive(Serialize)]
struct PostGraph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: (Posting<'a>, Breadcrumbs<'a>),
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Posting<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Author<'a>,
    date_modified: Option<&'a str>,
    date_published: Option<&'a str>,
    description: &'a str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    in_language: &'a str,
    keywords: String,
    main_entity_of_page: &'a str,
    url: &'a str,
    word_count: usize,
}

/// The author of a post: a Person, or the site as an Organization.
#[derive(Serialize)]
struct Author<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Breadcrumbs<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: [Crumb<'a>; 2],
}

#[derive(Serialize)]
struct Crumb<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: &'a str,
    name: &'a str,
    position: usize,
}

/// A post's JSON-LD, ready for its `<script>` element.
fn post_json_ld(config: &Config, page: Page, description: &str, image: Option<&str>) -> String {
    let base = config.base();
    let base = base.as_str();
    // Without a named author the site itself wrote the post: it is an
    // Organization, not a Person called by the site's title.
    let author = match page.author.is_empty() {
        true => Author { kind: "Organization", name: &config.title, url: base },
        false => Author { kind: "Person", name: &page.author, url: base },
    };
    let posting = Posting {
        id: format!("{}#post", page.permalink),
        kind: "BlogPosting",
        author,
        date_modified: page.updated.as_ref().or(page.date.as_ref()).map(iso),
        date_published: page.date.as_ref().map(iso),
        description,
        headline: &page.title,
        image,
        in_language: &page.lang,
        keywords: page.place.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
        main_entity_of_page: &page.permalink,
        url: &page.permalink,
        word_count: page.body.word_count,
    };
    let crumb = |position, name, item| Crumb { kind: "ListItem", item, name, position };
    let crumbs = Breadcrumbs {
        kind: "BreadcrumbList",
        item_list_element: [crumb(1, &config.title, base), crumb(2, &page.title, &page.permalink)],
    };
    script_json(&PostGraph { context: "https://schema.org", graph: (posting, crumbs) })
}

fn iso(date: &DateView) -> &str {
    &date.iso
}

fn web_page_json_ld(config: &Config, page: Page, description: &str) -> Value {
    json!({"@context": "https://schema.org", "@type": "WebPage", "name": page.title, "url": page.permalink,
           "description": description, "inLanguage": page.lang, "isPartOf": {"@type": "WebSite", "url": config.base()}})
}
