//! The fast path must agree with the general code on every text it accepts:
//! clusters with unicode-segmentation, "already NFC" with
//! unicode-normalization, and sizes with the definitions in `count.rs`.

use super::table::class;
use super::*;
use crate::social::count::nfc;
use crate::text::exhaustive::{candidates, fours, in_templates, pairs};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Every character [`class`] accepts.
fn simple_chars() -> Vec<char> {
    candidates().filter(|&c| class(c).is_some()).collect()
}

/// A few of each class, and the consonants a nukta composes with.
const REPRESENTATIVES: &[char] = &[
    'a', ' ', '.', '\t', '\r', '\n', 'क', 'ष', 'न', 'र', 'ळ', 'अ', '०', '।', '…', '\u{93C}', '\u{94D}', '\u{93F}',
    '\u{941}', '\u{902}', '\u{903}', '\u{951}', '\u{952}', '\u{200C}', '\u{200D}',
];

fn reference_starts(text: &str) -> Vec<usize> {
    text.grapheme_indices(true).map(|(i, _)| i).collect()
}

/// The fast path accepts `text` exactly when it is NFC (all its characters
/// being simple), and then finds the same clusters as unicode-segmentation.
fn check(text: &str) {
    let is_nfc = text.nfc().eq(text.chars());
    match cluster_starts(text) {
        Some(starts) => {
            assert!(is_nfc, "accepted non-NFC {text:?}");
            assert_eq!(starts, reference_starts(text), "{text:?}");
        }
        None => assert!(!is_nfc, "rejected NFC {text:?}"),
    }
}

#[test]
fn only_the_listed_characters_are_simple() {
    let chars = simple_chars();
    assert_eq!(chars.len(), 128 + 120 + 11);
    for c in ['\u{958}', '\u{95F}', '\u{80}', '\u{A0}', '\u{A9}', '\u{2028}', '😀', 'é'] {
        assert_eq!(class(c), None, "{c:?}");
    }
}

#[test]
fn every_character_in_contexts_that_reveal_its_class() {
    let templates = [
        "{}",
        "a{}",
        "{}a",
        "{}\u{93E}",
        "{}\u{94D}क",
        "क्{}",
        "क{}क",
        "क्{}क",
        "क{}्क",
        "क्\u{200D}{}",
        "\r{}",
        "{}\n",
        "{}\u{93C}",
        "न{}",
        "\u{951}{}",
        "{}\u{952}",
    ];
    in_templates(&simple_chars(), &templates, check);
}

#[test]
fn all_pairs_of_simple_characters() {
    pairs(&simple_chars(), check);
}

#[test]
fn all_four_character_strings_of_representatives() {
    fours(REPRESENTATIVES, check);
}

/// Simple tokens: links, mentions, markup, CR LF, Hindi with nukta,
/// conjuncts and marks in and out of canonical order.
const SIMPLE: &[&str] = &[
    "hello",
    "C++",
    "don't",
    "e.g.",
    "2024",
    "a.b",
    "x.",
    "...",
    "example.com",
    "example.com/blog",
    "www.example.in",
    "https://a.co/x",
    "https://bench.example/p/?utm_source=x&utm_medium=social",
    "(see https://a.co/x).",
    "example.com@x",
    "mail a@example.com",
    "@anjali@mastodon.social",
    "@a@b",
    "@first.last@example.social",
    "@anjali@मेरा.भारत",
    "**",
    "*",
    "_",
    "~~",
    "||",
    "`",
    "\\*",
    "snake_case",
    "#tag",
    "#समय_प्रबंधन",
    "\r\n",
    "\r",
    "\n",
    "\t",
    " ",
    "  ",
    " ",
    " ",
    "नमस्ते",
    "क्षत्रिय",
    "ड़",
    "साफ़",
    "ऩ",
    "न\u{93C}",
    "क्\u{200D}ष",
    "हिंदी।",
    "॥",
    "०१२",
    "\u{951}\u{952}",
    "\u{952}\u{951}",
    "\u{94D}\u{93C}",
    "ि",
    "…",
    "—",
    "“quoted”",
    "₹500",
    "•",
];

/// Tokens that make a text take the general path.
const OTHER: &[&str] = &["क़", "😀", "👍🏽", "🇮🇳", "1\u{FE0F}\u{20E3}", "e\u{301}", "é", "日本", "\u{A0}"];

fn text() -> impl Strategy<Value = String> {
    let simple = prop::collection::vec(prop::sample::select(SIMPLE), 0..40);
    let mixed = prop::collection::vec(prop::sample::select([SIMPLE, OTHER].concat()), 0..40);
    prop_oneof![3 => simple, 1 => mixed].prop_map(|parts| parts.concat())
}

fn reference_size(platform: Platform, text: &str) -> Size {
    platform.size_nfc(&nfc(text), text.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn fast_sizes_equal_the_definition(text in text()) {
        for platform in Platform::ALL {
            let want = reference_size(platform, &text);
            if let Some(got) = size(platform, &text) {
                prop_assert_eq!(got, want, "{} {:?}", platform, text);
            }
            prop_assert_eq!(platform.size(&text), want, "{} {:?}", platform, text);
            prop_assert_eq!(platform.count(&text), want.count, "{} {:?}", platform, text);
        }
    }

    #[test]
    fn prefix_sizes_are_sizes_of_prefixes(text in text()) {
        for platform in Platform::ALL {
            let Some(measured) = Measured::new(&text) else { continue };
            let Some(prefixes) = measured.prefixes(platform) else { continue };
            for &start in measured.piece_starts() {
                let (at, got) = prefixes.before(start + 1);
                prop_assert_eq!(at, start);
                prop_assert_eq!(got, reference_size(platform, &text[..start]), "{} {:?} {}", platform, text, start);
            }
        }
    }

    #[test]
    fn clusters_of_random_simple_text(chars in prop::collection::vec(prop::sample::select(simple_chars()), 0..30)) {
        check(&chars.into_iter().collect::<String>());
    }
}

#[test]
fn ascii_and_hindi_take_the_fast_path() {
    for text in ["hello world\r\n", "साफ़ रिफ़ंड अनुभव।", "**bold** — “quoted” …", "see https://a.co/x"]
    {
        for platform in Platform::ALL {
            assert!(size(platform, text).is_some(), "{platform} {text:?}");
        }
    }
    assert_eq!(size(Platform::X, "😀"), None);
    assert_eq!(size(Platform::X, "न\u{93C}"), None);
}
