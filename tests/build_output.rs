//! The output folder as a whole: atomic replacement, reproducibility and
//! refusing folders whose replacement would destroy sources.

mod common;

use common::{card_titles, page, post, post_with, snapshot, Site};

/// A small site touching every kind of output.
fn full_site() -> Site {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = [\"chat\"]\n", "```rust\nfn a() {}\n```"))
        .file(
            "content/posts/b/index.md",
            &post_with("बी", "2026-11-02", "lang = \"hi\"\ntags = [\"ऑनलाइन कमाई\"]\n", "नमस्ते ![x](pic.svg)"),
        )
        .file("content/posts/b/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/posts/!!!.md", &post("???", "2026-11-03", "fallback slug"))
        .file("content/about.md", &page("About", "x"))
        .file("content/services.md", &page("Services", "y"))
        .file("static/robots-extra.txt", "hello\n");
    site
}

fn no_staging_left(site: &Site) {
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("samvad-staging") || n.contains("samvad-old"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = full_site();
    site.build_ok();
    let before = site.snapshot();
    assert!(before.contains_key("posts/a/index.html"));

    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\ntags = \"chat\"\n+++\nchanged\n");
    site.file("content/posts/new.md", &post("New", "2026-11-04", "would be new"));
    assert!(site.build().is_err());
    assert_eq!(site.snapshot(), before, "public/ is byte for byte as it was");
    no_staging_left(&site);
}

#[test]
fn a_build_failing_while_rendering_leaves_the_previous_output_untouched() {
    let site = full_site();
    site.build_ok();
    let before = site.snapshot();
    // Fails in the render stage, after the staging folder has been filled.
    site.file("content/posts/z.md", &post_with("Z", "2026-11-05", "template = \"nope.html\"\n", "x"));
    site.file("static/late.txt", "late");
    let err = site.build().unwrap_err();
    assert!(err.to_string().contains("nope.html"), "{err}");
    assert_eq!(site.snapshot(), before);
    no_staging_left(&site);
}

#[test]
fn a_page_failing_to_render_leaves_public_and_social_untouched() {
    let site = full_site();
    site.build_ok();
    let social = site.path("social");
    let (public_before, social_before) = (site.snapshot(), snapshot(&social));
    assert!(social_before.contains_key("snippets.json"));
    // Posts render fine (so the snippets are staged alongside); the about
    // page's template then fails among the pages rendered after the posts.
    site.file("content/posts/new.md", &post("New", "2026-11-04", "would change the snippets"));
    site.file("templates/broken.html", "{{ no_such_value.field }}");
    site.file("content/about.md", "+++\ntitle = \"About\"\ntemplate = \"broken.html\"\n+++\n\nx\n");
    let err = site.build().unwrap_err();
    assert!(err.to_string().contains("broken.html"), "{err}");
    assert_eq!(site.snapshot(), public_before, "public/ is byte for byte as it was");
    assert_eq!(snapshot(&social), social_before, "social/ is byte for byte as it was");
    no_staging_left(&site);
}

#[test]
fn a_successful_rebuild_replaces_the_output() {
    let site = full_site();
    site.build_ok();
    assert!(site.exists("posts/a/index.html"));
    site.remove("content/posts/a.md");
    site.remove("static/robots-extra.txt");
    site.build_ok();
    assert!(!site.output("posts/a").exists(), "pages of deleted posts disappear");
    assert!(!site.exists("robots-extra.txt"), "deleted static files disappear");
    assert!(!site.output("tags/chat").exists(), "empty tags disappear");
    assert_eq!(card_titles(&site.html("index.html")), ["???", "बी"]);
    no_staging_left(&site);
}

#[test]
fn two_builds_are_byte_identical() {
    let site = full_site();
    let outs = tempfile::tempdir().unwrap();
    let (one, two) = (outs.path().join("one"), outs.path().join("two"));
    let first = site.build_with(|o| o.output = Some(one.clone())).expect("first build");
    let second = site.build_with(|o| o.output = Some(two.clone())).expect("second build");
    assert!(!site.out().exists(), "--output is honoured; public/ is not written");
    let (a, b) = (snapshot(&one), snapshot(&two));
    assert!(a.len() > 10, "{:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "same file lists");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
    assert_eq!((first.pages, first.posts, first.tags), (second.pages, second.posts, second.tags));
}

#[test]
fn refuses_the_site_root_as_output() {
    let site = full_site();
    let before = snapshot(site.root());
    let err = site.build_with(|o| o.output = Some(site.root().to_path_buf())).unwrap_err();
    assert!(err.to_string().contains("refusing"), "{err}");
    assert_eq!(snapshot(site.root()), before, "nothing under the site root changed");
}

#[test]
fn refuses_content_as_output() {
    let site = full_site();
    let before = snapshot(site.root());
    let err = site.build_with(|o| o.output = Some(site.path("content"))).unwrap_err();
    assert!(err.to_string().contains("refusing"), "{err}");
    assert_eq!(snapshot(site.root()), before);
    let out = site.cli(&["build", "--output", site.path("content").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", common::describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    assert_eq!(snapshot(site.root()), before);
}

#[test]
fn refuses_a_parent_of_the_site_as_output() {
    let holder = tempfile::tempdir().unwrap();
    let root = holder.path().join("blog");
    common::copy_dir(&common::repo().join("themes/default"), &root.join("themes/default"));
    std::fs::write(root.join("samvad.toml"), common::CONFIG).unwrap();
    std::fs::create_dir_all(root.join("content/posts")).unwrap();
    std::fs::write(root.join("content/posts/a.md"), post("A", "2026-11-01", "x")).unwrap();
    let before = snapshot(holder.path());
    let opts = samvad::BuildOptions {
        root: root.clone(),
        output: Some(holder.path().to_path_buf()),
        clock: Some(common::clock()),
        ..Default::default()
    };
    assert!(samvad::build(&opts).is_err());
    assert_eq!(snapshot(holder.path()), before);
}

#[test]
fn refuses_a_folder_inside_content_as_output() {
    let site = full_site();
    let result = site.build_with(|o| o.output = Some(site.path("content/posts")));
    let posts_left = site.path("content/posts/a.md").is_file();
    assert!(posts_left, "content/posts/a.md was deleted by the build (result: {result:?})");
    assert!(result.is_err(), "building into content/posts must be refused");
}

#[test]
fn a_rebuild_that_changes_nothing_rewrites_nothing_and_one_edit_rewrites_little() {
    use std::os::unix::fs::MetadataExt;
    let site = full_site();
    site.build_ok();
    let ids = |site: &Site| -> std::collections::BTreeMap<String, (u64, i64)> {
        site.snapshot()
            .into_keys()
            .map(|rel| {
                let m = std::fs::metadata(site.output(&rel)).unwrap();
                (rel, (m.ino(), m.mtime_nsec()))
            })
            .collect()
    };
    let before = ids(&site);
    site.build_ok();
    assert_eq!(ids(&site), before, "an unchanged rebuild must not rewrite any file");
    site.file("content/about.md", &page("About", "changed body"));
    site.build_ok();
    let after = ids(&site);
    let rewritten: Vec<&String> = after.iter().filter(|(k, v)| before.get(*k) != Some(v)).map(|(k, _)| k).collect();
    assert!(rewritten.iter().any(|r| r.as_str() == "about/index.html"), "{rewritten:?}");
    assert!(rewritten.len() <= 3, "only the page (and the sitemap at most) change: {rewritten:?}");
    assert!(site.read("about/index.html").contains("changed body"));
}
