//! UAX #29 `Word_Break` values of the characters samvad's fast paths
//! handle (ASCII, the Devanagari block, ZWNJ/ZWJ and a few punctuation
//! marks), and the byte-level reading of Devanagari those paths share.
//! The word count (`text::word_count`) and the snippet cutter's word
//! segmenter (`text::word_bounds`) both classify from here; each is tested
//! against unicode-segmentation on every character it accepts.

/// `Word_Break` of a simple character. `"` behaves as `Other` and `'` as
/// `MidNumLet` when no Hebrew letter is around.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cat {
    Other,
    Letter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    ExtendNumLet,
    Space,
    Cr,
    Lf,
    Newline,
    Extend,
    Zwj,
}

/// The category of `c`, or `None` if it is not simple.
pub(crate) const fn category(c: char) -> Option<Cat> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{904}'..='\u{939}' | '\u{93D}' | '\u{950}' | '\u{960}' | '\u{961}' => Cat::Letter,
        '\u{971}'..='\u{97F}' => Cat::Letter,
        '0'..='9' | '\u{966}'..='\u{96F}' => Cat::Numeric,
        ':' => Cat::MidLetter,
        ',' | ';' => Cat::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => Cat::MidNumLet,
        '_' => Cat::ExtendNumLet,
        ' ' => Cat::Space,
        '\r' => Cat::Cr,
        '\n' => Cat::Lf,
        '\u{B}' | '\u{C}' => Cat::Newline,
        '\u{900}'..='\u{903}' | '\u{93A}'..='\u{93C}' | '\u{93E}'..='\u{94F}' | '\u{951}'..='\u{957}' => Cat::Extend,
        '\u{962}' | '\u{963}' | '\u{200C}' => Cat::Extend,
        '\u{200D}' => Cat::Zwj,
        '\0'..='\u{7F}' | '\u{964}' | '\u{965}' | '\u{970}' => Cat::Other,
        '\u{2013}' | '\u{2014}' | '\u{201C}' | '\u{201D}' | '\u{2022}' | '\u{2026}' | '\u{20B9}' => Cat::Other,
        _ => return None,
    })
}

/// The offset in the Devanagari block (U+0900–U+097F) of the character at
/// `bytes[i]`, if it is one: UTF-8 `E0 A4 xx` or `E0 A5 xx`.
#[inline(always)]
pub(crate) fn devanagari_at(bytes: &[u8], i: usize) -> Option<usize> {
    let (lead, b1, b2) = (*bytes.get(i)?, *bytes.get(i + 1)?, *bytes.get(i + 2)?);
    (lead == 0xE0 && b1 & 0xFE == 0xA4).then(|| (usize::from(b1 & 1) << 6) | usize::from(b2 & 0x3F))
}
