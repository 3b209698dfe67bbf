//! Rendering each page's own file as soon as its body is there, where
//! what its template reads changed since it was last written.

use std::collections::HashSet;

use super::fingerprint::{self, Fp};
use super::outputs::{Recorder, Shared};
use super::pages::BodyMemo;
use crate::error::{Diagnostic, Result};
use crate::load::Kind;
use crate::page::Html;
use crate::render::{Job, Renderer};
use crate::site::SiteMap;

/// Renders each page's own file as its body is done, where its inputs
/// changed since it was last written.
pub(super) struct Sink<'a> {
    pub renderer: &'a Renderer<'a>,
    pub map: &'a SiteMap,
    pub out: &'a Recorder<'a>,
    pub shared: &'a Shared<'a>,
    /// Posts whose HTML the feeds show whole.
    pub keep: &'a HashSet<usize>,
}

impl Sink<'_> {
    /// Post `i`'s page. `fresh` is its HTML if it was just parsed; `again`
    /// makes it anew when neither that nor a kept copy is there.
    pub fn post(
        &self,
        i: usize,
        made: &BodyMemo,
        fresh: Option<&Html>,
        again: impl FnOnce() -> Html,
    ) -> std::result::Result<(), Vec<Diagnostic>> {
        let entry = &self.map.posts[i];
        let job = Job::Post(i);
        let fp = self.own_fp(job, &entry.place, made);
        self.out
            .file(job.file(self.map), job.origin(self.map), fp, || {
                let html = fresh.cloned().or_else(|| made.html.clone()).unwrap_or_else(again);
                Ok(self.renderer.render_page(job, entry.page(&made.body), &html)?.html)
            })
            .map_err(|e| e.diagnostics())
    }

    fn own_fp(&self, job: Job, place: &crate::page::Place, made: &BodyMemo) -> Fp {
        page_fp(self.shared, self.map, job, place, made)
    }

    /// Every page's own file but the home intro, which has none.
    pub fn pages(&self, pages: &[BodyMemo]) -> Result<()> {
        for (i, (entry, made)) in self.map.pages.iter().zip(pages).enumerate() {
            if entry.outline.kind == Kind::Home {
                continue;
            }
            let job = Job::Page(i);
            let fp = self.own_fp(job, &entry.place, made);
            self.out.file(job.file(self.map), job.origin(self.map), fp, || {
                Ok(self.renderer.render_page(job, entry.page(&made.body), &made.html())?.html)
            })?;
        }
        Ok(())
    }
}

/// The fingerprint of a page's own file: what its template reads of the
/// shared parts, and the page itself.
pub(super) fn page_fp(shared: &Shared, map: &SiteMap, job: Job, place: &crate::page::Place, made: &BodyMemo) -> Fp {
    let shared = shared.fp(job.template(map), job);
    // A page's own file is `dir/index.html`: its folder tells it.
    let dir = match job {
        Job::Post(i) => &map.posts[i].outline.dir,
        Job::Page(i) => &map.pages[i].outline.dir,
        _ => unreachable!("a page's own file"),
    };
    fingerprint::of(&(shared, dir, made.key, made.fp, made.html_fp, fingerprint::place(place)))
}
