//! Word boundaries of simple text (ASCII, Devanagari and a few punctuation
//! marks, as in `count::simple`) without unicode-segmentation's general
//! tables.
//!
//! The snippet cutter needs every word end of a head to pick a cut, and
//! every page's meta description is cut at one; the crate's segmenter
//! spent more time on that than everything else together. This is
//! a port of its forward `split_word_bounds` state machine, restricted to
//! the `Word_Break` values simple characters have (no Hebrew letters,
//! Katakana, regional indicators or emoji). Tests compare it with the crate
//! on every simple character and on random text; other text goes to the
//! crate itself.

#[cfg(test)]
mod tests;

use super::word_break::{category, devanagari_at, Cat};

/// [`category`] of ASCII (index 0–127) and of the Devanagari block
/// (128–255), the characters simple text is nearly all made of.
const TABLE: [Option<Cat>; 256] = {
    let mut table = [None; 256];
    let mut i = 0;
    while i < 256 {
        let cp = if i < 128 { i as u32 } else { 0x0900 + i as u32 - 128 };
        if let Some(c) = char::from_u32(cp) {
            table[i] = category(c);
        }
        i += 1;
    }
    table
};

/// The category of the character at `bytes[i]` and its length in bytes.
#[inline(always)]
fn category_at(text: &str, i: usize) -> Option<(Cat, usize)> {
    let bytes = text.as_bytes();
    match bytes[i] {
        b @ 0..=0x7F => Some((TABLE[usize::from(b)]?, 1)),
        _ => match devanagari_at(bytes, i) {
            Some(offset) => Some((TABLE[128 + offset]?, 3)),
            None => {
                let c = text[i..].chars().next()?;
                Some((category(c)?, c.len_utf8()))
            }
        },
    }
}

/// Where the crate's machine stands within one segment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Letter,
    Numeric,
    ExtendNumLet,
    Space,
    Zwj,
    /// Marks after a character that starts no word (WB4 at a segment start).
    Marks,
    /// A `MidLetter`-like character at this offset after letters: it stays
    /// in the word only if a letter follows (WB6, WB7).
    MidLetter(usize),
    /// The same after digits (WB11, WB12).
    MidNum(usize),
}

/// Ends of the word segments of `text` (what `split_word_bound_indices`
/// yields, as end offsets), if every character is simple.
pub(crate) fn word_ends(text: &str) -> Option<Vec<usize>> {
    let mut ends = Vec::with_capacity(text.len() / 2);
    let mut at = 0;
    while at < text.len() {
        at = segment_end(text, at)?;
        ends.push(at);
    }
    Some(ends)
}

/// End of the segment that starts at byte `from`: unicode-segmentation's
/// `UWordBounds::next`, state for state. `None` at a character that is not
/// simple.
fn segment_end(text: &str, from: usize) -> Option<usize> {
    // Whether the character at `at` is of one of `cats` (`None` if it is not simple).
    let next_is =
        |at: usize, cats: &[Cat]| -> Option<bool> { Some(at < text.len() && cats.contains(&category_at(text, at)?.0)) };
    let (mut state, mut take, mut skipped_marks) = (State::Start, true, false);
    let (mut idx, mut len, mut i) = (from, 0, from);
    while i < text.len() {
        let (cat, n) = category_at(text, i)?;
        (idx, len, i) = (i, n, i + n);
        // WB4: marks join whatever precedes them.
        if state != State::Start && matches!(cat, Cat::Extend | Cat::Zwj) {
            skipped_marks = true;
            continue;
        }
        state = match (state, cat) {
            (State::Start, Cat::Cr) => {
                if next_is(i, &[Cat::Lf])? {
                    (idx, len) = (i, 1);
                }
                break;
            }
            (State::Start, Cat::Lf | Cat::Newline) => break,
            (State::Start, Cat::Zwj) => State::Zwj,
            (State::Start, Cat::Space) => State::Space,
            (State::Start | State::Letter | State::Numeric | State::ExtendNumLet, Cat::Letter) => State::Letter,
            (State::Start | State::Letter | State::Numeric | State::ExtendNumLet, Cat::Numeric) => State::Numeric,
            (State::Start | State::Letter | State::Numeric | State::ExtendNumLet, Cat::ExtendNumLet) => {
                State::ExtendNumLet
            }
            (State::Start, _) if next_is(i, &[Cat::Extend, Cat::Zwj])? => State::Marks,
            (State::Start, _) => break,
            (State::Space, Cat::Space) if !skipped_marks => State::Space,
            (State::Letter, Cat::MidLetter | Cat::MidNumLet) => State::MidLetter(idx),
            (State::Numeric, Cat::MidNum | Cat::MidNumLet) => State::MidNum(idx),
            (State::MidLetter(_), Cat::Letter) => State::Letter,
            (State::MidNum(_), Cat::Numeric) => State::Numeric,
            (State::MidLetter(_) | State::MidNum(_), _) => break,
            _ => {
                take = false;
                break;
            }
        };
    }
    Some(match state {
        // The middle character found no letter or digit after it.
        State::MidLetter(at) | State::MidNum(at) => at,
        _ if take => idx + len,
        _ => idx,
    })
}
