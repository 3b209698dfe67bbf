//! UI strings from a theme's `i18n/<lang>.toml`.
//!
//! Every language is completed from `en`, so a theme that lacks one Hindi
//! string still renders; the build warns once per missing key instead.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::theme::ThemeSource;

/// Strings per language, each already completed from English.
#[derive(Debug, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, serde_json::Value>,
    /// Keys a language lacked, as warnings.
    pub warnings: Vec<crate::error::Diagnostic>,
}

impl Strings {
    /// A fingerprint of every string of every language.
    pub fn fingerprint(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(serde_json::to_string(&self.by_lang).unwrap_or_default().as_bytes())
    }

    /// Loads every `i18n/*.toml` of `theme`.
    pub fn load(theme: &ThemeSource) -> Result<Strings> {
        let mut raw: BTreeMap<String, toml::Table> = BTreeMap::new();
        let mut diags = Vec::new();
        for (name, source) in theme.files("i18n") {
            let Some(lang) = name.strip_suffix(".toml").filter(|l| !l.contains('/')) else { continue };
            let path = theme.path_of(&format!("i18n/{name}"));
            match source.text(&path) {
                Ok(text) => match toml::from_str::<toml::Table>(&text) {
                    Ok(t) => {
                        raw.insert(lang.to_string(), t);
                    }
                    Err(e) => diags.extend(crate::config::toml_error(&e, &text, &path).diagnostics()),
                },
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Content(diags));
        }
        Ok(Self::complete(raw, &theme.path_of("i18n")))
    }

    fn complete(raw: BTreeMap<String, toml::Table>, dir: &Path) -> Strings {
        let en = raw.get("en").cloned().unwrap_or_default();
        let mut strings = Strings::default();
        for (lang, table) in &raw {
            let mut merged = en.clone();
            for key in en.keys().filter(|k| !table.contains_key(*k)) {
                strings.warnings.push(
                    crate::error::Diagnostic::new(
                        dir.join(format!("{lang}.toml")),
                        format!("no `{key}`; using the English text"),
                    )
                    .warning()
                    .hint(format!("add {key} = \"…\" in the {lang} translation")),
                );
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

/// Is `lang` (a BCP 47 tag such as `hi` or `mr-IN`) written in Devanagari?
pub fn is_devanagari(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    DEVANAGARI_LANGS.contains(&primary.as_str())
}

const DEVANAGARI_LANGS: &[&str] =
    &["hi", "mr", "ne", "sa", "mai", "bho", "kok", "doi", "awa", "mag", "bra", "hne", "new", "sd-deva"];

/// `text` with ASCII digits written as Devanagari digits (२५ नवंबर २०२६).
pub fn devanagari_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(0x0966 + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// How numbers are shown: `[extra] devanagari_digits = true` writes the
/// digits of dates and reading times in Devanagari on pages whose language
/// is written in Devanagari; every other page keeps ASCII digits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Numerals {
    /// The site asked for Devanagari digits.
    pub devanagari: bool,
}

impl Numerals {
    /// Reads the option from the merged `[extra]` table.
    pub fn from_extra(extra: &toml::Table) -> Numerals {
        Numerals { devanagari: extra.get("devanagari_digits").and_then(|v| v.as_bool()).unwrap_or(false) }
    }

    /// `text` as it should appear on a page in `lang`.
    pub fn show(&self, text: &str, lang: &str) -> String {
        if self.devanagari && is_devanagari(lang) {
            devanagari_digits(text)
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_only_for_devanagari_pages_when_asked() {
        let on = Numerals { devanagari: true };
        assert_eq!(on.show("25 नवंबर 2026", "hi"), "२५ नवंबर २०२६");
        assert_eq!(on.show("5", "mr-IN"), "५");
        assert_eq!(on.show("25 November 2026", "en"), "25 November 2026");
        assert_eq!(Numerals::default().show("25", "hi"), "25");
        let extra: toml::Table = toml::from_str("devanagari_digits = true").unwrap();
        assert!(Numerals::from_extra(&extra).devanagari);
    }

    #[test]
    fn missing_key_falls_back_to_english_and_warns() {
        let en: toml::Table = toml::from_str("a = \"A\"\nb = \"B\"").unwrap();
        let hi: toml::Table = toml::from_str("a = \"अ\"").unwrap();
        let s = Strings::complete(BTreeMap::from([("en".into(), en), ("hi".into(), hi)]), Path::new("i18n"));
        assert_eq!(s.for_lang("hi")["a"], "अ");
        assert_eq!(s.for_lang("hi")["b"], "B");
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.for_lang("ta")["a"], "A");
    }
}
