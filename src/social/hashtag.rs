//! Turning free-form tags into hashtags that every platform links.
//!
//! A hashtag ends at the first character the platform does not accept, so
//! "#time management" links only "#time". Tags are therefore rebuilt from
//! what platforms accept — letters (L*), marks (M*), numbers (N*) and `_` —
//! with word breaks turned into CamelCase so the words stay readable (and
//! screen readers can say them).

use std::collections::{HashMap, HashSet};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::count::is_emoji_cluster;
use crate::site::Entry;

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';

/// `#Tag` for a free-form tag, or `None` if nothing linkable remains (empty,
/// or digits only, which platforms do not link).
///
/// Multi-word tags become CamelCase (`time management` → `#TimeManagement`,
/// `chat-support` → `#ChatSupport`); scripts without case simply join their
/// words (`ऑनलाइन कमाई` → `#ऑनलाइनकमाई`), keeping matras, virama and nukta,
/// which are marks. Apostrophes vanish without splitting (`don't` → `dont`);
/// other punctuation, symbols and emoji separate words.
pub fn hashtag(tag: &str) -> Option<String> {
    let tag: String = tag.nfc().collect();
    let words = words(&tag);
    if !words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
        return None;
    }
    let body: String = if words.len() == 1 { words.concat() } else { words.iter().map(|w| capitalize(w)).collect() };
    Some(format!("#{body}"))
}

/// Hashtags for `tags`, at most `max`, skipping unusable tags and
/// case-insensitive duplicates (`#Rust` and `#rust` link to the same page),
/// keeping the first spelling and the original order.
pub fn hashtags(tags: &[String], max: usize) -> Vec<String> {
    distinct(tags.iter().filter_map(|tag| hashtag(tag)), max)
}

/// Sets every post's [`crate::page::Place::hashtags`]: [`hashtags`] of its tags, all
/// of them. A site has few tags and many uses of each, so each spelling is
/// converted once.
pub fn fill(posts: &mut [Entry]) {
    let mut converted: HashMap<String, Option<String>> = HashMap::new();
    for post in posts {
        let tags = &post.outline.tag_names;
        for tag in tags {
            if !converted.contains_key(tag) {
                converted.insert(tag.clone(), hashtag(tag));
            }
        }
        post.place.hashtags = distinct(tags.iter().filter_map(|tag| converted[tag].clone()), usize::MAX);
    }
}

/// The first `max` of `hashtags` that differ from those before them in
/// more than case.
fn distinct(hashtags: impl Iterator<Item = String>, max: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for h in hashtags {
        if out.len() >= max {
            break;
        }
        if seen.insert(h.to_lowercase()) {
            out.push(h);
        }
    }
    out
}

/// Splits a tag into runs of hashtag characters, one grapheme cluster at a
/// time so an emoji's modifiers and joiners go together with it.
fn words(tag: &str) -> Vec<String> {
    let clusters: Vec<&str> = tag.graphemes(true).collect();
    let mut words = vec![String::new()];
    for (i, cluster) in clusters.iter().enumerate() {
        let first = cluster.chars().next().unwrap_or(' ');
        if is_emoji_cluster(cluster) || !(first.is_alphanumeric() || first == '_') {
            // A cluster led by a mark has lost its base letter: drop it quietly.
            if !matches!(first, '\'' | '’' | 'ʼ') && !is_combining_mark(first) {
                words.push(String::new());
            }
            continue;
        }
        let next = clusters.get(i + 1).and_then(|c| c.chars().next());
        let word = words.last_mut().expect("words starts non-empty");
        push_cluster(word, cluster, next);
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Appends the hashtag characters of one cluster. ZWJ/ZWNJ select Indic
/// half-forms and ligatures (क्‍ष vs क्ष), so they are kept between two
/// Indic characters; anywhere else they would only hide inside the tag.
fn push_cluster(word: &mut String, cluster: &str, next_cluster: Option<char>) {
    let chars: Vec<char> = cluster.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let keep = if c == ZWJ || c == ZWNJ {
            let after = chars.get(i + 1).copied().or(next_cluster);
            word.chars().next_back().is_some_and(is_indic) && after.is_some_and(is_indic)
        } else {
            is_hashtag_char(c)
        };
        if keep {
            word.push(c);
        }
    }
}

/// L*, M*, N* or `_`, minus the marks that are emoji machinery (variation
/// selectors, the keycap enclosure) rather than part of a word.
pub(crate) fn is_hashtag_char(c: char) -> bool {
    let emoji_mark = matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{20E3}');
    c.is_alphanumeric() || c == '_' || (is_combining_mark(c) && !emoji_mark)
}

/// Brahmic scripts of South Asia, Devanagari (U+0900) through Sinhala (U+0DFF).
fn is_indic(c: char) -> bool {
    ('\u{0900}'..='\u{0DFF}').contains(&c)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_hashtags() {
        let cases: &[(&str, Option<&str>)] = &[
            ("rust", Some("#rust")),
            ("#rust", Some("#rust")),
            ("time management", Some("#TimeManagement")),
            ("chat-support", Some("#ChatSupport")),
            ("SEO tips", Some("#SEOTips")),
            ("snake_case", Some("#snake_case")),
            ("don't panic", Some("#DontPanic")),
            ("ऑनलाइन कमाई", Some("#ऑनलाइनकमाई")),
            ("क्षत्रिय", Some("#क्षत्रिय")),
            ("ज़िंदगी", Some("#ज़िंदगी")),
            ("क्\u{200D}ष", Some("#क्\u{200D}ष")),
            ("a\u{200D}b", Some("#ab")),
            ("मेरा\u{200C}", Some("#मेरा")),
            ("rust 🦀 lang", Some("#RustLang")),
            ("👍🏽 great", Some("#great")),
            ("1\u{FE0F}\u{20E3} first", Some("#first")),
            ("C++", Some("#C")),
            ("web3", Some("#web3")),
            ("cafe\u{301}", Some("#café")),
            ("2024", None),
            ("२०२४", None),
            ("", None),
            ("!!!", None),
            ("🦀", None),
            ("_", None),
        ];
        for (tag, want) in cases {
            assert_eq!(hashtag(tag).as_deref(), *want, "{tag:?}");
        }
    }

    #[test]
    fn dedupes_case_insensitively_in_order() {
        let tags: Vec<String> =
            ["Rust", "rust", "2024", "time management", "Time-Management", "web", "go"].map(String::from).to_vec();
        assert_eq!(hashtags(&tags, 10), ["#Rust", "#TimeManagement", "#web", "#go"]);
        assert_eq!(hashtags(&tags, 2), ["#Rust", "#TimeManagement"]);
        assert!(hashtags(&tags, 0).is_empty());
        let mut posts = [crate::social::output::tests::page("a", "a", &["Rust", "rust", "2024", "web"]).entry];
        fill(&mut posts);
        assert_eq!(posts[0].place.hashtags, ["#Rust", "#web"]);
    }
}
