//! The repository's own example site, built in both themes, as a reader
//! would follow it: every local link, image, stylesheet and script on every
//! page must lead to a file the build wrote.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

/// Every `href` and `src` on the pages of `out`, with the page it is on.
fn references(out: &Path) -> Vec<(String, String)> {
    let mut refs = Vec::new();
    for (rel, bytes) in snapshot(out).into_iter().filter(|(rel, _)| rel.ends_with(".html")) {
        let doc = scraper::Html::parse_document(&String::from_utf8(bytes).expect("UTF-8 page"));
        for el in doc.select(&sel("[href], [src]")) {
            for attr in ["href", "src"] {
                if let Some(url) = el.value().attr(attr) {
                    refs.push((rel.clone(), url.to_string()));
                }
            }
        }
    }
    refs
}

/// The output path a reference from `page` leads to, or None when it
/// leaves the site (another host, mailto:, a fragment on the same page).
fn local_target(base: &str, page: &str, url: &str) -> Option<String> {
    let url = url.split(['#', '?']).next().unwrap_or(url);
    let path = if let Some(rest) = url.strip_prefix(base) {
        rest.to_string()
    } else if let Some(rest) = url.strip_prefix('/').filter(|_| !url.starts_with("//")) {
        rest.to_string()
    } else if url.is_empty() || url.contains(':') || url.starts_with("//") {
        return None;
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.is_empty() {
            url.to_string()
        } else {
            format!("{dir}/{url}")
        }
    };
    let path = decoded(&path);
    Some(if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path })
}

fn check_theme(theme: &str) {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    let opts = samvad::BuildOptions {
        root: repo(),
        output: Some(target.clone()),
        clock: Some(clock()),
        theme: Some(theme.into()),
        ..samvad::BuildOptions::default()
    };
    samvad::build(&opts).unwrap_or_else(|e| panic!("{theme}: the example site should build:\n{e}"));
    let base = "https://anjaliverma.example/";
    let refs = references(&target);
    assert!(refs.len() > 100, "{theme}: only {} references", refs.len());
    let broken: BTreeSet<String> = refs
        .iter()
        .filter_map(|(page, url)| {
            let file = local_target(base, page, url)?;
            (!target.join(&file).is_file()).then(|| format!("{page}: {url}"))
        })
        .collect();
    assert!(broken.is_empty(), "{theme}: references that lead to no file:\n{}", Vec::from_iter(broken).join("\n"));
}

#[test]
fn every_local_link_and_image_of_the_example_site_resolves_in_the_default_theme() {
    check_theme("default");
}

#[test]
fn every_local_link_and_image_of_the_example_site_resolves_in_the_landing_theme() {
    check_theme("landing");
}
