//! Counting words as UAX #29 does, fast for the text nearly every post is
//! made of.
//!
//! No UAX #29 rule joins across ASCII white space, so each run between
//! spaces is counted alone. Most runs are one word with punctuation
//! around it ("word," "(शब्द)" "हो?"), which one pass over its bytes
//! recognises; other runs of ASCII and Devanagari go to
//! [`fast_word_count`], and anything else to the general segmenter, which
//! a build would otherwise spend a fifth of its parsing time in.

use unicode_segmentation::UnicodeSegmentation;

use super::word_break;

/// Number of words in plain text: UAX #29 word segments that hold a
/// letter or digit, as `unicode_words` counts them.
pub fn word_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        words += match plain_run(bytes, &mut i) {
            Some(n) => n,
            None => by_rules(text, start, &mut i),
        };
    }
    words
}

/// Words in the run from `start` to the next white space after `*at`,
/// counted by the rules, with `*at` moved to its end. Rare enough to stay
/// out of the loop above.
#[cold]
#[inline(never)]
fn by_rules(text: &str, start: usize, at: &mut usize) -> usize {
    let bytes = text.as_bytes();
    *at += bytes[*at..].iter().position(u8::is_ascii_whitespace).unwrap_or(bytes.len() - *at);
    let run = &text[start..*at];
    fast_word_count(run).unwrap_or_else(|| run.unicode_words().count())
}

/// Scans the run from `*at` to the next white space if it is the usual
/// shape: separators, then letters and digits with their marks (a letter
/// or digit first), then separators again. The separators, ASCII
/// punctuation but `_` and the Devanagari dandas, join nothing at either
/// end of such a run (no WB6–WB13b rule can apply there), so it is one
/// word, or none without a letter or digit. `None` for any other run,
/// which the rules must count.
#[inline(always)]
fn plain_run(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut step = skip(bytes, at, |s| s == Step::Separator);
    if step == Step::Space {
        return Some(0);
    }
    if step != Step::Core {
        return None;
    }
    step = skip(bytes, at, |s| matches!(s, Step::Core | Step::Mark));
    if step == Step::Separator {
        step = skip(bytes, at, |s| s == Step::Separator);
    }
    (step == Step::Space).then_some(1)
}

/// Moves `*at` past the characters `keep` accepts, and returns the step
/// of the first one it does not.
#[inline(always)]
fn skip(bytes: &[u8], at: &mut usize, keep: impl Fn(Step) -> bool) -> Step {
    loop {
        let (step, width) = step_at(bytes, *at);
        if !keep(step) {
            return step;
        }
        *at += width;
    }
}

/// What a character means to [`plain_run`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// ASCII white space or the end of the text, which ends a run.
    Space,
    Separator,
    /// A letter or a digit.
    Core,
    /// A combining mark, ZWNJ or ZWJ.
    Mark,
    /// Anything else.
    Other,
}

/// The step and width of the character at `bytes[i]`: by table for ASCII,
/// read by bytes for the Devanagari block (`E0 A4 xx`, `E0 A5 xx`) and for
/// ZWNJ and ZWJ (`E2 80 8C`, `E2 80 8D`); any other character is `Other`.
#[inline(always)]
fn step_at(bytes: &[u8], i: usize) -> (Step, usize) {
    match bytes.get(i) {
        None => (Step::Space, 0),
        Some(&b) if b < 0x80 => (ASCII_STEPS[usize::from(b)], 1),
        Some(&lead) if i + 2 < bytes.len() => match (lead, bytes[i + 1], bytes[i + 2]) {
            (0xe0, b1 @ (0xa4 | 0xa5), b2) => (DEVANAGARI_STEPS[usize::from(b1 & 1) << 6 | usize::from(b2 & 0x3f)], 3),
            (0xe2, 0x80, 0x8c | 0x8d) => (Step::Mark, 3),
            _ => (Step::Other, 1),
        },
        Some(_) => (Step::Other, 1),
    }
}

/// The [`Step`] of a character [`word_class`] knows.
const fn step_of(c: char) -> Step {
    use WordClass::*;
    match word_class(c) {
        Some(Letter | Digit) => Step::Core,
        Some(Extend) => Step::Mark,
        Some(Other) if c.is_ascii_whitespace() => Step::Space,
        Some(Other) if !c.is_ascii() => Step::Separator,
        Some(_) if c.is_ascii_punctuation() && c != '_' => Step::Separator,
        _ => Step::Other,
    }
}

/// [`step_of`] every character of a 128-character block from `start`.
const fn step_table(start: u32) -> [Step; 128] {
    let mut table = [Step::Other; 128];
    let mut i = 0;
    while i < 128 {
        if let Some(c) = char::from_u32(start + i as u32) {
            table[i] = step_of(c);
        }
        i += 1;
    }
    table
}

const ASCII_STEPS: [Step; 128] = step_table(0);
const DEVANAGARI_STEPS: [Step; 128] = step_table(0x900);

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

/// `char::is_alphanumeric`, with Devanagari looked up in a bit mask built
/// from the general tables once: those tables are a binary search, and
/// Hindi text asks about every character.
pub fn is_alphanumeric(c: char) -> bool {
    static DEVANAGARI: std::sync::LazyLock<u128> = std::sync::LazyLock::new(|| {
        (0..128u32).filter(|i| char::from_u32(0x900 + i).is_some_and(char::is_alphanumeric)).fold(0, |m, i| m | 1 << i)
    });
    match u32::from(c) {
        0..=0x7f => c.is_ascii_alphanumeric(),
        n @ 0x900..=0x97f => *DEVANAGARI >> (n - 0x900) & 1 == 1,
        _ => c.is_alphanumeric(),
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
            Some((_, alnum)) if class == Extend => *alnum |= is_alphanumeric(c),
            _ => bases.push((class, is_alphanumeric(c))),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hindi_words_by_boundaries() {
        assert_eq!(word_count("नमस्ते दुनिया, कैसे हो?"), 4);
        assert_eq!(word_count("क्षत्रिय"), 1);
        assert_eq!(word_count("Hello, world. It's fine."), 4);
        assert_eq!(word_count("  two\twords\n"), 2);
        assert_eq!(word_count("— ... ।"), 0);
    }

    /// Every character the fast path classifies, plus a few it does not.
    fn alphabet() -> Vec<char> {
        let mut chars: Vec<char> = (0x900..0x980).filter_map(char::from_u32).collect();
        chars.extend("aZ09_:;,.'\"!(-#\u{200c}\u{200d}\u{301}é\u{b}\u{7f}—".chars());
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
            "a\u{200d}",
            "\u{200c}a",
            "a.\u{200c}",
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
                text.insert(at.min(text.len()), if at % 3 == 0 { '\n' } else { ' ' });
            }
            let text: String = text.into_iter().collect();
            proptest::prop_assert_eq!(word_count(&text), text.unicode_words().count(), "{:?}", text);
        }
    }
}
