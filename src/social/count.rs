//! Text length exactly as each social platform counts it.
//!
//! Platforms disagree on what a "character" is: X weighs code points and
//! shortens links, Bluesky counts grapheme clusters, Threads charges emoji by
//! their UTF-8 size, Telegram ignores formatting markers. A post that is one
//! unit too long is rejected outright, so each rule is cited next to its code.
//! Every count runs on NFC text: composing `e` + U+0301 into `é` is what the
//! platforms' own clients do before measuring.

mod emoji;
mod mastodon;
mod simple;
mod telegram;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod twitter_text;
mod url;
mod verdict;

pub use emoji::is_emoji_cluster;
pub use telegram::strip_telegram_markup;
pub use url::find_urls;
use verdict::X_INVALID;
pub use verdict::{count_hashtags, keep_hashtags, Unfit};

pub(crate) use simple::{Measured, Prefixes};

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// Length charged for every link: X wraps links in t.co and twitter-text v3
/// counts `transformedURLLength` = 23; Mastodon's `StatusLengthValidator`
/// swaps each link for a 23-character placeholder.
pub const URL_LENGTH: usize = 23;

/// Bluesky's `app.bsky.feed.post` lexicon caps `text` at 3000 UTF-8 bytes
/// (`maxLength`) on top of 300 graphemes (`maxGraphemes`).
pub const BLUESKY_MAX_BYTES: usize = 3000;

/// A platform a snippet can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// X (Twitter): weighted code points, links count 23.
    X,
    /// Bluesky: grapheme clusters, plus a 3000-byte cap.
    Bluesky,
    /// Mastodon: graphemes on the server, code points in the web composer.
    Mastodon,
    /// Threads: code points, emoji by their UTF-8 size.
    Threads,
    /// LinkedIn posts: code points.
    Linkedin,
    /// Facebook posts: code points.
    Facebook,
    /// Instagram captions: code points.
    Instagram,
    /// WhatsApp messages: code points.
    Whatsapp,
    /// Telegram messages: code points after formatting markers.
    Telegram,
    /// Telegram media captions (1024).
    TelegramCaption,
    /// Pinterest pin descriptions: code points.
    Pinterest,
}

impl Platform {
    /// Every platform, in the order outputs list them.
    pub const ALL: [Platform; 11] = [
        Platform::X,
        Platform::Bluesky,
        Platform::Mastodon,
        Platform::Threads,
        Platform::Linkedin,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Whatsapp,
        Platform::Telegram,
        Platform::TelegramCaption,
        Platform::Pinterest,
    ];

    /// The snake_case name used in config files (same as serde's).
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Bluesky => "bluesky",
            Platform::Mastodon => "mastodon",
            Platform::Threads => "threads",
            Platform::Linkedin => "linkedin",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Whatsapp => "whatsapp",
            Platform::Telegram => "telegram",
            Platform::TelegramCaption => "telegram_caption",
            Platform::Pinterest => "pinterest",
        }
    }

    /// Parses a name case-insensitively (`-` may stand for `_`, and
    /// "twitter" is accepted for X). The error lists every valid name so a
    /// typo in a config file can be fixed without reading the source.
    pub fn parse(s: &str) -> Result<Platform, String> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        let key = if key == "twitter" { "x".to_string() } else { key };
        Platform::ALL.into_iter().find(|p| p.name() == key).ok_or_else(|| {
            let names: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
            format!("unknown platform {s:?}; expected one of: {}", names.join(", "))
        })
    }

    /// The platform's own post (or caption) limit, in its own unit.
    pub fn default_limit(self) -> usize {
        match self {
            // twitter-text v3 config: maxWeightedTweetLength 280.
            Platform::X => 280,
            // app.bsky.feed.post lexicon: maxGraphemes 300.
            Platform::Bluesky => 300,
            // Mastodon StatusLengthValidator::MAX_CHARS (instances may raise it).
            Platform::Mastodon => 500,
            Platform::Threads => 500,
            Platform::Linkedin => 3000,
            Platform::Facebook => 63206,
            // Instagram caption limit.
            Platform::Instagram => 2200,
            Platform::Whatsapp => 4096,
            // Bot API: sendMessage text 1-4096, captions 0-1024 characters.
            Platform::Telegram => 4096,
            Platform::TelegramCaption => 1024,
            // Pinterest pin description.
            Platform::Pinterest => 500,
        }
    }

    /// Length of `text` in this platform's unit.
    pub fn count(self, text: &str) -> usize {
        match simple::size(self, text) {
            Some(size) => size.count,
            None => self.count_nfc(&nfc(text)),
        }
    }

    /// Whether `text` can be posted within `limit`: its length fits (see
    /// [`Self::fits_length`]) and the platform takes it otherwise too (see
    /// [`Self::check`], which says why not).
    pub fn fits(self, text: &str, limit: usize) -> bool {
        self.check(text, limit).is_ok()
    }

    /// Whether the length of `text` fits `limit`. Stricter than
    /// `count(text) <= limit` where a platform has a second constraint:
    /// Bluesky's 3000-byte cap, and Mastodon's web composer, which counts
    /// code points and refuses to submit what the server would accept.
    pub fn fits_length(self, text: &str, limit: usize) -> bool {
        self.allows(self.size(text), limit)
    }

    /// Both measures of `text` at once, so that a caller needing the length
    /// and the verdict counts the text only once.
    pub(crate) fn size(self, text: &str) -> Size {
        simple::size(self, text).unwrap_or_else(|| self.size_nfc(&nfc(text), text.len()))
    }

    /// Whether this platform pairs up markup in `text` across the whole
    /// text (Telegram), so that its size is not a sum over pieces.
    pub(crate) fn pairs_markup(self, text: &str) -> bool {
        simple::has_markup(self, text)
    }

    /// [`Self::size`] if `text` is simple (see [`simple`]) and its size is
    /// the sum of its pieces' (so not for Telegram markup), else `None`.
    /// See [`Prefixes::before`] for what such sizes allow.
    pub(crate) fn additive_size(self, text: &str) -> Option<Size> {
        simple::additive_size(self, text)
    }

    /// Whether a text of `size` can be posted within `limit` ([`Self::fits`]).
    pub(crate) fn allows(self, size: Size, limit: usize) -> bool {
        size.count <= limit
            && match self {
                Platform::Bluesky => size.extra <= BLUESKY_MAX_BYTES,
                Platform::Mastodon => size.extra <= limit,
                _ => true,
            }
    }

    /// Length of text already in NFC: the definition of every platform's
    /// count, which the fast path in [`simple`] must agree with.
    fn count_nfc(self, nfc: &str) -> usize {
        match self {
            Platform::X => x_weighted_length(nfc),
            // Bluesky counts extended grapheme clusters (UAX #29 as of
            // Unicode 15.1, so an Indic conjunct like क्ष is one).
            Platform::Bluesky => nfc.graphemes(true).count(),
            // Mastodon's server: `countable_text(...).each_grapheme_cluster.size`.
            Platform::Mastodon => mastodon::countable(nfc, false).graphemes(true).count(),
            Platform::Threads => threads_length(nfc),
            // Telegram counts Unicode scalar values after entity parsing; a
            // live probe of 4096 astral emoji was accepted, so not UTF-16 units.
            Platform::Telegram | Platform::TelegramCaption => telegram::stripped_length(nfc),
            // LinkedIn, Facebook, Instagram, WhatsApp, Pinterest: code points.
            _ => nfc.chars().count(),
        }
    }

    /// Size of NFC text whose original was `bytes` long (Bluesky's cap is
    /// on the text as sent).
    fn size_nfc(self, nfc: &str, bytes: usize) -> Size {
        let extra = match self {
            Platform::Bluesky => bytes,
            Platform::Mastodon => mastodon::countable(nfc, true).chars().count(),
            _ => 0,
        };
        Size { count: self.count_nfc(nfc), extra }
    }
}

/// A text's length as one platform counts it ([`Size::count`]) with the
/// second measure the platform limits too ([`Size::extra`]): UTF-8 bytes
/// on Bluesky, the web composer's count on Mastodon, else zero.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Size {
    /// What [`Platform::count`] returns.
    pub(crate) count: usize,
    /// Bluesky bytes or Mastodon composer length.
    pub(crate) extra: usize,
}

impl std::ops::Add for Size {
    type Output = Size;

    fn add(self, other: Size) -> Size {
        Size { count: self.count + other.count, extra: self.extra + other.extra }
    }
}

impl std::ops::AddAssign for Size {
    fn add_assign(&mut self, other: Size) {
        *self = *self + other;
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Platform {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Platform::parse(s)
    }
}

/// twitter-text v3 weighted length (config `v3`: scale 100, default weight
/// 200, `emojiParsingEnabled`). Links weigh 23, emoji sequences 2, and every
/// other code point 1 or 2 depending on its range.
fn x_weighted_length(nfc: &str) -> usize {
    let mut total = 0;
    let mut pos = 0;
    for url in find_urls(nfc, false) {
        total += x_plain_weight(&nfc[pos..url.start]) + URL_LENGTH;
        pos = url.end;
    }
    total + x_plain_weight(&nfc[pos..])
}

fn x_plain_weight(s: &str) -> usize {
    s.graphemes(true).map(|g| if is_emoji_cluster(g) { 2 } else { g.chars().map(x_char_weight).sum() }).sum()
}

/// twitter-text v3 `ranges` with weight 100 (one unit): Latin through
/// Georgian, general punctuation spaces/dashes/quotes and primes. Everything
/// else — CJK, "…" U+2026, "•" U+2022 — has the default weight 200.
const fn x_char_weight(c: char) -> usize {
    match c as u32 {
        0x0000..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// Threads counts code points, except that an emoji costs its UTF-8 byte
/// length (👍 = 4, 👍🏽 = 8, a ZWJ family far more).
fn threads_length(nfc: &str) -> usize {
    nfc.graphemes(true).map(|g| if is_emoji_cluster(g) { g.len() } else { g.chars().count() }).sum()
}

/// Length as Mastodon's web composer shows it: links and remote mentions
/// shortened by the composer's own `countableText`, then code points
/// counted, which is more than graphemes for Indic text (क्ष is 1 grapheme
/// but 3 code points).
pub fn mastodon_composer_count(text: &str) -> usize {
    Platform::Mastodon.size(text).extra
}

/// Byte offsets where the grapheme clusters of `text` start.
pub(crate) fn grapheme_starts(text: &str) -> Vec<usize> {
    simple::cluster_starts(text).unwrap_or_else(|| text.grapheme_indices(true).map(|(i, _)| i).collect())
}

/// `text` in NFC. Almost every text already is, and the quick check
/// spares counting (called for every cut a snippet tries) an allocation.
fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Per-platform limits: each platform's `default_limit` unless overridden,
/// e.g. for a Mastodon instance that allows 1000 characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Limits {
    overrides: BTreeMap<Platform, usize>,
}

impl Limits {
    /// No overrides: every platform at its default limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the limit for one platform; returns `self` so calls can chain.
    pub fn with_override(&mut self, platform: Platform, limit: usize) -> &mut Self {
        self.overrides.insert(platform, limit);
        self
    }

    /// The limit in force for `platform`.
    pub fn get(&self, platform: Platform) -> usize {
        self.overrides.get(&platform).copied().unwrap_or_else(|| platform.default_limit())
    }

    /// Every platform with its limit in force, in `Platform::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Platform, usize)> + '_ {
        Platform::ALL.into_iter().map(|p| (p, self.get(p)))
    }
}
