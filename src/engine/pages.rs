//! The pages: each placed file's outline and body, made again only when
//! what they are made from changed, and each page's own file rendered as
//! soon as its body is done.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::fingerprint::{self, Fp};
use super::inputs::ThemeState;
use super::outputs::{Recorder, Shared};
use super::sink::Sink;
use super::Engine;
use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::link::{Links, Placed, Plan};
use crate::load::{Kind, Source};
use crate::markdown::MarkdownOptions;
use crate::page::{Body, Html, Outline};
use crate::render::Renderer;
use crate::site::{Entry, Site, SiteMap};

/// An outline, and what it was made from.
pub(super) struct OutlineMemo {
    key: Fp,
    outline: Arc<Outline>,
    pub fp: Fp,
}

impl OutlineMemo {
    /// An outline made from what `key` fingerprints.
    pub fn new(key: Fp, outline: Arc<Outline>, fp: Fp) -> OutlineMemo {
        OutlineMemo { key, outline, fp }
    }
}

/// A parsed body, what it was made from, and (when kept) its HTML.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct BodyMemo {
    pub key: Fp,
    /// The content files its links lead to.
    targets: Arc<[String]>,
    /// Where they led.
    links: Fp,
    pub body: Arc<Body>,
    pub fp: Fp,
    /// Not kept in the build cache: a page rendered anew without it parses
    /// its Markdown again.
    #[serde(skip)]
    pub html: Option<Html>,
    pub html_fp: Fp,
}

/// Posts one parallel job parses and renders at most: small enough that the
/// last jobs spread over every core, large enough that scheduling them
/// costs nothing measurable.
const POSTS_PER_JOB: usize = 64;

/// What the pages stage needs from the stages before it.
pub(super) struct PagesIn<'a> {
    pub map: SiteMap,
    pub theme: &'a ThemeState,
    pub plan: Plan,
    pub out: &'a Recorder<'a>,
    pub errors: Vec<Diagnostic>,
}

/// A body made or found for one page, or why its Markdown failed.
type Made = std::result::Result<BodyMemo, Vec<Diagnostic>>;

/// What the pages stage gives the stages after it.
pub(super) struct Built<'a> {
    /// The site.
    pub site: Site,
    /// The parts its pages share.
    pub shared: Shared<'a>,
    /// The HTML of the posts feeds show whole.
    pub full: HashMap<usize, Html>,
    /// Each post's outline and body fingerprints, in post order.
    pub fps: Vec<(Fp, Fp)>,
    /// How many bodies were parsed.
    pub parsed: usize,
}

impl Engine {
    /// Each placed source's outline (made again only when its source, its
    /// address or its bundle changed), and the site map they make.
    pub(super) fn outline(
        &mut self,
        config: &Arc<Config>,
        plan: &Plan,
        assets: &HashMap<String, Vec<String>>,
        files: Vec<String>,
    ) -> (SiteMap, Vec<Diagnostic>) {
        let now = self.opts.filter().now.instant;
        let config_fp = self.config_fp();
        let memo = &self.memo.outlines;
        let made: Vec<std::result::Result<OutlineMemo, Vec<Diagnostic>>> = plan
            .placed
            .par_iter()
            .map(|placed| {
                let assets = assets.get(&placed.source.rel).map_or(&[][..], Vec::as_slice);
                let key = outline_key(placed, assets, config_fp, now);
                match memo.get(&placed.source.rel) {
                    Some(m) if m.key == key => Ok(OutlineMemo { key, outline: m.outline.clone(), fp: m.fp }),
                    _ => parse::prepare(placed, assets.to_vec(), config, now).map(|o| {
                        let fp = fingerprint::outline(&o);
                        OutlineMemo { key, outline: Arc::new(o), fp }
                    }),
                }
            })
            .collect();
        // The memo is updated in place: most outlines are the ones it has.
        let (mut outlines, mut errors) = (Vec::with_capacity(made.len()), Vec::new());
        for made in made {
            match made {
                Ok(m) => {
                    outlines.push(m.outline.clone());
                    match self.memo.outlines.get_mut(&m.outline.source) {
                        Some(old) => *old = m,
                        None => {
                            self.memo.outlines.insert(m.outline.source.clone(), m);
                        }
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        if self.memo.outlines.len() != outlines.len() {
            let placed: std::collections::HashSet<&str> = outlines.iter().map(|o| o.source.as_str()).collect();
            self.memo.outlines.retain(|rel, _| placed.contains(rel.as_str()));
        }
        (SiteMap::assemble(config.clone(), outlines, files), errors)
    }

    /// An outline's fingerprint, by its source file.
    pub(super) fn outline_fp(&self, rel: &str) -> Fp {
        self.memo.outlines.get(rel).map_or(0, |m| m.fp)
    }

    /// Parses every page's Markdown (again only where it changed) and
    /// renders each page's own file where its inputs changed, posts as soon
    /// as their Markdown is done. Fails with every content error found so
    /// far and here.
    pub(super) fn pages<'a>(&mut self, input: PagesIn<'a>) -> Result<Built<'a>> {
        let PagesIn { map, theme, plan, out, mut errors } = input;
        let mut sources: HashMap<String, Arc<Source>> =
            plan.placed.into_iter().map(|Placed { source, .. }| (source.rel.clone(), source)).collect();
        let mut take = |entries: &[Entry]| -> Vec<Arc<Source>> {
            entries.iter().map(|e| sources.remove(&e.outline.source).expect("every page has its source")).collect()
        };
        let (page_sources, post_sources) = (take(&map.pages), take(&map.posts));
        drop(sources);
        let made = self.parse_all(&map.pages, page_sources, &plan.links, true, None);
        let (pages, page_errors) = split(made);
        errors.extend(page_errors);
        let Some(pages) = pages.filter(|_| errors.is_empty()) else {
            // Posts are still parsed, so that their errors are listed too.
            errors.extend(split(self.parse_all(&map.posts, post_sources, &plan.links, false, None)).1);
            return Err(Error::Content(errors));
        };
        let shared = Shared::new(self, &map, theme, &pages);
        let services = map.page(Kind::Services).map(|(i, e)| (e.page(&pages[i].body), pages[i].html()));
        let renderer =
            Renderer::new(&map, &theme.templates, &theme.strings, services.as_ref().map(|(p, h)| (*p, &**h)));
        let renderer = renderer?;
        let keep: HashSet<usize> = crate::feeds::shown_in_full(&map);
        let sink = Sink { renderer: &renderer, map: &map, out, shared: &shared, keep: &keep };
        let made = self.parse_all(&map.posts, post_sources, &plan.links, self.mode.keep_html, Some(&sink));
        let (posts, post_errors) = split(made);
        let Some(posts) = posts else { return Err(Error::Content(post_errors)) };
        sink.pages(&pages)?;
        let parsed = self.remember_bodies(&map, &posts, &pages);
        drop(renderer);
        let full = keep.iter().filter_map(|&i| posts[i].html.clone().map(|h| (i, h))).collect();
        let site = Site {
            post_bodies: posts.iter().map(|m| m.body.clone()).collect(),
            page_bodies: pages.iter().map(|m| m.body.clone()).collect(),
            page_html: pages.iter().map(BodyMemo::html).collect(),
            map,
        };
        let fps = map_fps(self, &site.map, &posts);
        Ok(Built { site, shared, full, fps, parsed })
    }

    /// Parses every page's Markdown without rendering anything.
    pub(super) fn site_only(&mut self, map: SiteMap, plan: Plan, mut errors: Vec<Diagnostic>) -> Result<Site> {
        let mut sources: HashMap<String, Arc<Source>> =
            plan.placed.into_iter().map(|Placed { source, .. }| (source.rel.clone(), source)).collect();
        let mut take = |entries: &[Entry]| -> Vec<Arc<Source>> {
            entries.iter().map(|e| sources.remove(&e.outline.source).expect("every page has its source")).collect()
        };
        let (page_sources, post_sources) = (take(&map.pages), take(&map.posts));
        let (pages, page_errors) = split(self.parse_all(&map.pages, page_sources, &plan.links, true, None));
        let (posts, post_errors) = split(self.parse_all(&map.posts, post_sources, &plan.links, false, None));
        errors.extend(page_errors.into_iter().chain(post_errors));
        match (pages, posts) {
            (Some(pages), Some(posts)) if errors.is_empty() => Ok(Site {
                post_bodies: posts.iter().map(|m| m.body.clone()).collect(),
                page_bodies: pages.iter().map(|m| m.body.clone()).collect(),
                page_html: pages.iter().map(BodyMemo::html).collect(),
                map,
            }),
            _ => Err(Error::Content(errors)),
        }
    }

    /// Each entry's body, from the memo where its source, outline and
    /// link targets are as they were, else parsed; with `sink`, each
    /// entry's own file is rendered as soon as its body is there.
    fn parse_all(
        &self,
        entries: &[Entry],
        sources: Vec<Arc<Source>>,
        links: &Links,
        keep_html: bool,
        sink: Option<&Sink>,
    ) -> Vec<Made> {
        let config = self.memo.config.as_ref().map(|(_, c)| c.clone()).expect("config loaded");
        let markdown = MarkdownOptions::from(&*config);
        entries
            .par_iter()
            .zip(sources)
            .enumerate()
            // Posts vary a lot in cost (code blocks, length); in small jobs the
            // last ones spread over all cores instead of one core finishing a
            // long run alone while the others wait.
            .with_max_len(POSTS_PER_JOB)
            .map(|(i, (entry, source))| {
                let key = body_key(&source, self.outline_fp(&source.rel));
                // A body kept without its HTML (the build cache keeps none)
                // is parsed again when the HTML is to be kept.
                let memo = self.memo.bodies.get(&source.rel).filter(|m| {
                    m.key == key && m.links == link_fp(&m.targets, links) && (m.html.is_some() || !keep_html)
                });
                let (mut made, fresh) = match memo {
                    Some(m) => (m.clone(), None),
                    None => {
                        let parsed = parse::body(&entry.outline, &source, links, markdown, &config)?;
                        (memo_of(key, &parsed, links), Some(parsed.html))
                    }
                };
                drop(source);
                if let Some(sink) = sink {
                    sink.post(i, &made, fresh.as_ref(), || self.html_again(entry, links, markdown, &config))?;
                }
                made.html = (keep_html || sink.is_some_and(|s| s.keep.contains(&i)))
                    .then(|| fresh.or(made.html.take()))
                    .flatten();
                Ok(made)
            })
            .collect()
    }
}

impl Engine {
    /// A post's HTML made again, for a page that must be rendered anew
    /// when its HTML was not kept (a one-shot build keeps none).
    fn html_again(&self, entry: &Entry, links: &Links, markdown: MarkdownOptions, config: &Config) -> Html {
        let content = self.opts.root.join("content");
        let tz = config.tz();
        let read = crate::load::read_source(&content, &entry.outline.source, &tz);
        let parsed =
            read.ok().and_then(|(source, _)| parse::body(&entry.outline, &source, links, markdown, config).ok());
        parsed.map_or_else(|| Html::from(""), |p| p.html)
    }

    /// Keeps this build's bodies for the next; returns how many were parsed.
    fn remember_bodies(&mut self, map: &SiteMap, posts: &[BodyMemo], pages: &[BodyMemo]) -> usize {
        let before = std::mem::take(&mut self.memo.bodies);
        let entries = map.posts.iter().zip(posts).chain(map.pages.iter().zip(pages));
        let mut parsed = 0;
        for (entry, made) in entries {
            let rel = &entry.outline.source;
            if before.get(rel).is_none_or(|m| m.key != made.key || !Arc::ptr_eq(&m.body, &made.body)) {
                parsed += 1;
            }
            self.memo.bodies.insert(rel.clone(), made.clone());
        }
        parsed
    }
}

/// Each post's outline and body fingerprints.
fn map_fps(engine: &Engine, map: &SiteMap, posts: &[BodyMemo]) -> Vec<(Fp, Fp)> {
    map.posts.iter().zip(posts).map(|(e, m)| (engine.outline_fp(&e.outline.source), m.fp)).collect()
}

/// The bodies in order if none failed, and every failure's diagnostics.
fn split(made: Vec<Made>) -> (Option<Vec<BodyMemo>>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut ok = Vec::with_capacity(made.len());
    for m in made {
        match m {
            Ok(m) => ok.push(m),
            Err(e) => errors.extend(e),
        }
    }
    (errors.is_empty().then_some(ok), errors)
}

/// A fresh body's memo.
pub(super) fn memo_of(key: Fp, parsed: &parse::Parsed, links: &Links) -> BodyMemo {
    BodyMemo {
        key,
        links: link_fp(&parsed.targets, links),
        targets: parsed.targets.clone().into(),
        fp: fingerprint::body(&parsed.body),
        body: Arc::new(parsed.body.clone()),
        html_fp: fingerprint::bytes(parsed.html.as_bytes()),
        html: None,
    }
}

/// What an outline is made from: its source's bytes, its address, its
/// bundle's files and the config; and for the services page, the moment,
/// since its opening hours are shown as of now.
pub(super) fn outline_key(placed: &Placed, assets: &[String], config: Fp, now: jiff::Timestamp) -> Fp {
    let at = (placed.source.kind == Kind::Services).then(|| now.as_second());
    fingerprint::of(&(placed.source.hash, &placed.slug, &placed.dir, &placed.permalink, assets, config, at))
}

/// What a body is made from: its source's bytes and its outline (whose
/// description, address and language its summary and reading time use).
pub(super) fn body_key(source: &Source, outline_fp: Fp) -> Fp {
    fingerprint::of(&(source.hash, outline_fp))
}

/// Where `targets` lead now: the same for the same URLs and reasons.
fn link_fp(targets: &[String], links: &Links) -> Fp {
    let now: Vec<(Option<&String>, Option<&&str>)> =
        targets.iter().map(|t| (links.urls.get(t), links.hidden.get(t))).collect();
    fingerprint::of(&now)
}

impl BodyMemo {
    /// What the memo is, for telling whether a cache must be written
    /// again: everything but the HTML.
    pub fn signature(&self) -> (Fp, Fp, Fp, Fp) {
        (self.key, self.links, self.fp, self.html_fp)
    }

    /// The HTML, which a page that is not a post always keeps.
    pub fn html(&self) -> Html {
        self.html.clone().expect("a page's HTML is kept")
    }
}

use crate::parse;
