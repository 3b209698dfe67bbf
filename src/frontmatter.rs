//! Front matter: splitting it off the body and reading its fields.
//!
//! TOML sits between `+++` lines, YAML between `---` lines (Hugo and Jekyll
//! writers bring YAML). Both are turned into one JSON value first, so field
//! checking, "did you mean" and type errors are written once for both.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::key_line;
use crate::dates::{self, Date};
use crate::error::{closest, Diagnostic};

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
            toml_to_json(toml::Value::Table(table))
        }
        Syntax::Yaml => {
            if split.front.trim().is_empty() {
                Value::Object(Map::new())
            } else {
                serde_saphyr::from_str::<Value>(split.front).map_err(|e| {
                    let mut d =
                        Diagnostic::new(path, format!("invalid YAML front matter: {}", parser_message(&e.to_string())));
                    if let Some(loc) = e.location() {
                        d = d.at(loc.line() as usize + 1, loc.column() as usize);
                    }
                    d.hint("check indentation and quote values that contain `:`")
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

/// TOML dates become RFC 3339 strings so both syntaxes look alike.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// The keys a page may set, besides the services page's own data.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "draft",
    "description",
    "slug",
    "tags",
    "categories",
    "lang",
    "image",
    "author",
    "template",
    "extra",
    "social",
    "translation_of",
    "aliases",
];

/// Extra top-level keys the services page carries its data in.
pub const SERVICES_KEYS: &[&str] = &["services", "contact", "availability", "faq", "testimonials"];

/// Typed front matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Page title.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Last update.
    pub updated: Option<Date>,
    /// Left out unless `--drafts`.
    pub draft: bool,
    /// Description for meta tags and summaries.
    pub description: Option<String>,
    /// Explicit slug.
    pub slug: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// Language code.
    pub lang: Option<String>,
    /// Preview image path or URL.
    pub image: Option<String>,
    /// Author name.
    pub author: Option<String>,
    /// Template override.
    pub template: Option<String>,
    /// Free-form values for templates.
    pub extra: Value,
    /// Per-platform social overrides.
    pub social: Value,
    /// Content path of the page this one translates.
    pub translation_of: Option<String>,
    /// Services-page data (`services`, `contact`, …), kept raw.
    pub data: Map<String, Value>,
}

/// Where field errors point: the file, its front matter text and syntax.
struct Fields<'a> {
    path: &'a Path,
    front: &'a str,
    diags: Vec<Diagnostic>,
}

impl Fields<'_> {
    fn error(&mut self, key: &str, message: String, hint: &str) {
        let line = key_line(self.front, key).map_or(1, |l| l + 1);
        self.diags.push(Diagnostic::new(self.path, message).at_line(line).hint(hint));
    }

    fn string(&mut self, map: &Map<String, Value>, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                self.error(key, format!("`{key}` must be a string, found {}", kind(other)), "put the value in quotes");
                None
            }
        }
    }

    fn bool(&mut self, map: &Map<String, Value>, key: &str) -> bool {
        match map.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.error(
                    key,
                    format!("`{key}` must be true or false, found {}", kind(other)),
                    "write `true` or `false` without quotes",
                );
                false
            }
        }
    }

    fn list(&mut self, map: &Map<String, Value>, key: &str) -> Vec<String> {
        match map.get(key) {
            None => Vec::new(),
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(|v| v.as_str().map(|s| s.trim().to_string()))
                .filter(|s| !s.is_empty())
                .collect(),
            Some(other) => {
                self.error(
                    key,
                    format!("`{key}` must be a list of strings, found {}", kind(other)),
                    &format!("write it as {key} = [\"one\", \"two\"]"),
                );
                Vec::new()
            }
        }
    }

    fn date(&mut self, map: &Map<String, Value>, key: &str, tz: &jiff::tz::TimeZone) -> Option<Date> {
        let raw = self.string(map, key)?;
        match dates::parse(&raw, tz) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    key,
                    format!("`{key}` is not a valid date: `{raw}` ({why})"),
                    "use YYYY-MM-DD, or RFC 3339 with an offset such as 2026-11-25T09:30:00+05:30",
                );
                None
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// Reads typed fields out of parsed front matter, reporting every problem.
pub fn fields(
    map: Map<String, Value>,
    split: &Split,
    path: &Path,
    allow_services: bool,
    tz: &jiff::tz::TimeZone,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut f = Fields { path, front: split.front, diags: Vec::new() };
    let mut valid: Vec<&str> = KNOWN_KEYS.to_vec();
    if allow_services {
        valid.extend_from_slice(SERVICES_KEYS);
    }
    for key in map.keys() {
        if !valid.contains(&key.as_str()) {
            let hint = match closest(key, &valid) {
                Some(k) => format!("did you mean `{k}`? Put custom values under [extra]"),
                None => "put custom values under [extra]".to_string(),
            };
            f.error(key, format!("unknown front matter key `{key}`"), &hint);
        }
    }
    let fm = FrontMatter {
        title: f.string(&map, "title"),
        date: f.date(&map, "date", tz),
        updated: f.date(&map, "updated", tz),
        draft: f.bool(&map, "draft"),
        description: f.string(&map, "description"),
        slug: f.string(&map, "slug"),
        tags: f.list(&map, "tags"),
        categories: f.list(&map, "categories"),
        lang: f.string(&map, "lang"),
        image: f.string(&map, "image"),
        author: f.string(&map, "author"),
        template: f.string(&map, "template"),
        extra: map.get("extra").cloned().unwrap_or(Value::Object(Map::new())),
        social: map.get("social").cloned().unwrap_or(Value::Null),
        translation_of: f.string(&map, "translation_of"),
        data: SERVICES_KEYS.iter().filter_map(|k| map.get(*k).map(|v| (k.to_string(), v.clone()))).collect(),
    };
    if !map.contains_key("title") {
        f.diags.push(Diagnostic::new(path, "missing `title`").at_line(2).hint("add title = \"…\" to the front matter"));
    } else if fm.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        f.error("title", "`title` is empty".into(), "write the page's title between the quotes");
    }
    if f.diags.is_empty() {
        Ok(fm)
    } else {
        Err(f.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("content/posts/a.md");
        let s = split(text, path).map_err(|d| vec![d])?;
        let map = parse_value(&s, path).map_err(|d| vec![d])?;
        fields(map, &s, path, false, &jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn toml_and_yaml_give_the_same_fields() {
        let t = parse("+++\ntitle = \"नमस्ते\"\ndate = 2026-11-01\ntags = [\"a\", \"b\"]\n+++\nbody").unwrap();
        let y = parse("---\ntitle: नमस्ते\ndate: 2026-11-01\ntags:\n  - a\n  - b\n---\nbody").unwrap();
        assert_eq!(t.title, y.title);
        assert_eq!(t.tags, y.tags);
        assert_eq!(t.date, y.date);
    }

    #[test]
    fn body_line_follows_the_closing_fence() {
        let s = split("+++\ntitle = \"x\"\n+++\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(s.body_line, 4);
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn error_cases_have_lines() {
        let cases: &[(&str, usize, &str)] = &[
            ("+++\ntitle = \"x\"\ntags = \"x\"\n+++\n", 3, "list of strings"),
            ("+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\n", 3, "not a valid date"),
            ("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n", 3, "unknown front matter key"),
            ("+++\ntitle = \"x\n+++\n", 2, "invalid TOML"),
            ("+++\ntitle = \"x\"\n", 1, "never closed"),
            ("title: x\n", 1, "missing front matter"),
            ("+++\ndate = 2026-01-01\n+++\n", 2, "missing `title`"),
        ];
        for (text, line, msg) in cases {
            let errs = parse(text).unwrap_err();
            assert!(errs[0].message.contains(msg), "{text:?}: {}", errs[0]);
            assert_eq!(errs[0].line, Some(*line), "{text:?}: {}", errs[0]);
        }
    }

    #[test]
    fn all_field_errors_are_reported_together() {
        let errs = parse("+++\ntitle = 1\ntags = \"x\"\ndraft = \"no\"\n+++\n").unwrap_err();
        assert_eq!(errs.len(), 3);
    }
}
