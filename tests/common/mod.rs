//! Shared helpers for the end-to-end tests: a throw-away site on disk,
//! built through the library or the `samvad` binary, and parsed output.
//!
//! Every build uses the fixed clock [`CLOCK`], so "future" and "scheduled"
//! never depend on the day the tests run.

#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use samvad::{BuildOptions, Report};
use scraper::{ElementRef, Html, Selector};

/// "Now" for every build in the suite.
pub const CLOCK: &str = "2026-11-25";

/// A plain config: English, absolute base URL, default theme.
pub const CONFIG: &str = r#"title = "Test site"
description = "A site made by the test suite"
base_url = "https://samvad.example/"
language = "en"
author = "Tester"
theme = "default"
"#;

/// The fixed clock as a samvad date.
pub fn clock() -> samvad::dates::Date {
    samvad::dates::parse(CLOCK, &jiff::tz::TimeZone::UTC).expect("the fixed clock parses")
}

/// The repository root (holds the example site and `themes/default`).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder with the repository's default theme.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Default for Site {
    fn default() -> Self {
        Site::new()
    }
}

impl Site {
    /// A site with [`CONFIG`].
    pub fn new() -> Site {
        Site::with_config(CONFIG)
    }

    /// A site with the given `samvad.toml`.
    pub fn with_config(config: &str) -> Site {
        let dir = tempfile::Builder::new().prefix("samvad-test-").tempdir().expect("temp dir");
        copy_dir(&repo().join("themes/default"), &dir.path().join("themes/default"));
        let site = Site { dir };
        site.file("samvad.toml", config);
        site
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path under the site root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a text file under the site root, creating folders.
    pub fn file(&self, rel: &str, text: &str) -> &Site {
        self.bytes(rel, text.as_bytes())
    }

    /// Writes a file of raw bytes under the site root.
    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folders");
        std::fs::write(&path, bytes).expect("write file");
        self
    }

    /// Deletes a file under the site root.
    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove file");
    }

    /// Build options for this site with the fixed clock.
    pub fn options(&self) -> BuildOptions {
        BuildOptions { root: self.root().to_path_buf(), clock: Some(clock()), ..BuildOptions::default() }
    }

    /// Builds through the library.
    pub fn build(&self) -> samvad::Result<Report> {
        samvad::build(&self.options())
    }

    /// Builds through the library after adjusting the options.
    pub fn build_with(&self, edit: impl FnOnce(&mut BuildOptions)) -> samvad::Result<Report> {
        let mut opts = self.options();
        edit(&mut opts);
        samvad::build(&opts)
    }

    /// Builds and panics with the error text on failure.
    pub fn build_ok(&self) -> Report {
        self.build().unwrap_or_else(|e| panic!("the build should succeed, but failed with:\n{e}"))
    }

    /// Builds through the library and through the binary; both must fail
    /// (the binary with exit status 1 and the message on stderr). Returns
    /// the library's error text.
    pub fn build_fails(&self) -> String {
        let message = match self.build() {
            Ok(report) => panic!("the build should fail, but succeeded: {report}"),
            Err(e) => e.to_string(),
        };
        let out = self.cli(&["build"]);
        assert_eq!(out.status.code(), Some(1), "binary exit status\n{}", describe(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&message),
            "stderr should carry the same message\nlibrary: {message}\n{}",
            describe(&out)
        );
        message
    }

    /// Runs the binary with `args`, then `--root <site>` and (for `build`)
    /// `--clock`.
    pub fn cli(&self, args: &[&str]) -> Output {
        let mut cmd = samvad();
        cmd.args(args).arg("--root").arg(self.root());
        if args.first() == Some(&"build") {
            cmd.args(["--clock", CLOCK]);
        }
        cmd.output().expect("run samvad")
    }

    /// Runs the binary with `args` inside the site folder as an
    /// unprivileged user, so that file permissions bind it as they bind a
    /// writer: as root (as CI runs), through `setpriv` as nobody (uid
    /// 65534) after handing the site to that user; otherwise as is.
    pub fn unprivileged(&self, args: &[&str]) -> Output {
        match is_root() {
            true => run_as_nobody(self.root(), args),
            false => samvad().args(args).current_dir(self.root()).output().expect("run samvad"),
        }
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.path("public")
    }

    /// A path in the default output folder.
    pub fn output(&self, rel: &str) -> PathBuf {
        self.out().join(rel)
    }

    /// Is there a file at `rel` in the output?
    pub fn exists(&self, rel: &str) -> bool {
        self.output(rel).is_file()
    }

    /// Reads an output file as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output(rel)).unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
    }

    /// Parses an output file as an HTML document.
    pub fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    /// Every output file, path to bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.out())
    }
}

/// Front matter and body of a simple post.
pub fn post(title: &str, date: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n\n{body}\n")
}

/// A post with extra front matter lines (each ending in a newline).
pub fn post_with(title: &str, date: &str, front: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n{front}+++\n\n{body}\n")
}

/// A page (no date).
pub fn page(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n+++\n\n{body}\n")
}

/// The `samvad` binary built for this test run.
pub fn samvad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_samvad"))
}

/// Stops a running `samvad serve` as Ctrl-C would (SIGTERM, then SIGKILL
/// after 10 s), so that it removes its private build folder: a killed
/// server cannot, and each test would leave a site behind in /dev/shm.
pub fn stop(child: &mut std::process::Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        if !matches!(child.try_wait(), Ok(None)) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Is this process root, whom file permissions do not bind?
pub fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").expect("procfs").uid() == 0
}

/// Gives every file under `root` to nobody (65534).
fn hand_over(root: &Path) {
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.expect("walk site");
        std::os::unix::fs::lchown(entry.path(), Some(65534), Some(65534)).expect("chown to nobody");
    }
}

/// Runs `args` with a binary nobody may run: the build's own when every
/// folder above it lets others through, else a copy in a folder of its own
/// (the build folder may sit under a home folder others cannot enter).
fn run_as_nobody(root: &Path, args: &[&str]) -> Output {
    use std::os::unix::fs::PermissionsExt;
    let built = PathBuf::from(env!("CARGO_BIN_EXE_samvad"));
    let open =
        built.ancestors().skip(1).all(|d| std::fs::metadata(d).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
    let holder = tempfile::Builder::new().prefix("samvad-bin-").tempdir().expect("temp dir");
    let binary = if open {
        built
    } else {
        std::fs::set_permissions(holder.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let copy = holder.path().join("samvad");
        std::fs::hard_link(&built, &copy).or_else(|_| std::fs::copy(&built, &copy).map(drop)).expect("copy binary");
        copy
    };
    hand_over(root);
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(binary)
        .args(args)
        .current_dir(root)
        .output()
        .expect("run samvad through setpriv")
}

/// Exit status, stdout and stderr, for assertion messages.
pub fn describe(out: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Parses a CSS selector.
pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e:?}"))
}

/// Every element matching `css`.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(css)).collect()
}

/// The one element matching `css`; panics if there are none or several.
pub fn one<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(doc, css);
    assert_eq!(found.len(), 1, "expected exactly one `{css}`, found {}", found.len());
    found[0]
}

/// Text content with runs of whitespace collapsed.
pub fn text(el: ElementRef) -> String {
    el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The title links of the `.post-card` items of a list page, in order.
pub fn card_links(doc: &Html) -> Vec<ElementRef<'_>> {
    select(doc, ".post-card h2 a, .post-card h3 a")
}

/// Titles of the `.post-card` items of a list page, in order.
pub fn card_titles(doc: &Html) -> Vec<String> {
    card_links(doc).into_iter().map(text).collect()
}

/// An `href` percent-decoded.
pub fn decoded(href: &str) -> String {
    percent_encoding::percent_decode_str(href).decode_utf8().expect("UTF-8 URL").into_owned()
}

/// Every file under `dir`, relative path to bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).expect("read output file"));
        }
    }
    files
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk theme");
        let dest = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("create folder");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy file");
        }
    }
}
