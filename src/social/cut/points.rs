//! Where a text may be cut: grapheme, word and sentence boundaries outside
//! links, and how much of a cut's end is trimmed before the "…".

use std::cell::OnceCell;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::social::count::{find_urls, grapheme_starts, Measured};
use crate::text::word_bounds::word_ends;

/// Characters trimmed from the end of a cut before the ellipsis, so that
/// "word, …" or "(…" never appear. Closing brackets stay: they belong to
/// the text before them.
pub(super) fn is_soft_end(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '-'
            | '–'
            | '—'
            | '…'
            | '·'
            | '•'
            | '/'
            | '\\'
            | '('
            | '['
            | '{'
            | '<'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '„'
            | '।'
            | '॥'
            | '、'
            | '。'
            | '，'
            | '：'
            | '；'
            | '&'
            | '='
    )
}

/// Signs that open something (hashtag, mention, Markdown span) and are
/// trimmed only when dangling before a cut word; after a word they close a
/// span (`**bold**`) or belong to it (`C#`) and must stay.
pub(super) fn is_opener(c: char) -> bool {
    matches!(c, '#' | '@' | '*' | '_' | '~' | '|' | '`')
}

/// The places a text may be cut. Each is found on first use and kept, so
/// that the platforms sharing a head (most share the post's hook) find
/// them once.
pub(crate) struct Cuts<'a> {
    text: &'a str,
    /// For a text that ends, after a line feed, with the text of another
    /// `Cuts`: the cut points of the lines before, and that other.
    split: Option<(Box<Cuts<'a>>, &'a Cuts<'a>)>,
    measured: OnceCell<Option<Measured<'a>>>,
    /// Start of every grapheme cluster, then `text.len()`, for text that
    /// is not simple (else [`Measured`] has them).
    boundaries: OnceCell<Vec<usize>>,
    urls: OnceCell<Vec<Range<usize>>>,
    words: OnceCell<Vec<usize>>,
}

impl<'a> Cuts<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let (measured, boundaries, urls, words) = (OnceCell::new(), OnceCell::new(), OnceCell::new(), OnceCell::new());
        Cuts { text, split: None, measured, boundaries, urls, words }
    }

    /// The cut points of `text`, which is some lines followed by `tail`'s
    /// text ("Title\n\nhook" after "hook"): found from those of the lines
    /// and `tail`'s own, since no rule for clusters, words, links or
    /// pieces looks across a line break. `None` if `text` is not so made.
    pub(crate) fn after_line(text: &'a str, tail: &'a Cuts<'a>) -> Option<Self> {
        let lines = text.strip_suffix(tail.text).filter(|lines| lines.ends_with('\n'))?;
        Some(Cuts { split: Some((Box::new(Cuts::new(lines)), tail)), ..Cuts::new(text) })
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// The text scanned for sizes on any platform, if it is simple.
    pub(super) fn measured(&self) -> Option<&Measured<'a>> {
        let measure = || match &self.split {
            Some((lines, tail)) => Measured::after_line(self.text, lines.measured()?, tail.measured()?)
                .or_else(|| Measured::new(self.text)),
            None => Measured::new(self.text),
        };
        self.measured.get_or_init(measure).as_ref()
    }

    /// Whether the text has been scanned for sizes: by a platform that cut
    /// it, or by [`Self::measure`].
    pub(super) fn is_measured(&self) -> bool {
        self.measured.get().is_some()
    }

    /// Scans the text for sizes now, for a head several platforms share:
    /// its ruler then tells each of them cheaply when the whole is too long.
    pub(crate) fn measure(&self) {
        self.measured();
    }

    pub(super) fn boundaries(&self) -> &[usize] {
        match self.measured() {
            Some(measured) => measured.boundaries(),
            None => self.boundaries.get_or_init(|| {
                let mut starts = grapheme_starts(self.text);
                starts.push(self.text.len());
                starts
            }),
        }
    }

    /// Links, bare domains included: a link is never cut, whatever the platform.
    pub(super) fn urls(&self) -> &[Range<usize>] {
        let find = || match &self.split {
            Some((lines, tail)) => {
                let at = lines.text.len();
                let shifted = tail.urls().iter().map(|u| u.start + at..u.end + at);
                lines.urls().iter().cloned().chain(shifted).collect()
            }
            None => find_urls(self.text, false),
        };
        self.urls.get_or_init(find)
    }

    /// Non-empty prefix end on a grapheme boundary, outside every link.
    fn allowed(&self, p: usize) -> bool {
        p > 0 && self.boundaries().binary_search(&p).is_ok() && !self.urls().iter().any(|u| u.start < p && p < u.end)
    }

    pub(super) fn words(&self) -> &[usize] {
        if let Some((lines, tail)) = &self.split {
            let at = lines.text.len();
            let ends = || lines.words().iter().copied().chain(tail.words().iter().map(|&p| p + at)).collect();
            return self.words.get_or_init(ends);
        }
        self.words.get_or_init(|| {
            let mut ends = word_ends(self.text)
                .unwrap_or_else(|| self.text.split_word_bound_indices().map(|(i, w)| i + w.len()).collect());
            // [`Self::allowed`], walking the sorted boundaries alongside.
            let (boundaries, urls, mut b) = (self.boundaries(), self.urls(), 0);
            ends.retain(|&p| {
                while boundaries.get(b).is_some_and(|&q| q < p) {
                    b += 1;
                }
                p > 0 && boundaries.get(b) == Some(&p) && !urls.iter().any(|u| u.start < p && p < u.end)
            });
            ends
        })
    }

    pub(super) fn sentences(&self) -> Vec<usize> {
        let ends = self.text.split_sentence_bound_indices().map(|(i, s)| i + s.len());
        ends.filter(|&p| self.allowed(p)).collect()
    }

    pub(super) fn graphemes(&self, inside_links: bool) -> Vec<usize> {
        let ends = self.boundaries().iter().copied();
        ends.filter(|&p| p > 0 && (inside_links || self.allowed(p))).collect()
    }

    pub(super) fn ends_link(&self, p: usize) -> bool {
        p > 0 && self.urls().iter().any(|u| u.end == p)
    }

    /// The grapheme clusters before boundary `end`, last first, as (start, cluster).
    fn clusters_before(&self, end: usize) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        let last = self.boundaries().partition_point(|&b| b < end);
        self.boundaries()[..=last].windows(2).rev().map(|w| (w[0], &self.text[w[0]..w[1]]))
    }

    /// `text[..end]` without trailing whitespace and punctuation, whole
    /// grapheme clusters at a time and never eating into a link. `end` is
    /// a grapheme boundary, as every cut point is.
    pub(super) fn trimmed(&self, end: usize) -> &'a str {
        let floor = self.urls().iter().map(|u| u.end).filter(|&e| e <= end).max().unwrap_or(0);
        let mut cut = end;
        for (i, g) in self.clusters_before(end) {
            if i < floor || !is_soft(g, &self.text[..i]) {
                break;
            }
            cut = i;
        }
        &self.text[..cut]
    }

    /// End of the first grapheme that trimming would keep.
    pub(super) fn first_solid_end(&self) -> usize {
        let in_link = |i: usize| self.urls().iter().any(|u| u.start <= i && i < u.end);
        let mut clusters = self.boundaries().windows(2).map(|w| (w[0], &self.text[w[0]..w[1]]));
        let solid = clusters.find(|&(i, g)| !is_soft(g, &self.text[..i]) || in_link(i));
        solid.map_or(usize::MAX, |(i, g)| i + g.len())
    }
}

/// Whether cluster `g`, preceded by `before`, is trimmed from a cut's end.
fn is_soft(g: &str, before: &str) -> bool {
    let soft = |c: char| c.is_whitespace() || is_soft_end(c);
    if !g.chars().all(|c| soft(c) || is_opener(c)) {
        return false;
    }
    let dangling = before.trim_end_matches(is_opener).chars().next_back().is_none_or(soft);
    g.chars().all(|c| soft(c) || (dangling && is_opener(c)))
}
