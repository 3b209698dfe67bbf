//! Watching the site for edits, with editors' habits in mind.
//!
//! Editors save in odd ways: write to a temp file and rename it, write swap
//! files (`.swp`, `~`, vim's `4913` probe), or fire several events for one
//! save. Events are gathered until the file system has been quiet for a
//! short while, temp files are dropped, and what is left becomes one
//! [`Change`], so one save means one rebuild.
//!
//! Folders are watched, never single files: a watch follows an inode, and a
//! "safe write" (vim, `sed -i`, most editors) puts a new inode in place of
//! `samvad.toml`, after which a watch on the old one hears nothing more. So
//! the site root is watched on its own (for `samvad.toml` and for input
//! folders coming and going), and each input folder recursively, including
//! one made while the watcher runs.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::error::{Error, Result};

/// Quiet time that ends a burst of events. An editor's save (write, or a
/// temporary file renamed over the old one) comes as events microseconds
/// apart; a save split in two only costs a second, correct rebuild.
const QUIET: Duration = Duration::from_millis(10);
/// Longest wait before rebuilding during a continuous burst.
const MAX_WAIT: Duration = Duration::from_millis(400);
/// How often the fallback watcher looks at the disk.
const POLL: Duration = Duration::from_millis(300);

/// The folders of a site root that feed the build.
const FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

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
    /// Every input file that changed, site-relative.
    pub paths: BTreeSet<PathBuf>,
    /// The watcher lost track (its queue overflowed, or it failed): any
    /// file may have changed.
    pub rescan: bool,
}

impl Change {
    /// Nothing worth rebuilding for.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.statics.is_empty() && !self.full && !self.rescan
    }

    /// What the engine is told: the files, or everything when the watcher
    /// lost track.
    pub fn to_changes(&self) -> crate::engine::Changes {
        crate::engine::Changes { everything: self.rescan, paths: self.paths.clone() }
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
        if ["content", "static", "themes", "templates", "samvad.toml"].contains(&first.as_str()) {
            self.paths.insert(rel.to_path_buf());
        }
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
            "templates" | "themes" => self.full = true,
            // `public/`, a README, `.git`: nothing the build reads.
            _ => {}
        }
    }
}

/// How to learn of edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The system's file events (inotify, FSEvents, ReadDirectoryChangesW).
    Native,
    /// Looking at the disk every [`POLL`]: for file systems without events
    /// (network mounts, some containers) or when inotify runs out of watches.
    Poll,
}

/// A watcher sending to `tx`. The poller knows modification times only to
/// the second, so two saves of `samvad.toml` within one second would look
/// like one; for the root, whose files are few and small, it compares
/// contents too. Input folders are not read whole on every poll: a
/// site's content can be large.
fn watcher(
    backend: Backend,
    tx: std::sync::mpsc::Sender<notify::Result<notify::Event>>,
    root: bool,
) -> notify::Result<Box<dyn Watcher + Send>> {
    Ok(match backend {
        Backend::Native => Box::new(notify::recommended_watcher(tx)?),
        Backend::Poll => {
            let config = notify::Config::default().with_poll_interval(POLL).with_compare_contents(root);
            Box::new(notify::PollWatcher::new(tx, config)?)
        }
    })
}

/// A running watcher over a site.
pub struct Watch {
    /// The root alone, kept for its events.
    _root: Box<dyn Watcher + Send>,
    /// The input folders, recursively.
    watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Input folders under a recursive watch.
    watched: HashSet<PathBuf>,
}

impl Watch {
    /// Watches `root` with file events, or by polling when they fail.
    pub fn new(root: &Path) -> Result<Watch> {
        let root = root.canonicalize().map_err(|e| Error::io(format!("reading {}", root.display()), e))?;
        Watch::start(&root, Backend::Native).or_else(|why| {
            eprintln!("note: file events unavailable ({why}); polling for changes instead");
            Watch::start(&root, Backend::Poll).map_err(|e| Error::io("watching the site", std::io::Error::other(e)))
        })
    }

    /// Watches the root (canonical) itself, then each input folder in it.
    pub fn start(root: &Path, backend: Backend) -> notify::Result<Watch> {
        let (tx, events) = std::sync::mpsc::channel();
        let mut root_watcher = watcher(backend, tx.clone(), true)?;
        root_watcher.watch(root, RecursiveMode::NonRecursive)?;
        let folders = watcher(backend, tx, false)?;
        let mut watch =
            Watch { _root: root_watcher, watcher: folders, events, root: root.to_path_buf(), watched: HashSet::new() };
        for name in FOLDERS {
            let folder = root.join(name);
            if folder.is_dir() {
                watch.watcher.watch(&folder, RecursiveMode::Recursive)?;
                watch.watched.insert(folder);
            }
        }
        Ok(watch)
    }

    fn absorb(&mut self, event: notify::Result<notify::Event>, change: &mut Change) {
        let Ok(event) = event else {
            change.rescan = true;
            return;
        };
        if event.need_rescan() {
            change.rescan = true;
        }
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if path.parent() == Some(self.root.as_path()) {
                self.follow(&path);
            }
            if let Ok(rel) = path.strip_prefix(&self.root) {
                change.add(rel);
            }
        }
    }

    /// Starts watching an input folder that appeared in the root, or
    /// forgets one that left it. Files written into a new folder before its
    /// watch starts are still built: the folder's own event has already
    /// asked for a rebuild, which runs after the burst.
    fn follow(&mut self, path: &Path) {
        if !path.file_name().is_some_and(|n| FOLDERS.iter().any(|f| n == *f)) {
            return;
        }
        if !path.is_dir() {
            if self.watched.remove(path) {
                let _ = self.watcher.unwatch(path);
            }
        } else if !self.watched.contains(path) {
            match self.watcher.watch(path, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watched.insert(path.to_path_buf());
                }
                Err(why) => eprintln!("warning: cannot watch {} ({why}); restart to see its edits", path.display()),
            }
        }
    }
}

/// Each item is one settled burst of edits.
impl Iterator for Watch {
    type Item = Change;

    /// Blocks until the next burst of edits has settled, then returns it;
    /// None once the watcher has stopped.
    fn next(&mut self) -> Option<Change> {
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

    #[test]
    fn only_the_inputs_at_the_root_count() {
        let mut c = Change::default();
        for p in ["public/index.html", "public", "README.md", ".git/index", "samvad.toml.new-save"] {
            c.add(Path::new(p));
        }
        assert!(c.is_empty(), "{c:?}");
        c.add(Path::new("templates"));
        assert!(c.full && !c.config);
    }

    /// A site root (canonical) with a config and a content folder.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("samvad.toml"), "title = \"a\"\n").unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        (dir, root)
    }

    /// Runs the watcher on its own thread, as `serve` does.
    fn changes(root: &Path, backend: Backend) -> std::sync::mpsc::Receiver<Change> {
        let watch = Watch::start(root, backend).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for change in watch {
                if tx.send(change).is_err() {
                    return;
                }
            }
        });
        rx
    }

    /// Waits (generously: the machine may be busy) for a change that
    /// passes `ok`, then forgets whatever else the same edit caused.
    fn saw(rx: &std::sync::mpsc::Receiver<Change>, ok: impl Fn(&Change) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Ok(change) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if ok(&change) {
                while rx.recv_timeout(POLL * 3).is_ok() {}
                return true;
            }
        }
        false
    }

    /// Sleeps into the next wall-clock second: inside input folders the
    /// poller tells edits apart only by their modification second.
    fn next_second() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        std::thread::sleep(Duration::from_nanos(1_000_000_000 - u64::from(now.subsec_nanos())));
    }

    #[test]
    fn every_rename_save_of_the_config_is_seen() {
        for backend in [Backend::Native, Backend::Poll] {
            let (_dir, root) = site();
            let rx = changes(&root, backend);
            for save in 1..=3 {
                let tmp = root.join("samvad.toml.new-save");
                std::fs::write(&tmp, format!("title = \"save {save}\"\n")).unwrap();
                std::fs::rename(&tmp, root.join("samvad.toml")).unwrap();
                assert!(saw(&rx, |c| c.config), "{backend:?}: save {save} unseen");
            }
        }
    }

    #[test]
    fn folders_made_while_watching_are_watched_inside() {
        for backend in [Backend::Native, Backend::Poll] {
            let (_dir, root) = site();
            let rx = changes(&root, backend);
            std::fs::create_dir(root.join("templates")).unwrap();
            std::fs::write(root.join("templates/post.html"), "one").unwrap();
            assert!(saw(&rx, |c| c.full), "{backend:?}: the new folder");
            if backend == Backend::Poll {
                // Let the poller take its first look inside the new folder
                // (a busy machine may be slow to), then move to a new second.
                std::thread::sleep(POLL * 3);
                next_second();
            }
            std::fs::write(root.join("templates/post.html"), "two").unwrap();
            assert!(saw(&rx, |c| c.full), "{backend:?}: an edit inside the new folder");
            std::fs::create_dir(root.join("static")).unwrap();
            assert!(saw(&rx, |c| !c.statics.is_empty()), "{backend:?}: static/");
            std::fs::write(root.join("static/a.css"), "a {}").unwrap();
            let css = Path::new("static/a.css");
            assert!(saw(&rx, |c| c.statics.contains(css)), "{backend:?}: a file in the new static/");
        }
    }
}
