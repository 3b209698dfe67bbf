//! Bad input: every case must fail the build (library `Err`, binary exit
//! status 1) with a message naming the file and line and saying what is
//! wrong.

mod common;

use common::{page, post, post_with, Site};

/// A site with one good post, so failures are not about an empty site.
fn site() -> Site {
    let site = Site::new();
    site.file("content/posts/good.md", &post("Good", "2026-11-01", "Fine."));
    site
}

/// Asserts `message` contains every one of `parts`.
#[track_caller]
fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "expected {part:?} in the error:\n{message}");
    }
}

#[test]
fn malformed_toml_front_matter() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate 2026-11-01\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:3", "invalid TOML front matter"]);
    assert!(!site.out().exists(), "nothing is written");
}

#[test]
fn malformed_yaml_front_matter() {
    let site = site();
    site.file("content/posts/a.md", "---\ntitle: A\ndate: 2026-11-01\ntags: [chat, support\n---\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4", "invalid YAML front matter"]);
}

#[test]
fn yaml_error_message_has_one_line_number() {
    let site = site();
    site.file("content/posts/a.md", "---\ntitle: A\ndate: 2026-11-01\ntags: [chat, support\n---\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4"]);
    assert!(!msg.contains("line 3"), "a second, different line number confuses: {msg}");
}

#[test]
fn malformed_yaml_points_at_the_bad_line() {
    let site = site();
    // Line 3 of the file: a second `:` in a plain value.
    site.file("content/posts/a.md", "---\ntitle: A\ndescription: chat: support\ndate: 2026-11-01\n---\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:3", "invalid YAML front matter"]);
}

#[test]
fn missing_opening_fence() {
    let site = site();
    site.file("content/posts/a.md", "title = \"A\"\ndate = 2026-11-01\n\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:1", "missing front matter", "+++"]);
}

#[test]
fn unclosed_fence() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\n\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:1", "never closed"]);
}

#[test]
fn missing_title() {
    let site = site();
    site.file("content/posts/a.md", "+++\ndate = 2026-11-01\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:2", "missing `title`"]);
}

#[test]
fn blank_title() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"  \"\ndate = 2026-11-01\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:2", "title"]);
}

#[test]
fn missing_date_on_a_post() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:2", "`date`"]);
}

#[test]
fn unparseable_date() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = \"25/11/2026\"\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:3", "not a valid date", "25/11/2026", "YYYY-MM-DD"]);
}

#[test]
fn wrong_field_type() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\ntags = \"x\"\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4", "`tags` must be a list of strings", "tags = [\"one\", \"two\"]"]);
}

#[test]
fn unknown_key_suggests_the_closest() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\ndescripton = \"typo\"\n+++\nbody\n");
    let msg = site.build_fails();
    assert_mentions(
        &msg,
        &["content/posts/a.md:4", "unknown front matter key `descripton`", "did you mean `description`"],
    );
}

#[test]
fn duplicate_url_names_both_files() {
    let site = site();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"))
        .file("content/posts/b.md", &post_with("B", "2026-11-02", "slug = \"a\"\n", "y"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md", "content/posts/b.md:", "/posts/a/"]);
}

#[test]
fn page_at_a_generated_url_is_reported() {
    let site = site();
    site.file("content/posts/t.md", &post_with("Tagged", "2026-11-02", "tags = [\"chat\"]\n", "x"));
    site.file("content/tags.md", &page("My tags page", "Hand-written."));
    if site.build().is_ok() {
        // Show the race: across builds, both pages end up at tags/index.html.
        let mut winners = std::collections::BTreeSet::new();
        for _ in 0..20 {
            site.build_ok();
            winners.insert(common::text(common::one(&site.html("tags/index.html"), "main h1")));
        }
        assert_eq!(winners.len(), 1, "tags/index.html differs between builds: {winners:?}");
    }
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/tags.md", "/tags/"]);
}

#[test]
fn slug_naming_a_generated_file_is_reported() {
    let site = site();
    site.file("content/odd.md", "+++\ntitle = \"Odd\"\nslug = \"index.html\"\n+++\nx\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/odd.md:3", "index.html"]);
    assert!(!msg.contains("samvad-staging"), "internal folders are not the writer's business: {msg}");
}

#[test]
fn link_to_a_draft_says_it_is_a_draft() {
    let site = site();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "See [the draft](d.md)."))
        .file("content/posts/d.md", &post_with("D", "2026-11-02", "draft = true\n", "x"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:6", "d.md", "draft"]);
    assert!(!msg.contains("missing file"), "{msg}");
}

#[test]
fn link_to_a_missing_file_names_the_line_of_the_link() {
    let site = site();
    // The body starts on line 5; the link is on its third line.
    site.file(
        "content/posts/a.md",
        "+++\ntitle = \"A\"\ndate = 2026-11-01\n+++\nIntro.\n\nSee [the guide](guide.md).\n",
    );
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:7", "guide.md", "content/posts/guide.md"]);
}

#[test]
fn every_broken_link_is_reported() {
    let site = site();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "[one](one.md)\n\n[two](@/posts/two.md)"))
        .file("content/about.md", &page("About", "[three](posts/three.md)"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:6", "content/posts/a.md:8", "content/about.md:5", "3 errors"]);
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = site();
    site.file(
        "templates/post.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title ) }}</h1>\n{% endblock content %}\n",
    );
    let msg = site.build_fails();
    assert_mentions(&msg, &["templates/post.html:3", "template error"]);
    assert!(!msg.contains(&site.root().display().to_string()), "paths are relative to the site: {msg}");
}

#[test]
fn template_variable_missing_at_render_time_names_file_line_and_column() {
    let site = site();
    site.file("content/posts/a.md", &post("A", "2026-11-01", "Body."));
    site.file(
        "templates/post.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.no_such_field }}</p>\n{% endblock content %}\n",
    );
    let msg = site.build_fails();
    assert_mentions(&msg, &["templates/post.html:4:", "template error", "no_such_field"]);
}

#[test]
fn missing_template_fails_the_build() {
    let site = site();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "template = \"nope.html\"\n", "x"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["missing template `nope.html`"]);
}

#[test]
fn missing_template_names_the_content_file_and_line() {
    let site = site();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "template = \"nope.html\"\n", "x"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4", "nope.html"]);
}

#[test]
fn file_that_is_not_utf8() {
    let site = site();
    site.bytes("content/posts/a.md", b"+++\ntitle = \"A\"\ndate = 2026-11-01\n+++\n\nCaf\xe9 latin-1\n");
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:6", "not valid UTF-8"]);
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let site = site();
    site.file("content/posts/x.md", &post("X", "2026-11-01", "x"));
    let path = site.path("content/posts/x.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("note: running with privileges that ignore file modes; unreadable_file asserts nothing");
        return;
    }
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/x.md", "cannot read"]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_reported() {
    let site = site();
    std::os::unix::fs::symlink(site.path("nowhere/x.md"), site.path("content/posts/x.md")).unwrap();
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/x.md", "cannot read"]);
}

#[cfg(unix)]
#[test]
fn symlinked_post_is_built() {
    let site = site();
    site.file("drafts-elsewhere/linked.md", &post("Linked", "2026-11-03", "Through a symlink."));
    std::os::unix::fs::symlink(site.path("drafts-elsewhere/linked.md"), site.path("content/posts/linked.md")).unwrap();
    site.build_ok();
    assert!(site.exists("posts/linked/index.html"));
}

#[test]
fn slug_that_escapes_the_output_folder() {
    let site = site();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "slug = \"../../x\"\n", "x"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4", "slug `../../x` is not allowed"]);
    assert!(!site.path("x").exists() && !site.root().parent().unwrap().join("x/index.html").exists());
}

/// The title of issue 16.19 (104 letters, 268 bytes) as a slug.
const LONG_HINDI_SLUG: &str = "घर-बैठे-ऑनलाइन-चैट-सपोर्ट-की-नौकरी-कैसे-पाएं-शुरुआती-लोगों-के-लिए-पूरी-गाइड-ज़रूरी-कौशल-वेतन-और-अनुभव";

#[test]
fn a_slug_too_long_for_a_file_name_is_reported_at_its_line() {
    let site = site();
    let front = format!("tags = [\"x\"]\nslug = \"{LONG_HINDI_SLUG}\"\n");
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", &front, "x"));
    let msg = site.build_fails();
    let what = format!("slug is {} bytes long; at most 200", LONG_HINDI_SLUG.len());
    assert_mentions(&msg, &["content/posts/a.md:5", &what, "shorten"]);
    assert!(!msg.contains("os error"), "{msg}");
}

#[test]
fn a_long_tag_gets_a_page_with_a_cut_slug() {
    let site = site();
    let tag = LONG_HINDI_SLUG.replace('-', " ");
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", &format!("tags = [\"{tag}\"]\n"), "x"));
    site.build_ok();
    let cut = "घर-बैठे-ऑनलाइन-चैट-सपोर्ट-की-नौकरी-कैसे-पाएं";
    assert!(cut.len() <= 120 && cut.len() + "-शुरुआती".len() > 120);
    assert!(site.exists(&format!("tags/{cut}/index.html")));
}

#[test]
fn a_slug_of_200_bytes_builds() {
    let site = site();
    let slug = format!("{}{}", "क".repeat(66), "ab");
    assert_eq!(slug.len(), 200);
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", &format!("slug = \"{slug}\"\n"), "x"));
    site.build_ok();
    assert!(site.exists(&format!("posts/{slug}/index.html")));
}

#[test]
fn unknown_config_key_suggests_the_closest() {
    let site = site();
    site.file("samvad.toml", &format!("{}post_per_page = 5\n", common::CONFIG));
    let msg = site.build_fails();
    assert_mentions(&msg, &["samvad.toml:7", "unknown key `post_per_page`", "did you mean `posts_per_page`"]);
}

#[test]
fn config_errors_name_the_file_relative_to_the_site() {
    let site = site();
    site.file("samvad.toml", &format!("{}post_per_page = 5\n", common::CONFIG));
    let err = site.build().unwrap_err();
    assert_eq!(err.diagnostics()[0].file.as_deref(), Some(std::path::Path::new("samvad.toml")), "{err}");
}

#[test]
fn base_url_must_be_absolute() {
    let site = site();
    site.file("samvad.toml", &common::CONFIG.replace("https://samvad.example/", "example.com/blog"));
    let msg = site.build_fails();
    assert_mentions(&msg, &["samvad.toml:3", "base_url `example.com/blog`", "absolute http(s) URL"]);
}

#[test]
fn errors_from_different_stages_are_reported_together() {
    let site = site();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = \"x\"\n", "x"))
        .file("content/posts/b.md", &post("B", "2026-11-02", "See [this](nope.md)."));
    let msg = site.build_fails();
    assert_mentions(&msg, &["content/posts/a.md:4", "content/posts/b.md:6"]);
}

#[test]
fn three_broken_files_are_reported_in_one_run() {
    let site = site();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\ntags = [\"open\"\n+++\nx\n")
        .file("content/posts/b.md", "+++\ntitle = \"B\"\ndate = 2026-11-01\ndraft = \"no\"\n+++\nx\n")
        .file("content/posts/c.md", "+++\ntitle = \"C\"\ndat = 2026-11-01\n+++\nx\n");
    let msg = site.build_fails();
    assert_mentions(
        &msg,
        &[
            "content/posts/a.md:4",
            "invalid TOML front matter",
            "content/posts/b.md:4",
            "`draft` must be true or false",
            "content/posts/c.md:3",
            "did you mean `date`",
            "errors found",
        ],
    );
    let err = site.build().unwrap_err();
    let files: std::collections::BTreeSet<_> = err.diagnostics().into_iter().filter_map(|d| d.file).collect();
    assert_eq!(files.len(), 3, "{err}");
}
