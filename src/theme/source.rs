//! Where a theme's files come from.
//!
//! Both bundled themes are compiled into samvad, so any site can name
//! either one (`theme = "landing"`, `--theme landing`) without a copy. A
//! folder `themes/<name>/` in the site replaces the theme of that name as a
//! whole, or adds a theme of the site's own. Everything that reads a theme
//! (its settings, templates, UI strings and static files, for `build` and
//! for `serve`) goes through [`ThemeSource`], so a built-in theme and a
//! folder behave the same.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::error::{Diagnostic, Error, Result};

/// The themes compiled into samvad, by name.
pub static BUILTIN: &[(&str, &Dir<'_>)] = &[
    ("default", &include_dir!("$CARGO_MANIFEST_DIR/themes/default")),
    ("landing", &include_dir!("$CARGO_MANIFEST_DIR/themes/landing")),
];

/// Where one file's bytes are: on disk, or compiled into samvad.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file on disk.
    Disk(PathBuf),
    /// A file of a built-in theme.
    Builtin(&'static [u8]),
}

impl FileSource {
    /// The file's bytes.
    pub fn read(&self) -> Result<Cow<'static, [u8]>> {
        match self {
            FileSource::Disk(path) => {
                std::fs::read(path).map(Cow::Owned).map_err(|e| Error::io(format!("reading {}", path.display()), e))
            }
            FileSource::Builtin(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// The file's text; `shown` names it in the error when it is not UTF-8.
    pub fn text(&self, shown: &Path) -> std::result::Result<String, Diagnostic> {
        match self {
            FileSource::Disk(path) => crate::load::read_text(path),
            FileSource::Builtin(bytes) => String::from_utf8(bytes.to_vec())
                .map_err(|_| Diagnostic::new(shown, "a built-in theme file is not UTF-8; this is a bug in samvad")),
        }
    }

    /// The file on disk, if it is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            FileSource::Disk(path) => Some(path),
            FileSource::Builtin(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
enum Location {
    Folder(PathBuf),
    Builtin(&'static Dir<'static>),
}

/// A theme found by name: the site's `themes/<name>/`, or the built-in one.
#[derive(Debug, Clone)]
pub struct ThemeSource {
    name: String,
    location: Location,
}

impl ThemeSource {
    /// The theme `name` for the site at `root`: the folder `themes/<name>/`
    /// when there is one, else the built-in theme of that name.
    pub fn find(root: &Path, name: &str) -> Option<ThemeSource> {
        let dir = root.join("themes").join(name);
        match dir.is_dir() {
            true => Some(ThemeSource::folder(name, dir)),
            false => ThemeSource::builtin(name),
        }
    }

    /// The built-in theme `name`.
    pub fn builtin(name: &str) -> Option<ThemeSource> {
        let (_, dir) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Some(ThemeSource { name: name.to_string(), location: Location::Builtin(dir) })
    }

    /// The theme in the folder `dir`.
    pub fn folder(name: &str, dir: impl Into<PathBuf>) -> ThemeSource {
        ThemeSource { name: name.to_string(), location: Location::Folder(dir.into()) }
    }

    /// The theme's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The theme's folder on disk; `None` for a built-in theme.
    pub fn dir(&self) -> Option<&Path> {
        match &self.location {
            Location::Folder(dir) => Some(dir),
            Location::Builtin(_) => None,
        }
    }

    /// How messages name `rel` inside the theme: its path on disk, or
    /// `<built-in theme NAME>/rel`.
    pub fn path_of(&self, rel: &str) -> PathBuf {
        match &self.location {
            Location::Folder(dir) => dir.join(rel),
            Location::Builtin(_) => PathBuf::from(format!("<built-in theme {}>", self.name)).join(rel),
        }
    }

    /// The file `rel` ("theme.toml", "static/style.css"), if the theme has it.
    pub fn file(&self, rel: &str) -> Option<FileSource> {
        match &self.location {
            Location::Folder(dir) => Some(dir.join(rel)).filter(|p| p.is_file()).map(FileSource::Disk),
            Location::Builtin(dir) => dir.get_file(rel).map(|f| FileSource::Builtin(f.contents())),
        }
    }

    /// Every file under the theme's folder `sub` ("templates", "i18n",
    /// "static"): its path relative to `sub`, and where its bytes are;
    /// sorted by path, without editors' temporary files.
    pub fn files(&self, sub: &str) -> Vec<(String, FileSource)> {
        let mut files = match &self.location {
            Location::Folder(dir) => folder_files(&dir.join(sub)),
            Location::Builtin(dir) => {
                let mut out = Vec::new();
                if let Some(sub_dir) = dir.get_dir(sub) {
                    builtin_files(sub_dir, Path::new(sub), &mut out);
                }
                out
            }
        };
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

/// Every file under `dir` on disk, as [`ThemeSource::files`] lists them.
/// A missing folder has none.
pub fn folder_files(dir: &Path) -> Vec<(String, FileSource)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && !crate::load::is_ignored(&e.file_name().to_string_lossy()))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            (rel, FileSource::Disk(e.path().to_path_buf()))
        })
        .collect()
}

fn builtin_files(dir: &'static Dir<'static>, sub: &Path, out: &mut Vec<(String, FileSource)>) {
    for file in dir.files() {
        let ignored = file.path().file_name().is_some_and(|n| crate::load::is_ignored(&n.to_string_lossy()));
        if let (false, Ok(rel)) = (ignored, file.path().strip_prefix(sub)) {
            out.push((rel.to_string_lossy().replace('\\', "/"), FileSource::Builtin(file.contents())));
        }
    }
    for child in dir.dirs() {
        builtin_files(child, sub, out);
    }
}

/// The themes a site at `root` can use: the built-in ones and every folder
/// in its `themes/`, sorted, each once.
pub fn available(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        names.extend(
            entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !crate::load::is_ignored(n)),
        );
    }
    names.sort();
    names.dedup();
    names
}

/// The theme `name` for the site at `root`, or an error that lists the
/// themes there are. `from_flag` says the name came from `--theme` rather
/// than from `theme` in `samvad.toml`, whose line the error then points at.
pub fn resolve(root: &Path, name: &str, from_flag: bool) -> Result<ThemeSource> {
    if let Some(theme) = ThemeSource::find(root, name) {
        return Ok(theme);
    }
    let names = available(root);
    let listed: Vec<String> = names
        .iter()
        .map(|n| match root.join("themes").join(n).is_dir() {
            true => format!("{n} (themes/{n}/)"),
            false => format!("{n} (built in)"),
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::error::closest(name, &refs) {
        Some(close) => format!("did you mean `{close}`? Themes: {}", listed.join(", ")),
        None => format!("themes: {}", listed.join(", ")),
    };
    let message = format!("no theme `{name}`: it is not built in and there is no folder themes/{name}/");
    let diagnostic = match from_flag {
        true => Diagnostic::general(format!("--theme: {message}")),
        false => {
            let config = root.join(crate::config::CONFIG_FILE);
            let text = std::fs::read_to_string(&config).unwrap_or_default();
            Diagnostic::new(config, message).at_line(crate::config::key_line(&text, "theme").unwrap_or(1))
        }
    };
    Err(diagnostic.hint(hint).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_replaces_the_built_in_theme_of_its_name() {
        let root = tempfile::tempdir().unwrap();
        let builtin = ThemeSource::find(root.path(), "landing").expect("built in");
        assert!(builtin.dir().is_none());
        let names: Vec<String> = builtin.files("templates").into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"base.html".to_string()) && names.contains(&"services.html".to_string()), "{names:?}");
        assert!(builtin.file("theme.toml").is_some() && builtin.file("nope.toml").is_none());

        std::fs::create_dir_all(root.path().join("themes/landing/templates")).unwrap();
        std::fs::write(root.path().join("themes/landing/templates/base.html"), "mine").unwrap();
        let folder = ThemeSource::find(root.path(), "landing").unwrap();
        assert_eq!(folder.dir(), Some(root.path().join("themes/landing").as_path()));
        let files = folder.files("templates");
        assert_eq!(files.len(), 1, "wholesale, not merged: {files:?}");
        assert_eq!(&*files[0].1.read().unwrap(), b"mine");
    }

    #[test]
    fn an_unknown_theme_lists_the_themes_there_are() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("themes/mine")).unwrap();
        std::fs::write(root.path().join("samvad.toml"), "title = \"x\"\ntheme = \"landng\"\n").unwrap();
        let err = resolve(root.path(), "landng", false).unwrap_err().diagnostics().remove(0);
        assert_eq!(err.line, Some(2), "{err}");
        let text = err.to_string();
        assert!(text.contains("did you mean `landing`?"), "{text}");
        assert!(text.contains("default (built in), landing (built in), mine (themes/mine/)"), "{text}");
        let err = resolve(root.path(), "zzzzzzzz", true).unwrap_err().to_string();
        assert!(err.starts_with("error: --theme: no theme `zzzzzzzz`"), "{err}");
    }
}
