//! A theme's own settings, from its `theme.toml`.
//!
//! The file's `[extra]` table holds the theme's defaults: colours,
//! navigation and options. The site's `[extra]` in `samvad.toml` overrides
//! them key by key (tables merge, anything else is replaced), and templates
//! see the merged table as `config.extra`. Navigation is resolved here too,
//! so every theme gets the same `nav` list without template logic.

use std::path::Path;

use serde::Serialize;

mod source;
pub use source::{available, folder_files, resolve, FileSource, ThemeSource, BUILTIN};

use crate::config::{check_keys, toml_error, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::load::Kind;
use crate::site::SiteMap;

/// The theme's settings file, at the top of the theme.
pub const THEME_FILE: &str = "theme.toml";

const KEYS: &[&str] = &["name", "description", "author", "license", "homepage", "extra"];

/// Reads the `[extra]` defaults of `theme`. A theme without `theme.toml`
/// has no defaults.
pub fn defaults(theme: &ThemeSource) -> Result<toml::Table> {
    let Some(file) = theme.file(THEME_FILE) else {
        return Ok(toml::Table::new());
    };
    let path = theme.path_of(THEME_FILE);
    let text = file.text(&path)?;
    let mut table: toml::Table = toml::from_str(&text).map_err(|e| toml_error(&e, &text, &path))?;
    let mut diags = Vec::new();
    check_keys(&table, KEYS, "", &text, &path, &mut diags);
    match table.remove("extra") {
        Some(toml::Value::Table(extra)) if diags.is_empty() => return Ok(extra),
        None | Some(toml::Value::Table(_)) => {}
        Some(_) => diags.push(
            Diagnostic::new(&path, "`extra` must be a table")
                .at_line(crate::config::key_line(&text, "extra").unwrap_or(1))
                .hint("write it as a section: [extra]"),
        ),
    }
    if diags.is_empty() {
        Ok(toml::Table::new())
    } else {
        Err(Error::Content(diags))
    }
}

/// `defaults` overridden by `site`, key by key: where both hold a table
/// the tables are merged the same way; otherwise the site's value wins.
pub fn merge(defaults: &toml::Table, site: &toml::Table) -> toml::Table {
    let mut out = defaults.clone();
    for (key, value) in site {
        let merged = match (out.get(key), value) {
            (Some(toml::Value::Table(d)), toml::Value::Table(s)) => toml::Value::Table(merge(d, s)),
            _ => value.clone(),
        };
        out.insert(key.clone(), merged);
    }
    out
}

/// Replaces `config.extra` with the theme's defaults overridden by it.
/// A missing theme is left for the build to report.
pub fn apply(root: &Path, config: &mut Config) -> Result<()> {
    if let Some(theme) = ThemeSource::find(root, &config.theme) {
        config.extra = merge(&defaults(&theme)?, &config.extra);
    }
    Ok(())
}

/// One link of the site's main navigation, as templates get it in `nav`.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Text to show, in the page's language where it came from the theme's
    /// strings.
    pub title: String,
    /// Absolute URL.
    pub permalink: String,
}

/// A checked `[[extra.nav]]` entry.
#[derive(Debug, Clone)]
pub enum NavSpec {
    /// `pages = true`: every page of `content/` (about, services, …) but
    /// translations, which the language switch of their page leads to.
    Pages,
    /// A fixed link: label from the strings (`key`) or literal (`title`).
    Link {
        /// i18n key for the label.
        key: Option<String>,
        /// Literal label, used when there is no `key` or the key is missing.
        title: Option<String>,
        /// Absolute URL.
        permalink: String,
    },
}

/// Reads `extra.nav`: a list of `{ key | title, url }` tables and
/// `{ pages = true }`. Without it: home, every page, then tags.
pub fn nav_specs(config: &Config) -> Result<Vec<NavSpec>> {
    let base = config.base();
    let Some(raw) = config.extra.get("nav") else {
        let mut specs = vec![NavSpec::Link { key: Some("home".into()), title: None, permalink: base.clone() }];
        specs.push(NavSpec::Pages);
        if config.has_taxonomy("tags") {
            specs.push(NavSpec::Link { key: Some("tags".into()), title: None, permalink: format!("{base}tags/") });
        }
        return Ok(specs);
    };
    let bad = |what: String| -> Error {
        Diagnostic::general(format!("[extra.nav]: {what}"))
            .hint("each item is { key = \"home\", url = \"/\" }, { title = \"Blog\", url = \"/\" } or { pages = true }")
            .into()
    };
    let Some(items) = raw.as_array() else { return Err(bad("`nav` must be a list of tables".into())) };
    let mut specs = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(t) = item.as_table() else { return Err(bad(format!("item {} is not a table", i + 1))) };
        for k in t.keys() {
            if !["key", "title", "url", "pages"].contains(&k.as_str()) {
                return Err(bad(format!("item {} has an unknown key `{k}`", i + 1)));
            }
        }
        if t.get("pages").and_then(|v| v.as_bool()) == Some(true) {
            specs.push(NavSpec::Pages);
            continue;
        }
        let text = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let (key, title) = (text("key"), text("title"));
        if key.is_none() && title.is_none() {
            return Err(bad(format!("item {} needs a `key` or a `title`", i + 1)));
        }
        let Some(url) = text("url") else { return Err(bad(format!("item {} needs a `url`", i + 1))) };
        let permalink = if let Some(rest) = url.strip_prefix('/') {
            format!("{base}{rest}")
        } else if url.starts_with("https://") || url.starts_with("http://") {
            url
        } else {
            return Err(bad(format!("item {}: url `{url}` must start with `/` or http(s)://", i + 1)));
        };
        specs.push(NavSpec::Link { key, title, permalink });
    }
    Ok(specs)
}

/// The navigation for a page whose UI strings are `strings`.
pub fn nav(specs: &[NavSpec], site: &SiteMap, strings: &serde_json::Value) -> Vec<NavItem> {
    let mut out = Vec::new();
    for spec in specs {
        match spec {
            NavSpec::Pages => out.extend(
                site.pages
                    .iter()
                    .map(|p| &*p.outline)
                    // A translation is reached through its page's language switch.
                    .filter(|p| matches!(p.kind, Kind::Page | Kind::Services) && p.translation_of.is_none())
                    .map(|p| NavItem { title: p.title.clone(), permalink: p.permalink.clone() }),
            ),
            NavSpec::Link { key, title, permalink } => {
                let from_key = key.as_deref().and_then(|k| strings[k].as_str()).map(str::to_string);
                let title = from_key.or_else(|| title.clone()).or_else(|| key.clone()).unwrap_or_default();
                out.push(NavItem { title, permalink: permalink.clone() });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn site_wins_key_by_key() {
        let d = table("accent = \"#111\"\nshow = true\n[colors]\nbg = \"#fff\"\nink = \"#000\"\n");
        let s = table("accent = \"#222\"\n[colors]\nink = \"#333\"\n");
        let m = merge(&d, &s);
        assert_eq!(m["accent"].as_str(), Some("#222"));
        assert_eq!(m["show"].as_bool(), Some(true));
        assert_eq!(m["colors"]["bg"].as_str(), Some("#fff"));
        assert_eq!(m["colors"]["ink"].as_str(), Some("#333"));
    }

    #[test]
    fn theme_toml_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let theme = ThemeSource::folder("x", dir.path());
        std::fs::write(dir.path().join(THEME_FILE), "name = \"x\"\nextr = 1\n").unwrap();
        let err = defaults(&theme).unwrap_err().to_string();
        assert!(err.contains("did you mean `extra`"), "{err}");
        std::fs::write(dir.path().join(THEME_FILE), "name = \"x\"\n[extra]\na = 1\n").unwrap();
        assert_eq!(defaults(&theme).unwrap()["a"].as_integer(), Some(1));
        assert!(defaults(&ThemeSource::folder("x", dir.path().join("none"))).unwrap().is_empty());
        assert!(!defaults(&ThemeSource::builtin("landing").unwrap()).unwrap().is_empty());
    }

    #[test]
    fn nav_items_are_checked_and_resolved() {
        let mut config = Config { base_url: "https://e.x/".into(), ..Config::default() };
        assert!(matches!(nav_specs(&config).unwrap()[1], NavSpec::Pages));
        config.extra = table("nav = [{ key = \"home\", url = \"/\" }, { title = \"Blog\", url = \"/posts/\" }]");
        let specs = nav_specs(&config).unwrap();
        let site = SiteMap::assemble(std::sync::Arc::new(config.clone()), Vec::new(), Vec::new());
        let items = nav(&specs, &site, &serde_json::json!({"home": "होम"}));
        assert_eq!(items[0].title, "होम");
        assert_eq!(items[1].permalink, "https://e.x/posts/");
        config.extra = table("nav = [{ title = \"x\", url = \"posts/\" }]");
        assert!(nav_specs(&config).unwrap_err().to_string().contains("must start with"));
        config.extra = table("nav = [{ url = \"/\" }]");
        assert!(nav_specs(&config).unwrap_err().to_string().contains("`key` or a `title`"));
    }
}
