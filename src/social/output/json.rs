//! `snippets.json`'s objects, written straight into the file's bytes.
//!
//! The snippets are most of what a build writes: at 10,000 posts their
//! texts come to a hundred megabytes in each of `snippets.json`,
//! `schedule.csv` and the Markdown files. serde_json looks at a string a
//! byte at a time, which made this file cost more than all the Markdown
//! files together. Here strings are checked sixteen bytes at a time for the
//! few bytes JSON must escape ([`find_byte`]), and copied whole in between. The output is
//! serde_json's, byte for byte; the tests compare the two.

use std::io::Write as _;

use super::Snippet;
use crate::text::find_byte;

/// Appends one snippet as a JSON object, its fields in declaration order.
pub(super) fn push_snippet(out: &mut Vec<u8>, s: &Snippet) {
    out.extend_from_slice(b"{\"post\":");
    push_str(out, &s.post);
    out.extend_from_slice(b",\"slug\":");
    push_str(out, &s.slug);
    out.extend_from_slice(b",\"url\":");
    push_str(out, &s.url);
    out.extend_from_slice(b",\"platform\":");
    push_str(out, s.platform.name());
    out.extend_from_slice(b",\"text\":");
    push_str(out, &s.text);
    // Writing to a Vec cannot fail.
    let _ = write!(out, ",\"length\":{},\"limit\":{},\"fits\":{}", s.length, s.limit, s.fits);
    if let Some(reason) = &s.reason {
        out.extend_from_slice(b",\"reason\":");
        push_str(out, reason);
    }
    if !s.thread.is_empty() {
        out.extend_from_slice(b",\"thread\":[");
        for (i, post) in s.thread.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_str(out, post);
        }
        out.push(b']');
    }
    out.push(b'}');
}

/// Bytes a JSON string may not hold as they are (RFC 8259, section 7).
fn must_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// Appends `s` as a JSON string.
fn push_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut done = 0;
    while let Some(i) = find_byte(bytes, done, must_escape) {
        out.extend_from_slice(&bytes[done..i]);
        push_escape(out, bytes[i]);
        done = i + 1;
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// The escape serde_json writes for `b`: the short forms where JSON has
/// them, `\u00xx` in lower-case hex otherwise.
fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        _ => {
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::social::count::Platform;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        push_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        let samples = [
            String::new(),
            every_ascii.clone(),
            every_ascii.repeat(3),
            "plain text that is longer than one chunk of sixteen bytes".into(),
            "ग्राहक \"सेवा\"\n\nनई लाइन\t\\ टैब — 🦀 \u{2028}\u{2029} \u{7f}".into(),
            format!("{}\"", "x".repeat(15)),
            format!("{}\n{}", "क".repeat(5), "\\".repeat(17)),
        ];
        for s in samples {
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn a_snippet_is_the_object_serde_json_makes() {
        let mut snippet = Snippet {
            post: "सेवा \"गाइड\"".into(),
            slug: "seva-guide".into(),
            url: "https://example.com/posts/seva/?utm_source=x&utm_medium=social".into(),
            platform: Platform::TelegramCaption,
            text: "पहली पंक्ति\n\nhttps://example.com/ #सेवा".into(),
            length: 42,
            limit: 1024,
            fits: true,
            reason: None,
            thread: Vec::new(),
        };
        let mut out = Vec::new();
        push_snippet(&mut out, &snippet);
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&snippet).unwrap());
        snippet.thread = vec!["1/2 पहला\n".into(), "2/2 \"दूसरा\"".into()];
        snippet.fits = false;
        snippet.reason = Some("too many hashtags: 6 of at most 5".into());
        let mut out = Vec::new();
        push_snippet(&mut out, &snippet);
        assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&snippet).unwrap());
    }
}
