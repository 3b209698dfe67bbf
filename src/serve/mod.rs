//! `samvad serve` and `samvad build --watch`: build, watch, rebuild, and
//! (for serve) a loopback HTTP server with live reload.

pub mod http;
pub mod listen;
pub mod reload;
pub mod session;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::build::BuildOptions;
use crate::error::{Diagnostic, Error, Result};
use http::{Hosts, Served};
use reload::Broadcaster;
use session::Session;
use watch::{Change, Watch};

/// What `samvad serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Build options; `base_url` and `output` are set by the server.
    pub build: BuildOptions,
    /// Address to bind; loopback unless the user says otherwise.
    pub bind: String,
    /// Port.
    pub port: u16,
    /// Open a browser tab.
    pub open: bool,
}

/// The dev output folder: outside the site, so `public/` is never touched
/// and the watcher never sees its own writes.
pub fn dev_output(port: u16) -> PathBuf {
    std::env::temp_dir().join(format!("samvad-serve-{port}"))
}

/// Binds the address asked for.
fn bind(opts: &ServeOptions) -> Result<(TcpListener, SocketAddr)> {
    let ip: IpAddr = opts.bind.parse().map_err(|_| {
        Error::from(Diagnostic::general(format!("`{}` is not an IP address to bind", opts.bind)).hint("use 127.0.0.1"))
    })?;
    let listener = TcpListener::bind((ip, opts.port)).map_err(|e| {
        Error::from(Diagnostic::general(format!("cannot listen on {}: {e}", SocketAddr::new(ip, opts.port))).hint(
            format!(
                "is another server using port {}? Pick another with --port, or --port 0 for any free one",
                opts.port
            ),
        ))
    })?;
    Ok((listener, SocketAddr::new(ip, opts.port)))
}

/// Runs the dev server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let (listener, addr) = bind(&opts)?;
    let out = dev_output(opts.port);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| Error::io(format!("creating {}", out.display()), e))?;
    let mut build = opts.build.clone();
    build.base_url = Some(format!("http://{addr}/"));
    build.output = Some(out.clone());
    // Watch before the first build, so an edit made while it runs is not lost.
    let watch = Watch::new(&build.root)?;
    let session = Arc::new(Mutex::new(Session::new(build.clone(), &out)));
    let reload = Broadcaster::default();
    reload.keep_alive();
    rebuild(&session, &reload, &Change { full: true, config: true, ..Change::default() });
    let root = out.canonicalize().map_err(|e| Error::io(format!("reading {}", out.display()), e))?;
    listen::spawn(listener, Served { root, reload: reload.clone(), hosts: Hosts::for_bind(addr.ip()) })?;
    println!("Serving on http://{addr}/ (press Ctrl+C to stop)");
    if opts.open {
        open_browser(&format!("http://{addr}/"));
    }
    for change in watch {
        rebuild(&session, &reload, &change);
    }
    Ok(())
}

/// Rebuilds and tells browsers; a failed build never stops the server.
fn rebuild(session: &Mutex<Session>, reload: &Broadcaster, change: &Change) {
    let mut session = session.lock().expect("lock");
    match session.rebuild(change) {
        Ok(r) => {
            println!(
                "Rebuilt in {} ms ({}): parsed {}, rendered {}, wrote {}, removed {}",
                r.elapsed.as_millis(),
                if change.full { "full".to_string() } else { change.describe() },
                r.parsed,
                r.rendered,
                r.written,
                r.removed
            );
            reload.reload(r.css_only);
        }
        Err(e) => {
            eprintln!("{e}");
            reload.error(&e.diagnostics());
        }
    }
}

/// `samvad build --watch`: a normal, atomic build after every edit.
pub fn watch_build(opts: &BuildOptions) -> Result<()> {
    let watch = Watch::new(&opts.root)?;
    print_report(crate::build::build(opts));
    for change in watch {
        println!("Changed: {}", change.describe());
        print_report(crate::build::build(opts));
    }
    Ok(())
}

fn print_report(r: Result<crate::build::Report>) {
    match r {
        Ok(r) => println!("{r}"),
        Err(e) => eprintln!("{e}"),
    }
}

fn open_browser(url: &str) {
    for cmd in ["xdg-open", "open"] {
        if std::process::Command::new(cmd).arg(url).spawn().is_ok() {
            return;
        }
    }
}
