//! Small helpers for writing XML by hand: escaping, and dropping the
//! characters XML 1.0 forbids, so hostile titles still give well-formed
//! feeds.

/// Escapes text for XML element content and attribute values, dropping
/// control characters XML 1.0 cannot carry at all (§2.2 `Char`).
pub fn escape(s: &str) -> String {
    let allowed =
        |c: &char| matches!(c, '\t' | '\n' | '\r') || (*c as u32 >= 0x20 && !matches!(*c as u32, 0xFFFE | 0xFFFF));
    if all_allowed(s.as_bytes()) {
        return crate::text::escape_html(s);
    }
    crate::text::escape_html(&s.chars().filter(allowed).collect::<String>())
}

/// Whether `bytes` (UTF-8) has none of the characters XML 1.0 forbids, by
/// bytes: controls are single bytes, and U+FFFE and U+FFFF are `EF BF BE`
/// and `EF BF BF`. Feeds carry whole posts, so this is the common case.
fn all_allowed(bytes: &[u8]) -> bool {
    let mut at = 0;
    while let Some(i) = crate::text::find_byte(bytes, at, |b| (b < 0x20) | (b == 0xEF)) {
        let allowed = match bytes[i] {
            b'\t' | b'\n' | b'\r' => true,
            0xEF => !matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])),
            _ => false,
        };
        if !allowed {
            return false;
        }
        at = i + 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_controls_dropped() {
        assert_eq!(escape("<b>&]]>\u{0}\u{7}ok"), "&lt;b&gt;&amp;]]&gt;ok");
        assert_eq!(escape("नमस्ते \"x\""), "नमस्ते &quot;x&quot;");
        assert_eq!(escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}\u{EFFF}"), "abc\u{FFFD}\u{EFFF}");
        // DEL and the C1 controls are allowed in XML but not in HTML, whose
        // escaper this shares: they go too.
        assert_eq!(escape("\t\n\r\u{1f}\u{7f}\u{85}"), "\t\n\r");
    }
}
