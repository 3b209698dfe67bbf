//! `samvad serve` end to end: a real server on a port the system picks,
//! real edits on disk, and the reload channel read as a browser would.

#[path = "../common/mod.rs"]
mod common;
mod lifecycle;
mod safety;
mod server;
mod watching;

use common::*;
use server::*;
use std::net::TcpListener;

pub fn site() -> Site {
    let site = Site::new();
    site.file("content/posts/one.md", &post_with("One", "2026-10-01", "tags = [\"a\"]\n", "First version of one.\n"));
    site.file("content/posts/two.md", &post("Two", "2026-10-02", "Second post.\n"));
    site
}

#[test]
fn edits_are_served_errors_keep_the_last_good_page_and_deletes_404() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    let (status, body) = get(port, "/posts/one/");
    assert_eq!(status, 200);
    assert!(body.contains("First version of one."));
    assert!(body.contains("/__samvad/livereload.js"), "the reload script is injected");
    assert!(
        !std::fs::read_to_string(site.output("index.html")).unwrap_or_default().contains("__samvad"),
        "public/ untouched"
    );
    let rx = events(port);

    site.file("content/posts/one.md", &post_with("One", "2026-10-01", "tags = [\"a\"]\n", "Second version of one.\n"));
    wait_for(|| get(port, "/posts/one/").1.contains("Second version of one."), "the edit to be served");
    next_event(&rx, "reload");

    site.file("content/posts/one.md", "+++\ntitle = \"One\ndate = 2026-10-01\n+++\nbroken\n");
    let error = next_event(&rx, "builderror");
    assert!(error.contains("content/posts/one.md:2"), "{error}");
    assert!(get(port, "/posts/one/").1.contains("Second version of one."), "last good page still served");

    site.file("content/posts/one.md", &post_with("One", "2026-10-01", "tags = [\"a\"]\n", "Third version.\n"));
    next_event(&rx, "reload");
    assert!(get(port, "/posts/one/").1.contains("Third version."));

    site.remove("content/posts/two.md");
    wait_for(|| get(port, "/posts/two/").0 == 404, "the deleted post to 404");
    let (_, not_found) = get(port, "/posts/two/");
    assert!(not_found.contains("Page not found"), "the site's own 404 page");
}

#[test]
fn a_removed_tag_page_disappears_and_a_new_title_shows_in_lists() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    assert_eq!(get(port, "/tags/a/").0, 200);
    site.file("content/posts/one.md", &post_with("Renamed one", "2026-10-01", "tags = [\"b\"]\n", "Body.\n"));
    wait_for(|| get(port, "/tags/a/").0 == 404, "the empty tag page to go");
    assert_eq!(get(port, "/tags/b/").0, 200);
    assert!(get(port, "/").1.contains("Renamed one"));
}

#[test]
fn paths_outside_the_output_are_refused() {
    let site = site();
    site.file("secret.txt", "top secret");
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/posts/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
    ] {
        let (status, body) = get(server.port, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("top secret") && !body.contains("root:x:0:0"), "{path}");
    }
}

#[test]
fn http_details_content_types_redirects_head_and_404() {
    let site = site();
    let server = start(&site);
    let port = server.port;
    let (_, css) = get(port, "/style.css");
    assert_eq!(header(&css, "content-type"), Some("text/css; charset=utf-8"), "{}", &css[..200]);
    let (_, xml) = get(port, "/rss.xml");
    assert!(header(&xml, "content-type").unwrap().ends_with("charset=utf-8"));
    let (status, redirect) = get(port, "/posts/one");
    assert_eq!(status, 301);
    assert_eq!(header(&redirect, "location"), Some("/posts/one/"));
    let (status, head) = raw(port, "HEAD /posts/one/ HTTP/1.1");
    assert_eq!(status, 200);
    assert!(!head.contains("First version"), "HEAD has no body");
    let (_, page) = get(port, "/posts/one/");
    let body_len = page.len() - page.find("\r\n\r\n").unwrap() - 4;
    assert_eq!(header(&head, "content-length"), Some(body_len.to_string().as_str()), "HEAD gives GET's length");
    let (status, missing) = get(port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"));
    // Many requests at once.
    let handles: Vec<_> = (0..32).map(|_| std::thread::spawn(move || get(port, "/posts/one/").0)).collect();
    assert!(handles.into_iter().all(|h| h.join().unwrap() == 200));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = site();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let out = samvad().args(["serve", "--port", &port.to_string(), "--root"]).arg(site.root()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--port"), "{stderr}");
}
