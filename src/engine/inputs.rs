//! The engine's inputs: the config, the theme and the content files, each
//! read again only when an edit may have changed it.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::fingerprint::{self, Fp};
use super::{Changes, Engine};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::i18n::Strings;
use crate::link::AssetRoots;
use crate::load::{self, Read, Walked};
use crate::templates::Templates;
use crate::theme::ThemeSource;

pub(super) use crate::load::Loaded;

/// The theme a build renders with.
pub(crate) struct ThemeState {
    /// Where its files are.
    pub source: ThemeSource,
    /// Its templates with the site's own laid over them.
    pub templates: Templates,
    /// Its UI strings.
    pub strings: Strings,
}

impl ThemeState {
    /// Where the files a page refers to may live.
    pub fn assets(&self, root: &Path) -> AssetRoots {
        AssetRoots::of_site(root, Some(self.source.clone()))
    }

    /// The static files that replace one samvad would make, for the summary.
    pub fn replaced(&self, root: &Path) -> Vec<String> {
        let statics = crate::assets::merged_static(&self.source, &root.join("static"));
        statics
            .iter()
            .filter(|(_, rel)| super::outputs::REPLACEABLE.contains(&rel.as_str()))
            .map(|(from, rel)| {
                let shown =
                    from.path().map_or_else(|| self.source.path_of(&format!("static/{rel}")), Path::to_path_buf);
                format!("{} replaces the generated {rel}", shown.strip_prefix(root).unwrap_or(&shown).display())
            })
            .collect()
    }
}

/// A content file as last read: its text's hash and what reading gave.
pub(super) struct SourceMemo {
    hash: Fp,
    read: Read,
}

impl SourceMemo {
    /// A file whose bytes hash to `hash` and read as `read`.
    pub fn new(hash: Fp, read: Read) -> SourceMemo {
        SourceMemo { hash, read }
    }
}

impl Engine {
    /// The front matter of every file read without warnings, for the build
    /// cache (none when the engine keeps no cache).
    pub(super) fn fronts_to_keep(&self, loaded: &Loaded) -> Vec<super::cache::StoredSource> {
        if self.cache.is_none() {
            return Vec::new();
        }
        let warned: std::collections::HashSet<&std::path::Path> =
            loaded.warnings.iter().filter_map(|w| w.file.as_deref()).collect();
        loaded
            .sources
            .iter()
            .filter(|s| !warned.contains(s.path.as_path()))
            .map(|s| super::cache::StoredSource::of(s))
            .collect()
    }

    /// The config, read again when `samvad.toml` or the theme changed. A
    /// different config makes everything made from the old one stale.
    pub(super) fn config(&mut self, changes: &Changes) -> Result<Arc<Config>> {
        let reread = changes.under(crate::config::CONFIG_FILE) || changes.under("themes");
        if let (false, Some((_, config))) = (reread, &self.memo.config) {
            return Ok(config.clone());
        }
        // A config that fails stays failed until it is edited: forget the
        // last good one, or an unrelated edit would build with it.
        self.memo.config = None;
        let config = crate::build::load_config(&self.opts)?;
        let fp = fingerprint::of(&serde_json::to_string(&config).unwrap_or_default());
        if self.config_before != Some(fp) {
            self.memo = super::Memo::default();
        }
        self.config_before = Some(fp);
        let config = Arc::new(config);
        self.memo.config = Some((fp, config.clone()));
        Ok(config)
    }

    /// The config's fingerprint.
    pub(super) fn config_fp(&self) -> Fp {
        self.memo.config.as_ref().map_or(0, |(fp, _)| *fp)
    }

    /// The theme, loaded again when a template, theme file or the config
    /// changed.
    pub(super) fn theme(&mut self, config: &Config, changes: &Changes) -> Result<Arc<ThemeState>> {
        let reload = changes.under("templates") || changes.under("themes") || changes.under(crate::config::CONFIG_FILE);
        if let (false, Some(theme)) = (reload, &self.memo.theme) {
            return Ok(theme.clone());
        }
        // Likewise a theme that fails to load.
        self.memo.theme = None;
        let root = &self.opts.root;
        let source = crate::theme::resolve(root, &config.theme, self.opts.theme.is_some())?;
        let templates = crate::templates::load(&source, &root.join("templates"));
        let strings = Strings::load(&source);
        let (templates, strings) = match (templates, strings) {
            (Ok(t), Ok(s)) => (t, s),
            (t, s) => {
                let errors = [t.err(), s.err()].into_iter().flatten().flat_map(|e| e.diagnostics());
                return Err(Error::Content(errors.collect()));
            }
        };
        let theme = Arc::new(ThemeState { source, templates, strings });
        self.memo.theme = Some(theme.clone());
        Ok(theme)
    }

    /// Every content file, each read again only when it changed.
    pub(super) fn load(&mut self, config: &Config, changes: &Changes) -> Loaded {
        let content = self.opts.root.join("content");
        let walked = match (&self.memo.walked, self.same_files(changes, &content)) {
            (Some(walked), true) => walked.clone(),
            _ => load::walk(&content),
        };
        self.memo.walked = Some(walked.clone());
        let tz = config.tz();
        let (memo, fronts) = (&self.memo.sources, &self.fronts);
        let stale = |rel: &str| changes.everything || changes.paths.contains(&Path::new("content").join(rel));
        let results: Vec<(Option<Fp>, Read)> = walked
            .markdown
            .par_iter()
            .map(|rel| match memo.get(rel.as_str()) {
                Some(m) if !stale(rel) => (None, m.read.clone()),
                before => read(&content, rel, &tz, Before { memo: before, front: fronts.get(rel.as_str()) }),
            })
            .collect();
        self.remember_sources(&walked, &results);
        load::gather(walked, results.into_iter().map(|(_, r)| r).collect())
    }

    /// Are the files under `content/` the ones the last walk found? Yes when
    /// every changed file there is a Markdown file read before and still
    /// there (an edit, not a new or deleted file), or a file that came and
    /// went between two walks (an editor's or `sed -i`'s temporary file).
    fn same_files(&self, changes: &Changes, content: &Path) -> bool {
        !changes.everything
            && changes.paths.iter().filter_map(|p| p.strip_prefix("content").ok()).all(|rel| {
                let known = rel.to_str().is_some_and(|r| self.memo.sources.contains_key(&r.replace('\\', "/")));
                known == content.join(rel).is_file()
            })
    }

    fn remember_sources(&mut self, walked: &Walked, results: &[(Option<Fp>, Read)]) {
        let mut sources = std::mem::take(&mut self.memo.sources);
        let present: std::collections::HashSet<&str> = walked.markdown.iter().map(String::as_str).collect();
        sources.retain(|rel, _| present.contains(rel.as_str()));
        for (rel, (hash, read)) in walked.markdown.iter().zip(results) {
            if let Some(hash) = hash {
                sources.insert(rel.clone(), SourceMemo { hash: *hash, read: read.clone() });
            }
        }
        self.memo.sources = sources;
    }
}

/// What an earlier build knew of a file: in memory, or from the cache.
struct Before<'a> {
    memo: Option<&'a SourceMemo>,
    front: Option<&'a super::cache::StoredSource>,
}

/// Reads `rel`, keeping what was read before when its bytes are the same.
fn read(content: &Path, rel: &str, tz: &jiff::tz::TimeZone, before: Before) -> (Option<Fp>, Read) {
    let bytes = match load::read_bytes(&content.join(rel)) {
        Ok(bytes) => bytes,
        Err(d) => return (None, Err(vec![d])),
    };
    let hash = fingerprint::bytes(&bytes);
    if let Some(m) = before.memo.filter(|m| m.hash == hash) {
        return (Some(hash), m.read.clone());
    }
    if let Some(front) = before.front.filter(|f| f.hash == hash) {
        // The same bytes the cache's front matter was read from: only the
        // text is needed again.
        if let Ok(text) = load::text_from(bytes.clone(), &content.join(rel)) {
            return (Some(hash), Ok((front.source(content, text), Vec::new())));
        }
    }
    (Some(hash), load::source_from(bytes, content, rel, tz))
}
