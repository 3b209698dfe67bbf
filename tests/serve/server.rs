//! A real `samvad serve` for the tests, and raw HTTP to talk to it.

use crate::common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long to wait for the server to start, rebuild or send an event. A
/// passing test never waits this long; a machine busy with other builds
/// once took more than 20 s to start the server, so the bound is generous.
pub const WAIT: Duration = Duration::from_secs(60);

/// A running server, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// The address it printed.
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// `samvad serve --port 0` over `site`.
pub fn start(site: &Site) -> Server {
    start_with(site, None)
}

/// Like [`start`], with the system temp folder at `tmp` when given.
pub fn start_with(site: &Site, tmp: Option<&Path>) -> Server {
    let mut cmd = samvad();
    cmd.args(["serve", "--port", "0", "--root"]).arg(site.root()).stdout(Stdio::piped()).stderr(Stdio::null());
    if let Some(tmp) = tmp {
        cmd.env("TMPDIR", tmp);
    }
    let mut child = cmd.spawn().expect("start samvad serve");
    let url = printed_url(&mut child);
    let port = url.trim_end_matches('/').rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port in the URL");
    let server = Server { child, port, url };
    wait_for(|| raw(port, "GET / HTTP/1.1").0 == 200, "the server to come up");
    server
}

/// Reads stdout until "Serving on URL", then keeps draining it so the
/// server never blocks on a full pipe.
fn printed_url(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Serving on ") {
                let _ = tx.send(rest.split_whitespace().next().unwrap_or_default().to_string());
            }
        }
    });
    rx.recv_timeout(WAIT).expect("the server to print its address")
}

/// Sends `head` (request line and headers, without the closing blank
/// line) with `Connection: close`, so hostile paths and headers reach the
/// server as typed; returns the status and the whole response.
pub fn send(port: u16, head: &str) -> (u16, String) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return (0, String::new()) };
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = write!(stream, "{head}\r\nConnection: close\r\n\r\n");
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

/// A header's value in a raw response; names match in any case.
pub fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    let head = &response[..response.find("\r\n\r\n").unwrap_or(response.len())];
    head.lines().skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// One request line, sent with `Host: 127.0.0.1`.
pub fn raw(port: u16, line: &str) -> (u16, String) {
    send(port, &format!("{line}\r\nHost: 127.0.0.1"))
}

pub fn get(port: u16, path: &str) -> (u16, String) {
    raw(port, &format!("GET {path} HTTP/1.1"))
}

pub fn wait_for(mut ok: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

/// Reads server-sent events in the background, as a browser tab would.
pub fn events(port: u16) -> mpsc::Receiver<(String, String)> {
    let (tx, rx) = mpsc::channel();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /__samvad/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if tx.send((event.clone(), data.to_string())).is_err() {
                    return;
                }
            }
        }
    });
    rx
}

pub fn next_event(rx: &mpsc::Receiver<(String, String)>, name: &str) -> String {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if let Ok((event, data)) = rx.recv_timeout(Duration::from_millis(200)) {
            if event == name {
                return data;
            }
        }
    }
    panic!("no `{name}` event");
}

/// Replaces `rel` the way vim, `sed -i` and "safe write" editors do: the
/// new text goes to a temp file that is renamed over the old one, so the
/// file gets a new inode.
pub fn rename_save(site: &Site, rel: &str, text: &str) {
    let tmp = site.path(&format!("{rel}.new-save"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, site.path(rel)).unwrap();
}
