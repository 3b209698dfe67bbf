//! The manifest a build leaves beside its output: the path, length and
//! hash of every file it wrote, one per line, sorted. The next build reads
//! it to tell its own files (and unchanged ones) from anyone else's.

use std::path::Path;

use super::Manifest;
use crate::error::{Error, Result};

/// The manifest at `path`, if there is a whole one.
pub(super) fn read_manifest(path: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut map = Manifest::default();
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let len = parts.next()?.parse().ok()?;
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        map.insert(parts.next()?.to_string(), (len, hash));
    }
    Some(map)
}

/// Writes `entries` to `path` (through a temporary file and a rename, so a
/// reader never sees half of it).
pub(super) fn write_manifest(path: &Path, entries: &Manifest) -> Result<()> {
    let mut lines: Vec<String> = entries.iter().map(|(rel, (len, h))| format!("{len} {h:016x} {rel}")).collect();
    lines.sort();
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, lines.join("\n") + "\n").map_err(|e| Error::io(format!("writing {}", tmp.display()), e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}
