//! `rust-version` in Cargo.toml must be true: no locked package may need a
//! newer Rust. Clippy's `incompatible_msrv` lint (denied in Cargo.toml)
//! checks samvad's own code against the same version; this checks the
//! dependencies, which clippy does not look at.

use std::process::Command;

/// A Rust version as `major.minor.patch`; a missing part counts as 0, as
/// Cargo reads `rust-version = "1.91"`.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().unwrap_or_else(|_| panic!("version {text:?}")));
    let mut next = || parts.next().unwrap_or(0);
    (next(), next(), next())
}

#[test]
fn no_locked_package_needs_a_newer_rust_than_rust_version() {
    let declared = env!("CARGO_PKG_RUST_VERSION");
    assert!(!declared.is_empty(), "Cargo.toml declares no rust-version");
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--format-version", "1", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(out.status.success(), "cargo metadata failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("a package list");
    assert!(packages.len() > 100, "every locked package is listed, not just samvad");
    let too_new: Vec<String> = packages
        .iter()
        .filter_map(|p| {
            let (name, locked, needs) = (p["name"].as_str()?, p["version"].as_str()?, p["rust_version"].as_str()?);
            (version(needs) > version(declared)).then(|| format!("{name} {locked} needs Rust {needs}"))
        })
        .collect();
    assert!(too_new.is_empty(), "rust-version = {declared:?} in Cargo.toml, but:\n{}", too_new.join("\n"));
}

#[test]
fn versions_compare_part_by_part() {
    assert!(version("1.91") > version("1.88.0"));
    assert!(version("1.9") < version("1.10"));
    assert_eq!(version("1.91"), version("1.91.0"));
}
