//! Load stage: find every content file, read it once, and split off its
//! front matter.
//!
//! Files are read and front matter parsed on all cores. Every problem is
//! collected, so a writer with three broken posts sees three messages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};
use crate::frontmatter::{self, FrontMatter};

/// What a content file becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A dated blog post under `content/posts/`.
    Post,
    /// A standalone page such as `about.md`.
    Page,
    /// The services landing page, `content/services.md`.
    Services,
    /// `content/_index.md`: the home page's own intro text.
    Home,
}

/// One markdown file, read and with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Source {
    /// Absolute path, for messages.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// What the file is.
    pub kind: Kind,
    /// Parsed front matter, boxed: it is most of a source's size, and the
    /// link and parse stages move every source from one list to the next.
    pub front: Box<FrontMatter>,
    /// The whole file text; the body starts at `body_start`.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// File line of the first body line.
    pub body_line: usize,
    /// A fingerprint of the file's bytes: two reads of the same bytes give
    /// the same source.
    pub hash: u64,
}

impl Source {
    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Content-relative folder of the file ("" at the top).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// Is this `posts/<name>/index.md` (or `index.markdown`, …)?
    pub fn is_bundle(&self) -> bool {
        self.rel.rsplit_once('/').is_some_and(|(_, name)| markdown_stem(name) == Some("index"))
    }
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Markdown sources.
    pub sources: Vec<Arc<Source>>,
    /// Other files to copy as they are (content-relative), outside bundles.
    pub files: Vec<String>,
    /// Problems with files that could not be loaded; the rest still goes
    /// through the pipeline so every error of a run is reported at once.
    pub errors: Vec<Diagnostic>,
    /// Markdown files that failed to load (content-relative).
    pub broken: Vec<String>,
    /// Each bundle's other files (content-relative), by its index file.
    pub assets: HashMap<String, Vec<String>>,
    /// What the writer should know about files that did load.
    pub warnings: Vec<Diagnostic>,
}

impl Loaded {
    /// Fails with every error found so far plus `more`.
    pub fn fail_with(&self, more: Error) -> Error {
        let mut all = self.errors.clone();
        all.extend(more.diagnostics());
        Error::Content(all)
    }
}

/// Walks `content/` and loads every markdown file in it.
pub fn load(content: &Path, tz: &jiff::tz::TimeZone) -> Result<Loaded> {
    let walked = walk(content);
    let results: Vec<Read> = walked.markdown.par_iter().map(|rel| read_source(content, rel, tz)).collect();
    Ok(gather(walked, results))
}

/// What [`walk`] found and what reading each Markdown file gave, in the
/// walk's order, as one [`Loaded`].
pub fn gather(walked: Walked, results: Vec<Read>) -> Loaded {
    let Walked { markdown, others, errors, unread } = walked;
    let mut loaded = Loaded { errors, sources: Vec::with_capacity(results.len()), ..Loaded::default() };
    loaded.warnings.extend(unread_warning(&unread));
    for (r, rel) in results.into_iter().zip(markdown) {
        match r {
            Ok((s, warnings)) => {
                loaded.sources.push(s);
                loaded.warnings.extend(warnings);
            }
            Err(d) => {
                loaded.errors.extend(d);
                loaded.broken.push(rel);
            }
        }
    }
    // Each bundle's folder, and its index file: a file goes to the bundle
    // whose folder is the nearest above it.
    let bundles: HashMap<String, String> =
        loaded.sources.iter().filter(|s| s.is_bundle()).map(|s| (s.dir().to_string(), s.rel.clone())).collect();
    for file in others {
        let owner = ancestors(&file).find_map(|dir| bundles.get(dir));
        match owner {
            Some(rel) => loaded.assets.entry(rel.clone()).or_default().push(file),
            None => loaded.files.push(file),
        }
    }
    loaded
}

/// The folders above a content-relative path, nearest first.
fn ancestors(rel: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(rel.rsplit_once('/').map(|(d, _)| d), |d| d.rsplit_once('/').map(|(p, _)| p))
}

/// The files under `content/`, as content-relative paths with `/`
/// separators, sorted so the build never depends on directory order.
#[derive(Debug, Default, Clone)]
pub struct Walked {
    /// Markdown files.
    pub markdown: Vec<String>,
    /// Every other file.
    pub others: Vec<String>,
    /// Files that could not be read.
    pub errors: Vec<Diagnostic>,
    /// Content in a format samvad does not read (`.mdx`, `.rst`, …),
    /// neither built nor copied.
    pub unread: Vec<String>,
}

/// Every file under `content/`.
pub fn walk(content: &Path) -> Walked {
    let mut markdown = Vec::new();
    let mut others = Vec::new();
    let mut errors = Vec::new();
    let mut unread = Vec::new();
    if !content.exists() {
        return Walked { markdown, others, errors, unread };
    }
    // Symlinks are followed, so a linked post builds and a dangling link is
    // reported instead of vanishing silently.
    for entry in WalkDir::new(content).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(content).to_path_buf();
                errors.push(
                    Diagnostic::new(path, format!("cannot read: {e}"))
                        .hint("check that the file exists and is readable (a symlink must point at a real file)"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() || is_ignored(entry.file_name().to_string_lossy().as_ref()) {
            continue;
        }
        let rel =
            entry.path().strip_prefix(content).expect("walk stays inside content").to_string_lossy().replace('\\', "/");
        if markdown_stem(&rel).is_some() {
            markdown.push(rel);
        } else if is_unread_format(&rel) {
            unread.push(rel);
        } else {
            others.push(rel);
        }
    }
    Walked { markdown, others, errors, unread }
}

/// Text formats other generators build pages from, which samvad does not
/// read: published as they are, they would leak their source.
const UNREAD_FORMATS: &[&str] = &["mdx", "rst", "adoc", "asciidoc", "org", "textile", "rmd", "qmd"];

/// Is `rel` content in a format samvad does not read?
fn is_unread_format(rel: &str) -> bool {
    rel.rsplit_once('.').is_some_and(|(_, ext)| UNREAD_FORMATS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// One warning naming every file [`is_unread_format`] left out.
fn unread_warning(unread: &[String]) -> Option<Diagnostic> {
    let (first, rest) = unread.split_first()?;
    let names: Vec<String> = std::iter::once(first).chain(rest).take(10).map(|r| format!("content/{r}")).collect();
    let more = if unread.len() > 10 { format!(" and {} more", unread.len() - 10) } else { String::new() };
    let message = format!(
        "{} not read, since samvad reads Markdown only (.md, .markdown, .mdown, .mkd), and not published: {}{more}",
        if unread.len() == 1 { "1 file is".to_string() } else { format!("{} files are", unread.len()) },
        names.join(", ")
    );
    let hint = "rename Markdown written as .mdx to .md (and remove its components); convert other formats to Markdown, for example with pandoc";
    Some(Diagnostic::general(message).warning().hint(hint))
}

/// File endings read as Markdown: `.md`, Jekyll's default `.markdown`, and
/// its shorter kin `.mdown` and `.mkd`.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd"];

/// `name` without its Markdown ending, if it has one (`a.markdown` → `a`).
pub fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    MARKDOWN_EXTENSIONS.contains(&ext).then_some(stem)
}

/// Editor droppings and hidden files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.starts_with("#")
}

fn classify(rel: &str) -> Kind {
    match markdown_stem(rel) {
        Some("_index") => Kind::Home,
        Some("services") => Kind::Services,
        _ if rel.starts_with("posts/") => Kind::Post,
        _ => Kind::Page,
    }
}

/// A source and what the writer should know about it, or why it failed.
pub type Read = std::result::Result<(Arc<Source>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and splits the Markdown file `rel` of `content`.
pub fn read_source(content: &Path, rel: &str, tz: &jiff::tz::TimeZone) -> Read {
    let path = content.join(rel);
    source_from(read_bytes(&path).map_err(|d| vec![d])?, content, rel, tz)
}

/// The source `rel` of `content`, from its bytes.
pub fn source_from(bytes: Vec<u8>, content: &Path, rel: &str, tz: &jiff::tz::TimeZone) -> Read {
    let path = content.join(rel);
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let (text, controls) = without_controls(text_from(bytes, &path).map_err(|d| vec![d])?, &path);
    let kind = classify(rel);
    let split = frontmatter::split(&text, &path).map_err(|d| vec![d])?;
    let map = frontmatter::parse_value(&split, &path).map_err(|d| vec![d])?;
    let front = frontmatter::fields(map, &split, &path, kind == Kind::Services, tz)?;
    if kind == Kind::Post && front.date.is_none() {
        return Err(vec![Diagnostic::new(&path, "a post needs a `date`").at_line(2).hint(format!(
            "add {} (or an RFC 3339 time) to the front matter",
            frontmatter::assignment(split.syntax, "date", "2026-11-25")
        ))]);
    }
    let (body_start, body_line, front) = (text.len() - split.body.len(), split.body_line, Box::new(front));
    let warnings = controls.into_iter().chain(strays(&text, body_start, &path)).collect();
    Ok((Arc::new(Source { path, rel: rel.to_string(), kind, front, text, body_start, body_line, hash }), warnings))
}

/// A warning for each kind of another generator's syntax left in the
/// Markdown, which would be printed as text.
fn strays(text: &str, body_start: usize, path: &Path) -> Vec<Diagnostic> {
    let strays = crate::stray::scan(&text[body_start..]);
    strays
        .into_iter()
        .map(|s| {
            let (line, col) = crate::error::line_col(text, body_start + s.at);
            let more = match s.count {
                1 => String::new(),
                n => format!(" ({n} in this file)"),
            };
            let message = format!("{} would be printed as text: `{}`{more}", s.kind.name(), s.sample);
            Diagnostic::new(path, message).at(line, col).warning().hint(s.kind.hint())
        })
        .collect()
}

/// The text without the control characters HTML forbids (a NUL or an
/// escape sequence pasted from a terminal), which no reader could see, and
/// a warning pointing at the first one.
fn without_controls(text: String, path: &Path) -> (String, Option<Diagnostic>) {
    let Some((kept, first, dropped)) = crate::text::drop_forbidden_controls(&text) else { return (text, None) };
    let (line, col) = crate::error::line_col(&text, first);
    let code = text[first..].chars().next().map_or(0, |c| c as u32);
    let what = if dropped == 1 { "a control character".to_string() } else { format!("{dropped} control characters") };
    let warning = Diagnostic::new(path, format!("removed {what} that HTML does not allow (the first is U+{code:04X})"))
        .at(line, col)
        .warning()
        .hint("delete it in your editor; it often comes from text pasted from a terminal or a word processor");
    (kept, Some(warning))
}

/// Reads a file as UTF-8, pointing at the first bad byte otherwise.
pub fn read_text(path: &Path) -> std::result::Result<String, Diagnostic> {
    text_from(read_bytes(path)?, path)
}

/// Reads a file's bytes, or says why it cannot be read.
pub fn read_bytes(path: &Path) -> std::result::Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|e| {
        Diagnostic::new(path, format!("cannot read the file: {e}")).hint("check that it exists and is readable")
    })
}

/// `bytes` as UTF-8 text, pointing at the first bad byte otherwise.
pub fn text_from(bytes: Vec<u8>, path: &Path) -> std::result::Result<String, Diagnostic> {
    // Every byte of every source passes through here. Checking Devanagari
    // (three bytes a letter) with SIMD is several times faster than std's
    // byte-at-a-time check, which is left to find where a bad file goes
    // wrong.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just checked to be valid UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).to_string();
        let (line, col) = crate::error::line_col(&good, good.len());
        Diagnostic::new(path, format!("the file is not valid UTF-8 (bad byte at offset {valid})"))
            .at(line, col)
            .hint("save the file as UTF-8 in your editor")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_location() {
        assert_eq!(classify("posts/a.md"), Kind::Post);
        assert_eq!(classify("posts/b/index.md"), Kind::Post);
        assert_eq!(classify("about.md"), Kind::Page);
        assert_eq!(classify("services.md"), Kind::Services);
        assert_eq!(classify("_index.md"), Kind::Home);
        assert_eq!(classify("posts/2019-05-06-a.markdown"), Kind::Post);
        assert_eq!(classify("services.mdown"), Kind::Services);
        assert_eq!(markdown_stem("a.mkd"), Some("a"));
        assert_eq!(markdown_stem("a.mdx"), None);
        assert_eq!(markdown_stem("notes.txt"), None);
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".a.md.swp", "a.md~", "4913", ".hidden"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
