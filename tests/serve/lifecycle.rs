//! Starting and stopping: the port in use, the private build folder, and
//! refusing to run outside a site.

use crate::common::*;
use crate::server::*;
use scraper::Selector;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::time::Instant;

/// The dev build folders in `tmp`.
fn dev_folders(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("samvad-serve-"))
        .collect()
}

fn wait_exit(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    while start.elapsed() < WAIT {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("still running after {WAIT:?}");
}

fn titled(title: &str) -> Site {
    let site = Site::with_config(&CONFIG.replace("Test site", title));
    site.file("content/posts/one.md", &post("One", "2026-10-01", "Body.\n"));
    site
}

#[test]
fn port_zero_links_the_bound_port_and_each_server_keeps_its_own_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (titled("Site Alpha"), titled("Site Beta"));
    let (server_a, server_b) = (start_with(&a, Some(tmp.path())), start_with(&b, Some(tmp.path())));
    for (server, title) in [(&server_a, "Site Alpha"), (&server_b, "Site Beta")] {
        assert_ne!(server.port, 0, "{}", server.url);
        assert_eq!(server.url, format!("http://127.0.0.1:{}/", server.port));
        let (status, response) = get(server.port, "/");
        assert_eq!(status, 200);
        let body = &response[response.find("\r\n\r\n").unwrap()..];
        let html = scraper::Html::parse_document(body);
        let canonical = html.select(&Selector::parse("link[rel=canonical]").unwrap()).next().unwrap();
        assert_eq!(canonical.attr("href"), Some(server.url.as_str()), "links carry the port in use");
        let brand = html.select(&Selector::parse("a.brand").unwrap()).next().unwrap();
        assert_eq!(brand.text().collect::<String>(), title, "each server shows its own site");
    }
    let folders = dev_folders(tmp.path());
    assert_eq!(folders.len(), 2, "one private folder per server: {folders:?}");
    #[cfg(unix)]
    for folder in folders {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700, "{folder:?}");
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_remove_the_private_folder() {
    let site = titled("Stopping");
    for signal in ["-INT", "-TERM"] {
        let tmp = tempfile::tempdir().unwrap();
        let mut server = start_with(&site, Some(tmp.path()));
        assert_eq!(dev_folders(tmp.path()).len(), 1);
        let sent = std::process::Command::new("kill").arg(signal).arg(server.child.id().to_string()).status();
        assert!(sent.unwrap().success());
        let status = wait_exit(&mut server.child);
        assert_eq!(status.code(), Some(0), "{signal}: a clean stop");
        assert_eq!(dev_folders(tmp.path()), Vec::<PathBuf>::new(), "{signal}: the folder is gone");
    }
}

#[test]
fn outside_a_site_serve_and_build_watch_exit_1() {
    let empty = tempfile::tempdir().unwrap();
    for args in [&["serve", "--port", "0"][..], &["build", "--watch"]] {
        let mut child = samvad()
            .args(args)
            .arg("--root")
            .arg(empty.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait_exit(&mut child);
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("samvad.toml") && stderr.contains("samvad init"), "{args:?}: {stderr}");
    }
}
