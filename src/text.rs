//! Word counts and reading time.
//!
//! Words are found with Unicode word boundaries (UAX #29), never by bytes or
//! chars, so "नमस्ते दुनिया" is two words, not six.

#[cfg(test)]
pub(crate) mod exhaustive;
pub(crate) mod word_bounds;
pub(crate) mod word_break;

use unicode_segmentation::UnicodeSegmentation;

mod words;

pub use words::{is_alphanumeric, word_count};

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
    let ends = word_bounds::word_ends(&folded)
        .unwrap_or_else(|| folded.split_word_bound_indices().map(|(i, word)| i + word.len()).collect());
    let (mut end, mut chars) = (0, 0);
    for next in ends {
        chars += folded[end..next].chars().count();
        if chars > max.saturating_sub(1) {
            break;
        }
        end = next;
    }
    let cut = folded[..end].trim_end_matches(|c: char| !c.is_alphanumeric() && !crate::slug::is_mark(c));
    format!("{cut}…")
}

/// Is `c` a control character that HTML text may not hold (the HTML
/// standard allows only the ASCII white space among controls; form feed,
/// which XML forbids, goes too)? Tab, line feed and carriage return stay.
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// `text` without its forbidden control characters, and the byte offset,
/// in `text`, of the first one dropped. None when there is none, the usual
/// case, found without copying.
pub fn drop_forbidden_controls(text: &str) -> Option<(String, usize, usize)> {
    let first = text.find(is_forbidden_control)?;
    let kept: String = text.chars().filter(|c| !is_forbidden_control(*c)).collect();
    let dropped = text.chars().filter(|c| is_forbidden_control(*c)).count();
    Some((kept, first, dropped))
}

/// Escapes text for HTML element content and quoted attribute values,
/// dropping the control characters HTML forbids.
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
/// character, and runs between them go out whole.
fn escaped_html_pieces<E>(s: &str, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let bytes = s.as_bytes();
    let (mut done, mut from) = (0, 0);
    // C1 controls (U+0080 to U+009F) are C2 80 to C2 9F in UTF-8.
    let special = |b| {
        (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'') | (b < 0x20) | (b == 0x7f) | (b == 0xc2)
    };
    while let Some(i) = find_byte(bytes, from, special) {
        from = i + 1;
        let (escaped, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => continue,
            0xc2 if !(0x80..=0x9f).contains(&bytes[i + 1]) => continue,
            0xc2 => ("", 2),
            _ => ("", 1),
        };
        emit(&s[done..i])?;
        emit(escaped)?;
        (done, from) = (i + len, i + len);
    }
    emit(&s[done..])
}

/// The first byte at or after `from` that `wanted` picks. Every page's
/// text, feed and snippet goes through an escaper, and the bytes they look
/// for are rare, so sixteen bytes are tested at a time with no early exit
/// inside, which the compiler turns into a few vector instructions when
/// `wanted` is a few comparisons joined with `|`. (Joined with `||`, or
/// written as `matches!`, they become a bit test that does not vectorise.)
#[inline(always)]
pub fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 16) {
        let chunk: &[u8; 16] = chunk.try_into().expect("sixteen bytes");
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(wanted(b))) != 0 {
            break;
        }
        at += 16;
    }
    bytes.get(at..)?.iter().position(|&b| wanted(b)).map(|i| at + i)
}

/// Makes JSON safe to embed in an HTML `<script>` element. JSON allows
/// `\u` escapes anywhere in strings, and outside strings these characters
/// never occur, so the result parses to the same value.
pub fn json_for_script(json: &str) -> String {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 16);
    let (mut done, mut from) = (0, 0);
    while let Some(i) = find_byte(bytes, from, |b| (b == b'<') | (b == b'>') | (b == b'&') | (b == 0xe2)) {
        from = i + 1;
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
        let (escaped, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            _ if bytes[i + 1..].starts_with(&[0x80, 0xa8]) => ("\\u2028", 3),
            _ if bytes[i + 1..].starts_with(&[0x80, 0xa9]) => ("\\u2029", 3),
            _ => continue,
        };
        out.push_str(&json[done..i]);
        out.push_str(escaped);
        done = i + len;
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
    // white space folded; a block tag counts as a space, an inline one
    // (`code`, `a`, `em`, …) as nothing, so "`x`, y" stays "x, y" as a
    // browser shows it. Runs of other characters are copied whole, so a
    // long summary costs a scan, not a push per character.
    let (bytes, mut at, mut space) = (html.as_bytes(), 0, false);
    while at < html.len() {
        let (piece, len) = match bytes[at] {
            b'<' => {
                let end = html[at..].find('>').map_or(html.len(), |i| at + i + 1);
                space |= !is_inline_tag(&html[at..end]);
                at = end;
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

/// Phrasing elements, which a browser runs into the text around them.
const INLINE_TAGS: [&str; 21] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
    "small", "span", "strong", "sub",
];

/// Is `tag` (`<code>`, `</a>`, `<sup class="x">`) an inline element's?
fn is_inline_tag(tag: &str) -> bool {
    let name = tag.strip_prefix('<').unwrap_or(tag);
    let name = name.strip_prefix('/').unwrap_or(name);
    let end = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
    let name = &name[..end];
    INLINE_TAGS.iter().chain(&["sup", "time", "u", "var", "wbr"]).any(|t| t.eq_ignore_ascii_case(name))
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
    fn find_byte_finds_the_first_wanted_byte_across_chunk_edges() {
        for len in 0..50 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = b'<';
                }
                for from in 0..=len + 1 {
                    let want = (at < len && from <= at).then_some(at);
                    assert_eq!(find_byte(&bytes, from, |b| b == b'<'), want, "len {len}, at {at}, from {from}");
                }
            }
        }
    }

    /// The straightforward versions: tags dropped, then entities decoded,
    /// then white space folded, each over the whole text.
    fn strip_tags_reference(html: &str) -> String {
        let mut out = String::new();
        let mut tag: Option<String> = None;
        for c in html.chars() {
            match (c, tag.as_mut()) {
                ('<', None) => tag = Some(String::new()),
                ('>', Some(t)) => {
                    let name: String =
                        t.strip_prefix('/').unwrap_or(t).chars().take_while(char::is_ascii_alphanumeric).collect();
                    if !["b", "code", "a", "em"].contains(&name.as_str()) {
                        out.push(' ');
                    }
                    tag = None;
                }
                (c, Some(t)) => t.push(c),
                (c, None) => out.push(c),
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
        fn one_pass_strip_tags_matches_the_reference(html in "(<p>|</p>|<b a=\"x\">|</b>|<code>|</code>|<a href=\"y\">|</a>|<em>|<br>|<li>|&amp;|&lt;|&gt;|&quot;|&#39;|&l|&|<|>| |\n|\t|\u{b}|\u{a0}|\u{3000}|a|समय|é)*") {
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
    fn escaping_drops_the_controls_html_forbids_and_keeps_white_space_and_latin_1() {
        let all: String = (0u32..0x180).filter_map(char::from_u32).collect();
        let escaped = escape_html(&all);
        for c in all.chars() {
            let kept = escaped.contains(c) || "&<>\"'".contains(c);
            assert_eq!(kept, !is_forbidden_control(c), "U+{:04X}", c as u32);
        }
        assert_eq!(escape_html("a\u{0}b\u{7}c\u{1b}[31m\u{b}\u{c}\u{85}d © ₹\t\n"), "abc[31md © ₹\t\n");
        assert_eq!(drop_forbidden_controls("ok"), None);
        assert_eq!(drop_forbidden_controls("a\u{7}b\u{0}"), Some(("ab".to_string(), 1, 2)));
    }

    #[test]
    fn inline_code_and_links_leave_no_space_before_punctuation() {
        let cases = [
            ("<p>function <code>resize_image</code>, which</p>", "function resize_image, which"),
            ("<p>See the <a href=\"x\">docs</a>, please.</p>", "See the docs, please."),
            ("<p><em>समय</em>। <strong>पैसा</strong>?</p>", "समय। पैसा?"),
            ("<li>one</li><li>two</li>", "one two"),
            ("a<br>b<BR/>c", "a b c"),
            ("x<sup>2</sup>", "x2"),
        ];
        for (html, want) in cases {
            assert_eq!(strip_tags(html), want, "{html}");
        }
    }

    #[test]
    fn json_in_script_cannot_close_the_element() {
        let raw = "</script><b>& समय\u{2028}line\u{2029}end … — ‘’";
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
        for c in (0u8..128).map(char::from).filter(|c| !"&<>\"'".contains(*c) && !is_forbidden_control(*c)) {
            assert_eq!(escape_html(&format!("a{c}b")), format!("a{c}b"));
        }
    }
}
