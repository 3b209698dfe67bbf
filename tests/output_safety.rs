//! Nothing is lost: a build replaces only what samvad made, and a build
//! that fails part-way through putting files in place leaves the previous
//! output exactly as it was. Every case runs the binary as an unprivileged
//! user, since root ignores the file permissions these cases rely on.

mod common;

use common::*;
use std::os::unix::fs::PermissionsExt;

const CLOCK_ARG: &[&str] = &["--clock", CLOCK];

fn site() -> Site {
    let site = Site::new();
    site.file("content/posts/hello-world.md", &post("Hello", "2026-11-01", "The first words."));
    site
}

fn build(site: &Site, extra: &[&str]) -> std::process::Output {
    let args: Vec<&str> = ["build"].iter().chain(CLOCK_ARG).chain(extra).copied().collect();
    site.unprivileged(&args)
}

#[test]
fn output_over_a_folder_samvad_did_not_make_is_refused_unless_forced() {
    let site = site();
    site.file("mydocs/thesis.txt", "four years of work");
    let out = build(&site, &["--output", "mydocs"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mydocs") && stderr.contains("thesis.txt") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(site.path("mydocs/thesis.txt")).unwrap(), "four years of work");

    let out = build(&site, &["--output", "mydocs", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(site.path("mydocs/posts/hello-world/index.html").is_file());
    // Now samvad's own: a second build needs no --force.
    let out = build(&site, &["--output", "mydocs"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

#[test]
fn an_empty_folder_is_built_into() {
    let site = site();
    std::fs::create_dir(site.path("empty")).unwrap();
    let out = build(&site, &["--output", "empty"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(site.path("empty/index.html").is_file());
}

#[test]
fn git_the_config_and_the_site_itself_are_never_replaced_even_with_force() {
    let site = site();
    site.file(".git/HEAD", "ref: refs/heads/main\n");
    let config = std::fs::read(site.path("samvad.toml")).unwrap();
    let parent = site.root().parent().unwrap().to_string_lossy().into_owned();
    for target in [".git", ".git/objects", "samvad.toml", ".", "content", parent.as_str()] {
        for force in [false, true] {
            let args: &[&str] = if force { &["--output", target, "--force"] } else { &["--output", target] };
            let out = build(&site, args);
            assert_eq!(out.status.code(), Some(1), "--output {target} (force {force})\n{}", describe(&out));
            assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"), "{}", describe(&out));
        }
    }
    assert_eq!(std::fs::read_to_string(site.path(".git/HEAD")).unwrap(), "ref: refs/heads/main\n");
    assert_eq!(std::fs::read(site.path("samvad.toml")).unwrap(), config);
    assert!(site.path("content/posts/hello-world.md").is_file());
    let hidden: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("samvad-"))
        .collect();
    assert!(hidden.is_empty(), "no staging or moved-aside folders left: {hidden:?}");
}

#[test]
fn a_read_only_page_folder_fails_the_build_and_changes_nothing() {
    let site = site();
    let out = build(&site, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let before = site.snapshot();
    let page = site.output("posts/hello-world");
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o555)).unwrap();
    site.file("content/posts/hello-world.md", &post("Hello again", "2026-11-01", "Edited words."));

    let out = build(&site, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_eq!(site.snapshot(), before, "the previous output is untouched, the feeds included");
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("backup"))
        .collect();
    assert!(leftovers.is_empty(), "staging cleaned up: {leftovers:?}");

    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = build(&site, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(site.read("posts/hello-world/index.html").contains("Edited words."));
    assert!(site.read("atom.xml").contains("Hello again"));
}

#[test]
fn a_static_file_where_samvad_writes_a_page_is_an_error_naming_both() {
    let site = site();
    site.file("content/about.md", &page("About", "Who I am."));
    site.file("static/posts/hello-world/index.html", "<p>an old export</p>");
    site.file("static/about/index.html", "<p>another</p>");
    site.file("static/rss.xml", "<rss/>");
    let err = site.build_fails();
    for (file, maker) in [
        ("static/posts/hello-world/index.html", "content/posts/hello-world.md"),
        ("static/about/index.html", "content/about.md"),
        ("static/rss.xml", "feed"),
    ] {
        let line = err.lines().find(|l| l.starts_with(file)).unwrap_or_else(|| panic!("no error for {file}:\n{err}"));
        assert!(line.contains(maker), "{line}");
    }
    assert!(!site.out().exists(), "nothing published");
}

#[test]
fn a_static_robots_txt_replaces_the_generated_one_and_the_summary_says_so() {
    let site = site();
    site.file("static/robots.txt", "User-agent: *\nDisallow: /private/\n");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("static/robots.txt replaces the generated robots.txt"), "{stdout}");
    assert_eq!(site.read("robots.txt"), "User-agent: *\nDisallow: /private/\n");
}
