//! Language tags, as `language` in `samvad.toml`, `lang` in front matter
//! and the keys of `reading_speed` give them.
//!
//! A tag ends up in `<html lang>`, `hreflang`, feeds and JSON-LD, where a
//! misspelt one (`hindi`, `xx`) makes screen readers pick the wrong voice
//! and search engines the wrong audience, so it is checked when read: it
//! must be a well-formed BCP 47 tag whose subtags are in the IANA Language
//! Subtag Registry (the `language-tags` crate carries both).

use language_tags::LanguageTag;

/// Why `tag` is not a language tag a page can carry, if it is not one.
pub fn problem(tag: &str) -> Option<String> {
    let parsed = match LanguageTag::parse(tag) {
        Ok(parsed) => parsed,
        Err(e) => return Some(format!("`{tag}` is not a language tag ({e})")),
    };
    match parsed.validate() {
        Ok(()) => None,
        Err(e) => Some(format!("`{tag}` is not a registered language tag ({e})")),
    }
}

/// The hint every language error gives.
pub const HINT: &str = "use a BCP 47 tag such as \"hi\" (Hindi), \"en\" (English), \"en-IN\" or \"hi-Latn\"";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_tags_pass_and_made_up_ones_do_not() {
        for ok in ["hi", "en", "en-IN", "hi-Latn", "mr", "ur-PK", "pa-Guru", "x-private"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in ["hindi", "xx", "", "en_IN", "hi-", "en-Zzzq1", "english"] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
