//! Two things samvad's own build needs:
//!
//! - It rebuilds when a file of the built-in themes is added, removed or
//!   changed. `include_dir!` embeds each file with `include_bytes!`, so
//!   Cargo sees an edited file on its own, but not a new or a deleted one.
//! - `SAMVAD_BUILD_ID`, a fingerprint of everything the executable is made
//!   from (its sources, the themes it embeds, the locked dependencies and
//!   the compiler), which the build cache is keyed by: a cache written by
//!   any other samvad is never trusted.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn main() {
    for input in ["src", "themes", "Cargo.lock", "Cargo.toml", "build.rs"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let mut hasher = DefaultHasher::new();
    for input in ["src", "themes", "Cargo.lock", "Cargo.toml", "build.rs"] {
        hash_tree(Path::new(input), &mut hasher);
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc).arg("--version").output().map(|o| o.stdout).unwrap_or_default();
    version.hash(&mut hasher);
    std::env::var("PROFILE").unwrap_or_default().hash(&mut hasher);
    println!("cargo:rustc-env=SAMVAD_BUILD_ID={:016x}", hasher.finish());
}

/// Hashes the names and bytes of every file under `path`, in name order.
fn hash_tree(path: &Path, hasher: &mut DefaultHasher) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            hash_tree(&entry, hasher);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        path.to_string_lossy().hash(hasher);
        bytes.hash(hasher);
    }
}
