//! The `samvad` binary as a writer uses it.

mod common;

use common::{describe, one, post, post_with, samvad, text, Site, CLOCK};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn init_then_build_writes_the_first_post() {
    let holder = tempfile::tempdir().unwrap();
    let dir = holder.path().join("my-blog");
    let out = samvad().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(dir.join("samvad.toml").is_file());
    assert!(!dir.join("themes").exists(), "the site uses the built-in theme, not a copy");

    // `init` dates its post with the real date; --future keeps the build
    // independent of how that compares with the fixed clock.
    let out = samvad().args(["build", "--future", "--clock", CLOCK, "--root"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let home = scraper::Html::parse_document(&std::fs::read_to_string(dir.join("public/index.html")).unwrap());
    let cards = common::card_links(&home);
    assert_eq!(cards.len(), 1, "one post after init");
    let first = cards[0];
    assert_eq!(text(first), "Hello, world");
    assert_eq!(first.attr("href"), Some("https://example.com/posts/hello-world/"));
    assert!(dir.join("public/posts/hello-world/index.html").is_file());
    assert!(dir.join("public/about/index.html").is_file());

    let again = samvad().arg("init").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(1), "init refuses an existing site\n{}", describe(&again));
    assert!(stderr(&again).contains("already exists"), "{}", describe(&again));
}

#[test]
fn new_post_with_a_hindi_title() {
    let holder = tempfile::tempdir().unwrap();
    let dir = holder.path().join("blog");
    let out = samvad().arg("init").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let out = samvad().args(["new", "post", "मेरा पहला अनुभव", "--root"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let path = dir.join("content/posts/मेरा-पहला-अनुभव.md");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), describe(&out)));
    assert!(text.lines().any(|l| l.trim() == "lang = \"hi\""), "{text}");
    assert!(text.lines().any(|l| l.trim() == "title = \"मेरा पहला अनुभव\""), "{text}");
    let date = text.lines().find_map(|l| l.strip_prefix("date = ")).expect("a date line");
    assert!(samvad::dates::parse(date, &jiff::tz::TimeZone::UTC).is_ok(), "date {date:?}");

    let out = samvad().args(["build", "--future", "--clock", CLOCK, "--root"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "the new post builds\n{}", describe(&out));
    let page = dir.join("public/posts/मेरा-पहला-अनुभव/index.html");
    let doc = scraper::Html::parse_document(&std::fs::read_to_string(page).unwrap());
    assert_eq!(one(&doc, "html").attr("lang"), Some("hi"));
}

#[test]
fn a_broken_site_exits_1_with_the_error_on_stderr() {
    let site = Site::new();
    site.file("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2026-11-01\ntags = \"x\"\n+++\nbody\n");
    let out = site.cli(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = stderr(&out);
    assert!(err.contains("content/posts/a.md:4"), "{}", describe(&out));
    assert!(err.contains("must be a list of strings"), "{}", describe(&out));
    assert!(!stdout(&out).contains("Built"), "no summary on failure\n{}", describe(&out));
    assert!(!site.out().exists());
}

#[test]
fn the_summary_line_speaks_of_one_post_in_the_singular() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = [\"x\"]\n", "x"));
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "{}", describe(&out));
    let line = stdout(&out);
    assert!(line.contains(" pages (1 post, 1 tag); 0 drafts skipped, 0 scheduled; in "), "{line}");
}

#[test]
fn the_summary_line_counts_pages_posts_drafts_and_scheduled() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = [\"x\", \"y\"]\n", "x"))
        .file("content/posts/b.md", &post("B", "2026-11-02", "x"))
        .file("content/posts/draft.md", &post_with("D", "2026-11-03", "draft = true\n", "x"))
        .file("content/posts/future.md", &post("F", "2026-12-01", "x"))
        .file("content/posts/future2.md", &post("F2", "2027-01-01", "x"));
    let out = site.cli(&["build"]);
    assert!(out.status.success(), "{}", describe(&out));
    let line = stdout(&out);
    let line = line.lines().find(|l| l.contains("pages")).unwrap_or_else(|| panic!("no summary\n{}", describe(&out)));
    let count_before = |word: &str| -> usize {
        let at = line.find(word).unwrap_or_else(|| panic!("{word:?} in {line:?}"));
        let digits: String = line[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().unwrap_or_else(|_| panic!("a number before {word:?} in {line:?}"))
    };
    assert_eq!(count_before("posts"), 2, "{line}");
    assert_eq!(count_before("draft"), 1, "{line}");
    assert_eq!(count_before("scheduled"), 2, "{line}");
    let pages = count_before("pages");
    let html_files = common::snapshot(&site.out()).keys().filter(|k| k.ends_with(".html")).count();
    assert!(pages >= html_files, "{pages} pages reported, {html_files} HTML files written: {line}");
    let other = tempfile::tempdir().unwrap();
    let report = site.build_with(|o| o.output = Some(other.path().join("public"))).expect("library build");
    assert_eq!(pages, report.pages, "the line reports what the library counted: {line}");
}

#[test]
fn build_flags_include_drafts_and_future_posts() {
    let site = Site::new();
    site.file("content/posts/draft.md", &post_with("Draft", "2026-11-03", "draft = true\n", "x"))
        .file("content/posts/future.md", &post("Future", "2026-12-01", "x"));
    let out = site.cli(&["build", "--drafts", "--future", "--base-url", "http://127.0.0.1:8000/"]);
    assert!(out.status.success(), "{}", describe(&out));
    let home = site.html("index.html");
    assert_eq!(common::card_titles(&home), ["Future", "Draft"]);
    let hrefs: Vec<&str> = common::card_links(&home).iter().filter_map(|a| a.attr("href")).collect();
    assert_eq!(hrefs, ["http://127.0.0.1:8000/posts/future/", "http://127.0.0.1:8000/posts/draft/"]);
}

#[test]
fn a_bad_flag_value_exits_1() {
    let site = Site::new();
    let out = site.cli(&["build", "--base-url", "not a url"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("base_url"), "{}", describe(&out));
    let out = samvad().args(["build", "--clock", "25/11/2026", "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("--clock"), "{}", describe(&out));
}

#[test]
fn building_a_folder_without_a_site_explains_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    let out = samvad().args(["build", "--root"]).arg(empty.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = stderr(&out);
    assert!(err.contains("samvad.toml") && err.contains("samvad init"), "{}", describe(&out));
}

/// Runs `samvad ARGS --root ROOT` with standard output a pipe whose reading
/// end is already closed, as `| head -1` leaves it once it has its line.
fn with_closed_stdout(args: &[&str], root: &std::path::Path) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    samvad().args(args).arg("--root").arg(root).stdout(writer).output().expect("run samvad")
}

#[test]
fn a_closed_stdout_pipe_ends_every_command_quietly() {
    let site = Site::new();
    site.file("content/posts/a.md", &post_with("A", "2026-11-01", "tags = [\"chat\"]\n", "Some text."));
    let commands: [&[&str]; 5] = [
        &["social", "a"],
        &["social", "count", "--platform", "x", "नमस्ते"],
        &["build", "--clock", CLOCK],
        &["new", "post", "Another one"],
        &["new", "page", "Contact"],
    ];
    for args in commands {
        let out = with_closed_stdout(args, site.root());
        assert_eq!(out.status.code(), Some(0), "samvad {args:?}\n{}", describe(&out));
        assert_eq!(stderr(&out), "", "samvad {args:?} says nothing");
    }
    assert!(site.exists("posts/a/index.html"), "the build still wrote the site");
    assert!(site.path("content/posts/another-one.md").is_file() && site.path("content/contact.md").is_file());
}
