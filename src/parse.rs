//! Parse stage: render every placed source's markdown on all cores and
//! turn it into a [`Page`]. Each body is parsed exactly once.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::link::{Links, Placed};
use crate::load::{Kind, Source};
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered};
use crate::services::{self, ServicesPage};
use crate::site::{DateView, Page};
use crate::text;

/// Renders all placed sources; reports every broken link at once.
pub fn parse(placed: Vec<Placed>, links: &Links, config: &Config, now: jiff::Timestamp) -> Result<Vec<Page>> {
    let opts = MarkdownOptions::from(config);
    let results: Vec<std::result::Result<Page, Vec<Diagnostic>>> = placed
        .into_par_iter()
        .map(|p| {
            let (mut page, source) = prepare(p, config, now)?;
            body(&mut page, &source, links, opts, config)?;
            Ok(page)
        })
        .collect();
    let (pages, diags) = split(results);
    if diags.is_empty() {
        Ok(pages)
    } else {
        Err(Error::Content(diags))
    }
}

/// Every page from its front matter alone, with its source kept for
/// [`body`]: a build can then order the site and render each post as soon
/// as its Markdown is done, never holding every body at once. Failures
/// stay in place, for the caller to take with the rest in one pass: a
/// site's pages are megabytes, and each move into a new vector costs
/// fresh memory on a single core.
pub fn prepare_all(placed: Vec<Placed>, config: &Config, now: jiff::Timestamp) -> Vec<Prepared> {
    placed.into_par_iter().map(|p| prepare(p, config, now)).collect()
}

/// A page and its source, or why its front matter failed.
pub type Prepared = std::result::Result<(Page, Source), Vec<Diagnostic>>;

/// Successes in order, and every failure's diagnostics.
fn split<T>(results: Vec<std::result::Result<T, Vec<Diagnostic>>>) -> (Vec<T>, Vec<Diagnostic>) {
    let mut ok = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(t) => ok.push(t),
            Err(d) => diags.extend(d),
        }
    }
    (ok, diags)
}

/// The page as far as its front matter tells: everything but the fields
/// that come from its Markdown, which [`body`] fills in.
fn prepare(
    placed: Placed,
    config: &Config,
    now: jiff::Timestamp,
) -> std::result::Result<(Page, Source), Vec<Diagnostic>> {
    let Placed { mut source, slug, dir, permalink } = placed;
    let lang = source.front.lang.clone().unwrap_or_else(|| config.language.clone());
    let services = match source.kind {
        Kind::Services => Some(Box::new(services_data(&source, &lang, now)?)),
        _ => None,
    };
    let social = crate::social::post::read(
        &source.front.social,
        &source.text[..source.body_start],
        &source.path,
        &config.social.limits(),
    )?;
    let front = *std::mem::take(&mut source.front);
    let raw_terms = BTreeMap::from([("tags".to_string(), front.tags), ("categories".to_string(), front.categories)]);
    let page = Page {
        kind: source.kind,
        title: front.title.unwrap_or_default(),
        description: front.description,
        slug,
        path: permalink.strip_prefix(&config.base()).map_or_else(|| "/".into(), |p| format!("/{p}")),
        permalink,
        source: source.rel.clone(),
        date: front.date.as_ref().map(|d| DateView::new(d, &lang)),
        updated: front.updated.as_ref().map(|d| DateView::new(d, &lang)),
        draft: front.draft,
        tags: Vec::new(),
        categories: Vec::new(),
        author: front.author.unwrap_or_else(|| config.author.clone()),
        image: front.image,
        content: String::new(),
        summary: String::new(),
        summary_text: String::new(),
        hashtags: Vec::new(),
        has_more: false,
        toc: Vec::new(),
        word_count: 0,
        reading_time: 0,
        lang,
        extra: front.extra,
        translations: Vec::new(),
        newer: None,
        older: None,
        dir,
        sort_date: front.date,
        template: front.template,
        assets: std::mem::take(&mut source.assets),
        raw_terms,
        data: front.data,
        services,
        translation_of: front.translation_of.map(|t| t.trim_start_matches("@/").to_string()),
        social,
    };
    Ok((page, source))
}

/// Renders the Markdown of `source` into `page`: its HTML, summary, table
/// of contents, word count and reading time.
pub fn body(
    page: &mut Page,
    source: &Source,
    links: &Links,
    opts: MarkdownOptions,
    config: &Config,
) -> std::result::Result<(), Vec<Diagnostic>> {
    let links = LinkContext { file: &source.path, dir: source.dir(), links, body_line: source.body_line };
    let Rendered { html, more, first_paragraph, toc, words } = markdown::render(source.body(), opts, &links)?;
    let (summary, has_more) = summary(more, page.description.as_deref(), first_paragraph);
    // Lists, term pages and feeds show the summary away from its page, where
    // a relative `pic.png` would point at the wrong folder.
    let summary = crate::absolute::absolutize(&summary, &page.permalink);
    page.content = html;
    page.summary_text = text::strip_tags(&summary);
    page.summary = summary;
    page.has_more = has_more;
    page.toc = toc;
    page.word_count = words;
    page.reading_time = text::reading_minutes(words, config.words_per_minute(&page.lang));
    Ok(())
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
