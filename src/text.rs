//! Word counts and reading time.
//!
//! Words are found with Unicode word boundaries (UAX #29), never by bytes or
//! chars, so "नमस्ते दुनिया" is two words, not six.

use unicode_segmentation::UnicodeSegmentation;

/// Number of words in plain text.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Whole minutes to read `words` at `wpm`, never less than one.
pub fn reading_minutes(words: usize, wpm: u32) -> usize {
    words.div_ceil(wpm.max(1) as usize).max(1)
}

/// Cuts plain text to at most `max` characters at a word boundary, adding
/// "…" when anything was cut. Used for meta descriptions.
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let (mut end, mut chars) = (0, 0);
    for (i, word) in text.split_word_bound_indices() {
        chars += word.chars().count();
        if chars > max.saturating_sub(1) {
            break;
        }
        end = i + word.len();
    }
    let cut = text[..end].trim_end_matches(|c: char| !c.is_alphanumeric() && !crate::slug::is_mark(c));
    format!("{cut}…")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut done = 0;
    // Only ASCII bytes need escaping, so scanning bytes never splits a
    // character, and runs between them are copied whole.
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&s[done..]);
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_by_boundaries() {
        assert_eq!(word_count("नमस्ते दुनिया, कैसे हो?"), 4);
        assert_eq!(word_count("क्षत्रिय"), 1);
        assert_eq!(word_count("Hello, world. It's fine."), 4);
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
    }
}
