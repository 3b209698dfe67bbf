//! The port must split exactly as unicode-segmentation does.

use super::*;
use crate::text::exhaustive::{candidates, fours, in_templates, pairs};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Every character [`category`] accepts.
fn simple_chars() -> Vec<char> {
    candidates().filter(|&c| category(c).is_some()).collect()
}

/// One or two characters of each category, and `"` for the Hebrew rules.
const REPRESENTATIVES: &[char] = &[
    'a', 'क', '1', '१', ':', ',', '.', '\'', '’', '"', '_', ' ', '\r', '\n', '\u{B}', '\t', '-', '\u{93E}', '\u{200C}',
    '\u{200D}', '।', '…',
];

fn check(text: &str) {
    let want: Vec<usize> = text.split_word_bound_indices().map(|(i, w)| i + w.len()).collect();
    assert_eq!(word_ends(text).as_ref(), Some(&want), "{text:?}");
}

#[test]
fn simple_characters_are_those_of_count() {
    // As in `count::simple`: क़ … य़ (U+0958–U+095F), which NFC decomposes, are left out.
    assert_eq!(simple_chars().len(), 128 + 120 + 11);
    for c in ['😀', 'é', '\u{A0}', '\u{2028}', 'א', 'カ'] {
        assert_eq!(category(c), None, "{c:?}");
        assert_eq!(word_ends(&format!("a{c}")), None);
    }
}

#[test]
fn every_character_in_contexts_that_reveal_its_category() {
    let templates = [
        "{}",
        "a{}",
        "{}a",
        "a{}a",
        "1{}1",
        "a{}1",
        "1{}a",
        "{}\u{93E}",
        "{}\u{93E}a",
        " {} ",
        "  {}",
        "_{}",
        "{}_",
        "\r{}",
        "{}\n",
        "a\u{93E}{}b",
        "{}\u{200D}",
        "\u{200D}{}",
        "a{}\u{93E}a",
        "1{}\u{200D}1",
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

proptest! {
    #[test]
    fn random_simple_text(chars in prop::collection::vec(prop::sample::select(REPRESENTATIVES), 0..40)) {
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn random_words(words in prop::collection::vec(prop::sample::select(&[
        "don't", "e.g.", "3.14", "1,000", "a:b", "नमस्ते", "क्षत्रिय", "हिंदी।", "२०२४", "snake_case", "C++", "  ",
        " ", "\r\n", "\n\n", "—", "“x”", "’s", "https://a.co/x?y=1", "@a@b.c", "**b**", "\u{200D}", "\u{93E}",
    ][..]), 0..30)) {
        check(&words.concat());
    }
}
