//! One diagnostic type for everything the user can get wrong.
//!
//! A [`Diagnostic`] names the file, the line and column where known, what is
//! wrong and how to fix it. The same value is printed in the terminal and,
//! later, shown in the dev server's browser overlay, so it is plain data.
//! Stages collect every diagnostic of a run and fail once with
//! [`Error::Content`], so a writer sees all their mistakes together.

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build fails.
    #[default]
    Error,
    /// The build goes on; the writer is told.
    Warning,
}

/// A located, actionable message about the user's input.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file at fault, relative to the site root where possible.
    pub file: Option<PathBuf>,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about `file` with no position yet.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        let severity = Severity::Error;
        Diagnostic { severity, file: Some(file.into()), line: None, column: None, message: message.into(), hint: None }
    }

    /// A diagnostic that is not about one file (a bad flag, say).
    pub fn general(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// The same diagnostic as an error (`--strict`).
    pub fn as_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }

    /// Makes this a warning: reported, but the build goes on.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Rewrites the file path relative to `root`, so messages stay short and
    /// never leak the writer's home directory into shared logs.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Some(file) = &self.file {
            if let Ok(rel) = file.strip_prefix(root) {
                self.file = Some(rel.to_path_buf());
            }
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a samvad command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the user's content, config or templates.
    #[error("{}", render_all(.0))]
    Content(Vec<Diagnostic>),
    /// An I/O failure outside the user's content (the output folder, say).
    #[error("{context}: {source}")]
    Io {
        /// What samvad was doing.
        context: String,
        /// The underlying failure.
        source: std::io::Error,
    },
}

impl Error {
    /// Wraps an I/O error with what samvad was doing at the time.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// The diagnostics this error carries, for the overlay and for tests.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Content(d) => d.clone(),
            Error::Io { .. } => vec![Diagnostic::general(self.to_string())],
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }
}

fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for (i, d) in diags.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&d.to_string());
    }
    if diags.len() > 1 {
        out.push_str(&format!("\n{} errors found", diags.len()));
    }
    out
}

/// The crate-wide result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Converts a byte offset in `text` to a 1-based (line, column), counting
/// columns in characters so Devanagari lines point at the right place.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The nearest char boundary at or before byte `i` of `text`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest valid name to `unknown`, for "did you mean" hints.
pub fn closest<'a>(unknown: &str, valid: &[&'a str]) -> Option<&'a str> {
    valid
        .iter()
        .map(|v| (strsim::levenshtein(unknown, v), *v))
        .filter(|(d, v)| *d <= 3.max(v.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nनमस्ते x";
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 8));
    }

    #[test]
    fn closest_suggests_typo_fix() {
        assert_eq!(closest("titel", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["title", "date"]), None);
    }

    #[test]
    fn display_has_file_line_col_and_hint() {
        let d = Diagnostic::new("content/a.md", "bad").at(3, 4).hint("fix it");
        assert_eq!(d.to_string(), "content/a.md:3:4: error: bad\n  help: fix it");
    }
}
