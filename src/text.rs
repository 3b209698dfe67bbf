//! Word counts and reading time.
//!
//! Words are found with Unicode word boundaries (UAX #29), never by bytes or
//! chars, so "नमस्ते दुनिया" is two words, not six.

pub(crate) mod word_break;

use unicode_segmentation::UnicodeSegmentation;

/// Number of words in plain text: UAX #29 word segments that hold a
/// letter or digit, as `unicode_words` counts them. No UAX #29 rule joins
/// across ASCII white space, so each run between spaces is counted alone:
/// runs of ASCII and Devanagari (nearly all of a Hindi or English post)
/// by [`plain_run`] and [`fast_word_count`], the rest by the general segmenter, which a
/// build would otherwise spend a fifth of its parsing time in.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut start) = (0, 0);
    loop {
        start += bytes[start..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if start == bytes.len() {
            return words;
        }
        let (end, plain) = plain_run(bytes, start);
        words += match plain {
            true => 1,
            false => {
                let run = &text[start..end];
                fast_word_count(run).unwrap_or_else(|| run.unicode_words().count())
            }
        };
        start = end;
    }
}

/// UAX #29 word classes of the characters [`fast_word_count`] knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Letter,
    Digit,
    /// `_` (ExtendNumLet).
    Joiner,
    /// `:` (MidLetter).
    MidLetter,
    /// `,` and `;` (MidNum).
    MidNum,
    /// `.` and `'` (MidNumLet and Single_Quote).
    MidBoth,
    /// Combining marks, ZWJ and ZWNJ, which rule WB4 attaches to the
    /// character before them.
    Extend,
    Other,
}

/// The class of an ASCII or Devanagari character (or ZWJ/ZWNJ); `None`
/// for anything else. White space and the other `Word_Break` values that
/// matter only between runs count as `Other` inside one.
const fn word_class(c: char) -> Option<WordClass> {
    use word_break::Cat;
    use WordClass::*;
    if !matches!(c, '\0'..='\u{7f}' | '\u{900}'..='\u{97f}' | '\u{200c}' | '\u{200d}') {
        return None;
    }
    // क़ … य़ are ALetter; the cutter's simple set leaves them out only
    // because NFC decomposes them.
    if matches!(c, '\u{958}'..='\u{95f}') {
        return Some(Letter);
    }
    Some(match word_break::category(c) {
        Some(Cat::Letter) => Letter,
        Some(Cat::Numeric) => Digit,
        Some(Cat::ExtendNumLet) => Joiner,
        Some(Cat::MidLetter) => MidLetter,
        Some(Cat::MidNum) => MidNum,
        Some(Cat::MidNumLet) => MidBoth,
        Some(Cat::Extend | Cat::Zwj) => Extend,
        _ => Other,
    })
}

/// Whether a character [`word_class`] knows is alphanumeric, without the
/// general Unicode tables for Devanagari (built from them once instead).
fn is_word_char(c: char) -> bool {
    static DEVANAGARI: std::sync::LazyLock<u128> = std::sync::LazyLock::new(|| {
        (0..128u32).filter(|i| char::from_u32(0x900 + i).is_some_and(char::is_alphanumeric)).fold(0, |m, i| m | 1 << i)
    });
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphanumeric(),
        n @ 0x900..=0x97f => *DEVANAGARI >> (n - 0x900) & 1 == 1,
        _ => c.is_alphanumeric(),
    }
}

/// [`word_class`] of every character of a 128-character block starting
/// at `start`, `Other` where it has none.
const fn class_table(start: u32) -> [WordClass; 128] {
    let mut table = [WordClass::Other; 128];
    let mut i = 0;
    while i < 128 {
        if let Some(c) = char::from_u32(start + i as u32) {
            if let Some(class) = word_class(c) {
                table[i] = class;
            }
        }
        i += 1;
    }
    table
}

const ASCII_CLASSES: [WordClass; 128] = class_table(0);
const DEVANAGARI_CLASSES: [WordClass; 128] = class_table(0x900);

/// Where the run starting at `start` ends (at ASCII white space), and
/// whether it is the usual shape: separators, letters and digits with
/// their marks (a letter or digit first), then separators again. The
/// separators, ASCII punctuation but `_` and the Devanagari dandas, join
/// nothing at either end of such a run (no WB6–WB13b rule can apply
/// there), so it is one word. Checked byte by byte: ASCII, the Devanagari
/// block (`E0 A4 xx`, `E0 A5 xx`), and ZWNJ and ZWJ (`E2 80 8C`, `E2 80 8D`).
fn plain_run(bytes: &[u8], start: usize) -> (usize, bool) {
    use WordClass::*;
    #[derive(Clone, Copy, PartialEq)]
    enum Part {
        Lead,
        Core,
        Trail,
    }
    let (mut part, mut i) = (Part::Lead, start);
    while let Some(&b) = bytes.get(i) {
        let (class, separator, width) = match b {
            _ if b.is_ascii_whitespace() => return (i, part != Part::Lead),
            0..=0x7f => (ASCII_CLASSES[usize::from(b)], b.is_ascii_punctuation() && b != b'_', 1),
            0xe0 => match word_break::devanagari_at(bytes, i) {
                Some(offset) => (DEVANAGARI_CLASSES[offset], DEVANAGARI_CLASSES[offset] == Other, 3),
                None => break,
            },
            0xe2 if matches!(bytes[i + 1..i + 3], [0x80, 0x8c | 0x8d]) => (Extend, false, 3),
            _ => break,
        };
        part = match (part, class) {
            (Part::Lead, _) if separator => Part::Lead,
            (_, _) if separator => Part::Trail,
            (Part::Lead, Letter | Digit) | (Part::Core, Letter | Digit | Extend) => Part::Core,
            _ => break,
        };
        i += width;
    }
    match bytes[i..].iter().position(u8::is_ascii_whitespace) {
        None if i == bytes.len() => (i, part != Part::Lead),
        Some(n) => (i + n, false),
        None => (bytes.len(), false),
    }
}

/// Words in a run without white space, by UAX #29 rules WB4–WB13b (the
/// only ones ASCII and Devanagari can trigger), or `None` when the run has
/// other characters.
fn fast_word_count(run: &str) -> Option<usize> {
    use WordClass::*;
    // WB4: marks after a character belong to it; rules see only the rest.
    let mut bases: Vec<(WordClass, bool)> = Vec::with_capacity(run.len());
    for c in run.chars() {
        let class = word_class(c)?;
        match bases.last_mut() {
            Some((_, alnum)) if class == Extend => *alnum |= is_word_char(c),
            _ => bases.push((class, is_word_char(c))),
        }
    }
    let class = |i: usize| bases.get(i).map_or(Other, |b| b.0);
    let joined = |i: usize| match (class(i - 1), class(i)) {
        (Letter | Digit, Letter | Digit) => true,
        (Letter, MidLetter | MidBoth) => class(i + 1) == Letter,
        (MidLetter | MidBoth, Letter) => i >= 2 && class(i - 2) == Letter,
        (Digit, MidNum | MidBoth) => class(i + 1) == Digit,
        (MidNum | MidBoth, Digit) => i >= 2 && class(i - 2) == Digit,
        (Letter | Digit | Joiner, Joiner) | (Joiner, Letter | Digit) => true,
        _ => false,
    };
    let (mut words, mut alnum) = (0, false);
    for (i, &(_, word_char)) in bases.iter().enumerate() {
        if i > 0 && !joined(i) {
            words += usize::from(alnum);
            alnum = false;
        }
        alnum |= word_char;
    }
    Some(words + usize::from(alnum))
}

/// Whole minutes to read `words` at `wpm`, never less than one.
pub fn reading_minutes(words: usize, wpm: u32) -> usize {
    words.div_ceil(wpm.max(1) as usize).max(1)
}

/// Cuts plain text to at most `max` characters at a word boundary, adding
/// "…" when anything was cut. Used for meta descriptions.
pub fn truncate_words(text: &str, max: usize) -> String {
    // White space is folded only as far as a cut can reach: a summary may
    // be long, and a description is 160 characters.
    let (mut folded, mut chars) = (String::with_capacity(max * 3), 0);
    for word in text.split_whitespace() {
        if chars > max {
            break;
        }
        if !folded.is_empty() {
            folded.push(' ');
            chars += 1;
        }
        folded.push_str(word);
        chars += word.chars().count();
    }
    if chars <= max {
        return folded;
    }
    let (mut end, mut chars) = (0, 0);
    for (i, word) in folded.split_word_bound_indices() {
        chars += word.chars().count();
        if chars > max.saturating_sub(1) {
            break;
        }
        end = i + word.len();
    }
    let cut = folded[..end].trim_end_matches(|c: char| !c.is_alphanumeric() && !crate::slug::is_mark(c));
    format!("{cut}…")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_html(&mut out, s);
    out
}

/// [`escape_html`], appended to `out`.
pub fn push_escaped_html(out: &mut String, s: &str) {
    let _ = escaped_html_pieces(s, |piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
}

/// [`escape_html`], written to `out` (tera's escape function).
pub fn write_escaped_html(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escaped_html_pieces(s, |piece| out.write_all(piece.as_bytes()))
}

/// Hands `s` escaped for HTML to `emit`, as runs of text and entities.
/// Only ASCII bytes need escaping, so scanning bytes never splits a
/// character, and runs between them go out whole. Every page's text goes
/// through here, so the scan is a table lookup per byte.
fn escaped_html_pieces<E>(s: &str, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = s.as_bytes();
    let mut done = 0;
    while let Some(skip) = bytes[done..].iter().position(|&b| ESCAPED[usize::from(b)]) {
        let i = done + skip;
        emit(&s[done..i])?;
        emit(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        done = i + 1;
    }
    emit(&s[done..])
}

/// The bytes [`escaped_html_pieces`] replaces.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 5 {
        table[b"&<>\"'"[i] as usize] = true;
        i += 1;
    }
    table
};

/// Makes JSON safe to embed in an HTML `<script>` element. JSON allows
/// `\u` escapes anywhere in strings, and outside strings these characters
/// never occur, so the result parses to the same value.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut done = 0;
    for (i, c) in json.match_indices(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        out.push_str(&json[done..i]);
        out.push_str(match c {
            "<" => "\\u003c",
            ">" => "\\u003e",
            "&" => "\\u0026",
            "\u{2028}" => "\\u2028",
            _ => "\\u2029",
        });
        done = i + c.len();
    }
    out.push_str(&json[done..]);
    out
}

/// Plain text of an HTML fragment: tags dropped, common entities decoded,
/// white space folded. Good enough for descriptions and word counts of our
/// own rendered markdown, not a general HTML parser.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // One pass: text between tags is copied with its entities decoded and
    // white space folded; a tag counts as a space. Runs of other characters
    // are copied whole, so a long summary costs a scan, not a push per
    // character.
    let (bytes, mut at, mut space) = (html.as_bytes(), 0, false);
    while at < html.len() {
        let (piece, len) = match bytes[at] {
            b'<' => {
                at = html[at..].find('>').map_or(html.len(), |i| at + i + 1);
                space = true;
                continue;
            }
            b'&' => {
                let rest = &html[at..];
                ENTITIES.iter().find(|(e, _)| rest.starts_with(e)).map_or(("&", 1), |(e, s)| (*s, e.len()))
            }
            _ => {
                let run = text_run(&html[at..]);
                if run == 0 {
                    // White space: one character of it.
                    at += html[at..].chars().next().map_or(1, char::len_utf8);
                    space = true;
                    continue;
                }
                (&html[at..at + run], run)
            }
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(piece);
        at += len;
    }
    out
}

/// Length in bytes of the run at the start of `s` with no tag, entity or
/// white space in it.
fn text_run(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if b == b'<' || b == b'&' || (b as char).is_whitespace() {
                break;
            }
            at += 1;
        } else {
            let c = s[at..].chars().next().expect("at is a character boundary");
            if c.is_whitespace() {
                break;
            }
            at += c.len_utf8();
        }
    }
    at
}

/// The entities our own Markdown output uses.
const ENTITIES: [(&str, &str); 5] = [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_by_boundaries() {
        assert_eq!(word_count("नमस्ते दुनिया, कैसे हो?"), 4);
        assert_eq!(word_count("क्षत्रिय"), 1);
        assert_eq!(word_count("Hello, world. It's fine."), 4);
    }

    /// Every character the fast path classifies, plus a few it does not.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = (0x900..0x980).filter_map(char::from_u32).collect();
        chars.extend("aZ09_:;,.'\"!(-#\u{200c}\u{200d}\u{301}é".chars());
        chars
    }

    #[test]
    fn punctuated_words_count_like_uax29() {
        for run in [
            "word,",
            "(शब्द)",
            "\"quote\"",
            "...",
            "a.b",
            "#tag",
            "-x-",
            "क़ीमत।",
            "3.14",
            "_a_",
            "'ा",
            "(ा)",
            "x'",
            "१२३,",
        ] {
            assert_eq!(word_count(run), run.unicode_words().count(), "{run:?}");
        }
    }

    #[test]
    fn fast_path_counts_every_pair_like_uax29() {
        let chars = alphabet();
        for &a in &chars {
            for &b in &chars {
                let text = format!("{a}{b}");
                assert_eq!(word_count(&text), text.unicode_words().count(), "{text:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_path_counts_like_uax29(
            picks in proptest::collection::vec(0usize..148, 0..24),
            spaces in proptest::collection::vec(0usize..24, 0..4),
        ) {
            let chars = alphabet();
            let mut text: Vec<char> = picks.iter().map(|&i| chars[i % chars.len()]).collect();
            for &at in &spaces {
                text.insert(at.min(text.len()), ' ');
            }
            let text: String = text.into_iter().collect();
            proptest::prop_assert_eq!(word_count(&text), text.unicode_words().count(), "{:?}", text);
        }
    }

    /// The straightforward versions: tags dropped, then entities decoded,
    /// then white space folded, each over the whole text.
    fn strip_tags_reference(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        let decoded = out
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        decoded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn truncate_reference(text: &str, max: usize) -> String {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() <= max {
            return text;
        }
        let mut end = 0;
        for (i, word) in text.split_word_bound_indices() {
            let stop = i + word.len();
            if text[..stop].chars().count() > max.saturating_sub(1) {
                break;
            }
            end = stop;
        }
        let cut = text[..end].trim_end_matches(|c: char| !c.is_alphanumeric() && !crate::slug::is_mark(c));
        format!("{cut}…")
    }

    proptest::proptest! {
        #[test]
        fn one_pass_strip_tags_matches_the_reference(html in "(<p>|</p>|<b a=\"x\">|&amp;|&lt;|&gt;|&quot;|&#39;|&l|&|<|>| |\n|\t|\u{b}|\u{a0}|\u{3000}|a|समय|é)*") {
            proptest::prop_assert_eq!(strip_tags(&html), strip_tags_reference(&html));
        }

        #[test]
        fn bounded_truncation_matches_the_reference(text in "(a|bc|समय|क्ष|, |\\.|  |\n|…|x1)*", max in 0usize..40) {
            proptest::prop_assert_eq!(truncate_words(&text, max), truncate_reference(&text, max));
        }
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(reading_minutes(0, 200), 1);
        assert_eq!(reading_minutes(361, 180), 3);
    }

    #[test]
    fn truncate_keeps_words_whole() {
        let t = truncate_words("समय प्रबंधन सबसे ज़रूरी कौशल है", 16);
        assert!(t.ends_with('…'));
        assert!(t.chars().count() <= 16);
        assert!("समय प्रबंधन सबसे ज़रूरी कौशल है".starts_with(t.trim_end_matches('…')));
        assert_eq!(truncate_words("short", 160), "short");
    }

    #[test]
    fn strip_tags_gives_text() {
        assert_eq!(strip_tags("<p>a &amp; <b>b</b></p>\n<p>c</p>"), "a & b c");
    }

    #[test]
    fn json_in_script_cannot_close_the_element() {
        let raw = "</script><b>& समय\u{2028}line\u{2029}end";
        let s = json_for_script(&serde_json::json!({ "t": raw }).to_string());
        assert!(!s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{s}");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["t"], raw);
    }

    #[test]
    fn html_escaping_keeps_every_other_character() {
        assert_eq!(
            escape_html(r#"<a href="x">'समय' & पैसा</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;समय&#39; &amp; पैसा&lt;/a&gt;"
        );
        assert_eq!(escape_html("plain हिंदी"), "plain हिंदी");
        assert_eq!(escape_html(""), "");
        for c in (0u8..128).map(char::from).filter(|c| !"&<>\"'".contains(*c)) {
            assert_eq!(escape_html(&format!("a{c}b")), format!("a{c}b"));
        }
    }
}
