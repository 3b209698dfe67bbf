//! `sitemap.xml` (sitemaps.org 0.9) and `robots.txt`.
//!
//! The sitemap lists every published HTML page except the 404 page, each
//! with an absolute `loc` and a `lastmod`; pages without a date of their own
//! take the newest post's date so the file stays the same between builds.

use crate::site::Site;
use crate::xml::escape;

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
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base())
}
