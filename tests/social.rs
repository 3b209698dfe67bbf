//! End to end: promotion text for the repository's example site, the
//! `samvad social` command, and share links on post pages.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use percent_encoding::percent_decode_str;
use samvad::social::count::Platform;
use samvad::BuildOptions;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example site into `<tmp>/public`; social/ lands in `<tmp>/social`.
fn build_example(tmp: &Path) -> samvad::Report {
    let opts = BuildOptions { root: repo(), output: Some(tmp.join("public")), ..BuildOptions::default() };
    samvad::build(&opts).expect("the example site builds")
}

fn samvad(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_samvad")).args(args).current_dir(repo()).output().expect("samvad runs")
}

/// Splits RFC 4180 CSV into records (quoted fields may hold commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[test]
fn build_writes_snippets_beside_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let report = build_example(tmp.path());
    let social = tmp.path().join("social");
    assert!(!tmp.path().join("public/social").exists(), "social/ must not be published");

    let json = std::fs::read_to_string(social.join("snippets.json")).unwrap();
    let snippets: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let mut by_post: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &snippets {
        let platform = Platform::parse(s["platform"].as_str().unwrap()).unwrap();
        let text = s["text"].as_str().unwrap();
        let limit = s["limit"].as_u64().unwrap() as usize;
        assert_eq!(s["fits"], true, "{s}");
        assert!(platform.fits(text, limit), "{s}");
        assert_eq!(s["length"].as_u64().unwrap() as usize, platform.count(text));
        assert!(s["url"].as_str().unwrap().contains(&format!("utm_source={}", platform.name())));
        by_post.entry(s["slug"].as_str().unwrap().to_string()).or_default().insert(platform.name().to_string());
    }
    assert_eq!(by_post.len(), report.posts);
    let all: BTreeSet<String> = Platform::ALL.iter().map(|p| p.name().to_string()).collect();
    assert_eq!(all.len(), 11);
    assert!(all.contains("telegram_caption") && all.contains("pinterest"));
    for (slug, platforms) in &by_post {
        assert_eq!(platforms, &all, "{slug}");
        let md = std::fs::read_to_string(social.join(format!("{slug}.md"))).unwrap();
        assert!(md.contains("## X\n\n```text\n") && md.contains("length: "), "{md}");
    }

    let csv = std::fs::read_to_string(social.join("schedule.csv")).unwrap();
    let records = csv_records(&csv);
    assert_eq!(records[0], ["post", "platform", "text", "url", "scheduled_at"]);
    assert_eq!(records.len() - 1, report.posts * 11);
    for r in &records[1..] {
        assert_eq!(r.len(), 5, "{r:?}");
        assert!(r[4].contains("T10:00:00"), "{r:?}");
    }
}

/// #16.12: a spreadsheet opening schedule.csv must see text, never a
/// formula, whatever a title or description starts with.
#[test]
fn schedule_csv_cells_never_start_a_formula() {
    let site = common::Site::new();
    let evil = "=HYPERLINK(\"https://evil.example\",\"click\")";
    let front = r#"+++
title = "=HYPERLINK(\"https://evil.example\",\"click\")"
date = 2026-10-01
description = "@SUM(1+1)*cmd|' /C calc'!A0"
+++

Body.
"#;
    site.file("content/posts/evil.md", front);
    let front = "description = \"+91 98765 43210 for chat work\"\n";
    site.file("content/posts/minus.md", &common::post_with("-1 bad habit", "2026-10-02", front, "Body.\n"));
    site.build_ok();
    let csv = std::fs::read_to_string(site.path("social/schedule.csv")).unwrap();
    let records = csv_records(&csv);
    assert_eq!(records.len(), 1 + 2 * Platform::ALL.len());
    for r in &records[1..] {
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {r:?}");
        }
        assert!([format!("'{evil}"), "'-1 bad habit".to_string()].contains(&r[0]), "{r:?}");
    }
    let x_text = |title: &str| records.iter().find(|r| r[0] == title && r[1] == "x").map(|r| r[2].clone()).unwrap();
    assert!(x_text(&format!("'{evil}")).starts_with("'@SUM(1+1)*cmd|' /C calc'!A0\n\nhttps://"));
    assert!(x_text("'-1 bad habit").starts_with("'+91 98765 43210 for chat work"));
    // snippets.json keeps the exact text.
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(site.path("social/snippets.json")).unwrap()).unwrap();
    assert!(json.iter().any(|s| s["post"] == evil && s["text"].as_str().unwrap().starts_with("@SUM")));
}

#[test]
fn count_prints_json_and_rejects_unknown_platforms() {
    let out = samvad(&["social", "count", "--platform", "x", "--json", "hello"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["length"], 5);
    assert_eq!(v["platform"], "x");
    assert_eq!(v["fits"], true);

    let out = samvad(&["social", "count", "--platform", "x", &"a".repeat(300)]);
    assert!(out.status.success(), "too long still exits 0");
    assert!(String::from_utf8_lossy(&out.stdout).contains("300/280"));

    // #16.27: a refusal other than length says why, in text and JSON.
    let tags = "Six tags #a #b #c #d #e #f";
    let out = samvad(&["social", "count", "--platform", "instagram", tags]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text, "instagram: 26/2200 (too many hashtags: 6 of at most 5)\n");
    let out = samvad(&["social", "count", "--platform", "instagram", "--json", tags]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((v["length"].as_u64(), v["limit"].as_u64(), &v["fits"]), (Some(26), Some(2200), &false.into()));
    assert_eq!(v["reason"], "too many hashtags: 6 of at most 5");
    let out = samvad(&["social", "count", "--platform", "x", "--json", ""]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["fits"], v["reason"].as_str().unwrap().starts_with("empty")), (&false.into(), true), "{v}");
    let out = samvad(&["social", "count", "--platform", "x", "--json", "ok"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["fits"], &v["reason"]), (&true.into(), &serde_json::Value::Null), "{v}");

    let out = samvad(&["social", "count", "--platform", "myspace", "hi"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("myspace") && err.contains("bluesky") && err.contains("telegram_caption"), "{err}");
}

#[test]
fn social_prints_one_posts_snippets() {
    let out = samvad(&["social", "time-blocking-for-chat-shifts", "--platform", "bluesky"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## Bluesky") && !text.contains("## X"), "{text}");
    assert!(text.contains("utm_source=bluesky"));
}

#[test]
fn post_pages_have_share_links_with_utm() {
    let tmp = tempfile::tempdir().unwrap();
    build_example(tmp.path());
    let html =
        std::fs::read_to_string(tmp.path().join("public/posts/time-blocking-for-chat-shifts/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let links = scraper::Selector::parse(".share a[href]").unwrap();
    let mut seen = 0;
    for a in doc.select(&links) {
        let name = a.value().attr("aria-label").unwrap_or_default();
        assert!(name.starts_with("Share on "), "accessible name: {name}");
        let href = a.value().attr("href").unwrap();
        let query = href.split_once('?').unwrap().1;
        let params: BTreeMap<String, String> = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), percent_decode_str(v).decode_utf8().unwrap().to_string()))
            .collect();
        let carrier = ["url", "u", "text"].iter().find_map(|k| params.get(*k).filter(|v| v.contains("https://")));
        let carrier = carrier.unwrap_or_else(|| panic!("no link in {href}"));
        assert!(carrier.contains("utm_source="), "{href}");
        if href.starts_with("https://x.com/") {
            assert!(params["url"].contains("utm_source=x&utm_medium=social"), "{href}");
        }
        seen += 1;
    }
    assert_eq!(seen, 8, "eight plain links besides the Mastodon button");
    let button = scraper::Selector::parse(".share button.share-mastodon[data-share-path]").unwrap();
    assert_eq!(doc.select(&button).count(), 1);
}
