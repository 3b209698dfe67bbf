//! Feeds: RSS 2.0 and Atom 1.0 for the whole site, each tag and category,
//! and each language when posts come in more than one.
//!
//! Entry ids are the post's permalink, so editing a post never makes a
//! reader see it twice; a feed's own date is its newest entry's, never the
//! build time, so output stays byte-identical between builds.

use std::collections::{BTreeSet, HashSet};

use crate::absolute::absolutize;
use crate::config::Config;
use crate::page::Page;
use crate::site::{Site, SiteMap};
use crate::slug::encode_path;
use crate::xml::escape;

/// The whole HTML of the posts feeds show in full, by index into
/// [`SiteMap::posts`]; asked only for posts [`shown_in_full`] names.
pub type FullHtml<'a> = &'a (dyn Fn(usize) -> crate::page::Html + Sync);

/// Most categories an entry lists in a tag's or category's feed; an entry
/// of a post with more names only that feed's term. Each of a post's tags
/// has a feed that carries the post, so listing all its T tags in each
/// wrote T² categories: 1.1 GB of feeds for one post with 4,000 tags. The
/// site's and the language feeds still list every category.
pub const TERM_FEED_CATEGORIES: usize = 64;

/// One feed to write, in both formats.
pub struct FeedSpec {
    /// Feed title.
    pub title: String,
    /// Output folder, relative ("" for the site, "tags/x/" for a tag).
    pub dir: String,
    /// The HTML page this feed mirrors.
    pub link: String,
    /// Language code for `xml:lang` and `<language>`.
    pub lang: String,
    /// Indices into `site.posts`, newest first.
    pub posts: Vec<usize>,
    /// The term whose feed this is (its name), for a term's feed.
    pub term: Option<String>,
}

/// Every feed the site gets.
pub fn specs(site: &SiteMap) -> Vec<FeedSpec> {
    let c = &site.config;
    let base = c.base();
    let mut specs = vec![FeedSpec {
        title: c.title.clone(),
        dir: String::new(),
        link: base.clone(),
        lang: c.language.clone(),
        posts: (0..site.posts.len()).collect(),
        term: None,
    }];
    for tax in &site.taxonomies {
        for term in &tax.terms {
            specs.push(FeedSpec {
                title: format!("{} · {}", c.title, term.name),
                dir: term.dir.clone(),
                link: term.permalink.clone(),
                lang: c.language.clone(),
                posts: term.posts.clone(),
                term: Some(term.name.clone()),
            });
        }
    }
    let langs: BTreeSet<&str> = site.posts.iter().map(|p| p.outline.lang.as_str()).collect();
    if langs.len() > 1 {
        for lang in langs {
            specs.push(FeedSpec {
                title: format!("{} ({lang})", c.title),
                dir: format!("lang/{lang}/"),
                link: base.clone(),
                lang: lang.to_string(),
                posts: site.posts.iter().enumerate().filter(|(_, p)| p.outline.lang == lang).map(|(i, _)| i).collect(),
                term: None,
            });
        }
    }
    specs
}

/// Posts (indices into `site.posts`) whose whole HTML some feed carries:
/// none unless `full_content` is on. A build keeps only these posts' HTML
/// in memory once their pages are written.
pub fn shown_in_full(site: &SiteMap) -> HashSet<usize> {
    let c = &site.config;
    if !c.feeds.full_content || !(c.feeds.rss || c.feeds.atom) {
        return HashSet::new();
    }
    specs(site).iter().flat_map(|spec| spec.posts.iter().take(c.feeds.limit).copied()).collect()
}

/// Absolute URL of a file inside a feed's folder.
pub fn url(config: &Config, dir: &str, file: &str) -> String {
    format!("{}{}{file}", config.base(), encode_path(dir))
}

/// The posts a feed lists: its newest, up to the configured number.
pub fn listed<'s>(config: &Config, spec: &'s FeedSpec) -> &'s [usize] {
    &spec.posts[..spec.posts.len().min(config.feeds.limit)]
}

fn entries<'a>(site: &'a Site, spec: &FeedSpec) -> Vec<(usize, Page<'a>)> {
    listed(site.config(), spec).iter().map(|&i| (i, site.post(i))).collect()
}

/// The names of the categories `post` lists in the feed `spec`: its tags
/// and categories, but in a term's feed only that term past
/// [`TERM_FEED_CATEGORIES`].
fn categories<'a>(post: Page<'a>, spec: &'a FeedSpec) -> Vec<&'a str> {
    let place = post.place;
    match spec.term.as_deref() {
        Some(term) if place.tags.len() + place.categories.len() > TERM_FEED_CATEGORIES => vec![term],
        _ => place.tags.iter().chain(&place.categories).map(|t| t.name.as_str()).collect(),
    }
}

fn body(config: &Config, i: usize, post: Page, full: FullHtml) -> String {
    match config.feeds.full_content {
        true => absolutize(&full(i), &post.permalink),
        false => absolutize(&post.body.summary, &post.permalink),
    }
}

/// The newest date among entries, as (RFC 3339, RFC 822).
fn newest(posts: &[(usize, Page)]) -> Option<(String, String)> {
    posts
        .iter()
        .filter_map(|(_, p)| p.updated.as_ref().or(p.date.as_ref()))
        .max_by(|a, b| a.iso.cmp(&b.iso))
        .map(|d| (d.iso.clone(), d.rfc822.clone()))
}

/// An RSS 2.0 document.
pub fn rss(site: &Site, spec: &FeedSpec, full: FullHtml) -> String {
    let posts = entries(site, spec);
    let config = site.config();
    let self_url = url(config, &spec.dir, "rss.xml");
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    x.push_str(&format!("<title>{}</title>\n<link>{}</link>\n", escape(&spec.title), escape(&spec.link)));
    x.push_str(&format!("<description>{}</description>\n", escape(&config.description)));
    x.push_str(&format!("<language>{}</language>\n<generator>samvad</generator>\n", escape(&spec.lang)));
    x.push_str(&format!("<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n", escape(&self_url)));
    if let Some((_, rfc822)) = newest(&posts) {
        x.push_str(&format!("<lastBuildDate>{rfc822}</lastBuildDate>\n"));
    }
    for &(i, p) in &posts {
        x.push_str("<item>\n");
        x.push_str(&format!("<title>{}</title>\n<link>{}</link>\n", escape(&p.title), escape(&p.permalink)));
        x.push_str(&format!("<guid isPermaLink=\"true\">{}</guid>\n", escape(&p.permalink)));
        if let Some(d) = &p.date {
            x.push_str(&format!("<pubDate>{}</pubDate>\n", d.rfc822));
        }
        if !p.author.is_empty() {
            x.push_str(&format!("<dc:creator>{}</dc:creator>\n", escape(&p.author)));
        }
        for name in categories(p, spec) {
            x.push_str(&format!("<category>{}</category>\n", escape(name)));
        }
        x.push_str(&format!("<description>{}</description>\n</item>\n", escape(&body(config, i, p, full))));
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

/// An Atom 1.0 document (RFC 4287).
pub fn atom(site: &Site, spec: &FeedSpec, full: FullHtml) -> String {
    let posts = entries(site, spec);
    let config = site.config();
    let self_url = url(config, &spec.dir, "atom.xml");
    let mut x = String::with_capacity(4096);
    x.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&spec.lang)
    ));
    x.push_str(&format!("<title>{}</title>\n", escape(&spec.title)));
    if !config.description.is_empty() {
        x.push_str(&format!("<subtitle>{}</subtitle>\n", escape(&config.description)));
    }
    x.push_str(&format!("<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", escape(&self_url)));
    x.push_str(&format!("<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n", escape(&spec.link)));
    x.push_str(&format!("<id>{}</id>\n<generator>samvad</generator>\n", escape(&self_url)));
    let updated = newest(&posts).map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |(iso, _)| iso);
    x.push_str(&format!("<updated>{updated}</updated>\n"));
    let feed_author = if config.author.is_empty() { &config.title } else { &config.author };
    x.push_str(&format!("<author><name>{}</name></author>\n", escape(feed_author)));
    for &(i, p) in &posts {
        atom_entry(&mut x, config, spec, (i, p), full);
    }
    x.push_str("</feed>\n");
    x
}

fn atom_entry(x: &mut String, config: &Config, spec: &FeedSpec, (i, p): (usize, Page), full: FullHtml) {
    x.push_str(&format!("<entry xml:lang=\"{}\">\n", escape(&p.lang)));
    x.push_str(&format!("<title>{}</title>\n", escape(&p.title)));
    x.push_str(&format!("<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n", escape(&p.permalink)));
    x.push_str(&format!("<id>{}</id>\n", escape(&p.permalink)));
    if let Some(d) = &p.date {
        x.push_str(&format!("<published>{}</published>\n", d.iso));
    }
    if let Some(d) = p.updated.as_ref().or(p.date.as_ref()) {
        x.push_str(&format!("<updated>{}</updated>\n", d.iso));
    }
    if !p.author.is_empty() {
        x.push_str(&format!("<author><name>{}</name></author>\n", escape(&p.author)));
    }
    for name in categories(p, spec) {
        x.push_str(&format!("<category term=\"{}\"/>\n", escape(name)));
    }
    let kind = if config.feeds.full_content { "content" } else { "summary" };
    x.push_str(&format!("<{kind} type=\"html\">{}</{kind}>\n</entry>\n", escape(&body(config, i, p, full))));
}

/// The files of one feed as (output path, XML), for every enabled format.
pub fn render(site: &Site, spec: &FeedSpec, full: FullHtml) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if site.config().feeds.rss {
        out.push((format!("{}rss.xml", spec.dir), rss(site, spec, full)));
    }
    if site.config().feeds.atom {
        out.push((format!("{}atom.xml", spec.dir), atom(site, spec, full)));
    }
    out
}
