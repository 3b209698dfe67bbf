//! The dev server's request handling: files from the output folder only,
//! with the live-reload script injected into HTML responses.
//!
//! Paths are decoded segment by segment and any `..`, `.`, backslash or NUL
//! is refused before the file system is touched; the final path must also
//! stay inside the canonical output folder, so symlinks cannot lead out.
//!
//! A server on a loopback address answers only requests naming a loopback
//! host: a web page the writer visits can point its own domain at
//! 127.0.0.1 (DNS rebinding) and would otherwise read the drafts being
//! served, since the browser sees its own origin. Vite and
//! webpack-dev-server refuse such requests the same way.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::{Path, PathBuf};

use http_body_util::{Either, Full};
use hyper::body::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Method, Response, StatusCode, Version};

use super::reload::{Broadcaster, EventStream, CLIENT_JS, EVENTS_PATH, SCRIPT_PATH};

/// A response body: a whole file, or a live-reload event stream.
pub type Body = Either<Full<Bytes>, EventStream>;

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

/// Which `Host` headers the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hosts {
    /// Bound to loopback: only names that mean this machine.
    Loopback,
    /// Bound to another address: the writer chose to expose the server.
    Any,
}

impl Hosts {
    /// The policy for a server bound to `ip`.
    pub fn for_bind(ip: IpAddr) -> Hosts {
        if ip.is_loopback() {
            Hosts::Loopback
        } else {
            Hosts::Any
        }
    }

    /// Whether to answer a request naming `host` (None: no Host given).
    /// HTTP/1.0 had no Host header, so only HTTP/1.1 must send one.
    pub fn allows(self, host: Option<&str>, version: Version) -> bool {
        match (self, host) {
            (Hosts::Any, _) => true,
            (Hosts::Loopback, None) => version < Version::HTTP_11,
            (Hosts::Loopback, Some(host)) => is_loopback_host(host),
        }
    }
}

/// `localhost` or a loopback IP literal, with or without a port. An IP
/// literal cannot be rebound, and `localhost` never leaves the machine.
fn is_loopback_host(host: &str) -> bool {
    let (name, rest, bracketed) = match host.strip_prefix('[') {
        Some(inner) => match inner.split_once(']') {
            Some((ip, rest)) => (ip, rest, true),
            None => return false,
        },
        None => match host.find(':') {
            Some(i) => (&host[..i], &host[i..], false),
            None => (host, "", false),
        },
    };
    let port_ok = rest.is_empty()
        || rest.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let name_ok = if bracketed {
        name.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback())
    } else {
        name.eq_ignore_ascii_case("localhost") || name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
    };
    port_ok && name_ok
}

/// What a request needs besides itself: the folder served, the reload
/// channel and the host policy.
#[derive(Clone)]
pub struct Served {
    /// The output folder, canonical.
    pub root: PathBuf,
    /// Live-reload streams.
    pub reload: Broadcaster,
    /// Which Host headers to answer.
    pub hosts: Hosts,
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

/// A response with a whole body; `no-store`, so a reload always shows the
/// latest build.
fn whole(status: StatusCode, kind: &'static str, body: impl Into<Bytes>) -> Response<Body> {
    let mut r = Response::new(Either::Left(Full::new(body.into())));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn text(status: StatusCode, message: String) -> Response<Body> {
    whole(status, "text/plain; charset=utf-8", message)
}

/// The host a request names: the authority of an absolute-form target
/// wins over the Host header (RFC 9112, section 3.2.2).
fn requested_host(parts: &Parts) -> Option<&str> {
    match parts.uri.authority() {
        Some(authority) => Some(authority.as_str()),
        None => parts.headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    }
}

/// Answers one request (HEAD bodies are dropped by hyper, which keeps
/// their Content-Length).
pub fn answer(parts: &Parts, served: &Served) -> Response<Body> {
    let host = requested_host(parts);
    if !served.hosts.allows(host, parts.version) {
        let message = format!(
            "samvad serve answers only localhost, 127.0.0.1 and [::1], not `{}`: open the address it printed.\n",
            host.unwrap_or("(no Host header)")
        );
        return text(StatusCode::BAD_REQUEST, message);
    }
    if !matches!(parts.method, Method::GET | Method::HEAD) {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n".into());
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = parts.uri.path();
    if path == EVENTS_PATH {
        let mut r = Response::new(Either::Right(served.reload.subscribe()));
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream; charset=utf-8"));
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return r;
    }
    if path == SCRIPT_PATH {
        return whole(StatusCode::OK, "text/javascript; charset=utf-8", CLIENT_JS);
    }
    let root = &served.root;
    match resolve(root, path) {
        Target::File(file) => send_file(StatusCode::OK, &file),
        Target::Redirect(to) => {
            let mut r = whole(StatusCode::MOVED_PERMANENTLY, "text/plain; charset=utf-8", Bytes::new());
            match HeaderValue::from_str(&to) {
                Ok(location) => r.headers_mut().insert(header::LOCATION, location),
                Err(_) => return text(StatusCode::BAD_REQUEST, "bad request\n".into()),
            };
            r
        }
        Target::NotFound => send_file(StatusCode::NOT_FOUND, &root.join("404.html")),
        Target::BadRequest => text(StatusCode::BAD_REQUEST, "bad request\n".into()),
    }
}

/// A file with its type; HTML gets the reload script. A file that cannot
/// be read (gone since `resolve`, or no 404 page) is a plain 404.
fn send_file(status: StatusCode, file: &Path) -> Response<Body> {
    let Ok(bytes) = std::fs::read(file) else {
        return text(StatusCode::NOT_FOUND, "not found\n".into());
    };
    let kind = content_type(file);
    let bytes = if kind.starts_with("text/html") { inject(&bytes) } else { bytes };
    whole(status, kind, bytes)
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

    #[test]
    fn loopback_servers_answer_only_loopback_names() {
        let lo = Hosts::for_bind("127.0.0.1".parse().unwrap());
        assert_eq!(lo, Hosts::Loopback);
        assert_eq!(Hosts::for_bind("::1".parse().unwrap()), Hosts::Loopback);
        for ok in ["localhost", "LOCALHOST:1111", "127.0.0.1", "127.0.0.1:8080", "127.0.0.2:80", "[::1]", "[::1]:1111"]
        {
            assert!(lo.allows(Some(ok), Version::HTTP_11), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.1",
            "[::2]",
            "::1",
            "[::1",
            "localhost:",
            "localhost:80x",
            "",
        ] {
            assert!(!lo.allows(Some(bad), Version::HTTP_11), "{bad}");
        }
        assert!(!lo.allows(None, Version::HTTP_11), "HTTP/1.1 must name its host");
        assert!(lo.allows(None, Version::HTTP_10), "HTTP/1.0 has no Host header");
    }

    #[test]
    fn exposed_servers_answer_any_host() {
        let any = Hosts::for_bind("0.0.0.0".parse().unwrap());
        assert_eq!(any, Hosts::Any);
        assert!(any.allows(Some("my-laptop.local:1111"), Version::HTTP_11));
        assert!(any.allows(None, Version::HTTP_11));
    }
}
