//! What the one pass knows of each simple character, built at compile
//! time: its grapheme-cluster class, combining class, X weight and a few
//! flags, and the grapheme-cluster rules as a table of transitions.

use super::super::x_char_weight;
use crate::text::word_break::devanagari_at;

/// How a simple character takes part in grapheme clusters: its
/// `Grapheme_Cluster_Break` and `Indic_Conjunct_Break` values as
/// unicode-segmentation has them (the tests compare every character).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Class {
    /// Starts a cluster: letters, digits, punctuation, space.
    Base,
    /// Starts a cluster unless a virama links it to the consonant before.
    Consonant,
    /// Joins the cluster before it (Extend, SpacingMark) and ends a conjunct.
    Mark,
    /// Joins the cluster before it and keeps a conjunct open (InCB=Extend).
    ConjunctMark,
    /// The virama, which links two consonants into one cluster (InCB=Linker).
    Virama,
    /// A cluster of its own (Control).
    Control,
    /// Carriage return, a cluster of its own unless LF follows.
    Cr,
    /// Line feed, a cluster of its own, or the end of CR LF.
    Lf,
}

/// The class of `c`, or `None` outside the simple set.
pub(super) const fn class(c: char) -> Option<Class> {
    Some(match c as u32 {
        cp @ 0x0900..=0x097F => return devanagari(cp),
        0x0D => Class::Cr,
        0x0A => Class::Lf,
        0x00..=0x1F | 0x7F => Class::Control,
        0x20..=0x7E | 0x2013 | 0x2014 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2022 | 0x2026 | 0x20B9 => Class::Base,
        0x200C => Class::Mark,
        0x200D => Class::ConjunctMark,
        _ => return None,
    })
}

const fn devanagari(cp: u32) -> Option<Class> {
    Some(match cp {
        // क़ … य़ are composition exclusions: NFC decomposes them.
        0x0958..=0x095F => return None,
        0x0915..=0x0939 | 0x0978..=0x097F => Class::Consonant,
        0x0900..=0x0902 | 0x093A | 0x093C | 0x0941..=0x0948 | 0x0951..=0x0957 | 0x0962 | 0x0963 => Class::ConjunctMark,
        0x0903 | 0x093B | 0x093E..=0x0940 | 0x0949..=0x094C | 0x094E | 0x094F => Class::Mark,
        0x094D => Class::Virama,
        _ => Class::Base,
    })
}

/// Canonical combining class: zero for every simple character but these.
const fn combining_class(cp: u32) -> u8 {
    match cp {
        0x093C => 7,
        0x094D => 9,
        0x0952 => 220,
        0x0951 | 0x0953 | 0x0954 => 230,
        _ => 0,
    }
}

/// Bits of [`Info::flags`]: printable ASCII but space, '.' and '@', tallied
/// in runs; whitespace, where pieces start; '.' and '@', which may start a
/// link or a mention; CR; the nukta, and the consonants NFC composes it with.
pub(super) const PLAIN: u8 = 1;
pub(super) const SPACE: u8 = 2;
pub(super) const DOT: u8 = 4;
pub(super) const AT: u8 = 8;
pub(super) const CR: u8 = 16;
pub(super) const NUKTA: u8 = 32;
pub(super) const NUKTA_BASE: u8 = 64;

/// Everything the pass needs to know about one simple character.
#[derive(Clone, Copy)]
pub(super) struct Info {
    pub(super) class: Class,
    pub(super) ccc: u8,
    pub(super) x_weight: u8,
    pub(super) flags: u8,
}

/// `bit` if `set`, else no bit.
const fn flag(set: bool, bit: u8) -> u8 {
    bit * set as u8
}

const fn info(c: char) -> Option<Info> {
    let Some(class) = class(c) else {
        return None;
    };
    let flags = flag(matches!(c, '!'..='~') && c != '.' && c != '@', PLAIN)
        | flag(matches!(c, '\t'..='\r' | ' '), SPACE)
        | flag(c == '.', DOT)
        | flag(c == '@', AT)
        | flag(c == '\r', CR)
        | flag(c == '\u{093C}', NUKTA)
        | flag(matches!(c, 'न' | 'र' | 'ळ'), NUKTA_BASE);
    Some(Info { class, ccc: combining_class(c as u32), x_weight: x_char_weight(c) as u8, flags })
}

/// [`info`] of every ASCII character.
pub(super) const ASCII: [Info; 128] = {
    let mut table = [Info { class: Class::Base, ccc: 0, x_weight: 1, flags: 0 }; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match info(b as u8 as char) {
            Some(info) => info,
            None => panic!("ASCII is simple"),
        };
        b += 1;
    }
    table
};

/// [`info`] of every character of the Devanagari block (U+0900–U+097F).
pub(super) const DEVANAGARI: [Option<Info>; 128] = {
    let mut table = [None; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = match char::from_u32(0x0900 + i as u32) {
            Some(c) => info(c),
            None => None,
        };
        i += 1;
    }
    table
};

/// What the pass without clusters needs to know of a Devanagari character:
/// whether NFC could change it (a mark with a combining class, checked
/// against the character before, or the nukta, which also composes with
/// न, र and ळ), or it is not simple (or weighs more than 1 on X, which none
/// does) and needs the full look.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Quiet,
    Mark,
    Nukta,
    Loud,
}

/// न, र and ळ, by offset in the block.
pub(super) const NUKTA_BASES: [bool; 128] = {
    let mut table = [false; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = matches!(DEVANAGARI[i], Some(info) if info.flags & NUKTA_BASE != 0);
        i += 1;
    }
    table
};

pub(super) const KINDS: [Kind; 128] = {
    let mut table = [Kind::Loud; 128];
    let mut i = 0;
    while i < 128 {
        if let Some(info) = DEVANAGARI[i] {
            table[i] = match (info.x_weight, info.ccc, info.flags & NUKTA != 0) {
                (1, 0, _) => Kind::Quiet,
                (1, _, false) => Kind::Mark,
                (1, _, true) => Kind::Nukta,
                _ => Kind::Loud,
            };
        }
        i += 1;
    }
    table
};

/// The character that starts at `bytes[i]`, which is not ASCII. Simple
/// text is ASCII, Devanagari (`E0 A4 xx`, `E0 A5 xx`) and a few characters
/// encoded `E2 xx xx`, so every other character is three bytes long and
/// nothing else needs decoding.
#[inline(always)]
pub(super) fn decode(bytes: &[u8], i: usize) -> Option<Info> {
    match bytes[i] {
        0xE0 => DEVANAGARI[devanagari_at(bytes, i)?],
        0xE2 => {
            let cp = 0x2000 | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F);
            info(char::from_u32(cp)?)
        }
        _ => None,
    }
}

/// Cluster state between two characters, as `after * 3 + conjunct`: after
/// nothing (0), CR (1), another control (2) or anything else (3); no
/// conjunct (0), after a consonant (1), after consonant and virama (2).
pub(super) type State = u8;

/// Whether a cluster starts at a character of `class` in `state`, and the
/// state after it: UAX #29 rules GB3–GB5, GB9, GB9a, GB9c and GB999.
const fn step(state: State, class: Class) -> (bool, State) {
    let (after, conjunct) = (state / 3, state % 3);
    let starts = match (after, class) {
        (1, Class::Lf) => false,
        (0..=2, _) => true,
        (_, Class::Consonant) => conjunct != 2,
        (_, Class::Mark | Class::ConjunctMark | Class::Virama) => false,
        _ => true,
    };
    let conjunct = match class {
        Class::Consonant => 1,
        Class::Virama if conjunct != 0 => 2,
        Class::ConjunctMark => conjunct,
        _ => 0,
    };
    let after = match class {
        Class::Cr => 1,
        Class::Control | Class::Lf => 2,
        _ => 3,
    };
    (starts, after * 3 + conjunct)
}

/// [`step`] for every state and class.
pub(super) const STEP: [[(bool, State); 8]; 12] = {
    let classes = [
        Class::Base,
        Class::Consonant,
        Class::Mark,
        Class::ConjunctMark,
        Class::Virama,
        Class::Control,
        Class::Cr,
        Class::Lf,
    ];
    let mut table = [[(false, 0); 8]; 12];
    let mut state = 0;
    while state < 12 {
        let mut c = 0;
        while c < 8 {
            table[state][classes[c] as usize] = step(state as State, classes[c]);
            c += 1;
        }
        state += 1;
    }
    table
};
