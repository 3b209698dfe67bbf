//! Incremental rebuilds for `samvad serve`.
//!
//! The session keeps the last good build in memory: every source file, every
//! parsed page, and a hash of every file it wrote. An edit re-reads only the
//! files that changed, re-parses only pages whose text or address changed,
//! re-renders only the pages that show a changed post (when no title, date,
//! tag or draft flag moved), and writes only files whose bytes differ. A
//! failed rebuild writes nothing, so the last good site keeps being served.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::link;
use crate::load::{self, Source};
use crate::render::Renderer;
use crate::serve::watch::Change;
use crate::site::{Page, Site};
use crate::templates::{self, Templates};
use crate::theme::{FileSource, ThemeSource};
use crate::{feeds, highlight, parse, sitemap};

/// What one rebuild did, for the terminal line and the browser.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// Pages rendered from templates.
    pub rendered: usize,
    /// Markdown files parsed.
    pub parsed: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files removed because nothing produces them any more.
    pub removed: usize,
    /// Whether only stylesheets changed.
    pub css_only: bool,
    /// Wall time.
    pub elapsed: Duration,
}

/// The inputs that outlive one rebuild.
struct Theme {
    config: Config,
    templates: Templates,
    strings: Strings,
    source: ThemeSource,
}

/// A dev build kept warm between edits.
pub struct Session {
    opts: BuildOptions,
    out: PathBuf,
    theme: Option<Theme>,
    sources: HashMap<String, Source>,
    pages: HashMap<String, (u64, Page)>,
    written: HashMap<String, u64>,
    last_posts: Option<Vec<u64>>,
}

impl Session {
    /// A session writing to `out`, which it owns.
    pub fn new(opts: BuildOptions, out: &Path) -> Session {
        Session {
            opts,
            out: out.to_path_buf(),
            theme: None,
            sources: HashMap::new(),
            pages: HashMap::new(),
            written: HashMap::new(),
            last_posts: None,
        }
    }

    /// The folder being served.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Rebuilds after `change` (everything when `full`).
    pub fn rebuild(&mut self, change: &Change) -> Result<Rebuild> {
        let started = Instant::now();
        let root = self.opts.root.clone();
        let full = change.full || self.theme.is_none();
        if full {
            // A template edit re-renders every page but keeps the parsed
            // markdown; only a config edit throws that away too.
            if change.config || self.theme.is_none() {
                self.sources.clear();
                self.pages.clear();
            }
            self.theme = None;
            self.last_posts = None;
            let theme = self.load_theme().map_err(|e| build::relative(e, &root))?;
            for w in &theme.strings.warnings {
                eprintln!("{}", w.clone().relative_to(&root));
            }
            self.theme = Some(theme);
        }
        for rel in &change.content {
            if let Ok(inner) = rel.strip_prefix("content") {
                self.sources.remove(&inner.to_string_lossy().replace('\\', "/"));
            }
        }
        let (site, parsed) = self.model().map_err(|e| build::relative(e, &root))?;
        let mut report = self.write(&site, change, full).map_err(|e| build::relative(e, &root))?;
        report.parsed = parsed;
        report.css_only = change.css_only();
        report.elapsed = started.elapsed();
        Ok(report)
    }

    fn load_theme(&self) -> Result<Theme> {
        let config = build::load_config(&self.opts)?;
        let source = crate::theme::resolve(&self.opts.root, &config.theme, self.opts.theme.is_some())?;
        let templates = templates::load(&source, &self.opts.root.join("templates"))?;
        let strings = Strings::load(&source)?;
        Ok(Theme { config, templates, strings, source })
    }

    /// load → link → parse (only what changed) → assemble.
    fn model(&mut self) -> Result<(Site, usize)> {
        let theme = self.theme.as_ref().expect("theme loaded");
        let config = theme.config.clone();
        let assets = link::AssetRoots::of_site(&self.opts.root, Some(theme.source.clone()));
        let cache = &self.sources;
        let mut loaded = load::load_reusing(&assets.content, &config.tz(), &|rel| cache.get(rel).cloned())?;
        self.sources = loaded.sources.iter().map(|s| (s.rel.clone(), s.clone())).collect();
        let filter = self.opts.filter();
        let plan = link::plan_loaded(&mut loaded, &config, &filter, &assets)?;
        let urls_key = fingerprint(&plan.links.urls.iter().collect::<BTreeMap<_, _>>());
        let mut fresh = Vec::new();
        let mut pages = Vec::with_capacity(plan.placed.len());
        for placed in plan.placed {
            let key = fingerprint(&(&placed.source.text, &placed.permalink, urls_key, &placed.source.assets));
            match self.pages.get(&placed.source.rel) {
                Some((k, page)) if *k == key => pages.push(page.clone()),
                _ => fresh.push((key, placed)),
            }
        }
        let keys: Vec<(String, u64)> = fresh.iter().map(|(k, p)| (p.source.rel.clone(), *k)).collect();
        let parsed =
            parse::parse(fresh.into_iter().map(|(_, p)| p).collect(), &plan.links, &config, filter.now.instant)
                .map_err(|e| loaded.fail_with(e))?;
        if !loaded.errors.is_empty() {
            return Err(crate::Error::Content(loaded.errors));
        }
        let count = parsed.len();
        let live: HashSet<String> =
            pages.iter().map(|p| p.source.clone()).chain(keys.iter().map(|(r, _)| r.clone())).collect();
        self.pages.retain(|rel, _| live.contains(rel));
        for (page, (rel, key)) in parsed.iter().zip(keys) {
            self.pages.insert(rel, (key, page.clone()));
        }
        pages.extend(parsed);
        Ok((Site::assemble(config, pages, loaded.files), count))
    }

    /// Renders what the change can affect and writes what differs.
    fn write(&mut self, site: &Site, change: &Change, full: bool) -> Result<Rebuild> {
        let theme = self.theme.as_ref().expect("theme loaded");
        let site_ctx = build::site_context(site);
        let renderer = Renderer::new(site, &theme.templates, &theme.strings, &site_ctx)?;
        let outputs: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());
        let sink = |output: crate::render::Output| {
            outputs.lock().expect("lock").push((output.path, output.html));
            Ok(())
        };
        let shape: Vec<u64> = site.posts.iter().map(post_shape).collect();
        let same_shape = !full && self.last_posts.as_ref() == Some(&shape);
        let changed: HashSet<usize> = changed_posts(site, &change.content);
        let rendered =
            if same_shape { renderer.render_touching(&changed, &sink)? } else { renderer.render_all(&sink)? };
        self.last_posts = Some(shape);
        let mut outputs = outputs.into_inner().expect("lock");
        outputs.extend(feeds::render(site).into_iter().map(|(p, x)| (p, x.into_bytes())));
        outputs.push(("sitemap.xml".into(), sitemap::sitemap(&renderer.sitemap_entries()).into_bytes()));
        outputs.push(("robots.txt".into(), sitemap::robots(site).into_bytes()));
        if full {
            outputs.push(("highlight.css".into(), highlight::stylesheet().into_bytes()));
        }
        let mut expected: HashSet<String> = renderer.paths().into_iter().collect();
        expected.extend(outputs.iter().map(|(p, _)| p.clone()));
        expected.insert("highlight.css".into());
        let files = self.copied_files(site, &theme.source);
        expected.extend(files.iter().map(|(_, rel)| rel.clone()));
        for (from, rel) in files {
            let edited =
                from.path().is_some_and(|p| change.statics.iter().chain(&change.content).any(|c| p.ends_with(c)));
            if full || edited || !self.written.contains_key(&rel) {
                outputs.push((rel, from.read()?.into_owned()));
            }
        }
        let (written, removed) = self.apply(outputs, &expected)?;
        Ok(Rebuild { rendered, written, removed, ..Rebuild::default() })
    }

    fn copied_files(&self, site: &Site, theme: &ThemeSource) -> Vec<(FileSource, String)> {
        let mut files = crate::assets::merged_static(theme, &self.opts.root.join("static"));
        files.extend(crate::assets::content_files(site, &self.opts.root.join("content")));
        files
    }

    /// Writes files whose bytes changed (temp file + rename, so the server
    /// never sends half a file) and removes files nothing produces now.
    fn apply(&mut self, outputs: Vec<(String, Vec<u8>)>, expected: &HashSet<String>) -> Result<(usize, usize)> {
        let mut written = 0;
        for (rel, bytes) in outputs {
            let hash = fingerprint(&bytes);
            if self.written.get(&rel) == Some(&hash) {
                continue;
            }
            let path = self.out.join(&rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
            }
            let tmp = path.with_extension("samvad-tmp");
            std::fs::write(&tmp, &bytes).map_err(|e| Error::io(format!("writing {}", tmp.display()), e))?;
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
            self.written.insert(rel, hash);
            written += 1;
        }
        let stale: Vec<String> = self.written.keys().filter(|k| !expected.contains(*k)).cloned().collect();
        for rel in &stale {
            let _ = std::fs::remove_file(self.out.join(rel));
            self.written.remove(rel);
        }
        Ok((written, stale.len()))
    }
}

/// What list and term pages show of a post, in order: when this is the
/// same before and after an edit, only pages showing the edited post change.
fn post_shape(p: &Page) -> u64 {
    let tags: Vec<&str> = p.tags.iter().chain(&p.categories).map(|t| t.permalink.as_str()).collect();
    fingerprint(&(&p.permalink, &p.title, p.date.as_ref().map(|d| &d.iso), &p.lang, tags, p.draft))
}

fn changed_posts(site: &Site, content: &std::collections::BTreeSet<PathBuf>) -> HashSet<usize> {
    site.posts
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            content
                .iter()
                .any(|c| c.strip_prefix("content").is_ok_and(|r| r.to_string_lossy().replace('\\', "/") == p.source))
        })
        .map(|(i, _)| i)
        .collect()
}

fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}
