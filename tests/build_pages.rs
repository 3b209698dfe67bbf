//! What a successful build writes, checked by parsing the output as a
//! reader's browser would.

mod common;

use common::{card_titles, decoded, one, page, post, post_with, select, text, Site};

#[test]
fn every_kind_of_page_is_written_at_its_url() {
    let site = Site::new();
    site.file(
        "content/posts/first-post.md",
        &post_with("First post", "2026-11-01", "tags = [\"Chat Support\"]\ncategories = [\"Career\"]\n", "Hello."),
    )
    .file("content/about.md", &page("About me", "I answer chats."))
    .file("content/services.md", &page("Services", "I sell advice."))
    .file("static/robots-note.txt", "static file\n")
    .file("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let report = site.build_ok();
    assert_eq!(report.posts, 1);
    assert_eq!(report.tags, 1);

    let doc = site.html("posts/first-post/index.html");
    assert_eq!(text(one(&doc, "article h1")), "First post");
    assert!(text(one(&doc, "title")).starts_with("First post"), "{}", text(one(&doc, "title")));

    assert_eq!(text(one(&site.html("about/index.html"), "article h1")), "About me");
    assert_eq!(text(one(&site.html("services/index.html"), "article h1")), "Services");

    let home = site.html("index.html");
    assert_eq!(card_titles(&home), ["First post"]);
    let nav: Vec<String> = select(&home, "header nav a").into_iter().map(text).collect();
    assert!(nav.contains(&"About me".to_string()) && nav.contains(&"Services".to_string()), "{nav:?}");

    let tag_list = site.html("tags/index.html");
    let term = one(&tag_list, ".term-cloud a");
    assert!(text(term).starts_with("Chat Support"), "{}", text(term));
    assert_eq!(term.attr("href"), Some("https://samvad.example/tags/chat-support/"));
    assert_eq!(card_titles(&site.html("tags/chat-support/index.html")), ["First post"]);
    assert!(select(&site.html("categories/index.html"), ".term-cloud a").iter().any(|a| text(*a).contains("Career")));
    assert_eq!(card_titles(&site.html("categories/career/index.html")), ["First post"]);

    let not_found = site.html("404.html");
    assert!(!select(&not_found, "h1").is_empty());
    assert_eq!(one(&not_found, "html").attr("lang"), Some("en"));

    assert!(site.read("highlight.css").contains(".hl-"), "highlight.css has the highlight classes");
    assert_eq!(site.read("style.css"), std::fs::read_to_string(site.path("themes/default/static/style.css")).unwrap());
    assert_eq!(site.read("robots-note.txt"), "static file\n");
    assert!(site.exists("img/logo.svg"));
}

#[test]
fn bundle_asset_is_copied_next_to_its_page() {
    let site = Site::new();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n";
    site.file("content/posts/b/index.md", &post("Bundle", "2026-11-02", "![a picture](pic.svg)"))
        .file("content/posts/b/pic.svg", svg)
        .file("content/images/loose.png", "not really a png");
    site.build_ok();
    assert_eq!(site.read("posts/b/pic.svg"), svg);
    let doc = site.html("posts/b/index.html");
    assert_eq!(one(&doc, ".content img").attr("src"), Some("pic.svg"));
    assert!(site.exists("images/loose.png"), "content files outside bundles keep their path");
}

#[test]
fn drafts_are_left_out_and_counted() {
    let site = Site::new();
    site.file("content/posts/live.md", &post("Live", "2026-11-01", "Out now."))
        .file("content/posts/wip.md", &post_with("Work in progress", "2026-11-02", "draft = true\n", "Not yet."))
        .file("content/secret.md", "+++\ntitle = \"Secret page\"\ndraft = true\n+++\nshh\n");
    let report = site.build_ok();
    assert_eq!((report.posts, report.drafts, report.scheduled), (1, 2, 0));
    assert!(!site.output("posts/wip").exists());
    assert!(!site.output("secret").exists());
    assert_eq!(card_titles(&site.html("index.html")), ["Live"]);
}

#[test]
fn drafts_are_included_when_asked() {
    let site = Site::new();
    site.file("content/posts/live.md", &post("Live", "2026-11-01", "Out now."))
        .file("content/posts/wip.md", &post_with("Work in progress", "2026-11-02", "draft = true\n", "Not yet."));
    let report = site.build_with(|o| o.drafts = true).expect("build");
    assert_eq!((report.posts, report.drafts), (2, 0));
    assert_eq!(text(one(&site.html("posts/wip/index.html"), "article h1")), "Work in progress");
    assert_eq!(card_titles(&site.html("index.html")), ["Work in progress", "Live"]);
}

#[test]
fn future_posts_are_left_out_and_counted_as_scheduled() {
    let site = Site::new();
    site.file("content/posts/today.md", &post("Today", "2026-11-25", "Published on the clock's day."))
        .file("content/posts/tomorrow.md", &post("Tomorrow", "2026-11-26", "Not yet."))
        .file("content/posts/later.md", &post("Later today", "2026-11-25T10:00:00Z", "Not yet either."));
    let report = site.build_ok();
    assert_eq!((report.posts, report.drafts, report.scheduled), (1, 0, 2));
    assert!(!site.output("posts/tomorrow").exists());
    assert!(!site.output("posts/later").exists());
    assert_eq!(card_titles(&site.html("index.html")), ["Today"]);
}

#[test]
fn future_posts_are_included_when_asked() {
    let site = Site::new();
    site.file("content/posts/today.md", &post("Today", "2026-11-25", "Now."))
        .file("content/posts/tomorrow.md", &post("Tomorrow", "2026-11-26", "Soon."));
    let report = site.build_with(|o| o.future = true).expect("build");
    assert_eq!((report.posts, report.scheduled), (2, 0));
    assert!(site.exists("posts/tomorrow/index.html"));
    assert_eq!(card_titles(&site.html("index.html")), ["Tomorrow", "Today"]);
}

#[test]
fn ascii_file_name_gives_the_slug_for_a_hindi_title() {
    let site = Site::new();
    site.file("content/posts/online-chatting.md", &post("ऑनलाइन चैटिंग से कमाई", "2026-11-01", "नमस्ते।"));
    site.build_ok();
    let doc = site.html("posts/online-chatting/index.html");
    assert_eq!(text(one(&doc, "article h1")), "ऑनलाइन चैटिंग से कमाई");
    let home = site.html("index.html");
    let links = common::card_links(&home);
    assert_eq!(links.len(), 1);
    let link = links[0];
    assert_eq!(link.attr("href"), Some("https://samvad.example/posts/online-chatting/"));
}

#[test]
fn devanagari_slug_makes_a_readable_folder_and_encoded_links() {
    let site = Site::new();
    site.file(
        "content/posts/kamai.md",
        &post_with(
            "ऑनलाइन चैटिंग से कमाई",
            "2026-11-01",
            "slug = \"ऑनलाइन-चैटिंग-से-कमाई\"\nlang = \"hi\"\n",
            "चैट से कमाई मुमकिन है।",
        ),
    );
    site.build_ok();
    assert!(site.output("posts/ऑनलाइन-चैटिंग-से-कमाई").is_dir());
    let doc = site.html("posts/ऑनलाइन-चैटिंग-से-कमाई/index.html");
    assert_eq!(one(&doc, "html").attr("lang"), Some("hi"));
    assert_eq!(text(one(&doc, "article h1")), "ऑनलाइन चैटिंग से कमाई");

    let home = site.html("index.html");
    let href = common::card_links(&home)[0].attr("href").expect("href");
    assert!(href.is_ascii() && href.contains("%E0%A4"), "links are percent-encoded: {href}");
    assert_eq!(decoded(href), "https://samvad.example/posts/ऑनलाइन-चैटिंग-से-कमाई/");
}

#[test]
fn devanagari_tags_get_readable_folders_and_encoded_links() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = [\"ऑनलाइन कमाई\", \"Chat Support\"]\n", "x"));
    site.build_ok();
    assert_eq!(card_titles(&site.html("tags/ऑनलाइन-कमाई/index.html")), ["A"]);
    let doc = site.html("posts/a/index.html");
    let hrefs: Vec<&str> = select(&doc, "article .tags a").into_iter().filter_map(|a| a.attr("href")).collect();
    assert_eq!(hrefs.len(), 2, "{hrefs:?}");
    assert!(hrefs.iter().all(|h| h.is_ascii()), "{hrefs:?}");
    let decoded: Vec<String> = hrefs.iter().map(|h| decoded(h)).collect();
    assert!(decoded.contains(&"https://samvad.example/tags/ऑनलाइन-कमाई/".to_string()), "{decoded:?}");
}

#[test]
fn devanagari_heading_gets_an_id_and_a_self_link() {
    let site = Site::new();
    site.file(
        "content/posts/samay.md",
        &post_with("समय", "2026-11-01", "lang = \"hi\"\n", "परिचय।\n\n## समय प्रबंधन\n\nकाम की बात।\n\n## समय प्रबंधन\n"),
    );
    site.build_ok();
    let doc = site.html("posts/samay/index.html");
    let headings = select(&doc, ".content h2");
    assert_eq!(headings.len(), 2);
    assert_eq!(headings[0].attr("id"), Some("समय-प्रबंधन"));
    assert_eq!(headings[1].attr("id"), Some("समय-प्रबंधन-1"), "repeated headings get unique ids");
    let anchor = one(&doc, "h2#समय-प्रबंधन a.heading-anchor");
    assert_eq!(decoded(anchor.attr("href").expect("href")), "#समय-प्रबंधन");
    assert!(text(headings[0]).starts_with("समय प्रबंधन"));
}

#[test]
fn a_name_without_letters_gets_a_fallback_slug_and_a_warning() {
    let site = Site::new();
    site.file("content/posts/!!!.md", &post("???", "2026-11-01", "Only punctuation in the name."));
    let report = site.build_ok();
    let warning = report
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.starts_with("content/posts/!!!.md:1: warning:"))
        .unwrap_or_else(|| panic!("a warning about content/posts/!!!.md in {:?}", report.warnings));
    let folders: Vec<String> = std::fs::read_dir(site.output("posts"))
        .expect("posts/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    let slug = &folders[0];
    assert!(!slug.is_empty() && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'), "{slug}");
    assert!(warning.contains(slug.as_str()), "the warning names the slug used: {warning}");
    assert_eq!(text(one(&site.html(&format!("posts/{slug}/index.html")), "article h1")), "???");
}

/// The `.summary` text of the home page card titled `title`.
fn summary_of(site: &Site, title: &str) -> String {
    let home = site.html("index.html");
    let card = select(&home, ".post-card")
        .into_iter()
        .find(|c| c.select(&common::sel("h2 a, h3 a")).any(|a| text(a) == title))
        .unwrap_or_else(|| panic!("no card for {title}"));
    text(card.select(&common::sel(".summary")).next().expect(".summary"))
}

#[test]
fn summary_is_the_text_before_the_more_marker() {
    let site = Site::new();
    site.file(
        "content/posts/a.md",
        &post_with(
            "Split",
            "2026-11-01",
            "description = \"The description.\"\n",
            "Opening words.\n\nSecond opening paragraph.\n\n<!-- more -->\n\nHidden tail.",
        ),
    );
    site.build_ok();
    let summary = summary_of(&site, "Split");
    assert!(summary.contains("Opening words.") && summary.contains("Second opening paragraph."), "{summary}");
    assert!(!summary.contains("Hidden tail"), "{summary}");
    assert!(!summary.contains("The description"), "{summary}");
    let full = text(one(&site.html("posts/a/index.html"), ".content"));
    assert!(full.contains("Opening words.") && full.contains("Hidden tail."), "{full}");
}

#[test]
fn summary_falls_back_to_the_description() {
    let site = Site::new();
    site.file(
        "content/posts/a.md",
        &post_with("Described", "2026-11-01", "description = \"Tea & <chat> tips.\"\n", "Body paragraph.\n\nMore."),
    );
    site.build_ok();
    let summary = summary_of(&site, "Described");
    assert_eq!(summary, "Tea & <chat> tips.");
}

#[test]
fn summary_falls_back_to_the_first_paragraph() {
    let site = Site::new();
    site.file(
        "content/posts/a.md",
        &post("Plain", "2026-11-01", "## A heading\n\nFirst paragraph here.\n\nSecond one."),
    );
    site.build_ok();
    assert_eq!(summary_of(&site, "Plain"), "First paragraph here.");
}

/// `n` words of prose in `sentence`-sized pieces (`sentence` has `per` words).
fn prose(sentence: &str, per: usize, n: usize) -> String {
    assert_eq!(n % per, 0);
    let sentences: Vec<&str> = std::iter::repeat_n(sentence, n / per).collect();
    sentences.chunks(10).map(|c| c.join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// The reading-time line (`.meta`) of a post page.
fn meta(site: &Site, rel: &str) -> String {
    let doc = site.html(rel);
    select(&doc, "article .meta").into_iter().map(text).collect::<Vec<_>>().join(" | ")
}

#[test]
fn hindi_reading_time_uses_the_hindi_speed() {
    let site = Site::new();
    site.file("samvad.toml", &format!("{}\n[reading_speed]\nen = 230\nhi = 180\n", common::CONFIG));
    // Six words a sentence; the danda is punctuation, not a word.
    let sentence = "समय प्रबंधन सबसे ज़रूरी कौशल है।";
    let body = prose(sentence, 6, 360);
    site.file("content/posts/do-minute.md", &post_with("दो मिनट", "2026-11-01", "lang = \"hi\"\n", &body));
    site.file(
        "content/posts/teen-minute.md",
        &post_with("तीन मिनट", "2026-11-02", "lang = \"hi\"\n", &format!("{body}\n\nएक।")),
    );
    site.build_ok();
    let two = meta(&site, "posts/do-minute/index.html");
    assert!(two.contains("2 मिनट में पढ़ें"), "360 words at 180 wpm: {two}");
    let three = meta(&site, "posts/teen-minute/index.html");
    assert!(three.contains("3 मिनट में पढ़ें"), "361 words round up: {three}");
    assert!(two.contains("1 नवंबर 2026"), "the date is shown in Hindi: {two}");
}

#[test]
fn english_reading_time_uses_the_english_speed() {
    let site = Site::new();
    let sentence = "Good chat support answers the real question in plain words.";
    site.file("content/posts/two.md", &post("Two minutes", "2026-11-01", &prose(sentence, 10, 460)));
    site.file("content/posts/three.md", &post("Three minutes", "2026-11-02", &prose(sentence, 10, 470)));
    site.build_ok();
    let two = meta(&site, "posts/two/index.html");
    assert!(two.contains("2 min read"), "460 words at 230 wpm: {two}");
    let three = meta(&site, "posts/three/index.html");
    assert!(three.contains("3 min read"), "470 words at 230 wpm: {three}");
    assert!(two.contains("1 November 2026"), "{two}");
}

#[test]
fn rust_code_is_highlighted_with_classes() {
    let site = Site::new();
    let code = "fn main() {\n    let n = 42;\n    println!(\"{n}\");\n}\n";
    site.file("content/posts/code.md", &post("Code", "2026-11-01", &format!("```rust\n{code}```")));
    site.build_ok();
    let doc = site.html("posts/code/index.html");
    let block = one(&doc, "pre code.language-rust");
    let span = common::sel("span");
    let spans = block.select(&span).filter(|s| s.attr("class").is_some_and(|c| c.contains("hl-")));
    assert!(spans.count() > 3, "highlight spans in {}", block.html());
    assert_eq!(block.text().collect::<String>(), code, "the code text is unchanged");
    assert!(site.read("highlight.css").contains(".hl-"));
}

#[test]
fn unknown_language_is_escaped_plain_text() {
    let site = Site::new();
    let code = "<script>alert(\"pwned\")</script> & <b>bold</b>\n";
    site.file("content/posts/log.md", &post("Log", "2026-11-01", &format!("```nosuchlang\n{code}```")));
    site.build_ok();
    let doc = site.html("posts/log/index.html");
    let pre = one(&doc, "article pre");
    assert!(pre.select(&common::sel("script, b")).next().is_none(), "no elements from the code: {}", pre.html());
    assert!(select(&doc, "article script").is_empty());
    assert_eq!(pre.text().collect::<String>(), code);
}

#[test]
fn site_template_overrides_the_theme_template() {
    let site = Site::new();
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}<div id=\"site-override\">{{ page.title }}</div>{% endblock content %}\n",
    )
    .file("content/about.md", &page("About", "Text."))
    .file("content/posts/a.md", &post("A post", "2026-11-01", "Text."));
    site.build_ok();
    let about = site.html("about/index.html");
    assert_eq!(text(one(&about, "main #site-override")), "About");
    assert!(!select(&about, "header nav").is_empty(), "the theme's base.html still wraps the page");
    let post_doc = site.html("posts/a/index.html");
    assert!(select(&post_doc, "#site-override").is_empty(), "post.html is still the theme's");
    assert_eq!(text(one(&post_doc, "article h1")), "A post");
}

#[test]
fn site_static_file_overrides_the_theme_static_file() {
    let site = Site::new();
    site.file("static/style.css", "/* the site's own */\nbody { color: red; }\n");
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    site.build_ok();
    assert_eq!(site.read("style.css"), "/* the site's own */\nbody { color: red; }\n");
}

/// `n` posts "Post 01".. dated 2026-01-01.., with extra front matter.
fn many_posts(site: &Site, n: usize, front: impl Fn(usize) -> String) {
    for i in 1..=n {
        site.file(
            &format!("content/posts/p{i:02}.md"),
            &post_with(&format!("Post {i:02}"), &format!("2026-01-{i:02}"), &front(i), &format!("Body {i}.")),
        );
    }
}

fn titles(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("Post {i:02}")).collect()
}

fn rel_link<'a>(doc: &'a scraper::Html, rel: &str) -> Option<&'a str> {
    let found = select(doc, &format!(".pagination a[rel={rel}]"));
    assert!(found.len() <= 1);
    found.first().map(|a| a.attr("href").expect("href"))
}

#[test]
fn home_page_paginates_newest_first() {
    let site = Site::new();
    many_posts(&site, 25, |_| String::new());
    let report = site.build_ok();
    assert_eq!(report.posts, 25);

    let p1 = site.html("index.html");
    let p2 = site.html("page/2/index.html");
    let p3 = site.html("page/3/index.html");
    assert!(!site.output("page/4").exists());
    assert!(!site.output("page/1").exists(), "page 1 is the home page itself");

    assert_eq!(card_titles(&p1), titles((16..=25).rev()));
    assert_eq!(card_titles(&p2), titles((6..=15).rev()));
    assert_eq!(card_titles(&p3), titles((1..=5).rev()));
    assert_eq!(select(&p3, ".post-card").len(), 5);

    assert_eq!(rel_link(&p1, "prev"), None);
    assert_eq!(rel_link(&p1, "next"), Some("https://samvad.example/page/2/"));
    assert_eq!(rel_link(&p2, "prev"), Some("https://samvad.example/"));
    assert_eq!(rel_link(&p2, "next"), Some("https://samvad.example/page/3/"));
    assert_eq!(rel_link(&p3, "prev"), Some("https://samvad.example/page/2/"));
    assert_eq!(rel_link(&p3, "next"), None);
    assert_eq!(one(&p2, "link[rel=canonical]").attr("href"), Some("https://samvad.example/page/2/"));
}

#[test]
fn tag_pages_paginate() {
    let site = Site::new();
    many_posts(&site, 12, |_| "tags = [\"x\"]\n".to_string());
    site.file("content/posts/other.md", &post_with("Other", "2026-02-01", "tags = [\"y\"]\n", "Not x."));
    site.build_ok();
    let p1 = site.html("tags/x/index.html");
    let p2 = site.html("tags/x/page/2/index.html");
    assert!(!site.output("tags/x/page/3").exists());
    assert_eq!(card_titles(&p1), titles((3..=12).rev()));
    assert_eq!(card_titles(&p2), titles((1..=2).rev()));
    assert_eq!(rel_link(&p1, "prev"), None);
    assert_eq!(rel_link(&p1, "next"), Some("https://samvad.example/tags/x/page/2/"));
    assert_eq!(rel_link(&p2, "prev"), Some("https://samvad.example/tags/x/"));
    assert_eq!(rel_link(&p2, "next"), None);
    let y = site.html("tags/y/index.html");
    assert_eq!(card_titles(&y), ["Other"]);
    assert!(select(&y, ".pagination").is_empty(), "one page needs no pagination");
}

#[test]
fn post_pages_link_to_newer_and_older_posts() {
    let site = Site::new();
    site.file("content/posts/old.md", &post("Old", "2026-11-01", "x"))
        .file("content/posts/middle.md", &post("Middle", "2026-11-02", "x"))
        .file("content/posts/new.md", &post("New", "2026-11-03", "x"));
    site.build_ok();
    let nav = |rel: &str| {
        let doc = site.html(rel);
        let link = |r: &str| {
            select(&doc, &format!(".post-nav a[rel={r}]"))
                .first()
                .map(|a| (a.attr("href").unwrap().to_string(), text(*a)))
        };
        (link("prev"), link("next"))
    };
    let (prev, next) = nav("posts/middle/index.html");
    let (prev, next) = (prev.expect("newer link"), next.expect("older link"));
    assert_eq!(prev.0, "https://samvad.example/posts/new/");
    assert!(prev.1.contains("New"), "{}", prev.1);
    assert_eq!(next.0, "https://samvad.example/posts/old/");
    assert!(next.1.contains("Old"), "{}", next.1);

    let (prev, next) = nav("posts/new/index.html");
    assert!(prev.is_none(), "the newest post has no newer one");
    assert_eq!(next.unwrap().0, "https://samvad.example/posts/middle/");
    let (prev, next) = nav("posts/old/index.html");
    assert_eq!(prev.unwrap().0, "https://samvad.example/posts/middle/");
    assert!(next.is_none(), "the oldest post has no older one");
}

#[test]
fn links_to_content_files_become_page_urls() {
    let site = Site::new();
    site.file(
        "content/posts/a.md",
        &post("A", "2026-11-01", "See [B](b.md#part), [about](../about.md) and [B again](@/posts/b.md)."),
    )
    .file("content/posts/b.md", &post_with("B", "2026-11-02", "slug = \"बी\"\n", "B."))
    .file("content/about.md", &page("About", "x"));
    site.build_ok();
    let doc = site.html("posts/a/index.html");
    let hrefs: Vec<String> = select(&doc, ".content a").into_iter().map(|a| decoded(a.attr("href").unwrap())).collect();
    assert_eq!(
        hrefs,
        ["https://samvad.example/posts/बी/#part", "https://samvad.example/about/", "https://samvad.example/posts/बी/"]
    );
}

#[test]
fn yaml_front_matter_builds_like_toml() {
    let site = Site::new();
    site.file(
        "content/posts/yaml.md",
        "---\ntitle: यह YAML है\ndate: 2026-11-01\ntags:\n  - chat\nlang: hi\n---\n\nनमस्ते।\n",
    );
    site.build_ok();
    let doc = site.html("posts/yaml/index.html");
    assert_eq!(text(one(&doc, "article h1")), "यह YAML है");
    assert_eq!(one(&doc, "html").attr("lang"), Some("hi"));
    assert!(site.exists("tags/chat/index.html"));
}

#[test]
fn home_intro_comes_from_index_md() {
    let site = Site::new();
    site.file("content/_index.md", &page("Welcome", "I help with *chat* work."))
        .file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    site.build_ok();
    let home = site.html("index.html");
    assert_eq!(text(one(&home, ".intro h1")), "Welcome");
    assert_eq!(text(one(&home, ".intro em")), "chat");
    assert!(!site.output("_index").exists());
}

#[test]
fn the_example_site_in_the_repository_builds() {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    let opts = samvad::BuildOptions {
        root: common::repo(),
        output: Some(target.clone()),
        clock: Some(common::clock()),
        ..samvad::BuildOptions::default()
    };
    let report = samvad::build(&opts).unwrap_or_else(|e| panic!("the example site should build:\n{e}"));
    assert!(report.posts >= 6, "{report}");

    let mut hindi = 0;
    let mut posts = 0;
    for entry in std::fs::read_dir(target.join("posts")).expect("posts/") {
        let page = entry.unwrap().path().join("index.html");
        if !page.is_file() {
            continue;
        }
        posts += 1;
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&page).unwrap());
        assert!(!text(one(&doc, "article h1")).is_empty(), "{}", page.display());
        if one(&doc, "html").attr("lang") == Some("hi") {
            hindi += 1;
        }
    }
    assert_eq!(posts, report.posts);
    assert!(hindi >= 3, "{hindi} Hindi posts");

    let read = |rel: &str| scraper::Html::parse_document(&std::fs::read_to_string(target.join(rel)).unwrap());
    assert!(!text(one(&read("about/index.html"), "article h1")).is_empty());
    assert!(select(&read("services/index.html"), "h1").iter().any(|h| !text(*h).is_empty()));
    assert!(!card_titles(&read("index.html")).is_empty());
    assert!(target.join("posts/surakshit-online/shield.svg").is_file(), "the bundle picture is copied");
}
