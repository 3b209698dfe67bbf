//! The engine's promise: after any sequence of edits, what it builds
//! incrementally is byte for byte what a clean `samvad build` of the same
//! files writes. Named cases cover each kind of edit; a proptest replays
//! random sequences of them.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::*;
use proptest::prelude::*;
use samvad::engine::{Changes, Engine, Mode};

/// A site with posts in two languages, tags, a bundle with a picture,
/// links between posts, a page, the services page and a static file.
fn fixture() -> Site {
    let site = Site::new();
    site.file("content/posts/one.md", &post_with("One", "2026-11-01", "tags = [\"chat\", \"refund\"]\n", "First. [two](two.md)"))
        .file("content/posts/two.md", &post_with("Two", "2026-11-02", "tags = [\"chat\"]\n", "Second.\n\n## Part\n\nMore."))
        .file("content/posts/teen.md", &post_with("तीन", "2026-11-03", "lang = \"hi\"\ntags = [\"ग्राहक\"]\n", "तीसरी पोस्ट।"))
        .file("content/posts/pic/index.md", &post("Pic", "2026-11-04", "![a shield](shield.svg) With a picture."))
        .file("content/posts/pic/shield.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("content/about.md", &page("About", "Who I am."))
        .file(
            "content/services.md",
            "+++\ntitle = \"Services\"\n[contact]\nemail = \"a@b.in\"\n[[services]]\nname = \"Chat\"\nprice = 499\n+++\nWhat I do.\n",
        )
        .file("static/notes.txt", "static text\n");
    // Templates of the site's own that show values every new post or tag
    // changes, which the theme's templates do not.
    let not_found = std::fs::read_to_string(repo().join("themes/default/templates/404.html")).unwrap();
    let counts =
        "<p>{{ site.post_count }} posts: {% for t in site.taxonomies %}{{ t.name }} {{ t.count }} {% endfor %}</p>";
    site.file("templates/404.html", &not_found.replacen("{% endblock", &format!("{counts}{{% endblock"), 1));
    let term = std::fs::read_to_string(repo().join("themes/default/templates/taxonomy_term.html")).unwrap();
    let terms = "<p>{{ taxonomy.terms | length }} terms</p>";
    site.file("templates/taxonomy_term.html", &term.replacen("{% endblock", &format!("{terms}{{% endblock"), 1));
    site
}

/// One edit of the fixture, with the files it touches.
#[derive(Debug, Clone)]
enum Edit {
    Body(usize),
    /// The first paragraph: the post's summary, which lists and feeds show.
    Lead(usize),
    Title(usize),
    Tag(usize),
    Date(usize),
    Draft(usize),
    Delete(usize),
    Rename(usize),
    Add(usize),
    Template(usize),
    Config(usize),
    Static(usize),
    /// Adds, changes or removes a post's `aliases`.
    Alias(usize),
}

const POSTS: [&str; 3] = ["content/posts/one.md", "content/posts/two.md", "content/posts/teen.md"];

impl Edit {
    /// Applies the edit (the `n`th of the run) and returns the changed
    /// paths, relative to the site.
    fn apply(&self, site: &Site, n: usize) -> Vec<PathBuf> {
        let post = |i: usize| POSTS[i % POSTS.len()];
        let edit = |rel: &str, f: &dyn Fn(String) -> String| {
            let path = site.path(rel);
            if let Ok(text) = std::fs::read_to_string(&path) {
                std::fs::write(&path, f(text)).unwrap();
            }
            vec![PathBuf::from(rel)]
        };
        match *self {
            Edit::Body(i) => edit(post(i), &|t| format!("{t}\nAn added line {n}.\n")),
            Edit::Lead(i) => edit(post(i), &|t| t.replacen("+++\n\n", &format!("+++\n\nNew lead {n}. "), 1)),
            Edit::Title(i) => edit(post(i), &|t| t.replacen("title = \"", &format!("title = \"T{n} "), 1)),
            Edit::Tag(i) => edit(post(i), &|t| match t.contains("tags = [") {
                true => t.replacen("tags = [", &format!("tags = [\"tag{}\", ", n % 3), 1),
                false => t.replacen("+++\n\n", &format!("tags = [\"tag{}\"]\n+++\n\n", n % 3), 1),
            }),
            Edit::Date(i) => edit(post(i), &|t| t.replacen("date = 2026-11-", "date = 2026-10-", 1)),
            Edit::Draft(i) => edit(post(i), &|t| match t.contains("draft = true") {
                true => t.replace("draft = true\n", ""),
                false => t.replacen("+++\n\n", "draft = true\n+++\n\n", 1),
            }),
            Edit::Delete(i) => {
                let _ = std::fs::remove_file(site.path(post(i)));
                vec![PathBuf::from(post(i))]
            }
            Edit::Rename(i) => {
                let to = format!("content/posts/moved-{n}.md");
                match std::fs::rename(site.path(post(i)), site.path(&to)) {
                    Ok(()) => vec![PathBuf::from(post(i)), PathBuf::from(to)],
                    Err(_) => Vec::new(),
                }
            }
            Edit::Add(i) => {
                let rel = format!("content/posts/new-{n}.md");
                let tags = ["chat", "refund", "नया"][i % 3];
                site.file(
                    &rel,
                    &post_with(&format!("New {n}"), "2026-11-05", &format!("tags = [\"{tags}\"]\n"), "Fresh."),
                );
                vec![PathBuf::from(rel)]
            }
            Edit::Template(i) => {
                let name = ["post.html", "index.html", "base.html"][i % 3];
                let rel = format!("templates/{name}");
                let theme = std::fs::read_to_string(repo().join("themes/default/templates").join(name)).unwrap();
                let text = std::fs::read_to_string(site.path(&rel)).unwrap_or(theme);
                let marked = text.replacen("</main>", &format!("<p>edit {n}</p></main>"), 1);
                let marked = if marked == text {
                    text.replacen("{% endblock", &format!("<!-- {n} -->{{% endblock"), 1)
                } else {
                    marked
                };
                site.file(&rel, &marked);
                vec![PathBuf::from(rel)]
            }
            Edit::Config(i) => {
                let text = match i % 3 {
                    0 => format!("{CONFIG}posts_per_page = 2\n"),
                    1 => CONFIG.replace("A site made by the test suite", "Changed"),
                    _ => format!("{CONFIG}[extra]\ntagline = \"Hi\"\n"),
                };
                site.file("samvad.toml", &text);
                vec![PathBuf::from("samvad.toml")]
            }
            Edit::Alias(i) => edit(post(i), &|t| {
                let kept: String =
                    t.lines().filter(|l| !l.starts_with("aliases = ")).map(|l| format!("{l}\n")).collect();
                match n % 3 {
                    0 => kept,
                    _ => kept.replacen(
                        "+++\n\n",
                        &format!("aliases = [\"/old/{i}-{n}/\", \"/{n}/old.html\"]\n+++\n\n"),
                        1,
                    ),
                }
            }),
            Edit::Static(i) => {
                let rel = ["static/notes.txt", "static/new.css", "content/posts/pic/shield.svg"][i % 3];
                site.file(rel, &format!("changed {n}\n"));
                vec![PathBuf::from(rel)]
            }
        }
    }
}

/// Every file under the output and the social folder beside it.
fn outputs(out: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = snapshot(out);
    let social = out.parent().unwrap().join("social");
    if social.exists() && WITH_SOCIAL.with(|w| w.get()) {
        all.extend(snapshot(&social).into_iter().map(|(k, v)| (format!("social/{k}"), v)));
    }
    all
}

/// A clean build of the site as it is now, into a folder of its own.
fn clean(site: &Site) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let build = site.build_with(|o| {
        o.output = Some(out.clone());
        o.no_cache = true;
    });
    match build {
        Ok(_) => Ok(outputs(&out)),
        Err(e) => Err(e.to_string()),
    }
}

thread_local! {
    /// Whether the social folder is compared too (not for `serve`'s engine,
    /// which writes none).
    static WITH_SOCIAL: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `edits`, building incrementally after each as `build --watch`
/// does; every result must be what a clean build gives, files or errors.
fn replay(edits: &[Edit]) {
    replay_in(edits, Mode::WATCH);
}

/// Likewise, as `serve` does (no social folder; the quick path for edits
/// that move no post).
fn replay_as_serve(edits: &[Edit]) {
    WITH_SOCIAL.with(|w| w.set(false));
    replay_in(edits, Mode::SERVE);
}

fn replay_in(edits: &[Edit], mode: Mode) {
    let site = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut opts = site.options();
    opts.output = Some(out.clone());
    let mut engine = Engine::new(opts, out.clone(), mode);
    engine.build(&Changes::everything()).unwrap_or_else(|e| panic!("first build: {e}"));
    assert_eq!(Ok(outputs(&out)), clean(&site), "first build");
    for (n, edit) in edits.iter().enumerate() {
        let paths = edit.apply(&site, n);
        let built = engine.build(&Changes { everything: false, paths: paths.into_iter().collect() });
        let want = clean(&site);
        match (built, want) {
            (Ok(_), Ok(want)) => {
                let got = outputs(&out);
                let differ: Vec<&String> =
                    want.keys().chain(got.keys()).filter(|k| want.get(*k) != got.get(*k)).collect();
                assert!(
                    differ.is_empty(),
                    "after {:?}: these files differ from a clean build: {differ:?}",
                    &edits[..=n]
                );
            }
            (Err(got), Err(want)) => assert_eq!(got.to_string(), want, "after {:?}", &edits[..=n]),
            (got, want) => panic!("after {:?}: incremental {:?}, clean {:?}", &edits[..=n], got.err(), want.err()),
        }
    }
}

#[test]
fn each_kind_of_edit_builds_what_a_clean_build_does() {
    let all = [
        Edit::Body(0),
        Edit::Lead(1),
        Edit::Title(1),
        Edit::Tag(2),
        Edit::Date(0),
        Edit::Draft(1),
        Edit::Draft(1),
        Edit::Add(2),
        Edit::Rename(0),
        Edit::Delete(2),
        Edit::Template(0),
        Edit::Template(1),
        Edit::Template(2),
        Edit::Config(0),
        Edit::Config(1),
        Edit::Static(0),
        Edit::Static(1),
        Edit::Static(2),
        Edit::Alias(0),
        Edit::Alias(0),
        Edit::Alias(1),
        Edit::Alias(0),
    ];
    replay(&all);
    replay_as_serve(&all);
}

#[test]
fn body_edits_on_the_quick_path_build_what_a_clean_build_does() {
    replay_as_serve(&[
        Edit::Body(0),
        Edit::Lead(1),
        Edit::Body(0),
        Edit::Title(2),
        Edit::Lead(2),
        Edit::Static(2),
        Edit::Lead(0),
    ]);
}

#[test]
fn a_rescan_after_edits_builds_what_a_clean_build_does() {
    let site = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut opts = site.options();
    opts.output = Some(out.clone());
    let mut engine = Engine::new(opts, out.clone(), Mode::BUILD);
    engine.build(&Changes::everything()).unwrap();
    for (n, edit) in [Edit::Title(0), Edit::Add(1), Edit::Template(0), Edit::Static(2)].iter().enumerate() {
        edit.apply(&site, n);
    }
    engine.build(&Changes::everything()).unwrap();
    assert_eq!(Ok(outputs(&out)), clean(&site));
}

/// Runs `edits` with one `samvad build` after each, every one a new
/// process's build that finds only the build cache the one before left.
fn replay_with_cache(edits: &[Edit]) {
    let site = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let build = || site.build_with(|o| o.output = Some(out.clone()));
    build().unwrap_or_else(|e| panic!("first build: {e}"));
    for (n, edit) in edits.iter().enumerate() {
        edit.apply(&site, n);
        match (build(), clean(&site)) {
            (Ok(_), Ok(want)) => {
                assert!(outputs(&out) == want, "after {:?}: not what a clean build writes", &edits[..=n])
            }
            (Err(got), Err(want)) => assert_eq!(got.to_string(), want, "after {:?}", &edits[..=n]),
            (got, want) => panic!("after {:?}: with the cache {:?}, clean {:?}", &edits[..=n], got.err(), want.err()),
        }
    }
}

#[test]
fn successive_builds_with_the_cache_write_what_clean_builds_do() {
    replay_with_cache(&[
        Edit::Body(0),
        Edit::Title(1),
        Edit::Tag(2),
        Edit::Add(0),
        Edit::Template(0),
        Edit::Static(2),
        Edit::Config(1),
        Edit::Delete(1),
    ]);
}

#[test]
fn a_damaged_cache_is_reported_and_ignored() {
    let site = fixture();
    site.build_ok();
    let cache = site.path(".samvad-cache/build.msgpack");
    let bytes = std::fs::read(&cache).unwrap();
    assert_eq!(std::fs::read_to_string(site.path(".samvad-cache/.gitignore")).unwrap().lines().last(), Some("*"));
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    Edit::Title(0).apply(&site, 0);
    let report = site.build_ok();
    let warning = report.warnings.iter().map(ToString::to_string).find(|w| w.contains("build cache is damaged"));
    assert!(warning.is_some_and(|w| w.starts_with(".samvad-cache/build.msgpack")), "{:?}", report.warnings);
    assert_eq!(
        Ok(site.snapshot()),
        clean(&site).map(|mut all| {
            all.retain(|k, _| !k.starts_with("social/"));
            all
        })
    );
    let report = site.build_ok();
    assert!(report.warnings.iter().all(|w| !w.to_string().contains("cache")), "a new cache was written");
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..3;
    prop_oneof![
        4 => i.clone().prop_map(Edit::Body),
        3 => i.clone().prop_map(Edit::Lead),
        3 => i.clone().prop_map(Edit::Title),
        3 => i.clone().prop_map(Edit::Tag),
        2 => i.clone().prop_map(Edit::Date),
        2 => i.clone().prop_map(Edit::Draft),
        1 => i.clone().prop_map(Edit::Delete),
        1 => i.clone().prop_map(Edit::Rename),
        2 => i.clone().prop_map(Edit::Add),
        2 => i.clone().prop_map(Edit::Template),
        1 => i.clone().prop_map(Edit::Config),
        2 => i.clone().prop_map(Edit::Static),
        2 => i.prop_map(Edit::Alias),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_sequences_build_what_a_clean_build_does(edits in prop::collection::vec(edit(), 1..7)) {
        replay(&edits);
    }

    #[test]
    fn random_edit_sequences_as_serve_builds_them_build_what_a_clean_build_does(edits in prop::collection::vec(edit(), 1..7)) {
        replay_as_serve(&edits);
    }

    #[test]
    fn random_edit_sequences_with_the_cache_build_what_a_clean_build_does(edits in prop::collection::vec(edit(), 1..5)) {
        replay_with_cache(&edits);
    }
}
