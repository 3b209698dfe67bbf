//! Live reload over Server-Sent Events.
//!
//! The browser script is served by the dev server itself and injected into
//! HTML responses only, so the built site never contains it. Events:
//! `reload` (rebuilt: reload the page), `css` (only stylesheets changed:
//! swap them in place), `builderror` (the build failed: show the diagnostics in
//! an overlay while the last good page stays on screen).
//!
//! Each open stream is a channel: the HTTP side turns the receiving end into
//! a response body, so a tab that closes drops its receiver and the next
//! send notices and forgets it.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Bytes, Frame};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

use crate::error::Diagnostic;

/// Where the browser script is served.
pub const SCRIPT_PATH: &str = "/__samvad/livereload.js";
/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__samvad/events";

/// The browser side: reconnecting EventSource, stylesheet swap, overlay.
pub const CLIENT_JS: &str = include_str!("livereload.js");

/// One browser tab's event stream, as an endless response body.
pub struct EventStream(UnboundedReceiver<Bytes>);

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|next| next.map(|bytes| Ok(Frame::data(bytes))))
    }
}

/// Every open event stream.
#[derive(Clone, Default)]
pub struct Broadcaster {
    clients: Arc<Mutex<Vec<UnboundedSender<Bytes>>>>,
    /// The last error, replayed to browsers that connect while it stands.
    last_error: Arc<Mutex<Option<String>>>,
}

impl Broadcaster {
    /// Opens a stream for a new tab: the reconnect delay first, then the
    /// standing error if the last build failed.
    pub fn subscribe(&self) -> EventStream {
        let (tx, rx) = unbounded_channel();
        let _ = tx.send(Bytes::from_static(b"retry: 500\n\n"));
        if let Some(err) = self.last_error.lock().expect("lock").clone() {
            let _ = tx.send(Bytes::from(frame("builderror", &err)));
        }
        self.clients.lock().expect("lock").push(tx);
        EventStream(rx)
    }

    /// Sends raw bytes to every open stream, dropping closed ones.
    fn broadcast(&self, bytes: Bytes) {
        self.clients.lock().expect("lock").retain(|c| c.send(bytes.clone()).is_ok());
    }

    /// Sends one event to every open stream.
    pub fn send(&self, event: &str, data: &str) {
        self.broadcast(Bytes::from(frame(event, data)));
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

    /// Keeps idle streams open through proxies; a write to a closed tab
    /// fails, so closed tabs are forgotten within one interval.
    pub fn keep_alive(&self) {
        let me = self.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            me.broadcast(Bytes::from_static(b": ping\n\n"));
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

    #[test]
    fn a_late_tab_gets_the_standing_error_and_closed_tabs_are_forgotten() {
        let hub = Broadcaster::default();
        hub.error(&[Diagnostic::general("broken")]);
        let mut late = hub.subscribe();
        assert_eq!(late.0.try_recv().unwrap(), Bytes::from_static(b"retry: 500\n\n"));
        assert!(String::from_utf8_lossy(&late.0.try_recv().unwrap()).starts_with("event: builderror\n"));
        let closed = hub.subscribe();
        drop(closed);
        hub.reload(false);
        assert_eq!(hub.count(), 1, "the closed tab is dropped on the next send");
        assert_eq!(late.0.try_recv().unwrap(), Bytes::from_static(b"event: reload\ndata: {}\n\n"));
    }
}
