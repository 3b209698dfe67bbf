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
    let mut toks = tokenize(text);
    strip_code(&mut toks);
    for marker in ['*', '_', '~', '|'] {
        strip_doubled(&mut toks, marker);
    }
    for marker in ['*', '_'] {
        strip_single(&mut toks, marker);
    }
    toks.into_iter().map(|t| t.ch).collect()
}

/// MarkdownV2 escapes any ASCII punctuation with a backslash that is not shown.
fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match chars.peek() {
            Some(&next) if ch == '\\' && next.is_ascii_punctuation() => {
                toks.push(Tok { ch: next, literal: true });
                chars.next();
            }
            _ => toks.push(Tok { ch, literal: false }),
        }
    }
    toks
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
