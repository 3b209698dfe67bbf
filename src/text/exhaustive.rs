//! Test strings for the fast paths over "simple" text (ASCII, Devanagari
//! and a few punctuation marks), which must agree with the general code on
//! every such text: each character in contexts, every pair, and every
//! four-character string of a few representatives.

/// Every character a simple set could hold: ASCII, the Devanagari block
/// and the extras that `count::simple` takes.
pub(crate) fn candidates() -> impl Iterator<Item = char> {
    let extras = [0x200C, 0x200D, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20B9];
    (0..=0x7F).chain(0x900..=0x97F).chain(extras).filter_map(char::from_u32)
}

/// `check` of each character put in place of `{}` in each template.
pub(crate) fn in_templates(chars: &[char], templates: &[&str], check: impl Fn(&str)) {
    for c in chars {
        for t in templates {
            check(&t.replace("{}", &c.to_string()));
        }
    }
}

/// `check` of every two-character string of `chars`.
pub(crate) fn pairs(chars: &[char], check: impl Fn(&str)) {
    for &a in chars {
        for &b in chars {
            check(&format!("{a}{b}"));
        }
    }
}

/// `check` of every four-character string of `chars`.
pub(crate) fn fours(chars: &[char], check: impl Fn(&str)) {
    for &a in chars {
        for &b in chars {
            for &c in chars {
                for &d in chars {
                    check(&format!("{a}{b}{c}{d}"));
                }
            }
        }
    }
}
