//! `samvad.toml`: loading, defaults and validation.
//!
//! Unknown keys are errors with a "did you mean", because a typo such as
//! `post_per_page` would otherwise be ignored silently and the writer would
//! never learn why their setting has no effect.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{closest, line_col, Diagnostic, Result};

/// The name of the config file at the site root.
pub const CONFIG_FILE: &str = "samvad.toml";

/// How slugs are made from titles and file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// Keep letters and marks of every script (Devanagari stays readable).
    #[default]
    Unicode,
    /// Transliterate to ASCII.
    Ascii,
}

/// Feed settings (`[feeds]`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct FeedConfig {
    /// Write RSS 2.0 feeds.
    pub rss: bool,
    /// Write Atom 1.0 feeds.
    pub atom: bool,
    /// Entries per feed.
    pub limit: usize,
    /// Put the whole post in each entry, not only the summary.
    pub full_content: bool,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig { rss: true, atom: true, limit: 20, full_content: false }
    }
}

/// The site configuration, as templates see it under `config`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-line description, used in meta tags and feeds.
    pub description: String,
    /// Absolute URL the site is served from, e.g. `https://example.com/`.
    /// Empty when the file leaves it out, which `build` refuses (`serve`
    /// sets its own).
    pub base_url: String,
    /// Default language of pages (`en`, `hi`, …).
    pub language: String,
    /// Default author name.
    pub author: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Posts per list page.
    pub posts_per_page: usize,
    /// Slug style.
    pub slugify: SlugStyle,
    /// Words per minute, per language, for reading time.
    pub reading_speed: BTreeMap<String, u32>,
    /// Enabled taxonomies: any of `tags`, `categories`.
    pub taxonomies: Vec<String>,
    /// Turn straight quotes and dashes into typographic ones.
    pub smart_punctuation: bool,
    /// IANA time zone used for dates written without a time.
    pub timezone: String,
    /// Default image for link previews, relative to the site.
    pub default_image: Option<String>,
    /// Feed settings.
    pub feeds: FeedConfig,
    /// Promotion text settings.
    pub social: crate::social::config::SocialConfig,
    /// Content warnings (another generator's syntax left in a post, a
    /// control character) fail the build, as `--strict` does.
    pub strict: bool,
    /// Free-form values passed to templates.
    pub extra: toml::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "My samvad site".into(),
            description: String::new(),
            base_url: String::new(),
            language: "en".into(),
            author: String::new(),
            theme: "default".into(),
            posts_per_page: 10,
            slugify: SlugStyle::Unicode,
            reading_speed: BTreeMap::from([("en".into(), 230), ("hi".into(), 180)]),
            taxonomies: vec!["tags".into(), "categories".into()],
            smart_punctuation: false,
            timezone: "UTC".into(),
            default_image: None,
            feeds: FeedConfig::default(),
            social: crate::social::config::SocialConfig::default(),
            strict: false,
            extra: toml::Table::new(),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "author",
    "theme",
    "posts_per_page",
    "slugify",
    "reading_speed",
    "taxonomies",
    "smart_punctuation",
    "timezone",
    "default_image",
    "feeds",
    "social",
    "strict",
    "extra",
];
const FEED_KEYS: &[&str] = &["rss", "atom", "limit", "full_content"];
const TAXONOMIES: &[&str] = &["tags", "categories"];

impl Config {
    /// Reads and validates `samvad.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::new(&path, format!("cannot read the site config: {e}"))
                .hint("run `samvad init` to create a site, or pass --root DIR")
        })?;
        Self::parse(&text, &path)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let table: toml::Table = toml::from_str(text).map_err(|e| toml_error(&e, text, path))?;
        let mut diags = Vec::new();
        check_keys(&table, TOP_KEYS, "", text, path, &mut diags);
        if let Some(toml::Value::Table(feeds)) = table.get("feeds") {
            check_keys(feeds, FEED_KEYS, "feeds.", text, path, &mut diags);
        }
        if let Some(toml::Value::Table(social)) = table.get("social") {
            check_keys(social, crate::social::config::KEYS, "social.", text, path, &mut diags);
        }
        if !diags.is_empty() {
            return Err(crate::Error::Content(diags));
        }
        let config: Config = toml::from_str(text).map_err(|e| toml_error(&e, text, path))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<()> {
        let mut diags = Vec::new();
        let at = |key: &str| key_line(text, key).unwrap_or(1);
        if !self.base_url.is_empty() && !is_absolute_http(&self.base_url) {
            diags.push(
                Diagnostic::new(path, format!("base_url `{}` is not an absolute http(s) URL", self.base_url))
                    .at_line(at("base_url"))
                    .hint("feeds, the sitemap and link previews need it, e.g. base_url = \"https://example.com/\""),
            );
        }
        if self.posts_per_page == 0 {
            diags.push(
                Diagnostic::new(path, "posts_per_page must be at least 1")
                    .at_line(at("posts_per_page"))
                    .hint("use a number such as 10"),
            );
        }
        for t in &self.taxonomies {
            if !TAXONOMIES.contains(&t.as_str()) {
                diags.push(
                    Diagnostic::new(path, format!("unknown taxonomy `{t}`"))
                        .at_line(at("taxonomies"))
                        .hint("samvad knows `tags` and `categories`"),
                );
            }
        }
        diags.extend(self.languages(text, path));
        if self.feeds.limit == 0 {
            diags.push(
                Diagnostic::new(path, "feeds.limit must be at least 1")
                    .at_line(crate::parse::field_line(text, "feeds.limit").unwrap_or(1))
                    .hint("to write no feeds, set rss = false and atom = false under [feeds]"),
            );
        }
        diags.extend(self.social.validate(text, path));
        if jiff::tz::TimeZone::get(&self.timezone).is_err() {
            diags.push(
                Diagnostic::new(path, format!("unknown time zone `{}`", self.timezone))
                    .at_line(at("timezone"))
                    .hint("use an IANA name such as \"Asia/Kolkata\" or \"UTC\""),
            );
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(crate::Error::Content(diags))
        }
    }

    /// Problems with `language` and `reading_speed`: every language must be
    /// a registered tag, every speed above zero.
    fn languages(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        if let Some(why) = crate::language::problem(&self.language) {
            let line = key_line(text, "language").unwrap_or(1);
            diags.push(Diagnostic::new(path, format!("language: {why}")).at_line(line).hint(crate::language::HINT));
        }
        for (lang, &wpm) in &self.reading_speed {
            let field = format!("reading_speed.{lang}");
            let line = crate::parse::field_line(text, &field).or_else(|| key_line(text, "reading_speed")).unwrap_or(1);
            if let Some(why) = crate::language::problem(lang) {
                diags.push(Diagnostic::new(path, format!("{field}: {why}")).at_line(line).hint(crate::language::HINT));
            }
            if wpm == 0 {
                diags.push(
                    Diagnostic::new(
                        path,
                        format!("{field} is 0 words a minute; every post would take forever to read"),
                    )
                    .at_line(line)
                    .hint("use a reader's speed, e.g. 230 for English or 180 for Hindi"),
                );
            }
        }
        diags
    }

    /// Reading speed for `lang`, falling back to English.
    pub fn words_per_minute(&self, lang: &str) -> u32 {
        self.reading_speed.get(lang).or_else(|| self.reading_speed.get("en")).copied().unwrap_or(230).max(1)
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of `base_url`, with slashes at both ends: `/` for
    /// `https://x.example`, `/blog/` for `https://x.github.io/blog`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        format!("{}/", path.trim_end_matches('/'))
    }

    /// The time zone for date-only front matter.
    pub fn tz(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::get(&self.timezone).unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// Is this taxonomy switched on?
    pub fn has_taxonomy(&self, name: &str) -> bool {
        self.taxonomies.iter().any(|t| t == name)
    }
}

/// Is `url` an absolute http(s) URL with a host?
pub fn is_absolute_http(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// Reports keys of `table` not in `known`, each with its line and the
/// closest valid key.
pub fn check_keys(
    table: &toml::Table,
    known: &[&str],
    prefix: &str,
    text: &str,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    for key in table.keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        let mut d = Diagnostic::new(path, format!("unknown key `{prefix}{key}`"));
        if let Some(line) = key_line(text, key) {
            d = d.at_line(line);
        }
        d = match closest(key, known) {
            Some(k) => d.hint(format!("did you mean `{prefix}{k}`?")),
            None => d.hint(format!("valid keys are: {}", known.join(", "))),
        };
        diags.push(d);
    }
}

/// The 1-based line where `key` is set in TOML or YAML text, found by
/// looking for `key =`, `key:` or a `[key]` table header.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            let header = l.trim_start_matches('[');
            if header.len() < l.len() {
                let name = header.split([']', '.']).next().unwrap_or("").trim();
                return name == key;
            }
            l.strip_prefix(key).or_else(|| l.strip_prefix(&format!("\"{key}\""))).is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with('=') || rest.starts_with(':')
            })
        })
        .map(|i| i + 1)
}

/// serde's message with Rust's type names (`expected usize`) in words a
/// writer knows.
fn plain_types(message: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("usize", "a whole number"),
        ("u64", "a whole number"),
        ("u32", "a whole number"),
        ("u16", "a whole number"),
        ("u8", "a whole number"),
        ("i64", "a whole number"),
        ("i32", "a whole number"),
        ("f64", "a number"),
        ("f32", "a number"),
    ];
    let mut out = message.to_string();
    for (rust, plain) in NAMES {
        out = out.replace(&format!("expected {rust}"), &format!("expected {plain}"));
    }
    out
}

/// Turns a toml parse error into a located diagnostic.
pub fn toml_error(e: &toml::de::Error, text: &str, path: &Path) -> crate::Error {
    let mut d = Diagnostic::new(PathBuf::from(path), plain_types(e.message()));
    if let Some(span) = e.span() {
        let (line, col) = line_col(text, span.start);
        d = d.at(line, col);
    }
    d.hint("check the TOML syntax: strings need quotes, lists use [ ]").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("samvad.toml"))
    }

    #[test]
    fn unknown_key_names_the_closest_valid_one() {
        let err = parse("title = \"x\"\npost_per_page = 5\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("post_per_page"));
        assert!(d.hint.as_deref().unwrap().contains("posts_per_page"));
    }

    #[test]
    fn nested_unknown_key_is_reported() {
        let err = parse("[feeds]\nrsss = true\n").unwrap_err();
        assert!(err.to_string().contains("feeds.rss"));
    }

    #[test]
    fn base_path_is_the_urls_path() {
        for (url, path) in [
            ("https://x.example", "/"),
            ("https://x.example/", "/"),
            ("https://x.github.io/blog", "/blog/"),
            ("https://x.github.io/blog/", "/blog/"),
        ] {
            let config = parse(&format!("base_url = \"{url}\"\n")).unwrap();
            assert_eq!(config.base_path(), path, "{url}");
        }
    }

    #[test]
    fn relative_base_url_is_rejected() {
        let err = parse("base_url = \"/blog\"\n").unwrap_err();
        assert!(err.to_string().contains("absolute http(s)"));
    }

    #[test]
    fn wrong_type_has_a_line_and_plain_words() {
        let err = parse("title = \"x\"\nposts_per_page = \"ten\"\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("expected a whole number") && !d.message.contains("usize"), "{d}");
    }

    #[test]
    fn social_section_is_read_and_checked() {
        let c = parse("[social]\nutm = false\nx_thread = true\n[social.limits]\nmastodon = 1000\n").unwrap();
        assert!(!c.social.utm && c.social.x_thread);
        let limits = c.social.limits();
        assert_eq!(limits.get(crate::social::count::Platform::Mastodon), 1000);
        assert_eq!(limits.get(crate::social::count::Platform::X), 280);
        let err = parse("title = \"x\"\n[social.limits]\nx = 280\nmastodonn = 10\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.line, Some(4), "{d}");
        assert!(d.message.contains("telegram_caption") && d.message.contains("mastodonn"), "{d}");
        let err = parse("[social]\nutm_sorce = \"src\"\n").unwrap_err();
        assert!(err.to_string().contains("did you mean `social.utm_source`"), "{err}");
    }

    #[test]
    fn languages_and_reading_speeds_are_checked_at_their_lines() {
        let err = parse("title = \"x\"\nlanguage = \"xx\"\n[reading_speed]\nen = 0\nhindi = 180\n").unwrap_err();
        let found: Vec<(Option<usize>, String)> = err.diagnostics().into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, Some(2), "{found:?}");
        assert!(found[0].1.contains("`xx`"), "{found:?}");
        assert!(found.iter().any(|(l, m)| *l == Some(4) && m.contains("reading_speed.en is 0")), "{found:?}");
        assert!(found.iter().any(|(l, m)| *l == Some(5) && m.contains("`hindi`")), "{found:?}");
        assert!(parse("language = \"hi-Latn\"\nreading_speed = { en-IN = 200 }\n").is_ok());
        let err = parse("[feeds]\nlimit = 0\n").unwrap_err();
        assert_eq!(err.diagnostics()[0].line, Some(2));
    }

    #[test]
    fn defaults_fill_missing_keys() {
        let c = parse("title = \"x\"\n").unwrap();
        assert_eq!(c.posts_per_page, 10);
        assert_eq!(c.words_per_minute("hi"), 180);
        assert_eq!(c.words_per_minute("ta"), 230);
    }
}
