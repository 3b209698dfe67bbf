//! The quick path, for the edit a writer makes most: changing posts'
//! text. When every file an edit touched is a post that is still where it
//! was in the site (same address, title, dates, language, terms, draft
//! flag), only that post's page, the list pages and feeds that show its
//! summary, and its social snippets can change. The quick path re-reads
//! and re-parses those posts alone and fingerprints only the files they
//! reach, so the edit costs the same on a site of a hundred posts and of a
//! hundred thousand.
//!
//! It decides nothing the full path would decide otherwise: its files are
//! fingerprinted and rendered by the same functions. Any doubt (a new or
//! deleted file, a moved post, an error, a warning) and the engine takes
//! the full path, which also reports whatever there is to report.

use std::collections::HashMap;
use std::sync::Arc;

use super::fingerprint::{self, Fp};
use super::inputs::ThemeState;
use super::outputs::{summary_fp, Recorder, Shared};
use super::pages::BodyMemo;
use super::sink::page_fp;
use super::{Changes, Engine};
use crate::build::Report;
use crate::error::Result;
use crate::link::Links;
use crate::load::{Kind, Source};
use crate::markdown::MarkdownOptions;
use crate::page::{Html, Outline};
use crate::render::{Job, Renderer};
use crate::site::Site;

/// What a long-running engine keeps of its last good build for the quick
/// path.
pub(super) struct Last {
    pub site: Site,
    pub theme: Arc<ThemeState>,
    pub links: Links,
    /// Each post's index in the site, by source file.
    pub index: HashMap<String, usize>,
    /// What a list or a feed shows of each post.
    pub summaries: Vec<Fp>,
}

/// One edited post, read and parsed again.
struct Edited {
    i: usize,
    source: Arc<Source>,
    outline: Arc<Outline>,
    outline_key: Fp,
    outline_fp: Fp,
    memo: BodyMemo,
    html: Html,
}

impl Engine {
    /// Builds after `changes` by the quick path, if it can; `None` sends
    /// the build down the full path.
    pub(super) fn quick(&mut self, changes: &Changes) -> Option<Result<Report>> {
        let started = std::time::Instant::now();
        let mut clock = super::Clock(started, Vec::new());
        let edited = self.reread(changes)?;
        clock.lap("read, parse");
        let mut last = self.last.take()?;
        let result = self.apply(&mut last, edited, &mut clock);
        // A failed write leaves the disk as it was: the full path, next
        // time, starts from what is known.
        self.last = result.is_ok().then_some(last);
        Some(result)
    }

    /// The edited posts, read and parsed again, or `None` if the edit may
    /// have moved anything or has anything to report.
    fn reread(&self, changes: &Changes) -> Option<Vec<Edited>> {
        let last = self.last.as_ref()?;
        if changes.everything || changes.paths.is_empty() {
            return None;
        }
        let config = self.memo.config.as_ref().map(|(_, c)| c.clone())?;
        let content = self.opts.root.join("content");
        let mut edited = Vec::new();
        for path in &changes.paths {
            let rel = path.strip_prefix("content").ok()?.to_str()?.replace('\\', "/");
            let Some(&i) = last.index.get(&rel) else {
                // A file that came and went (`sed -i`'s, an editor's) changes
                // nothing; any other is new, or not a post.
                match self.memo.sources.contains_key(&rel) || content.join(&rel).exists() {
                    true => return None,
                    false => continue,
                }
            };
            let (source, warnings) = crate::load::read_source(&content, &rel, &config.tz()).ok()?;
            if !warnings.is_empty() {
                return None;
            }
            edited.push(self.reparse(last, i, source, &config)?);
        }
        Some(edited)
    }

    /// Post `i` from its new `source`, if it stays where it was.
    fn reparse(&self, last: &Last, i: usize, source: Arc<Source>, config: &crate::config::Config) -> Option<Edited> {
        let old = &last.site.map.posts[i].outline;
        let filter = self.opts.filter();
        let assets = last.theme.assets(&self.opts.root);
        let exists = |rel: &str| last.index.contains_key(rel) || self.memo.outlines.contains_key(rel);
        let placed = crate::link::replan(source.clone(), config, &filter, &assets, &exists)?;
        let outline_key = super::pages::outline_key(&placed, &old.assets, self.config_fp(), filter.now.instant);
        let outline = crate::parse::prepare(&placed, old.assets.clone(), config, filter.now.instant).ok()?;
        if structure(&outline) != structure(old) {
            return None;
        }
        let outline_fp = fingerprint::outline(&outline);
        let markdown = MarkdownOptions::from(config);
        let parsed = crate::parse::body(&outline, &source, &last.links, markdown, config).ok()?;
        let key = super::pages::body_key(&source, outline_fp);
        let memo = super::pages::memo_of(key, &parsed, &last.links);
        Some(Edited { i, source, outline: Arc::new(outline), outline_key, outline_fp, memo, html: parsed.html })
    }

    /// Puts the edited posts in the site and writes the files they reach.
    fn apply(&mut self, last: &mut Last, edited: Vec<Edited>, clock: &mut super::Clock) -> Result<Report> {
        let mut affected: Vec<usize> = Vec::new();
        for e in edited {
            let rel = e.outline.source.clone();
            self.remember(&rel, &e);
            last.site.map.posts[e.i].outline = e.outline;
            last.site.post_bodies[e.i] = e.memo.body.clone();
            last.summaries[e.i] = summary_fp((e.outline_fp, e.memo.fp), &last.site.map.posts[e.i]);
            affected.push(e.i);
        }
        clock.lap("update");
        let staging = self.staging()?.carry_over();
        clock.lap("staging");
        let previous = std::mem::take(&mut self.memo.outputs);
        let out = Recorder::new(&staging, &previous);
        let written = self.write_reached(last, &affected, &out);
        clock.lap("render");
        let rendered = out.made();
        let fresh = out.into_fingerprints();
        let mut outputs = previous;
        if let Err(e) = written {
            self.memo.outputs = outputs;
            self.manifest = staging.give_back();
            return Err(e);
        }
        outputs.extend(fresh);
        let mut committed = match staging.commit() {
            Ok(c) => c,
            Err(e) => {
                // What is on disk is no longer known (as in a full build).
                (self.memo.outputs, self.manifest) = (Default::default(), None);
                return Err(e);
            }
        };
        self.memo.outputs = outputs;
        self.manifest = Some(std::mem::take(&mut committed.manifest));
        clock.lap("commit");
        let mut report = self.quick_report(last, affected.len(), committed, clock.0);
        report.rendered = rendered;
        report.stages = std::mem::take(&mut clock.1);
        report.elapsed = report.stages.iter().map(|(_, d)| *d).sum();
        Ok(report)
    }

    /// Keeps an edited post's source, outline and body for later builds.
    fn remember(&mut self, rel: &str, e: &Edited) {
        let read = Ok((e.source.clone(), Vec::new()));
        self.memo.sources.insert(rel.to_string(), super::inputs::SourceMemo::new(e.source.hash, read));
        let outline = super::pages::OutlineMemo::new(e.outline_key, e.outline.clone(), e.outline_fp);
        self.memo.outlines.insert(rel.to_string(), outline);
        let mut memo = e.memo.clone();
        memo.html = Some(e.html.clone());
        self.memo.bodies.insert(rel.to_string(), memo);
    }

    /// Renders and writes the files the edited posts reach.
    fn write_reached(&self, last: &Last, affected: &[usize], out: &Recorder) -> Result<()> {
        let site = &last.site;
        let map = &site.map;
        let theme = &last.theme;
        let pages: Vec<BodyMemo> = map
            .pages
            .iter()
            .map(|e| self.memo.bodies.get(&e.outline.source).cloned())
            .collect::<Option<_>>()
            .ok_or_else(|| crate::error::Diagnostic::general("a page's body was not kept"))?;
        let shared = Shared::new(self, map, theme, &pages);
        let services = site.page(Kind::Services);
        let renderer = Renderer::new(map, &theme.templates, &theme.strings, services)?;
        for &i in affected {
            let rel = &map.posts[i].outline.source;
            let made = self.memo.bodies.get(rel).expect("an edited post's body is kept");
            let job = Job::Post(i);
            let fp = page_fp(&shared, map, job, &map.posts[i].place, made);
            let html = made.html.clone().expect("an edited post's HTML is kept");
            out.file(job.file(map), job.origin(map), fp, || Ok(renderer.render_page(job, site.post(i), &html)?.html))?;
        }
        self.lists(site, &renderer, &shared, out, &last.summaries, &lists_of(site, affected))?;
        let full: HashMap<usize, Html> = crate::feeds::shown_in_full(map)
            .into_iter()
            .filter_map(|i| self.memo.bodies.get(&map.posts[i].outline.source)?.html.clone().map(|h| (i, h)))
            .collect();
        let specs = crate::feeds::specs(map)
            .into_iter()
            .filter(|s| crate::feeds::listed(&map.config, s).iter().any(|i| affected.contains(i)))
            .collect();
        self.feeds(site, out, &full, &last.summaries, specs)
    }

    fn quick_report(
        &self,
        last: &Last,
        parsed: usize,
        c: crate::write::Committed,
        started: std::time::Instant,
    ) -> Report {
        let map = &last.site.map;
        Report {
            pages: Job::all(map).len(),
            posts: map.posts.len(),
            tags: map.taxonomies.iter().find(|t| t.name == "tags").map_or(0, |t| t.terms.len()),
            parsed,
            rendered: 0,
            written: c.written,
            removed: c.removed,
            elapsed: started.elapsed(),
            ..Report::default()
        }
    }
}

/// The list pages that show any of `posts`: the home list's page for each,
/// and each of its terms' pages.
fn lists_of(site: &Site, posts: &[usize]) -> Vec<Job> {
    let map = &site.map;
    let per = map.config.posts_per_page.max(1);
    let mut jobs = Vec::new();
    for &i in posts {
        jobs.push(Job::Index(i / per + 1));
        for (t, tax) in map.taxonomies.iter().enumerate() {
            for (k, term) in tax.terms.iter().enumerate() {
                if let Ok(at) = term.posts.binary_search(&i) {
                    jobs.push(Job::Term { taxonomy: t, term: k, page: at / per + 1 });
                }
            }
        }
    }
    jobs.sort();
    jobs.dedup();
    jobs
}

/// What puts a post in its place among the others: an edit that changes
/// none of it changes nothing outside the post's own page and summary.
fn structure(o: &Outline) -> impl PartialEq + '_ {
    (
        (o.kind, &o.title, &o.slug, &o.permalink, &o.path, &o.dir, &o.lang),
        (&o.date, &o.updated, o.sort_date, o.draft),
        (&o.tag_names, &o.category_names, &o.translation_of, &o.template, &o.aliases),
    )
}
