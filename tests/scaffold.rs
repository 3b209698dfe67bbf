//! `samvad init` and `samvad new` as a new user meets them: a fresh site,
//! a post with a long Hindi title, and the first build.

mod common;

use std::path::{Path, PathBuf};

use common::{describe, one, samvad, text, CLOCK};
use scraper::Html;

/// The title of issue 16.19: 104 letters, 268 bytes in UTF-8.
const LONG_TITLE: &str = "घर बैठे ऑनलाइन चैट सपोर्ट की नौकरी कैसे पाएं: शुरुआती लोगों के लिए पूरी गाइड, ज़रूरी कौशल, वेतन और अनुभव";

/// Runs `samvad ARGS` and asserts it succeeded.
#[track_caller]
fn run(args: &[&str], root: &Path) -> std::process::Output {
    let out = samvad().args(args).arg("--root").arg(root).output().expect("run samvad");
    assert!(out.status.success(), "samvad {args:?}\n{}", describe(&out));
    out
}

/// `samvad init DIR ARGS` in a fresh temporary folder.
fn init(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let holder = tempfile::tempdir().unwrap();
    let dir = holder.path().join("my-blog");
    let out = samvad().arg("init").arg(&dir).args(args).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    (holder, dir)
}

/// `samvad build` with the fixed clock and `--future` (init dates its post
/// with the real date), plus `extra` arguments.
#[track_caller]
fn build(dir: &Path, extra: &[&str]) {
    let mut args = vec!["build", "--future", "--clock", CLOCK];
    args.extend_from_slice(extra);
    run(&args, dir);
}

fn page(path: &Path) -> Html {
    let html = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&html)
}

/// The one post file `samvad new post` reported.
fn created(out: &std::process::Output) -> PathBuf {
    let stdout = String::from_utf8_lossy(&out.stdout);
    PathBuf::from(stdout.trim().strip_prefix("Created ").expect("says what it created"))
}

#[test]
fn a_long_hindi_title_gets_a_file_name_cut_after_a_word() {
    let (_holder, dir) = init(&[]);
    let path = created(&run(&["new", "post", LONG_TITLE], &dir));
    let name = path.file_name().unwrap().to_str().unwrap();
    let slug = name.strip_suffix(".md").unwrap();
    assert!(slug.len() <= 120, "{} bytes: {slug}", slug.len());
    // Whole words of the title, in order, joined by hyphens.
    let words: Vec<&str> = LONG_TITLE.split([' ', ':', ',']).filter(|w| !w.is_empty()).collect();
    let kept: Vec<&str> = slug.split('-').collect();
    assert_eq!(kept, words[..kept.len()], "{slug}");
    // And the next word would not have fitted.
    assert!(slug.len() + 1 + words[kept.len()].len() > 120, "{slug}");

    build(&dir, &[]);
    let post = page(&dir.join("public/posts").join(slug).join("index.html"));
    assert_eq!(text(one(&post, "h1")), LONG_TITLE);
}

#[test]
fn a_hindi_post_starts_with_a_hindi_placeholder() {
    let (_holder, dir) = init(&[]);
    let path = created(&run(&["new", "post", "मेरा पहला अनुभव"], &dir));
    let source = std::fs::read_to_string(&path).unwrap();
    let body = source.rsplit("+++").next().unwrap();
    assert!(!body.contains("Write the opening"), "{body}");
    let latin = body.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let devanagari = body.chars().filter(|c| ('\u{0900}'..='\u{097F}').contains(c)).count();
    // Only `<!-- more -->` is in Latin letters.
    assert_eq!(latin, "more".len(), "{body}");
    assert!(devanagari > 40, "{body}");

    build(&dir, &[]);
    let home = page(&dir.join("public/index.html"));
    let summaries: Vec<String> = home.select(&common::sel(".summary")).map(text).collect();
    assert!(summaries.iter().any(|s| s.starts_with("यहाँ")), "{summaries:?}");

    let english = created(&run(&["new", "post", "Second thoughts"], &dir));
    assert!(std::fs::read_to_string(english).unwrap().contains("Write the opening here."));
}

/// The JSON-LD of a built page.
fn json_ld(doc: &Html) -> serde_json::Value {
    let raw = text(one(doc, "script[type='application/ld+json']"));
    serde_json::from_str(&raw).unwrap_or_else(|e| panic!("JSON-LD parses: {e}\n{raw}"))
}

/// Every value under `key` anywhere in `value`.
fn all_under<'a>(value: &'a serde_json::Value, key: &str, found: &mut Vec<&'a serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            found.extend(map.get(key));
            map.values().for_each(|v| all_under(v, key, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| all_under(v, key, found)),
        _ => {}
    }
}

#[test]
fn a_site_without_an_author_has_a_clean_footer_and_json_ld_in_both_themes() {
    for theme in ["default", "landing"] {
        let (_holder, dir) = init(&["--theme", theme, "--title", "चैट डायरी"]);
        let config = std::fs::read_to_string(dir.join("samvad.toml")).unwrap();
        let config: toml::Table = toml::from_str(&config).unwrap();
        assert!(!config.contains_key("author"), "{theme}: init sets no author");
        build(&dir, &[]);
        for rel in ["index.html", "posts/hello-world/index.html", "about/index.html"] {
            let doc = page(&dir.join("public").join(rel));
            let footer = text(one(&doc, "footer .copyright, footer .wrap > p"));
            let footer = footer.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(footer.starts_with("© चैट डायरी"), "{theme} {rel}: {footer:?}");
            assert!(!footer.contains("© ·") && !footer.ends_with('·'), "{theme} {rel}: {footer:?}");
            let ld = json_ld(&doc);
            let mut authors = Vec::new();
            all_under(&ld, "author", &mut authors);
            for author in authors {
                assert_eq!(author["name"], "चैट डायरी", "{theme} {rel}: {author}");
                assert_eq!(author["@type"], "Organization", "{theme} {rel}: {author}");
            }
            let mut names = Vec::new();
            all_under(&ld, "name", &mut names);
            assert!(names.iter().all(|n| n.as_str() != Some("")), "{theme} {rel}: an empty name in {ld}");
        }
        let post = json_ld(&page(&dir.join("public/posts/hello-world/index.html")));
        let mut authors = Vec::new();
        all_under(&post, "author", &mut authors);
        assert_eq!(authors.len(), 1, "{theme}: the post names its author");
    }
}

/// Runs `samvad ARGS --root ROOT`, which must fail; returns its stderr.
#[track_caller]
fn fails(args: &[&str], root: &Path) -> String {
    let out = samvad().args(args).arg("--root").arg(root).output().expect("run samvad");
    assert_eq!(out.status.code(), Some(1), "samvad {args:?} should fail\n{}", describe(&out));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_new_site_builds_with_either_built_in_theme() {
    let (_holder, dir) = init(&[]);
    assert!(!dir.join("themes").exists(), "init copies no theme");
    build(&dir, &["--theme", "landing"]);
    let home = page(&dir.join("public/index.html"));
    assert!(!home.select(&common::sel(".hero")).collect::<Vec<_>>().is_empty(), "the landing theme's home page");
    let css = std::fs::read(dir.join("public/style.css")).unwrap();
    assert_eq!(css, std::fs::read(common::repo().join("themes/landing/static/style.css")).unwrap());

    // Named in samvad.toml instead, with the theme's theme.toml defaults.
    let config = std::fs::read_to_string(dir.join("samvad.toml")).unwrap();
    std::fs::write(dir.join("samvad.toml"), config.replace("theme = \"default\"", "theme = \"landing\"")).unwrap();
    build(&dir, &[]);
    assert_eq!(std::fs::read(dir.join("public/style.css")).unwrap(), css);
    build(&dir, &["--theme", "default"]);
    let css = std::fs::read(dir.join("public/style.css")).unwrap();
    assert_eq!(css, std::fs::read(common::repo().join("themes/default/static/style.css")).unwrap());
}

#[test]
fn a_folder_in_themes_replaces_the_built_in_theme_as_a_whole() {
    let (_holder, dir) = init(&[]);
    let out = run(&["theme", "copy", "default"], &dir);
    assert!(String::from_utf8_lossy(&out.stdout).contains("themes/default"), "{}", describe(&out));
    let base = dir.join("themes/default/templates/base.html");
    let template = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, template.replace("<footer class=\"site-footer\">", "<footer class=\"site-footer mine\">"))
        .unwrap();
    std::fs::remove_file(dir.join("themes/default/static/style.css")).unwrap();
    build(&dir, &[]);
    let home = page(&dir.join("public/index.html"));
    assert_eq!(home.select(&common::sel("footer.mine")).count(), 1, "the site's copy is used");
    assert!(!dir.join("public/style.css").exists(), "nothing is taken from the built-in copy");

    let err = fails(&["theme", "copy", "default"], &dir);
    assert!(err.contains("already exists"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = fails(&["theme", "copy", "landing"], empty.path());
    assert!(err.contains("samvad.toml"), "{err}");
    assert!(!empty.path().join("themes").exists());
}

#[test]
fn an_unknown_theme_names_the_themes_there_are() {
    let (_holder, dir) = init(&[]);
    std::fs::create_dir_all(dir.join("themes/mine")).unwrap();
    let err = fails(&["build", "--theme", "landng"], &dir);
    assert!(err.contains("--theme: no theme `landng`"), "{err}");
    assert!(err.contains("did you mean `landing`?"), "{err}");
    assert!(err.contains("default (built in), landing (built in), mine (themes/mine/)"), "{err}");

    let config = std::fs::read_to_string(dir.join("samvad.toml")).unwrap();
    let line = config.lines().position(|l| l.starts_with("theme =")).unwrap() + 1;
    std::fs::write(dir.join("samvad.toml"), config.replace("theme = \"default\"", "theme = \"nothing-like-it\""))
        .unwrap();
    let err = fails(&["build"], &dir);
    assert!(err.starts_with(&format!("samvad.toml:{line}: error: no theme `nothing-like-it`")), "{err}");
    let err = fails(&["theme", "copy", "mine"], &dir);
    assert!(err.contains("no built-in theme `mine`"), "{err}");
}
