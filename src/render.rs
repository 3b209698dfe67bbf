//! Render stage: turn the site model into HTML through tera templates.
//!
//! Each post's summary view is serialised once and reused by every list
//! and term page it appears on; page bodies are never copied into lists.
//! Rendering runs on all cores and hands each finished file straight to
//! the writer, so no build holds the whole site's HTML in memory.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::error::{Diagnostic, Error, Result};
use crate::feeds;
use crate::i18n::{Numerals, Strings};
use crate::load::Kind;
use crate::seo::{self, FeedLink};
use crate::site::{DateView, Page, Site, Taxonomy, Term, TermRef};
use crate::templates::{template_error, Templates};
use crate::theme::{self, NavSpec};

/// What a list page shows of a post.
#[derive(Serialize)]
struct Summary<'a> {
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
    fn new(p: &'a Page, numerals: Numerals) -> Self {
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
fn page_value(p: &Page, numerals: Numerals) -> Value {
    let mut v = serde_json::to_value(p).expect("pages serialise");
    for (key, date) in [("date", &p.date), ("updated", &p.updated)] {
        if let Some(d) = date {
            v[key] = serde_json::to_value(shown(d, &p.lang, numerals)).expect("dates serialise");
        }
    }
    v["reading_time_display"] = Value::String(numerals.show(&p.reading_time.to_string(), &p.lang));
    v
}

/// One page of a paginated list.
#[derive(Serialize)]
struct Paginator<'a> {
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
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    permalink: String,
}

/// One file to render.
enum Job<'a> {
    Post(&'a Page),
    Page(&'a Page),
    Index(usize),
    TaxonomyList(&'a Taxonomy),
    Term(&'a Taxonomy, &'a Term, usize),
    NotFound,
}

/// A rendered file: output-relative path and its bytes.
pub type Output = (String, String);

/// Everything render needs, prepared once.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    strings: &'a Strings,
    base: Context,
    summaries: Vec<Value>,
    nav: Vec<NavSpec>,
    numerals: Numerals,
}

impl<'a> Renderer<'a> {
    /// Prepares the shared context and every post's summary view.
    pub fn new(
        site: &'a Site,
        templates: &'a Templates,
        strings: &'a Strings,
        site_ctx: &Value,
    ) -> Result<Renderer<'a>> {
        let numerals = Numerals::from_extra(&site.config.extra);
        let nav = theme::nav_specs(&site.config)?;
        let mut base = Context::new();
        base.insert("config", &site.config);
        base.insert("site", site_ctx);
        base.insert("services_page", &site.page(Kind::Services).map(|p| page_value(p, numerals)));
        let summaries = site
            .posts
            .par_iter()
            .map(|p| serde_json::to_value(Summary::new(p, numerals)).expect("summaries serialise"))
            .collect();
        Ok(Renderer { site, templates, strings, base, summaries, nav, numerals })
    }

    /// Renders every page and hands each to `sink`, collecting all errors.
    pub fn render_all(&self, sink: &(dyn Fn(Output) -> Result<()> + Sync)) -> Result<usize> {
        self.render_where(&|_| true, sink)
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
        let all: Vec<usize> = (0..self.site.posts.len()).collect();
        let links: HashSet<&str> = posts.iter().map(|&i| self.site.posts[i].permalink.as_str()).collect();
        self.render_where(
            &|job| match job {
                Job::Post(p) => links.contains(p.permalink.as_str()),
                Job::Index(n) => on_page(&all, *n),
                Job::Term(_, term, n) => on_page(&term.posts, *n),
                Job::Page(_) | Job::TaxonomyList(_) | Job::NotFound => false,
            },
            sink,
        )
    }

    /// Every output path the full render would write, without rendering.
    pub fn paths(&self) -> Vec<String> {
        self.jobs().iter().map(|j| self.job_file(j)).collect()
    }

    fn job_file(&self, job: &Job) -> String {
        match job {
            Job::Post(p) | Job::Page(p) => format!("{}index.html", p.dir),
            Job::Index(n) => format!("{}index.html", page_dir("", *n)),
            Job::TaxonomyList(t) => format!("{}/index.html", t.name),
            Job::Term(_, term, n) => format!("{}index.html", page_dir(&term.dir, *n)),
            Job::NotFound => "404.html".to_string(),
        }
    }

    fn render_where(
        &self,
        keep: &(dyn Fn(&Job) -> bool + Sync),
        sink: &(dyn Fn(Output) -> Result<()> + Sync),
    ) -> Result<usize> {
        let jobs: Vec<Job> = self.jobs().into_iter().filter(|j| keep(j)).collect();
        let errors: Vec<Error> = jobs.par_iter().filter_map(|job| self.render_job(job).and_then(sink).err()).collect();
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

    fn render_job(&self, job: &Job) -> Result<Output> {
        let site = self.site;
        let mut ctx = self.base.clone();
        let (template, dir, lang, current) = match job {
            Job::Post(p) | Job::Page(p) => {
                ctx.insert("page", &page_value(p, self.numerals));
                ctx.insert("meta", &seo::for_page(site, p, self.feed_links(None)));
                if matches!(job, Job::Post(_)) {
                    ctx.insert("share", &crate::social::share::links(&site.config.social, p));
                }
                let default = match (job, p.kind) {
                    (Job::Post(_), _) => "post.html",
                    (_, Kind::Services) => "services.html",
                    _ => "page.html",
                };
                (p.template.as_deref().unwrap_or(default), p.dir.clone(), p.lang.as_str(), p.permalink.clone())
            }
            Job::Index(n) => {
                let all: Vec<usize> = (0..site.posts.len()).collect();
                let pager = self.paginator(&all, "", *n);
                let current = pager.pages[n - 1].permalink.clone();
                ctx.insert("paginator", &pager);
                ctx.insert("home", &site.page(Kind::Home));
                let title = (*n > 1).then(|| {
                    format!(
                        "{} {n}",
                        self.strings.for_lang(&site.config.language)["page_of"].as_str().unwrap_or("Page")
                    )
                });
                ctx.insert(
                    "meta",
                    &seo::for_list(
                        site,
                        title.as_deref(),
                        &current,
                        &site.config.language,
                        *n == 1,
                        self.feed_links(None),
                    ),
                );
                ("index.html", page_dir("", *n), site.config.language.as_str(), current)
            }
            Job::TaxonomyList(tax) => {
                ctx.insert("taxonomy", tax);
                let title = self.strings.for_lang(&site.config.language)[tax.name.as_str()]
                    .as_str()
                    .unwrap_or(&tax.name)
                    .to_string();
                ctx.insert(
                    "meta",
                    &seo::for_list(
                        site,
                        Some(&title),
                        &tax.permalink,
                        &site.config.language,
                        false,
                        self.feed_links(None),
                    ),
                );
                ("taxonomy_list.html", format!("{}/", tax.name), site.config.language.as_str(), tax.permalink.clone())
            }
            Job::Term(tax, term, n) => {
                let pager = self.paginator(&term.posts, &term.dir, *n);
                let current = pager.pages[n - 1].permalink.clone();
                ctx.insert("taxonomy", tax);
                ctx.insert("term", term);
                ctx.insert("paginator", &pager);
                let feeds = self.feed_links(Some((&term.dir, &term.name)));
                ctx.insert(
                    "meta",
                    &seo::for_list(site, Some(&term.name), &current, &site.config.language, false, feeds),
                );
                ("taxonomy_term.html", page_dir(&term.dir, *n), site.config.language.as_str(), current)
            }
            Job::NotFound => {
                let url = format!("{}404.html", site.config.base());
                let title = self.strings.for_lang(&site.config.language)["not_found_title"]
                    .as_str()
                    .unwrap_or("Not found")
                    .to_string();
                ctx.insert(
                    "meta",
                    &seo::for_list(site, Some(&title), &url, &site.config.language, false, self.feed_links(None)),
                );
                ("404.html", String::new(), site.config.language.as_str(), url)
            }
        };
        ctx.insert("lang", lang);
        ctx.insert("t", self.strings.for_lang(lang));
        ctx.insert("nav", &theme::nav(&self.nav, site, self.strings.for_lang(lang)));
        ctx.insert("current_url", &current);
        let file = if matches!(job, Job::NotFound) { "404.html".to_string() } else { format!("{dir}index.html") };
        let html = self.render(template, &ctx, &file)?;
        Ok((file, html))
    }

    fn render(&self, template: &str, ctx: &Context, file: &str) -> Result<String> {
        if !self.templates.files.iter().any(|(n, _)| n == template) {
            return Err(Diagnostic::general(format!("missing template `{template}` (needed for {file})"))
                .hint(format!("add templates/{template} to your site or theme"))
                .into());
        }
        self.templates.tera.render(template, ctx).map_err(|e| template_error(&e, &self.templates.files).into())
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
        let newest_of = |posts: &[usize]| posts.iter().filter_map(|&i| lastmod(&site.posts[i])).max();
        let all: Vec<usize> = (0..site.posts.len()).collect();
        let site_newest = newest_of(&all);
        let mut out = Vec::new();
        for job in self.jobs() {
            match job {
                Job::Post(p) | Job::Page(p) => {
                    out.push((p.permalink.clone(), lastmod(p).or_else(|| site_newest.clone())))
                }
                Job::Index(n) => {
                    out.push((self.paginator(&all, "", n).pages[n - 1].permalink.clone(), site_newest.clone()))
                }
                Job::TaxonomyList(t) => out.push((t.permalink.clone(), site_newest.clone())),
                Job::Term(_, term, n) => out.push((
                    self.paginator(&term.posts, &term.dir, n).pages[n - 1].permalink.clone(),
                    newest_of(&term.posts),
                )),
                Job::NotFound => {}
            }
        }
        out
    }

    fn paginator(&self, posts: &[usize], dir: &str, n: usize) -> Paginator<'_> {
        let per = self.site.config.posts_per_page;
        let total = pages_for(posts.len(), per);
        let base = self.site.config.base();
        let url = |k: usize| format!("{base}{}", crate::slug::encode_path(&page_dir(dir, k)));
        let start = (n - 1) * per;
        let items = posts.iter().skip(start).take(per).map(|&i| &self.summaries[i]).collect();
        let lang = &self.site.config.language;
        Paginator {
            items,
            current: n,
            total,
            current_display: self.numerals.show(&n.to_string(), lang),
            total_display: self.numerals.show(&total.to_string(), lang),
            prev: (n > 1).then(|| url(n - 1)),
            next: (n < total).then(|| url(n + 1)),
            first: url(1),
            last: url(total),
            pages: (1..=total).map(|k| PagerLink { number: k, permalink: url(k) }).collect(),
        }
    }
}

fn lastmod(p: &Page) -> Option<String> {
    p.updated.as_ref().or(p.date.as_ref()).map(|d| d.iso.clone())
}

/// Number of list pages for `count` posts; an empty list still gets one.
fn pages_for(count: usize, per: usize) -> usize {
    count.div_ceil(per.max(1)).max(1)
}

/// `dir` for page 1, `dir/page/N/` after that.
fn page_dir(dir: &str, n: usize) -> String {
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
}
