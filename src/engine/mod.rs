//! The one engine `samvad build`, `build --watch` and `serve` all drive.
//!
//! One build reads, from top to bottom: config → theme → load → link →
//! outline → assemble → parse and render posts → lists → feeds → files →
//! social → write. Every stage's result is kept in a [`Memo`] with a key
//! made of what it was made from, and every output file with a
//! fingerprint of its inputs. The next build, after an edit, makes again
//! only what a changed input reaches: a body edit re-parses one file and
//! re-renders its page and the lists that show its summary; a template
//! edit re-renders the pages that use it; a config edit starts over.
//! Everything goes through one writer ([`Staging`]), so a failed build
//! writes nothing and unchanged bytes are never rewritten.

mod cache;
mod fingerprint;
mod inputs;
mod outputs;
mod pages;
mod quick;
mod sink;

use std::collections::{BTreeSet, HashMap};

use rustc_hash::FxHashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::build::{relative, BuildOptions, Report};
use crate::error::Result;
use crate::site::Site;
use crate::write::Staging;
pub use cache::DIR as CACHE_DIR;
pub use fingerprint::Fp;
use inputs::{Loaded, ThemeState};
use outputs::Recorder;
use pages::{BodyMemo, OutlineMemo, PagesIn};

/// What changed since the engine's last build.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Not known: look at everything (a first build, or a watcher that
    /// lost track).
    pub everything: bool,
    /// Files created, edited or removed, relative to the site root.
    pub paths: BTreeSet<PathBuf>,
}

impl Changes {
    /// Everything may have changed.
    pub fn everything() -> Changes {
        Changes { everything: true, paths: BTreeSet::new() }
    }

    /// Did anything under `dir` (site-relative, such as `content`) or the
    /// file `dir` itself change?
    pub fn under(&self, dir: &str) -> bool {
        self.everything || self.paths.iter().any(|p| p.starts_with(dir))
    }
}

/// What the engine writes and keeps beyond one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    /// Write the social snippets beside the output (`samvad build`).
    pub social: bool,
    /// Keep every body's HTML for the next build (`serve`, `--watch`); a
    /// one-shot build drops each as soon as its page is written.
    pub keep_html: bool,
    /// The output is a folder only this process reads (`serve`): its
    /// manifest is kept in memory alone.
    pub private: bool,
}

impl Mode {
    /// `samvad build`: once, with the social snippets.
    pub const BUILD: Mode = Mode { social: true, keep_html: false, private: false };
    /// `samvad build --watch`: again after every edit.
    pub const WATCH: Mode = Mode { social: true, keep_html: true, private: false };
    /// `samvad serve`: after every edit, into a private folder, without the
    /// social snippets.
    pub const SERVE: Mode = Mode { social: false, keep_html: true, private: true };
}

/// What the last build made, for the next to reuse. Each value is kept with
/// the key of what it was made from, and used again only for the same key.
#[derive(Default)]
struct Memo {
    config: Option<(Fp, Arc<crate::config::Config>)>,
    /// The files under `content/` when last walked.
    walked: Option<crate::load::Walked>,
    theme: Option<Arc<ThemeState>>,
    sources: FxHashMap<String, inputs::SourceMemo>,
    outlines: FxHashMap<String, OutlineMemo>,
    bodies: FxHashMap<String, BodyMemo>,
    /// Each output file's fingerprint when it was last written.
    outputs: FxHashMap<String, Fp>,
    /// What the last build wrote of each post's social snippets.
    social: HashMap<String, crate::social::output::Written>,
}

/// A build engine for one site and one output folder.
pub struct Engine {
    opts: BuildOptions,
    output: PathBuf,
    mode: Mode,
    memo: Memo,
    /// The fingerprint of the last config read without error: everything
    /// in the memo was made with it.
    config_before: Option<Fp>,
    /// Where the build cache is kept, when the engine keeps one.
    cache: Option<PathBuf>,
    /// Front matter from the build cache, by content file.
    fronts: HashMap<String, cache::StoredSource>,
    /// The fingerprint of the cache file as last read or written.
    stored_fp: Fp,
    /// What the last good build left for the quick path (kept by a
    /// long-running engine only).
    last: Option<quick::Last>,
    /// The output's manifest after the last good build, kept in memory by
    /// a long-running engine.
    manifest: Option<crate::write::Manifest>,
}

impl Engine {
    /// An engine building `opts` into `output`.
    pub fn new(opts: BuildOptions, output: PathBuf, mode: Mode) -> Engine {
        let (cache, fronts) = (None, HashMap::new());
        let (last, manifest) = (None, None);
        let memo = Memo::default();
        Engine { opts, output, mode, memo, config_before: None, cache, fronts, stored_fp: 0, last, manifest }
    }

    /// The options it builds with.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Builds after `changes`. On any error the output is left as it was,
    /// and the next build starts again from what the last good one made.
    pub fn build(&mut self, changes: &Changes) -> Result<Report> {
        let started = Instant::now();
        let root = self.opts.root.clone();
        if self.mode.keep_html && !self.mode.social {
            if let Some(done) = self.quick(changes) {
                return done.map_err(|e| relative(e, &root));
            }
        }
        self.last = None;
        self.run(changes, started).map_err(|e| relative(e, &root))
    }

    /// One build, stage after stage.
    fn run(&mut self, changes: &Changes, started: Instant) -> Result<Report> {
        let mut clock = Clock(started, Vec::new());
        let config = self.config(changes)?;
        let placeholder = crate::build::placeholder_warning(&config, &self.opts);
        if !self.mode.private {
            crate::write::check_output(&self.opts.root, &self.output, self.opts.force)?;
        }
        let theme = self.theme(&config, changes);
        let loaded = self.load(&config, changes);
        let fronts = self.fronts_to_keep(&loaded);
        clock.lap("config, theme, load");
        if !self.mode.keep_html {
            // A one-shot build reads each file once: its text goes as soon
            // as its Markdown is parsed.
            self.memo.sources.clear();
        }
        let theme = theme.map_err(|e| loaded.fail_with(e))?;
        let plan = crate::link::plan_loaded(&loaded, &config, &self.opts.filter(), &theme.assets(&self.opts.root))?;
        // The plan holds each source it publishes; the rest go now.
        let Loaded { sources, files, assets, warnings, errors, .. } = loaded;
        drop(sources);
        clock.lap("link");
        let (map, outline_errors) = self.outline(&config, &plan, &assets, files);
        clock.lap("outline, assemble");
        // Strict, a warning about content fails the build with the errors.
        let (warnings, strict) = match self.opts.strict || config.strict {
            true => (Vec::new(), warnings.into_iter().map(crate::error::Diagnostic::as_error).collect()),
            false => (warnings, Vec::new()),
        };
        let mut errors = [errors, outline_errors, strict].concat();
        if let Err(e) = crate::templates::check_pages(&map, &theme.templates, &self.opts.root) {
            errors.extend(e.diagnostics());
        }
        let staging = self.staging()?;
        let previous = std::mem::take(&mut self.memo.outputs);
        let out = Recorder::new(&staging, &previous);
        let (scheduled, drafts, plan_warnings) = (plan.scheduled, plan.drafts, plan.warnings.clone());
        let links = self.mode.keep_html.then(|| plan.links.clone());
        let made = self.pages(PagesIn { map, theme: &theme, plan, out: &out, errors });
        let pages::Built { site, shared, full, fps, parsed } = match made {
            Ok(made) => made,
            Err(e) => {
                drop(out);
                self.memo.outputs = previous;
                self.manifest = staging.give_back();
                return Err(e);
            }
        };
        clock.lap("parse, render pages");
        let social = match self.mode.social {
            true => Some(self.social(&site)),
            false => None,
        };
        clock.lap("social");
        let summaries = match self.lists_and_files(&site, &theme, &shared, &out, &full, &fps) {
            Ok(summaries) => summaries,
            Err(e) => {
                // Dropped, a staging folder is removed: nothing is written.
                drop(social);
                drop(shared);
                drop(out);
                self.memo.outputs = previous;
                self.manifest = staging.give_back();
                return Err(e);
            }
        };
        let rendered = out.made();
        self.memo.outputs = out.into_fingerprints();
        clock.lap("lists, feeds, files");
        let mut committed = match staging.commit() {
            Ok(committed) => committed,
            Err(e) => {
                drop(social);
                // What is on disk is no longer known: the next build makes
                // every file and writes those whose bytes differ.
                self.memo.outputs = FxHashMap::default();
                self.manifest = None;
                return Err(e);
            }
        };
        if self.mode.keep_html {
            self.manifest = Some(std::mem::take(&mut committed.manifest));
        }
        if let Some(social) = social {
            let (staging, written) = social?;
            staging.commit()?;
            self.memo.social = written;
        }
        let mut warnings: Vec<crate::error::Diagnostic> =
            placeholder.into_iter().chain(warnings).chain(plan_warnings).collect();
        if let Err(e) = self.save_cache(fronts) {
            warnings.push(crate::error::Diagnostic::general(format!("cannot write the build cache: {e}")).warning());
        }
        clock.lap("commit");
        let report = Report {
            pages: crate::render::Job::all(&site.map).len(),
            posts: site.map.posts.len(),
            tags: site.map.taxonomies.iter().find(|t| t.name == "tags").map_or(0, |t| t.terms.len()),
            drafts,
            scheduled,
            parsed,
            rendered,
            written: committed.written,
            removed: committed.removed,
            elapsed: started.elapsed(),
            stages: clock.1,
            warnings: warnings
                .into_iter()
                .chain(theme.strings.warnings.iter().cloned())
                .map(|w| w.relative_to(&self.opts.root))
                .collect(),
            replaced: theme.replaced(&self.opts.root),
        };
        match links {
            Some(links) => self.keep_last(site, theme, links, summaries),
            None => drop_aside(site),
        }
        Ok(report)
    }

    /// A staging folder for the output, from the manifest kept in memory
    /// when there is one.
    pub(super) fn staging(&mut self) -> Result<Staging> {
        // Taken, not copied (a large site's manifest is large): a failed
        // build gives it back, a committed one leaves a new one.
        let staging = match self.manifest.take() {
            Some(manifest) => Staging::resume(&self.output, manifest)?,
            None => Staging::new(&self.output)?,
        };
        let staging = if self.mode.keep_html { staging.long_lived() } else { staging };
        Ok(if self.mode.private { staging.private() } else { staging })
    }

    /// Keeps what the quick path needs of a good build.
    fn keep_last(
        &mut self,
        site: Site,
        theme: std::sync::Arc<ThemeState>,
        links: crate::link::Links,
        summaries: Vec<Fp>,
    ) {
        let index = site.map.posts.iter().enumerate().map(|(i, e)| (e.outline.source.clone(), i)).collect();
        self.last = Some(quick::Last { site, theme, links, index, summaries });
    }
}

/// The site model without writing anything: load → link → outline →
/// assemble → parse. `samvad social` uses it to print a post's snippets.
pub fn load_site(opts: &BuildOptions) -> Result<Site> {
    let mode = Mode { social: false, ..Mode::BUILD };
    let mut engine = Engine::new(opts.clone(), crate::build::output_dir(opts), mode);
    let changes = Changes::everything();
    let config = engine.config(&changes)?;
    let loaded = engine.load(&config, &changes);
    let theme = crate::theme::ThemeSource::find(&opts.root, &config.theme);
    let assets = crate::link::AssetRoots::of_site(&opts.root, theme);
    let plan = crate::link::plan_loaded(&loaded, &config, &opts.filter(), &assets)?;
    let Loaded { sources, files, assets, errors, .. } = loaded;
    drop(sources);
    let (map, outline_errors) = engine.outline(&config, &plan, &assets, files);
    engine.site_only(map, plan, [errors, outline_errors].concat())
}

impl Engine {
    /// Stages the social snippets, made anew only for posts whose inputs
    /// changed.
    fn social(&self, site: &Site) -> Result<(Staging, HashMap<String, crate::social::output::Written>)> {
        use rayon::prelude::*;
        let config = self.config_fp();
        let fps: Vec<Fp> = (0..site.map.posts.len())
            .into_par_iter()
            .map(|i| fingerprint::of(&(config, crate::social::output::inputs(site.post(i)))))
            .collect();
        crate::social::stage(site, &self.output, &fps, &self.memo.social)
    }
}

/// The time each stage of a build took, in order.
pub(super) struct Clock(pub Instant, pub Vec<(&'static str, std::time::Duration)>);

impl Clock {
    /// Ends the stage `name`.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.1.push((name, now - self.0));
        self.0 = now;
        if std::env::var_os("SAMVAD_TIMINGS").is_some_and(|v| v == "memory") {
            let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
            let rss: Vec<&str> = status.lines().filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM")).collect();
            eprintln!("after {name}: {}", rss.join(" ").split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

/// Frees `site` on a thread of its own. Tens of thousands of pages take a
/// while to free, and nothing waits for it: `samvad build` exits (which
/// frees everything at once), `samvad serve` goes back to watching.
/// Should no thread be had, `spawn` drops the closure, and with it the
/// site, right here.
fn drop_aside(site: Site) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(site));
}
