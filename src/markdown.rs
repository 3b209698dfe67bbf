//! Markdown to HTML: one pass over pulldown-cmark's events that also
//! collects everything later stages need (summary split, table of
//! contents, word count), so no page body is ever parsed twice.

use std::collections::HashSet;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::SlugStyle;
use crate::error::{line_col, Diagnostic};
use crate::{highlight, slug};

/// One heading in the table of contents.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, Hash)]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The heading's id, for `#fragment` links.
    pub id: String,
    /// The heading's plain text.
    pub title: String,
    /// Deeper headings below this one.
    pub children: Vec<TocEntry>,
}

/// A rendered body and what was learnt while rendering it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The full HTML.
    pub html: String,
    /// HTML before `<!-- more -->`, if the marker is present.
    pub more: Option<String>,
    /// HTML of the first top-level paragraph.
    pub first_paragraph: Option<String>,
    /// Nested table of contents.
    pub toc: Vec<TocEntry>,
    /// Words of prose, by Unicode word boundaries (code blocks excluded).
    pub words: usize,
    /// The content files its links lead to (content-relative), in order:
    /// should one of them move, this body must be rendered again.
    pub targets: Vec<String>,
}

/// What link resolution needs to know about the file being rendered.
pub struct LinkContext<'a> {
    /// The file, for diagnostics.
    pub file: &'a Path,
    /// Its folder relative to `content/`, with `/` separators ("" at top).
    pub dir: &'a str,
    /// Where other content files are published.
    pub links: &'a crate::link::Links,
    /// The file line where the body starts.
    pub body_line: usize,
}

/// Markdown options shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownOptions {
    /// Typographic quotes and dashes.
    pub smart_punctuation: bool,
    /// Slug style for heading ids.
    pub slugify: SlugStyle,
}

impl From<&crate::config::Config> for MarkdownOptions {
    fn from(config: &crate::config::Config) -> Self {
        MarkdownOptions { smart_punctuation: config.smart_punctuation, slugify: config.slugify }
    }
}

fn parser_options(opts: MarkdownOptions) -> Options {
    let mut o = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if opts.smart_punctuation {
        o |= Options::ENABLE_SMART_PUNCTUATION;
    }
    o
}

/// Renders `body`; every broken internal link is reported, not just the
/// first.
pub fn render(body: &str, opts: MarkdownOptions, links: &LinkContext) -> Result<Rendered, Vec<Diagnostic>> {
    let mut pass = Pass { opts: Some(opts), links: Some(links), body, ..Pass::default() };
    let events = pass.transform(Parser::new_ext(body, parser_options(opts)).into_offset_iter());
    if !pass.errors.is_empty() {
        return Err(pass.errors);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    let cut = |range: std::ops::Range<usize>| {
        let mut s = String::new();
        pulldown_cmark::html::push_html(&mut s, events[range].iter().cloned());
        s
    };
    let first = pass.first_paragraph_start.zip(pass.first_paragraph_end);
    Ok(Rendered {
        more: pass.more_at.map(|end| cut(0..end)),
        first_paragraph: first.map(|(start, end)| cut(start..end + 1)),
        html,
        toc: nest(pass.headings),
        words: pass.words,
        targets: pass.targets,
    })
}

#[derive(Default)]
struct Pass<'a, 'b> {
    opts: Option<MarkdownOptions>,
    links: Option<&'b LinkContext<'b>>,
    body: &'a str,
    errors: Vec<Diagnostic>,
    headings: Vec<TocEntry>,
    ids: HashSet<String>,
    words: usize,
    more_at: Option<usize>,
    targets: Vec<String>,
    first_paragraph_start: Option<usize>,
    first_paragraph_end: Option<usize>,
}

impl<'a, 'b> Pass<'a, 'b> {
    fn transform(&mut self, iter: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) -> Vec<Event<'a>> {
        let mut out: Vec<Event<'a>> = Vec::new();
        let mut iter = iter.peekable();
        let mut depth = 0usize;
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => out.push(code_block(&kind, &mut iter)),
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let inner =
                        iter.by_ref().map(|(e, _)| e).take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))));
                    let inner: Vec<Event<'a>> = inner.collect();
                    self.heading(level, id, classes, attrs, inner, &mut out);
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.resolve_link(dest_url, range.start);
                    depth += 1;
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Html(ref h) if h.trim() == "<!-- more -->" && self.more_at.is_none() => {
                    // The marker is inside an HtmlBlock; cut before that block.
                    self.more_at = Some(out.len().saturating_sub(1));
                    out.push(event);
                }
                Event::InlineHtml(ref h) if h.trim() == "<!-- more -->" && self.more_at.is_none() => {
                    self.more_at = Some(out.len());
                    out.push(event);
                }
                Event::Text(ref t) => {
                    self.words += crate::text::word_count(t);
                    out.push(event);
                }
                Event::Start(ref tag) => {
                    if matches!(tag, Tag::Paragraph) && depth == 0 && self.first_paragraph_start.is_none() {
                        self.first_paragraph_start = Some(out.len());
                    }
                    depth += 1;
                    out.push(event);
                }
                Event::End(end) => {
                    depth = depth.saturating_sub(1);
                    if end == TagEnd::Paragraph && depth == 0 && self.first_paragraph_end.is_none() {
                        self.first_paragraph_end = Some(out.len());
                    }
                    out.push(event);
                }
                // A bare disabled checkbox has no accessible name, and any
                // label would be English; a ballot-box character reads out
                // as "ballot box (with check)" in the reader's own language.
                Event::TaskListMarker(done) => out.push(Event::InlineHtml(
                    if done { "<span class=\"task done\">☑</span> " } else { "<span class=\"task\">☐</span> " }.into(),
                )),
                other => out.push(other),
            }
        }
        out
    }

    /// Emits a heading with a stable, unique, Unicode-aware id and a
    /// self-link readers can copy. The link is named by its heading
    /// (`aria-labelledby`), so it reads in the page's own language with no
    /// English wording baked into the HTML.
    fn heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        _attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<Event<'a>>,
        out: &mut Vec<Event<'a>>,
    ) {
        let title: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        self.words += crate::text::word_count(&title);
        let style = self.opts.map_or(SlugStyle::Unicode, |o| o.slugify);
        let base =
            id.map(|i| i.to_string()).or_else(|| slug::slugify(&title, style)).unwrap_or_else(|| "section".into());
        let id = self.unique_id(base);
        let n = level as u8;
        let class_attr = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", crate::text::escape_html(&classes.join(" ")))
        };
        out.push(Event::Html(format!("<h{n} id=\"{}\"{class_attr}>", crate::text::escape_html(&id)).into()));
        out.extend(inner);
        out.push(Event::Html(
            format!(
                " <a class=\"heading-anchor\" href=\"#{}\" aria-labelledby=\"{}\">#</a></h{n}>\n",
                crate::text::escape_html(&slug::encode_path(&id)),
                crate::text::escape_html(&id)
            )
            .into(),
        ));
        self.headings.push(TocEntry { level: n, id, title, children: Vec::new() });
    }

    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Rewrites links to other content files into their page URLs.
    fn resolve_link(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(links) = self.links else { return dest };
        let Some((target, fragment)) = internal_target(&dest, links.dir) else { return dest };
        self.targets.push(target.clone());
        match (links.links.urls.get(&target), links.links.hidden.get(&target)) {
            (Some(url), _) => format!("{url}{fragment}").into(),
            (None, Some(&"has errors")) => dest,
            (None, Some(why)) => {
                let (line, col) = line_col(self.body, offset);
                self.errors.push(
                    Diagnostic::new(links.file, format!("link to `{dest}`, which is {why} and so not published"))
                        .at(line + links.body_line - 1, col)
                        .hint("publish it first, build with --drafts/--future to preview, or remove the link"),
                );
                dest
            }
            (None, None) => {
                let (line, col) = line_col(self.body, offset);
                self.errors.push(
                    Diagnostic::new(
                        links.file,
                        format!("link to a missing file `{dest}` (looked for content/{target})"),
                    )
                    .at(line + links.body_line - 1, col)
                    .hint("check the file name, or write the link relative to content/ as @/posts/name.md"),
                );
                dest
            }
        }
    }
}

/// Collects a code block's text up to its end and highlights it.
fn code_block<'a>(
    kind: &CodeBlockKind,
    rest: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Event<'a> {
    let lang = match kind {
        CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
        CodeBlockKind::Indented => None,
    };
    let mut code = String::new();
    for (e, _) in rest.by_ref() {
        match e {
            Event::Text(t) => code.push_str(&t),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    Event::Html(highlight::code_block(lang, &code).into())
}

/// For a link to a content file, its content-relative path and fragment.
fn internal_target(dest: &str, dir: &str) -> Option<(String, String)> {
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    if crate::load::markdown_stem(name).is_none() || path.contains("://") || path.starts_with("mailto:") {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy().to_string();
    let joined = match path.strip_prefix("@/") {
        Some(rest) => rest.to_string(),
        None if path.starts_with('/') => path.trim_start_matches('/').to_string(),
        None if dir.is_empty() => path,
        None => format!("{dir}/{path}"),
    };
    Some((normalize(&joined), fragment.to_string()))
}

/// Resolves `.` and `..` segments in a `/`-separated path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Nests a flat heading list by level.
fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert(&mut root, entry);
    }
    root
}

fn insert(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn md(body: &str) -> Result<Rendered, Vec<Diagnostic>> {
        let links = crate::link::Links {
            urls: HashMap::from([("posts/b.md".to_string(), "https://x.in/posts/b/".to_string())]),
            hidden: HashMap::new(),
        };
        let links = LinkContext { file: Path::new("content/posts/a.md"), dir: "posts", links: &links, body_line: 5 };
        render(body, MarkdownOptions { smart_punctuation: false, slugify: SlugStyle::Unicode }, &links)
    }

    #[test]
    fn devanagari_heading_ids_are_unique() {
        let r = md("## समय प्रबंधन\n\n## समय प्रबंधन\n").unwrap();
        assert!(r.html.contains("id=\"समय-प्रबंधन\""));
        assert!(r.html.contains("id=\"समय-प्रबंधन-1\""));
        assert_eq!(r.toc.len(), 2);
    }

    #[test]
    fn toc_nests_by_level() {
        let r = md("## A\n### B\n## C\n").unwrap();
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[0].children[0].title, "B");
    }

    #[test]
    fn more_marker_splits_summary() {
        let r = md("First.\n\n<!-- more -->\n\nSecond.\n").unwrap();
        let more = r.more.unwrap();
        assert!(more.contains("First.") && !more.contains("Second."));
        assert!(r.html.contains("Second."));
    }

    #[test]
    fn first_paragraph_is_found() {
        let r = md("# T\n\nOne two.\n\nThree.\n").unwrap();
        assert_eq!(r.first_paragraph.unwrap().trim(), "<p>One two.</p>");
    }

    #[test]
    fn internal_links_resolve_and_missing_ones_fail_with_line() {
        let r = md("[b](b.md#x) and [c](@/posts/b.md)\n").unwrap();
        assert!(r.html.contains("href=\"https://x.in/posts/b/#x\""));
        assert!(r.html.contains("href=\"https://x.in/posts/b/\""));
        let errs = md("ok\n\n[c](missing.md)\n").unwrap_err();
        assert_eq!(errs[0].line, Some(7));
        assert_eq!(errs[0].column, Some(1));
    }

    #[test]
    fn normalize_handles_parents() {
        assert_eq!(internal_target("../about.md", "posts").unwrap().0, "about.md");
        assert_eq!(internal_target("https://a.md", "posts"), None);
        assert_eq!(
            internal_target("../2019-05-06-old.markdown#x", "posts/a").unwrap().0,
            "posts/2019-05-06-old.markdown"
        );
    }
}
