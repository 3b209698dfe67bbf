//! The context of each kind of page: what goes into the template besides
//! the site-wide values, and which template, language and URL it has.

use super::views::page_value;
use super::{set, Renderer, Vars};
use crate::load::Kind;
use crate::seo;
use crate::site::{Page, Taxonomy, Term};

/// What a filled context still needs to be rendered.
pub(super) struct Frame<'a> {
    /// Template name.
    pub template: &'a str,
    /// Absolute URL of the page.
    pub url: String,
}

impl<'a> Renderer<'a> {
    /// A post or page: its own view, head metadata and (posts) share links.
    pub(super) fn page_frame(&self, ctx: &mut Vars, p: &'a Page, is_post: bool) -> Frame<'a> {
        let site = self.site;
        ctx.insert_value("page", page_value(p, self.numerals));
        set(ctx, "meta", &seo::for_page(site, p, self.feed_links(None)));
        if is_post {
            set(ctx, "share", &crate::social::share::links(&site.config.social, p));
        }
        let default = match (is_post, p.kind) {
            (true, _) => "post.html",
            (false, Kind::Services) => "services.html",
            (false, _) => "page.html",
        };
        Frame { template: p.template.as_deref().unwrap_or(default), url: p.permalink.clone() }
    }

    /// Page `n` of the home list.
    pub(super) fn index_frame(&self, ctx: &mut Vars, n: usize) -> Frame<'a> {
        let site = self.site;
        let lang = site.config.language.as_str();
        let base = site.config.base();
        let pager = self.pagination(&base).page(&self.summaries, &self.all_posts, "", n);
        let url = super::page_url(&base, "", n);
        ctx.insert_value("paginator", pager.into_value());
        set(ctx, "home", &site.page(Kind::Home));
        let title = (n > 1).then(|| format!("{} {n}", self.ui(lang, "page_of", "Page")));
        set(ctx, "meta", &seo::for_list(site, title.as_deref(), &url, lang, n == 1, self.feed_links(None)));
        Frame { template: "index.html", url }
    }

    /// The list of a taxonomy's terms (`/tags/`).
    pub(super) fn taxonomy_frame(&self, ctx: &mut Vars, tax: &'a Taxonomy) -> Frame<'a> {
        let site = self.site;
        let lang = site.config.language.as_str();
        ctx.insert_value("taxonomy", self.taxonomy_value(tax));
        let title = self.ui(lang, &tax.name, &tax.name);
        set(ctx, "meta", &seo::for_list(site, Some(&title), &tax.permalink, lang, false, self.feed_links(None)));
        Frame { template: "taxonomy_list.html", url: tax.permalink.clone() }
    }

    /// Page `n` of one term's posts.
    pub(super) fn term_frame(&self, ctx: &mut Vars, tax: &'a Taxonomy, term: &'a Term, n: usize) -> Frame<'a> {
        let site = self.site;
        let lang = site.config.language.as_str();
        let base = site.config.base();
        let pager = self.pagination(&base).page(&self.summaries, &term.posts, &term.dir, n);
        let url = super::page_url(&base, &term.dir, n);
        ctx.insert_value("taxonomy", self.taxonomy_value(tax));
        set(ctx, "term", term);
        ctx.insert_value("paginator", pager.into_value());
        let feeds = self.feed_links(Some((&term.dir, &term.name)));
        set(ctx, "meta", &seo::for_list(site, Some(&term.name), &url, lang, false, feeds));
        Frame { template: "taxonomy_term.html", url }
    }

    /// The 404 page.
    pub(super) fn not_found_frame(&self, ctx: &mut Vars) -> Frame<'a> {
        let site = self.site;
        let lang = site.config.language.as_str();
        let url = format!("{}404.html", site.config.base());
        let title = self.ui(lang, "not_found_title", "Not found");
        set(ctx, "meta", &seo::for_list(site, Some(&title), &url, lang, false, self.feed_links(None)));
        Frame { template: "404.html", url }
    }

    /// A UI string in `lang`, or `fallback` when the theme lacks it.
    fn ui(&self, lang: &str, key: &str, fallback: &str) -> String {
        self.strings.for_lang(lang)[key].as_str().unwrap_or(fallback).to_string()
    }
}
