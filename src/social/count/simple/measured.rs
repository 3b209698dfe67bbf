//! A simple text measured once, for several platforms and many cuts.
//!
//! The cutter asks, for a dozen or so prefixes of a head on each of several
//! platforms, how long the text before the prefix's last whitespace is. One
//! pass keeps running totals of the pieces' tallies; a piece's size is a
//! linear function of its tally except where a link or a mention shortens
//! it, so each platform only has to measure those few pieces.

use super::scan::{scan, Tally};
use super::{has_markup, shortened_size, shortens, tally_size};
use crate::social::count::{Platform, Size};

/// A simple text scanned once for any number of platforms and cuts.
pub struct Measured<'a> {
    text: &'a str,
    /// Where every piece starts, then the end of the text.
    starts: Vec<usize>,
    /// What the pieces before each start add up to.
    before: Vec<Tally>,
    /// The pieces that may hold a link or a mention: index and tally.
    flagged: Vec<(usize, Tally)>,
    /// Where every grapheme cluster starts, then the end of the text.
    boundaries: Vec<usize>,
}

impl<'a> Measured<'a> {
    /// `None` if `text` is not simple.
    pub fn new(text: &'a str) -> Option<Self> {
        let (mut starts, mut before, mut flagged) =
            (Vec::with_capacity(text.len() / 4), Vec::with_capacity(text.len() / 4), vec![]);
        before.push(Tally::default());
        let mut boundaries = Vec::with_capacity(text.len() + 1);
        let piece = |start, _: &str, tally: Tally| {
            if tally.may_link || tally.may_mention {
                flagged.push((starts.len(), tally));
            }
            starts.push(start);
            let mut sum = before[before.len() - 1];
            sum += tally;
            before.push(sum);
        };
        scan(text, piece, |at| boundaries.push(at))?;
        starts.push(text.len());
        boundaries.push(text.len());
        Some(Measured { text, starts, before, flagged, boundaries })
    }

    /// The measure of `text`, made of `before`, the measure of its first
    /// lines (ending with a line feed), and `tail`, that of the rest,
    /// which must not start with whitespace. Clusters cannot span the line
    /// break, and the piece that starts at the line feed runs on into
    /// `tail`'s first piece. `None` if either part was not simple.
    pub(crate) fn after_line(text: &'a str, before: &Measured, tail: &Measured) -> Option<Self> {
        let at = before.text.len();
        if !(text.len() == at + tail.text.len() && before.text.ends_with('\n'))
            || tail.text.starts_with(char::is_whitespace)
        {
            return None;
        }
        let pieces = before.starts.len() - 1;
        let total = before.before[pieces];
        let shifted = |offsets: &[usize]| offsets.iter().map(|&o| o + at).collect::<Vec<_>>();
        let mut starts = before.starts[..pieces].to_vec();
        starts.extend(shifted(&tail.starts[1..]));
        let mut sums = before.before[..pieces].to_vec();
        sums.extend(tail.before[1..].iter().map(|&sum| {
            let mut sum = sum;
            sum += total;
            sum
        }));
        // The line feed's piece holds only the line feed (or CR LF), so it is
        // flagged exactly when `tail`'s first piece is.
        let mut flagged = before.flagged.clone();
        for &(k, tally) in &tail.flagged {
            let mut tally = tally;
            if k == 0 {
                let mut line_feed = total;
                line_feed -= before.before[pieces - 1];
                tally += line_feed;
            }
            flagged.push((k + pieces - 1, tally));
        }
        let mut boundaries = before.boundaries[..before.boundaries.len() - 1].to_vec();
        boundaries.extend(shifted(&tail.boundaries));
        Some(Measured { text, starts, before: sums, flagged, boundaries })
    }

    /// Where the text's grapheme clusters start, then its end.
    pub(crate) fn boundaries(&self) -> &[usize] {
        &self.boundaries
    }

    /// Where the text's pieces start (whitespace, and 0), then its end.
    #[cfg(test)]
    pub(super) fn piece_starts(&self) -> &[usize] {
        &self.starts
    }

    /// Sizes of the text's prefixes on `platform`, unless its size there is
    /// not a sum over pieces (Telegram markup).
    pub(crate) fn prefixes(&self, platform: Platform) -> Option<Prefixes<'_>> {
        if has_markup(platform, self.text) {
            return None;
        }
        let (mut removed, mut added, mut shortened) = (Tally::default(), Size::default(), vec![]);
        for &(k, tally) in self.flagged.iter().filter(|(_, tally)| shortens(platform, tally)) {
            removed += tally;
            added += shortened_size(platform, &self.text[self.starts[k]..self.starts[k + 1]], &tally);
            shortened.push((k, removed, added));
        }
        Some(Prefixes { measured: self, platform, shortened })
    }
}

/// Sizes on one platform of the prefixes of a [`Measured`] text that end
/// where a piece starts.
pub(crate) struct Prefixes<'m> {
    measured: &'m Measured<'m>,
    platform: Platform,
    /// For every piece that shortens, in order: its index, and what the
    /// shortening pieces up to it add up to before and after shortening.
    shortened: Vec<(usize, Tally, Size)>,
}

impl Prefixes<'_> {
    /// The last start of a piece before `end` (or 0) and the size of the
    /// text before it. For any simple `rest` that starts with whitespace,
    /// `size(text[..start] + rest)` is that size plus `size(rest)`: no link,
    /// mention or grapheme cluster spans whitespace, and NFC composes
    /// nothing across it.
    pub(crate) fn before(&self, end: usize) -> (usize, Size) {
        let measured = self.measured;
        let k = measured.starts.partition_point(|&start| start < end).saturating_sub(1);
        let mut plain = measured.before[k];
        let mut size = Size::default();
        let earlier = self.shortened.partition_point(|&(i, _, _)| i < k);
        if let Some(&(_, removed, added)) = earlier.checked_sub(1).map(|j| &self.shortened[j]) {
            plain -= removed;
            size = added;
        }
        (measured.starts[k], tally_size(self.platform, &plain) + size)
    }
}
