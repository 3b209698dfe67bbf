//! Front matter: splitting it off the body and reading its fields.
//!
//! TOML sits between `+++` lines, YAML between `---` lines (Hugo and Jekyll
//! writers bring YAML). Both are turned into one JSON value first, so field
//! checking, "did you mean" and type errors are written once for both.

mod value;

use std::path::Path;

use serde_json::{Map, Value};

pub use value::{parse_value, split, Split, Syntax};

use crate::config::key_line;
use crate::dates::{self, Date};
use crate::error::{closest, Diagnostic};

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
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
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
    /// Old addresses that redirect here.
    pub aliases: Vec<crate::aliases::Alias>,
    /// Services-page data (`services`, `contact`, …), kept raw.
    pub data: Map<String, Value>,
}

/// Where field errors point: the file, its front matter text and syntax.
struct Fields<'a> {
    path: &'a Path,
    front: &'a str,
    syntax: Syntax,
    diags: Vec<Diagnostic>,
}

/// A value of each text field, for hints that show how to write it.
const EXAMPLES: &[(&str, &str)] = &[
    ("title", "\"My first post\""),
    ("description", "\"One line about the post\""),
    ("slug", "\"my-first-post\""),
    ("lang", "\"hi\""),
    ("image", "\"cover.png\""),
    ("author", "\"Anjali Verma\""),
    ("template", "\"page.html\""),
    ("translation_of", "\"posts/other.md\""),
    ("date", "2026-11-25"),
    ("updated", "2026-11-30"),
    ("tags", "[\"one\", \"two\"]"),
    ("categories", "[\"one\", \"two\"]"),
    ("aliases", "[\"/old/url/\", \"/2019/05/old-post.html\"]"),
];

impl Fields<'_> {
    fn error(&mut self, key: &str, message: String, hint: &str) {
        let line = key_line(self.front, key).map_or(1, |l| l + 1);
        self.diags.push(Diagnostic::new(self.path, message).at_line(line).hint(hint));
    }

    /// `key = value` or `key: value`, in the file's own syntax.
    fn example(&self, key: &str) -> String {
        let value = EXAMPLES.iter().find(|(k, _)| *k == key).map_or("\"…\"", |(_, v)| v);
        assignment(self.syntax, key, value)
    }

    fn string(&mut self, map: &Map<String, Value>, key: &str) -> Option<String> {
        match map.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => {
                let wanted = match key {
                    "image" => "the path or URL of an image",
                    "date" | "updated" => "a date",
                    _ => "text",
                };
                let hint = format!("write it as {}", self.example(key));
                self.error(key, format!("`{key}` must be {wanted}, found {}", kind(other)), &hint);
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
                let hint = format!("write it as {}", self.example(key));
                self.error(key, format!("`{key}` must be a list of strings, found {}", kind(other)), &hint);
                Vec::new()
            }
        }
    }

    /// `aliases`, each checked to be a path on this site.
    fn aliases(&mut self, map: &Map<String, Value>) -> Vec<crate::aliases::Alias> {
        let mut aliases = Vec::new();
        for raw in self.list(map, "aliases") {
            match crate::aliases::parse(&raw) {
                Ok(alias) if !aliases.contains(&alias) => aliases.push(alias),
                Ok(_) => {}
                Err(why) => self.error(
                    "aliases",
                    why,
                    "write each old address as a path, such as \"/2019/05/old-post.html\" or \"/old/url/\"",
                ),
            }
        }
        aliases
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

/// `key = value` in TOML, `key: value` in YAML.
pub fn assignment(syntax: Syntax, key: &str, value: &str) -> String {
    match syntax {
        Syntax::Toml => format!("{key} = {value}"),
        Syntax::Yaml => format!("{key}: {value}"),
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
    let mut f = Fields { path, front: split.front, syntax: split.syntax, diags: Vec::new() };
    let mut valid: Vec<&str> = KNOWN_KEYS.to_vec();
    if allow_services {
        valid.extend_from_slice(SERVICES_KEYS);
    }
    let extra = match split.syntax {
        Syntax::Toml => "put custom values under [extra]",
        Syntax::Yaml => "put custom values under extra:",
    };
    for key in map.keys() {
        if !valid.contains(&key.as_str()) {
            let hint = match closest(key, &valid) {
                Some(k) => format!("did you mean `{k}`? Or {extra}"),
                None => extra.to_string(),
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
        aliases: f.aliases(&map),
        data: SERVICES_KEYS.iter().filter_map(|k| map.get(*k).map(|v| (k.to_string(), v.clone()))).collect(),
    };
    if !map.contains_key("title") {
        let hint = format!("add {} to the front matter", f.example("title"));
        f.diags.push(Diagnostic::new(path, "missing `title`").at_line(2).hint(hint));
    } else if fm.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        f.error("title", "`title` is empty".into(), "write the page's title between the quotes");
    }
    if let Some(why) = fm.lang.as_deref().and_then(crate::language::problem) {
        f.error("lang", format!("lang: {why}"), crate::language::HINT);
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
