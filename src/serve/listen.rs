//! The dev server's connections: accepting, socket options, timeouts.
//!
//! hyper speaks HTTP/1.1 on a single-threaded tokio runtime, so a silent or
//! idle connection costs a socket and a few hundred bytes, not a thread;
//! answering a request reads files, so that part runs on tokio's small
//! blocking pool. tiny_http, used before, could neither time out a silent
//! connection nor set options on the sockets it accepted.

use std::convert::Infallible;
use std::net::TcpListener;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::http::{answer, Body, Served};
use crate::error::{Error, Result};

/// How long a connection may stay silent before its next request head
/// arrives, first or keep-alive. A browser sends the request line at once
/// and reconnects when an idle keep-alive connection is closed, so a few
/// seconds cost nothing; without a bound, every silent socket was held
/// for good.
pub const IDLE: Duration = Duration::from_secs(5);

/// Threads that may read files for answers at once.
const BLOCKING_THREADS: usize = 8;

/// Serves `listener` from a background thread for the life of the process.
pub fn spawn(listener: TcpListener, served: Served) -> Result<()> {
    let fail = |e: std::io::Error| Error::io("starting the dev server", e);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build()
        .map_err(fail)?;
    listener.set_nonblocking(true).map_err(fail)?;
    let listener = {
        let _context = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(fail)?
    };
    std::thread::Builder::new()
        .name("samvad-http".into())
        .spawn(move || runtime.block_on(accept(listener, served)))
        .map_err(fail)?;
    Ok(())
}

async fn accept(listener: tokio::net::TcpListener, served: Served) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was
            // accepted: wait a moment rather than spin, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Without TCP_NODELAY, the part of a response that does not fit
        // the first segment waits for the client's delayed ACK (Nagle's
        // algorithm): about 40 ms on every keep-alive request after the
        // first.
        let _ = stream.set_nodelay(true);
        let served = served.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| respond(request, served.clone()));
            // hyper writes a response's head and a whole body together.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(IDLE)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn respond(request: Request<Incoming>, served: Served) -> std::result::Result<Response<Body>, Infallible> {
    let (parts, _body) = request.into_parts();
    let answered = tokio::task::spawn_blocking(move || answer(&parts, &served)).await;
    Ok(answered.unwrap_or_else(|_| {
        let mut r = Response::new(Body::Left("internal error\n".into()));
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    }))
}
