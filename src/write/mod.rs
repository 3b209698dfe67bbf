//! Write stage: a build never damages the previous output, and never
//! touches a file it did not make.
//!
//! Outputs go into a staging folder beside the output folder first. A build
//! into a new or empty folder stages everything and swaps the staging
//! folder in with one rename. A rebuild over samvad's own previous output
//! consults the manifest it left beside it (path, length and hash of every
//! file) and stages only files whose bytes changed; when the whole build has
//! succeeded those are moved into place through a [`commit::Journal`],
//! which undoes everything should one step fail, and files nothing
//! produces any more are removed. Unchanged files are never rewritten, so a
//! rebuild that changes nothing touches nothing, and a failed build leaves
//! the output exactly as it was. [`guard`] decides which folders a build
//! may replace at all.

mod commit;
mod guard;
mod manifest;

use std::collections::HashSet;

use rustc_hash::FxHashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::error::{Diagnostic, Error, Result};
pub use guard::{absolute, check_output};
use manifest::{read_manifest, write_manifest};

/// Length and hash of one output file.
type Entry = (u64, u64);

/// Every file a build wrote, with its length and hash.
pub type Manifest = FxHashMap<String, Entry>;

/// What made an output file, named should two inputs make the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// A site file relative to the site root (`static/robots.txt`), or a
    /// description of one of samvad's own outputs (`the RSS feed`); shared,
    /// since every output file is claimed with one.
    name: std::sync::Arc<str>,
    /// Is `name` a file of the site?
    file: bool,
}

impl Origin {
    /// A file of the site, relative to the site root.
    pub fn file(rel: impl Into<String>) -> Origin {
        Origin { name: rel.into().into(), file: true }
    }

    /// One of samvad's own outputs, described for a reader.
    pub fn samvad(what: impl Into<String>) -> Origin {
        Origin { name: what.into().into(), file: false }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.file {
            true => write!(f, "`{}`", self.name),
            false => f.write_str(&self.name),
        }
    }
}

/// What a commit changed in the output.
#[derive(Debug, Clone, Default)]
pub struct Committed {
    /// Files written (new or changed).
    pub written: usize,
    /// Files removed because nothing makes them any more.
    pub removed: usize,
    /// Every file of the output now, for a long-running process to give
    /// the next build ([`Staging::resume`]).
    pub manifest: Manifest,
}

/// A folder being filled with one build's output.
pub struct Staging {
    /// The staging folder.
    pub dir: PathBuf,
    /// Where it will end up.
    pub target: PathBuf,
    /// The previous build's manifest, when updating in place.
    previous: Option<FxHashMap<String, Entry>>,
    /// This build's manifest.
    current: Mutex<FxHashMap<String, Entry>>,
    /// What made each output file so far.
    makers: Mutex<FxHashMap<String, Origin>>,
    /// Output files two inputs made.
    collisions: Mutex<Vec<Diagnostic>>,
    /// Files written into the staging folder, to move into place.
    staged: Mutex<Vec<String>>,
    /// Every file of the previous build stays unless put anew
    /// ([`Staging::carry_over`]).
    carry: bool,
    /// Made for a long-running process (serve, --watch), which can leave
    /// old files to be deleted in the background.
    long_lived: bool,
    /// Whether the manifest is written beside the output; a folder only
    /// this process reads keeps it in memory alone.
    manifest_on_disk: bool,
    /// Folders of the staging folder made so far: many files share one
    /// (the snippets' ten thousand), and asking the file system again for
    /// each costs two system calls.
    made: Mutex<HashSet<String>>,
}

/// Has samvad built `dir` (is its manifest beside it)?
pub fn is_samvad_output(dir: &Path) -> bool {
    sibling(dir, "manifest").is_file()
}

impl Staging {
    /// Starts a fresh staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        Staging::new_with(target, read_manifest)
    }

    /// A staging folder whose previous manifest `previous` gives, from the
    /// path it is kept at.
    fn new_with(target: &Path, previous: impl FnOnce(&Path) -> Option<Manifest>) -> Result<Staging> {
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        let dir = sibling(target, "staging");
        remove_if_exists(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let previous = if target.is_dir() { previous(&sibling(target, "manifest")) } else { None };
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            previous,
            current: Mutex::default(),
            makers: Mutex::default(),
            collisions: Mutex::default(),
            staged: Mutex::default(),
            carry: false,
            long_lived: false,
            manifest_on_disk: true,
            made: Mutex::default(),
        })
    }

    /// Starts a fresh staging folder for `target`, which the build that
    /// made `previous` wrote last: a long-running process keeps the
    /// manifest in memory rather than read it again.
    pub fn resume(target: &Path, previous: Manifest) -> Result<Staging> {
        let mut staging = Staging::new_with(target, |_| Some(previous))?;
        if !target.is_dir() {
            staging.previous = None;
        }
        Ok(staging)
    }

    /// For an output folder only this process reads: the manifest is not
    /// written beside it.
    pub fn private(mut self) -> Staging {
        self.manifest_on_disk = false;
        self
    }

    /// Keeps every file the previous build wrote unless this build puts it
    /// anew: for a build that visits only the files an edit reaches and
    /// knows that every other file stays as it is.
    pub fn carry_over(mut self) -> Staging {
        // The previous manifest becomes this build's at the commit, with
        // what was put over it: no copy of a large site's manifest.
        self.carry = true;
        self
    }

    /// The previous build's manifest, from a staging folder thrown away
    /// (a failed build): the output is still as that build left it.
    pub fn give_back(mut self) -> Option<Manifest> {
        self.previous.take()
    }

    /// For a long-running process: old files replaced by a commit are
    /// deleted on a thread of their own, after it returns.
    pub fn long_lived(mut self) -> Staging {
        self.long_lived = true;
        self
    }

    /// Writes `bytes` at the output-relative path `rel`, unless the previous
    /// build wrote exactly these bytes there. A second input making the
    /// same file is recorded as a collision, which fails the commit.
    pub fn put(&self, rel: &str, bytes: &[u8], origin: Origin) -> Result<()> {
        if !self.claim(rel, origin) {
            return Ok(());
        }
        let entry = (bytes.len() as u64, hash(bytes));
        self.current.lock().expect("lock").insert(rel.to_string(), entry);
        if self.unchanged(rel, entry) {
            return Ok(());
        }
        let path = self.staged_path(rel)?;
        std::fs::write(&path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
        self.staged.lock().expect("lock").push(rel.to_string());
        Ok(())
    }

    /// Keeps `rel` as the previous build wrote it, without writing it
    /// again: true when that build wrote it and it is still there with
    /// that length. `origin` still claims the path, so a collision with
    /// another input is found as for a file put anew.
    pub fn keep(&self, rel: &str, origin: Origin) -> bool {
        let Some(&entry) = self.previous.as_ref().and_then(|p| p.get(rel)) else { return false };
        if !self.unchanged(rel, entry) {
            return false;
        }
        if self.claim(rel, origin) {
            self.current.lock().expect("lock").insert(rel.to_string(), entry);
        }
        true
    }

    /// Records `origin` as the maker of `rel`; false (and a collision) if
    /// something else made it already.
    fn claim(&self, rel: &str, origin: Origin) -> bool {
        let mut makers = self.makers.lock().expect("lock");
        let Some(first) = makers.get(rel) else {
            makers.insert(rel.to_string(), origin);
            return true;
        };
        let message =
            format!("{first} and {origin} both make `{rel}` in the output; one would silently replace the other");
        let mut d = Diagnostic::general(message)
            .hint("rename or move one of them (only `robots.txt` and `_redirects` in static/ may replace a file samvad makes)");
        d.file = [&origin, first].into_iter().find(|o| o.file).map(|o| PathBuf::from(&*o.name));
        self.collisions.lock().expect("lock").push(d);
        false
    }

    /// A file written piece by piece, for outputs too large to hold in
    /// memory whole (the social snippets of a big site). Its bytes go to
    /// the staging folder as they come; [`Streamed::finish`] then drops
    /// them again if the previous build wrote exactly the same.
    pub fn stream(&self, rel: &str) -> Result<Streamed<'_>> {
        let path = self.staged_path(rel)?;
        let file = std::fs::File::create(&path).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
        let out = std::io::BufWriter::with_capacity(1 << 16, file);
        Ok(Streamed { staging: self, rel: rel.to_string(), path, out, hash: Xxh3::new(), len: 0 })
    }

    /// Where `rel` goes in the staging folder, with its folder made. Folders
    /// are remembered by their output-relative name: hashing a `Path` walks
    /// its components, which cost more than the lookup it served.
    fn staged_path(&self, rel: &str) -> Result<PathBuf> {
        let path = self.dir.join(rel);
        let folder = rel.rsplit_once('/').map_or("", |(folder, _)| folder);
        if !self.made.lock().expect("lock").contains(folder) {
            let parent = path.parent().unwrap_or(&self.dir);
            std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
            self.made.lock().expect("lock").insert(folder.to_string());
        }
        Ok(path)
    }

    /// Copies a file into the output.
    pub fn copy(&self, from: &Path, rel: &str, origin: Origin) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| {
            Error::from(
                Diagnostic::new(from, format!("cannot copy to the output: {e}"))
                    .hint("check that the file is readable"),
            )
        })?;
        self.put(rel, &bytes, origin)
    }

    /// The previous build wrote these bytes here, and the file is still
    /// there with that length.
    /// The file itself is looked at (a writer may have deleted it) unless
    /// the output is a folder only this process writes.
    fn unchanged(&self, rel: &str, entry: Entry) -> bool {
        let Some(previous) = &self.previous else { return false };
        previous.get(rel) == Some(&entry)
            && (!self.manifest_on_disk
                || std::fs::metadata(self.target.join(rel)).is_ok_and(|m| m.is_file() && m.len() == entry.0))
    }

    /// Puts the new output in place of the old: every file or none. Fails
    /// with every collision, writing nothing, should two inputs have made
    /// the same file.
    pub fn commit(mut self) -> Result<Committed> {
        let mut collisions = std::mem::take(&mut *self.collisions.lock().expect("lock"));
        if !collisions.is_empty() {
            // Found on many cores, in no set order; reported in one.
            collisions.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
            return Err(Error::Content(collisions));
        }
        let mut current = std::mem::take(&mut *self.current.lock().expect("lock"));
        let mut done = match self.previous.take() {
            None => {
                commit::swap(&self.dir, &self.target, &sibling(&self.target, "old"))?;
                Committed { written: current.len(), ..Committed::default() }
            }
            Some(mut previous) if self.carry => {
                let done = self.update_in_place(Vec::new())?;
                previous.extend(current);
                current = previous;
                done
            }
            Some(previous) => {
                let mut stale: Vec<String> = previous.into_keys().filter(|k| !current.contains_key(k)).collect();
                stale.sort_unstable();
                self.update_in_place(stale)?
            }
        };
        if self.manifest_on_disk {
            write_manifest(&sibling(&self.target, "manifest"), &current)?;
        }
        done.manifest = current;
        Ok(done)
    }

    /// Moves every staged file into place and removes `stale` ones (the
    /// previous build's files this one did not make), undoing all of it
    /// should one step fail.
    fn update_in_place(&self, stale: Vec<String>) -> Result<Committed> {
        let mut journal = commit::Journal::new(&self.target, sibling(&self.target, "backup"))?;
        let mut staged = std::mem::take(&mut *self.staged.lock().expect("lock"));
        staged.sort_unstable();
        let moved = staged.iter().try_for_each(|rel| journal.place(&self.dir.join(rel), rel));
        match moved.and_then(|()| stale.iter().try_for_each(|rel| journal.remove(rel))) {
            Ok(()) => {
                journal.finish(self.long_lived);
                Ok(Committed { written: staged.len(), removed: stale.len(), ..Committed::default() })
            }
            Err(e) => Err(journal.roll_back(e)),
        }
    }

    /// Throws the staging folder away after a failed build.
    pub fn abandon(self) {}
}

impl Drop for Staging {
    /// The staging folder goes on every path out: a committed build has
    /// moved it away or emptied it, a failed one leaves nothing behind.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A file being written into the staging folder by [`Staging::stream`].
pub struct Streamed<'a> {
    staging: &'a Staging,
    rel: String,
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    hash: Xxh3,
    len: u64,
}

impl Streamed<'_> {
    /// Bytes written so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Nothing written yet?
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `bytes`.
    pub fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.hash.update(bytes);
        self.len += bytes.len() as u64;
        self.out.write_all(bytes).map_err(|e| Error::io(format!("writing {}", self.path.display()), e))
    }

    /// Completes the file and records it in the manifest.
    pub fn finish(self) -> Result<()> {
        self.out.into_inner().map_err(|e| Error::io(format!("writing {}", self.path.display()), e.into_error()))?;
        let entry = (self.len, self.hash.digest());
        self.staging.current.lock().expect("lock").insert(self.rel.clone(), entry);
        if self.staging.unchanged(&self.rel, entry) {
            // Committing moves staged files into place; this one need not move.
            std::fs::remove_file(&self.path).map_err(|e| Error::io(format!("removing {}", self.path.display()), e))?;
        } else {
            self.staging.staged.lock().expect("lock").push(self.rel);
        }
        Ok(())
    }
}

/// `.public.samvad-<what>` beside `public`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.samvad-{what}"))
}

/// XXH3: change detection over every output byte must cost next to
/// nothing, and a streamed file must hash the same as one put whole.
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn remove_if_exists(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("removing {}", dir.display()), e)),
    }
}

#[cfg(test)]
mod tests;
