//! Parse stage: turn each placed source into an [`Outline`] (its front
//! matter and address) and, from its Markdown, a [`Body`] and its
//! [`Html`]. Each body is parsed exactly once.

use crate::config::Config;
use crate::error::Diagnostic;
use crate::link::{Links, Placed};
use crate::load::{Kind, Source};
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered};
use crate::page::{Body, DateView, Html, Outline};
use crate::services::{self, ServicesPage};
use crate::text;

/// The page as far as its front matter and address tell. `assets` are
/// the other files of its bundle.
pub fn prepare(
    placed: &Placed,
    assets: Vec<String>,
    config: &Config,
    now: jiff::Timestamp,
) -> std::result::Result<Outline, Vec<Diagnostic>> {
    let Placed { source, slug, dir, permalink } = placed;
    let front = &source.front;
    let lang = front.lang.clone().unwrap_or_else(|| config.language.clone());
    let services = match source.kind {
        Kind::Services => Some(Box::new(services_data(source, &lang, now)?)),
        _ => None,
    };
    let social = crate::social::post::read(
        &front.social,
        &source.text[..source.body_start],
        &source.path,
        &config.social.limits(),
    )?;
    Ok(Outline {
        kind: source.kind,
        title: front.title.clone().unwrap_or_default(),
        description: front.description.clone(),
        slug: slug.clone(),
        path: permalink.strip_prefix(&config.base()).map_or_else(|| "/".into(), |p| format!("/{p}")),
        permalink: permalink.clone(),
        source: source.rel.clone(),
        date: front.date.as_ref().map(|d| DateView::new(d, &lang)),
        updated: front.updated.as_ref().map(|d| DateView::new(d, &lang)),
        draft: front.draft,
        author: front.author.clone().unwrap_or_else(|| config.author.clone()),
        image: front.image.clone(),
        lang,
        extra: front.extra.clone(),
        services,
        dir: dir.clone(),
        sort_date: front.date,
        template: front.template.clone(),
        assets,
        tag_names: front.tags.clone(),
        category_names: front.categories.clone(),
        translation_of: front.translation_of.as_ref().map(|t| t.trim_start_matches("@/").to_string()),
        social,
        aliases: own_aliases(source, dir)?,
    })
}

/// The page's aliases, none of which may be its own address.
fn own_aliases(source: &Source, dir: &str) -> std::result::Result<Vec<crate::aliases::Alias>, Vec<Diagnostic>> {
    let own = format!("{dir}index.html");
    match source.front.aliases.iter().find(|a| a.file == own) {
        None => Ok(source.front.aliases.clone()),
        Some(a) => {
            let line = crate::config::key_line(&source.text[..source.body_start], "aliases").unwrap_or(1);
            let message = format!("alias `{}` is this page's own address, so it would replace the page", a.path);
            Err(vec![Diagnostic::new(&source.path, message).at_line(line).hint("remove it from `aliases`")])
        }
    }
}

/// What parsing a page's Markdown gives.
#[derive(Debug)]
pub struct Parsed {
    /// Its summary, table of contents and counts.
    pub body: Body,
    /// Its whole HTML.
    pub html: Html,
    /// The content files its links lead to, content-relative.
    pub targets: Vec<String>,
}

/// Renders the Markdown of `source`, whose page is `outline`: its HTML,
/// and its summary, table of contents, word count and reading time.
pub fn body(
    outline: &Outline,
    source: &Source,
    links: &Links,
    opts: MarkdownOptions,
    config: &Config,
) -> std::result::Result<Parsed, Vec<Diagnostic>> {
    let links = LinkContext { file: &source.path, dir: source.dir(), links, body_line: source.body_line };
    let Rendered { html, more, first_paragraph, toc, words, targets } = markdown::render(source.body(), opts, &links)?;
    let (summary, has_more) = summary(more, outline.description.as_deref(), first_paragraph);
    // Lists, term pages and feeds show the summary away from its page, where
    // a relative `pic.png` would point at the wrong folder.
    let summary = crate::absolute::absolutize(&summary, &outline.permalink);
    let body = Body {
        summary_text: text::strip_tags(&summary),
        summary,
        has_more,
        toc,
        word_count: words,
        reading_time: text::reading_minutes(words, config.words_per_minute(&outline.lang)),
    };
    Ok(Parsed { body, html: Html::from(html), targets })
}

/// The summary: the text before `<!-- more -->`, else the description,
/// else the first paragraph. The flag says whether the marker cut it.
fn summary(more: Option<String>, description: Option<&str>, first_paragraph: Option<String>) -> (String, bool) {
    match (more, description, first_paragraph) {
        (Some(m), _, _) => (m, true),
        (None, Some(d), _) => (format!("<p>{}</p>", crate::text::escape_html(d)), false),
        (None, None, Some(p)) => (p, false),
        (None, None, None) => (String::new(), false),
    }
}

/// Reads the services page's packages, contact and FAQ data, pointing each
/// field error at its line in the front matter.
fn services_data(
    source: &Source,
    lang: &str,
    now: jiff::Timestamp,
) -> std::result::Result<ServicesPage, Vec<Diagnostic>> {
    let value = serde_json::Value::Object(source.front.data.clone());
    let render = |md: &str| {
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
        pulldown_cmark::html::push_html(&mut html, parser);
        html
    };
    services::parse_at(&value, lang, &render, now).map_err(|errors| {
        let front = &source.text[..source.body_start];
        errors
            .into_iter()
            .map(|e| {
                let d = Diagnostic::new(&source.path, format!("{}: {}", e.field, e.message)).hint(e.hint);
                match field_line(front, &e.field) {
                    Some(line) => d.at_line(line),
                    None => d,
                }
            })
            .collect()
    })
}

/// The line of a field path such as `services[2].price` or
/// `contact.upi.vpa` in TOML or YAML front matter: each `name[i]` step moves
/// to the i-th `[[name]]` table (or `- ` item), each name to its key.
pub fn field_line(text: &str, field: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    for step in field.split('.') {
        let (name, index) = match step.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (step, None),
        };
        let matches = |l: &str| {
            let t = l.trim_start().trim_start_matches("- ");
            let header = t.trim_start_matches('[').trim_end_matches(']');
            header.rsplit('.').next() == Some(name) && t.starts_with('[')
                || t.strip_prefix(name)
                    .is_some_and(|r| r.trim_start().starts_with('=') || r.trim_start().starts_with(':'))
        };
        let mut hits = (from..lines.len()).filter(|&i| matches(lines[i]));
        from = hits.nth(index.unwrap_or(0)).or_else(|| (from..lines.len()).find(|&i| matches(lines[i])))?;
    }
    Some(from + 1)
}

#[cfg(test)]
mod tests {
    use super::field_line;

    #[test]
    fn field_line_walks_tables() {
        let text = "+++\ntitle = \"S\"\n[contact]\nwhatsapp = \"x\"\n[[services]]\nname = \"a\"\n[[services]]\nname = \"b\"\nprice = -1\n";
        assert_eq!(field_line(text, "contact.whatsapp"), Some(4));
        assert_eq!(field_line(text, "services[1].price"), Some(9));
        assert_eq!(field_line(text, "services[1].name"), Some(8));
    }
}
