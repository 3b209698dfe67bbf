use super::*;
use serde::de::{value::Error as DeError, IntoDeserializer};
use serde::Deserialize;
use unicode_segmentation::UnicodeSegmentation;
use Platform::*;

const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
const CODER: &str = "👩\u{200D}💻";
const THUMBS: &str = "👍🏽";
const FLAG: &str = "🇮🇳";

fn check(cases: &[(Platform, &str, usize)]) {
    for &(platform, text, want) in cases {
        assert_eq!(platform.count(text), want, "{platform} {text:?}");
    }
}

#[test]
fn x_weighted_length() {
    check(&[
        (X, "hello world", 11),
        (X, "नमस्ते", 6),
        (X, "क्षत्रिय", 8),
        (X, "e\u{301}", 1),
        (X, "…", 2),
        (X, "•", 2),
        (X, "—“quoted”", 9),
        (X, "日本語", 6),
        (X, CODER, 2),
        (X, FAMILY, 2),
        (X, THUMBS, 2),
        (X, FLAG, 2),
        (X, "1\u{FE0F}\u{20E3}", 2),
        (X, "©", 1),
        (X, "hi 😀😀", 7),
        (X, "www.example.in", 23),
        (X, "example.in", 10),
        (X, "mail a@example.com", 18),
        (X, "see example.com/blog and https://a.co/x", 4 + 23 + 5 + 23),
        (X, "http://example.com, www.example.org/x?y=1.", 23 + 2 + 23 + 1),
        (X, "https://example.com/a/really/long/path/that/keeps/going/on", 23),
        (X, "(see https://en.wikipedia.org/wiki/Rust_(lang)).", 5 + 23 + 2),
    ]);
}

#[test]
fn bluesky_graphemes() {
    check(&[
        (Bluesky, "क्ष", 1),
        (Bluesky, "क्षत्रिय", 3),
        (Bluesky, "नमस्ते", 3),
        (Bluesky, "e\u{301}", 1),
        (Bluesky, CODER, 1),
        (Bluesky, FAMILY, 1),
        (Bluesky, THUMBS, 1),
        (Bluesky, FLAG, 1),
        (Bluesky, "https://example.com/x", 21),
    ]);
}

#[test]
fn mastodon_server_length() {
    check(&[
        (Mastodon, "@anjali@mastodon.social", 7),
        (Mastodon, "hi @anjali@mastodon.social!", 11),
        (Mastodon, "hi @anjali", 10),
        (Mastodon, "mail anjali@mastodon.social", 27),
        (Mastodon, "https://example.com/a/really/long/path/that/keeps/going", 23),
        (Mastodon, "see https://mastodon.social/@anjali", 4 + 23),
        (Mastodon, "example.com/blog", 16),
        (Mastodon, "क्षत्रिय", 3),
        (Mastodon, FAMILY, 1),
    ]);
}

#[test]
fn threads_emoji_bytes() {
    check(&[
        (Threads, "hello", 5),
        (Threads, "नमस्ते", 6),
        (Threads, "😀", 4),
        (Threads, THUMBS, 8),
        (Threads, FLAG, 8),
        (Threads, CODER, 11),
        (Threads, FAMILY, 25),
        (Threads, "e\u{301}", 1),
    ]);
}

#[test]
fn code_point_platforms() {
    check(&[
        (Linkedin, "नमस्ते", 6),
        (Facebook, "e\u{301}", 1),
        (Instagram, THUMBS, 2),
        (Whatsapp, FLAG, 2),
        (Pinterest, FAMILY, 7),
        (Telegram, "**bold** and __under__ ~~s~~ ||sp|| `c`", 21),
        (TelegramCaption, "*it* _em_ snake_case 2 * 3", 22),
        (Telegram, "नमस्ते", 6),
    ]);
}

#[test]
fn nfc_makes_combining_sequences_one_character() {
    for platform in Platform::ALL {
        assert_eq!(platform.count("e\u{301}"), 1, "{platform}");
        assert_eq!(platform.count("caf\u{65}\u{301}"), 4, "{platform}");
    }
}

#[test]
fn indic_conjunct_is_one_grapheme_gb9c() {
    assert_eq!("क्ष".graphemes(true).count(), 1);
    assert_eq!("क्षत्रिय".graphemes(true).collect::<Vec<_>>(), ["क्ष", "त्रि", "य"]);
}

#[test]
fn ascii_at_limit_and_one_over() {
    for platform in Platform::ALL {
        let limit = platform.default_limit();
        let at = "a".repeat(limit);
        let over = "a".repeat(limit + 1);
        assert_eq!(platform.count(&at), limit, "{platform}");
        assert!(platform.fits(&at, limit), "{platform}");
        assert_eq!(platform.count(&over), limit + 1, "{platform}");
        assert!(!platform.fits(&over, limit), "{platform}");
    }
}

#[test]
fn x_limit_with_urls_and_wide_characters() {
    // 11 links (253) + 11 spaces + 16 ASCII = 280.
    let text = format!("{}{}", "https://example.com/x ".repeat(11), "a".repeat(15) + "b");
    assert_eq!(X.count(&text), 280);
    assert!(X.fits(&text, 280));
    assert!(!X.fits(&format!("{text}c"), 280));
    // 140 CJK characters weigh 280.
    assert!(X.fits(&"日".repeat(140), 280));
    assert!(!X.fits(&"日".repeat(141), 280));
}

#[test]
fn bluesky_also_limits_bytes() {
    let text = FAMILY.repeat(200);
    assert_eq!(Bluesky.count(&text), 200);
    assert!(text.len() > BLUESKY_MAX_BYTES);
    assert!(!Bluesky.fits(&text, 300));
    assert!(Bluesky.fits(&FAMILY.repeat(120), 300));
}

#[test]
fn mastodon_composer_counts_code_points() {
    assert_eq!(mastodon_composer_count("क्षत्रिय"), 8);
    // The composer only shortens `[a-z0-9_]+@[a-z0-9.-]+` mentions.
    assert_eq!(Mastodon.count("@first.last@example.social"), 11);
    assert_eq!(mastodon_composer_count("@first.last@example.social"), 26);
    assert_eq!(mastodon_composer_count("@anjali@मेरा.भारत"), 17);
    assert_eq!(Mastodon.count("@anjali@मेरा.भारत"), 7);
    assert_eq!(mastodon_composer_count("@anjali@mastodon.social https://a.co/x"), 7 + 1 + 23);
    let text = "क्ष ".repeat(125);
    assert_eq!(Mastodon.count(&text), 250);
    assert_eq!(mastodon_composer_count(&text), 500);
    assert!(Mastodon.fits(&text, 500));
    assert!(!Mastodon.fits(&"क्ष ".repeat(126), 500));
}

#[test]
fn parses_names_and_lists_them_on_error() {
    for platform in Platform::ALL {
        assert_eq!(Platform::parse(platform.name()), Ok(platform));
        assert_eq!(platform.to_string().parse::<Platform>(), Ok(platform));
    }
    assert_eq!(Platform::parse(" Telegram-Caption "), Ok(TelegramCaption));
    assert_eq!(Platform::parse("Twitter"), Ok(X));
    let err = Platform::parse("myspace").unwrap_err();
    assert!(err.contains("myspace"));
    for platform in Platform::ALL {
        assert!(err.contains(platform.name()), "{err}");
    }
}

#[test]
fn serde_names_match_name() {
    for platform in Platform::ALL {
        let de: serde::de::value::StrDeserializer<DeError> = platform.name().into_deserializer();
        assert_eq!(Platform::deserialize(de), Ok(platform));
    }
}

#[test]
fn limits_default_and_override() {
    let mut limits = Limits::new();
    assert_eq!(limits.get(Mastodon), 500);
    limits.with_override(Mastodon, 1000).with_override(X, 25_000);
    assert_eq!(limits.get(Mastodon), 1000);
    assert_eq!(limits.get(X), 25_000);
    assert_eq!(limits.get(Bluesky), 300);
    let all: Vec<_> = limits.iter().collect();
    assert_eq!(all.len(), Platform::ALL.len());
    assert_eq!(all[2], (Mastodon, 1000));
}

#[test]
fn default_limits() {
    let want = [280, 300, 500, 500, 3000, 63206, 2200, 4096, 4096, 1024, 500];
    let got: Vec<usize> = Platform::ALL.iter().map(|p| p.default_limit()).collect();
    assert_eq!(got, want);
}
