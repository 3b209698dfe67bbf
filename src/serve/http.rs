//! The dev server's request handling: files from the output folder only,
//! with the live-reload script injected into HTML responses.
//!
//! Paths are decoded segment by segment and any `..`, `.`, backslash or NUL
//! is refused before the file system is touched; the final path must also
//! stay inside the canonical output folder, so symlinks cannot lead out.

use std::io::Read;
use std::path::{Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload::{Broadcaster, CLIENT_JS, EVENTS_PATH, SCRIPT_PATH};

/// What a request path resolves to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    /// Nothing there: send the site's 404 page.
    NotFound,
    /// A malformed or hostile path.
    BadRequest,
}

/// Resolves a URL path (without query) against `root` (canonical).
pub fn resolve(root: &Path, url_path: &str) -> Target {
    if !url_path.starts_with('/') || url_path.starts_with("//") {
        return Target::BadRequest;
    }
    let mut path = root.to_path_buf();
    for raw in url_path[1..].split('/') {
        let Ok(seg) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
            return Target::BadRequest;
        };
        if seg == ".." || seg == "." || seg.contains(['\\', '\0', '/']) || seg.contains(':') && cfg!(windows) {
            return Target::BadRequest;
        }
        if !seg.is_empty() {
            path.push(seg.as_ref());
        }
    }
    let Ok(real) = path.canonicalize() else { return Target::NotFound };
    if !real.starts_with(root) {
        return Target::NotFound;
    }
    if real.is_dir() {
        if !url_path.ends_with('/') {
            return Target::Redirect(format!("{url_path}/"));
        }
        let index = real.join("index.html");
        return if index.is_file() { Target::File(index) } else { Target::NotFound };
    }
    Target::File(real)
}

/// The Content-Type for a file name; text types say they are UTF-8.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names are valid")
}

/// Puts the live-reload script before `</body>`, or at the end.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Answers one request.
pub fn handle(request: Request, root: &Path, reload: &Broadcaster) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let head = *request.method() == Method::Head;
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::from_string("method not allowed\n").with_status_code(405));
        return;
    }
    if path == EVENTS_PATH {
        reload.subscribe(request.into_writer());
        return;
    }
    if path == SCRIPT_PATH {
        let r = Response::from_string(CLIENT_JS).with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(r);
        return;
    }
    let (status, file) = match resolve(root, &path) {
        Target::File(f) => (200, Some(f)),
        Target::Redirect(to) => {
            let r = Response::empty(StatusCode(301)).with_header(header("Location", &to));
            let _ = request.respond(r);
            return;
        }
        Target::NotFound => (404, Some(root.join("404.html")).filter(|p| p.is_file())),
        Target::BadRequest => {
            let _ = request.respond(Response::from_string("bad request\n").with_status_code(400));
            return;
        }
    };
    let Some(file) = file else {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    };
    respond_file(request, &file, status, head);
}

fn respond_file(request: Request, file: &Path, status: u16, head: bool) {
    let mut bytes = Vec::new();
    if std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes)).is_err() {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    }
    let kind = content_type(file);
    if kind.starts_with("text/html") {
        bytes = inject(&bytes);
    }
    let len = bytes.len();
    let body: Vec<u8> = if head { Vec::new() } else { bytes };
    let response = Response::new(
        StatusCode(status),
        vec![header("Content-Type", kind), header("Cache-Control", "no-store")],
        std::io::Cursor::new(body),
        Some(len),
        None,
    );
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("posts/x")).unwrap();
        std::fs::write(root.join("posts/x/index.html"), "<p>x</p>").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let root = root.canonicalize().unwrap();
        (dir, root)
    }

    #[test]
    fn traversal_attempts_never_leave_the_root() {
        let (_d, root) = site();
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/posts/%2E%2E/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "//etc/passwd",
            "/posts/..%2fsecret.txt",
        ] {
            let t = resolve(&root, bad);
            assert!(matches!(t, Target::BadRequest | Target::NotFound), "{bad}: {t:?}");
        }
    }

    #[test]
    fn directories_redirect_then_serve_index() {
        let (_d, root) = site();
        assert_eq!(resolve(&root, "/posts/x"), Target::Redirect("/posts/x/".into()));
        assert_eq!(resolve(&root, "/posts/x/"), Target::File(root.join("posts/x/index.html")));
        assert_eq!(resolve(&root, "/nope/"), Target::NotFound);
    }

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>a</p></body></html>")).unwrap();
        assert!(out.contains(&format!("<script src=\"{SCRIPT_PATH}\"></script></body>")));
    }

    #[test]
    fn text_types_carry_charset() {
        for f in ["a.html", "a.css", "a.js", "a.xml", "a.json"] {
            assert!(content_type(Path::new(f)).ends_with("charset=utf-8"), "{f}");
        }
    }
}
