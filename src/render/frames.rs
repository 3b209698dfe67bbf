//! The context of each kind of page: what goes into the template besides
//! the site-wide values, and which template and URL it has.

use tera::Value;

use super::views::page_value;
use super::{set, Lists, Renderer, Vars};
use crate::load::Kind;
use crate::page::Page;
use crate::seo;

/// What a filled context still needs to be rendered: the page's URL.
pub(super) struct Frame {
    /// Absolute URL of the page.
    pub url: String,
}

impl<'a> Renderer<'a> {
    /// A post or page: its own view, head metadata and (posts) share links.
    pub(super) fn page_frame(&self, ctx: &mut Vars, p: Page<'a>, html: &str, is_post: bool) -> Frame {
        let config = &self.map.config;
        ctx.insert_value("page", page_value(p, html, self.numerals));
        set(ctx, "meta", &seo::for_page(config, p, self.feed_links(None)));
        if is_post {
            set(ctx, "share", &crate::social::share::links(&config.social, p));
        }
        Frame { url: p.outline.permalink.clone() }
    }

    /// The list of a taxonomy's terms (`/tags/`).
    pub(super) fn taxonomy_frame(&self, ctx: &mut Vars, t: usize) -> Frame {
        let config = &self.map.config;
        let tax = &self.map.taxonomies[t];
        let lang = config.language.as_str();
        ctx.insert_value("taxonomy", self.taxonomies[t].clone());
        let title = self.ui(lang, &tax.name, &tax.name);
        set(ctx, "meta", &seo::for_list(config, Some(&title), &tax.permalink, lang, false, self.feed_links(None)));
        Frame { url: tax.permalink.clone() }
    }

    /// The 404 page.
    pub(super) fn not_found_frame(&self, ctx: &mut Vars) -> Frame {
        let config = &self.map.config;
        let lang = config.language.as_str();
        let url = format!("{}404.html", config.base());
        let title = self.ui(lang, "not_found_title", "Not found");
        set(ctx, "meta", &seo::for_list(config, Some(&title), &url, lang, false, self.feed_links(None)));
        Frame { url }
    }

    /// A UI string in `lang`, or `fallback` when the theme lacks it.
    fn ui(&self, lang: &str, key: &str, fallback: &str) -> String {
        self.strings.for_lang(lang)[key].as_str().unwrap_or(fallback).to_string()
    }
}

impl<'a> Lists<'a> {
    /// Page `n` of the home list.
    pub(super) fn index_frame(&self, ctx: &mut Vars, n: usize) -> Frame {
        let r = self.renderer;
        let config = &r.map.config;
        let lang = config.language.as_str();
        let base = config.base();
        let items = self.summaries(super::Job::Index(n).listed(r.map));
        let pager = r.pagination(&base).page(items, r.map.posts.len(), "", n);
        let url = super::page_url(&base, "", n);
        ctx.insert_value("paginator", pager.into_value());
        ctx.insert_value(
            "home",
            self.site.page(Kind::Home).map_or_else(Value::none, |(p, html)| page_value(p, html, r.numerals)),
        );
        let title = (n > 1).then(|| format!("{} {n}", r.ui(lang, "page_of", "Page")));
        set(ctx, "meta", &seo::for_list(config, title.as_deref(), &url, lang, n == 1, r.feed_links(None)));
        Frame { url }
    }

    /// Page `n` of one term's posts.
    pub(super) fn term_frame(&self, ctx: &mut Vars, t: usize, term: usize, n: usize) -> Frame {
        let r = self.renderer;
        let config = &r.map.config;
        let lang = config.language.as_str();
        let base = config.base();
        let job = super::Job::Term { taxonomy: t, term, page: n };
        let term = &r.map.taxonomies[t].terms[term];
        let pager = r.pagination(&base).page(self.summaries(job.listed(r.map)), term.posts.len(), &term.dir, n);
        let url = super::page_url(&base, &term.dir, n);
        ctx.insert_value("taxonomy", r.taxonomies[t].clone());
        set(ctx, "term", term);
        ctx.insert_value("paginator", pager.into_value());
        let feeds = r.feed_links(Some((&term.dir, &term.name)));
        set(ctx, "meta", &seo::for_list(config, Some(&term.name), &url, lang, false, feeds));
        Frame { url }
    }
}
