//! Ordinary content that once came out silently wrong: summaries with
//! relative images, Jekyll's `.markdown` files, spaces before punctuation
//! in generated text, and control characters pasted into a post.

mod common;

use common::*;

/// The output file a local URL on the site leads to, if any.
fn target_of(site: &Site, url: &str) -> Option<std::path::PathBuf> {
    let path = url.strip_prefix("https://samvad.example/").or_else(|| url.strip_prefix('/'))?;
    let path = decoded(path.split(['#', '?']).next().unwrap_or(path));
    let file = site.output(&path);
    let file = if path.is_empty() || path.ends_with('/') { file.join("index.html") } else { file };
    Some(file)
}

#[test]
fn a_relative_image_in_a_summary_resolves_on_list_pages() {
    let site = Site::new();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    let body = "![A shield](shield.svg) Stay safe online.\n\nMore text.";
    site.file("content/posts/safe/index.md", &post_with("Safe", "2026-11-01", "tags = [\"safety\"]\n", body))
        .file("content/posts/safe/shield.svg", svg);
    site.build_ok();
    for list in ["index.html", "tags/safety/index.html"] {
        let doc = site.html(list);
        let img = one(&doc, ".post-card img");
        let src = img.attr("src").expect("src");
        let file = target_of(&site, src).unwrap_or_else(|| panic!("{list}: `{src}` is not a local URL"));
        assert!(file.is_file(), "{list}: `{src}` leads to no file");
    }
    assert!(site.read("atom.xml").contains("https://samvad.example/posts/safe/shield.svg"));
}

#[test]
fn markdown_files_with_jekylls_endings_are_pages_not_copies() {
    let site = Site::new();
    site.file("content/posts/2019-05-06-old.markdown", &post("Old", "2019-05-06", "From Jekyll."))
        .file("content/posts/b.mdown", &post("B", "2026-11-02", "[old](2019-05-06-old.markdown)"))
        .file("content/posts/c.mkd", &post("C", "2026-11-03", "Third."))
        .file("content/notes.markdown", &page("Notes", "A page."));
    let report = site.build_ok();
    assert_eq!(report.posts, 3);
    assert_eq!(text(one(&site.html("posts/2019-05-06-old/index.html"), "article h1")), "Old");
    assert_eq!(text(one(&site.html("notes/index.html"), "article h1")), "Notes");
    let b = site.html("posts/b/index.html");
    let link = one(&b, "article a[href*=old]");
    assert_eq!(link.attr("href"), Some("https://samvad.example/posts/2019-05-06-old/"));
    let raw: Vec<String> = snapshot(&site.out())
        .into_keys()
        .filter(|p| p.ends_with(".markdown") || p.ends_with(".mdown") || p.ends_with(".mkd"))
        .collect();
    assert!(raw.is_empty(), "sources published raw: {raw:?}");
}

#[test]
fn generated_descriptions_and_social_text_have_no_space_before_punctuation() {
    let site = Site::new();
    let body = "Call the function `resize_image`, which shrinks photos. See the [docs](https://example.org/d), please.";
    site.file("content/posts/resize.md", &post("Resize", "2026-11-01", body));
    site.build_ok();
    let want = "Call the function resize_image, which shrinks photos. See the docs, please.";
    let doc = site.html("posts/resize/index.html");
    assert_eq!(one(&doc, "meta[name=description]").attr("content"), Some(want));
    let snippets: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(site.path("social/snippets.json")).unwrap()).unwrap();
    let texts: Vec<&str> = snippets.as_array().unwrap().iter().filter_map(|s| s["text"].as_str()).collect();
    assert!(!texts.is_empty());
    for t in texts {
        assert!(!t.contains(" ,") && !t.contains("resize_image ,"), "{t}");
    }
}

#[test]
fn control_characters_never_reach_the_html_and_are_reported_where_they_are() {
    let site = Site::new();
    let front = "description = \"bell\\u0007 and escape\\u001b\"\n";
    let body = "A NUL\u{0} a bell\u{7} an escape\u{1b}[0m a tab\tand\u{b}vt\u{c}ff \u{85}next.";
    site.file("content/posts/ctl.md", &post_with("Ctl\\u0007 title", "2026-11-01", front, body));
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/posts/ctl.md:7:6: warning: removed 6 control characters"), "{stderr}");
    for (path, bytes) in snapshot(&site.out()).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        let bad: Vec<String> =
            html.chars().filter(|c| samvad::text::is_forbidden_control(*c)).map(|c| format!("{c:?}")).collect();
        assert!(bad.is_empty(), "{path} holds {bad:?}");
    }
    let doc = site.html("posts/ctl/index.html");
    assert_eq!(text(one(&doc, "article h1")), "Ctl title");
    assert!(text(one(&doc, "article")).contains("a tab and"), "{}", text(one(&doc, "article")));
}
