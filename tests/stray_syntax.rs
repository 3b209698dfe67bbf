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

#[test]
fn strict_makes_them_errors_and_keeps_the_last_output() {
    let site = Site::new();
    site.file("content/posts/clean.md", &post("Clean", "2026-11-02", "Plain text."));
    site.build_ok();
    let before = snapshot(&site.out());
    site.file("content/posts/moved.md", POST);
    let err = match site.build_with(|o| o.strict = true) {
        Ok(report) => panic!("a strict build should fail: {report}"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("content/posts/moved.md:8:1: error: Hugo shortcode"), "{err}");
    assert!(err.contains("content/posts/moved.md:21:1: error: MDX component"), "all of them together:\n{err}");
    assert_eq!(snapshot(&site.out()), before, "a failed build leaves the output as it was");
}

#[test]
fn strict_in_the_config_and_on_the_command_line() {
    let site = Site::with_config(&format!("{CONFIG}strict = true\n"));
    site.file("content/posts/moved.md", POST);
    assert!(site.build_fails().contains("error: Liquid tag"));

    let site = Site::new();
    site.file("content/posts/moved.md", POST);
    let out = samvad().args(["build", "--strict", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error: kramdown"), "{}", describe(&out));
    let out = samvad().args(["build", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "without --strict they are warnings: {}", describe(&out));
}

#[test]
fn content_in_formats_samvad_does_not_read_is_listed_once_and_never_published() {
    let site = Site::new();
    site.file("content/posts/a.md", &post("A", "2026-11-02", "Text."))
        .file("content/posts/moved.mdx", "---\ntitle: Moved\n---\n\n<Callout>Hi</Callout>\n")
        .file("content/notes.rst", "Notes\n=====\n")
        .file("content/posts/bundle/index.md", &post("Bundle", "2026-11-03", "Text."))
        .file("content/posts/bundle/part.ADOC", "= Part\n")
        .file("content/posts/bundle/photo.txt", "kept\n");
    let report = site.build_ok();
    let listed: Vec<String> =
        report.warnings.iter().map(ToString::to_string).filter(|w| w.contains("not read")).collect();
    assert_eq!(listed.len(), 1, "one warning: {listed:?}");
    for name in ["content/posts/moved.mdx", "content/notes.rst", "content/posts/bundle/part.ADOC"] {
        assert!(listed[0].contains(name), "{name} in {}", listed[0]);
    }
    assert!(listed[0].starts_with("warning") || listed[0].contains("warning:"), "{}", listed[0]);
    for out in ["posts/moved.mdx", "notes.rst", "posts/bundle/part.ADOC"] {
        assert!(!site.output(out).exists(), "{out} must not be published raw");
    }
    assert!(site.output("posts/bundle/photo.txt").is_file(), "other bundle files are still copied");
}
