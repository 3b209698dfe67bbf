//! `samvad serve` and `samvad build --watch`: build, watch, rebuild, and
//! (for serve) a loopback HTTP server with live reload.

pub mod http;
pub mod listen;
pub mod reload;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::build::BuildOptions;
use crate::engine::{Changes, Engine, Mode};
use crate::error::{Diagnostic, Error, Result};
use http::{Hosts, Served};
use reload::Broadcaster;
use watch::{Change, Watch};

/// What `samvad serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Build options; `base_url` and `output` are set by the server.
    pub build: BuildOptions,
    /// Address to bind; loopback unless the user says otherwise.
    pub bind: String,
    /// Port; 0 lets the system pick a free one.
    pub port: u16,
    /// Open a browser tab.
    pub open: bool,
}

/// The dev build's folder: outside the site, so `public/` is never touched
/// and the watcher never sees its own writes. Each server makes its own
/// (readable by this user only), so two servers never serve each other's
/// site, and removes it when it stops, by Ctrl+C and SIGTERM too.
struct DevOutput {
    dir: Arc<Mutex<Option<tempfile::TempDir>>>,
    path: PathBuf,
}

impl DevOutput {
    fn new() -> Result<DevOutput> {
        let mut builder = tempfile::Builder::new();
        builder.prefix("samvad-serve-");
        // Drafts are built in here: other users of the machine may not look.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
        let parent = scratch_dir();
        let dir = builder
            .tempdir_in(&parent)
            .map_err(|e| Error::io(format!("creating a folder in {}", parent.display()), e))?;
        let path = dir.path().to_path_buf();
        Ok(DevOutput { dir: Arc::new(Mutex::new(Some(dir))), path })
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// On Ctrl+C, SIGTERM or SIGHUP: waits for a rebuild in progress (so
    /// nothing writes into the folder as it goes), removes it, exits 0.
    fn remove_on_signal(&self, session: Arc<Mutex<Engine>>) -> Result<()> {
        let dir = self.dir.clone();
        ctrlc::set_handler(move || {
            let _rebuilding = session.lock().unwrap_or_else(PoisonError::into_inner);
            remove(&dir);
            std::process::exit(0);
        })
        .map_err(|e| Error::io("handling Ctrl+C", std::io::Error::other(e)))
    }
}

impl Drop for DevOutput {
    fn drop(&mut self) {
        remove(&self.dir);
    }
}

fn remove(dir: &Mutex<Option<tempfile::TempDir>>) {
    if let Some(dir) = dir.lock().unwrap_or_else(PoisonError::into_inner).take() {
        let _ = dir.close();
    }
}

/// Where the dev build goes: `$TMPDIR` when the user set it, else a folder
/// in memory when the system has one (`$XDG_RUNTIME_DIR`, then
/// `/dev/shm`), else the temporary folder. Every edit rewrites the files it
/// changes, and a template edit all the pages using it; on some disks each
/// new file costs a quarter of a millisecond, which made a 10,000-post
/// site's template edit take seconds to write.
fn scratch_dir() -> PathBuf {
    if std::env::var_os("TMPDIR").is_some() {
        return std::env::temp_dir();
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    let candidates = runtime.into_iter().chain([PathBuf::from("/dev/shm")]);
    candidates.filter(|d| d.is_dir()).find(|d| writable(d)).unwrap_or_else(std::env::temp_dir)
}

/// Can this process make a folder in `dir`?
fn writable(dir: &Path) -> bool {
    tempfile::Builder::new().prefix(".samvad-probe-").tempdir_in(dir).is_ok()
}

/// Binds the address asked for; the port may be 0.
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
    let addr = listener.local_addr().map_err(|e| Error::io("reading the bound address", e))?;
    Ok((listener, addr))
}

/// Runs the dev server until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<()> {
    // A folder with no usable samvad.toml has no site to serve: say so and
    // stop, as `build` does, rather than answer 404 for ever.
    crate::build::load_config(&opts.build)?;
    let (listener, addr) = bind(&opts)?;
    // The bound address, so `--port 0` prints and links the port in use.
    let url = format!("http://{addr}/");
    let out = DevOutput::new()?;
    let mut build = opts.build.clone();
    build.base_url = Some(url.clone());
    build.output = Some(out.path().to_path_buf());
    // Watch before the first build, so an edit made while it runs is not lost.
    let watch = Watch::new(&build.root)?;
    let mode = Mode::SERVE;
    let session = Arc::new(Mutex::new(Engine::new(build, out.path().to_path_buf(), mode)));
    out.remove_on_signal(session.clone())?;
    let reload = Broadcaster::default();
    reload.keep_alive();
    rebuild(&session, &reload, &Change { full: true, config: true, rescan: true, ..Change::default() });
    let root = out.path().canonicalize().map_err(|e| Error::io(format!("reading {}", out.path().display()), e))?;
    listen::spawn(listener, Served { root, reload: reload.clone(), hosts: Hosts::for_bind(addr.ip()) })?;
    crate::stdout::line(format_args!("Serving on {url} (press Ctrl+C to stop)"));
    if opts.open {
        open_browser(&url);
    }
    for change in watch {
        rebuild(&session, &reload, &change);
    }
    Ok(())
}

/// Rebuilds and tells browsers; a failed build never stops the server.
fn rebuild(engine: &Mutex<Engine>, reload: &Broadcaster, change: &Change) {
    let mut engine = engine.lock().unwrap_or_else(PoisonError::into_inner);
    match engine.build(&change.to_changes()) {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!("{w}");
            }
            crate::stdout::line(format_args!(
                "Rebuilt in {} ms ({}): parsed {}, rendered {}, wrote {}, removed {}",
                r.elapsed.as_millis(),
                if change.rescan { "full".to_string() } else { change.describe() },
                r.parsed,
                r.rendered,
                r.written,
                r.removed
            ));
            if std::env::var_os("SAMVAD_TIMINGS").is_some() {
                let stages: Vec<String> = r.stages.iter().map(|(n, d)| format!("{n} {} ms", d.as_millis())).collect();
                crate::stdout::line(format_args!("  stages: {}", stages.join(" · ")));
            }
            reload.reload(change.css_only());
        }
        Err(e) => {
            eprintln!("{e}");
            reload.error(&e.diagnostics());
        }
    }
}

/// `samvad build --watch`: a normal, atomic build after every edit.
pub fn watch_build(opts: &BuildOptions) -> Result<()> {
    // Not a site (or a broken config): stop now, as `build` does.
    crate::build::load_config(opts)?;
    let watch = Watch::new(&opts.root)?;
    let mode = Mode::WATCH;
    let mut engine = Engine::new(opts.clone(), crate::build::output_dir(opts), mode);
    print_report(engine.build(&Changes::everything()));
    for change in watch {
        crate::stdout::line(format_args!("Changed: {}", change.describe()));
        print_report(engine.build(&change.to_changes()));
    }
    Ok(())
}

fn print_report(r: Result<crate::build::Report>) {
    match r {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!("{w}");
            }
            crate::stdout::line(r)
        }
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
