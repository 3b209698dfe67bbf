//! The files the render stage writes, named by where their data sits in
//! the [`SiteMap`], so that a rebuild can tell one file from the same file
//! of the last build and re-render only those whose inputs changed.

use super::paginate::{page_dir, pages_for};
use crate::load::Kind;
use crate::site::SiteMap;
use crate::write::Origin;

/// One file rendered from a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Job {
    /// A post's page: index into [`SiteMap::posts`].
    Post(usize),
    /// Another page's own file: index into [`SiteMap::pages`].
    Page(usize),
    /// Page `n` of the home list.
    Index(usize),
    /// The list of a taxonomy's terms.
    TaxonomyList(usize),
    /// Page `page` of one term's posts.
    Term {
        /// Index into [`SiteMap::taxonomies`].
        taxonomy: usize,
        /// Index into that taxonomy's terms.
        term: usize,
        /// Page number, from 1.
        page: usize,
    },
    /// The 404 page.
    NotFound,
}

impl Job {
    /// Every file the site renders from templates, posts first.
    pub fn all(map: &SiteMap) -> Vec<Job> {
        let per = map.config.posts_per_page;
        let mut jobs: Vec<Job> = (0..map.posts.len()).map(Job::Post).collect();
        jobs.extend(
            map.pages.iter().enumerate().filter(|(_, p)| p.outline.kind != Kind::Home).map(|(i, _)| Job::Page(i)),
        );
        jobs.extend((1..=pages_for(map.posts.len(), per)).map(Job::Index));
        for (t, tax) in map.taxonomies.iter().enumerate() {
            jobs.push(Job::TaxonomyList(t));
            for (i, term) in tax.terms.iter().enumerate() {
                jobs.extend((1..=pages_for(term.posts.len(), per)).map(|page| Job::Term {
                    taxonomy: t,
                    term: i,
                    page,
                }));
            }
        }
        jobs.push(Job::NotFound);
        jobs
    }

    /// The output file it writes.
    pub fn file(&self, map: &SiteMap) -> String {
        match *self {
            Job::Post(i) => format!("{}index.html", map.posts[i].outline.dir),
            Job::Page(i) => format!("{}index.html", map.pages[i].outline.dir),
            Job::Index(n) => format!("{}index.html", page_dir("", n)),
            Job::TaxonomyList(t) => format!("{}/index.html", map.taxonomies[t].name),
            Job::Term { taxonomy, term, page } => {
                format!("{}index.html", page_dir(&map.taxonomies[taxonomy].terms[term].dir, page))
            }
            Job::NotFound => "404.html".to_string(),
        }
    }

    /// What its file is made from, as a writer would name it.
    pub fn origin(&self, map: &SiteMap) -> Origin {
        match *self {
            Job::Post(i) => Origin::file(format!("content/{}", map.posts[i].outline.source)),
            Job::Page(i) => Origin::file(format!("content/{}", map.pages[i].outline.source)),
            Job::Index(n) => Origin::samvad(format!("page {n} of the home page's list")),
            Job::TaxonomyList(t) => Origin::samvad(format!("the list of all {}", map.taxonomies[t].name)),
            Job::Term { taxonomy, term, page } => {
                let tax = &map.taxonomies[taxonomy];
                Origin::samvad(format!("page {page} of the {} page `{}`", tax.name, tax.terms[term].name))
            }
            Job::NotFound => Origin::samvad("the 404 page"),
        }
    }

    /// The template it is rendered with: a page's own `template`, else the
    /// one for its kind.
    pub fn template<'m>(&self, map: &'m SiteMap) -> &'m str {
        let own = |o: &'m crate::page::Outline, default: &'static str| o.template.as_deref().unwrap_or(default);
        match *self {
            Job::Post(i) => own(&map.posts[i].outline, "post.html"),
            Job::Page(i) if map.pages[i].outline.kind == Kind::Services => own(&map.pages[i].outline, "services.html"),
            Job::Page(i) => own(&map.pages[i].outline, "page.html"),
            Job::Index(_) => "index.html",
            Job::TaxonomyList(_) => "taxonomy_list.html",
            Job::Term { .. } => "taxonomy_term.html",
            Job::NotFound => "404.html",
        }
    }

    /// The posts whose summaries the file lists (indices into
    /// [`SiteMap::posts`]); none for a post's or page's own file.
    pub fn listed<'m>(&self, map: &'m SiteMap) -> &'m [usize] {
        let per = map.config.posts_per_page;
        let window = |list: &'m [usize], n: usize| {
            let start = ((n - 1) * per).min(list.len());
            &list[start..(start + per).min(list.len())]
        };
        match *self {
            Job::Index(n) => window(&map.home_list, n),
            Job::Term { taxonomy, term, page } => window(&map.taxonomies[taxonomy].terms[term].posts, page),
            _ => &[],
        }
    }
}
