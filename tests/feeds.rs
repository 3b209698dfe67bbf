//! Feeds, sitemap, robots and head metadata, checked with real parsers.

mod common;

use common::*;
use std::collections::HashSet;

const HOSTILE: &str = "Tom & Jerry <script>alert(1)</script> ]]> \u{7}end";

fn blog() -> Site {
    let site = Site::with_config(&format!("{CONFIG}\n[feeds]\nlimit = 3\n"));
    site.file(
        "content/posts/one.md",
        &post_with(
            "First",
            "2026-10-01",
            "tags = [\"chat support\"]\n",
            "One body with [a link](two.md) and ![pic](pic.svg).\n",
        ),
    );
    site.file(
        "content/posts/two.md",
        &post_with(
            "Second",
            "2026-10-02T10:00:00+05:30",
            "tags = [\"chat support\", \"money\"]\nupdated = 2026-10-05\n",
            "Two body.\n",
        ),
    );
    site.file(
        "content/posts/three.md",
        &post_with("तीसरी पोस्ट", "2026-10-03", "lang = \"hi\"\ntags = [\"ऑनलाइन कमाई\"]\n", "तीसरी पोस्ट का सार।\n"),
    );
    site.file(
        "content/posts/four.md",
        "+++\ntitle = \"Tom & Jerry <script>alert(1)</script> ]]> \\u0007end\"\ndate = 2026-10-04\n+++\n\nBody with <b>html</b> & ]]> inside.\n",
    );
    site.file("content/posts/draft.md", &post_with("Draft", "2026-10-06", "draft = true\n", "Secret.\n"));
    site.file("content/posts/later.md", &post("Later", "2027-01-01", "Not yet.\n"));
    site.file("content/about.md", &page("About", "About me.\n"));
    site.build_ok();
    site
}

fn parse_feed(site: &Site, rel: &str) -> feed_rs::model::Feed {
    let xml = site.read(rel);
    roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel} is not well-formed XML: {e}"));
    feed_rs::parser::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{rel} is not a valid feed: {e}"))
}

#[test]
fn rss_and_atom_parse_with_required_fields_newest_first() {
    let site = blog();
    for rel in ["rss.xml", "atom.xml"] {
        let feed = parse_feed(&site, rel);
        assert_eq!(feed.entries.len(), 3, "{rel}: capped by limit");
        let titles: Vec<String> = feed.entries.iter().map(|e| e.title.as_ref().unwrap().content.clone()).collect();
        assert_eq!(titles[0], HOSTILE.replace('\u{7}', ""), "{rel}: hostile title round-trips");
        assert_eq!(titles[1], "तीसरी पोस्ट");
        let ids: HashSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 3, "{rel}: ids are unique");
        for e in &feed.entries {
            assert!(e.links[0].href.starts_with("https://samvad.example/posts/"), "{rel}: absolute link");
            assert!(e.published.is_some(), "{rel}: published date");
        }
        assert!(!titles.iter().any(|t| t == "Draft" || t == "Later"), "{rel}: no drafts or scheduled posts");
    }
}

#[test]
fn date_formats_and_feed_updated_is_newest_entry() {
    let site = blog();
    let rss = site.read("rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let pub_dates: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("pubDate")).filter_map(|n| n.text()).collect();
    assert!(pub_dates.iter().all(|d| jiff::fmt::rfc2822::parse(d).is_ok()), "RFC 822 dates: {pub_dates:?}");
    let atom = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let feed_updated = doc.root_element().children().find(|n| n.has_tag_name("updated")).unwrap().text().unwrap();
    assert!(feed_updated.parse::<jiff::Timestamp>().is_ok(), "RFC 3339: {feed_updated}");
    assert_eq!(feed_updated, "2026-10-05T00:00:00Z", "newest entry's updated date, not build time");
    assert_eq!(doc.root_element().attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en"));
}

#[test]
fn rss_has_self_link_language_and_categories() {
    let site = blog();
    let doc_text = site.read("rss.xml");
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let self_link = doc.descendants().find(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "link"))).unwrap();
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(self_link.attribute("href"), Some("https://samvad.example/rss.xml"));
    assert!(doc.descendants().any(|n| n.has_tag_name("language") && n.text() == Some("en")));
    assert!(doc.descendants().any(|n| n.has_tag_name("category") && n.text() == Some("money")));
}

#[test]
fn content_links_are_absolute_in_feeds() {
    let site = blog();
    let feed = parse_feed(&site, "tags/chat-support/atom.xml");
    let one = feed.entries.iter().find(|e| e.title.as_ref().unwrap().content == "First").unwrap();
    let html = one.summary.as_ref().map(|s| s.content.clone()).unwrap_or_default();
    assert!(html.contains("href=\"https://samvad.example/posts/two/\""), "{html}");
    assert!(html.contains("src=\"https://samvad.example/posts/one/pic.svg\""), "{html}");
}

#[test]
fn per_tag_and_per_language_feeds() {
    let site = blog();
    assert_eq!(parse_feed(&site, "tags/money/rss.xml").entries.len(), 1);
    assert_eq!(parse_feed(&site, "tags/ऑनलाइन-कमाई/atom.xml").entries.len(), 1);
    let hi = parse_feed(&site, "lang/hi/atom.xml");
    assert_eq!(hi.entries.len(), 1);
    assert_eq!(hi.entries[0].title.as_ref().unwrap().content, "तीसरी पोस्ट");
}

#[test]
fn feeds_can_be_switched_off() {
    let site = Site::with_config(&format!("{CONFIG}\n[feeds]\nrss = false\n"));
    site.file("content/posts/a.md", &post("A", "2026-10-01", "x\n"));
    site.build_ok();
    assert!(!site.exists("rss.xml"));
    assert!(site.exists("atom.xml"));
    let doc = site.html("index.html");
    assert!(select(&doc, "link[rel=alternate][type='application/rss+xml']").is_empty());
    assert_eq!(select(&doc, "link[rel=alternate][type='application/atom+xml']").len(), 1);
}

#[test]
fn sitemap_lists_exactly_the_published_pages() {
    let site = blog();
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: HashSet<String> =
        doc.descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap().to_string()).collect();
    let lastmods = doc.descendants().filter(|n| n.has_tag_name("lastmod")).count();
    assert_eq!(lastmods, locs.len(), "every url has a lastmod");
    for must in [
        "https://samvad.example/",
        "https://samvad.example/posts/one/",
        "https://samvad.example/about/",
        "https://samvad.example/tags/",
    ] {
        assert!(locs.contains(must), "missing {must}");
    }
    for never in [
        "https://samvad.example/posts/draft/",
        "https://samvad.example/posts/later/",
        "https://samvad.example/404.html",
    ] {
        assert!(!locs.contains(never), "should not list {never}");
    }
    // Every listed URL is a file in the output, and every index.html is listed.
    let mut html_pages = 0;
    for (rel, _) in site.snapshot() {
        if rel.ends_with("index.html") {
            html_pages += 1;
            let url =
                format!("https://samvad.example/{}", samvad::slug::encode_path(rel.trim_end_matches("index.html")));
            assert!(locs.contains(&url), "{url} not in sitemap");
        }
    }
    assert_eq!(html_pages, locs.len());
    assert!(site.read("robots.txt").contains("Sitemap: https://samvad.example/sitemap.xml"));
}

#[test]
fn robots_can_be_overridden_from_static() {
    let site = Site::new();
    site.file("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.build_ok();
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /\n");
}

#[test]
fn post_head_has_search_and_social_metadata() {
    let site = blog();
    let doc = site.html("posts/two/index.html");
    let meta = |css: &str| one(&doc, css).value().attr("content").unwrap().to_string();
    assert_eq!(one(&doc, "html").value().attr("lang"), Some("en"));
    assert_eq!(one(&doc, "link[rel=canonical]").value().attr("href"), Some("https://samvad.example/posts/two/"));
    assert_eq!(meta("meta[property='og:type']"), "article");
    assert_eq!(meta("meta[property='og:url']"), "https://samvad.example/posts/two/");
    assert_eq!(meta("meta[property='og:locale']"), "en_IN");
    assert_eq!(meta("meta[property='article:published_time']"), "2026-10-02T10:00:00+05:30");
    assert_eq!(meta("meta[property='article:modified_time']"), "2026-10-05T00:00:00Z");
    assert_eq!(select(&doc, "meta[property='article:tag']").len(), 2);
    assert_eq!(meta("meta[name='twitter:card']"), "summary");
    assert!(meta("meta[name=description]").contains("Two body"));
    assert_eq!(select(&doc, "link[rel=alternate][type='application/atom+xml']").len(), 1);
}

#[test]
fn json_ld_parses_with_the_right_types_and_survives_script_in_title() {
    let site = blog();
    let doc = site.html("posts/four/index.html");
    let raw = text(one(&doc, "script[type='application/ld+json']"));
    let v: serde_json::Value = serde_json::from_str(&raw).expect("JSON-LD parses");
    let graph = v["@graph"].as_array().unwrap();
    let posting = graph.iter().find(|n| n["@type"] == "BlogPosting").unwrap();
    assert_eq!(posting["headline"], HOSTILE);
    assert_eq!(posting["author"]["@type"], "Person");
    assert_eq!(posting["inLanguage"], "en");
    assert!(graph.iter().any(|n| n["@type"] == "BreadcrumbList"));
    assert_eq!(select(&doc, "script:not([src])").len(), 1, "the title's <script> must not become an element");
    assert!(!select(&doc, "script").iter().any(|s| text(*s).contains("alert(1)") && s.value().attr("type").is_none()));
    let home = site.html("index.html");
    let v: serde_json::Value = serde_json::from_str(&text(one(&home, "script[type='application/ld+json']"))).unwrap();
    assert_eq!(v["@type"], "WebSite");
}

#[test]
fn translations_get_hreflang_and_a_language_switch() {
    let site = Site::new();
    site.file("content/posts/earn.md", &post("Earning online", "2026-10-01", "Hello.\n"));
    site.file(
        "content/posts/kamai.md",
        &post_with("ऑनलाइन कमाई", "2026-10-01", "lang = \"hi\"\ntranslation_of = \"posts/earn.md\"\n", "नमस्ते।\n"),
    );
    site.build_ok();
    for rel in ["posts/earn/index.html", "posts/kamai/index.html"] {
        let doc = site.html(rel);
        let langs: Vec<&str> =
            select(&doc, "link[rel=alternate][hreflang]").iter().filter_map(|l| l.value().attr("hreflang")).collect();
        assert_eq!(langs, ["en", "hi"], "{rel}");
        assert_eq!(select(&doc, ".lang-switch a").len(), 1, "{rel}: links to the other language");
    }
}

#[test]
fn missing_image_and_missing_translation_are_errors_with_lines() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-10-01", "image = \"nope.png\"\n", "x\n"));
    site.file("content/posts/b.md", &post_with("B", "2026-10-01", "translation_of = \"posts/none.md\"\n", "x\n"));
    let err = site.build_fails();
    assert!(err.contains("content/posts/a.md:4") && err.contains("nope.png"), "{err}");
    assert!(err.contains("content/posts/b.md:4") && err.contains("posts/none.md"), "{err}");
}

#[test]
fn styled_404_at_the_root() {
    let site = blog();
    let doc = site.html("404.html");
    assert!(select(&doc, "link[rel=stylesheet]").iter().any(|l| l
        .value()
        .attr("href")
        .unwrap()
        .ends_with("style.css")));
    assert_eq!(text(one(&doc, "h1")), "Page not found");
}

#[test]
fn full_content_feeds_carry_every_shown_post_body() {
    // A build drops each post's HTML once its page is written, except for
    // the posts some feed shows in full: the site feed's newest two and
    // each tag feed's newest two, which here reach back to the oldest post.
    let site = Site::with_config(&format!("{CONFIG}\n[feeds]\nlimit = 2\nfull_content = true\n"));
    for (n, tag) in [(1, "old"), (2, "new"), (3, "new"), (4, "new")] {
        let body = format!("Body number {n} with **bold** text.\n\nSecond paragraph {n}.\n");
        site.file(
            &format!("content/posts/p{n}.md"),
            &post_with(&format!("Post {n}"), &format!("2026-10-0{n}"), &format!("tags = [\"{tag}\"]\n"), &body),
        );
    }
    site.build_ok();
    let content = |rel: &str| -> Vec<String> {
        let feed = parse_feed(&site, rel);
        feed.entries.iter().map(|e| e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default()).collect()
    };
    let main = content("atom.xml");
    assert_eq!(main.len(), 2);
    assert!(main[0].contains("<strong>bold</strong>") && main[0].contains("Second paragraph 4"), "{main:?}");
    assert!(main[1].contains("Second paragraph 3"), "{main:?}");
    let old = content("tags/old/atom.xml");
    assert!(old[0].contains("Body number 1") && old[0].contains("Second paragraph 1"), "{old:?}");
    let doc = site.html("posts/p1/index.html");
    assert!(text(one(&doc, ".content")).contains("Second paragraph 1"), "the post page has its body too");
}

/// The categories of the entry titled `title` in the feed at `rel`.
fn entry_categories(site: &Site, rel: &str, title: &str) -> Vec<String> {
    let feed = parse_feed(site, rel);
    let entry = feed.entries.iter().find(|e| e.title.as_ref().unwrap().content == title).unwrap();
    entry.categories.iter().map(|c| c.term.clone()).collect()
}

/// #16.24: a post with more tags than a term's feed lists still gets every
/// tag: its page links them all, each has a page and a feed carrying the
/// post, and the site's feed names them all. A tag's feed names that tag
/// alone for it, so feeds grow with the number of tags, not its square.
#[test]
fn a_post_with_hundreds_of_tags_keeps_every_tag() {
    let site = Site::new();
    let names: Vec<String> = (0..200).map(|i| format!("tag {i}")).collect();
    let quoted: Vec<String> = names.iter().chain([&"Tag 7".to_string()]).map(|n| format!("{n:?}")).collect();
    let front = format!("tags = [{}]\n", quoted.join(", "));
    site.file("content/posts/many.md", &post_with("Many", "2026-10-01", &front, "Body.\n"));
    let few = "tags = [\"tag 1\", \"money\"]\n";
    site.file("content/posts/few.md", &post_with("Few", "2026-10-02", few, "Body.\n"));
    site.build_ok();

    let page = site.html("posts/many/index.html");
    let links: Vec<String> = page.select(&sel(".tags a")).map(|a| a.text().collect()).collect();
    assert_eq!(links, names.iter().map(|n| format!("#{n}")).collect::<Vec<_>>(), "\"Tag 7\" is \"tag 7\"");
    let list = site.html("tags/index.html");
    assert_eq!(list.select(&sel(".term-cloud a")).count(), 201, "200 tags and money");
    for name in &names {
        let dir = format!("tags/{}", name.replace(' ', "-"));
        let term = site.html(&format!("{dir}/index.html"));
        let all = term.select(&sel(".meta a")).next().unwrap();
        assert_eq!(all.value().attr("href"), Some("https://samvad.example/tags/"), "{dir}");
        for feed in ["rss.xml", "atom.xml"] {
            assert_eq!(entry_categories(&site, &format!("{dir}/{feed}"), "Many"), [name.as_str()], "{dir}/{feed}");
        }
    }
    for feed in ["rss.xml", "atom.xml"] {
        assert_eq!(entry_categories(&site, feed, "Many"), names, "{feed}");
        assert_eq!(entry_categories(&site, &format!("tags/tag-1/{feed}"), "Few"), ["tag 1", "money"], "{feed}");
    }
    let json = std::fs::read_to_string(site.path("social/snippets.json")).unwrap();
    let snippets: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let linkedin = snippets.iter().find(|s| s["post"] == "Many" && s["platform"] == "linkedin").unwrap();
    assert!(linkedin["text"].as_str().unwrap().ends_with("\n\n#Tag0 #Tag1 #Tag2 #Tag3"), "{linkedin}");
}
