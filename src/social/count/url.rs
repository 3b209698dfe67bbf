//! Link detection shared by the X and Mastodon counters and by the cutter.
//!
//! The rules follow twitter-text's extractor (`extractUrlsWithIndices` and
//! its `validUrl` regex family), which Mastodon's server also uses with
//! `extract_url_without_protocol: false`. Implemented as a small hand-written
//! scanner instead of a regex because only std and the allowed crates may
//! be used.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;

/// Generic and sponsored TLDs we recognise. twitter-text ships the full IANA
/// list; this is the commonly used subset. A missing TLD only makes a bare
/// link count at its literal length.
const GENERIC_TLDS: &str = "academy aero agency ai app art asia bank bar bargains beer bike bio biz \
    blog book bot build business buzz cafe cam camp capital care careers cash cat center chat \
    city click cloud club co codes college com community company consulting coop courses cyou \
    dance dating deals design dev diet digital directory dog download earth eco education email \
    energy engineering enterprises estate events exchange expert express family fans farm \
    fashion film finance fish fit fitness foo foundation free fun fund gallery game games garden \
    gay gift gifts global gmbh gold golf google gov graphics green group guide guru health help \
    host hosting house icu inc info ink institute int international jobs kim land law lgbt life \
    link live llc lol love ltd market marketing media meme menu mil mobi moe money movie museum \
    music name navy net network news ngo ninja nyc one online ooo org page partners photo \
    photography photos pics pink pizza place plus press pro pub quest racing radio recipes red \
    rest review reviews rocks run sale school science services sexy shop show site ski social \
    software solutions space store stream studio style support systems tax team tech technology \
    tel tips today tools top tours town toys trade training travel tube university uno vip \
    vision watch web website wiki win work works world wtf xxx xyz yoga zone";

/// Country-code TLDs delegated in the DNS root zone (ISO 3166-1 alpha-2
/// plus ac, eu, su, uk).
const COUNTRY_TLDS: &str = "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg \
    bh bi bj bm bn bo br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy \
    cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn \
    gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh \
    ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp \
    mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm \
    pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv \
    sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn \
    vu wf ws ye yt za zm zw";

/// Country-code TLDs in other scripts, as the DNS root zone delegates
/// them (India's in each of its scripts, and others'), and the generic
/// ones in Devanagari. All in NFC, as counted text is.
const IDN_TLDS: &str = "한국 香港 澳門 新加坡 台灣 台湾 中國 中国 გე ລາວ ไทย ලංකා ഭാരതം ಭಾರತ భారత్ \
    சிங்கப்பூர் இலங்கை இந்தியா ଭାରତ ભારત ਭਾਰਤ ভাৰত ভারত বাংলা भारोत भारतम् भारत ڀارت پاکستان \
    موريتانيا مليسيا مصر قطر فلسطين عمان عراق سورية سودان تونس بھارت بارت ایران امارات المغرب \
    السعودية الجزائر البحرين الاردن հայ қаз укр срб рф мон мкд ею бел бг ευ ελ संगठन नेट कॉम";

/// The longest label a host may have (RFC 1035, section 2.3.4), counted
/// in its ASCII (Punycode) form as twitter-text's `idna.toAscii` counts
/// it: a longer one makes the whole candidate "not a link".
const MAX_LABEL: usize = 63;

/// Byte ranges of every link in `text`, in order and non-overlapping.
///
/// With `require_scheme` only `http://` / `https://` links count (Mastodon);
/// otherwise bare domains such as `example.com/blog` do too (X). A link must
/// start at a word boundary and end before trailing punctuation.
pub fn find_urls(text: &str, require_scheme: bool) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    // No link holds whitespace, so the text is searched one run of
    // non-whitespace at a time. Every link has a dot followed by a label in
    // its host (a known TLD is required), so only runs with a dot before
    // another character are searched, rather than trying each letter of
    // every word, which made counting quadratic in word length.
    let mut searched = 0;
    for (dot, _) in text.match_indices('.') {
        let ends_run = text[dot + 1..].chars().next().is_none_or(char::is_whitespace);
        if dot < searched || ends_run {
            continue;
        }
        let before = text[..dot].char_indices().rev().find(|&(_, c)| c.is_whitespace());
        let (start, end) = (before.map_or(0, |(i, c)| i + c.len_utf8()), run_end(text, dot));
        find_in_run(text, start..end, require_scheme, &mut found);
        searched = end;
    }
    found
}

/// Where the first whitespace character at or after `from` starts, or
/// `text.len()`. Whitespace is ASCII or starts with byte C2, E1, E2 or E3
/// (U+0085 … U+3000), which no other character's bytes hold, so only
/// those few are decoded.
fn run_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let is_space = |i: usize| match bytes[i] {
        b'\t'..=b'\r' | b' ' => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..].chars().next().is_some_and(char::is_whitespace),
        _ => false,
    };
    (from..bytes.len()).find(|&i| is_space(i)).unwrap_or(bytes.len())
}

/// Links in `text[run]`, tried at every letter or digit that is not
/// already inside a link and does not follow an ASCII letter or digit
/// (where [`url_at`] would refuse at once).
fn find_in_run(text: &str, run: Range<usize>, require_scheme: bool, found: &mut Vec<Range<usize>>) {
    let mut after_alnum = text[..run.start].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric());
    let mut link_end = run.start;
    for (i, c) in text[run.clone()].char_indices() {
        let pos = run.start + i;
        if pos >= link_end && c.is_alphanumeric() && !after_alnum {
            if let Some(end) = url_at(text, pos, require_scheme) {
                found.push(pos..end);
                link_end = end;
            }
        }
        after_alnum = c.is_ascii_alphanumeric();
    }
}

/// End of a link starting exactly at `start`, if there is one.
fn url_at(text: &str, start: usize, require_scheme: bool) -> Option<usize> {
    let before = text[..start].chars().next_back();
    // twitter-text `validUrlPrecedingChars`: not after ASCII alnum, @, $, #
    // (and their full-width forms) or a character X refuses
    // ([`X_INVALID`](super::X_INVALID)). Directional marks may precede a
    // link: its conformance case "Tweet text containing directional
    // characters should be considered valid" counts `\u{2066}\u{202A}http://…`
    // as two marks and a link.
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '@' | '＠' | '$' | '#' | '＃') || super::X_INVALID.contains(&c)
    }) {
        return None;
    }
    let scheme = scheme_len(&text[start..]);
    // `invalidUrlWithoutProtocolPrecedingChars`: a bare domain may not follow - _ . /
    let bare_blocked = before.is_some_and(|c| matches!(c, '-' | '_' | '.' | '/'));
    if scheme == 0 && (require_scheme || bare_blocked) {
        return None;
    }
    let host = parse_host(text, start + scheme, scheme > 0)?;
    let after_port = skip_port(text, host.end);
    let end = parse_path(text, after_port);
    // `invalidShortDomain`: a bare `name.cc` (ccTLD, no subdomain, no path)
    // is not linked, except the special short domains on .co and .tv.
    let tld = &text[host.tld];
    let special = tld.eq_ignore_ascii_case("co") || tld.eq_ignore_ascii_case("tv");
    let short = host.labels == 2 && tld.len() == 2 && !special;
    if scheme == 0 && end == after_port && short {
        return None;
    }
    Some(end)
}

fn scheme_len(s: &str) -> usize {
    ["https://", "http://"]
        .iter()
        .find(|p| s.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
        .map_or(0, |p| p.len())
}

struct Host {
    end: usize,
    labels: usize,
    tld: Range<usize>,
}

/// Domain labels joined by dots; the last must be a known TLD, as twitter-text's
/// `validDomain` requires even after a scheme. Bare domains are ASCII only.
fn parse_host(text: &str, start: usize, unicode: bool) -> Option<Host> {
    let is_label = |c: char| {
        c.is_ascii_alphanumeric()
            || c == '-'
            || c == '_'
            || (unicode && !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)))
    };
    let (mut pos, mut labels, mut last) = (start, 0, start..start);
    loop {
        let len = text[pos..].find(|c| !is_label(c)).unwrap_or(text.len() - pos);
        if len == 0 {
            break;
        }
        labels += 1;
        last = pos..pos + len;
        pos += len;
        let rest = &text[pos..];
        // A dot continues the host only when another label follows it, so
        // the full stop in "see example.com." stays outside the link.
        if !(rest.starts_with('.') && rest[1..].chars().next().is_some_and(is_label)) {
            break;
        }
        pos += 1;
    }
    // A domain directly followed by '@' is the local part of an e-mail address.
    if labels < 2 || !is_known_tld(&text[last.clone()]) || text[last.end..].starts_with('@') {
        return None;
    }
    if text[start..last.end].split('.').any(|label| dns_length(label) > MAX_LABEL) {
        return None;
    }
    Some(Host { end: last.end, labels, tld: last })
}

/// Length of `label` as DNS carries it: as is if ASCII, else its IDNA
/// A-label (`xn--` and the Punycode of its characters, RFC 3492).
fn dns_length(label: &str) -> usize {
    if label.is_ascii() {
        return label.len();
    }
    // Encoding fails only past what no label can hold.
    idna::punycode::encode_str(label).map_or(usize::MAX, |code| "xn--".len() + code.len())
}

/// Whether `label`, in any case, is a listed TLD (or an IDNA A-label,
/// which the lists cannot spell out).
fn is_known_tld(label: &str) -> bool {
    static KNOWN: OnceLock<HashSet<&str>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let ascii = COUNTRY_TLDS.split_ascii_whitespace().chain(GENERIC_TLDS.split_ascii_whitespace());
        ascii.chain(IDN_TLDS.split_ascii_whitespace()).collect()
    });
    if !label.is_ascii() {
        return known.contains(label.to_lowercase().as_str());
    }
    let bytes = label.as_bytes();
    if bytes.len() >= 4 && bytes[..4].eq_ignore_ascii_case(b"xn--") {
        return true;
    }
    // Every listed TLD is shorter, so a longer label need not be lowercased.
    let mut lower = [0; 16];
    let Some(lower) = lower.get_mut(..bytes.len()) else {
        return false;
    };
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(|tld| known.contains(tld))
}

fn skip_port(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    let Some(digits) = rest.strip_prefix(':') else {
        return pos;
    };
    match digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len()) {
        0 => pos,
        n => pos + 1 + n,
    }
}

/// Characters allowed in a path or query: twitter-text's
/// `validGeneralUrlPathChars` (ASCII set plus Latin accents and Cyrillic).
fn is_path_char(c: char) -> bool {
    let ascii = c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '}');
    let accented = matches!(u32::from(c), 0xC0..=0x24F | 0x400..=0x4FF) && c.is_alphanumeric();
    ascii || accented
}

/// End of the path/query after a host. Like twitter-text's
/// `validUrlPathEndingChars`, a link never ends in `. , ; : ! ? ' " *`, and a
/// closing parenthesis is kept only when it balances one inside the path
/// (Wikipedia's `/Rust_(programming_language)`).
fn parse_path(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    if !rest.starts_with(['/', '?', '#']) {
        return start;
    }
    let mut path = &rest[..rest.find(|c| !is_path_char(c)).unwrap_or(rest.len())];
    while let Some(c) = path.chars().next_back() {
        let keep = match c {
            ')' => path.matches('(').count() >= path.matches(')').count(),
            '/' | '=' | '_' | '#' | '+' | '-' | '&' => true,
            _ => c.is_alphanumeric(),
        };
        if keep {
            break;
        }
        path = &path[..path.len() - c.len_utf8()];
    }
    start + path.len()
}

#[cfg(test)]
mod tests;
