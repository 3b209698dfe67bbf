//! Watching the site for edits, with editors' habits in mind.
//!
//! Editors save in odd ways: write to a temp file and rename it, write swap
//! files (`.swp`, `~`, vim's `4913` probe), or fire several events for one
//! save. Events are gathered until the file system has been quiet for a
//! short while, temp files are dropped, and what is left becomes one
//! [`Change`], so one save means one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(30);
/// Longest wait before rebuilding during a continuous burst.
const MAX_WAIT: Duration = Duration::from_millis(400);

/// What kind of input changed, which decides how much to rebuild.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Change {
    /// Content files (site-relative paths), created, edited or removed.
    pub content: BTreeSet<PathBuf>,
    /// Static files.
    pub statics: BTreeSet<PathBuf>,
    /// Config, templates, theme or i18n: every page must be rendered again.
    pub full: bool,
    /// `samvad.toml` itself: pages must also be parsed again, since slugs,
    /// languages and reading speeds may have changed.
    pub config: bool,
}

impl Change {
    /// Nothing worth rebuilding for.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.statics.is_empty() && !self.full
    }

    /// Only stylesheets changed: browsers can swap CSS without reloading.
    pub fn css_only(&self) -> bool {
        !self.full && self.content.is_empty() && self.statics.iter().all(|p| p.extension().is_some_and(|e| e == "css"))
    }

    /// Files named in a one-line report.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> =
            self.content.iter().chain(&self.statics).map(|p| p.display().to_string()).collect();
        if self.full && names.is_empty() {
            names.push("config/templates".into());
        }
        names.join(", ")
    }

    fn add(&mut self, rel: &Path) {
        let Some(name) = rel.file_name().map(|n| n.to_string_lossy().to_string()) else { return };
        if crate::load::is_ignored(&name) {
            return;
        }
        let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
        match first.as_str() {
            "content" => {
                self.content.insert(rel.to_path_buf());
            }
            "static" => {
                self.statics.insert(rel.to_path_buf());
            }
            "themes" if rel.components().nth(2).is_some_and(|c| c.as_os_str() == "static") => {
                self.statics.insert(rel.to_path_buf());
            }
            "samvad.toml" => {
                self.full = true;
                self.config = true;
            }
            _ => self.full = true,
        }
    }
}

/// Watches the parts of a site that feed the build.
fn watch_site(mut watcher: Box<dyn Watcher + Send>, root: &Path) -> notify::Result<Box<dyn Watcher + Send>> {
    for name in ["samvad.toml", "content", "static", "templates", "themes"] {
        let path = root.join(name);
        if path.exists() {
            let mode = if path.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
            watcher.watch(&path, mode)?;
        }
    }
    Ok(watcher)
}

/// A running watcher over a site.
pub struct Watch {
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
}

impl Watch {
    /// Watches the config, content, static, templates and themes of `root`.
    pub fn new(root: &Path) -> Result<Watch> {
        let root = root.canonicalize().map_err(|e| Error::io(format!("reading {}", root.display()), e))?;
        let (tx, events) = std::sync::mpsc::channel();
        let native = notify::recommended_watcher(tx.clone()).map(|w| Box::new(w) as Box<dyn Watcher + Send>);
        let watcher = match native.and_then(|w| watch_site(w, &root)) {
            Ok(w) => w,
            // Out of inotify watches, or a file system without events
            // (network mounts, some containers): poll instead.
            Err(why) => {
                eprintln!("note: file events unavailable ({why}); polling for changes instead");
                let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
                let poll = notify::PollWatcher::new(tx, config)
                    .map_err(|e| Error::io("starting the file watcher", std::io::Error::other(e)))?;
                watch_site(Box::new(poll), &root)
                    .map_err(|e| Error::io("watching the site", std::io::Error::other(e)))?
            }
        };
        Ok(Watch { _watcher: watcher, events, root })
    }

    /// Blocks until the next burst of edits has settled, then returns it.
    pub fn next(&self) -> Option<Change> {
        loop {
            let first = self.events.recv().ok()?;
            let mut change = Change::default();
            self.absorb(first, &mut change);
            let started = Instant::now();
            loop {
                match self.events.recv_timeout(QUIET) {
                    Ok(ev) => self.absorb(ev, &mut change),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
                if started.elapsed() > MAX_WAIT {
                    break;
                }
            }
            if !change.is_empty() {
                return Some(change);
            }
        }
    }

    fn absorb(&self, event: notify::Result<notify::Event>, change: &mut Change) {
        let Ok(event) = event else { return };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if let Ok(rel) = path.strip_prefix(&self.root) {
                change.add(rel);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_and_ignores_temp_files() {
        let mut c = Change::default();
        for p in [
            "content/posts/a.md",
            "content/posts/.a.md.swp",
            "content/posts/a.md~",
            "content/posts/4913",
            "static/style.css",
        ] {
            c.add(Path::new(p));
        }
        assert_eq!(c.content.len(), 1);
        assert_eq!(c.statics.len(), 1);
        assert!(!c.full);
        c.add(Path::new("themes/default/templates/post.html"));
        assert!(c.full);
    }

    #[test]
    fn css_only_detection() {
        let mut c = Change::default();
        c.add(Path::new("themes/default/static/style.css"));
        assert!(c.css_only());
        c.add(Path::new("content/posts/a.md"));
        assert!(!c.css_only());
    }
}
