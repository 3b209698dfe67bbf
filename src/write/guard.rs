//! Which folders a build may replace.
//!
//! A build swaps its output folder out wholesale, so pointing `--output` at
//! the wrong folder would destroy it. samvad therefore replaces only a
//! folder it made itself (one with its manifest beside it) or an empty one.
//! `--force` lets the user name any other folder on purpose, but never a
//! file, a `.git` folder, the site root, a folder holding the site, or the
//! site's sources.

use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Result};

/// Refuses an output folder whose replacement would lose files samvad did
/// not make. `force` allows a non-empty folder the user named on purpose.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<()> {
    let (root, output) = (absolute(root), absolute(output));
    if let Some(why) = never_allowed(&root, &output) {
        return Err(refusal(&output, &why).hint("pick a folder of its own, such as `public`").into());
    }
    if force || !output.exists() || super::is_samvad_output(&output) {
        return Ok(());
    }
    match first_entry(&output) {
        None => Ok(()),
        Some(name) => Err(refusal(
            &output,
            &format!("it already holds files samvad did not make (such as `{name}`), and a build would delete them"),
        )
        .hint("build into a new or empty folder, or pass --force to replace this folder and everything in it")
        .into()),
    }
}

/// Why `output` may never be replaced, even with `--force`.
fn never_allowed(root: &Path, output: &Path) -> Option<String> {
    if output.exists() && !output.is_dir() {
        return Some("it is a file, not a folder".into());
    }
    if output.components().any(|c| c == Component::Normal(".git".as_ref())) {
        return Some("it is inside a git repository's own `.git` folder".into());
    }
    if root.starts_with(output) {
        return Some(if root == output { "it is the site itself" } else { "it holds the site" }.into());
    }
    let sources = ["content", "templates", "static", "themes"];
    sources
        .iter()
        .find(|s| output.starts_with(root.join(s)))
        .map(|s| format!("it is inside the site's `{s}/` folder, which holds your sources"))
}

fn refusal(output: &Path, why: &str) -> Diagnostic {
    Diagnostic::general(format!("refusing to build into {}: {why}", output.display()))
}

/// The name of some entry in `dir`, if it has any.
fn first_entry(dir: &Path) -> Option<String> {
    let mut entries = std::fs::read_dir(dir).ok()?;
    entries.next().and_then(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned())
}

/// An absolute, lexically normalised path (it may not exist yet). Symlinks
/// in the part that exists are resolved, so a link to the site root is
/// recognised as the site root.
pub fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    resolve_existing(&out)
}

/// Canonicalises the longest existing prefix of `path` and appends the rest.
fn resolve_existing(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path.to_path_buf(),
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    out.extend(rest.iter().rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_sources_and_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (output, force) in [(root.to_path_buf(), true), (root.join("content/x"), true), (root.join(".git"), true)] {
            assert!(check_output(root, &output, force).is_err(), "{}", output.display());
        }
        assert!(check_output(root, root.parent().unwrap(), true).is_err());
        assert!(check_output(root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn a_folder_of_someone_elses_needs_force_and_a_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("mydocs")).unwrap();
        assert!(check_output(root, &root.join("mydocs"), false).is_ok(), "an empty folder is fine");
        std::fs::write(root.join("mydocs/thesis.txt"), "x").unwrap();
        let err = check_output(root, &root.join("mydocs"), false).unwrap_err().to_string();
        assert!(err.contains("mydocs") && err.contains("thesis.txt") && err.contains("--force"), "{err}");
        assert!(check_output(root, &root.join("mydocs"), true).is_ok());
        std::fs::write(root.join("samvad.toml"), "").unwrap();
        let err = check_output(root, &root.join("samvad.toml"), true).unwrap_err().to_string();
        assert!(err.contains("is a file"), "{err}");
    }

    #[test]
    fn dot_dot_and_symlinks_do_not_hide_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::os::unix::fs::symlink(&root, dir.path().join("link")).unwrap();
        assert!(check_output(&root, &dir.path().join("link"), true).is_err());
        assert!(check_output(&root, &root.join("public/../content"), true).is_err());
    }
}
