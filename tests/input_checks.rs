//! Settings that were accepted and then ignored or silently misread, and
//! error messages that pointed at the wrong place or spoke the wrong
//! syntax. Each is now an error at its file and line, in the writer's
//! words.

mod common;

use common::*;

/// The line of `message` that starts with `file:`.
fn line_for<'a>(message: &'a str, file: &str) -> &'a str {
    message.lines().find(|l| l.starts_with(file)).unwrap_or_else(|| panic!("nothing about {file} in:\n{message}"))
}

#[test]
fn tags_that_would_be_dropped_are_errors() {
    let site = Site::with_config(&format!("{CONFIG}taxonomies = [\"tags\"]\n"));
    site.file("content/about.md", "+++\ntitle = \"About\"\ntags = [\"me\"]\n+++\nHi.\n")
        .file("content/posts/a.md", &post_with("A", "2026-11-01", "categories = [\"Career\"]\n", "Text."));
    let err = site.build_fails();
    assert!(line_for(&err, "content/about.md:3:").contains("not a post"), "{err}");
    assert!(line_for(&err, "content/posts/a.md:4:").contains("no categories pages"), "{err}");
}

#[test]
fn a_site_without_base_url_does_not_build_but_serves() {
    for config in ["", "title = \"Mine\"\n"] {
        let site = Site::with_config(config);
        site.file("content/posts/a.md", &post("A", "2026-11-01", "Text."));
        let err = site.build_fails();
        let line = line_for(&err, "samvad.toml:");
        assert!(line.contains("no base_url"), "{line}");
        assert!(err.contains("add base_url = \"https://"), "{err}");
        assert!(!site.out().exists());
        site.build_with(|o| o.base_url = Some("https://mine.example/".into())).expect("--base-url is enough");
    }
}

#[test]
fn the_placeholder_base_url_builds_with_a_warning() {
    let site = Site::with_config(&CONFIG.replace("https://samvad.example/", "https://example.com/"));
    site.file("content/posts/a.md", &post("A", "2026-11-01", "Text."));
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("samvad.toml:3: warning: base_url is still the placeholder https://example.com/"),
        "{stderr}"
    );
}

#[test]
fn prices_that_are_not_numbers_are_errors_at_their_line() {
    for price in ["nan", "inf", "-inf", "+nan"] {
        let site = Site::new();
        let services = format!(
            "+++\ntitle = \"Services\"\n[contact]\nemail = \"a@b.in\"\n[[services]]\nname = \"Chat\"\nprice = 1\n[[services]]\nname = \"Call\"\nprice = {price}\n+++\nText.\n"
        );
        site.file("content/services.md", &services);
        let err = site.build_fails();
        assert!(line_for(&err, "content/services.md:10:").contains("not a finite number"), "{price}: {err}");
    }
}

#[test]
fn languages_and_reading_speeds_are_checked() {
    let site = Site::with_config(&format!("{CONFIG}[reading_speed]\nen = 0\n"));
    let err = site.build_fails();
    assert!(line_for(&err, "samvad.toml:8:").contains("reading_speed.en is 0"), "{err}");

    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "lang = \"hindi\"\n", "Text."));
    let err = site.build_fails();
    assert!(line_for(&err, "content/posts/a.md:4:").contains("`hindi`"), "{err}");

    let site = Site::with_config(&CONFIG.replace("language = \"en\"", "language = \"xx\""));
    let err = site.build_fails();
    assert!(line_for(&err, "samvad.toml:4:").contains("`xx`"), "{err}");

    let site = Site::with_config(&CONFIG.replace("language = \"en\"", "language = \"hi-Latn\""));
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "lang = \"en-IN\"\n", "Text."));
    site.build_ok();
}

#[test]
fn yaml_files_get_hints_in_yaml() {
    let site = Site::new();
    site.file(
        "content/posts/a.md",
        "---\ntitle: A\ndate: 2026-11-01\ntags: one\nimage: true\nmood: calm\n---\nText.\n",
    );
    site.file("content/posts/b.md", "---\ntitle: B\n---\nText.\n");
    let err = site.build_fails();
    let tags = line_for(&err, "content/posts/a.md:4:");
    assert!(tags.contains("list of strings"), "{tags}");
    assert!(err.contains("write it as tags: [\"one\", \"two\"]"), "{err}");
    assert!(line_for(&err, "content/posts/a.md:5:").contains("must be the path or URL of an image"), "{err}");
    assert!(err.contains("write it as image: \"cover.png\""), "{err}");
    assert!(err.contains("put custom values under extra:"), "{err}");
    assert!(err.contains("add date: 2026-11-25"), "{err}");
    assert!(!err.contains(" = "), "no TOML in the hints for YAML files:\n{err}");
}

#[test]
fn a_duplicate_url_points_at_the_slug_and_names_a_normalisation_difference() {
    let site = Site::new();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "Text."))
        .file("content/posts/b.md", &post_with("B", "2026-11-02", "draft = false\nslug = \"a\"\n", "Text."));
    let err = site.build_fails();
    assert!(line_for(&err, "content/posts/b.md:5:").contains("two pages have the URL /posts/a/"), "{err}");

    let site = Site::new();
    let (composed, decomposed) = ("\u{958}िस्सा", "\u{915}\u{93c}िस्सा");
    site.file(&format!("content/posts/{composed}.md"), &post("One", "2026-11-01", "Text."))
        .file(&format!("content/posts/{decomposed}.md"), &post("Two", "2026-11-02", "Text."));
    let err = site.build_fails();
    assert!(err.contains("differ in Unicode normalisation"), "{err}");
}

#[test]
fn a_config_number_of_the_wrong_type_is_named_in_plain_words() {
    let site = Site::with_config(&format!("{CONFIG}posts_per_page = \"ten\"\n"));
    let err = site.build_fails();
    let line = line_for(&err, "samvad.toml:7:");
    assert!(line.contains("a whole number") && !line.contains("usize"), "{line}");
}

#[test]
fn old_mac_line_endings_are_named() {
    let site = Site::new();
    site.file("content/posts/a.md", "+++\rtitle = \"A\"\rdate = 2026-11-01\r+++\rText.\r");
    let err = site.build_fails();
    assert!(line_for(&err, "content/posts/a.md:1:1:").contains("old Mac line endings"), "{err}");
}
