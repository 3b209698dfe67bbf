//! Whether a platform takes a text at all, and if not, why.
//!
//! Length is not the only rule: X refuses an empty post and a few
//! characters whatever the length, and Instagram refuses a caption with
//! more hashtags than it allows. A writer told only "does not fit" would
//! shorten a text that is short already, so every refusal says why.

use std::fmt;

use super::{find_urls, Platform, Size};
use crate::social::hashtag::is_hashtag_char;

/// Characters twitter-text refuses anywhere in a post (`invalidCharsGroup`:
/// U+FFFE, U+FEFF, U+FFFF); a post holding one is invalid whatever its
/// length.
pub(super) const X_INVALID: [char; 3] = ['\u{FFFE}', '\u{FEFF}', '\u{FFFF}'];

/// Why a platform would refuse a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// Over the limit in the platform's unit (on Bluesky, or over its
    /// 3000 bytes; on Mastodon, or over the web composer's count).
    TooLong {
        /// The text's length as the platform counts it.
        length: usize,
        /// The limit in force.
        limit: usize,
    },
    /// Nothing to post: twitter-text's `parseTweet` is valid only when
    /// 0 < weighted length.
    Empty,
    /// A character the platform refuses ([`X_INVALID`]).
    Refused(char),
    /// More hashtags than the platform allows in one post.
    TooManyHashtags {
        /// Hashtags in the text.
        found: usize,
        /// The platform's maximum.
        max: usize,
    },
}

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unfit::TooLong { .. } => f.write_str("too long"),
            Unfit::Empty => f.write_str("empty: a post needs at least one character"),
            Unfit::Refused(c) => write!(f, "holds U+{:04X}, a character X refuses", u32::from(*c)),
            Unfit::TooManyHashtags { found, max } => write!(f, "too many hashtags: {found} of at most {max}"),
        }
    }
}

impl Platform {
    /// Most hashtags one post may carry, where the platform refuses more.
    /// Instagram allows 5 a post since December 2025. (Threads links only
    /// one topic tag a post, but leaves further `#words` as plain text
    /// rather than refusing the post.)
    pub fn max_hashtags(self) -> Option<usize> {
        match self {
            Platform::Instagram => Some(5),
            _ => None,
        }
    }

    /// Whether the platform takes `text` within `limit`, and if not, why.
    pub fn check(self, text: &str, limit: usize) -> Result<(), Unfit> {
        self.check_sized(text, self.size(text), limit)
    }

    /// [`Self::check`] for a text whose [`Self::size`] is known.
    pub(crate) fn check_sized(self, text: &str, size: Size, limit: usize) -> Result<(), Unfit> {
        if self == Platform::X {
            if let Some(c) = text.chars().find(|c| X_INVALID.contains(c)) {
                return Err(Unfit::Refused(c));
            }
            if size.count == 0 {
                return Err(Unfit::Empty);
            }
        }
        if !self.allows(size, limit) {
            return Err(Unfit::TooLong { length: size.count, limit });
        }
        match self.max_hashtags() {
            Some(max) if count_hashtags(text) > max => Err(Unfit::TooManyHashtags { found: count_hashtags(text), max }),
            _ => Ok(()),
        }
    }
}

/// Hashtags in `text`: a `#` (or full-width `＃`) not inside a link and
/// not right after a word character, followed by word characters of which
/// at least one is not a digit (`#1` is not a hashtag).
pub fn count_hashtags(text: &str) -> usize {
    hashtag_signs(text).len()
}

/// `text` with at most `max` hashtags: the sign of each further one is
/// dropped, so its word stays, as plain text.
pub fn keep_hashtags(text: &str, max: usize) -> String {
    let mut out = text.to_string();
    for at in hashtag_signs(text).into_iter().skip(max).rev() {
        out.remove(at);
    }
    out
}

/// Byte offsets of the signs of [`count_hashtags`]'s hashtags.
fn hashtag_signs(text: &str) -> Vec<usize> {
    if !text.contains(['#', '＃']) {
        return Vec::new();
    }
    let links = find_urls(text, false);
    let in_link = |i: usize| links.iter().any(|l| l.contains(&i));
    let is_tag = |i: usize, sign: &str| {
        let after_word = text[..i].chars().next_back().is_some_and(is_hashtag_char);
        let rest = &text[i + sign.len()..];
        let word = &rest[..rest.find(|c| !is_hashtag_char(c)).unwrap_or(rest.len())];
        !after_word && word.chars().any(|c| !c.is_numeric()) && !in_link(i)
    };
    text.match_indices(['#', '＃']).filter(|&(i, sign)| is_tag(i, sign)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_hashtags_as_platforms_link_them() {
        let cases = [
            ("", 0),
            ("#a #b #c", 3),
            ("#ऑनलाइनकमाई और #चैट_सपोर्ट", 2),
            ("＃全角 #x", 2),
            ("#1 #2024 #1st", 1),
            ("C# and a#b and ##x", 1),
            ("see https://example.com/#section and #tag", 1),
            ("# heading", 0),
        ];
        for (text, want) in cases {
            assert_eq!(count_hashtags(text), want, "{text:?}");
        }
    }

    #[test]
    fn says_why_a_platform_refuses_a_text() {
        use Platform::*;
        let six = "#a #b #c #d #e #f";
        let cases: &[(Platform, &str, usize, Result<(), Unfit>)] = &[
            (X, "", 280, Err(Unfit::Empty)),
            (X, "hi", 280, Ok(())),
            (X, "hi\u{FEFF}", 280, Err(Unfit::Refused('\u{FEFF}'))),
            (X, "\u{FFFE}", 280, Err(Unfit::Refused('\u{FFFE}'))),
            (X, "ab\u{FFFF}", 1, Err(Unfit::Refused('\u{FFFF}'))),
            (X, "abc", 2, Err(Unfit::TooLong { length: 3, limit: 2 })),
            (Bluesky, "", 300, Ok(())),
            (Bluesky, "hi\u{FEFF}", 300, Ok(())),
            (Instagram, six, 2200, Err(Unfit::TooManyHashtags { found: 6, max: 5 })),
            (Instagram, "#a #b #c #d #e", 2200, Ok(())),
            (Instagram, "#a #b #c #d #e #1", 2200, Ok(())),
            (Threads, six, 500, Ok(())),
        ];
        for (platform, text, limit, want) in cases {
            assert_eq!(platform.check(text, *limit), *want, "{platform} {text:?}");
            assert_eq!(platform.fits(text, *limit), want.is_ok(), "{platform} {text:?}");
        }
        let why = Unfit::TooManyHashtags { found: 6, max: 5 }.to_string();
        assert_eq!(why, "too many hashtags: 6 of at most 5");
    }

    #[test]
    fn keeps_the_first_hashtags_and_the_words_of_the_rest() {
        let text = "#a b #c ＃d #1 https://e.com/#x #e #f";
        assert_eq!(keep_hashtags(text, 2), "#a b #c d #1 https://e.com/#x e f");
        assert_eq!(keep_hashtags(text, 5), text);
        assert_eq!(keep_hashtags(text, 0), "a b c d #1 https://e.com/#x e f");
    }
}
