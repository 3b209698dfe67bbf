//! Write stage: every output goes into a staging folder beside the output
//! folder, which is swapped in only when the whole build has succeeded. A
//! failed build therefore leaves the previous output byte for byte as it
//! was.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};

/// A folder being filled with one build's output.
pub struct Staging {
    /// The staging folder.
    pub dir: PathBuf,
    /// Where it will end up.
    pub target: PathBuf,
}

impl Staging {
    /// Starts a fresh staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        let dir = parent.join(format!(".{name}.samvad-staging"));
        remove_if_exists(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        Ok(Staging { dir, target: target.to_path_buf() })
    }

    /// Writes `bytes` at the output-relative path `rel`.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(format!("writing {}", path.display()), e))
    }

    /// Copies a file into the output, unless a later layer already put one
    /// there.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let to = self.dir.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        }
        std::fs::copy(from, &to).map(|_| ()).map_err(|e| {
            Error::from(
                Diagnostic::new(from, format!("cannot copy to the output: {e}"))
                    .hint("check that the file is readable"),
            )
        })
    }

    /// Swaps the staging folder in place of the target.
    pub fn commit(self) -> Result<()> {
        let name = self.target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let old = self.target.with_file_name(format!(".{name}.samvad-old"));
        remove_if_exists(&old)?;
        if self.target.exists() {
            std::fs::rename(&self.target, &old)
                .map_err(|e| Error::io(format!("moving {} aside", self.target.display()), e))?;
        }
        std::fs::rename(&self.dir, &self.target)
            .map_err(|e| Error::io(format!("moving the new output into {}", self.target.display()), e))?;
        remove_if_exists(&old)
    }

    /// Throws the staging folder away after a failed build.
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
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
