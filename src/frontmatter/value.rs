//! The front matter's text: where it ends, which syntax it is written in,
//! and its value as one JSON object whatever the syntax.
//!
//! JSON has no NaN or infinity, and serde_json turns them into `null`
//! without a word; a `price = nan` would then mean "no price". A TOML
//! number that is not finite is therefore an error at its line (YAML's
//! reader refuses `.nan` and `.inf` itself).

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::key_line;
use crate::error::Diagnostic;

/// Which syntax the front matter was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `+++` fences.
    Toml,
    /// `---` fences.
    Yaml,
}

/// A file split into its front matter text and its body.
#[derive(Debug)]
pub struct Split<'a> {
    /// Front matter syntax.
    pub syntax: Syntax,
    /// The text between the fences.
    pub front: &'a str,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// Splits `text` at its front matter fences.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, syntax) = if text.starts_with("+++") {
        ("+++", Syntax::Toml)
    } else if text.starts_with("---") {
        ("---", Syntax::Yaml)
    } else {
        return Err(Diagnostic::new(path, "missing front matter")
            .at(1, 1)
            .hint("start the file with a `+++` line, then `title = \"…\"`, then a closing `+++` line"));
    };
    let first_nl = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_nl].trim_end().starts_with(&format!("{fence}\r")) {
        return Err(Diagnostic::new(
            path,
            "the file uses old Mac line endings (a carriage return alone ends each line)",
        )
        .at(1, 1)
        .hint("save it with Unix (LF) or Windows (CRLF) line endings in your editor"));
    }
    if text[..first_nl].trim_end() != fence {
        return Err(Diagnostic::new(path, format!("the opening `{fence}` must stand alone on the first line"))
            .at(1, 1)
            .hint(format!("put a line break right after `{fence}`")));
    }
    let mut offset = first_nl;
    for (line, l) in (2..).zip(text[first_nl..].split_inclusive('\n')) {
        if l.trim_end() == fence {
            let body_start = offset + l.len();
            return Ok(Split {
                syntax,
                front: &text[first_nl..offset],
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(Diagnostic::new(path, format!("the front matter opened with `{fence}` on line 1 is never closed"))
        .at(1, 1)
        .hint(format!("add a line with only `{fence}` after the last front matter field")))
}

/// Parses front matter text into a JSON object, locating syntax errors in
/// the file (the front matter starts on line 2).
pub fn parse_value(split: &Split, path: &Path) -> Result<Map<String, Value>, Diagnostic> {
    let value = match split.syntax {
        Syntax::Toml => {
            let table: toml::Table = toml::from_str(split.front).map_err(|e| {
                let mut d = Diagnostic::new(path, format!("invalid TOML front matter: {}", e.message()));
                if let Some(span) = e.span() {
                    let (l, c) = crate::error::line_col(split.front, span.start);
                    d = d.at(l + 1, c);
                }
                d.hint("strings need quotes, lists use [ ], and each key appears once")
            })?;
            toml_to_json(toml::Value::Table(table), "").map_err(|key| not_finite(split, path, &key))?
        }
        Syntax::Yaml => {
            if split.front.trim().is_empty() {
                Value::Object(Map::new())
            } else {
                // serde_saphyr refuses `.nan` and `.inf` itself, with their place.
                serde_saphyr::from_str::<Value>(split.front).map_err(|e| {
                    let message = parser_message(&e.to_string()).to_string();
                    let mut d = Diagnostic::new(path, format!("invalid YAML front matter: {message}"));
                    if let Some(loc) = e.location() {
                        d = d.at(loc.line() as usize + 1, loc.column() as usize);
                    }
                    d.hint(match message.contains("non-finite") {
                        true => "write an ordinary number, such as 499",
                        false => "check indentation and quote values that contain `:`",
                    })
                })?
            }
        }
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Diagnostic::new(path, "front matter must be a set of `key = value` fields").at_line(2)),
    }
}

/// The parser's message without its own position, which counts from the
/// front matter rather than the file and would contradict ours.
fn parser_message(s: &str) -> &str {
    let line = s.lines().next().unwrap_or(s);
    let line = line.strip_prefix("error: ").unwrap_or(line);
    match line.find(": ") {
        Some(i) if line[..i].starts_with("line ") && line[..i].contains(" column ") => &line[i + 2..],
        _ => line,
    }
}

/// TOML dates become RFC 3339 strings so both syntaxes look alike. A
/// number that is not finite fails with the key it was set under.
fn toml_to_json(v: toml::Value, key: &str) -> Result<Value, String> {
    Ok(match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) if f.is_finite() => Value::from(f),
        toml::Value::Float(_) => return Err(key.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(|v| toml_to_json(v, key)).collect::<Result<_, _>>()?),
        toml::Value::Table(t) => {
            let pairs = t.into_iter().map(|(k, v)| toml_to_json(v, &k).map(|v| (k, v)));
            Value::Object(pairs.collect::<Result<_, String>>()?)
        }
    })
}

/// The error for a TOML number that is not finite, at its key's line.
fn not_finite(split: &Split, path: &Path, key: &str) -> Diagnostic {
    let is_it = |l: &str| {
        let value = l.split_once('=').map_or("", |(_, v)| v.trim().trim_start_matches(['+', '-']));
        value.starts_with("nan") || value.starts_with("inf")
    };
    let line = split.front.lines().position(|l| l.trim_start().starts_with(key) && is_it(l));
    let line = line.map(|i| i + 1).or_else(|| key_line(split.front, key)).map_or(2, |l| l + 1);
    Diagnostic::new(path, format!("`{key}` is not a finite number (nan and inf cannot be used)"))
        .at_line(line)
        .hint("write an ordinary number, such as 499")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Result<Map<String, Value>, Diagnostic> {
        let path = Path::new("content/services.md");
        parse_value(&split(text, path)?, path)
    }

    #[test]
    fn old_mac_line_endings_are_named_as_such() {
        let d = value("+++\rtitle = \"x\"\r+++\rbody\r").unwrap_err();
        assert!(d.message.contains("old Mac line endings"), "{d}");
        assert!(value("+++\r\ntitle = \"x\"\r\n+++\r\nbody\r\n").is_ok(), "CRLF is fine");
    }

    #[test]
    fn numbers_that_are_not_finite_are_errors_at_their_line_in_both_syntaxes() {
        for (text, line) in [
            ("+++\ntitle = \"S\"\n[[services]]\nname = \"a\"\nprice = nan\n+++\n", 5),
            ("+++\ntitle = \"S\"\n[[services]]\nname = \"a\"\nprice = -inf\n+++\n", 5),
            ("+++\ntitle = \"S\"\n[[services]]\nprice = 1\n[[services]]\nprice = nan\n+++\n", 6),
            ("---\ntitle: S\nservices:\n  - name: a\n    price: .nan\n---\n", 5),
            ("---\ntitle: S\nservices:\n  - name: a\n    price: .inf\n---\n", 5),
        ] {
            let d = value(text).unwrap_err();
            assert_eq!(d.line, Some(line), "{text:?}: {d}");
            assert!(d.message.contains("finite"), "{text:?}: {d}");
            assert!(d.hint.as_deref().unwrap().contains("ordinary number"), "{text:?}: {d}");
        }
        let ok = value("---\ntitle: S\nx: 1.5\ny: ~\nz: [1, 2]\n---\n").unwrap();
        assert_eq!(ok["x"], 1.5);
        assert_eq!(ok["y"], Value::Null);
    }
}
