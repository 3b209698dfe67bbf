//! The output files: each with a fingerprint of what it is made from, made
//! and written again only when that changed since it was last written.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
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
use crate::templates::Templates;
use crate::write::{Origin, Staging};

/// `robots.txt`, which samvad writes unless the site or theme has its own.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The redirects file Netlify and Cloudflare Pages read.
pub(crate) const REDIRECTS: &str = "_redirects";
/// The generated files a file of static/ may replace (documented).
pub(crate) const REPLACEABLE: [&str; 2] = [ROBOTS, REDIRECTS];

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
    previous: &'a FxHashMap<String, Fp>,
    current: Mutex<FxHashMap<String, Fp>>,
    rendered: AtomicUsize,
}

impl<'a> Recorder<'a> {
    /// A recorder for `staging`, after a build that wrote `previous`.
    pub fn new(staging: &'a Staging, previous: &'a FxHashMap<String, Fp>) -> Recorder<'a> {
        let current = Mutex::new(FxHashMap::with_capacity_and_hasher(previous.len(), Default::default()));
        Recorder { staging, previous, current, rendered: AtomicUsize::new(0) }
    }

    /// Writes `path`, which `make` makes, unless it was last written from
    /// inputs with the fingerprint `fp` and is still there as written.
    pub fn file(
        &self,
        path: impl Into<String>,
        origin: Origin,
        fp: Fp,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        let path = path.into();
        let unchanged = self.previous.get(&path) == Some(&fp);
        if !(unchanged && self.staging.keep(&path, origin.clone())) {
            let bytes = make()?;
            self.rendered.fetch_add(1, Ordering::Relaxed);
            self.staging.put(&path, &bytes, origin)?;
        }
        self.current.lock().expect("lock").insert(path, fp);
        Ok(())
    }

    /// Files made so far.
    pub fn made(&self) -> usize {
        self.rendered.load(Ordering::Relaxed)
    }

    /// Every file's fingerprint, for the next build.
    pub fn into_fingerprints(self) -> FxHashMap<String, Fp> {
        self.current.into_inner().expect("lock")
    }
}

/// The parts of page contexts that many pages share, each with a
/// fingerprint, and what each template reads of them: a page's
/// fingerprint takes in only the parts its template reads.
pub(super) struct Shared<'a> {
    templates: &'a Templates,
    /// The config and every UI string, which every page's head shows.
    base: Fp,
    /// Each field of `site`.
    site: Vec<(&'static str, Fp)>,
    /// The pages the navigation lists (its labels come with the strings).
    nav: Fp,
    /// `services_page` and `home`.
    services: Fp,
    home: Fp,
    /// Each taxonomy, as `taxonomy` shows it: its name and link alone,
    /// and whole.
    taxonomies: Vec<(Fp, Fp)>,
}

impl<'a> Shared<'a> {
    /// The shared parts of `map`, whose pages' bodies are `pages`.
    pub fn new(engine: &Engine, map: &SiteMap, theme: &'a ThemeState, pages: &[BodyMemo]) -> Shared<'a> {
        let page_fp = |kind: Kind| {
            map.page(kind).map_or(0, |(i, e)| {
                let place = fingerprint::place(&e.place);
                fingerprint::of(&(engine.outline_fp(&e.outline.source), pages[i].fp, pages[i].html_fp, place))
            })
        };
        let info = SiteInfo::new(map);
        let part = |v: &dyn erased::Json| fingerprint::of(&v.json());
        let config = engine.config_fp();
        let site = vec![
            ("base_url", config),
            ("highlight_css", config),
            ("nav", part(&info.nav)),
            ("taxonomies", part(&info.taxonomies)),
            ("post_count", fingerprint::of(&info.post_count)),
        ];
        let nav_pages: Vec<(u8, &str, &str, bool)> = map
            .pages
            .iter()
            .map(|e| &e.outline)
            .map(|o| (o.kind as u8, o.title.as_str(), o.permalink.as_str(), o.translation_of.is_some()))
            .collect();
        Shared {
            templates: &theme.templates,
            base: fingerprint::of(&(config, theme.strings.fingerprint())),
            site,
            nav: fingerprint::of(&nav_pages),
            services: page_fp(Kind::Services),
            home: page_fp(Kind::Home),
            taxonomies: map
                .taxonomies
                .iter()
                .map(|t| {
                    (
                        fingerprint::of(&(&t.name, &t.permalink)),
                        fingerprint::of(&serde_json::to_string(t).unwrap_or_default()),
                    )
                })
                .collect(),
        }
    }

    /// What `job`'s page takes from the shared parts, through the template
    /// `template`.
    pub fn fp(&self, template: &str, job: Job) -> Fp {
        let Some(usage) = self.templates.usage.get(template).filter(|u| !u.uses("*")) else {
            return fingerprint::of(&(self.base, &self.site, self.nav, self.services, self.home, &self.taxonomies));
        };
        let mut parts: Vec<Fp> = vec![self.base, usage.fp];
        if usage.uses("site") {
            let site = usage.fields("site");
            parts.extend(self.site.iter().filter(|(name, _)| site.reads(name)).map(|(_, fp)| *fp));
        }
        for (var, fp) in [("nav", self.nav), ("services_page", self.services), ("home", self.home)] {
            if usage.uses(var) {
                parts.push(fp);
            }
        }
        if let (true, Job::TaxonomyList(t) | Job::Term { taxonomy: t, .. }) = (usage.uses("taxonomy"), job) {
            let (own, whole) = self.taxonomies[t];
            let reads = usage.fields("taxonomy");
            parts.push(if reads.reads("terms") { whole } else { own });
        }
        fingerprint::of(&parts)
    }
}

/// What a list or a feed shows of a post: its outline's and body's
/// fingerprints, and its terms.
pub(super) fn summary_fp((outline, body): (Fp, Fp), entry: &crate::site::Entry) -> Fp {
    fingerprint::of(&(outline, body, &entry.place.tags, &entry.place.categories))
}

/// A list page's fingerprint: what its template reads of the shared
/// parts, its path (not the job, which names terms by their place in a
/// list that a new term shifts), what it lists, and how long its list is.
pub(super) fn list_fp(map: &SiteMap, shared: &Shared, job: Job, path: &str, summaries: &[Fp]) -> Fp {
    let listed: Vec<Fp> = job.listed(map).iter().map(|&i| summaries[i]).collect();
    let own = match job {
        Job::Term { taxonomy, term, .. } => {
            let t = &map.taxonomies[taxonomy].terms[term];
            Some((&t.name, &t.slug, &t.permalink, t.count))
        }
        Job::Index(_) => Some((&map.config.title, &map.config.title, &map.config.title, map.posts.len())),
        _ => None,
    };
    fingerprint::of(&(shared.fp(job.template(map), job), path, listed, own))
}

/// Values hashed through their JSON form.
mod erased {
    /// A value's JSON text.
    pub trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

impl Engine {
    /// Renders the lists, feeds, sitemap and robots.txt, and copies the
    /// static and content files, each where its inputs changed; returns
    /// what a list shows of each post, for the quick path.
    pub(super) fn lists_and_files(
        &self,
        site: &Site,
        theme: &ThemeState,
        shared: &Shared,
        out: &Recorder,
        full: &HashMap<usize, Html>,
        fps: &[(Fp, Fp)],
    ) -> Result<Vec<Fp>> {
        let services = site.page(Kind::Services);
        let renderer = Renderer::new(&site.map, &theme.templates, &theme.strings, services)?;
        // What a list or a feed shows of each post.
        let summaries: Vec<Fp> = site.map.posts.iter().zip(fps).map(|(e, fps)| summary_fp(*fps, e)).collect();
        let lists: Vec<Job> =
            Job::all(&site.map).into_iter().filter(|j| !matches!(j, Job::Post(_) | Job::Page(_))).collect();
        self.lists(site, &renderer, shared, out, &summaries, &lists)?;
        self.feeds(site, out, full, &summaries, feeds::specs(&site.map))?;
        let config_fp = self.config_fp();
        let map = &site.map;
        let entries = crate::sitemap::entries(map);
        out.file("sitemap.xml", Origin::samvad("the sitemap"), fingerprint::of(&(&entries, "sitemap")), || {
            Ok(crate::sitemap::sitemap(&entries).into_bytes())
        })?;
        let root = &self.opts.root;
        let statics = crate::assets::merged_static(&theme.source, &root.join("static"));
        self.redirects(map, out, statics.iter().any(|(_, rel)| rel == REDIRECTS))?;
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
        copy(&files, out, root)?;
        Ok(summaries)
    }

    /// A redirect page at each alias, and `_redirects` listing them all
    /// unless static/ has its own (which then wins, as robots.txt does).
    fn redirects(&self, map: &SiteMap, out: &Recorder, own_file: bool) -> Result<()> {
        let mut lines = Vec::new();
        for o in map.posts.iter().chain(&map.pages).map(|e| &e.outline) {
            for alias in &o.aliases {
                let origin = Origin::file(format!("content/{}", o.source));
                let fp = fingerprint::of(&(&alias.file, &o.permalink, &o.title, &o.lang, "alias"));
                out.file(alias.file.as_str(), origin, fp, || {
                    Ok(crate::aliases::page(&o.permalink, &o.title, &o.lang).into_bytes())
                })?;
                lines.push((alias, o.path.as_str()));
            }
        }
        if lines.is_empty() || own_file {
            return Ok(());
        }
        let base = map.config.base_path();
        let origin = Origin::samvad("the redirects of every alias");
        out.file(REDIRECTS, origin, fingerprint::of(&(&lines, &base, REDIRECTS)), || {
            Ok(crate::aliases::redirects_file(&base, lines.iter().copied()).into_bytes())
        })
    }

    /// The list `jobs`: the home list, taxonomy and term pages, the 404.
    pub(super) fn lists(
        &self,
        site: &Site,
        renderer: &Renderer,
        shared: &Shared,
        out: &Recorder,
        summaries: &[Fp],
        jobs: &[Job],
    ) -> Result<()> {
        let map = &site.map;
        let lists = renderer.lists(site);
        crate::render::render_each(jobs, &|job| {
            let path = job.file(map);
            let fp = list_fp(map, shared, job, &path, summaries);
            out.file(path, job.origin(map), fp, || Ok(lists.render(job)?.html))
        })
    }

    /// The feeds of `specs`, in every enabled format.
    pub(super) fn feeds(
        &self,
        site: &Site,
        out: &Recorder,
        full: &HashMap<usize, Html>,
        summaries: &[Fp],
        specs: Vec<FeedSpec>,
    ) -> Result<()> {
        let config = site.config();
        let whole = |i: usize| full.get(&i).cloned().unwrap_or_else(|| Html::from(""));
        for spec in specs {
            let fp = self.feed_fp(site, &spec, full, summaries);
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
    fn feed_fp(&self, site: &Site, spec: &FeedSpec, full: &HashMap<usize, Html>, summaries: &[Fp]) -> Fp {
        let entries: Vec<(Fp, Fp)> = feeds::listed(site.config(), spec)
            .iter()
            .map(|&i| (summaries[i], full.get(&i).map_or(0, |h| fingerprint::bytes(h.as_bytes()))))
            .collect();
        fingerprint::of(&(self.config_fp(), &spec.title, &spec.dir, &spec.link, &spec.lang, &spec.term, entries))
    }
}
