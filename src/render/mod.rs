//! Render stage: turn the site model into HTML through tera templates.
//!
//! Each post's summary view is serialised once and reused by every list
//! and term page it appears on; page bodies are never copied into lists.
//! Rendering runs on all cores and hands each finished file straight to
//! the writer, so no build holds the whole site's HTML in memory.

mod frames;
mod paginate;
mod views;

use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::feeds;
use crate::i18n::{Numerals, Strings};
use crate::load::Kind;
use crate::seo::FeedLink;
use crate::site::{Page, Site, Taxonomy, Term};
use crate::templates::{template_error, Templates};
use crate::theme;
use crate::write::Origin;
use paginate::{page_dir, page_url, pages_for, Pagination};
use views::{page_value, Summary};

/// One file to render.
enum Job<'a> {
    Post(&'a Page),
    Page(&'a Page),
    Index(usize),
    TaxonomyList(&'a Taxonomy),
    Term(&'a Taxonomy, &'a Term, usize),
    NotFound,
}

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

/// Everything render needs, prepared once.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    strings: &'a Strings,
    /// Per language: the values every page in it shares (`config`, `site`,
    /// `services_page`, `lang`, `t`, `nav`), made once and copied per page.
    shared: HashMap<String, Vars>,
    summaries: Vec<Value>,
    /// Each of `site.taxonomies` as a template value, made once: every
    /// term page shows its taxonomy, and serialising all its terms again
    /// for each of them made a post with 4,000 tags take 16 million.
    taxonomies: Vec<Value>,
    /// `0..posts.len()`: the home list, made once.
    all_posts: Vec<usize>,
    numerals: Numerals,
}

impl<'a> Renderer<'a> {
    /// Prepares the shared context and every post's summary view.
    pub fn new(
        site: &'a Site,
        templates: &'a Templates,
        strings: &'a Strings,
        site_ctx: &serde_json::Value,
    ) -> Result<Renderer<'a>> {
        let mut renderer = Renderer::for_posts(site, templates, strings, site_ctx)?;
        renderer.summaries =
            site.posts.par_iter().map(|p| Value::from_serializable(&Summary::new(p, renderer.numerals))).collect();
        Ok(renderer)
    }

    /// A renderer for post pages alone ([`Renderer::render_post`]), which
    /// need no list summaries: a build renders posts while their Markdown
    /// is still being parsed, before any summary exists.
    pub fn for_posts(
        site: &'a Site,
        templates: &'a Templates,
        strings: &'a Strings,
        site_ctx: &serde_json::Value,
    ) -> Result<Renderer<'a>> {
        let numerals = Numerals::from_extra(&site.config.extra);
        let nav = theme::nav_specs(&site.config)?;
        let mut base = Vars::new();
        set(&mut base, "config", &site.config);
        set(&mut base, "site", site_ctx);
        base.insert_value(
            "services_page",
            site.page(Kind::Services).map_or_else(Value::none, |p| page_value(p, numerals)),
        );
        let mut langs: BTreeSet<&str> = site.posts.iter().chain(&site.pages).map(|p| p.lang.as_str()).collect();
        langs.insert(&site.config.language);
        let shared = langs
            .into_iter()
            .map(|lang| {
                let strings = strings.for_lang(lang);
                let mut vars = base.clone();
                set(&mut vars, "lang", lang);
                set(&mut vars, "t", strings);
                set(&mut vars, "nav", &theme::nav(&nav, site, strings));
                (lang.to_string(), vars)
            })
            .collect();
        let all_posts = (0..site.posts.len()).collect();
        let taxonomies = site.taxonomies.iter().map(Value::from_serializable).collect();
        Ok(Renderer { site, templates, strings, shared, summaries: Vec::new(), taxonomies, all_posts, numerals })
    }

    /// `tax` as its template value, shared by every page that shows it.
    fn taxonomy_value(&self, tax: &Taxonomy) -> Value {
        let i = self.site.taxonomies.iter().position(|t| std::ptr::eq(t, tax));
        i.map_or_else(|| Value::from_serializable(tax), |i| self.taxonomies[i].clone())
    }

    /// Renders every page and hands each to `sink`, collecting all errors.
    pub fn render_all(&self, sink: &(dyn Fn(Output) -> Result<()> + Sync)) -> Result<usize> {
        self.render_where(&|_| true, sink)
    }

    /// Renders every page but the posts' own, which a build renders as it
    /// parses them ([`Renderer::render_post`]).
    pub fn render_all_but_posts(&self, sink: &(dyn Fn(Output) -> Result<()> + Sync)) -> Result<usize> {
        self.render_where(&|job| !matches!(job, Job::Post(_)), sink)
    }

    /// Renders one post's page. `post` is a post of the site, in a copy
    /// that carries its HTML.
    pub fn render_post(&self, post: &Page) -> Result<Output> {
        self.render_job(&Job::Post(post))
    }

    /// Renders the pages that show any of `posts` (indices into
    /// `site.posts`), for rebuilds after a body edit: the post itself and
    /// the list and term pages its summary appears on.
    pub fn render_touching(
        &self,
        posts: &HashSet<usize>,
        sink: &(dyn Fn(Output) -> Result<()> + Sync),
    ) -> Result<usize> {
        let per = self.site.config.posts_per_page;
        let on_page = |list: &[usize], n: usize| list.iter().skip((n - 1) * per).take(per).any(|i| posts.contains(i));
        let all = &self.all_posts;
        let links: HashSet<&str> = posts.iter().map(|&i| self.site.posts[i].permalink.as_str()).collect();
        self.render_where(
            &|job| match job {
                Job::Post(p) => links.contains(p.permalink.as_str()),
                Job::Index(n) => on_page(all, *n),
                Job::Term(_, term, n) => on_page(&term.posts, *n),
                Job::Page(_) | Job::TaxonomyList(_) | Job::NotFound => false,
            },
            sink,
        )
    }

    /// Every output path the full render would write, without rendering.
    pub fn paths(&self) -> Vec<String> {
        self.jobs().iter().map(job_file).collect()
    }

    fn render_where(
        &self,
        keep: &(dyn Fn(&Job) -> bool + Sync),
        sink: &(dyn Fn(Output) -> Result<()> + Sync),
    ) -> Result<usize> {
        let jobs: Vec<Job> = self.jobs().into_iter().filter(|j| keep(j)).collect();
        let errors: Vec<Error> =
            jobs.par_iter().map(|job| self.render_job(job).and_then(sink).err()).flatten().collect();
        if errors.is_empty() {
            return Ok(jobs.len());
        }
        let mut diags: Vec<Diagnostic> = errors.iter().flat_map(Error::diagnostics).collect();
        diags.dedup();
        Err(Error::Content(diags))
    }

    fn jobs(&self) -> Vec<Job<'a>> {
        let site = self.site;
        let mut jobs: Vec<Job> = site.posts.iter().map(Job::Post).collect();
        jobs.extend(site.pages.iter().filter(|p| p.kind != Kind::Home).map(Job::Page));
        let per = site.config.posts_per_page;
        jobs.extend((1..=pages_for(site.posts.len(), per)).map(Job::Index));
        for tax in &site.taxonomies {
            jobs.push(Job::TaxonomyList(tax));
            for term in &tax.terms {
                jobs.extend((1..=pages_for(term.posts.len(), per)).map(|n| Job::Term(tax, term, n)));
            }
        }
        jobs.push(Job::NotFound);
        jobs
    }

    /// Fills the context for one job, then renders its template.
    fn render_job(&self, job: &Job) -> Result<Output> {
        let lang = match job {
            Job::Post(p) | Job::Page(p) => p.lang.as_str(),
            _ => self.site.config.language.as_str(),
        };
        let mut ctx = self.shared.get(lang).expect("a context for every language").clone();
        let frame = match job {
            Job::Post(p) | Job::Page(p) => self.page_frame(&mut ctx, p, matches!(job, Job::Post(_))),
            Job::Index(n) => self.index_frame(&mut ctx, *n),
            Job::TaxonomyList(tax) => self.taxonomy_frame(&mut ctx, tax),
            Job::Term(tax, term, n) => self.term_frame(&mut ctx, tax, term, *n),
            Job::NotFound => self.not_found_frame(&mut ctx),
        };
        set(&mut ctx, "current_url", &frame.url);
        let file = job_file(job);
        let html = self.render(frame.template, &ctx, &file)?;
        Ok(Output { path: file, html, origin: job_origin(job) })
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
        let c = &self.site.config;
        let mut links = Vec::new();
        let mut add = |dir: &str, title: &str| {
            if c.feeds.rss {
                links.push(FeedLink {
                    title: format!("{title} (RSS)"),
                    href: feeds::url(self.site, dir, "rss.xml"),
                    mime: "application/rss+xml",
                });
            }
            if c.feeds.atom {
                links.push(FeedLink {
                    title: format!("{title} (Atom)"),
                    href: feeds::url(self.site, dir, "atom.xml"),
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

    /// Every HTML page of the site but the 404, with its last change, for
    /// the sitemap.
    pub fn sitemap_entries(&self) -> Vec<(String, Option<String>)> {
        let site = self.site;
        let base = site.config.base();
        let newest_of = |posts: &[usize]| posts.iter().filter_map(|&i| lastmod(&site.posts[i])).max();
        let site_newest = site.posts.iter().filter_map(lastmod).max();
        // A term's pages come one after another: scan its posts once, not
        // once per page (that was quadratic in the term's size).
        let mut term_newest: Option<(&str, Option<String>)> = None;
        let mut out = Vec::new();
        for job in self.jobs() {
            match job {
                Job::Post(p) | Job::Page(p) => {
                    out.push((p.permalink.clone(), lastmod(p).or_else(|| site_newest.clone())))
                }
                Job::Index(n) => out.push((page_url(&base, "", n), site_newest.clone())),
                Job::TaxonomyList(t) => out.push((t.permalink.clone(), site_newest.clone())),
                Job::Term(_, term, n) => {
                    if term_newest.as_ref().is_none_or(|(dir, _)| *dir != term.dir) {
                        term_newest = Some((&term.dir, newest_of(&term.posts)));
                    }
                    let newest = term_newest.as_ref().and_then(|(_, d)| d.clone());
                    out.push((page_url(&base, &term.dir, n), newest))
                }
                Job::NotFound => {}
            }
        }
        out
    }

    /// How lists are split into pages, shown in the site's language.
    fn pagination(&self, base: &'a str) -> Pagination<'a> {
        let c = &self.site.config;
        Pagination { base, per: c.posts_per_page, numerals: self.numerals, lang: &c.language }
    }
}

/// The output file a job writes.
fn job_file(job: &Job) -> String {
    match job {
        Job::Post(p) | Job::Page(p) => format!("{}index.html", p.dir),
        Job::Index(n) => format!("{}index.html", page_dir("", *n)),
        Job::TaxonomyList(t) => format!("{}/index.html", t.name),
        Job::Term(_, term, n) => format!("{}index.html", page_dir(&term.dir, *n)),
        Job::NotFound => "404.html".to_string(),
    }
}

/// What a job's file is made from, as a writer would name it.
fn job_origin(job: &Job) -> Origin {
    match job {
        Job::Post(p) | Job::Page(p) => Origin::file(format!("content/{}", p.source)),
        Job::Index(n) => Origin::samvad(format!("page {n} of the home page's list")),
        Job::TaxonomyList(t) => Origin::samvad(format!("the list of all {}", t.name)),
        Job::Term(t, term, n) => Origin::samvad(format!("page {n} of the {} page `{}`", t.name, term.name)),
        Job::NotFound => Origin::samvad("the 404 page"),
    }
}

fn lastmod(p: &Page) -> Option<String> {
    p.updated.as_ref().or(p.date.as_ref()).map(|d| d.iso.clone())
}
