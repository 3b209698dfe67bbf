//! What a hostile page or a careless client cannot do: read the site
//! through another host name, hold connections for ever, or slow down
//! keep-alive requests.

use crate::server::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn only_loopback_host_names_are_answered() {
    let site = crate::site();
    let server = start(&site);
    let port = server.port;
    for host in ["localhost".to_string(), format!("localhost:{port}"), "127.0.0.1".into(), format!("[::1]:{port}")] {
        let (status, body) = send(port, &format!("GET /posts/one/ HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 200, "{host}");
        assert!(body.contains("First version of one."), "{host}");
    }
    for head in [
        format!("GET /posts/one/ HTTP/1.1\r\nHost: evil.example:{port}"),
        "GET /posts/one/ HTTP/1.1\r\nHost: localhost.evil.example".into(),
        "GET /__samvad/events HTTP/1.1\r\nHost: evil.example".into(),
        "GET /posts/one/ HTTP/1.1".into(),
        "GET http://evil.example/posts/one/ HTTP/1.1\r\nHost: 127.0.0.1".into(),
    ] {
        let (status, body) = send(port, &head);
        assert_eq!(status, 400, "{head}");
        assert!(!body.contains("First version of one."), "{head}");
        assert!(body.contains("localhost, 127.0.0.1 and [::1]"), "the refusal says what is allowed: {body}");
    }
}

/// Whether the server closes `stream` before `deadline` (a read returns
/// end of file or a reset, not a timeout).
fn closed_by_server(mut stream: &TcpStream, deadline: Instant) -> bool {
    let mut buf = [0; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                return false
            }
            Err(_) => return true,
        }
    }
}

#[test]
fn silent_connections_are_closed_and_the_server_still_answers() {
    let site = crate::site();
    let server = start(&site);
    let port = server.port;
    let silent: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
    // A keep-alive connection left idle after one answer.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(idle, "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut first = String::new();
    BufReader::new(&idle).read_line(&mut first).unwrap();
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");
    // The server's limit is 5 s; the rest is slack for a busy machine.
    let deadline = Instant::now() + Duration::from_secs(15);
    let open = silent.iter().filter(|s| !closed_by_server(s, deadline)).count();
    assert_eq!(open, 0, "silent connections still open after 15 s");
    assert!(closed_by_server(&idle, deadline), "an idle keep-alive connection is closed too");
    assert_eq!(get(port, "/posts/one/").0, 200, "and the server still answers");
}

/// Sends GET `path` on a kept-alive connection and reads exactly one
/// response (headers, then Content-Length bytes).
fn keep_alive_get(reader: &mut BufReader<TcpStream>, path: &str) -> usize {
    // One write, as browsers send a request: `write!` would send it in
    // pieces, and the client's own Nagle delay would be measured instead.
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    reader.get_mut().write_all(request.as_bytes()).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    length
}

#[test]
fn keep_alive_requests_are_not_held_back_by_delayed_acks() {
    let site = crate::site();
    let server = start(&site);
    let stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut reader = BufReader::new(stream);
    assert!(keep_alive_get(&mut reader, "/style.css") > 4096, "a stylesheet bigger than one write buffer");
    let mut times: Vec<Duration> = (0..20)
        .map(|_| {
            let started = Instant::now();
            keep_alive_get(&mut reader, "/style.css");
            started.elapsed()
        })
        .collect();
    times.sort();
    // A response split across writes without TCP_NODELAY waits for the
    // client's delayed ACK: about 40 ms each on Linux. Unhindered, it takes
    // well under a millisecond here.
    assert!(times[10] < Duration::from_millis(20), "median {:?}", times[10]);
}
