//! Syntax from other generators left in a page's Markdown: Hugo
//! shortcodes, Liquid tags, WordPress shortcodes and block comments,
//! kramdown attributes, MDX components. samvad would print them as text,
//! so each kind found outside code is reported once a file, at its first
//! place, with how many there are.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One kind of stray syntax in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    /// What it is, for the message.
    pub kind: Kind,
    /// Byte offset of the first one in the Markdown.
    pub at: usize,
    /// The first one, as written (cut short).
    pub sample: String,
    /// How many there are.
    pub count: usize,
}

/// The kinds of syntax samvad does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `{{< name >}}` or `{{% name %}}`.
    HugoShortcode,
    /// Jekyll's `{% tag %}`.
    LiquidTag,
    /// Jekyll's `{{ site.x }}` or `{{ page.x }}`.
    LiquidVariable,
    /// `[caption]`, `[gallery]`, `[embed]`, `[code]`, `[audio]`, `[video]`.
    WordPressShortcode,
    /// The Gutenberg editor's `<!-- wp:name -->`.
    WordPressBlock,
    /// `{: .class}` after a block.
    Kramdown,
    /// A `<PascalCase>` element.
    Mdx,
}

impl Kind {
    /// What it is, in a sentence's words.
    pub fn name(self) -> &'static str {
        match self {
            Kind::HugoShortcode => "Hugo shortcode `{{< … >}}`",
            Kind::LiquidTag => "Liquid tag `{% … %}`",
            Kind::LiquidVariable => "Liquid variable `{{ site.… }}`",
            Kind::WordPressShortcode => "WordPress shortcode `[…]`",
            Kind::WordPressBlock => "WordPress block comment `<!-- wp:… -->`",
            Kind::Kramdown => "kramdown attribute list `{: … }`",
            Kind::Mdx => "MDX component `<Name>`",
        }
    }

    /// What to do about it.
    pub fn hint(self) -> &'static str {
        match self {
            Kind::HugoShortcode | Kind::LiquidTag | Kind::LiquidVariable => {
                "samvad does not run another generator's templates: write the Markdown or HTML it stood for, or put it in a code span or block if it is an example"
            }
            Kind::WordPressShortcode => "write the Markdown it stood for (an image with a caption, a link, a code block)",
            Kind::WordPressBlock => "remove the comment; the block's content is kept as it is",
            Kind::Kramdown => "samvad's Markdown has no attribute lists: remove it (a heading id can be written `{#id}`)",
            Kind::Mdx => "samvad does not render MDX components: write the Markdown or HTML it stood for",
        }
    }
}

/// Strings whose absence rules every kind out, so that a page without any
/// costs one scan of its bytes and no Markdown parse.
fn may_have_any(md: &str) -> bool {
    ["{%", "{{", "[caption", "[gallery", "[embed", "[code", "<!-- wp:", "{:"].iter().any(|n| md.contains(n))
        || md.as_bytes().windows(2).any(|w| w[0] == b'<' && w[1].is_ascii_uppercase())
}

/// Every kind of stray syntax outside code in the Markdown `md`.
pub fn scan(md: &str) -> Vec<Stray> {
    if !may_have_any(md) {
        return Vec::new();
    }
    let mut found: Vec<Stray> = Vec::new();
    let mut in_code = 0usize;
    // The parser splits a run of text where a `<`, `[` or `{` might start
    // something; a run is scanned whole, as written.
    let mut run: Option<std::ops::Range<usize>> = None;
    for (event, range) in Parser::new_ext(md, Options::all()).into_offset_iter() {
        if let (Event::Text(_), 0) = (&event, in_code) {
            run = Some(run.map_or(range.clone(), |r| r.start..range.end.max(r.end)));
            continue;
        }
        if let Some(r) = run.take() {
            in_text(&md[r.clone()], r.start, &mut found);
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Html(_) | Event::InlineHtml(_) if in_code == 0 => {
                in_html(&md[range.clone()], range.start, &mut found)
            }
            _ => {}
        }
    }
    if let Some(r) = run {
        in_text(&md[r.clone()], r.start, &mut found);
    }
    found.sort_by_key(|s| s.at);
    found
}

/// Counts `kind` at `at`, keeping the first one's place and text.
fn note(found: &mut Vec<Stray>, kind: Kind, at: usize, text: &str) {
    match found.iter_mut().find(|s| s.kind == kind) {
        Some(s) => s.count += 1,
        None => {
            let end = text.find('\n').unwrap_or(text.len()).min(60);
            let end = crate::error::floor_char_boundary(text, end);
            found.push(Stray { kind, at, sample: text[..end].to_string(), count: 1 });
        }
    }
}

/// Stray syntax in a run of text (as written in the source, from `base`).
fn in_text(text: &str, base: usize, found: &mut Vec<Stray>) {
    let mut from = 0;
    while let Some(i) = text[from..].find('{').map(|i| from + i) {
        from = i + 1;
        let rest = &text[i..];
        let kind = if rest.starts_with("{{<") || rest.starts_with("{{%") {
            Some(Kind::HugoShortcode)
        } else if rest.starts_with("{%") {
            Some(Kind::LiquidTag)
        } else if let Some(inner) = rest.strip_prefix("{{") {
            let inner = inner.trim_start();
            (inner.starts_with("site.") || inner.starts_with("page.")).then_some(Kind::LiquidVariable)
        } else if let Some(inner) = rest.strip_prefix("{:") {
            inner.starts_with([' ', '.', '#']).then_some(Kind::Kramdown).filter(|_| inner.contains('}'))
        } else {
            None
        };
        if let Some(kind) = kind {
            note(found, kind, base + i, rest);
            // Past the opener, so `{{%` is not also read as `{%`.
            from = i + 3;
        }
    }
    for (i, _) in text.match_indices('[') {
        let rest = &text[i + 1..];
        let name_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let wordpress = matches!(name, "caption" | "gallery" | "embed" | "code" | "audio" | "video");
        if !wordpress || !rest[name_end..].starts_with([' ', ']']) {
            continue;
        }
        // `[code words]` in prose is not one: a shortcode has attributes
        // (`id="…"`), a closing `[/name]`, or is a bare `[gallery]`.
        let inside = &rest[name_end..rest.find(']').unwrap_or(rest.len())];
        if inside.contains('=') || name == "gallery" || text.contains(&format!("[/{name}]")) {
            note(found, Kind::WordPressShortcode, base + i, &text[i..]);
        }
    }
}

/// Stray syntax in raw HTML.
fn in_html(html: &str, base: usize, found: &mut Vec<Stray>) {
    for (i, _) in html.match_indices("<!-- wp:") {
        note(found, Kind::WordPressBlock, base + i, &html[i..]);
    }
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        let pascal = name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().any(|c| c.is_ascii_lowercase());
        if pascal && !is_html_element(&name) {
            note(found, Kind::Mdx, base + i, &html[i..]);
        }
    }
}

/// HTML element names, which old posts sometimes write capitalised
/// (`<Br>`), and which are not components.
fn is_html_element(name: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a",
        "abbr",
        "article",
        "aside",
        "audio",
        "b",
        "blockquote",
        "br",
        "button",
        "caption",
        "center",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "li",
        "mark",
        "nav",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "source",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "video",
    ];
    ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(md: &str) -> Vec<(Kind, usize)> {
        scan(md).into_iter().map(|s| (s.kind, s.count)).collect()
    }

    #[test]
    fn finds_each_kind_outside_code() {
        let md = "Intro {{< figure src=\"a.png\" >}} and {{% note %}}x{{% /note %}}.\n\n\
                  {% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n\
                  Site: {{ site.title }}.\n\n[caption id=\"x\"]<img src=\"a.png\">A cat[/caption]\n\n\
                  <!-- wp:paragraph -->\n<p>Hi</p>\n<!-- /wp:paragraph -->\n\n\
                  A paragraph\n{: .lead}\n\n<Callout type=\"info\">Hello</Callout>\n";
        let found = kinds(md);
        assert!(found.contains(&(Kind::HugoShortcode, 3)), "{found:?}");
        assert!(found.contains(&(Kind::LiquidTag, 2)), "{found:?}");
        assert!(found.contains(&(Kind::LiquidVariable, 1)), "{found:?}");
        assert!(found.contains(&(Kind::WordPressShortcode, 1)), "{found:?}");
        assert!(found.contains(&(Kind::WordPressBlock, 1)), "{found:?}");
        assert!(found.contains(&(Kind::Kramdown, 1)), "{found:?}");
        assert!(found.contains(&(Kind::Mdx, 1)), "{found:?}");
    }

    #[test]
    fn code_and_ordinary_text_are_left_alone() {
        let md = "Write `{{< figure >}}` in Hugo.\n\n```\n{% raw %}{{ site.title }}{% endraw %}\n<Callout />\n```\n\n\
                  A [link](https://x.example) and [code words] and {braces} and a <Br> and <b>bold</b>.\n\n    {% indented %}\n";
        assert_eq!(kinds(md), vec![]);
    }

    #[test]
    fn the_first_place_and_a_short_sample() {
        let md = "Line one.\n\nSee {{< youtube abc >}} here.\n";
        let s = &scan(md)[0];
        assert_eq!(&md[s.at..s.at + 3], "{{<");
        assert!(s.sample.starts_with("{{< youtube abc >}}"), "{}", s.sample);
    }
}
