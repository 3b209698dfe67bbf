//! URL slugs and heading ids.
//!
//! The default keeps letters and marks of every script, as Hugo and Jekyll
//! do, so "ऑनलाइन चैटिंग से कमाई" stays readable in the address bar instead
//! of turning into a transliteration nobody can read back. Slugs are never
//! empty: callers get `None` and pick a fallback.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use unicode_normalization::{IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::config::SlugStyle;

/// The longest slug samvad makes, in bytes. A slug becomes a file name
/// (`content/posts/<slug>.md`, `social/<slug>.md`) and a folder name
/// (`posts/<slug>/`), and most file systems (ext4, APFS, NTFS) take 255
/// bytes or UTF-16 units a name at most. Devanagari takes 3 bytes a
/// letter, so a 100-letter Hindi title would already be past that; 120
/// bytes is still 40 Devanagari letters, a readable address.
pub const MAX_GENERATED: usize = 120;

/// The longest slug a writer may set with `slug = "…"`, in bytes: room left
/// under the 255-byte file name limit for `.md` and the temporary names
/// samvad writes beside a file before renaming it.
pub const MAX_EXPLICIT: usize = 200;

/// Makes a slug from `text`, or `None` when nothing usable is left. A long
/// slug is cut to [`MAX_GENERATED`] bytes at the end of a word.
pub fn slugify(text: &str, style: SlugStyle) -> Option<String> {
    let mut slug = match style {
        SlugStyle::Unicode => unicode_slug(text),
        SlugStyle::Ascii => unicode_slug(&deunicode::deunicode(text)),
    };
    slug.truncate(cut_point(&slug, MAX_GENERATED));
    (!slug.is_empty()).then_some(slug)
}

/// Where to cut `slug` to fit in `max` bytes: after the last whole word
/// that fits (words are joined by hyphens), or, for one word longer than
/// `max`, after its last whole grapheme cluster that fits, so a letter
/// never loses its vowel sign or virama.
fn cut_point(slug: &str, max: usize) -> usize {
    if slug.len() <= max {
        return slug.len();
    }
    if let Some(hyphen) = slug.as_bytes()[..=max].iter().rposition(|&b| b == b'-').filter(|&i| i > 0) {
        return hyphen;
    }
    slug.grapheme_indices(true).map(|(i, g)| i + g.len()).take_while(|&end| end <= max).last().unwrap_or(0)
}

/// Letters, marks and digits survive (lowercased); every other run becomes
/// one hyphen. Marks matter: dropping a Devanagari matra or virama changes
/// the word. Text already in NFC, nearly all of it, is read as it is:
/// composing it again cost more than the rest of the slug.
fn unicode_slug(text: &str) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        IsNormalized::Yes => slug_of(text.len(), text.chars()),
        _ => slug_of(text.len(), text.nfc()),
    }
}

fn slug_of(len: usize, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_dash = false;
    for c in chars {
        if crate::text::is_alphanumeric(c) || is_mark(c) || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            match c.is_ascii() {
                true => out.push(c.to_ascii_lowercase()),
                false => out.extend(c.to_lowercase()),
            }
        } else if c == '\u{200C}' || c == '\u{200D}' {
            // Joiners only shape glyphs; they are invisible in a URL.
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Combining marks (Mn, Mc, Me) in the blocks where our writers use them.
/// Dropping a Devanagari matra or virama changes the word, so slugs keep
/// them and cuts never strip them.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F   // combining diacritics
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963 // Devanagari
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x09E2..=0x09E3 // Bengali
        | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51 | 0x0A70..=0x0A71 | 0x0A75 // Gurmukhi
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0AE2..=0x0AE3 // Gujarati
        | 0x0B01..=0x0B03 | 0x0B3C..=0x0B57 | 0x0B62..=0x0B63 // Oriya
        | 0x0B82 | 0x0BBE..=0x0BCD | 0x0BD7 // Tamil
        | 0x0C00..=0x0C04 | 0x0C3C..=0x0C56 | 0x0C62..=0x0C63 // Telugu
        | 0x0C81..=0x0C83 | 0x0CBC..=0x0CD6 | 0x0CE2..=0x0CE3 // Kannada
        | 0x0D00..=0x0D03 | 0x0D3B..=0x0D57 | 0x0D62..=0x0D63 // Malayalam
        | 0xA8E0..=0xA8F1 // Devanagari extended
    ) && c as u32 != 0x093D // avagraha is a letter, handled by is_alphanumeric
}

/// RFC 3986 §2.3's unreserved characters (ALPHA / DIGIT / "-" / "." /
/// "_" / "~"), the only ones a path segment or a query value keeps as they
/// are; everything else is percent-encoded as UTF-8, so a space is always
/// `%20`, never `+`.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes a URL path, keeping its slashes: each segment is
/// encoded as a query value is.
pub fn encode_path(path: &str) -> String {
    path.split('/').map(encode_query).collect::<Vec<_>>().join("/")
}

/// Percent-encodes a query parameter value. Appended piece by piece:
/// going through `Display` costs a formatter call for every encoded byte,
/// and a Hindi title is nearly all encoded bytes.
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    out.extend(utf8_percent_encode(value, UNRESERVED));
    out
}

/// A slug is safe when it cannot climb out of the output folder or name a
/// hidden file.
pub fn is_safe(slug: &str) -> bool {
    !slug.is_empty() && !slug.contains(['/', '\\', '\0']) && !slug.starts_with('.') && slug != ".."
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_table() {
        let cases = [
            ("Hello, World!", SlugStyle::Unicode, Some("hello-world")),
            ("ऑनलाइन चैटिंग से कमाई", SlugStyle::Unicode, Some("ऑनलाइन-चैटिंग-से-कमाई")),
            ("ग्राहक सहायता: 5 टिप्स", SlugStyle::Unicode, Some("ग्राहक-सहायता-5-टिप्स")),
            ("  --Time   blocking-- ", SlugStyle::Unicode, Some("time-blocking")),
            ("Café Über", SlugStyle::Ascii, Some("cafe-uber")),
            ("!!! ???", SlugStyle::Unicode, None),
            ("🙂🙂", SlugStyle::Unicode, None),
        ];
        for (input, style, want) in cases {
            assert_eq!(slugify(input, style).as_deref(), want, "{input}");
        }
    }

    /// The title of issue 16.19: 104 letters, 268 bytes.
    const LONG_TITLE: &str = "घर बैठे ऑनलाइन चैट सपोर्ट की नौकरी कैसे पाएं: शुरुआती लोगों के लिए पूरी गाइड, ज़रूरी कौशल, वेतन और अनुभव";

    #[test]
    fn a_long_title_is_cut_after_a_whole_word() {
        let slug = slugify(LONG_TITLE, SlugStyle::Unicode).unwrap();
        assert!(slug.len() <= MAX_GENERATED, "{} bytes", slug.len());
        let full = unicode_slug(LONG_TITLE);
        assert!(full.len() > MAX_GENERATED);
        // A prefix of the whole slug that ends where a word ended.
        assert_eq!(full.as_bytes()[slug.len()], b'-', "{slug}");
        assert!(full.starts_with(&slug));
        // And the next word would not have fitted.
        let next = full[slug.len() + 1..].find('-').map_or(full.len(), |i| slug.len() + 1 + i);
        assert!(next > MAX_GENERATED, "{slug}");
    }

    #[test]
    fn one_long_word_is_cut_between_grapheme_clusters() {
        // क्षि is one cluster of 4 code points, 12 bytes; 120 is not a
        // multiple of 12 after the leading `a`.
        let word = format!("a{}", "क्षि".repeat(20));
        let slug = slugify(&word, SlugStyle::Unicode).unwrap();
        assert_eq!(slug, format!("a{}", "क्षि".repeat(9)));
        assert_eq!(slugify(&"x".repeat(300), SlugStyle::Unicode).unwrap().len(), MAX_GENERATED);
    }

    proptest::proptest! {
        /// A cut slug fits, is a prefix of the whole one, and ends at a
        /// hyphen or at a grapheme cluster boundary of the whole slug.
        #[test]
        fn cut_slugs_fit_and_end_cleanly(s in "[a-z\u{900}-\u{97f} -]{0,200}") {
            let full = unicode_slug(&s);
            let slug = slugify(&s, SlugStyle::Unicode).unwrap_or_default();
            proptest::prop_assert!(slug.len() <= MAX_GENERATED);
            proptest::prop_assert!(full.starts_with(&slug));
            let boundaries: Vec<usize> = full.grapheme_indices(true).map(|(i, _)| i).chain([full.len()]).collect();
            proptest::prop_assert!(boundaries.contains(&slug.len()), "{} cut inside a cluster: {}", full, slug);
            proptest::prop_assert!(!slug.ends_with('-'));
        }
    }

    #[test]
    fn ascii_style_transliterates_devanagari() {
        let s = slugify("नमस्ते दुनिया", SlugStyle::Ascii).unwrap();
        assert!(s.is_ascii() && !s.is_empty(), "{s}");
    }

    #[test]
    fn decomposed_input_is_normalised() {
        assert_eq!(slugify("Cafe\u{301}", SlugStyle::Unicode).unwrap(), "café");
        // क़ precomposed is not NFC (it is excluded from composition).
        assert_eq!(slugify("\u{958}म", SlugStyle::Unicode).unwrap(), "\u{915}\u{93c}म");
    }

    #[test]
    fn the_devanagari_mask_agrees_with_the_unicode_tables() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(crate::text::is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// Reading text as it is, when it is NFC already, gives the slug
        /// composing it again would.
        #[test]
        fn skipping_normalisation_changes_no_slug(s in "[a-zA-Z0-9 _!İ\u{300}-\u{36f}\u{900}-\u{97f}\u{200c}\u{200d}é]{0,24}") {
            proptest::prop_assert_eq!(unicode_slug(&s), slug_of(s.len(), s.nfc()));
        }
    }

    #[test]
    fn encode_path_keeps_slashes_and_encodes_devanagari() {
        assert_eq!(encode_path("posts/कमाई/"), "posts/%E0%A4%95%E0%A4%AE%E0%A4%BE%E0%A4%88/");
    }

    #[test]
    fn unsafe_slugs() {
        assert!(!is_safe("../../x"));
        assert!(!is_safe(".hidden"));
        assert!(is_safe("ठीक-है"));
    }
}
