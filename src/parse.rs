//! Parse stage: render every placed source's markdown on all cores and
//! turn it into a [`Page`]. Each body is parsed exactly once.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Error, Result};
use crate::link::Placed;
use crate::markdown::{self, LinkContext, MarkdownOptions, Rendered};
use crate::site::{DateView, Page};
use crate::text;

/// Renders all placed sources; reports every broken link at once.
pub fn parse(placed: Vec<Placed>, urls: &HashMap<String, String>, config: &Config) -> Result<Vec<Page>> {
    let opts = MarkdownOptions { smart_punctuation: config.smart_punctuation, slugify: config.slugify };
    let results: Vec<std::result::Result<Page, Vec<Diagnostic>>> =
        placed.into_par_iter().map(|p| parse_one(p, urls, config, opts)).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(p) => pages.push(p),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(pages)
    } else {
        Err(Error::Content(diags))
    }
}

fn parse_one(
    placed: Placed,
    urls: &HashMap<String, String>,
    config: &Config,
    opts: MarkdownOptions,
) -> std::result::Result<Page, Vec<Diagnostic>> {
    let Placed { source, slug, dir, permalink } = placed;
    let links = LinkContext { file: &source.path, dir: source.dir(), urls, body_line: source.body_line };
    let Rendered { html, more, first_paragraph, toc, words } = markdown::render(source.body(), opts, &links)?;
    let front = source.front;
    let lang = front.lang.clone().unwrap_or_else(|| config.language.clone());
    let (summary, has_more) = match (more, &front.description, first_paragraph) {
        (Some(m), _, _) => (m, true),
        (None, Some(d), _) => (format!("<p>{}</p>", crate::text::escape_html(d)), false),
        (None, None, Some(p)) => (p, false),
        (None, None, None) => (String::new(), false),
    };
    let mut raw_terms = BTreeMap::new();
    raw_terms.insert("tags".to_string(), front.tags);
    raw_terms.insert("categories".to_string(), front.categories);
    Ok(Page {
        kind: source.kind,
        title: front.title.unwrap_or_default(),
        description: front.description,
        slug,
        path: permalink.strip_prefix(&config.base()).map_or_else(|| "/".into(), |p| format!("/{p}")),
        permalink,
        source: source.rel,
        date: front.date.as_ref().map(|d| DateView::new(d, &lang)),
        updated: front.updated.as_ref().map(|d| DateView::new(d, &lang)),
        draft: front.draft,
        tags: Vec::new(),
        categories: Vec::new(),
        author: front.author.unwrap_or_else(|| config.author.clone()),
        image: front.image,
        content: html,
        summary,
        has_more,
        toc,
        word_count: words,
        reading_time: text::reading_minutes(words, config.words_per_minute(&lang)),
        lang,
        extra: front.extra,
        newer: None,
        older: None,
        dir,
        sort_date: front.date,
        template: front.template,
        assets: source.assets,
        raw_terms,
        data: front.data,
    })
}
