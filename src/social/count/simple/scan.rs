//! The one pass over simple text: what each character is, where grapheme
//! clusters start, and what each whitespace-delimited piece adds up to.
//!
//! Every character is looked up once in a table built at compile time, and
//! the grapheme-cluster rules are a table of transitions, so the pass costs
//! a few instructions a character.

use super::table::{
    decode, Class, Info, Kind, State, ASCII, AT, CR, DEVANAGARI, DOT, KINDS, NUKTA, NUKTA_BASE, NUKTA_BASES, PLAIN,
    SPACE, STEP,
};
use crate::text::word_break::devanagari_at;

/// What one piece, or several, add up to before links and mentions.
/// `clusters` is only counted when the pass follows clusters.
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct Tally {
    pub(super) bytes: usize,
    pub(super) chars: usize,
    pub(super) clusters: usize,
    pub(super) x_weight: usize,
    /// A '.' before the piece's last character: it may hold a link (a host
    /// needs a label after its dot).
    pub(super) may_link: bool,
    /// An '@': it may hold a mention.
    pub(super) may_mention: bool,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.bytes += other.bytes;
        self.chars += other.chars;
        self.clusters += other.clusters;
        self.x_weight += other.x_weight;
        self.may_link |= other.may_link;
        self.may_mention |= other.may_mention;
    }
}

impl std::ops::SubAssign for Tally {
    /// Takes away the counts of a part, such as one piece of a whole.
    fn sub_assign(&mut self, part: Tally) {
        self.bytes -= part.bytes;
        self.chars -= part.chars;
        self.clusters -= part.clusters;
        self.x_weight -= part.x_weight;
    }
}

/// What a pass carries from character to character, and its counts.
struct Walk<const CLUSTERS: bool> {
    state: State,
    prev: Info,
    not_nfc: bool,
    tally: Tally,
}

impl<const CLUSTERS: bool> Walk<CLUSTERS> {
    fn new() -> Self {
        Walk { state: 0, prev: ASCII[0], not_nfc: false, tally: Tally::default() }
    }

    /// Takes in one character; tells whether it starts a grapheme cluster
    /// (if clusters are followed at all).
    #[inline(always)]
    fn char(&mut self, info: Info) -> bool {
        if info.ccc != 0 {
            let prev = self.prev;
            self.not_nfc |= prev.ccc > info.ccc || (info.flags & NUKTA != 0 && prev.flags & NUKTA_BASE != 0);
        }
        let mut starts = false;
        if CLUSTERS {
            (starts, self.state) = STEP[usize::from(self.state)][info.class as usize];
            self.tally.clusters += usize::from(starts);
        }
        self.tally.chars += 1;
        self.tally.x_weight += usize::from(info.x_weight);
        self.prev = info;
        starts
    }

    /// Takes in a run of ASCII characters: starters of X weight 1, each a
    /// grapheme cluster but the LF of CR LF.
    #[inline(always)]
    fn ascii(&mut self, run: &[u8]) {
        let Some(&last) = run.last() else { return };
        self.tally.chars += run.len();
        self.tally.x_weight += run.len();
        if CLUSTERS {
            let mut lfs_after_cr = usize::from(self.prev.flags & CR != 0 && run[0] == b'\n');
            if run.contains(&b'\r') {
                lfs_after_cr += run.windows(2).filter(|w| w == b"\r\n").count();
            }
            self.tally.clusters += run.len() - lfs_after_cr;
            self.state = STEP[0][ASCII[usize::from(last)].class as usize].1;
        }
        self.prev = ASCII[usize::from(last)];
    }

    /// Without clusters: takes in the characters from `bytes[i]` on that are
    /// ASCII or Devanagari and that NFC cannot change, and returns where
    /// they end. Each only adds 1 to the counts (all weigh 1 on X). A mark
    /// after a mark, a nukta after न, र or ळ, and any other character are
    /// left to [`Self::char`].
    #[inline(always)]
    fn quiet_run(&mut self, bytes: &[u8], mut i: usize) -> usize {
        let (mut chars, mut last) = (0, 0);
        let (mut after_mark, mut after_base) = (self.prev.ccc != 0, self.prev.flags & NUKTA_BASE != 0);
        while let Some(&b) = bytes.get(i) {
            let width = if b < 0x80 {
                (after_mark, after_base) = (false, false);
                1
            } else {
                let Some(offset) = devanagari_at(bytes, i) else { break };
                match KINDS[offset] {
                    Kind::Quiet => (after_mark, after_base) = (false, NUKTA_BASES[offset]),
                    Kind::Mark if !after_mark => (after_mark, after_base) = (true, false),
                    Kind::Nukta if !after_mark && !after_base => (after_mark, after_base) = (true, false),
                    _ => break,
                }
                3
            };
            (chars, last, i) = (chars + 1, i, i + width);
        }
        if chars > 0 {
            self.tally.chars += chars;
            self.tally.x_weight += chars;
            self.prev = match devanagari_at(bytes, last) {
                Some(offset) => DEVANAGARI[offset].expect("a quiet character is simple"),
                None => ASCII[usize::from(bytes[last])],
            };
        }
        i
    }

    /// The counts, if the text was in NFC.
    fn finish(self) -> Option<Tally> {
        (!self.not_nfc).then_some(self.tally)
    }
}

/// What the whole of `text` adds up to (with clusters if `CLUSTERS`), or
/// `None` if the text is not simple: the pass without pieces, for sizes
/// that are a sum over characters.
pub(super) fn totals<const CLUSTERS: bool>(text: &str) -> Option<Tally> {
    let bytes = text.as_bytes();
    let mut walk = Walk::<CLUSTERS>::new();
    if text.is_ascii() {
        walk.ascii(bytes);
        return Some(Tally { bytes: bytes.len(), ..walk.tally });
    }
    let mut i = 0;
    while i < bytes.len() {
        if !CLUSTERS {
            i = walk.quiet_run(bytes, i);
            if i < bytes.len() {
                walk.char(decode(bytes, i)?);
                i += 3;
            }
        } else if bytes[i] < 0x80 {
            let run = bytes[i..].iter().take_while(|&&b| b < 0x80).count();
            walk.ascii(&bytes[i..i + run]);
            i += run;
        } else {
            walk.char(decode(bytes, i)?);
            i += 3;
        }
    }
    Some(Tally { bytes: bytes.len(), ..walk.finish()? })
}

/// Walks simple `text` once, splitting it before every whitespace
/// character (but not inside CR LF): calls `each(start, piece, tally)` for
/// the pieces in order and `cluster(at)` where each grapheme cluster
/// starts. `None` once a character shows that the text is not simple or
/// not in NFC (marks out of canonical order, or a nukta after न, र or ळ,
/// which compose).
pub(super) fn scan(text: &str, mut each: impl FnMut(usize, &str, Tally), mut cluster: impl FnMut(usize)) -> Option<()> {
    if text.is_ascii() {
        scan_ascii(text, each, cluster);
        return Some(());
    }
    let bytes = text.as_bytes();
    let mut walk = Walk::<true>::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let plain = |b: u8| b < 0x80 && ASCII[usize::from(b)].flags & PLAIN != 0;
        if plain(b) {
            // Printable ASCII: each a cluster of X weight 1, no NFC concern.
            let run = bytes[i..].iter().take_while(|&&b| plain(b)).count();
            (i..i + run).for_each(&mut cluster);
            walk.tally.may_link |= walk.prev.flags & DOT != 0;
            walk.tally.chars += run;
            walk.tally.clusters += run;
            walk.tally.x_weight += run;
            (walk.state, walk.prev) = (STEP[0][Class::Base as usize].1, ASCII[usize::from(b)]);
            i += run;
            continue;
        }
        let (info, len) = if b < 0x80 { (ASCII[usize::from(b)], 1) } else { (decode(bytes, i)?, 3) };
        if info.flags & SPACE != 0 && i > start && !(b == b'\n' && walk.prev.flags & CR != 0) {
            let tally = std::mem::take(&mut walk.tally);
            each(start, &text[start..i], Tally { bytes: i - start, ..tally });
            start = i;
        }
        walk.tally.may_link |= walk.prev.flags & DOT != 0 && i > start;
        walk.tally.may_mention |= info.flags & AT != 0;
        if walk.char(info) {
            cluster(i);
        }
        i += len;
    }
    let tally = walk.finish()?;
    if !text.is_empty() {
        each(start, &text[start..], Tally { bytes: text.len() - start, ..tally });
    }
    Some(())
}

/// [`scan`] for ASCII text, which is all simple and left alone by NFC: every
/// character is a cluster (but the LF of CR LF) of X weight 1.
fn scan_ascii(text: &str, mut each: impl FnMut(usize, &str, Tally), mut cluster: impl FnMut(usize)) {
    let bytes = text.as_bytes();
    let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut start = 0;
    while start < bytes.len() {
        let after_cr = |i: usize| bytes[i] == b'\n' && bytes[i - 1] == b'\r';
        let end = (start + 1..bytes.len()).find(|&i| is_space(bytes[i]) && !after_cr(i)).unwrap_or(bytes.len());
        let piece = &bytes[start..end];
        let mut clusters = 0;
        for at in start..end {
            if at == 0 || !after_cr(at) {
                cluster(at);
                clusters += 1;
            }
        }
        let dots = piece[..piece.len() - 1].contains(&b'.');
        let (chars, may_mention) = (piece.len(), piece.contains(&b'@'));
        let tally = Tally { bytes: chars, chars, clusters, x_weight: chars, may_link: dots, may_mention };
        each(start, &text[start..end], tally);
        start = end;
    }
}
