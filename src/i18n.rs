//! UI strings from `themes/<name>/i18n/<lang>.toml`.
//!
//! Every language is completed from `en`, so a theme that lacks one Hindi
//! string still renders; the build warns once per missing key instead.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Strings per language, each already completed from English.
#[derive(Debug, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, serde_json::Value>,
    /// Keys a language lacked, as warnings.
    pub warnings: Vec<String>,
}

impl Strings {
    /// Loads every `*.toml` in `dir`.
    pub fn load(dir: &Path) -> Result<Strings> {
        let mut raw: BTreeMap<String, toml::Table> = BTreeMap::new();
        let mut diags = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
            paths.sort();
            for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
                let lang = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
                match crate::load::read_text(&path) {
                    Ok(text) => match toml::from_str::<toml::Table>(&text) {
                        Ok(t) => {
                            raw.insert(lang, t);
                        }
                        Err(e) => diags.extend(crate::config::toml_error(&e, &text, &path).diagnostics()),
                    },
                    Err(d) => diags.push(d),
                }
            }
        }
        if !diags.is_empty() {
            return Err(Error::Content(diags));
        }
        Ok(Self::complete(raw))
    }

    fn complete(raw: BTreeMap<String, toml::Table>) -> Strings {
        let en = raw.get("en").cloned().unwrap_or_default();
        let mut strings = Strings::default();
        for (lang, table) in &raw {
            let mut merged = en.clone();
            for key in en.keys().filter(|k| !table.contains_key(*k)) {
                strings.warnings.push(format!("i18n/{lang}.toml has no `{key}`; using the English text"));
            }
            merged.extend(table.clone());
            strings.by_lang.insert(lang.clone(), serde_json::to_value(merged).unwrap_or_default());
        }
        strings.by_lang.entry("en".into()).or_insert_with(|| serde_json::to_value(en).unwrap_or_default());
        strings
    }

    /// The strings for `lang`, or English.
    pub fn for_lang(&self, lang: &str) -> &serde_json::Value {
        static EMPTY: serde_json::Value = serde_json::Value::Null;
        self.by_lang.get(lang).or_else(|| self.by_lang.get("en")).unwrap_or(&EMPTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_falls_back_to_english_and_warns() {
        let en: toml::Table = toml::from_str("a = \"A\"\nb = \"B\"").unwrap();
        let hi: toml::Table = toml::from_str("a = \"अ\"").unwrap();
        let s = Strings::complete(BTreeMap::from([("en".into(), en), ("hi".into(), hi)]));
        assert_eq!(s.for_lang("hi")["a"], "अ");
        assert_eq!(s.for_lang("hi")["b"], "B");
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.for_lang("ta")["a"], "A");
    }
}
