//! The bundled themes: complete templates and UI strings, small CSS,
//! theme.toml defaults under the site's `[extra]`, navigation, Devanagari
//! digits, `init --theme` and `serve --theme`. The look itself is checked in
//! a real browser by tests/browser/run.mjs.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

const THEMES: &[&str] = &["default", "landing"];

fn theme_dir(name: &str) -> std::path::PathBuf {
    repo().join("themes").join(name)
}

/// Relative paths of the files under `dir`.
fn files(dir: &Path) -> BTreeSet<String> {
    snapshot(dir).into_keys().collect()
}

fn keys(path: &Path) -> BTreeSet<String> {
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    table.keys().cloned().collect()
}

/// A test site using the bundled theme `name`.
fn site_with_theme(name: &str, extra: &str) -> Site {
    let site = Site::with_config(&CONFIG.replace("theme = \"default\"", &format!("theme = \"{name}\"\n{extra}")));
    copy_dir(&theme_dir(name), &site.path(&format!("themes/{name}")));
    site
}

#[test]
fn every_theme_has_every_template_of_the_default_theme() {
    let default: BTreeSet<String> =
        files(&theme_dir("default").join("templates")).into_iter().filter(|f| !f.starts_with("partials/")).collect();
    for required in samvad::templates::REQUIRED.iter().chain(&["services.html"]) {
        assert!(default.contains(*required), "default lacks {required}");
    }
    for theme in THEMES {
        let have = files(&theme_dir(theme).join("templates"));
        let missing: Vec<_> = default.difference(&have).collect();
        assert!(missing.is_empty(), "{theme} lacks {missing:?}");
    }
}

#[test]
fn every_theme_has_complete_english_and_hindi_strings() {
    for theme in THEMES {
        let dir = theme_dir(theme).join("i18n");
        let (en, hi) = (keys(&dir.join("en.toml")), keys(&dir.join("hi.toml")));
        assert_eq!(en, hi, "{theme}: en.toml and hi.toml must have the same keys");
        let strings =
            samvad::i18n::Strings::load(&samvad::theme::ThemeSource::folder(theme, theme_dir(theme))).unwrap();
        assert!(strings.warnings.is_empty(), "{theme}: {:?}", strings.warnings);
        // Every `t.key` a template prints exists.
        for (rel, bytes) in snapshot(&theme_dir(theme).join("templates")) {
            let text = String::from_utf8(bytes).unwrap();
            for (i, _) in text.match_indices("t.") {
                let before = text[..i].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                let key: String =
                    text[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                assert!(en.contains(&key), "{theme}/templates/{rel} uses t.{key}, missing from i18n/en.toml");
            }
        }
    }
}

#[test]
fn every_theme_stylesheet_stays_under_20_kb() {
    for theme in THEMES {
        let size = std::fs::metadata(theme_dir(theme).join("static/style.css")).unwrap().len();
        assert!(size < 20 * 1024, "{theme}/static/style.css is {size} bytes");
    }
}

#[test]
fn the_example_site_builds_with_the_landing_theme_services_first() {
    let out = tempfile::tempdir().unwrap();
    let opts = samvad::BuildOptions {
        root: repo(),
        output: Some(out.path().join("public")),
        clock: Some(clock()),
        theme: Some("landing".into()),
        ..samvad::BuildOptions::default()
    };
    let report = samvad::build(&opts).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.warnings.iter().all(|w| !w.to_string().contains("i18n")), "{:?}", report.warnings);
    let home = scraper::Html::parse_document(&std::fs::read_to_string(out.path().join("public/index.html")).unwrap());
    let packages = select(&home, "#packages .package");
    assert_eq!(packages.len(), 5, "every package of content/services.md on the home page");
    assert!(!select(&home, "#packages .package a.btn-primary").is_empty(), "with contact buttons");
    // Services come before the posts.
    let html = home.html();
    assert!(html.find("id=\"packages\"").unwrap() < html.find("class=\"cards\"").unwrap());
    assert!(!card_titles(&home).is_empty());
    let services =
        scraper::Html::parse_document(&std::fs::read_to_string(out.path().join("public/services/index.html")).unwrap());
    assert!(!select(&services, ".package details.upi").is_empty(), "UPI details on the services page…");
    assert!(select(&home, "details.upi").is_empty(), "…not on the home page");
    assert!(out.path().join("public/theme.js").is_file());
}

#[test]
fn theme_toml_defaults_yield_to_the_site_key_by_key() {
    let site = site_with_theme("default", "[extra]\ntagline = \"Hello there\"\n[extra.colors]\naccent = \"#123456\"\n");
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    site.build_ok();
    let home = site.read("index.html");
    assert!(home.contains("--accent:#123456"), "the site's accent wins");
    assert!(home.contains("--accent-ink:#ffffff"), "the theme's other colours stay");
    assert!(home.contains("<h1>Hello there</h1>"), "the tagline heads the home page");
    assert!(home.contains("theme.js"), "theme_toggle = true comes from theme.toml");
}

#[test]
fn navigation_comes_from_theme_toml_and_a_site_can_replace_it() {
    let site = Site::new();
    site.file("content/about.md", &page("About me", "Hi."));
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    site.build_ok();
    let nav: Vec<String> = select(&site.html("index.html"), "header nav a").into_iter().map(text).collect();
    assert_eq!(nav, ["Home", "About me", "Tags"]);

    let site = Site::with_config(&format!(
        "{CONFIG}[extra]\nnav = [{{ title = \"Blog\", url = \"/\" }}, {{ key = \"tags\", url = \"/tags/\" }}, {{ title = \"Shop\", url = \"https://shop.example/\" }}]\n"
    ));
    site.file("content/about.md", &page("About me", "Hi."));
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    site.build_ok();
    let doc = site.html("index.html");
    let links: Vec<(String, String)> = select(&doc, "header nav a")
        .into_iter()
        .map(|a| (text(a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        links,
        [
            ("Blog".to_string(), "https://samvad.example/".to_string()),
            ("Tags".to_string(), "https://samvad.example/tags/".to_string()),
            ("Shop".to_string(), "https://shop.example/".to_string()),
        ]
    );

    let site = Site::with_config(&format!("{CONFIG}[extra]\nnav = [{{ title = \"Blog\" }}]\n"));
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    assert!(site.build_fails().contains("needs a `url`"));
}

#[test]
fn hindi_pages_can_use_devanagari_digits() {
    let site = Site::with_config(&format!("{CONFIG}[extra]\ndevanagari_digits = true\n"));
    let body = "शब्द ".repeat(400);
    site.file("content/posts/hindi.md", &post_with("हिंदी", "2026-11-01", "lang = \"hi\"\n", &body));
    site.file("content/posts/english.md", &post("English", "2026-11-02", "Some words."));
    site.build_ok();
    let hindi = text(one(&site.html("posts/hindi/index.html"), "article .meta"));
    assert!(hindi.contains("१ नवंबर २०२६") && hindi.contains("३ मिनट में पढ़ें"), "{hindi}");
    let english = text(one(&site.html("posts/english/index.html"), "article .meta"));
    assert!(english.contains("2 November 2026") && english.contains("1 min read"), "{english}");
    let plain = Site::new();
    plain.file("content/posts/hindi.md", &post_with("हिंदी", "2026-11-01", "lang = \"hi\"\n", &body));
    plain.build_ok();
    assert!(text(one(&plain.html("posts/hindi/index.html"), "article .meta")).contains("1 नवंबर 2026"));
}

#[test]
fn a_missing_hindi_string_falls_back_to_english_with_one_warning() {
    let site = Site::new();
    let hi = site.path("themes/default/i18n/hi.toml");
    let text_hi = std::fs::read_to_string(&hi).unwrap();
    let without: String = text_hi.lines().filter(|l| !l.starts_with("read_more ")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&hi, without).unwrap();
    site.file("content/posts/a.md", &post_with("क", "2026-11-01", "lang = \"hi\"\n", "पाठ"));
    let report = site.build_ok();
    let warnings: Vec<String> =
        report.warnings.iter().map(ToString::to_string).filter(|w| w.contains("read_more")).collect();
    assert_eq!(warnings.len(), 1, "{:?}", report.warnings);
    assert!(warnings[0].contains("i18n/hi.toml"), "{}", warnings[0]);
    let out = site.cli(&["build"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("themes/default/i18n/hi.toml: warning: no `read_more`"),
        "{}",
        describe(&out)
    );
}

#[test]
fn ui_strings_follow_each_page_language_and_heading_links_name_no_language() {
    let site = Site::new();
    site.file("content/posts/hi.md", &post_with("हिंदी", "2026-11-01", "lang = \"hi\"\n", "पाठ\n\n## समय\n\nx\n"));
    site.build_ok();
    let doc = site.html("posts/hi/index.html");
    assert_eq!(one(&doc, "html").attr("lang"), Some("hi"));
    assert_eq!(text(one(&doc, ".skip-link")), "सामग्री पर जाएँ");
    let anchor = one(&doc, "h2 a.heading-anchor");
    assert_eq!(anchor.attr("aria-labelledby"), Some("समय"));
    assert!(anchor.attr("aria-label").is_none());
    assert!(!site.read("posts/hi/index.html").contains("Link to"));
}

#[test]
fn init_scaffolds_with_the_chosen_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shop");
    let out = samvad().args(["init", "--theme", "landing"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert!(!dir.join("themes").exists(), "the built-in theme is used, not copied");
    assert!(std::fs::read_to_string(dir.join("samvad.toml")).unwrap().contains("theme = \"landing\""));
    let out = samvad().args(["build", "--future", "--root"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let home = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(home.contains("id=\"packages\""), "the starter services page shows on the home page");

    let out = samvad().args(["init", "--theme", "landng"]).arg(tmp.path().join("other")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `landing`"), "{}", describe(&out));
}

#[test]
fn serve_uses_the_theme_given_on_the_command_line() {
    // The built-in landing theme: the site has a copy of default only.
    let site = Site::new();
    assert!(!site.path("themes/landing").exists());
    site.file("content/posts/a.md", &post("A", "2026-11-01", "x"));
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = samvad()
        .args(["serve", "--theme", "landing", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut body = String::new();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            body.clear();
            let _ = s.read_to_string(&mut body);
            if body.starts_with("HTTP/1.1 200") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(&mut child);
    assert!(body.contains("class=\"hero\""), "the landing theme's home page: {body}");
}
