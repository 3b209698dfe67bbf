//! Fast, exact counting of the text nearly every snippet is made of:
//! ASCII, Devanagari and a few common punctuation marks, already in NFC.
//!
//! Such "simple" text holds no emoji, and its grapheme clusters follow a
//! handful of UAX #29 rules (GB9c's Indic conjuncts among them) that a small
//! table covers, so every platform's count comes down to tallies one pass
//! takes: code points, clusters and X weights. Normalising it would change
//! nothing, which the same pass proves. Links and mentions are still found
//! by the general code, but only in the pieces that could hold one: the
//! text is split before every whitespace character, and sizes add up piece
//! by piece because no link, mention or grapheme cluster spans whitespace
//! and NFC composes nothing across it. Any other text gets `None`, and the
//! caller takes the general path.

mod measured;
mod scan;
mod table;
#[cfg(test)]
mod tests;

pub(crate) use measured::{Measured, Prefixes};

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{find_urls, mastodon, telegram, x_char_weight, Platform, Size, URL_LENGTH};
use scan::{scan, totals, Tally};

/// Whether links or mentions in a piece of this tally may shorten it on
/// `platform`, which then needs [`shortened_size`].
fn shortens(platform: Platform, tally: &Tally) -> bool {
    match platform {
        Platform::X => tally.may_link,
        Platform::Mastodon => tally.may_link || tally.may_mention,
        _ => false,
    }
}

/// Size of pieces from their tally alone, right for pieces that do not
/// [`shorten`](shortens). Linear, so it may be taken of summed tallies.
fn tally_size(platform: Platform, tally: &Tally) -> Size {
    let (count, extra) = match platform {
        Platform::X => (tally.x_weight, 0),
        Platform::Bluesky => (tally.clusters, tally.bytes),
        Platform::Mastodon => (tally.clusters, tally.chars),
        // Without emoji Threads counts code points too; Telegram gets here
        // only without markup.
        _ => (tally.chars, 0),
    };
    Size { count, extra }
}

/// Size of a piece whose links or mentions count differently from their text.
#[cold]
fn shortened_size(platform: Platform, piece: &str, tally: &Tally) -> Size {
    if platform == Platform::X {
        // Without emoji, X weighs every code point outside links.
        let urls = find_urls(piece, false);
        let in_urls: usize = urls.iter().flat_map(|u| piece[u.clone()].chars()).map(x_char_weight).sum();
        return Size { count: tally.x_weight - in_urls + URL_LENGTH * urls.len(), extra: 0 };
    }
    let urls = find_urls(piece, true);
    let server = mastodon::countable_with(piece, &urls, false);
    let clusters = cluster_starts(&server).map_or_else(|| server.graphemes(true).count(), |c| c.len());
    Size { count: clusters, extra: mastodon::countable_with(piece, &urls, true).chars().count() }
}

/// Telegram pairs markup across the whole text, so with markup its count
/// is not a sum over pieces.
pub(super) fn has_markup(platform: Platform, text: &str) -> bool {
    matches!(platform, Platform::Telegram | Platform::TelegramCaption) && telegram::has_markup(text)
}

/// Exact size of `text` on `platform` if the text is simple: what all its
/// characters add up to, except that the pieces which [`shorten`](shortens)
/// are measured one by one.
pub(super) fn size(platform: Platform, text: &str) -> Option<Size> {
    if has_markup(platform, text) {
        totals::<false>(text)?;
        return Some(Size { count: telegram::marked_length(text), extra: 0 });
    }
    let clusters = matches!(platform, Platform::Bluesky | Platform::Mastodon);
    let mut total = if clusters { totals::<true>(text)? } else { totals::<false>(text)? };
    let mut shortened = Size::default();
    for piece in may_shorten(platform, text) {
        let piece = &text[piece];
        let tally = piece_tally(piece);
        if shortens(platform, &tally) {
            // The total has clusters only where they were counted.
            total -= Tally { clusters: if clusters { tally.clusters } else { 0 }, ..tally };
            shortened += shortened_size(platform, piece, &tally);
        }
    }
    Some(tally_size(platform, &total) + shortened)
}

/// Tally of one piece of a simple text, clusters included. A piece starts
/// a cluster at its start whatever precedes it, so it can be scanned alone.
fn piece_tally(piece: &str) -> Tally {
    let mut tally = Tally::default();
    scan(piece, |_, _, part| tally += part, |_| {}).expect("a piece of simple text is simple");
    tally
}

/// The pieces of `text` that may [`shorten`](shortens) on `platform`:
/// those holding an '@' or a '.' before another character, in order.
fn may_shorten(platform: Platform, text: &str) -> Vec<Range<usize>> {
    if !matches!(platform, Platform::X | Platform::Mastodon) {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let dots = text.match_indices('.').map(|(i, _)| i);
    let mut marks: Vec<usize> = dots.filter(|&i| bytes.get(i + 1).is_some_and(|&n| !is_space(n))).collect();
    if platform == Platform::Mastodon {
        marks.extend(text.match_indices('@').map(|(i, _)| i));
        marks.sort_unstable();
    }
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for i in marks {
        if pieces.last().is_some_and(|p| i < p.end) {
            continue;
        }
        // The piece starts at the whitespace before (at CR for CR LF).
        let mut start = bytes[..i].iter().rposition(|&b| is_space(b)).unwrap_or(0);
        if start > 0 && bytes[start] == b'\n' && bytes[start - 1] == b'\r' {
            start -= 1;
        }
        let end = bytes[i..].iter().position(|&b| is_space(b)).map_or(bytes.len(), |n| i + n);
        pieces.push(start..end);
    }
    pieces
}

/// See [`Platform::additive_size`].
pub(super) fn additive_size(platform: Platform, text: &str) -> Option<Size> {
    if has_markup(platform, text) {
        return None;
    }
    size(platform, text)
}

/// Byte offsets where grapheme clusters start, if `text` is simple.
pub(super) fn cluster_starts(text: &str) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(text.len() / 2);
    scan(text, |_, _, _| {}, |at| starts.push(at))?;
    Some(starts)
}
