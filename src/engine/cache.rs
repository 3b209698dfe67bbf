//! The build cache: what one `samvad build` made, kept for the next, so a
//! build after a small edit does little more than that edit needs.
//!
//! It lives in `.samvad-cache/` at the site root, a folder that holds its
//! own `.gitignore` (`*`), so the site's own files are never touched. It
//! keeps each content file's front matter (by a hash of its bytes), each
//! body's summary and contents (by what it was made from) and each output
//! file's fingerprint. It is one file: a header, a checksum, and the
//! values in MessagePack. A cache written by another samvad executable
//! (`SAMVAD_BUILD_ID`) is ignored; so is one for another output folder's
//! files. One that is damaged or cut short is ignored with a warning. A
//! clean build never needs it: the build makes whatever it lacks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::fingerprint::{self, Fp};
use super::pages::BodyMemo;
use super::{Engine, Memo};
use crate::error::Diagnostic;
use crate::frontmatter::FrontMatter;
use crate::load::{Kind, Source};

/// The cache's folder, at the site root.
pub const DIR: &str = ".samvad-cache";
/// Its one file.
const FILE: &str = "build.msgpack";
/// What the file starts with; the format's version is in it.
const MAGIC: &[u8] = b"samvad build cache 1\n";
/// The executable the cache must come from.
const BUILD: &str = env!("SAMVAD_BUILD_ID");

/// What the cache holds.
#[derive(Serialize, Deserialize, Default)]
struct Stored {
    build: String,
    config: Option<Fp>,
    output: PathBuf,
    sources: Vec<StoredSource>,
    bodies: Vec<(String, BodyMemo)>,
    outputs: Vec<(String, Fp)>,
    social: Vec<(String, crate::social::output::Written)>,
}

/// A content file's front matter, by the hash of its bytes.
#[derive(Serialize, Deserialize, Clone)]
pub(super) struct StoredSource {
    pub rel: String,
    pub hash: Fp,
    pub kind: Kind,
    pub front: FrontMatter,
    pub body_start: usize,
    pub body_line: usize,
}

impl StoredSource {
    /// What a source read without warnings leaves for the next build.
    pub fn of(source: &Source) -> StoredSource {
        StoredSource {
            rel: source.rel.clone(),
            hash: source.hash,
            kind: source.kind,
            front: (*source.front).clone(),
            body_start: source.body_start,
            body_line: source.body_line,
        }
    }

    /// The source again, from the same bytes' text.
    pub fn source(&self, content: &Path, text: String) -> Arc<Source> {
        let front = Box::new(self.front.clone());
        let (rel, path) = (self.rel.clone(), content.join(&self.rel));
        let (body_start, body_line, hash, kind) = (self.body_start, self.body_line, self.hash, self.kind);
        Arc::new(Source { path, rel, kind, front, text, body_start, body_line, hash })
    }
}

impl Engine {
    /// Takes in the cache in `dir`, if there is a usable one; a damaged
    /// one gives a warning and is not used.
    pub fn use_cache(&mut self, dir: PathBuf) -> Option<Diagnostic> {
        let path = dir.join(FILE);
        self.cache = Some(dir);
        let bytes = std::fs::read(&path).ok()?;
        let stored = match decode(&bytes) {
            Ok(stored) => stored,
            Err(why) => {
                return Some(
                    Diagnostic::new(&path, format!("the build cache is damaged ({why}); building without it"))
                        .warning()
                        .hint("nothing to do: this build writes a new one (or delete the folder)"),
                )
            }
        };
        if stored.build != BUILD {
            return None;
        }
        self.config_before = stored.config;
        self.fronts = stored.sources.into_iter().map(|s| (s.rel.clone(), s)).collect();
        let bodies = stored.bodies.into_iter().collect();
        let outputs = match stored.output == self.output {
            true => stored.outputs.into_iter().collect(),
            false => Default::default(),
        };
        let social = match stored.output == self.output {
            true => stored.social.into_iter().collect(),
            false => HashMap::new(),
        };
        self.memo = Memo { bodies, outputs, social, ..Memo::default() };
        let fronts: Vec<&StoredSource> = self.fronts.values().collect();
        self.stored_fp = signature(self, &fronts);
        None
    }

    /// Writes the cache for the next build, unless it would hold the same
    /// as the one read (told by a signature of its values, which costs far
    /// less than writing them out).
    pub(super) fn save_cache(&mut self, fronts: Vec<StoredSource>) -> std::io::Result<()> {
        let Some(dir) = &self.cache else { return Ok(()) };
        let signature = signature(self, &fronts.iter().collect::<Vec<_>>());
        if signature == self.stored_fp {
            return Ok(());
        }
        let mut bodies: Vec<(String, BodyMemo)> =
            self.memo.bodies.iter().map(|(rel, m)| (rel.clone(), m.clone())).collect();
        bodies.sort_by(|a, b| a.0.cmp(&b.0));
        let mut outputs: Vec<(String, Fp)> = self.memo.outputs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        outputs.sort();
        let mut sources = fronts;
        sources.sort_by(|a, b| a.rel.cmp(&b.rel));
        let mut social: Vec<(String, crate::social::output::Written)> =
            self.memo.social.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        social.sort_by(|a, b| a.0.cmp(&b.0));
        let (build, config, output) = (BUILD.into(), self.config_before, self.output.clone());
        let stored = Stored { build, config, output, sources, bodies, outputs, social };
        let bytes = encode(&stored);
        std::fs::create_dir_all(dir)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(ignore, "# samvad's build cache: safe to delete, never to commit.\n*\n")?;
        }
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, &bytes)?;
        std::fs::rename(tmp, dir.join(FILE))?;
        self.stored_fp = signature;
        Ok(())
    }
}

/// A signature of what the cache holds: the config, each source's hash,
/// each body's and output's fingerprints and the social lines' places.
fn signature(engine: &Engine, fronts: &[&StoredSource]) -> Fp {
    let sorted = |mut v: Vec<(&str, Fp)>| {
        v.sort_unstable();
        fingerprint::of(&v)
    };
    let fronts = sorted(fronts.iter().map(|f| (f.rel.as_str(), f.hash)).collect());
    let bodies =
        sorted(engine.memo.bodies.iter().map(|(r, m)| (r.as_str(), fingerprint::of(&m.signature()))).collect());
    let outputs = sorted(engine.memo.outputs.iter().map(|(k, v)| (k.as_str(), *v)).collect());
    let social = sorted(engine.memo.social.iter().map(|(k, w)| (k.as_str(), fingerprint::of(w))).collect());
    fingerprint::of(&(engine.config_before, &engine.output, fronts, bodies, outputs, social))
}
/// The file's bytes: the header, the payload's length and checksum, the
/// payload.
fn encode(stored: &Stored) -> Vec<u8> {
    let payload = rmp_serde::to_vec(stored).expect("the cache serialises");
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&fingerprint::bytes(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    bytes
}

/// The cache in `bytes`, or why it cannot be used.
fn decode(bytes: &[u8]) -> Result<Stored, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a samvad build cache of this version")?;
    if rest.len() < 16 {
        return Err("cut short".into());
    }
    let len = u64::from_le_bytes(rest[..8].try_into().expect("eight bytes")) as usize;
    let sum = u64::from_le_bytes(rest[8..16].try_into().expect("eight bytes"));
    let payload = &rest[16..];
    if payload.len() != len {
        return Err(format!("cut short: {} of {len} bytes", payload.len()));
    }
    if fingerprint::bytes(payload) != sum {
        return Err("its checksum does not match".into());
    }
    rmp_serde::from_slice(payload).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_short_cache_is_refused_and_a_whole_one_read() {
        let stored = Stored { build: "b".into(), output: "/x".into(), ..Stored::default() };
        let bytes = encode(&stored);
        assert_eq!(decode(&bytes).unwrap().build, "b");
        assert!(decode(&bytes[..bytes.len() - 1]).err().unwrap().contains("cut short"));
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(decode(&flipped).err().unwrap().contains("checksum"));
        assert!(decode(b"something else").is_err());
    }
}
