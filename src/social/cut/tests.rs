mod reference;

use super::*;
use crate::social::count::{find_urls, mastodon_composer_count};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use Platform::*;

const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
const CODER: &str = "👩\u{200D}💻";
const FLAG: &str = "🇮🇳";

#[test]
fn fit_cases() {
    let cases: &[(Platform, &str, usize, &str)] = &[
        (X, "hello", 280, "hello"),
        (Mastodon, "The quick brown fox jumps", 12, "The quick…"),
        // "…" weighs 2 on X and 1 on Mastodon.
        (X, "aaaa bbbb cccc", 11, "aaaa bbbb…"),
        (X, "aaaa bbbb cccc", 10, "aaaa…"),
        (Mastodon, "aaaa bbbb cccc", 10, "aaaa bbbb…"),
        (Mastodon, "Hello, world and more", 8, "Hello…"),
        (Mastodon, "Wait — really? yes", 15, "Wait — really…"),
        (Mastodon, "see (the docs) now please", 16, "see (the docs)…"),
        (Mastodon, "C# is #great stuff", 12, "C# is…"),
        (Bluesky, &FAMILY.repeat(5), 3, &format!("{}…", FAMILY.repeat(2))),
        (Bluesky, &format!("{CODER} {CODER} {CODER}"), 4, &format!("{CODER} {CODER}…")),
        (Bluesky, &FLAG.repeat(4), 3, &format!("{FLAG}{FLAG}…")),
        (Threads, &FLAG.repeat(3), 17, &format!("{FLAG}{FLAG}…")),
        (X, &format!("ok {}", "👍🏽".repeat(5)), 9, "ok 👍🏽👍🏽…"),
        (Bluesky, "क्षत्रियक्षत्रिय", 4, "क्षत्रिय…"),
        (X, "क्षत्रिय", 5, "क्ष…"),
        (Bluesky, "नमस्ते दुनिया, आप कैसे हैं", 10, "नमस्ते दुनिया…"),
        (Bluesky, "नमस्ते दुनिया, आप कैसे हैं", 12, "नमस्ते दुनिया, आप…"),
        (Bluesky, "read https://example.com/a/long/path now", 30, "read…"),
        (X, "read https://example.com/a/long/path now please", 31, "read https://example.com/a/long/path …"),
        (X, "abc", 1, ""),
        (Mastodon, "abc", 1, "…"),
        (Mastodon, "abcdef", 4, "abc…"),
        (Telegram, "**bold words** and more", 11, "**bold words**…"),
    ];
    for (platform, text, limit, want) in cases {
        let got = fit(*platform, text, *limit);
        assert_eq!(got, *want, "{platform} {limit} {text:?}");
        assert!(platform.fits_length(&got, *limit), "{platform} {got:?}");
    }
}

#[test]
fn fit_parts_keeps_the_tail() {
    let head = "A very long title that goes on";
    let tail = "\n\nhttps://example.com/post #Rust #Web";
    assert_eq!(X.count(tail), 36);
    let cases = [
        (280, format!("{head}{tail}")),
        (50, format!("A very long…{tail}")),
        // No room for a word with both tags: the last tag goes first.
        (37, "A…\n\nhttps://example.com/post #Rust".to_string()),
        // Tail alone too long: tags dropped until it fits.
        (30, "A…\n\nhttps://example.com/post".to_string()),
        (26, "https://example.com/post".to_string()),
    ];
    for (limit, want) in cases {
        let got = fit_parts(X, head, tail, limit);
        assert_eq!(got, want, "limit {limit}");
        assert!(X.fits_length(&got, limit));
    }
}

#[test]
fn drops_only_trailing_hashtags() {
    assert_eq!(drop_last_hashtag("\n\nurl #a #b ").as_deref(), Some("\n\nurl #a"));
    assert_eq!(drop_last_hashtag("\n\nurl #a").as_deref(), Some("\n\nurl"));
    assert_eq!(drop_last_hashtag("\n\nurl"), None);
    assert_eq!(drop_last_hashtag("#"), None);
}

fn body(post: &str) -> &str {
    post.split_once(' ').map_or(post, |(_, b)| b)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn thread_splits_at_sentences_then_words() {
    let text = "First sentence here. Second one is a bit longer than that. Third.";
    let posts = thread(Mastodon, text, 44);
    assert_eq!(posts, ["1/3 First sentence here.", "2/3 Second one is a bit longer than that.", "3/3 Third."]);
    let long_sentence = "one two three four five six seven eight nine ten";
    let posts = thread(X, long_sentence, 20);
    let want = ["1/4 one two three", "2/4 four five six", "3/4 seven eight nine", "4/4 ten"];
    assert_eq!(posts, want);
    for post in &posts {
        assert!(X.fits_length(post, 20), "{post:?}");
    }
    assert_eq!(squash(&posts.iter().map(|p| body(p)).collect::<String>()), squash(long_sentence));
}

#[test]
fn thread_widens_labels_past_nine_posts() {
    let text = "word ".repeat(60);
    let posts = thread(Mastodon, &text, 15);
    let n = posts.len();
    assert!(n >= 10, "{n}");
    for (i, post) in posts.iter().enumerate() {
        assert!(post.starts_with(&format!("{}/{n} ", i + 1)), "{post:?}");
        assert!(Mastodon.fits_length(post, 15), "{post:?}");
    }
}

#[test]
fn thread_edge_cases() {
    assert_eq!(thread(X, "short", 280), ["short"]);
    assert!(thread(X, "   ", 280).is_empty());
    // Too small for "1/2 x": one fitted post instead of nothing.
    assert_eq!(thread(Mastodon, "abcdef ghij", 4), ["abc…"]);
    let hindi = "नमस्ते दुनिया। आप कैसे हैं? मैं ठीक हूँ। धन्यवाद।";
    for post in thread(Bluesky, hindi, 16) {
        assert!(Bluesky.fits_length(&post, 16), "{post:?}");
    }
}

const POOL: &[&str] = &[
    "hello",
    "world",
    "samvad",
    "static",
    "site",
    "generator",
    "नमस्ते",
    "क्षत्रिय",
    "किताब",
    "ऑनलाइन",
    "कमाई",
    "हिंदी।",
    "ज़िंदगी",
    "👩\u{200D}💻",
    "👨\u{200D}👩\u{200D}👧\u{200D}👦",
    "👍🏽",
    "🇮🇳",
    "😀",
    "1\u{FE0F}\u{20E3}",
    "https://example.com/path",
    "example.com/blog",
    "www.example.in",
    "@anjali@mastodon.social",
    ",",
    ".",
    "—",
    "(",
    ")",
    "e\u{301}",
    "**",
    "_",
    "`",
    "#tag",
    "…",
    "日本",
];

fn text() -> impl Strategy<Value = String> {
    let token = prop::sample::select(POOL);
    let sep = prop::sample::select(&[" ", " ", "", "\n", ", ", ". "][..]);
    prop::collection::vec((token, sep), 0..50)
        .prop_map(|parts| parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

/// Like [`text`], but mostly of tokens the fast counting path takes.
fn mostly_simple_text() -> impl Strategy<Value = String> {
    let simple: Vec<&str> = POOL.iter().copied().filter(|t| crate::social::count::Measured::new(t).is_some()).collect();
    let token = prop::sample::select(simple);
    let sep = prop::sample::select(&[" ", " ", "", "\n", ", ", ". "][..]);
    let simple = prop::collection::vec((token, sep), 0..30)
        .prop_map(|parts| parts.into_iter().map(|(t, s)| format!("{t}{s}")).collect::<String>());
    prop_oneof![3 => simple, 1 => text()]
}

fn platform() -> impl Strategy<Value = Platform> {
    prop::sample::select(Platform::ALL.to_vec())
}

fn is_grapheme_boundary(text: &str, at: usize) -> bool {
    at == 0 || text.grapheme_indices(true).any(|(i, g)| i + g.len() == at)
}

proptest! {
    #[test]
    fn fit_always_fits(platform in platform(), text in text(), limit in 0usize..300) {
        let out = fit(platform, &text, limit);
        prop_assert!(platform.count(&out) <= limit);
        prop_assert!(mastodon_composer_count(&out) <= limit || platform != Mastodon);
        if platform.fits_length(&text, limit) {
            prop_assert_eq!(&out, &text);
        } else {
            let head = match out.strip_suffix(ELLIPSIS) {
                Some(head) => head.trim_end(),
                None => { prop_assert_eq!(&out, ""); "" }
            };
            prop_assert!(text.starts_with(head), "{:?} is not a prefix", head);
            prop_assert!(is_grapheme_boundary(&text, head.len()));
            let in_link = find_urls(&text, false).iter().any(|u| u.start < head.len() && head.len() < u.end);
            prop_assert!(!in_link, "cut inside a link: {:?}", head);
        }
    }

    #[test]
    fn fit_parts_always_fits(platform in platform(), head in text(), limit in 0usize..300) {
        let tail = "\n\nhttps://example.com/post #Rust #Web";
        let out = fit_parts(platform, &head, tail, limit);
        prop_assert!(platform.fits_length(&out, limit) || out.is_empty(), "{:?}", out);
    }

    #[test]
    fn thread_posts_fit_and_keep_all_text(platform in platform(), text in text(), limit in 20usize..200) {
        let posts = thread(platform, &text, limit);
        for post in &posts {
            prop_assert!(platform.fits_length(post, limit), "{:?}", post);
        }
        if posts.len() > 1 {
            let joined: String = posts.iter().map(|p| body(p)).collect();
            prop_assert_eq!(squash(&joined), squash(&text));
        }
    }
}

#[test]
fn soft_ends_and_openers_are_the_documented_sets() {
    // The sets as first written, as strings.
    let soft_end = ",.;:!?-–—…·•/\\([{<\"'“‘«‹„।॥、。，：；&=";
    let openers = "#@*_~|`";
    for c in (0..0x10000).filter_map(char::from_u32) {
        assert_eq!(points::is_soft_end(c), soft_end.contains(c), "{c:?}");
        assert_eq!(points::is_opener(c), openers.contains(c), "{c:?}");
    }
}

proptest! {
    /// Cut points found from a tail's are those found afresh, on every
    /// platform's sizes too.
    #[test]
    fn cuts_after_a_line_equal_fresh_cuts(lines in mostly_simple_text(), tail in mostly_simple_text()) {
        let lines = format!("{lines}\n");
        let full = format!("{lines}{tail}");
        let (base, fresh) = (Cuts::new(&tail), Cuts::new(&full));
        let Some(joined) = Cuts::after_line(&full, &base) else {
            prop_assert!(false, "not split: {:?}", full);
            return Ok(());
        };
        prop_assert_eq!(joined.words(), fresh.words());
        prop_assert_eq!(joined.urls(), fresh.urls());
        prop_assert_eq!(joined.boundaries(), fresh.boundaries());
        prop_assert_eq!(joined.measured().is_some(), fresh.measured().is_some());
        for platform in Platform::ALL {
            let (a, b) = (joined.measured().and_then(|m| m.prefixes(platform)), fresh.measured().and_then(|m| m.prefixes(platform)));
            if let (Some(a), Some(b)) = (a, b) {
                for end in 0..=full.len() {
                    prop_assert_eq!(a.before(end), b.before(end), "{} {:?} {}", platform, full, end);
                }
            }
        }
    }
}

#[test]
fn cuts_after_a_line_with_a_link_or_mention_first() {
    for tail in ["https://example.com/path now", "@anjali@mastodon.social hi", "example.com/blog ok"] {
        let full = format!("a b\n{tail}");
        let base = Cuts::new(tail);
        let joined = Cuts::after_line(&full, &base).unwrap();
        let fresh = Cuts::new(&full);
        for platform in Platform::ALL {
            let (a, b) = (
                joined.measured().unwrap().prefixes(platform).unwrap(),
                fresh.measured().unwrap().prefixes(platform).unwrap(),
            );
            for end in 0..=full.len() {
                assert_eq!(a.before(end), b.before(end), "{platform} {full:?} {end}");
            }
        }
    }
}

#[test]
fn glue_is_the_ellipsis() {
    assert_eq!(GLUE, ELLIPSIS.to_string());
    assert_eq!(LINK_GLUE, format!(" {ELLIPSIS}"));
}

/// Tails as snippets have them, and a few odd ones.
const TAILS: &[&str] = &[
    "",
    "\n\nhttps://example.com/post #Rust #Web",
    " https://a.co/x",
    "\n\nhttps://bench.example/posts/p/?utm_source=x&utm_medium=social&utm_campaign=p\n\n#Tag7 #Tag20",
    "\n\nLink in bio\n\n#समय_प्रबंधन #Tag_name",
    "…tail",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// The ruler and the new segmenters change how fast a cut is found,
    /// never which: the output is the old code's.
    #[test]
    fn fit_parts_cuts_where_it_always_did(
        platform in platform(),
        head in mostly_simple_text(),
        tail in prop::sample::select(TAILS),
        limit in 0usize..400,
    ) {
        prop_assert_eq!(fit_parts(platform, &head, tail, limit), reference::fit_parts(platform, &head, tail, limit));
    }

    #[test]
    fn fit_cuts_where_it_always_did(platform in platform(), text in mostly_simple_text(), limit in 0usize..300) {
        prop_assert_eq!(fit(platform, &text, limit), reference::fit(platform, &text, limit));
    }

    #[test]
    fn thread_splits_where_it_always_did(platform in platform(), text in mostly_simple_text(), limit in 20usize..200) {
        prop_assert_eq!(thread(platform, &text, limit), reference::thread(platform, &text, limit));
    }
}

proptest! {
    /// A ruler's sums are exact, or the search would fall back to counting
    /// every candidate (correct, but slow).
    #[test]
    fn ruler_sizes_are_exact(platform in platform(), head in mostly_simple_text(), tail in prop::sample::select(TAILS)) {
        let cuts = Cuts::new(&head);
        let Some(ruler) = Ruler::new(platform, &cuts, tail) else { return Ok(()) };
        for end in cuts.graphemes(true).into_iter().chain([0]) {
            for glue in [GLUE, LINK_GLUE, ""] {
                let text = [&head[..end], glue, tail].concat();
                prop_assert_eq!(ruler.size(end, glue), platform.size(&text), "{:?}", text);
            }
        }
    }
}
