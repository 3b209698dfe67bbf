//! The output files: each with a fingerprint of what it is made from, made
//! and written again only when that changed since it was last written.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use super::fingerprint::{self, Fp};
use super::inputs::ThemeState;
use super::pages::BodyMemo;
use super::Engine;
use crate::error::Result;
use crate::feeds::{self, FeedSpec};
use crate::load::Kind;
use crate::page::Html;
use crate::render::{Job, Renderer, SiteInfo};
use crate::site::{Site, SiteMap};
use crate::write::{Origin, Staging};

/// `robots.txt`, which samvad writes unless the site or theme has its own.
pub(crate) const ROBOTS: &str = "robots.txt";

/// Copies each `(source, output-relative path)` pair, on all cores. A
/// file is named relative to `root` should another input make the same
/// output file.
fn copy(files: &[(crate::theme::FileSource, String)], out: &Recorder, root: &std::path::Path) -> Result<()> {
    use crate::theme::FileSource;
    use rayon::prelude::*;
    files.par_iter().try_for_each(|(from, rel)| {
        let bytes = from.read()?;
        let origin = match from {
            FileSource::Disk(path) => Origin::file(path.strip_prefix(root).unwrap_or(path).to_string_lossy()),
            FileSource::Builtin(_) => Origin::samvad(format!("the theme's static/{rel}")),
        };
        out.file(rel, origin, fingerprint::bytes(&bytes), || Ok(bytes.into_owned()))
    })
}

/// Writes output files through the staging folder, each only when its
/// fingerprint differs from the one it had when last written, and records
/// every file's fingerprint for the next build.
pub(super) struct Recorder<'a> {
    pub staging: &'a Staging,
    previous: &'a HashMap<String, Fp>,
    current: Mutex<HashMap<String, Fp>>,
    /// What every page of the site shares: config, theme, site values.
    shared: AtomicU64,
    rendered: AtomicUsize,
}

impl<'a> Recorder<'a> {
    /// A recorder for `staging`, after a build that wrote `previous`.
    pub fn new(staging: &'a Staging, previous: &'a HashMap<String, Fp>) -> Recorder<'a> {
        let current = Mutex::new(HashMap::with_capacity(previous.len()));
        Recorder { staging, previous, current, shared: AtomicU64::new(0), rendered: AtomicUsize::new(0) }
    }

    /// Sets what every page shares.
    pub fn set_shared(&self, fp: Fp) {
        self.shared.store(fp, Ordering::Relaxed);
    }

    /// What every page shares.
    pub fn shared(&self) -> Fp {
        self.shared.load(Ordering::Relaxed)
    }

    /// Writes `path`, which `make` makes, unless it was last written from
    /// inputs with the fingerprint `fp` and is still there as written.
    pub fn file(&self, path: &str, origin: Origin, fp: Fp, make: impl FnOnce() -> Result<Vec<u8>>) -> Result<()> {
        let unchanged = self.previous.get(path) == Some(&fp);
        if !(unchanged && self.staging.keep(path, origin.clone())) {
            let bytes = make()?;
            self.rendered.fetch_add(1, Ordering::Relaxed);
            self.staging.put(path, &bytes, origin)?;
        }
        self.current.lock().expect("lock").insert(path.to_string(), fp);
        Ok(())
    }

    /// Files made so far.
    pub fn made(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    /// Every file's fingerprint, for the next build.
    pub fn into_fingerprints(self) -> HashMap<String, Fp> {
        self.current.into_inner().expect("lock")
    }
}

impl Engine {
    /// What every page's context shares: the config, the theme, the site's
    /// own values, the navigation's pages, and the pages every context
    /// carries (`services_page`, `home`).
    pub(super) fn shared_fp(&self, map: &SiteMap, theme: &ThemeState, pages: &[BodyMemo]) -> Fp {
        let info = serde_json::to_string(&SiteInfo::new(map)).unwrap_or_default();
        let pages: Vec<(Fp, Fp, Fp)> =
            map.pages.iter().zip(pages).map(|(e, m)| (self.outline_fp(&e.outline.source), m.fp, m.html_fp)).collect();
        fingerprint::of(&(self.config_fp(), theme.fp, info, pages))
    }

    /// Renders the lists, feeds, sitemap and robots.txt, and copies the
    /// static and content files, each where its inputs changed.
    pub(super) fn lists_and_files(
        &self,
        site: &Site,
        theme: &ThemeState,
        out: &Recorder,
        full: &HashMap<usize, Html>,
    ) -> Result<()> {
        let services = site.page(Kind::Services);
        let renderer = Renderer::new(&site.map, &theme.templates, &theme.strings, services)?;
        self.lists(site, &renderer, out)?;
        self.feeds(site, out, full)?;
        let config_fp = self.config_fp();
        let map = &site.map;
        let entries = crate::sitemap::entries(map);
        out.file("sitemap.xml", Origin::samvad("the sitemap"), fingerprint::of(&(&entries, "sitemap")), || {
            Ok(crate::sitemap::sitemap(&entries).into_bytes())
        })?;
        let root = &self.opts.root;
        let statics = crate::assets::merged_static(&theme.source, &root.join("static"));
        // The one generated file a static file may replace (documented).
        if !statics.iter().any(|(_, rel)| rel == ROBOTS) {
            out.file(
                ROBOTS,
                Origin::samvad("the generated robots.txt"),
                fingerprint::of(&(config_fp, ROBOTS)),
                || Ok(crate::sitemap::robots(&map.config).into_bytes()),
            )?;
        }
        let css = Origin::samvad("the code highlighting stylesheet");
        out.file("highlight.css", css, fingerprint::of("highlight.css"), || {
            Ok(crate::highlight::stylesheet().into_bytes())
        })?;
        let mut files = statics;
        files.extend(crate::assets::content_files(map, &root.join("content")));
        copy(&files, out, root)
    }

    /// The home list, taxonomy and term pages, and the 404 page.
    fn lists(&self, site: &Site, renderer: &Renderer, out: &Recorder) -> Result<()> {
        let map = &site.map;
        let lists = renderer.lists(site);
        let summary = |i: usize| {
            let e = &map.posts[i];
            let body = &site.post_bodies[i];
            fingerprint::of(&(
                self.outline_fp(&e.outline.source),
                fingerprint::body(body),
                &e.place.tags,
                &e.place.categories,
            ))
        };
        let taxonomies: Vec<Fp> =
            map.taxonomies.iter().map(|t| fingerprint::of(&serde_json::to_string(t).unwrap_or_default())).collect();
        let jobs: Vec<Job> = Job::all(map).into_iter().filter(|j| !matches!(j, Job::Post(_) | Job::Page(_))).collect();
        let home = map.page(Kind::Home).map(|(i, _)| i);
        crate::render::render_each(&jobs, &|job| {
            let listed: Vec<Fp> = job.listed(map).iter().map(|&i| summary(i)).collect();
            let own = match job {
                Job::TaxonomyList(t) | Job::Term { taxonomy: t, .. } => taxonomies[t],
                _ => 0,
            };
            let fp = fingerprint::of(&(out.shared(), job, map.posts.len(), listed, own, home));
            out.file(&job.file(map), job.origin(map), fp, || Ok(lists.render(job)?.html))
        })
    }

    /// Every feed, in every enabled format.
    fn feeds(&self, site: &Site, out: &Recorder, full: &HashMap<usize, Html>) -> Result<()> {
        let config = site.config();
        let whole = |i: usize| full.get(&i).cloned().unwrap_or_else(|| Html::from(""));
        for spec in feeds::specs(&site.map) {
            let fp = self.feed_fp(site, &spec, full);
            for (format, enabled) in [("rss.xml", config.feeds.rss), ("atom.xml", config.feeds.atom)] {
                if !enabled {
                    continue;
                }
                let path = format!("{}{format}", spec.dir);
                let origin = Origin::samvad(format!("the feed {path}"));
                out.file(&path, origin, fingerprint::of(&(fp, format)), || {
                    Ok(match format {
                        "rss.xml" => feeds::rss(site, &spec, &whole),
                        _ => feeds::atom(site, &spec, &whole),
                    }
                    .into_bytes())
                })?;
            }
        }
        Ok(())
    }

    /// A feed's fingerprint: its own values and each entry it lists.
    fn feed_fp(&self, site: &Site, spec: &FeedSpec, full: &HashMap<usize, Html>) -> Fp {
        let entries: Vec<(Fp, Fp, Fp)> = feeds::listed(site.config(), spec)
            .iter()
            .map(|&i| {
                let e = &site.map.posts[i];
                let html = full.get(&i).map_or(0, |h| fingerprint::bytes(h.as_bytes()));
                (self.outline_fp(&e.outline.source), fingerprint::body(&site.post_bodies[i]), html)
            })
            .collect();
        let places: Vec<(&[crate::page::TermRef], &[crate::page::TermRef])> = feeds::listed(site.config(), spec)
            .iter()
            .map(|&i| (&site.map.posts[i].place.tags[..], &site.map.posts[i].place.categories[..]))
            .collect();
        fingerprint::of(&(
            self.config_fp(),
            &spec.title,
            &spec.dir,
            &spec.link,
            &spec.lang,
            &spec.term,
            entries,
            places,
        ))
    }
}
