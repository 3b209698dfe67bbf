//! Mastodon's length: links and remote mentions are charged less than
//! their text, by rules that differ between the server and the web composer.

use std::ops::Range;

use super::{find_urls, URL_LENGTH};

/// Mastodon's `countable_text`: every http(s) link becomes a 23-character
/// placeholder and `@user@domain` is charged as `@user`, since the domain is
/// not the author's to shorten. `composer` selects the web composer's
/// narrower mention pattern.
pub(super) fn countable(text: &str, composer: bool) -> String {
    countable_with(text, &find_urls(text, true), composer)
}

/// [`countable`] for text whose http(s) links are known to be `urls`, so
/// that the server's and the composer's text need only one search.
pub(super) fn countable_with(text: &str, urls: &[Range<usize>], composer: bool) -> String {
    let mentions = remote_mentions(text, composer)
        .into_iter()
        .filter(|m| !urls.iter().any(|u| u.start < m.end && m.start < u.end));
    let mut spans: Vec<(usize, usize, Option<usize>)> = urls.iter().map(|u| (u.start, u.end, None)).collect();
    spans.extend(mentions.map(|m| (m.start, m.end, Some(m.local_end))));
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (start, end, local_end) in spans {
        out.push_str(&text[pos..start]);
        match local_end {
            Some(local) => out.push_str(&text[start..local]),
            None => out.extend(std::iter::repeat_n('x', URL_LENGTH)),
        }
        pos = end;
    }
    out.push_str(&text[pos..]);
    out
}

/// A `@user@domain` mention: `start..end` in the text, `start..local_end` is `@user`.
struct Mention {
    start: usize,
    end: usize,
    local_end: usize,
}

/// Remote mentions. The server's `MENTION_RE` takes `[a-z0-9_]` usernames
/// with inner `.`/`-` and Unicode domains; the composer's `countableText`
/// only `[a-z0-9_]+@[a-z0-9.-]+`. Both need an `@` that does not follow a
/// word character; `=`, `/` and twitter-text's `!#$%&*@` are excluded too,
/// erring towards counting the full text.
fn remote_mentions(text: &str, composer: bool) -> Vec<Mention> {
    let user_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || (!composer && matches!(c, '.' | '-'));
    let domain_char = |c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-') || (!composer && (c.is_alphanumeric() || c == '_'))
    };
    // Length of the run of `ok` characters at the start of `s`, minus trailing separators.
    let run = |s: &str, ok: &dyn Fn(char) -> bool| {
        let len = s.find(|c| !ok(c)).unwrap_or(s.len());
        s[..len].trim_end_matches(['.', '-']).len()
    };
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "_=/!#$%&*@".contains(c)) {
            continue;
        }
        let user = &text[at + 1..];
        let user_len = run(user, &user_char);
        let local_end = at + 1 + user_len;
        let Some(domain) = text[local_end..].strip_prefix('@') else {
            continue;
        };
        let domain_len = run(domain, &domain_char);
        let starts_well = user.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        if starts_well && domain_len > usize::from(composer) {
            found.push(Mention { start: at, end: local_end + 1 + domain_len, local_end });
        }
    }
    found
}
