//! Cutting text to fit a platform's limit without breaking what readers see.
//!
//! A cut never splits a grapheme cluster (a conjunct such as क्ष, a ZWJ
//! emoji, a flag) and never lands inside a link, because a half link is a
//! broken link. Whether a result fits is always decided by
//! [`Platform::fits_length`] on the final string, so platform quirks (X's
//! weight of 2 for "…", Bluesky's byte cap, Mastodon's composer) are
//! honoured without special cases here. Rules other than length (see
//! [`Platform::check`]) are the caller's.

mod measure;
mod points;
#[cfg(test)]
mod tests;

use super::count::{Platform, Size};
use measure::Ruler;
pub(crate) use points::Cuts;

/// Marks a cut. One code point everywhere, but weight 2 on X.
pub const ELLIPSIS: char = '…';

/// What follows a cut: the ellipsis, spaced off after a link, where a
/// glued ellipsis would read as part of its path.
const GLUE: &str = "…";
const LINK_GLUE: &str = " …";

/// Cut points tried past the binary-search frontier. Length is not strictly
/// monotone in the cut point (a Telegram `**` pair vanishes once closed, an
/// `@user@domain` mention shrinks once complete), so a few longer cuts get
/// a second chance.
const LOOKAHEAD: usize = 3;

/// Returns `text` unchanged if it fits, otherwise its longest prefix ending
/// at a word boundary (or, failing that, a grapheme boundary) plus "…",
/// so that the whole result fits `limit`. Returns just "…" (or "" if even
/// that is too long) when no prefix fits.
pub fn fit(platform: Platform, text: &str, limit: usize) -> String {
    fit_sized(platform, text, limit).0
}

/// [`fit`] with the size of its result.
fn fit_sized(platform: Platform, text: &str, limit: usize) -> (String, Size) {
    let size = platform.size(text);
    if platform.allows(size, limit) {
        return (text.to_string(), size);
    }
    let cuts = Cuts::new(text);
    let cut = cut_before(platform, &cuts, "", Ruler::new(platform, &cuts, "").as_ref(), limit);
    cut.unwrap_or_else(|| sized(platform, lone_ellipsis(platform, limit)))
}

/// Fits `head + tail` by cutting only `head`, keeping `tail` (say
/// "\n\nhttps://… #Tag1 #Tag2") intact. When the tail alone is too long, or
/// leaves no room for a single word of the head, trailing hashtags are
/// dropped from it one at a time, because the head and the link matter more.
pub fn fit_parts(platform: Platform, head: &str, tail: &str, limit: usize) -> String {
    fit_cuts(platform, &Cuts::new(head), tail, limit).0
}

/// [`fit_parts`] for a head whose cut points may already be known from
/// another platform, with the size of the result, which the caller would
/// otherwise count again.
pub(crate) fn fit_cuts(platform: Platform, head: &Cuts, tail: &str, limit: usize) -> (String, Size) {
    let mut tail = tail.to_string();
    loop {
        if let Some(fitted) = fit_with_tail(platform, head, &tail, limit) {
            return fitted;
        }
        match drop_last_hashtag(&tail) {
            Some(shorter) => tail = shorter,
            None => break,
        }
    }
    let bare_tail = tail.trim_start();
    if !bare_tail.is_empty() && platform.fits_length(bare_tail, limit) {
        return sized(platform, bare_tail.to_string());
    }
    fit_sized(platform, &format!("{}{tail}", head.text()), limit)
}

/// `head + tail` if it fits, else the longest cut of `head` before `tail`.
/// `None` if `tail` is too long or leaves no room for a grapheme of `head`.
///
/// A head is scanned for a [`Ruler`] only once a platform has to cut it;
/// other platforms with that head then learn from the ruler that the whole
/// is too long without counting it. A text is taken only once counted whole.
fn fit_with_tail(platform: Platform, head: &Cuts, tail: &str, limit: usize) -> Option<(String, Size)> {
    let known = if head.is_measured() { Ruler::new(platform, head, tail) } else { None };
    if known.as_ref().is_none_or(|r| platform.allows(r.whole(), limit)) {
        let whole = sized(platform, [head.text(), tail].concat());
        if platform.allows(whole.1, limit) {
            return Some(whole);
        }
    }
    let ruler = known.or_else(|| Ruler::new(platform, head, tail));
    let tail_fits = match &ruler {
        Some(ruler) => platform.allows(ruler.suffix(), limit),
        None => platform.fits_length(tail, limit),
    };
    tail_fits.then(|| cut_before(platform, head, tail, ruler.as_ref(), limit)).flatten()
}

fn sized(platform: Platform, text: String) -> (String, Size) {
    let size = platform.size(&text);
    (text, size)
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

/// Longest `prefix + "…" + suffix` that fits, with its size: word
/// boundaries first, then grapheme boundaries. `None` when not even one
/// grapheme fits.
///
/// A [`Ruler`] measures the candidates when it can; the cut it picks is
/// the one counting each candidate whole would pick, and it is counted
/// whole before it is returned. Should that count disagree, the search is
/// simply run again the slow way.
fn cut_before(
    platform: Platform,
    cuts: &Cuts,
    suffix: &str,
    ruler: Option<&Ruler>,
    limit: usize,
) -> Option<(String, Size)> {
    let glue = |head: &str| if cuts.ends_link(head.len()) { LINK_GLUE } else { GLUE };
    let candidate = |end: usize| {
        let head = cuts.trimmed(end);
        [head, glue(head), suffix].concat()
    };
    if let Some(ruler) = ruler {
        let ok = |end: usize| {
            let head = cuts.trimmed(end);
            platform.allows(ruler.size(head.len(), glue(head)), limit)
        };
        let (text, size) = sized(platform, candidate(longest_cut(cuts, ok)?));
        if platform.allows(size, limit) {
            return Some((text, size));
        }
    }
    longest_cut(cuts, |end| platform.fits_length(&candidate(end), limit)).map(|end| sized(platform, candidate(end)))
}

/// The longest cut for which `ok` holds, at a word boundary if any works.
fn longest_cut(cuts: &Cuts, ok: impl Fn(usize) -> bool) -> Option<usize> {
    // Prefixes of only punctuation/space trim to nothing; skip them so the
    // search sees "fits … fits, too long … too long".
    let first = cuts.first_solid_end();
    let usable = |points: &[usize]| points.partition_point(|&p| p < first);
    let words = cuts.words();
    largest(&words[usable(words)..], &ok).or_else(|| {
        let graphemes = cuts.graphemes(false);
        largest(&graphemes[usable(&graphemes)..], &ok)
    })
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
        .or_else(|| largest(cuts.words(), ok))
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
