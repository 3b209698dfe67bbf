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

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Makes JSON safe to embed in an HTML `<script>` element. JSON allows
/// `\u` escapes anywhere in strings, and outside strings these characters
/// never occur, so the result parses to the same value.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
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
        let s = json_for_script(r#"{"t":"</script><b>&"}"#);
        assert!(!s.contains('<') && !s.contains('>'));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["t"], "</script><b>&");
    }
}
