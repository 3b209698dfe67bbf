//! Link detection cases.

use super::*;

fn urls(text: &str, require_scheme: bool) -> Vec<&str> {
    find_urls(text, require_scheme).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn finds_links_with_and_without_scheme() {
    let cases: &[(&str, bool, &[&str])] = &[
        ("see example.com/blog and https://a.co/x", false, &["example.com/blog", "https://a.co/x"]),
        ("see example.com/blog and https://a.co/x", true, &["https://a.co/x"]),
        ("visit www.example.in today", false, &["www.example.in"]),
        ("HTTP://EXAMPLE.COM/A", true, &["HTTP://EXAMPLE.COM/A"]),
        ("end of sentence example.com.", false, &["example.com"]),
        ("(see https://a.co/x).", false, &["https://a.co/x"]),
        ("wiki https://en.wikipedia.org/wiki/Rust_(lang), ok", false, &["https://en.wikipedia.org/wiki/Rust_(lang)"]),
        ("what? https://a.co/x?y=1!", false, &["https://a.co/x?y=1"]),
        ("\"https://a.co/q\"", false, &["https://a.co/q"]),
        ("port http://example.com:8080/x", false, &["http://example.com:8080/x"]),
        ("देखें example.com/हिंदी", false, &["example.com/"]),
    ];
    for (text, scheme, want) in cases {
        assert_eq!(urls(text, *scheme), *want, "{text:?}");
    }
}

#[test]
fn knows_every_listed_tld_and_nothing_else() {
    let listed: Vec<&str> = COUNTRY_TLDS.split(' ').chain(GENERIC_TLDS.split(' ')).collect();
    for &tld in &listed {
        assert!(is_known_tld(tld), "{tld}");
        for part in [&tld[1..], &tld[..tld.len() - 1], &format!("{tld}x"), &format!("x{tld}")] {
            assert_eq!(is_known_tld(part), listed.contains(&part), "{part}");
        }
    }
    for tld in ["example", "a", "m", "xn--p1ai", "localhost", "comm", "o", "internationals", "xn-", "भारतीय"]
    {
        assert_eq!(is_known_tld(tld), tld.starts_with("xn--") || listed.contains(&tld), "{tld}");
    }
    for tld in ["COM", "In", "XN--P1AI", "Co", "РФ", "Ελ"] {
        assert!(is_known_tld(tld), "{tld}");
    }
    assert!(listed.iter().all(|tld| tld.len() < 16));
    for tld in IDN_TLDS.split(' ') {
        assert!(is_known_tld(tld) && !tld.is_ascii(), "{tld}");
        assert!(unicode_normalization::is_nfc(tld), "{tld}");
        assert!(!is_known_tld(&format!("{tld}x")), "{tld}");
    }
}

/// RFC 1035 labels: 63 characters at most, counted in Punycode for
/// other scripts, as twitter-text's `idna.toAscii` does, with or
/// without a scheme; a candidate with a longer label is plain text.
#[test]
fn hosts_with_a_label_over_63_are_not_links() {
    let l63 = "a".repeat(63);
    let l64 = "a".repeat(64);
    let cases: Vec<(String, bool)> = vec![
        (format!("{l63}.com"), true),
        (format!("{l64}.com"), false),
        (format!("www.{l64}.com/path"), false),
        (format!("https://{l63}.example.com/x"), true),
        (format!("https://{l64}.example.com/x"), false),
        (format!("https://sub.{l64}.com"), false),
        // 52 kana are `xn--` and 59 characters of Punycode: 63. One more is 64.
        (format!("https://{}あい.jp", "あいうえおかきくけこ".repeat(5)), true),
        (format!("https://{}あいう.jp", "あいうえおかきくけこ".repeat(5)), false),
        ("https://भारत.भारत/".into(), true),
    ];
    for (text, link) in cases {
        let want: Vec<&str> = if link { vec![text.as_str()] } else { vec![] };
        assert_eq!(urls(&text, false), want, "{text}");
    }
    assert_eq!(dns_length("मेरा"), "xn--r2be6b8a".len());
    assert_eq!(dns_length("example"), 7);
}

/// twitter-text's `validUrlPrecedingChars`: directional marks may come
/// right before a link, the characters X refuses may not.
#[test]
fn marks_may_precede_a_link_refused_characters_not() {
    for mark in ['\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{61C}'] {
        let text = format!("{mark}https://example.com/{mark}");
        assert_eq!(urls(&text, false), ["https://example.com/"], "{text:?}");
    }
    for refused in ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'] {
        let text = format!("{refused}https://example.com/");
        assert!(urls(&text, false).is_empty(), "{text:?}");
    }
}

/// `find_urls` without skipping runs: a link tried at every position.
fn every_position(text: &str, require_scheme: bool) -> Vec<Range<usize>> {
    let (mut found, mut pos) = (Vec::new(), 0);
    while let Some(c) = text[pos..].chars().next() {
        match c.is_alphanumeric().then(|| url_at(text, pos, require_scheme)) {
            Some(Some(end)) => {
                found.push(pos..end);
                pos = end;
            }
            _ => pos += c.len_utf8(),
        }
    }
    found
}

proptest::proptest! {
    #[test]
    fn skipping_runs_finds_the_same_links(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "see", "a.co", "a.b", "x.", ".", "..", "example.com", "https://", "http://a.co/x?y=1.", "www.",
            "in", "/", "@", "e.g.", "शब्द", "मेरा.भारत", "(", ")", " ", "\n", "\u{A0}", "\u{2003}", "x.co.", ".com",
        ][..]), 0..16),
        scheme in proptest::bool::ANY,
    ) {
        let text = parts.concat();
        proptest::prop_assert_eq!(find_urls(&text, scheme), every_position(&text, scheme), "{:?}", text);
    }
}

#[test]
fn rejects_non_links() {
    let cases = [
        "mail anjali@example.com",
        "@anjali@mastodon.social",
        "bare example.in without path",
        "version 3.14 and v1.2",
        "e.g. i.e. U.S.",
        "$cash.com #tag.com",
        "http://localhost:3000/x",
        "file.unknowntld",
        "foo/example.com",
    ];
    for text in cases {
        assert_eq!(urls(text, false), Vec::<&str>::new(), "{text:?}");
    }
}
