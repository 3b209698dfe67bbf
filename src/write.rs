//! Write stage: a build never damages the previous output.
//!
//! Outputs go into a staging folder beside the output folder first. A build
//! into an empty (or unknown) folder stages everything and swaps the staging
//! folder in with one rename. A rebuild over samvad's own previous output
//! consults the manifest it left beside it (path, length and hash of every
//! file) and stages only files whose bytes changed; when the whole build has
//! succeeded those are renamed into place one by one and files nothing
//! produces any more are removed. Unchanged files are never rewritten, so a
//! rebuild that changes nothing touches nothing, and a failed build leaves
//! the output exactly as it was.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::Xxh3;

use crate::error::{Diagnostic, Error, Result};

/// Length and hash of one output file.
type Entry = (u64, u64);

/// A folder being filled with one build's output.
pub struct Staging {
    /// The staging folder.
    pub dir: PathBuf,
    /// Where it will end up.
    pub target: PathBuf,
    /// The previous build's manifest, when updating in place.
    previous: Option<HashMap<String, Entry>>,
    /// This build's manifest.
    current: Mutex<HashMap<String, Entry>>,
    /// Folders of the staging folder made so far: many files share one
    /// (the snippets' ten thousand), and asking the file system again for
    /// each costs two system calls.
    made: Mutex<HashSet<String>>,
}

impl Staging {
    /// Starts a fresh staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        let dir = sibling(target, "staging");
        remove_if_exists(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let previous = if target.is_dir() { read_manifest(&sibling(target, "manifest")) } else { None };
        let (current, made) = (Mutex::new(HashMap::new()), Mutex::new(HashSet::new()));
        Ok(Staging { dir, target: target.to_path_buf(), previous, current, made })
    }

    /// Writes `bytes` at the output-relative path `rel`, unless the previous
    /// build wrote exactly these bytes there.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let entry = (bytes.len() as u64, hash(bytes));
        self.current.lock().expect("lock").insert(rel.to_string(), entry);
        if self.unchanged(rel, entry) {
            return Ok(());
        }
        let path = self.staged_path(rel)?;
        std::fs::write(&path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
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
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let bytes = std::fs::read(from).map_err(|e| {
            Error::from(
                Diagnostic::new(from, format!("cannot copy to the output: {e}"))
                    .hint("check that the file is readable"),
            )
        })?;
        self.put(rel, &bytes)
    }

    /// The previous build wrote these bytes here, and the file is still
    /// there with that length.
    fn unchanged(&self, rel: &str, entry: Entry) -> bool {
        let Some(previous) = &self.previous else { return false };
        previous.get(rel) == Some(&entry)
            && std::fs::metadata(self.target.join(rel)).is_ok_and(|m| m.is_file() && m.len() == entry.0)
    }

    /// Puts the new output in place of the old.
    pub fn commit(self) -> Result<()> {
        let current = self.current.into_inner().expect("lock");
        let manifest = sibling(&self.target, "manifest");
        match &self.previous {
            None => swap(&self.dir, &self.target)?,
            Some(previous) => {
                move_changed(&self.dir, &self.dir, &self.target)?;
                remove_stale(previous, &current, &self.target);
                remove_if_exists(&self.dir)?;
            }
        }
        write_manifest(&manifest, &current)
    }

    /// Throws the staging folder away after a failed build.
    pub fn abandon(self) {
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

/// Replaces `target` by `dir` with two renames.
fn swap(dir: &Path, target: &Path) -> Result<()> {
    let old = sibling(target, "old");
    remove_if_exists(&old)?;
    if target.exists() {
        std::fs::rename(target, &old).map_err(|e| Error::io(format!("moving {} aside", target.display()), e))?;
    }
    std::fs::rename(dir, target)
        .map_err(|e| Error::io(format!("moving the new output into {}", target.display()), e))?;
    remove_if_exists(&old)
}

/// Renames every staged file into the same place under `target`.
fn move_changed(root: &Path, dir: &Path, target: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path.strip_prefix(root).expect("inside staging");
        let to = target.join(rel);
        if path.is_dir() {
            if to.is_file() {
                let _ = std::fs::remove_file(&to);
            }
            std::fs::create_dir_all(&to).map_err(|e| Error::io(format!("creating {}", to.display()), e))?;
            move_changed(root, &path, target)?;
        } else {
            if to.is_dir() {
                let _ = std::fs::remove_dir_all(&to);
            }
            std::fs::rename(&path, &to).map_err(|e| Error::io(format!("writing {}", to.display()), e))?;
        }
    }
    Ok(())
}

/// Removes files the previous build wrote and this one did not, and the
/// folders that leaves empty.
fn remove_stale(previous: &HashMap<String, Entry>, current: &HashMap<String, Entry>, target: &Path) {
    for rel in previous.keys().filter(|k| !current.contains_key(*k)) {
        let path = target.join(rel);
        let _ = std::fs::remove_file(&path);
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != target) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

fn read_manifest(path: &Path) -> Option<HashMap<String, Entry>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut map = HashMap::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let len = parts.next()?.parse().ok()?;
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        map.insert(parts.next()?.to_string(), (len, hash));
    }
    Some(map)
}

fn write_manifest(path: &Path, entries: &HashMap<String, Entry>) -> Result<()> {
    let mut lines: Vec<String> = entries.iter().map(|(rel, (len, h))| format!("{len} {h:016x} {rel}")).collect();
    lines.sort();
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, lines.join("\n") + "\n").map_err(|e| Error::io(format!("writing {}", tmp.display()), e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}

fn remove_if_exists(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(format!("removing {}", dir.display()), e)),
    }
}

/// Refuses output folders whose replacement would destroy sources: the site
/// root, `content/`, or any folder that contains the site.
pub fn check_output(root: &Path, output: &Path) -> Result<()> {
    let root = absolute(root);
    let output = absolute(output);
    let protected =
        [root.clone(), root.join("content"), root.join("templates"), root.join("static"), root.join("themes")];
    if protected[1..].iter().any(|p| output.starts_with(p)) || output == root || root.starts_with(&output) {
        return Err(Diagnostic::general(format!(
            "refusing to use {} as the output folder: building would replace your sources",
            output.display()
        ))
        .hint("pick a folder of its own, such as `public`")
        .into());
    }
    Ok(())
}

/// An absolute, lexically normalised path (it may not exist yet).
pub fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let joined = joined.canonicalize().unwrap_or(joined);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, &root.join("content")).is_err());
        assert!(check_output(root, root.parent().unwrap()).is_err());
        assert!(check_output(root, &root.join("public")).is_ok());
    }

    #[test]
    fn a_rebuild_rewrites_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let s = Staging::new(&target).unwrap();
        s.put("a/index.html", b"same").unwrap();
        s.put("b/index.html", b"old").unwrap();
        s.put("gone/index.html", b"bye").unwrap();
        s.commit().unwrap();
        let inode = |rel: &str| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(target.join(rel)).unwrap());
        let before = inode("a/index.html");
        let s = Staging::new(&target).unwrap();
        s.put("a/index.html", b"same").unwrap();
        s.put("b/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(inode("a/index.html"), before, "unchanged file not rewritten");
        assert_eq!(std::fs::read(target.join("b/index.html")).unwrap(), b"new");
        assert!(!target.join("gone").exists(), "stale file and its folder removed");
    }

    #[test]
    fn a_streamed_file_is_kept_in_place_when_its_bytes_did_not_change() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("social");
        let stream = |parts: &[&str]| {
            let s = Staging::new(&target).unwrap();
            let mut out = s.stream("snippets.json").unwrap();
            for p in parts {
                out.write(p.as_bytes()).unwrap();
            }
            out.finish().unwrap();
            s.commit().unwrap();
        };
        stream(&["[", "1", "]"]);
        assert_eq!(std::fs::read_to_string(target.join("snippets.json")).unwrap(), "[1]");
        let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(target.join("snippets.json")).unwrap());
        let before = inode();
        stream(&["[1", "]"]);
        assert_eq!(inode(), before, "same bytes in other pieces: not rewritten");
        stream(&["[2]"]);
        assert_eq!(std::fs::read_to_string(target.join("snippets.json")).unwrap(), "[2]");
    }

    #[test]
    fn commit_replaces_and_abandon_keeps() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        let s = Staging::new(&target).unwrap();
        s.put("a/index.html", b"new").unwrap();
        s.abandon();
        assert!(target.join("old.html").exists());
        let s = Staging::new(&target).unwrap();
        s.put("a/index.html", b"new").unwrap();
        s.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
    }
}
