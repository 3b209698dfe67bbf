//! Edits the watcher must not miss: rename-style saves of the config, and
//! input folders made while the server runs.

use crate::common::*;
use crate::server::*;
use std::process::Stdio;

fn config_titled(title: &str) -> String {
    CONFIG.replace("Test site", title)
}

#[test]
fn every_rename_save_of_the_config_is_noticed_by_serve() {
    let site = crate::site();
    let server = start(&site);
    for title in ["Renamed Once", "Renamed Twice", "Renamed Thrice"] {
        rename_save(&site, "samvad.toml", &config_titled(title));
        wait_for(|| get(server.port, "/").1.contains(title), title);
    }
}

#[test]
fn every_rename_save_of_the_config_is_noticed_by_build_watch() {
    let site = crate::site();
    let child = samvad()
        .args(["build", "--watch", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _stop = Server { child, port: 0, url: String::new() };
    wait_for(|| site.exists("index.html"), "the first build");
    for title in ["Renamed Once", "Renamed Twice"] {
        rename_save(&site, "samvad.toml", &config_titled(title));
        wait_for(|| std::fs::read_to_string(site.output("index.html")).unwrap_or_default().contains(title), title);
    }
}

#[test]
fn templates_and_static_folders_made_while_serving_are_watched() {
    let site = crate::site();
    assert!(!site.path("templates").exists() && !site.path("static").exists());
    let server = start(&site);
    let port = server.port;
    site.file("templates/404.html", "custom 404, first");
    wait_for(|| get(port, "/missing/").1.contains("custom 404, first"), "the new templates/ folder");
    site.file("templates/404.html", "custom 404, second");
    wait_for(|| get(port, "/missing/").1.contains("custom 404, second"), "an edit inside templates/");
    site.file("static/notes.txt", "first notes");
    wait_for(|| get(port, "/notes.txt").1.contains("first notes"), "the new static/ folder");
    site.file("static/notes.txt", "second notes");
    wait_for(|| get(port, "/notes.txt").1.contains("second notes"), "an edit inside static/");
}
