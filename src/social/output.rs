//! Writes the promotion text beside the output folder (for `public/`, in
//! `social/` next to it), never inside it: it is for the writer, not for
//! readers. One Markdown file per post, `snippets.json` for tools and
//! `schedule.csv` for schedulers that import CSV.

mod json;
mod stage;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::count::Platform;
use super::generate::{self, Snippet};
use super::post::display_name;
use crate::page::Page;

/// Days after publication the first platform's post is scheduled for; the
/// others follow one a day, wrapping after a week.
pub const SPREAD_DAYS: usize = 7;

/// Hour (in the post's own offset) scheduled posts go out.
pub const SCHEDULE_HOUR: i8 = 10;

/// `<output parent>/social`.
pub fn dir_for(output: &Path) -> PathBuf {
    output.parent().unwrap_or(Path::new(".")).join("social")
}

pub use stage::{stage, Written};

/// Everything a post's snippets, its Markdown file and its schedule are
/// made from, besides the config: a build makes them again only when this
/// changed.
pub fn inputs(page: Page) -> impl std::hash::Hash {
    (generate::PostInfo::from_page(page), page.sort_date, page.source.clone())
}

/// A slug as a file name: path separators and leading dots cannot escape.
fn file_stem(slug: &str) -> String {
    let s = slug.replace(['/', '\\', '\0'], "-");
    let s = s.trim_start_matches('.');
    if s.is_empty() {
        "post".into()
    } else {
        s.to_string()
    }
}

/// One post's snippets as JSON objects, one per line, comma-separated.
fn json_lines(snippets: &[Snippet]) -> Vec<u8> {
    let mut out = Vec::with_capacity(snippets.len() * 1024);
    for (i, s) in snippets.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"  " } else { b",\n  " });
        json::push_snippet(&mut out, s);
    }
    out
}

/// One post's rows of `schedule.csv`. The dates repeat every
/// [`SPREAD_DAYS`] platforms, so each is worked out once.
fn csv_lines(page: Page, snippets: &[Snippet]) -> String {
    let days: Vec<String> =
        (0..SPREAD_DAYS.min(snippets.len())).map(|i| scheduled_at(page, i).unwrap_or_default()).collect();
    let mut csv = String::with_capacity(snippets.len() * 768);
    for (i, s) in snippets.iter().enumerate() {
        let row = [s.post.as_str(), s.platform.name(), s.text.as_str(), s.url.as_str(), &days[i % SPREAD_DAYS]];
        for (k, field) in row.into_iter().enumerate() {
            if k > 0 {
                csv.push(',');
            }
            push_csv_field(&mut csv, field);
        }
        csv.push_str("\r\n");
    }
    csv
}

/// A post's snippets as Markdown, one `## Platform` section each, the text
/// in a fence ready to copy. `only` limits it to one platform.
pub fn markdown(page: Page, snippets: &[Snippet], only: Option<Platform>) -> String {
    let mut out = String::with_capacity(snippets.len() * 1024);
    let _ = write!(out, "# {}\n\n<{}>\n", page.title, page.permalink);
    for s in snippets.iter().filter(|s| only.is_none_or(|p| p == s.platform)) {
        let _ = write!(out, "\n## {}\n\n", display_name(s.platform));
        fenced(&mut out, &s.text);
        let _ = write!(out, "\nlength: {}/{}", s.length, s.limit);
        let _ = writeln!(out, "{}", s.reason.as_ref().map_or(String::new(), |why| format!(" ({why})")));
        if !s.thread.is_empty() {
            let _ = writeln!(out, "\nAs a thread of {}:", s.thread.len());
            for post in &s.thread {
                out.push('\n');
                fenced(&mut out, post);
            }
        }
    }
    out
}

/// Appends `text` in a `text` code fence, with a line break after it.
fn fenced(out: &mut String, text: &str) {
    let fence = fence_for(text);
    for part in [&*fence, "text\n", text, "\n", &*fence, "\n"] {
        out.push_str(part);
    }
}

/// A backtick fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> Cow<'static, str> {
    // Most snippets have no backtick at all; finding that is one fast scan.
    if !text.contains('`') {
        return Cow::Borrowed("```");
    }
    let longest = text.as_bytes().split(|&b| b != b'`').map(<[u8]>::len).max().unwrap_or(0);
    Cow::Owned("`".repeat(longest.max(2) + 1))
}

/// Appends a CSV field. RFC 4180: a field with a comma, quote or line break
/// is quoted, and its quotes doubled.
///
/// `schedule.csv` is opened in spreadsheets, which run a cell starting with
/// `=`, `+`, `-`, `@`, tab or carriage return as a formula: a post titled
/// `=HYPERLINK(...)` would be a link to anywhere. As OWASP's "CSV Injection"
/// page advises, such a cell gets a leading single quote and is quoted. The
/// text then differs from the snippet by that quote; `snippets.json` and the
/// Markdown files keep it exact.
fn push_csv_field(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    // By bytes: all four are ASCII, and a char pattern would decode every
    // character of the text first.
    if formula || s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// When the `index`-th platform's post goes out: the post's date plus
/// `1 + index % SPREAD_DAYS` days, at 10:00 in the post's offset.
pub fn scheduled_at(page: Page, index: usize) -> Option<String> {
    let date = page.sort_date?;
    let local = date.offset.to_datetime(date.instant).date();
    let day = local.checked_add(jiff::Span::new().days((1 + index % SPREAD_DAYS) as i64)).ok()?;
    let at = day.to_datetime(jiff::civil::time(SCHEDULE_HOUR, 0, 0, 0));
    let instant = date.offset.to_timestamp(at).ok()?;
    Some(crate::dates::Date { instant, offset: date.offset }.rfc3339())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A post for tests, dated 2026-11-25 09:30 +05:30.
    /// A post made up for tests, whole.
    pub(crate) struct TestPage {
        pub entry: crate::site::Entry,
        pub body: crate::page::Body,
    }

    impl TestPage {
        pub fn page(&self) -> Page<'_> {
            self.entry.page(&self.body)
        }
    }

    pub(crate) fn page(title: &str, slug: &str, tags: &[&str]) -> TestPage {
        let date = crate::dates::parse("2026-11-25T09:30:00+05:30", &jiff::tz::TimeZone::UTC).unwrap();
        let tags: Vec<String> = tags.iter().map(|t| t.to_string()).collect();
        let outline = crate::page::Outline {
            kind: crate::load::Kind::Post,
            title: title.into(),
            description: None,
            slug: slug.into(),
            permalink: format!("https://example.com/posts/{}/", crate::slug::encode_path(slug)),
            path: String::new(),
            source: format!("posts/{slug}.md"),
            lang: "en".into(),
            date: None,
            updated: None,
            draft: false,
            author: String::new(),
            image: None,
            extra: serde_json::Value::Null,
            services: None,
            dir: String::new(),
            sort_date: Some(date),
            template: None,
            assets: Vec::new(),
            tag_names: tags.clone(),
            category_names: Vec::new(),
            translation_of: None,
            social: Default::default(),
            aliases: Vec::new(),
        };
        let body = crate::page::Body {
            summary: "<p>A summary, with \"quotes\".</p>".into(),
            summary_text: "A summary, with \"quotes\".".into(),
            has_more: false,
            toc: Vec::new(),
            word_count: 0,
            reading_time: 1,
        };
        let place = crate::page::Place {
            hashtags: crate::social::hashtag::hashtags(&tags, usize::MAX),
            ..crate::page::Place::default()
        };
        TestPage { entry: crate::site::Entry { outline: std::sync::Arc::new(outline), place }, body }
    }

    fn csv_field(s: &str) -> String {
        let mut out = String::new();
        push_csv_field(&mut out, s);
        out
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\"\nbye"), "\"say \"\"hi\"\"\nbye\"");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
        let cases = [
            ("=1+2", "\"'=1+2\""),
            ("+91 98", "\"'+91 98\""),
            ("-5", "\"'-5\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("\rx", "\"'\rx\""),
            ("=HYPERLINK(\"https://e.com\",\"x\")", "\"'=HYPERLINK(\"\"https://e.com\"\",\"\"x\"\")\""),
            ("a=b", "a=b"),
            (" =x", " =x"),
            ("", ""),
        ];
        for (cell, want) in cases {
            assert_eq!(csv_field(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn schedule_is_10am_in_the_post_offset_spread_over_days() {
        let p = page("T", "t", &[]);
        assert_eq!(scheduled_at(p.page(), 0).unwrap(), "2026-11-26T10:00:00+05:30");
        assert_eq!(scheduled_at(p.page(), 6).unwrap(), "2026-12-02T10:00:00+05:30");
        assert_eq!(scheduled_at(p.page(), 7).unwrap(), "2026-11-26T10:00:00+05:30");
    }

    #[test]
    fn markdown_has_a_section_and_length_per_platform() {
        let p = page("Title", "t", &["rust"]);
        let p = p.page();
        let snippets = crate::social::generate::for_post(&crate::config::Config::default(), p);
        let md = markdown(p, &snippets, None);
        assert_eq!(md.matches("\n## ").count(), Platform::ALL.len());
        assert!(md.contains("## X\n\n```text\n") && md.contains("/280\n"), "{md}");
        let one = markdown(p, &snippets, Some(Platform::Bluesky));
        assert_eq!(one.matches("\n## ").count(), 1);
        let mut threaded = snippets.clone();
        let x = threaded.iter_mut().find(|s| s.platform == Platform::X).unwrap();
        x.thread = vec!["1/2 first".into(), "2/2 has ``` inside".into()];
        let md = markdown(p, &threaded, Some(Platform::X));
        let want = "\nAs a thread of 2:\n\n```text\n1/2 first\n```\n\n````text\n2/2 has ``` inside\n````\n";
        assert!(md.ends_with(want), "{md}");
        assert_eq!(file_stem("../x"), "-x");
    }
}
