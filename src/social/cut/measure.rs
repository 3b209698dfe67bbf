//! Measuring candidate cuts without counting each one whole.
//!
//! A cut's candidate is `head[..end] + gap + "…" + suffix`, and the search
//! tries a dozen or so of them per snippet, after asking whether the whole
//! `head + suffix` fits. A [`Ruler`] counts the head
//! once, keeping the size of every prefix that ends before whitespace; a
//! candidate then costs only the few characters between the last such
//! whitespace and the cut, plus the suffix up to its first whitespace.
//! Sizes add up at whitespace for simple text ([`Prefixes::before`]),
//! so the sum is exact, and the chosen cut is counted whole all the same.

use std::cell::Cell;

use super::points::Cuts;
use crate::social::count::{Platform, Prefixes, Size};

/// Sizes of `head[..end] + glue + suffix` for any `end` and short `glue`.
pub(super) struct Ruler<'a> {
    platform: Platform,
    head: &'a str,
    /// Sizes of `head` up to its pieces.
    prefixes: Prefixes<'a>,
    /// `suffix` up to its first whitespace, counted with each candidate.
    lead: &'a str,
    /// Size of the rest of `suffix`.
    rest: Size,
    /// Room for the text counted with each candidate, kept between calls.
    middle: Cell<String>,
}

impl<'a> Ruler<'a> {
    /// `None` when sizes do not add up for these texts (they are not
    /// simple, or hold Telegram markup); texts are then counted whole.
    pub(super) fn new<'h: 'a>(platform: Platform, head: &'a Cuts<'h>, suffix: &'a str) -> Option<Self> {
        if platform.pairs_markup(head.text()) {
            return None;
        }
        let (lead, rest) = suffix.split_at(suffix.find(char::is_whitespace).unwrap_or(suffix.len()));
        // Both simple and free of markup, so every text measured is too.
        platform.additive_size(lead)?;
        let rest = platform.additive_size(rest)?;
        let prefixes = head.measured()?.prefixes(platform)?;
        Some(Ruler { platform, head: head.text(), prefixes, lead, rest, middle: Cell::default() })
    }

    /// Size of `head[..end] + glue + suffix`: the head up to its last
    /// whitespace before `end` from the table, the rest counted now.
    pub(super) fn size(&self, end: usize, glue: &str) -> Size {
        let (start, before) = self.prefixes.before(end);
        let mut middle = self.middle.take();
        middle.clear();
        middle.push_str(&self.head[start..end]);
        middle.push_str(glue);
        middle.push_str(self.lead);
        let size = before + self.platform.size(&middle) + self.rest;
        self.middle.set(middle);
        size
    }

    /// Size of `head + suffix`.
    pub(super) fn whole(&self) -> Size {
        self.size(self.head.len(), "")
    }

    /// Size of `suffix` alone.
    pub(super) fn suffix(&self) -> Size {
        self.platform.size(self.lead) + self.rest
    }
}
