//! Render stage: turn the site into HTML through tera templates.
//!
//! [`Renderer`] holds what every page's context starts from, made once
//! per language, and renders a post's or page's own file from its body and
//! HTML. [`Lists`] renders the home list, the taxonomy and term pages and
//! the 404 page, which show post summaries: each summary is made into a
//! template value at most once, when a list first shows it, so a rebuild
//! that re-renders one list page pays for its ten summaries alone.

mod frames;
mod jobs;
mod paginate;
mod views;

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::feeds;
use crate::i18n::{Numerals, Strings};
use crate::load::Kind;
use crate::page::Page;
use crate::seo::FeedLink;
use crate::site::{Site, SiteMap};
use crate::templates::{template_error, Templates};
use crate::theme;
use crate::write::Origin;
pub use jobs::Job;
use paginate::Pagination;
pub use paginate::{page_url, pages_for};
use views::{page_value, Summary};

/// A rendered file.
pub struct Output {
    /// Output-relative path.
    pub path: String,
    /// The file's bytes (UTF-8).
    pub html: Vec<u8>,
    /// What it was made from, should something else make the same file.
    pub origin: Origin,
}

/// A page's template variables. tera's values share their strings, lists
/// and maps, so a copy of the site-wide ones per page costs a few counters.
type Vars = Context;

/// Serialises `value` under `key`.
fn set(vars: &mut Vars, key: &'static str, value: &(impl Serialize + ?Sized)) {
    vars.insert(key, value);
}

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    /// `base_url` with exactly one trailing slash.
    pub base_url: String,
    /// Every page but posts and the home intro.
    pub nav: Vec<NavPage<'a>>,
    /// Each enabled taxonomy with its number of terms.
    pub taxonomies: Vec<TaxonomyInfo<'a>>,
    /// Published posts.
    pub post_count: usize,
    /// URL of the code-highlighting stylesheet.
    pub highlight_css: String,
}

/// A page in [`SiteInfo::nav`].
#[derive(Serialize)]
pub struct NavPage<'a> {
    title: &'a str,
    permalink: &'a str,
    kind: Kind,
}

/// A taxonomy in [`SiteInfo::taxonomies`].
#[derive(Serialize)]
pub struct TaxonomyInfo<'a> {
    name: &'a str,
    permalink: &'a str,
    count: usize,
}

impl<'a> SiteInfo<'a> {
    /// The values of `map`.
    pub fn new(map: &'a SiteMap) -> SiteInfo<'a> {
        let base_url = map.config.base();
        SiteInfo {
            nav: map
                .pages
                .iter()
                .map(|p| &*p.outline)
                .filter(|p| matches!(p.kind, Kind::Page | Kind::Services))
                .map(|p| NavPage { title: &p.title, permalink: &p.permalink, kind: p.kind })
                .collect(),
            taxonomies: map
                .taxonomies
                .iter()
                .map(|t| TaxonomyInfo { name: &t.name, permalink: &t.permalink, count: t.terms.len() })
                .collect(),
            post_count: map.posts.len(),
            highlight_css: format!("{base_url}highlight.css"),
            base_url,
        }
    }
}

/// Everything a page's context starts from, prepared once.
pub struct Renderer<'a> {
    map: &'a SiteMap,
    templates: &'a Templates,
    strings: &'a Strings,
    /// Per language: the values every page in it shares (`config`, `site`,
    /// `services_page`, `lang`, `t`, `nav`), made once and copied per page.
    shared: HashMap<String, Vars>,
    /// Each taxonomy as its template value, made once: every term page
    /// shows its whole taxonomy, and serialising it per term page made a
    /// site's cost grow with the square of its number of terms.
    taxonomies: Vec<Value>,
    numerals: Numerals,
}

/// The services page and its HTML, which every page's context carries.
pub type ServicesPage<'a> = Option<(Page<'a>, &'a str)>;

impl<'a> Renderer<'a> {
    /// Prepares the contexts every page starts from.
    pub fn new(
        map: &'a SiteMap,
        templates: &'a Templates,
        strings: &'a Strings,
        services: ServicesPage,
    ) -> Result<Renderer<'a>> {
        let numerals = Numerals::from_extra(&map.config.extra);
        let nav = theme::nav_specs(&map.config)?;
        let mut base = Vars::new();
        set(&mut base, "config", &*map.config);
        set(&mut base, "site", &SiteInfo::new(map));
        base.insert_value(
            "services_page",
            services.map_or_else(Value::none, |(p, html)| page_value(p, html, numerals)),
        );
        let mut langs: BTreeSet<&str> = map.posts.iter().chain(&map.pages).map(|p| p.outline.lang.as_str()).collect();
        langs.insert(&map.config.language);
        let shared = langs
            .into_iter()
            .map(|lang| {
                let strings = strings.for_lang(lang);
                let mut vars = base.clone();
                set(&mut vars, "lang", lang);
                set(&mut vars, "t", strings);
                set(&mut vars, "nav", &theme::nav(&nav, map, strings));
                (lang.to_string(), vars)
            })
            .collect();
        let taxonomies = map.taxonomies.iter().map(Value::from_serializable).collect();
        Ok(Renderer { map, templates, strings, shared, taxonomies, numerals })
    }

    /// The context every page in `lang` starts from.
    fn context(&self, lang: &str) -> Vars {
        self.shared.get(lang).expect("a context for every language").clone()
    }

    /// A post's or page's own file (`job` is [`Job::Post`] or
    /// [`Job::Page`]), from its body and its HTML.
    pub fn render_page(&self, job: Job, page: Page, html: &str) -> Result<Output> {
        let mut ctx = self.context(&page.lang);
        let frame = self.page_frame(&mut ctx, page, html, matches!(job, Job::Post(_)));
        self.finish(job, frame, ctx)
    }

    /// Renders `frame`'s template into `job`'s file.
    fn finish(&self, job: Job, frame: frames::Frame, mut ctx: Vars) -> Result<Output> {
        set(&mut ctx, "current_url", &frame.url);
        let path = job.file(self.map);
        let html = self.render(job.template(self.map), &ctx, &path)?;
        Ok(Output { path, html, origin: job.origin(self.map) })
    }

    /// Renders into bytes: the files are written as bytes, and tera's
    /// `render` would check the UTF-8 of every page it just produced.
    fn render(&self, template: &str, ctx: &Context, file: &str) -> Result<Vec<u8>> {
        if !self.templates.files.iter().any(|(n, _)| n == template) {
            return Err(Diagnostic::general(format!("missing template `{template}` (needed for {file})"))
                .hint(format!("add templates/{template} to your site or theme"))
                .into());
        }
        let mut html = Vec::with_capacity(32 * 1024);
        self.templates
            .tera
            .render_to(template, ctx, &mut html)
            .map_err(|e| template_error(&e, &self.templates.files))?;
        Ok(html)
    }

    /// Feeds to announce in a page's head: the site's, plus a term's own.
    fn feed_links(&self, term: Option<(&str, &str)>) -> Vec<FeedLink> {
        let c = &self.map.config;
        let mut links = Vec::new();
        let mut add = |dir: &str, title: &str| {
            if c.feeds.rss {
                links.push(FeedLink {
                    title: format!("{title} (RSS)"),
                    href: feeds::url(c, dir, "rss.xml"),
                    mime: "application/rss+xml",
                });
            }
            if c.feeds.atom {
                links.push(FeedLink {
                    title: format!("{title} (Atom)"),
                    href: feeds::url(c, dir, "atom.xml"),
                    mime: "application/atom+xml",
                });
            }
        };
        add("", &c.title);
        if let Some((dir, name)) = term {
            add(dir, &format!("{} · {name}", c.title));
        }
        links
    }

    /// How lists are split into pages, shown in the site's language.
    fn pagination(&self, base: &'a str) -> Pagination<'a> {
        let c = &self.map.config;
        Pagination { base, per: c.posts_per_page, numerals: self.numerals, lang: &c.language }
    }

    /// The renderer of the pages that list posts.
    pub fn lists(&'a self, site: &'a Site) -> Lists<'a> {
        let summaries = (0..site.map.posts.len()).map(|_| OnceLock::new()).collect();
        Lists { renderer: self, site, summaries }
    }
}

/// Renders the pages that list posts: home, taxonomies, terms, and the 404
/// page.
pub struct Lists<'a> {
    renderer: &'a Renderer<'a>,
    site: &'a Site,
    /// Each post's summary as a template value, made when first listed.
    summaries: Vec<OnceLock<Value>>,
}

impl Lists<'_> {
    /// Renders `job`, which is not a post's or page's own file.
    pub fn render(&self, job: Job) -> Result<Output> {
        let r = self.renderer;
        let mut ctx = r.context(&r.map.config.language);
        let frame = match job {
            Job::Index(n) => self.index_frame(&mut ctx, n),
            Job::TaxonomyList(t) => r.taxonomy_frame(&mut ctx, t),
            Job::Term { taxonomy, term, page } => self.term_frame(&mut ctx, taxonomy, term, page),
            Job::NotFound => r.not_found_frame(&mut ctx),
            Job::Post(_) | Job::Page(_) => unreachable!("a page's own file is rendered with its HTML"),
        };
        r.finish(job, frame, ctx)
    }

    /// The summaries of `posts`, made once each.
    fn summaries(&self, posts: &[usize]) -> Vec<&Value> {
        let numerals = self.renderer.numerals;
        posts
            .iter()
            .map(|&i| {
                self.summaries[i].get_or_init(|| Value::from_serializable(&Summary::new(self.site.post(i), numerals)))
            })
            .collect()
    }
}

/// Runs `each` for every job on all cores, reporting every error of the
/// run together.
pub fn render_each(jobs: &[Job], each: &(dyn Fn(Job) -> Result<()> + Sync)) -> Result<()> {
    use rayon::prelude::*;
    let errors: Vec<Error> = jobs.par_iter().filter_map(|&job| each(job).err()).collect();
    if errors.is_empty() {
        return Ok(());
    }
    let mut diags: Vec<Diagnostic> = errors.iter().flat_map(Error::diagnostics).collect();
    diags.dedup();
    Err(Error::Content(diags))
}
