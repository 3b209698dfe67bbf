//! Small helpers for writing XML by hand: escaping, and dropping the
//! characters XML 1.0 forbids, so hostile titles still give well-formed
//! feeds.

/// Escapes text for XML element content and attribute values, dropping
/// control characters XML 1.0 cannot carry at all (§2.2 `Char`).
pub fn escape(s: &str) -> String {
    let allowed =
        |c: &char| matches!(c, '\t' | '\n' | '\r') || (*c as u32 >= 0x20 && !matches!(*c as u32, 0xFFFE | 0xFFFF));
    if s.chars().all(|c| allowed(&c)) {
        return crate::text::escape_html(s);
    }
    crate::text::escape_html(&s.chars().filter(allowed).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_and_controls_dropped() {
        assert_eq!(escape("<b>&]]>\u{0}\u{7}ok"), "&lt;b&gt;&amp;]]&gt;ok");
        assert_eq!(escape("नमस्ते \"x\""), "नमस्ते &quot;x&quot;");
    }
}
