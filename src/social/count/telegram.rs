//! Telegram formatting markers, which do not count towards the limit.
//!
//! The Bot API limits `sendMessage` text to 4096 and captions to 1024
//! characters "after entities parsing": formatting markers become message
//! entities and vanish from the text. Counting them would waste room, so a
//! snippet is measured with its markup stripped.

/// One character of the message; `literal` marks text that can no longer be
/// markup (escaped with `\` or inside a code span).
#[derive(Clone, Copy)]
struct Tok {
    ch: char,
    literal: bool,
}

/// Removes MarkdownV2-style markup: `**`/`*` bold, `__` underline, `_`
/// italic, `~~` strike, `||` spoiler, `` ` `` and ```` ``` ```` code (plus a
/// fence's language tag), and the `\` of escapes. Markers are removed only in
/// matched pairs, so `2 * 3` or `snake_case` survive untouched.
pub fn strip_telegram_markup(text: &str) -> String {
    strip(text).into_iter().map(|t| t.ch).collect()
}

/// Whether `text` holds a character that can be markup or escape it. Text
/// without any is its own stripped form.
pub(super) fn has_markup(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'*' | b'_' | b'~' | b'|' | b'`' | b'\\'))
}

/// Code points left once markup is stripped: Telegram's length.
pub(super) fn stripped_length(text: &str) -> usize {
    match has_markup(text) {
        true => marked_length(text),
        false => text.chars().count(),
    }
}

/// [`stripped_length`] of text that [`has_markup`].
pub(super) fn marked_length(text: &str) -> usize {
    if text.contains('`') {
        return strip(text).len();
    }
    // Without code spans only markers are removed, and no pass looks past a
    // marker's neighbours, so a run of other characters can stand in as its
    // first and last.
    let (all, mut kept) = condensed(text);
    let condensed = kept.len();
    strip_markers(&mut kept, text);
    all - (condensed - kept.len())
}

/// The text's characters once markup is removed.
fn strip(text: &str) -> Vec<Tok> {
    let mut toks = tokenize(text);
    if text.contains('`') {
        strip_code(&mut toks);
    }
    strip_markers(&mut toks, text);
    toks
}

/// The passes for doubled, then single markers. A pass for a marker the
/// text does not hold would change nothing, so it is skipped.
fn strip_markers(toks: &mut Vec<Tok>, text: &str) {
    for marker in ['*', '_', '~', '|'] {
        if text.contains(marker) {
            strip_doubled(toks, marker);
        }
    }
    for marker in ['*', '_'] {
        if text.contains(marker) {
            strip_single(toks, marker);
        }
    }
}

/// Bytes that start a token other than a plain character: markers and `\\`.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 5 {
        table[[b'*', b'_', b'~', b'|', b'\\'][i] as usize] = true;
        i += 1;
    }
    table
};

/// The number of tokens of `text`, and the tokens with every run of those
/// that cannot be markers cut down to its first and last token, which are
/// all a marker's neighbours can be. Text between special bytes is all
/// plain tokens, one per character, so only its ends are looked at.
fn condensed(text: &str) -> (usize, Vec<Tok>) {
    let bytes = text.as_bytes();
    let (mut escapes, mut kept) = (0, Vec::new());
    // First and last token of the current run of non-markers, and whether they differ.
    let mut run: Option<(Tok, Tok, bool)> = None;
    let extend = |run: &mut Option<(Tok, Tok, bool)>, first: Tok, last: Tok, long: bool| {
        *run = Some(run.map_or((first, last, long), |(start, _, _)| (start, last, true)));
    };
    let plain = |ch| Tok { ch, literal: false };
    let mut i = 0;
    while i < bytes.len() {
        let j = bytes[i..].iter().position(|&b| SPECIAL[usize::from(b)]).map_or(bytes.len(), |n| i + n);
        let segment = &text[i..j];
        if let (Some(first), Some(last)) = (segment.chars().next(), segment.chars().next_back()) {
            extend(&mut run, plain(first), plain(last), segment.len() > first.len_utf8());
        }
        let Some(tok) = tokens(&text[j..]).next() else { break };
        i = j + 1 + usize::from(tok.literal);
        escapes += usize::from(tok.literal);
        if tok.literal || tok.ch == '\\' {
            extend(&mut run, tok, tok, false);
        } else {
            if let Some((first, last, long)) = run.take() {
                kept.push(first);
                if long {
                    kept.push(last);
                }
            }
            kept.push(tok);
        }
    }
    if let Some((first, last, long)) = run {
        kept.push(first);
        if long {
            kept.push(last);
        }
    }
    // An escape is two characters and one token.
    (text.chars().count() - escapes, kept)
}

/// MarkdownV2 escapes any ASCII punctuation with a backslash that is not shown.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len());
    toks.extend(tokens(text));
    toks
}

fn tokens(text: &str) -> impl Iterator<Item = Tok> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let ch = chars.next()?;
        Some(match chars.peek() {
            Some(&next) if ch == '\\' && next.is_ascii_punctuation() => {
                chars.next();
                Tok { ch: next, literal: true }
            }
            _ => Tok { ch, literal: false },
        })
    })
}

fn is_marker(t: &Tok, ch: char) -> bool {
    t.ch == ch && !t.literal
}

/// Pairs backtick runs of equal length; the content between becomes literal.
fn strip_code(toks: &mut Vec<Tok>) {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let len = toks[i..].iter().take_while(|t| is_marker(t, '`')).count();
        if len > 0 {
            runs.push((i, len));
        }
        i += len.max(1);
    }
    let mut drop = vec![false; toks.len()];
    let mut r = 0;
    while r < runs.len() {
        let (open, len) = runs[r];
        let Some(close) = (r + 1..runs.len()).find(|&j| runs[j].1 == len) else {
            r += 1;
            continue;
        };
        let end = runs[close].0;
        drop[open..open + len].fill(true);
        drop[end..end + len].fill(true);
        toks[open + len..end].iter_mut().for_each(|t| t.literal = true);
        if len >= 3 {
            drop_fence_language(toks, open + len, end, &mut drop);
        }
        r = close + 1;
    }
    retain(toks, &drop);
}

/// "```rust\n…```": the language tag is entity metadata, not message text.
fn drop_fence_language(toks: &[Tok], start: usize, end: usize, drop: &mut [bool]) {
    let tag = toks[start..end]
        .iter()
        .take_while(|t| t.ch.is_ascii_alphanumeric() || matches!(t.ch, '+' | '-' | '#' | '_'))
        .count();
    if tag > 0 && toks.get(start + tag).is_some_and(|t| t.ch == '\n') && start + tag < end {
        drop[start..=start + tag].fill(true);
    }
}

/// Removes `**`, `__`, `~~`, `||` occurrences taken two at a time as open/close.
fn strip_doubled(toks: &mut Vec<Tok>, ch: char) {
    let mut spots = Vec::new();
    let mut i = 0;
    while i + 1 < toks.len() {
        if is_marker(&toks[i], ch) && is_marker(&toks[i + 1], ch) {
            spots.push(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut drop = vec![false; toks.len()];
    for pair in spots.chunks_exact(2) {
        for &at in pair {
            drop[at] = true;
            drop[at + 1] = true;
        }
    }
    retain(toks, &drop);
}

/// Single `*`/`_` pairs: the opener must touch the word after it and the
/// closer the word before it; `_` also may not sit inside a word, so
/// identifiers like `snake_case_name` are left alone.
fn strip_single(toks: &mut Vec<Tok>, ch: char) {
    let mut drop = vec![false; toks.len()];
    let mut open: Option<usize> = None;
    for i in 0..toks.len() {
        if !is_marker(&toks[i], ch) {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| toks[p].ch);
        let next = toks.get(i + 1).map(|t| t.ch);
        let intraword = |c: Option<char>| ch == '_' && c.is_some_and(char::is_alphanumeric);
        let can_open = next.is_some_and(|c| !c.is_whitespace() && c != ch) && !intraword(prev);
        let can_close = prev.is_some_and(|c| !c.is_whitespace()) && !intraword(next);
        match open {
            Some(o) if can_close && i > o + 1 => {
                drop[o] = true;
                drop[i] = true;
                open = None;
            }
            _ if can_open => open = Some(i),
            _ => {}
        }
    }
    retain(toks, &drop);
}

fn retain(toks: &mut Vec<Tok>, drop: &[bool]) {
    let mut i = 0;
    toks.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::strip_telegram_markup as strip;
    use super::stripped_length;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn length_is_that_of_the_stripped_text(parts in prop::collection::vec(prop::sample::select(&[
            "*", "**", "_", "__", "~", "~~", "|", "||", "`", "```", "\\", "\\*", "\\_", "a", "bold", "snake_case",
            " ", "\n", "2", "नमस्ते", "x*y", "_a_", "*b*", "rust\n",
        ][..]), 0..24)) {
            let text = parts.concat();
            prop_assert_eq!(stripped_length(&text), strip(&text).chars().count(), "{:?}", text);
        }
    }

    #[test]
    fn strips_paired_markup() {
        let cases = [
            ("**bold** and __under__", "bold and under"),
            ("~~gone~~ ||secret||", "gone secret"),
            ("*italic* and _em_", "italic and em"),
            ("***both***", "both"),
            ("use `a*b*c` here", "use a*b*c here"),
            ("```rust\nlet x = 1;\n```", "let x = 1;\n"),
            ("```\nplain```", "\nplain"),
            ("2 * 3 * 4", "2 * 3 * 4"),
            ("snake_case_name", "snake_case_name"),
            ("price \\*not bold\\*", "price *not bold*"),
            ("unpaired **bold", "unpaired **bold"),
            ("lone `tick", "lone `tick"),
            ("नमस्ते **दुनिया**", "नमस्ते दुनिया"),
        ];
        for (input, want) in cases {
            assert_eq!(strip(input), want, "{input:?}");
        }
    }
}
