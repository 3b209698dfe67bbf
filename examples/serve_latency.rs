//! Edit-to-reload latency of `samvad serve` on a generated site.
//!
//! `cargo run --release --example serve_latency -- SITE [EDITS]`
//!
//! Starts `target/release/samvad serve` on SITE (made by `gen_corpus`),
//! listens on the live-reload channel like a browser tab, and for each of
//! three kinds of edit (a post body, a post's tags, the site's own copy of
//! the theme's `post.html`, made before the server starts) writes the file
//! EDITS times (default 20). For each edit it records the time from
//! the write to the `reload` event, and to the new text being served, and
//! prints the medians.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    /// SIGTERM, as Ctrl-C would, so that the server removes its private
    /// build folder (a killed one cannot).
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else { return String::new() };
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn events(port: u16) -> mpsc::Receiver<Instant> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "GET /__samvad/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("write");
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if line == "event: reload" || line == "event: css" {
                let _ = tx.send(Instant::now());
            }
        }
    });
    rx
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `edits` edits made by `edit(i)`, each checked by fetching `page`
/// until it contains the marker `edit` returns.
fn measure(
    port: u16,
    rx: &mpsc::Receiver<Instant>,
    edits: usize,
    page: &str,
    edit: &dyn Fn(usize) -> String,
) -> (Duration, Duration) {
    let (mut to_event, mut to_served) = (Vec::new(), Vec::new());
    for i in 0..edits {
        while rx.try_recv().is_ok() {}
        std::thread::sleep(Duration::from_millis(150));
        let start = Instant::now();
        let marker = edit(i);
        let event = rx.recv_timeout(Duration::from_secs(30)).expect("a reload event");
        to_event.push(event - start);
        while !get(port, page).contains(&marker) {
            assert!(start.elapsed() < Duration::from_secs(30), "the edit was never served");
        }
        to_served.push(start.elapsed());
    }
    (median(to_event), median(to_served))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let site = PathBuf::from(args.get(1).expect("usage: serve_latency SITE [EDITS]"));
    let edits: usize = args.get(2).map_or(20, |n| n.parse().expect("EDITS is a number"));
    let port = 18000 + (std::process::id() % 1000) as u16;
    let theme_tpl = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/post.html");
    std::fs::create_dir_all(site.join("templates")).expect("templates/");
    std::fs::copy(theme_tpl, site.join("templates/post.html")).expect("copy post.html");
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/samvad");
    let child = Command::new(bin)
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site)
        .stdout(Stdio::null())
        .spawn()
        .expect("start target/release/samvad (build it with cargo build --release)");
    let _server = Server(child);
    while !get(port, "/").contains("200 OK") {
        std::thread::sleep(Duration::from_millis(100));
    }
    let rx = events(port);
    let post = site.join("content/posts/post-000000.md");
    let original = std::fs::read_to_string(&post).expect("post-000000.md from gen_corpus");
    let body = |i: usize| {
        let marker = format!("BODYEDIT{i}");
        std::fs::write(&post, format!("{original}\n{marker}\n")).expect("write");
        marker
    };
    let tags = |i: usize| {
        let marker = format!("tagedit{i}");
        std::fs::write(&post, original.replacen("tags = [", &format!("tags = [\"{marker}\", "), 1)).expect("write");
        marker
    };
    // The site's own copy of the theme's post template, made before the
    // server starts, so that each edit is a template edit and nothing more.
    let template = site.join("templates/post.html");
    let tpl = std::fs::read_to_string(&template).expect("the copy of post.html");
    let tpl_edit = |i: usize| {
        let marker = format!("TPLEDIT{i}");
        std::fs::write(&template, tpl.replacen("</article>", &format!("<p>{marker}</p></article>"), 1)).expect("write");
        marker
    };
    let page = "/posts/post-000000/";
    println!("| edit | to reload event (median) | to new page served (median) |\n|---|---|---|");
    for (name, edit) in
        [("post body", &body as &dyn Fn(usize) -> String), ("post tags", &tags), ("template", &tpl_edit)]
    {
        let (event, served) = measure(port, &rx, edits, page, edit);
        println!("| {name} | {} ms | {} ms |", event.as_millis(), served.as_millis());
    }
    std::fs::write(&post, original).expect("restore");
    std::fs::remove_file(&template).expect("remove the template copy");
}
