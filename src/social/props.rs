//! Property tests: whatever the title, tags and summary (Hindi, English,
//! emoji, long or empty), every generated snippet fits its platform and
//! every cut falls on a grapheme boundary.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::count::{Limits, Platform};
use super::generate::{parts, snippet, tagged_url, PostInfo};
use super::post::PostSocial;
use crate::social::config::SocialConfig;

const WORDS: &[&str] = &[
    "chat",
    "support",
    "earning",
    "online",
    "time",
    "management",
    "Rust",
    "don't",
    "C++",
    "2024",
    "क्षत्रिय",
    "ऑनलाइन",
    "कमाई",
    "ज़िंदगी",
    "नमस्ते",
    "दुनिया",
    "समय",
    "प्रबंधन",
    "क्\u{200D}ष",
    "👍🏽",
    "👨‍👩‍👧",
    "🇮🇳",
    "❤️",
    "café",
    "e\u{301}",
    "#tag",
    "@user@example.social",
    "https://example.com/a?b=c",
    "example.org",
    "**bold**",
    "—",
    ",",
    ".",
    "।",
    "(",
    ")",
    "\"",
    "&",
    "\n",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![4 => words(max), 1 => "\\PC{0,80}"]
}

fn post() -> impl Strategy<Value = PostInfo> {
    (
        text(12),
        prop::option::of(text(120)),
        text(200),
        prop::collection::vec(text(4), 0..8),
        prop::collection::vec(text(6), 0..5),
        prop::option::of(text(40)),
        prop::bool::ANY,
    )
        .prop_map(|(title, description, summary, tags, takeaways, hook, hindi)| PostInfo {
            title,
            slug: "स्लग-slug".into(),
            lang: if hindi { "hi".into() } else { "en".into() },
            permalink: "https://example.com/posts/%E0%A4%B8/".into(),
            description,
            summary,
            takeaways,
            hashtags: crate::social::hashtag::hashtags(&tags, usize::MAX),
            social: PostSocial { hook, ..PostSocial::default() },
        })
}

fn limits() -> impl Strategy<Value = Limits> {
    prop::collection::vec((prop::sample::select(Platform::ALL.to_vec()), 1usize..400), 0..4).prop_map(|v| {
        let mut l = Limits::new();
        for (p, n) in v {
            l.with_override(p, n);
        }
        l
    })
}

/// When a snippet was cut, the text before the added "…" is a prefix of
/// the uncut text ending on one of its grapheme boundaries.
fn cut_on_grapheme_boundary(whole: &str, text: &str) -> bool {
    if whole.contains('…') || !text.contains('…') {
        return true;
    }
    let kept = text[..text.find('…').unwrap()].trim_end_matches(' ');
    whole.starts_with(kept) && (kept.len() == whole.len() || whole.grapheme_indices(true).any(|(i, _)| i == kept.len()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_snippet_fits_and_cuts_whole_graphemes(post in post(), limits in limits(), thread in any::<bool>()) {
        let config = SocialConfig { x_thread: thread, ..SocialConfig::default() };
        for platform in Platform::ALL {
            let s = snippet(&config, &limits, &post, platform);
            let limit = limits.get(platform);
            prop_assert!(s.fits && platform.fits(&s.text, limit), "{platform} {limit}: {:?}", s.text);
            prop_assert_eq!(s.length, platform.count(&s.text));
            let url = tagged_url(&config, &post.permalink, &post.slug, platform.name());
            let (head, tail) = parts(&post, platform, &url);
            let whole = format!("{head}{tail}");
            prop_assert!(cut_on_grapheme_boundary(&whole, &s.text), "{platform}: {:?} from {:?}", s.text, whole);
            for t in &s.thread {
                prop_assert!(platform.fits(t, limit), "thread post too long: {t:?}");
            }
        }
    }

    #[test]
    fn generation_is_deterministic(post in post()) {
        let config = SocialConfig::default();
        for platform in Platform::ALL {
            let a = snippet(&config, &Limits::new(), &post, platform);
            prop_assert_eq!(a, snippet(&config, &Limits::new(), &post, platform));
        }
    }
}
