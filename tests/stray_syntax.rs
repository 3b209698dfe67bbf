//! Another generator's syntax left in a post (Hugo shortcodes, Liquid,
//! WordPress shortcodes, kramdown attributes, MDX components) is printed
//! as text, so the build warns at its file, line and column, once per
//! kind and file, and leaves code alone.

mod common;

use common::*;

const POST: &str = "+++\ntitle = \"Moved\"\ndate = 2026-11-01\n+++\n\nIntro.\n\n\
{{< youtube abc123 >}}\n\nAnd {{< figure src=\"a.png\" >}} again.\n\n\
{% include note.html %}\n\nTitle: {{ site.title }}\n\nText\n{: .lead}\n\n\
[caption id=\"c1\"]A cat[/caption]\n\n<Callout>Hi</Callout>\n\n\
```\n{{< not-a-warning >}}\n```\n\nInline `{% raw %}` is code.\n";

fn warnings_about(report: &samvad::build::Report, file: &str) -> Vec<String> {
    report.warnings.iter().map(ToString::to_string).filter(|w| w.starts_with(file)).collect()
}

#[test]
fn each_kind_is_a_warning_at_its_first_place() {
    let site = Site::new();
    site.file("content/posts/moved.md", POST);
    let report = site.build_ok();
    let warnings = warnings_about(&report, "content/posts/moved.md");
    let expect = [
        ("content/posts/moved.md:8:1:", "Hugo shortcode", "(2 in this file)"),
        ("content/posts/moved.md:12:1:", "Liquid tag", "include note.html"),
        ("content/posts/moved.md:14:8:", "Liquid variable", "site.title"),
        ("content/posts/moved.md:17:1:", "kramdown", ".lead"),
        ("content/posts/moved.md:19:1:", "WordPress shortcode", "caption"),
        ("content/posts/moved.md:21:1:", "MDX component", "Callout"),
    ];
    for (at, kind, detail) in expect {
        let w = warnings
            .iter()
            .find(|w| w.starts_with(at))
            .unwrap_or_else(|| panic!("no warning at {at} in:\n{}", warnings.join("\n")));
        assert!(w.contains(kind) && w.contains(detail) && w.contains("warning"), "{w}");
    }
    assert_eq!(warnings.len(), expect.len(), "one warning a kind, none for code:\n{}", warnings.join("\n"));
}

#[test]
fn a_clean_post_gets_no_warning_and_the_text_is_still_published() {
    let site = Site::new();
    site.file("content/posts/moved.md", POST)
        .file("content/posts/clean.md", &post("Clean", "2026-11-02", "Plain {braces} and [words] and <b>bold</b>."));
    let report = site.build_ok();
    assert!(warnings_about(&report, "content/posts/clean.md").is_empty(), "{:?}", report.warnings);
    assert!(site.read("posts/moved/index.html").contains("{{&lt; youtube abc123 &gt;}}"), "printed as text, as warned");
}
