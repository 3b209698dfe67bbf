//! Putting a staged build in place, all or nothing.
//!
//! Every change to the output goes through a [`Journal`]: a file about to
//! be replaced or removed is first renamed into a backup folder beside the
//! output, and every step is recorded. Should any step fail (a folder the
//! user made read-only, say), the steps taken so far are undone in reverse
//! order, so the output is exactly as it was before the build. Renames
//! move no data, so the backup costs one extra system call a changed file.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One step already taken, in the order taken.
enum Step {
    /// A file or folder moved from the output into the backup folder.
    Backed(PathBuf),
    /// A staged file moved into the output, from where it came.
    Placed { from: PathBuf, to: PathBuf },
    /// A folder made in the output.
    Made(PathBuf),
    /// An empty folder removed from the output.
    Unmade(PathBuf),
}

/// The record of a commit in progress.
pub(super) struct Journal {
    target: PathBuf,
    backup: PathBuf,
    steps: Vec<Step>,
}

impl Journal {
    /// A journal for changes to `target`, backing files up into `backup`
    /// (which must not exist: a leftover is removed first).
    pub(super) fn new(target: &Path, backup: PathBuf) -> Result<Journal> {
        super::remove_if_exists(&backup)?;
        Ok(Journal { target: target.to_path_buf(), backup, steps: Vec::new() })
    }

    /// Moves the staged file `from` to `rel` under the target, backing up
    /// whatever is in its way.
    pub(super) fn place(&mut self, from: &Path, rel: &str) -> Result<()> {
        let to = self.target.join(rel);
        self.make_folders(rel)?;
        if std::fs::symlink_metadata(&to).is_ok() {
            self.back_up(rel)?;
        }
        std::fs::rename(from, &to).map_err(|e| Error::io(format!("writing {}", to.display()), e))?;
        self.steps.push(Step::Placed { from: from.to_path_buf(), to });
        Ok(())
    }

    /// Removes `rel` from the target (into the backup), and then each
    /// folder above it that this leaves empty.
    pub(super) fn remove(&mut self, rel: &str) -> Result<()> {
        if std::fs::symlink_metadata(self.target.join(rel)).is_err() {
            return Ok(());
        }
        self.back_up(rel)?;
        let mut dir = self.target.join(rel);
        while let Some(parent) = dir.parent().filter(|d| *d != self.target && d.starts_with(&self.target)) {
            // Fails, harmlessly, on the first folder that still holds files.
            if std::fs::remove_dir(parent).is_err() {
                break;
            }
            self.steps.push(Step::Unmade(parent.to_path_buf()));
            dir = parent.to_path_buf();
        }
        Ok(())
    }

    /// Makes the folders `rel` needs, moving a file that stands where a
    /// folder must go into the backup.
    fn make_folders(&mut self, rel: &str) -> Result<()> {
        let mut at = String::new();
        let folders: Vec<&str> = rel.split('/').collect();
        for part in &folders[..folders.len() - 1] {
            at = if at.is_empty() { part.to_string() } else { format!("{at}/{part}") };
            let path = self.target.join(&at);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => continue,
                Ok(_) => self.back_up(&at)?,
                Err(_) => {}
            }
            std::fs::create_dir(&path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
            self.steps.push(Step::Made(path));
        }
        Ok(())
    }

    fn back_up(&mut self, rel: &str) -> Result<()> {
        let (from, to) = (self.target.join(rel), self.backup.join(rel));
        let parent = to.parent().expect("inside the backup folder");
        std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        std::fs::rename(&from, &to).map_err(|e| Error::io(format!("replacing {}", from.display()), e))?;
        self.steps.push(Step::Backed(PathBuf::from(rel)));
        Ok(())
    }

    /// Keeps every step and drops the backup. Deleting thousands of old
    /// files can take seconds on some disks (online discard), so a
    /// long-running process moves the backup out of the way at once and
    /// deletes it on a thread of its own, while the reload goes ahead.
    pub(super) fn finish(self, in_background: bool) {
        if !in_background || !self.backup.exists() {
            let _ = std::fs::remove_dir_all(&self.backup);
            return;
        }
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let name = self.backup.file_name().unwrap_or_default().to_string_lossy();
        let trash = self.backup.with_file_name(format!("{name}-trash-{stamp}"));
        match std::fs::rename(&self.backup, &trash) {
            Ok(()) => {
                let _ = std::thread::Builder::new().name("tidy".into()).spawn(move || std::fs::remove_dir_all(trash));
            }
            Err(_) => {
                let _ = std::fs::remove_dir_all(&self.backup);
            }
        }
    }

    /// Undoes every step, newest first, and reports `cause` (with a note
    /// should undoing fail too).
    pub(super) fn roll_back(mut self, cause: Error) -> Error {
        let mut stuck = Vec::new();
        while let Some(step) = self.steps.pop() {
            let undone = match &step {
                Step::Placed { from, to } => std::fs::rename(to, from),
                Step::Backed(rel) => std::fs::rename(self.backup.join(rel), self.target.join(rel)),
                Step::Made(dir) => std::fs::remove_dir(dir),
                Step::Unmade(dir) => std::fs::create_dir(dir),
            };
            if let Err(e) = undone {
                stuck.push(format!("{}: {e}", describe(&step)));
            }
        }
        if stuck.is_empty() {
            let _ = std::fs::remove_dir_all(&self.backup);
            return cause;
        }
        let kept = self.backup.display();
        Error::io(
            format!(
                "{cause}; undoing the partial update failed too ({}); the old files are kept in {kept}",
                stuck.join("; ")
            ),
            std::io::Error::other("rollback incomplete"),
        )
    }
}

fn describe(step: &Step) -> String {
    match step {
        Step::Backed(rel) => format!("restoring {}", rel.display()),
        Step::Placed { to, .. } => format!("taking back {}", to.display()),
        Step::Made(dir) => format!("removing {}", dir.display()),
        Step::Unmade(dir) => format!("making {} again", dir.display()),
    }
}

/// Replaces `target` by `dir` with two renames, moving the old folder back
/// should the second fail.
pub(super) fn swap(dir: &Path, target: &Path, old: &Path) -> Result<()> {
    super::remove_if_exists(old)?;
    let had_old = target.exists();
    if let Ok(meta) = std::fs::metadata(target) {
        // The new folder takes the old one's place and its permissions:
        // `serve` makes its folder readable by its user alone.
        let _ = std::fs::set_permissions(dir, meta.permissions());
    }
    if had_old {
        std::fs::rename(target, old).map_err(|e| Error::io(format!("moving {} aside", target.display()), e))?;
    }
    if let Err(e) = std::fs::rename(dir, target) {
        if had_old {
            let _ = std::fs::rename(old, target);
        }
        return Err(Error::io(format!("moving the new output into {}", target.display()), e));
    }
    super::remove_if_exists(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn read(path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn rolling_back_restores_replaced_removed_and_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let (target, staged, backup) = (dir.path().join("out"), dir.path().join("staged"), dir.path().join("bak"));
        write(&target.join("a/index.html"), "old a");
        write(&target.join("gone/index.html"), "old gone");
        write(&target.join("c"), "a file where a folder will go");
        write(&staged.join("a/index.html"), "new a");
        write(&staged.join("c/index.html"), "new c");
        let mut journal = Journal::new(&target, backup.clone()).unwrap();
        journal.place(&staged.join("a/index.html"), "a/index.html").unwrap();
        journal.place(&staged.join("c/index.html"), "c/index.html").unwrap();
        journal.remove("gone/index.html").unwrap();
        assert_eq!(read(&target.join("a/index.html")).as_deref(), Some("new a"));
        assert!(!target.join("gone").exists(), "the emptied folder went too");
        let cause = Error::io("a later step", std::io::Error::other("failed"));
        let err = journal.roll_back(cause).to_string();
        assert!(err.contains("a later step"), "{err}");
        assert_eq!(read(&target.join("a/index.html")).as_deref(), Some("old a"));
        assert_eq!(read(&target.join("gone/index.html")).as_deref(), Some("old gone"));
        assert_eq!(read(&target.join("c")).as_deref(), Some("a file where a folder will go"));
        assert_eq!(read(&staged.join("a/index.html")).as_deref(), Some("new a"), "staged file taken back");
        assert!(!backup.exists(), "backup removed once restored");
    }

    #[test]
    fn a_failed_swap_puts_the_old_folder_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out");
        write(&target.join("index.html"), "old");
        let missing = dir.path().join("no-such-staging");
        assert!(swap(&missing, &target, &dir.path().join("old")).is_err());
        assert_eq!(read(&target.join("index.html")).as_deref(), Some("old"));
    }
}
