//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`.
//!
//! The sitemap lists every published HTML page except the 404 page, each
//! with an absolute `loc` and a `lastmod`; pages without a date of their own
//! take the newest post's date so the file stays the same between builds.

use crate::config::Config;
use crate::page::Outline;
use crate::render::{page_url, Job};
use crate::site::SiteMap;
use crate::xml::escape;

/// Every HTML page of the site but the 404, with its last change.
pub fn entries(map: &SiteMap) -> Vec<(String, Option<String>)> {
    let base = map.config.base();
    let newest_of = |posts: &[usize]| posts.iter().filter_map(|&i| lastmod(&map.posts[i].outline)).max();
    let site_newest = newest_of(&map.home_list);
    // A term's pages come one after another: scan its posts once, not
    // once per page (that was quadratic in the term's size).
    let mut term_newest: Option<((usize, usize), Option<String>)> = None;
    let page = |o: &Outline| (o.permalink.clone(), lastmod(o).or_else(|| site_newest.clone()));
    let mut out = Vec::new();
    for job in Job::all(map) {
        out.push(match job {
            Job::Post(i) => page(&map.posts[i].outline),
            Job::Page(i) => page(&map.pages[i].outline),
            Job::Index(n) => (page_url(&base, "", n), site_newest.clone()),
            Job::TaxonomyList(t) => (map.taxonomies[t].permalink.clone(), site_newest.clone()),
            Job::Term { taxonomy, term, page } => {
                let t = &map.taxonomies[taxonomy].terms[term];
                if term_newest.as_ref().is_none_or(|(at, _)| *at != (taxonomy, term)) {
                    term_newest = Some(((taxonomy, term), newest_of(&t.posts)));
                }
                (page_url(&base, &t.dir, page), term_newest.as_ref().and_then(|(_, d)| d.clone()))
            }
            Job::NotFound => continue,
        });
    }
    out
}

fn lastmod(p: &Outline) -> Option<String> {
    p.updated.as_ref().or(p.date.as_ref()).map(|d| d.iso.clone())
}

/// The sitemap for `urls`: (permalink, lastmod) pairs.
pub fn sitemap(urls: &[(String, Option<String>)]) -> String {
    let mut x = String::with_capacity(urls.len() * 120 + 200);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (loc, lastmod) in urls {
        x.push_str(&format!("<url><loc>{}</loc>", escape(loc)));
        if let Some(m) = lastmod {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// A permissive robots.txt that points at the sitemap. A `static/robots.txt`
/// replaces it, because static files are copied after generated ones.
pub fn robots(config: &Config) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", config.base())
}
