//! The site model every output is made from: pages, posts in date order,
//! and taxonomies. Built once per build, then only read.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::config::Config;
use crate::dates::Date;
use crate::load::Kind;
use crate::markdown::TocEntry;
use crate::slug::{self, encode_path};

/// A date as templates want it: preformatted, so templates hold no logic.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct TermRef {
    /// The term as the writer spelled it.
    pub name: String,
    /// Its slug.
    pub slug: String,
    /// Its page's absolute URL.
    pub permalink: String,
}

/// A link to a neighbouring post.
#[derive(Debug, Clone, Serialize)]
pub struct PageRef {
    /// Title.
    pub title: String,
    /// Absolute URL.
    pub permalink: String,
}

/// A rendered page or post.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
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
    /// Tags with their URLs.
    pub tags: Vec<TermRef>,
    /// Categories with their URLs.
    pub categories: Vec<TermRef>,
    /// Author.
    pub author: String,
    /// Preview image, as written.
    pub image: Option<String>,
    /// Full HTML body.
    pub content: String,
    /// Summary HTML.
    pub summary: String,
    /// The post's tags as hashtags, the usable ones without case-insensitive
    /// duplicates, in tag order; each platform takes the first few.
    #[serde(skip)]
    pub hashtags: Vec<String>,
    /// The summary as plain text, which the meta description and the
    /// social snippets both start from.
    #[serde(skip)]
    pub summary_text: String,
    /// Was the summary cut with `<!-- more -->`?
    pub has_more: bool,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose.
    pub word_count: usize,
    /// Whole minutes to read.
    pub reading_time: usize,
    /// Front matter `extra`.
    pub extra: serde_json::Value,
    /// Translations of this page, itself included (empty when none).
    pub translations: Vec<crate::seo::Alternate>,
    /// Newer post, for posts.
    pub newer: Option<PageRef>,
    /// Older post, for posts.
    pub older: Option<PageRef>,
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
    /// Raw tag names, before term lookup.
    #[serde(skip)]
    pub raw_terms: BTreeMap<String, Vec<String>>,
    /// Services data from front matter.
    #[serde(skip)]
    pub data: serde_json::Map<String, serde_json::Value>,
    /// Content path of the page this one translates.
    #[serde(skip)]
    pub translation_of: Option<String>,
    /// The services page's data, ready for its template.
    pub services: Option<Box<crate::services::ServicesPage>>,
    /// `[social]` front matter, checked.
    #[serde(skip)]
    pub social: crate::social::post::PostSocial,
}

/// One term of a taxonomy and the posts filed under it.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// Display name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Absolute URL.
    pub permalink: String,
    /// Number of posts.
    pub count: usize,
    /// Output folder (unencoded).
    #[serde(skip)]
    pub dir: String,
    /// Indices into [`Site::posts`], newest first.
    #[serde(skip)]
    pub posts: Vec<usize>,
}

/// A taxonomy (`tags` or `categories`).
#[derive(Debug, Clone, Serialize)]
pub struct Taxonomy {
    /// `tags` or `categories`.
    pub name: String,
    /// Absolute URL of the term list.
    pub permalink: String,
    /// Terms sorted by slug.
    pub terms: Vec<Term>,
}

/// Everything a build outputs is made from this.
#[derive(Debug)]
pub struct Site {
    /// Site config.
    pub config: Config,
    /// Posts, newest first.
    pub posts: Vec<Page>,
    /// Other pages (about, services, home intro).
    pub pages: Vec<Page>,
    /// Enabled taxonomies.
    pub taxonomies: Vec<Taxonomy>,
    /// Content files outside bundles, copied as-is.
    pub files: Vec<String>,
}

impl Site {
    /// Sorts posts, links neighbours and builds taxonomies.
    pub fn assemble(config: Config, pages: Vec<Page>, files: Vec<String>) -> Site {
        let mut posts = pages;
        link_translations(&mut posts);
        // The few pages leave; the posts stay where they are rather than
        // move to a new vector.
        let pages: Vec<Page> = posts.extract_if(.., |p| p.kind != Kind::Post).collect();
        posts.sort_by(|a, b| {
            b.sort_date.cmp(&a.sort_date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.source.cmp(&b.source))
        });
        link_neighbours(&mut posts);
        crate::social::hashtag::fill(&mut posts);
        let taxonomies = config.taxonomies.iter().map(|name| build_taxonomy(name, &mut posts, &config)).collect();
        Site { config, posts, pages, taxonomies, files }
    }

    /// The page made from `content/<rel>`.
    pub fn page(&self, kind: Kind) -> Option<&Page> {
        self.pages.iter().find(|p| p.kind == kind)
    }
}

/// Groups pages joined by `translation_of` (in either direction) and gives
/// every member the whole group, so each page can link to all the others.
fn link_translations(pages: &mut [Page]) {
    let group_of = |p: &Page| p.translation_of.clone().unwrap_or_else(|| p.source.clone());
    let mut groups: BTreeMap<String, Vec<crate::seo::Alternate>> = BTreeMap::new();
    for p in pages.iter() {
        groups.entry(group_of(p)).or_default().push(crate::seo::Alternate {
            lang: p.lang.clone(),
            href: p.permalink.clone(),
            title: p.title.clone(),
        });
    }
    for p in pages.iter_mut() {
        let group = &groups[&group_of(p)];
        if group.len() > 1 {
            p.translations = group.clone();
            p.translations.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.href.cmp(&b.href)));
        } else {
            p.translations.clear();
        }
    }
}

fn link_neighbours(posts: &mut [Page]) {
    let refs: Vec<PageRef> =
        posts.iter().map(|p| PageRef { title: p.title.clone(), permalink: p.permalink.clone() }).collect();
    for (i, post) in posts.iter_mut().enumerate() {
        post.newer = i.checked_sub(1).map(|j| refs[j].clone());
        post.older = refs.get(i + 1).cloned();
    }
}

/// Groups posts by term. Terms that differ only in case or punctuation
/// share a slug and so share a page; the first spelling wins.
fn build_taxonomy(name: &str, posts: &mut [Page], config: &Config) -> Taxonomy {
    let base = config.base();
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    // A site has few terms and many uses of each: each spelling is
    // slugified once. This runs on one core while the others wait.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (i, post) in posts.iter_mut().enumerate() {
        let mut refs = Vec::new();
        for raw in post.raw_terms.get(name).into_iter().flatten() {
            if !slugs.contains_key(raw) {
                let slug = slug::slugify(raw, config.slugify).unwrap_or_else(|| format!("term-{}", raw.len()));
                slugs.insert(raw.clone(), slug);
            }
            let slug = slugs[raw].clone();
            let term = terms.entry(slug.clone()).or_insert_with(|| {
                let dir = format!("{name}/{slug}/");
                Term {
                    name: raw.clone(),
                    slug: slug.clone(),
                    permalink: format!("{base}{}", encode_path(&dir)),
                    count: 0,
                    dir,
                    posts: Vec::new(),
                }
            });
            if term.posts.last() != Some(&i) {
                term.posts.push(i);
                term.count += 1;
                refs.push(TermRef { name: term.name.clone(), slug, permalink: term.permalink.clone() });
            }
        }
        match name {
            "tags" => post.tags = refs,
            _ => post.categories = refs,
        }
    }
    Taxonomy { name: name.to_string(), permalink: format!("{base}{name}/"), terms: terms.into_values().collect() }
}
