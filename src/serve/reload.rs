//! Live reload over Server-Sent Events.
//!
//! The browser script is served by the dev server itself and injected into
//! HTML responses only, so the built site never contains it. Events:
//! `reload` (rebuilt: reload the page), `css` (only stylesheets changed:
//! swap them in place), `builderror` (the build failed: show the diagnostics in
//! an overlay while the last good page stays on screen).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::error::Diagnostic;

/// Where the browser script is served.
pub const SCRIPT_PATH: &str = "/__samvad/livereload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__samvad/events";

/// The browser side: reconnecting EventSource, stylesheet swap, overlay.
pub const CLIENT_JS: &str = include_str!("livereload.js");

type Client = Box<dyn Write + Send>;

/// Every open event stream.
#[derive(Clone, Default)]
pub struct Broadcaster {
    clients: Arc<Mutex<Vec<Client>>>,
    /// The last error, replayed to browsers that connect while it stands.
    last_error: Arc<Mutex<Option<String>>>,
}

impl Broadcaster {
    /// Takes over a connection as an event stream.
    pub fn subscribe(&self, mut writer: Client) {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
        if writer.write_all(head.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
        if let Some(err) = self.last_error.lock().expect("lock").clone() {
            let _ = writer.write_all(frame("builderror", &err).as_bytes()).and_then(|_| writer.flush());
        }
        self.clients.lock().expect("lock").push(writer);
    }

    /// Sends one event to every open stream, dropping closed ones.
    pub fn send(&self, event: &str, data: &str) {
        let frame = frame(event, data);
        self.clients
            .lock()
            .expect("lock")
            .retain_mut(|c| c.write_all(frame.as_bytes()).and_then(|_| c.flush()).is_ok());
    }

    /// Tells browsers to reload (or just swap CSS).
    pub fn reload(&self, css_only: bool) {
        *self.last_error.lock().expect("lock") = None;
        self.send(if css_only { "css" } else { "reload" }, "{}");
    }

    /// Shows diagnostics in every open browser.
    pub fn error(&self, diags: &[Diagnostic]) {
        let data = serde_json::to_string(&serde_json::json!({
            "errors": diags.iter().map(ToString::to_string).collect::<Vec<_>>()
        }))
        .expect("strings serialise");
        *self.last_error.lock().expect("lock") = Some(data.clone());
        self.send("builderror", &data);
    }

    /// Number of connected browsers.
    pub fn count(&self) -> usize {
        self.clients.lock().expect("lock").len()
    }

    /// Keeps idle connections open through proxies and notices closed tabs.
    pub fn keep_alive(&self) {
        let me = self.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            me.clients.lock().expect("lock").retain_mut(|c| c.write_all(b": ping\n\n").and_then(|_| c.flush()).is_ok());
        });
    }
}

fn frame(event: &str, data: &str) -> String {
    let mut out = format!("event: {event}\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_split_multiline_data() {
        assert_eq!(frame("error", "a\nb"), "event: error\ndata: a\ndata: b\n\n");
    }
}
