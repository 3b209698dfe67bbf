//! Staging `social/`: each post's Markdown file, and its lines of
//! `snippets.json` and `schedule.csv`, made again only for posts whose
//! snippets' inputs changed since the last build.
//!
//! Making snippets is costly (every platform's text is counted as that
//! platform counts it), and the two list files hold every post's. A build
//! therefore keeps, for each post, a fingerprint of what its snippets are
//! made from and where its lines sit in the two files. When nothing
//! changed, both files are kept as they are; when some posts changed, the
//! files are written again, the unchanged posts' lines copied from the
//! previous files and only the changed posts' made anew.

use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::Path;

use rayon::prelude::*;

use super::{csv_lines, dir_for, file_stem, json_lines, markdown};
use crate::error::{Diagnostic, Error, Result};
use crate::site::Site;
use crate::social::generate;
use crate::write::{Origin, Staging, Streamed};

/// Posts generated together before their JSON and CSV lines are appended:
/// enough to keep every core busy, few enough that a 100,000-post site's
/// snippets never sit in memory at once.
const CHUNK: usize = 256;

/// What a build wrote of one post's snippets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Written {
    /// Fingerprint of what they were made from.
    pub fp: u64,
    /// The post's place in the list files' order.
    pub at: usize,
    /// Its lines in `snippets.json` and `schedule.csv`: offset and length.
    pub json: (u64, u64),
    /// Likewise in `schedule.csv`.
    pub csv: (u64, u64),
}

/// Stages `social/` for `site` beside `output`, for the caller to commit
/// after the site (or drop). `fps` holds each post's snippet fingerprint
/// (in post order) and `before` what the last build wrote, by source file;
/// returns what this one writes. An existing `social/` that samvad did not
/// write is left alone and reported, so a build never deletes someone's
/// folder.
pub fn stage(
    site: &Site,
    output: &Path,
    fps: &[u64],
    before: &HashMap<String, Written>,
) -> Result<(Staging, HashMap<String, Written>)> {
    let target = dir_for(output);
    if target.is_dir() && !target.join("snippets.json").is_file() {
        let empty = std::fs::read_dir(&target).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(Diagnostic::general(format!(
                "{} exists and was not written by samvad; not replacing it",
                target.display()
            ))
            .hint("move that folder, or build into an output folder whose parent has no `social/`")
            .into());
        }
    }
    let staging = Staging::new(&target)?;
    let rels: Vec<&str> = site.map.posts.iter().map(|e| e.outline.source.as_str()).collect();
    let unchanged = |i: usize| before.get(rels[i]).is_some_and(|w| w.fp == fps[i]);
    let same_lists = before.len() == rels.len() && (0..rels.len()).all(|i| unchanged(i) && before[rels[i]].at == i);
    let lists = ["snippets.json", "schedule.csv"];
    if same_lists && lists.iter().all(|f| staging.keep(f, Origin::samvad("the social snippets"))) {
        keep_or_make_markdown(site, &staging, &(0..rels.len()).map(|i| !unchanged(i)).collect::<Vec<_>>())?;
        return Ok((staging, before.clone()));
    }
    let previous = Previous::open(&target, before);
    let writer = Writer { site, staging: &staging, fps, previous: &previous, rels: &rels };
    let written = writer.write()?;
    Ok((staging, written))
}

/// Writes each post's Markdown file, made anew where `make[i]` or where
/// the previous one is gone.
fn keep_or_make_markdown(site: &Site, staging: &Staging, make: &[bool]) -> Result<()> {
    (0..make.len()).into_par_iter().try_for_each(|i| {
        let page = site.post(i);
        let (name, origin) = (format!("{}.md", file_stem(&page.slug)), origin(&page.source));
        if make[i] || !staging.keep(&name, origin.clone()) {
            let snippets = generate::for_post(site.config(), page);
            staging.put(&name, markdown(page, &snippets, None).as_bytes(), origin)?;
        }
        Ok(())
    })
}

fn origin(source: &str) -> Origin {
    Origin::file(format!("content/{source}"))
}

/// The last build's list files, to copy unchanged posts' lines from.
struct Previous<'a> {
    json: Option<File>,
    csv: Option<File>,
    before: &'a HashMap<String, Written>,
}

impl<'a> Previous<'a> {
    fn open(dir: &Path, before: &'a HashMap<String, Written>) -> Previous<'a> {
        let open = |name: &str| File::open(dir.join(name)).ok();
        Previous { json: open("snippets.json"), csv: open("schedule.csv"), before }
    }

    /// The post `rel`'s lines from the previous files, if its snippets'
    /// fingerprint is still `fp`.
    fn lines(&self, rel: &str, fp: u64) -> Option<Part> {
        let w = self.before.get(rel).filter(|w| w.fp == fp)?;
        let read = |file: &Option<File>, (at, len): (u64, u64)| {
            let mut buf = vec![0; usize::try_from(len).ok()?];
            file.as_ref()?.read_exact_at(&mut buf, at).ok()?;
            Some(buf)
        };
        let csv = String::from_utf8(read(&self.csv, w.csv)?).ok()?;
        Some((read(&self.json, w.json)?, csv))
    }
}

/// One post's lines of `snippets.json` and of `schedule.csv`.
type Part = (Vec<u8>, String);

/// Writes the list files anew, chunk by chunk.
struct Writer<'a> {
    site: &'a Site,
    staging: &'a Staging,
    fps: &'a [u64],
    previous: &'a Previous<'a>,
    rels: &'a [&'a str],
}

impl Writer<'_> {
    /// Every post's lines in order, each post's Markdown kept or made; a
    /// chunk's lines are appended while the next is made, so no core
    /// waits for the writing.
    fn write(&self) -> Result<HashMap<String, Written>> {
        let mut out = Lines {
            json: self.staging.stream("snippets.json")?,
            csv: self.staging.stream("schedule.csv")?,
            first: true,
            written: HashMap::with_capacity(self.rels.len()),
        };
        out.json.write(b"[")?;
        out.csv.write(b"post,platform,text,url,scheduled_at\r\n")?;
        let mut pending: Vec<(usize, Part)> = Vec::new();
        let posts: Vec<usize> = (0..self.rels.len()).collect();
        for chunk in posts.chunks(CHUNK) {
            let (appended, parts) = rayon::join(|| out.append(&pending, self), || self.chunk(chunk));
            appended?;
            pending = parts?;
        }
        out.append(&pending, self)?;
        out.json.write(b"\n]\n")?;
        out.json.finish()?;
        out.csv.finish()?;
        Ok(out.written)
    }

    /// The lines of a chunk of posts: the previous ones where the post did
    /// not change, else made anew (and its Markdown file with them).
    fn chunk(&self, chunk: &[usize]) -> Result<Vec<(usize, Part)>> {
        chunk
            .par_iter()
            .map(|&i| {
                let page = self.site.post(i);
                let (name, origin) = (format!("{}.md", file_stem(&page.slug)), origin(&page.source));
                if let Some(part) = self.previous.lines(self.rels[i], self.fps[i]) {
                    if self.staging.keep(&name, origin.clone()) {
                        return Ok((i, part));
                    }
                }
                let snippets = generate::for_post(self.site.config(), page);
                self.staging.put(&name, markdown(page, &snippets, None).as_bytes(), origin)?;
                Ok::<_, Error>((i, (json_lines(&snippets), csv_lines(page, &snippets))))
            })
            .collect()
    }
}

/// The two streamed files, whether `snippets.json` has an item yet, and
/// where each post's lines went.
struct Lines<'a> {
    json: Streamed<'a>,
    csv: Streamed<'a>,
    first: bool,
    written: HashMap<String, Written>,
}

impl Lines<'_> {
    fn append(&mut self, parts: &[(usize, Part)], writer: &Writer) -> Result<()> {
        for (i, (json, csv)) in parts {
            if !json.is_empty() {
                self.json.write(if self.first { b"\n" } else { b",\n" })?;
                self.first = false;
            }
            let json_at = (self.json.len(), json.len() as u64);
            self.json.write(json)?;
            let csv_at = (self.csv.len(), csv.len() as u64);
            self.csv.write(csv.as_bytes())?;
            let written = Written { fp: writer.fps[*i], at: *i, json: json_at, csv: csv_at };
            self.written.insert(writer.rels[*i].to_string(), written);
        }
        Ok(())
    }
}
