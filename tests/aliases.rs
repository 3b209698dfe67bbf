//! Front matter `aliases`: a redirect page at each old address, a
//! `_redirects` file for Netlify and Cloudflare Pages, nothing in the
//! sitemap or feeds, and errors for aliases that would replace a page or
//! leave the site.

mod common;

use common::*;
use scraper::Html;

const BASE: &str = "https://samvad.example/";

fn site_with_aliases() -> Site {
    let site = Site::new();
    site.file(
        "content/posts/naya.md",
        &post_with(
            "नया पता",
            "2026-11-01",
            "aliases = [\"/2019/05/old-post.html\", \"/old/url/\", \"/%E0%A4%AA%E0%A5%81%E0%A4%B0%E0%A4%BE%E0%A4%A8%E0%A4%BE/\"]\nlang = \"hi\"\n",
            "यह पोस्ट यहाँ आ गई है।",
        ),
    )
    .file("content/about.md", "+++\ntitle = \"About\"\naliases = [\"about-me\"]\n+++\nHi.\n");
    site
}

/// The redirect page at `rel`: where it sends the reader.
fn redirect_target(site: &Site, rel: &str) -> String {
    let doc = Html::parse_document(&site.read(rel));
    let refresh = one(&doc, "meta[http-equiv=refresh]").value().attr("content").unwrap().to_string();
    let to = refresh.strip_prefix("0; url=").unwrap_or_else(|| panic!("{rel}: refresh is {refresh:?}")).to_string();
    assert_eq!(one(&doc, "link[rel=canonical]").value().attr("href"), Some(to.as_str()), "{rel}");
    assert_eq!(one(&doc, "meta[name=robots]").value().attr("content"), Some("noindex"), "{rel}");
    assert_eq!(one(&doc, "body a").value().attr("href"), Some(to.as_str()), "{rel}: a visible link");
    to
}

#[test]
fn each_alias_gets_a_redirect_page_to_the_absolute_url() {
    let site = site_with_aliases();
    site.build_ok();
    // The slug comes from the file name.
    let post = format!("{BASE}posts/naya/");
    assert_eq!(redirect_target(&site, "2019/05/old-post.html"), post);
    assert_eq!(redirect_target(&site, "old/url/index.html"), post);
    assert_eq!(
        redirect_target(&site, "पुराना/index.html"),
        post,
        "a percent-encoded alias lands on the readable folder"
    );
    assert_eq!(redirect_target(&site, "about-me/index.html"), format!("{BASE}about/"));
    let doc = Html::parse_document(&site.read("old/url/index.html"));
    assert_eq!(one(&doc, "html").value().attr("lang"), Some("hi"));
    assert_eq!(text(one(&doc, "body a")), "नया पता");
}

#[test]
fn redirects_file_lists_every_alias_with_301() {
    let site = site_with_aliases();
    site.build_ok();
    let lines: Vec<Vec<String>> = site
        .read("_redirects")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(String::from).collect())
        .collect();
    let post = "/posts/naya/".to_string();
    let expected = [
        ["/2019/05/old-post.html", post.as_str(), "301"],
        ["/old/url/", post.as_str(), "301"],
        ["/%E0%A4%AA%E0%A5%81%E0%A4%B0%E0%A4%BE%E0%A4%A8%E0%A4%BE/", post.as_str(), "301"],
        ["/about-me/", "/about/", "301"],
    ];
    assert_eq!(lines, expected.map(|l| l.map(String::from).to_vec()).to_vec());
}

#[test]
fn aliases_stay_out_of_the_sitemap_and_feeds() {
    let site = site_with_aliases();
    site.build_ok();
    for file in ["sitemap.xml", "rss.xml", "atom.xml"] {
        let xml = site.read(file);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{file}: {e}"));
        for node in doc.descendants().filter(|n| n.is_text()) {
            let t = node.text().unwrap_or_default();
            assert!(!t.contains("old-post") && !t.contains("/old/url/") && !t.contains("about-me"), "{file}: {t}");
        }
    }
    assert!(site.read("sitemap.xml").contains(&format!("{BASE}about/")), "the page itself is listed");
}

#[test]
fn a_site_without_aliases_writes_no_redirects_file() {
    let site = Site::new();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "Text."));
    site.build_ok();
    assert!(!site.output("_redirects").exists());
}

#[test]
fn a_static_redirects_file_wins_and_the_summary_says_so() {
    let site = site_with_aliases();
    site.file("static/_redirects", "/from /to 302\n");
    let report = site.build_ok();
    assert_eq!(site.read("_redirects"), "/from /to 302\n");
    assert!(
        report.replaced.iter().any(|r| r.contains("static/_redirects replaces the generated _redirects")),
        "{report}"
    );
    assert!(site.output("old/url/index.html").is_file(), "the redirect pages are still written");
}

#[test]
fn an_alias_over_another_page_is_an_error_naming_both_files() {
    let site = Site::new();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "Text."))
        .file("content/posts/b.md", &post_with("B", "2026-11-02", "aliases = [\"/posts/a/\"]\n", "Text."));
    let err = site.build_fails();
    assert!(err.contains("content/posts/a.md") && err.contains("content/posts/b.md"), "{err}");
    assert!(err.contains("posts/a/index.html"), "{err}");
}

#[test]
fn two_pages_with_one_alias_is_an_error_naming_both() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "aliases = [\"/old/\"]\n", "Text."))
        .file("content/posts/b.md", &post_with("B", "2026-11-02", "aliases = [\"/old/\"]\n", "Text."));
    let err = site.build_fails();
    assert!(err.contains("content/posts/a.md") && err.contains("content/posts/b.md"), "{err}");
}

#[test]
fn bad_aliases_are_errors_at_their_line() {
    let site = Site::new();
    for (name, alias, says) in [
        ("full", "https://old.example/a/", "full URL"),
        ("climb", "/../../etc/", "`..`"),
        ("query", "/a?p=1", "query"),
        ("root", "/", "root"),
        ("own", "/posts/own/", "own address"),
    ] {
        site.file(
            &format!("content/posts/{name}.md"),
            &post_with(name, "2026-11-01", &format!("aliases = [\"{alias}\"]\n"), "Text."),
        );
        let err = site.build_fails();
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("content/posts/{name}.md:4:")))
            .unwrap_or_else(|| panic!("no error at content/posts/{name}.md:4 in:\n{err}"));
        assert!(line.contains(says), "{line}");
        std::fs::remove_file(site.path(&format!("content/posts/{name}.md"))).unwrap();
    }
}

#[test]
fn a_drafts_aliases_are_not_written() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "draft = true\naliases = [\"/old/\"]\n", "Text."))
        .file("content/posts/b.md", &post("B", "2026-11-01", "Text."));
    site.build_ok();
    assert!(!site.output("old/index.html").exists());
    assert!(!site.output("_redirects").exists());
}
