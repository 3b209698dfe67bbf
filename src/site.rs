//! The site every output is made from, in two steps. [`SiteMap`] orders
//! the pages from their front matter alone: posts newest first, their
//! neighbours, terms and translations. [`Site`] adds each page's [`Body`]
//! once its Markdown is parsed. A build can so render each post's page as
//! soon as its Markdown is done, knowing its place among the others.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::config::Config;
use crate::load::Kind;
use crate::page::{Body, Html, Outline, Page, PageRef, Place, TermRef};
use crate::slug::{self, encode_path};

/// A page and its place in the site.
#[derive(Debug, Clone)]
pub struct Entry {
    /// From its front matter.
    pub outline: Arc<Outline>,
    /// Its neighbours, terms and translations.
    pub place: Place,
}

impl Entry {
    /// The page, given its body.
    pub fn page<'a>(&'a self, body: &'a Body) -> Page<'a> {
        Page { outline: &self.outline, body, place: &self.place }
    }
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
    /// Indices into [`SiteMap::posts`], newest first.
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

/// The site as its front matter lays it out.
#[derive(Debug)]
pub struct SiteMap {
    /// Site config.
    pub config: Arc<Config>,
    /// Posts, newest first.
    pub posts: Vec<Entry>,
    /// Indices of every post, newest first: the home page's list.
    pub home_list: Vec<usize>,
    /// Other pages (about, services, home intro), in content order.
    pub pages: Vec<Entry>,
    /// Enabled taxonomies.
    pub taxonomies: Vec<Taxonomy>,
    /// Content files outside bundles, copied as-is.
    pub files: Vec<String>,
}

impl SiteMap {
    /// Sorts posts, links neighbours, translations and terms.
    pub fn assemble(config: Arc<Config>, outlines: Vec<Arc<Outline>>, files: Vec<String>) -> SiteMap {
        let translations = translations(&outlines);
        let (mut posts, mut pages) = (Vec::new(), Vec::new());
        for (outline, translations) in outlines.into_iter().zip(translations) {
            let entry = Entry { outline, place: Place { translations, ..Place::default() } };
            match entry.outline.kind {
                Kind::Post => posts.push(entry),
                _ => pages.push(entry),
            }
        }
        posts.sort_by(|a, b| {
            let (a, b) = (&a.outline, &b.outline);
            b.sort_date.cmp(&a.sort_date).then_with(|| a.title.cmp(&b.title)).then_with(|| a.source.cmp(&b.source))
        });
        link_neighbours(&mut posts);
        crate::social::hashtag::fill(&mut posts);
        let taxonomies = config.taxonomies.iter().map(|name| build_taxonomy(name, &mut posts, &config)).collect();
        let home_list = (0..posts.len()).collect();
        SiteMap { config, posts, home_list, pages, taxonomies, files }
    }

    /// The page of this kind (services, home), if the site has one.
    pub fn page(&self, kind: Kind) -> Option<(usize, &Entry)> {
        self.pages.iter().enumerate().find(|(_, p)| p.outline.kind == kind)
    }
}

/// The site with every page's body.
#[derive(Debug)]
pub struct Site {
    /// The layout.
    pub map: SiteMap,
    /// Each post's body, in [`SiteMap::posts`] order.
    pub post_bodies: Vec<Arc<Body>>,
    /// Each page's body, in [`SiteMap::pages`] order.
    pub page_bodies: Vec<Arc<Body>>,
    /// Each page's HTML, in [`SiteMap::pages`] order: a site has few pages
    /// and the home list and every page's context show some of them
    /// (`home`, `services_page`). Posts' HTML is not kept.
    pub page_html: Vec<Html>,
}

impl Site {
    /// The config.
    pub fn config(&self) -> &Config {
        &self.map.config
    }

    /// Post `i`, newest first.
    pub fn post(&self, i: usize) -> Page<'_> {
        self.map.posts[i].page(&self.post_bodies[i])
    }

    /// Every post, newest first.
    pub fn posts(&self) -> impl ExactSizeIterator<Item = Page<'_>> + Clone {
        self.map.posts.iter().zip(&self.post_bodies).map(|(e, b)| e.page(b))
    }

    /// Every page that is not a post.
    pub fn pages(&self) -> impl Iterator<Item = Page<'_>> + Clone {
        self.map.pages.iter().zip(&self.page_bodies).map(|(e, b)| e.page(b))
    }

    /// The page of this kind (services, home), if the site has one, and
    /// its HTML.
    pub fn page(&self, kind: Kind) -> Option<(Page<'_>, &str)> {
        self.map.page(kind).map(|(i, e)| (e.page(&self.page_bodies[i]), &*self.page_html[i]))
    }
}

/// Groups pages joined by `translation_of` (in either direction) and gives
/// every member the whole group, so each page can link to all the others.
fn translations(pages: &[Arc<Outline>]) -> Vec<Vec<crate::seo::Alternate>> {
    let group_of = |p: &Outline| p.translation_of.clone().unwrap_or_else(|| p.source.clone());
    let mut groups: BTreeMap<String, Vec<crate::seo::Alternate>> = BTreeMap::new();
    for p in pages {
        groups.entry(group_of(p)).or_default().push(crate::seo::Alternate {
            lang: p.lang.clone(),
            href: p.permalink.clone(),
            title: p.title.clone(),
        });
    }
    for group in groups.values_mut() {
        group.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.href.cmp(&b.href)));
    }
    pages
        .iter()
        .map(|p| match &groups[&group_of(p)] {
            group if group.len() > 1 => group.clone(),
            _ => Vec::new(),
        })
        .collect()
}

fn link_neighbours(posts: &mut [Entry]) {
    let refs: Vec<PageRef> = posts
        .iter()
        .map(|p| PageRef { title: p.outline.title.clone(), permalink: p.outline.permalink.clone() })
        .collect();
    for (i, post) in posts.iter_mut().enumerate() {
        post.place.newer = i.checked_sub(1).map(|j| refs[j].clone());
        post.place.older = refs.get(i + 1).cloned();
    }
}

/// Groups posts by term. Terms that differ only in case or punctuation
/// share a slug and so share a page; the first spelling wins.
fn build_taxonomy(name: &str, posts: &mut [Entry], config: &Config) -> Taxonomy {
    let base = config.base();
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    // A site has few terms and many uses of each: each spelling is
    // slugified once. This runs on one core while the others wait.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (i, post) in posts.iter_mut().enumerate() {
        let mut refs = Vec::new();
        for raw in post.outline.terms(name) {
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
            "tags" => post.place.tags = refs,
            _ => post.place.categories = refs,
        }
    }
    Taxonomy { name: name.to_string(), permalink: format!("{base}{name}/"), terms: terms.into_values().collect() }
}
