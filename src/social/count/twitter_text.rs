//! X's counter against twitter-text's own conformance suite
//! (`conformance/validate.yml` in the twitter-text repository), restated
//! here as a table: every case of the groups that test the v3 rules samvad
//! follows, with each case's expected weighted length and validity
//! (valid = 0 < length <= 280 and no refused character). Long texts are
//! built from their repeating parts; the CJK cases repeat one line of
//! their poem, which changes no character's weight.

use super::Platform::X;

/// `WeightedTweetsWithDiscountedEmojiCounterTest`: config v3, emoji
/// sequences weigh 2 whatever their length.
const EMOJI: &str = "discounted emoji";
/// `UnicodeDirectionalMarkerCounterTest`: refused characters and
/// directional marks around a link.
const MARKS: &str = "directional marks";
/// `tweets`: validity alone (an empty post).
const VALIDITY: &str = "validity";

struct Case {
    group: &'static str,
    name: &'static str,
    text: String,
    weight: usize,
    valid: bool,
}

fn case(group: &'static str, name: &'static str, text: impl Into<String>, weight: usize, valid: bool) -> Case {
    Case { group, name, text: text.into(), weight, valid }
}

/// 24 × "xxxxxxxxxx-": the filler of the long cases.
fn filler(n: usize) -> String {
    "xxxxxxxxxx-".repeat(n)
}

/// A link whose one host label is 3,984 characters long (RFC 1035 allows 63).
fn long_label_link() -> String {
    format!("https://{}.com/foo", "somesuperlongurl".repeat(249))
}

const POEM: &str = "故人西辞黄鹤楼，烟花三月下扬州。";
const KANA: &str = "あいうえおかきくけこ";
const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦";

fn cases() -> Vec<Case> {
    let punctuation = "This is a tweet with general punctuation characters: \u{2000}\u{2001}\u{2002}\u{2003}\
        \u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B} \u{2010} \u{2011} \u{2012} \u{2013} \
        \u{2014} \u{2015} \u{2016}  \u{2017} \u{2018} \u{2019} \u{201A} \u{201B} \u{201C} \u{201D} \u{201E} \
        \u{201F} \u{2032} \u{2033} \u{2034} \u{2035} \u{2036} \u{2037}";
    let long_links = format!("{0} {0} {0}", long_label_link());
    let kana_host = |tail: &str| format!("{} http://{}{tail}.com", KANA.repeat(12), KANA.repeat(5));
    vec![
        case(EMOJI, "text and a link", "Hi http://test.co", 26, true),
        case(EMOJI, "a link alone", "http://test.co", 23, true),
        case(EMOJI, "285 ASCII characters", format!("285 chars-{}", filler(25)), 285, false),
        case(EMOJI, "a link amid 285", format!("285 chars- http://www.twitter.com/jack {}", filler(24)), 299, false),
        case(EMOJI, "a link at the end", format!("{} http://www.twitter.com/jack ", filler(24)), 289, false),
        case(EMOJI, "ten links", "https://www.twitter.com/aloha ".repeat(10), 240, true),
        case(EMOJI, "160 CJK characters", POEM.repeat(10), 320, false),
        case(EMOJI, "160 emoji", "😷".repeat(160), 320, false),
        case(EMOJI, "3 Latin and 160 CJK", format!("the{}", POEM.repeat(10)), 323, false),
        case(EMOJI, "a decomposed Á is one", format!("282 chars-{}xxxxxA\u{301}x", filler(24)), 281, false),
        case(EMOJI, "a letter, emoji and a ZWJ family", "H🐱\u{263A}👨\u{200D}👩\u{200D}👧\u{200D}👦", 7, true),
        case(EMOJI, "emoji of the first plane", "😷👾😡🔥💩", 10, true),
        case(EMOJI, "a skin tone and a ZWJ sequence", "🙋🏽👨\u{200D}🎤", 4, true),
        case(EMOJI, "spaces, dashes, quotes and primes", punctuation, 110, true),
        case(
            EMOJI,
            "labels over 63 characters make no link",
            format!("Long url with invalid domain labels and a short url: {long_links} https://validurl.com"),
            12079,
            false,
        ),
        case(EMOJI, "a 64-character label without scheme", format!("{}s.com", "randomurl".repeat(7)), 68, true),
        case(EMOJI, "a host label of 64 once in Punycode", kana_host("あいう"), 358, false),
        case(EMOJI, "a host label of 62 once in Punycode", kana_host("あい"), 264, true),
        case(EMOJI, "140 ZWJ families", FAMILY.repeat(140), 280, true),
        case(EMOJI, "a keycap on a Latin digit", "1\u{20E3}", 2, true),
        case(
            EMOJI,
            "Unicode 10 emoji and a tag flag",
            "Unicode 10.0 emoji: 🤪; 🧕; 🧕🏾; 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            34,
            true,
        ),
        case(EMOJI, "Unicode 9 emoji", "Unicode 9.0 emoji: 🤠; 💃; 💃🏾", 29, true),
        case(MARKS, "refused characters", "ABC\u{202A}\u{FFFF}ABC\u{FFFE}", 12, false),
        case(
            MARKS,
            "marks around a link to an Urdu TLD",
            "\u{2066}\u{202A}http://foobar.پاکستان/\u{202C}\u{2069}",
            31,
            true,
        ),
        case(VALIDITY, "an empty post", "", 0, false),
    ]
}

#[test]
fn x_agrees_with_twitter_text_conformance() {
    let cases = cases();
    let size = |group| cases.iter().filter(|c| c.group == group).count();
    assert_eq!((size(EMOJI), size(MARKS), size(VALIDITY)), (22, 2, 1));
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let got = (X.count(&c.text), X.fits(&c.text, 280));
            (got != (c.weight, c.valid))
                .then(|| format!("{} / {}: got {got:?}, want {:?}", c.group, c.name, (c.weight, c.valid)))
        })
        .collect();
    assert!(wrong.is_empty(), "{} of {} cases disagree:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}
