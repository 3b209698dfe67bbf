//! The cutter as it was before cuts were measured with a ruler and cut
//! points found by our own segmenters (commit 48d8aea), kept to check that
//! the output has not changed. Only its imports differ.

#![allow(dead_code)]

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::social::count::{find_urls, Platform};

/// Marks a cut. One code point everywhere, but weight 2 on X.
pub const ELLIPSIS: char = '…';

/// Cut points tried past the binary-search frontier. Length is not strictly
/// monotone in the cut point (a Telegram `**` pair vanishes once closed, an
/// `@user@domain` mention shrinks once complete), so a few longer cuts get
/// a second chance.
const LOOKAHEAD: usize = 3;

/// Characters trimmed from the end of a cut before the ellipsis, so that
/// "word, …" or "(…" never appear. Closing brackets stay: they belong to
/// the text before them.
const SOFT_END: &str = ",.;:!?-–—…·•/\\([{<\"'“‘«‹„।॥、。，：；&=";

/// Signs that open something (hashtag, mention, Markdown span) and are
/// trimmed only when dangling before a cut word; after a word they close a
/// span (`**bold**`) or belong to it (`C#`) and must stay.
const OPENERS: &str = "#@*_~|`";

/// Returns `text` unchanged if it fits, otherwise its longest prefix ending
/// at a word boundary (or, failing that, a grapheme boundary) plus "…",
/// so that the whole result fits `limit`. Returns just "…" (or "" if even
/// that is too long) when no prefix fits.
pub fn fit(platform: Platform, text: &str, limit: usize) -> String {
    if platform.fits_length(text, limit) {
        return text.to_string();
    }
    cut_before(platform, text, "", limit).unwrap_or_else(|| lone_ellipsis(platform, limit))
}

/// Fits `head + tail` by cutting only `head`, keeping `tail` (say
/// "\n\nhttps://… #Tag1 #Tag2") intact. When the tail alone is too long, or
/// leaves no room for a single word of the head, trailing hashtags are
/// dropped from it one at a time, because the head and the link matter more.
pub fn fit_parts(platform: Platform, head: &str, tail: &str, limit: usize) -> String {
    let mut tail = tail.to_string();
    loop {
        let whole = format!("{head}{tail}");
        if platform.fits_length(&whole, limit) {
            return whole;
        }
        if platform.fits_length(&tail, limit) {
            if let Some(cut) = cut_before(platform, head, &tail, limit) {
                return cut;
            }
        }
        match drop_last_hashtag(&tail) {
            Some(shorter) => tail = shorter,
            None => break,
        }
    }
    let bare_tail = tail.trim_start();
    if !bare_tail.is_empty() && platform.fits_length(bare_tail, limit) {
        return bare_tail.to_string();
    }
    fit(platform, &format!("{head}{tail}"), limit)
}

/// Splits `text` into numbered posts "1/3 …", each fitting `limit` as the
/// platform counts it. Posts break at sentence ends where possible, then at
/// word boundaries, then at grapheme boundaries. Text that already fits is
/// returned as one unnumbered post; if the limit cannot even hold a label
/// and one character, the single [`fit`] result is returned.
pub fn thread(platform: Platform, text: &str, limit: usize) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    if platform.fits_length(text, limit) {
        return vec![text.to_string()];
    }
    // The label width depends on the post count, which depends on the label
    // width: reserve `digits` digits for the total and widen until it is
    // enough, starting from what the plain length suggests.
    let estimate = platform.count(text) / limit.max(1) + 1;
    for digits in estimate.ilog10() + 1..=6 {
        let Some(posts) = split_posts(platform, text, limit, digits) else {
            break;
        };
        let total = posts.len();
        if total < 10usize.pow(digits) {
            return posts.into_iter().enumerate().map(|(i, post)| format!("{}/{total} {post}", i + 1)).collect();
        }
    }
    vec![fit(platform, text, limit)]
}

fn lone_ellipsis(platform: Platform, limit: usize) -> String {
    let ellipsis = ELLIPSIS.to_string();
    if platform.fits_length(&ellipsis, limit) {
        ellipsis
    } else {
        String::new()
    }
}

/// Longest `prefix + "…" + suffix` that fits: word boundaries first, then
/// grapheme boundaries. `None` when not even one grapheme fits.
fn cut_before(platform: Platform, text: &str, suffix: &str, limit: usize) -> Option<String> {
    let cuts = Cuts::new(text);
    let candidate = |end: usize| {
        let head = cuts.trimmed(end);
        // An ellipsis glued to a link would read as part of its path.
        let gap = if cuts.ends_link(head.len()) { " " } else { "" };
        format!("{head}{gap}{ELLIPSIS}{suffix}")
    };
    let ok = |end: usize| platform.fits_length(&candidate(end), limit);
    // Prefixes of only punctuation/space trim to nothing; skip them so the
    // search sees "fits … fits, too long … too long".
    let first = cuts.first_solid_end();
    let usable = |points: Vec<usize>| points.into_iter().filter(|&p| p >= first).collect::<Vec<_>>();
    largest(&usable(cuts.words()), ok).or_else(|| largest(&usable(cuts.graphemes(false)), ok)).map(candidate)
}

/// Posts for one label width, or `None` when a post cannot hold even one
/// grapheme. Stops early once the count outgrows `digits`.
fn split_posts(platform: Platform, text: &str, limit: usize, digits: u32) -> Option<Vec<String>> {
    let widest_total = "9".repeat(digits as usize);
    let mut rest = text;
    let mut posts = Vec::new();
    while !rest.is_empty() && posts.len() < 10usize.pow(digits) {
        let label = format!("{}/{widest_total} ", posts.len() + 1);
        let end = next_post_end(platform, rest, &label, limit)?;
        posts.push(rest[..end].trim_end().to_string());
        rest = rest[end..].trim_start();
    }
    Some(posts)
}

/// Where the post starting `rest` ends: the longest fitting sentence run,
/// else word run, else grapheme run (inside a link only as a last resort,
/// since losing text is worse than splitting a link across posts).
fn next_post_end(platform: Platform, rest: &str, label: &str, limit: usize) -> Option<usize> {
    let window = post_window(platform, rest, label, limit);
    let ok = |end: usize| {
        let body = window[..end].trim_end();
        !body.is_empty() && platform.fits_length(&format!("{label}{body}"), limit)
    };
    if window.len() == rest.len() && ok(rest.len()) {
        return Some(rest.len());
    }
    let cuts = Cuts::new(window);
    largest(&cuts.sentences(), ok)
        .or_else(|| largest(&cuts.words(), ok))
        .or_else(|| largest(&cuts.graphemes(false), ok))
        .or_else(|| largest(&cuts.graphemes(true), ok))
}

/// The part of `rest` that can possibly go into the next post, so threading
/// a long article does not re-segment the whole remainder for every post.
/// It ends before whitespace, where no link or word can be cut off.
fn post_window<'a>(platform: Platform, rest: &'a str, label: &str, limit: usize) -> &'a str {
    let mut bytes = limit.saturating_mul(8).max(256);
    while bytes < rest.len() {
        while !rest.is_char_boundary(bytes) {
            bytes += 1;
        }
        let end = rest[bytes..].find(char::is_whitespace).map_or(rest.len(), |i| bytes + i);
        if !platform.fits_length(&format!("{label}{}", &rest[..end]), limit) {
            return &rest[..end];
        }
        bytes = bytes.saturating_mul(2);
    }
    rest
}

/// Largest point for which `ok` holds, assuming `ok` is true up to some
/// point and false after it; see [`LOOKAHEAD`] for when it is not.
fn largest(points: &[usize], ok: impl Fn(usize) -> bool) -> Option<usize> {
    let (mut lo, mut hi, mut best) = (0, points.len(), None);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if ok(points[mid]) {
            best = Some(mid);
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let from = best.map_or(0, |b| b + 1);
    let to = (from + LOOKAHEAD).min(points.len());
    (from..to).rev().find(|&i| ok(points[i])).or(best).map(|i| points[i])
}

/// Removes the last whitespace-separated word of `tail` if it is a hashtag.
fn drop_last_hashtag(tail: &str) -> Option<String> {
    let trimmed = tail.trim_end();
    let start = trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[start..];
    let is_tag = word.starts_with(['#', '＃']) && word.chars().count() > 1;
    is_tag.then(|| trimmed[..start].trim_end().to_string())
}

/// The places a text may be cut, computed once per text.
struct Cuts<'a> {
    text: &'a str,
    boundaries: Vec<usize>,
    urls: Vec<Range<usize>>,
}

impl<'a> Cuts<'a> {
    fn new(text: &'a str) -> Self {
        let mut boundaries: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
        boundaries.push(text.len());
        // Bare domains included: a link is never cut, whatever the platform.
        Cuts { text, boundaries, urls: find_urls(text, false) }
    }

    /// Non-empty prefix end on a grapheme boundary, outside every link.
    fn allowed(&self, p: usize) -> bool {
        p > 0 && self.boundaries.binary_search(&p).is_ok() && !self.urls.iter().any(|u| u.start < p && p < u.end)
    }

    fn words(&self) -> Vec<usize> {
        let ends = self.text.split_word_bound_indices().map(|(i, w)| i + w.len());
        ends.filter(|&p| self.allowed(p)).collect()
    }

    fn sentences(&self) -> Vec<usize> {
        let ends = self.text.split_sentence_bound_indices().map(|(i, s)| i + s.len());
        ends.filter(|&p| self.allowed(p)).collect()
    }

    fn graphemes(&self, inside_links: bool) -> Vec<usize> {
        let ends = self.boundaries.iter().copied();
        ends.filter(|&p| p > 0 && (inside_links || self.allowed(p))).collect()
    }

    fn ends_link(&self, p: usize) -> bool {
        p > 0 && self.urls.iter().any(|u| u.end == p)
    }

    /// `text[..end]` without trailing whitespace and punctuation, whole
    /// grapheme clusters at a time and never eating into a link.
    fn trimmed(&self, end: usize) -> &'a str {
        let floor = self.urls.iter().map(|u| u.end).filter(|&e| e <= end).max().unwrap_or(0);
        let mut cut = end;
        for (i, g) in self.text[..end].grapheme_indices(true).rev() {
            if i < floor || !is_soft(g, &self.text[..i]) {
                break;
            }
            cut = i;
        }
        &self.text[..cut]
    }

    /// End of the first grapheme that trimming would keep.
    fn first_solid_end(&self) -> usize {
        let mut solid = self
            .text
            .grapheme_indices(true)
            .filter(|&(i, g)| !is_soft(g, &self.text[..i]) || self.urls.iter().any(|u| u.start <= i && i < u.end));
        solid.next().map_or(usize::MAX, |(i, g)| i + g.len())
    }
}

/// Whether cluster `g`, preceded by `before`, is trimmed from a cut's end.
fn is_soft(g: &str, before: &str) -> bool {
    let run_start = before.trim_end_matches(|c| OPENERS.contains(c));
    let dangling = run_start.chars().next_back().is_none_or(|c| c.is_whitespace() || SOFT_END.contains(c));
    g.chars().all(|c| c.is_whitespace() || SOFT_END.contains(c) || (dangling && OPENERS.contains(c)))
}
