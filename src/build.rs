//! The whole pipeline in one place: load → link → parse → assemble →
//! render → write. Each step is one call and the order never changes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use std::collections::HashMap;

use crate::config::Config;
use crate::dates::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Strings;
use crate::link::{Filter, Links};
use crate::load::{Kind, Source};
use crate::markdown::MarkdownOptions;
use crate::render::Renderer;
use crate::site::{Page, Site};
use crate::theme::ThemeSource;
use crate::write::{Origin, Staging};
use crate::{assets, feeds, highlight, link, load, parse, sitemap, social, templates, write};

/// What the user asked `samvad build` for.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Site root (holds `samvad.toml`).
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Include future-dated posts.
    pub future: bool,
    /// Fixed "now".
    pub clock: Option<Date>,
    /// Override `base_url`.
    pub base_url: Option<String>,
    /// Override `theme`.
    pub theme: Option<String>,
    /// Replace a non-empty output folder samvad did not make (`--force`).
    pub force: bool,
}

impl BuildOptions {
    /// Which posts this build publishes.
    pub fn filter(&self) -> Filter {
        Filter { drafts: self.drafts, future: self.future, now: self.clock.unwrap_or_else(Date::now) }
    }
}

/// What a build did, for the summary line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Files rendered from templates.
    pub pages: usize,
    /// Published posts.
    pub posts: usize,
    /// Distinct tags.
    pub tags: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Future posts left out.
    pub scheduled: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Things the writer should know that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Static files that replace a file samvad would make (`robots.txt`).
    pub replaced: Vec<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        write!(
            f,
            "Built {} ({}, {}); {} skipped, {} scheduled; in {} ms",
            n(self.pages, "page", "pages"),
            n(self.posts, "post", "posts"),
            n(self.tags, "tag", "tags"),
            n(self.drafts, "draft", "drafts"),
            self.scheduled,
            self.elapsed.as_millis()
        )?;
        self.replaced.iter().try_for_each(|r| write!(f, "; {r}"))
    }
}

/// Loads the config with command-line overrides applied.
pub fn load_config(opts: &BuildOptions) -> Result<Config> {
    let mut config = Config::load(&opts.root).map_err(|e| relative(e, &opts.root))?;
    if let Some(url) = &opts.base_url {
        if !crate::config::is_absolute_http(url) {
            return Err(Diagnostic::general(format!("--base-url: base_url `{url}` is not an absolute http(s) URL"))
                .hint("pass something like --base-url https://example.com/")
                .into());
        }
        config.base_url = url.clone();
    }
    if config.base_url.is_empty() {
        return Err(Diagnostic::new(
            crate::config::CONFIG_FILE,
            "no base_url: feeds, the sitemap, canonical links and link previews need the address the site is served from",
        )
        .hint("add base_url = \"https://your-domain.in/\" to samvad.toml (or pass --base-url for one build)")
        .into());
    }
    if let Some(theme) = &opts.theme {
        config.theme = theme.clone();
    }
    crate::theme::apply(&opts.root, &mut config).map_err(|e| relative(e, &opts.root))?;
    Ok(config)
}

/// The address `samvad init` writes, which no site is served from.
const PLACEHOLDER_BASE_URL: &str = "https://example.com/";

/// A warning while `base_url` is still the placeholder `init` wrote.
fn placeholder_warning(config: &Config, opts: &BuildOptions) -> Option<Diagnostic> {
    if opts.base_url.is_some() || config.base() != PLACEHOLDER_BASE_URL {
        return None;
    }
    let text = std::fs::read_to_string(opts.root.join(crate::config::CONFIG_FILE)).unwrap_or_default();
    let line = crate::config::key_line(&text, "base_url").unwrap_or(1);
    Some(
        Diagnostic::new(
            crate::config::CONFIG_FILE,
            format!("base_url is still the placeholder {PLACEHOLDER_BASE_URL}"),
        )
        .at_line(line)
        .warning()
        .hint("set it to the address your site will be served from, so feeds and shared links lead there"),
    )
}

/// Where the output goes.
pub fn output_dir(opts: &BuildOptions) -> PathBuf {
    match &opts.output {
        Some(o) if o.is_absolute() => o.clone(),
        Some(o) => std::env::current_dir().unwrap_or_default().join(o),
        None => opts.root.join("public"),
    }
}

/// The site model without writing anything: load → link → parse →
/// assemble. `samvad social` uses it to print a post's snippets.
pub fn load_site(opts: &BuildOptions) -> Result<Site> {
    let config = load_config(opts)?;
    let Outline { mut site, bodies, links, mut errors, .. } = outline(opts, config)?;
    let (posts, post_errors, _) = parse_posts(&site, bodies, &links, None);
    errors.extend(post_errors);
    if !errors.is_empty() {
        return Err(relative(Error::Content(errors), &opts.root));
    }
    site.posts = posts;
    Ok(site)
}

/// What planning left out, for the report.
struct Plan {
    drafts: usize,
    scheduled: usize,
    warnings: Vec<Diagnostic>,
}

/// Builds the site. On any error the previous output is left untouched.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    let config = load_config(opts)?;
    let placeholder = placeholder_warning(&config, opts);
    let output = output_dir(opts);
    write::check_output(&opts.root, &output, opts.force)?;
    let theme_source =
        crate::theme::resolve(&opts.root, &config.theme, opts.theme.is_some()).map_err(|e| relative(e, &opts.root))?;
    // Content and templates are both checked before failing, so a writer
    // sees every problem of the run at once.
    let templates = templates::load(&theme_source, &opts.root.join("templates"));
    let outline = outline(opts, config).map_err(|e| match &templates {
        Ok(_) => e,
        Err(t) => Error::Content(
            [e.diagnostics(), relative(Error::Content(t.diagnostics()), &opts.root).diagnostics()].concat(),
        ),
    })?;
    let Outline { mut site, bodies, links, plan, mut errors } = outline;
    let theme = templates.and_then(|t| {
        templates::check_pages(&site, &t, &opts.root)?;
        Ok((t, Strings::load(&theme_source)?))
    });
    let (templates, strings) = match theme {
        Ok(theme) if errors.is_empty() => theme,
        theme => {
            // Posts are still parsed, so that their errors are listed too.
            errors.extend(parse_posts(&site, bodies, &links, None).1);
            errors.extend(theme.err().map(|e| e.diagnostics()).unwrap_or_default());
            return Err(relative(Error::Content(errors), &opts.root));
        }
    };
    let staging = Staging::new(&output)?;
    let theme = Theme { templates: &templates, strings: &strings, source: &theme_source };
    let (rendered, social) = match write_site(&mut site, bodies, &links, &theme, &staging, &opts.root, &output) {
        Ok(done) => done,
        Err(e) => {
            staging.abandon();
            return Err(relative(e, &opts.root));
        }
    };
    if let Err(e) = staging.commit() {
        social.map(Staging::abandon).ok();
        return Err(e);
    }
    social?.commit()?;
    let report = Report {
        pages: rendered,
        posts: site.posts.len(),
        tags: site.taxonomies.iter().find(|t| t.name == "tags").map_or(0, |t| t.terms.len()),
        drafts: plan.drafts,
        scheduled: plan.scheduled,
        elapsed: started.elapsed(),
        warnings: placeholder
            .into_iter()
            .chain(plan.warnings)
            .chain(strings.warnings)
            .map(|w| w.relative_to(&opts.root))
            .collect(),
        replaced: replaced_files(&opts.root, &theme_source),
    };
    drop_aside(site);
    Ok(report)
}

/// Frees `site` on a thread of its own. Tens of thousands of pages take a
/// while to free, and nothing waits for it: `samvad build` exits (which
/// frees everything at once), `samvad serve` goes back to watching.
/// Should no thread be had, `spawn` drops the closure, and with it the
/// site, right here.
fn drop_aside(site: Site) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(site));
}

/// What pages are rendered with.
struct Theme<'a> {
    templates: &'a templates::Templates,
    strings: &'a Strings,
    source: &'a ThemeSource,
}

/// Parses and renders the posts, then renders and copies everything else,
/// all into `staging`, while the social snippets are staged beside
/// `output` on the same cores. Returns the number of pages rendered and the
/// snippets' staging (or why they failed), to commit after the site.
fn write_site(
    site: &mut Site,
    bodies: Vec<Source>,
    links: &Links,
    theme: &Theme,
    staging: &Staging,
    root: &Path,
    output: &Path,
) -> Result<(usize, Result<Staging>)> {
    let site_ctx = site_context(site);
    let renderer = Renderer::for_posts(site, theme.templates, theme.strings, &site_ctx)?;
    let (posts, errors, rendered) = parse_posts(site, bodies, links, Some((&renderer, staging)));
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    rendered?;
    site.posts = posts;
    let site = &*site;
    match rayon::join(|| write_all(site, theme, staging, root), || social::stage(site, output)) {
        (Ok(pages), social) => Ok((site.posts.len() + pages, social)),
        (Err(e), social) => {
            social.map(Staging::abandon).ok();
            Err(e)
        }
    }
}

/// The site as its front matter lays it out: pages parsed, posts ordered
/// and grouped into terms but their Markdown not yet parsed. `bodies` holds
/// each post's source, in `site.posts` order.
struct Outline {
    site: Site,
    bodies: Vec<Source>,
    links: Links,
    plan: Plan,
    /// Content errors found so far; loading and linking errors that leave
    /// nothing to build on are returned as `Err` instead.
    errors: Vec<Diagnostic>,
}

fn outline(opts: &BuildOptions, config: Config) -> Result<Outline> {
    let filter = opts.filter();
    let assets = link::AssetRoots::of_site(&opts.root, ThemeSource::find(&opts.root, &config.theme));
    let mut loaded = load::load(&assets.content, &config.tz()).map_err(|e| relative(e, &opts.root))?;
    let plan = link::plan_loaded(&mut loaded, &config, &filter, &assets).map_err(|e| relative(e, &opts.root))?;
    let prepared = parse::prepare_all(plan.placed, &config, filter.now.instant);
    let mut errors = std::mem::take(&mut loaded.errors);
    let markdown = MarkdownOptions::from(&config);
    let mut sources = HashMap::with_capacity(prepared.len());
    // Collected in place: the pages take over the prepared list's memory
    // instead of ten fresh megabytes (at 10,000 posts) on one core.
    let pages: Vec<Page> = prepared
        .into_iter()
        .filter_map(|prepared| {
            let (mut page, source) = prepared.map_err(|e| errors.extend(e)).ok()?;
            if page.kind == Kind::Post {
                sources.insert(page.source.clone(), source);
            } else if let Err(e) = parse::body(&mut page, &source, &plan.links, markdown, &config) {
                errors.extend(e);
            }
            Some(page)
        })
        .collect();
    let site = Site::assemble(config, pages, loaded.files);
    let bodies = site.posts.iter().map(|p| sources.remove(&p.source).expect("every post has its source")).collect();
    let warnings = loaded.warnings.into_iter().chain(plan.warnings).collect();
    let plan_summary = Plan { drafts: plan.drafts, scheduled: plan.scheduled, warnings };
    Ok(Outline { site, bodies, links: plan.links, plan: plan_summary, errors })
}

/// Posts one parallel job parses and renders at most: small enough that the
/// last jobs spread over every core, large enough that scheduling them
/// costs nothing measurable.
const POSTS_PER_JOB: usize = 64;

/// Where a post's page goes as soon as it is rendered.
type PostSink<'r> = (&'r Renderer<'r>, &'r Staging);

/// Parses every post's Markdown on all cores and, given a sink, renders and
/// stages its page at once. A rendered post's HTML is then dropped, except
/// for posts a feed shows in full, so a build never holds every body at
/// the same time.
/// Returns the parsed posts (in `site.posts` order), Markdown errors, and
/// the first render or write error.
fn parse_posts(
    site: &Site,
    bodies: Vec<Source>,
    links: &Links,
    sink: Option<PostSink>,
) -> (Vec<Page>, Vec<Diagnostic>, Result<()>) {
    let markdown = MarkdownOptions::from(&site.config);
    let keep = feeds::shown_in_full(site);
    let results: Vec<(Page, Vec<Diagnostic>, Result<()>)> = site
        .posts
        .par_iter()
        .zip(bodies)
        .enumerate()
        // Posts vary a lot in cost (code blocks, length); in small jobs the
        // last ones spread over all cores instead of one core finishing a
        // long run alone while the others wait.
        .with_max_len(POSTS_PER_JOB)
        .map(|(i, (outline, source))| {
            let mut post = outline.clone();
            if let Err(e) = parse::body(&mut post, &source, links, markdown, &site.config) {
                return (post, e, Ok(()));
            }
            drop(source);
            let staged = match sink {
                Some((renderer, staging)) => {
                    renderer.render_post(&post).and_then(|out| staging.put(&out.path, &out.html, out.origin))
                }
                None => Ok(()),
            };
            if sink.is_some() && !keep.contains(&i) {
                post.content = String::new();
            }
            (post, Vec::new(), staged)
        })
        .collect();
    let (mut errors, mut failed) = (Vec::new(), Ok(()));
    // Collected in place, like the outline's pages: no fresh list of pages.
    let posts = results
        .into_iter()
        .map(|(post, e, staged)| {
            errors.extend(e);
            if failed.is_ok() {
                failed = staged;
            }
            post
        })
        .collect();
    (posts, errors, failed)
}

pub(crate) fn relative(e: Error, root: &Path) -> Error {
    match e {
        Error::Content(d) => Error::Content(d.into_iter().map(|d| d.relative_to(root)).collect()),
        other => other,
    }
}

/// `robots.txt`, which samvad writes unless the site or theme has its own.
const ROBOTS: &str = "robots.txt";

/// The static files that replace one samvad would make, for the summary.
fn replaced_files(root: &Path, theme: &ThemeSource) -> Vec<String> {
    let statics = assets::merged_static(theme, &root.join("static"));
    statics
        .iter()
        .filter(|(_, rel)| rel == ROBOTS)
        .map(|(from, rel)| {
            let shown = from.path().map_or_else(|| theme.path_of(&format!("static/{rel}")), Path::to_path_buf);
            format!("{} replaces the generated {rel}", shown.strip_prefix(root).unwrap_or(&shown).display())
        })
        .collect()
}

/// Renders every page but the posts (already staged by [`parse_posts`])
/// and copies every file into the staging folder.
fn write_all(site: &Site, theme: &Theme, staging: &Staging, root: &Path) -> Result<usize> {
    let site_ctx = site_context(site);
    let renderer = Renderer::new(site, theme.templates, theme.strings, &site_ctx)?;
    let rendered = renderer.render_all_but_posts(&|out| staging.put(&out.path, &out.html, out.origin))?;
    for (path, xml) in feeds::render(site) {
        staging.put(&path, xml.as_bytes(), Origin::samvad(format!("the feed {path}")))?;
    }
    let sitemap = sitemap::sitemap(&renderer.sitemap_entries());
    staging.put("sitemap.xml", sitemap.as_bytes(), Origin::samvad("the sitemap"))?;
    let statics = assets::merged_static(theme.source, &root.join("static"));
    // The one generated file a static file may replace (documented).
    if !statics.iter().any(|(_, rel)| rel == ROBOTS) {
        staging.put(ROBOTS, sitemap::robots(site).as_bytes(), Origin::samvad("the generated robots.txt"))?;
    }
    assets::copy_files(&statics, staging, root)?;
    assets::copy_content_files(site, &root.join("content"), staging, root)?;
    staging.put(
        "highlight.css",
        highlight::stylesheet().as_bytes(),
        Origin::samvad("the code highlighting stylesheet"),
    )?;
    Ok(rendered)
}

/// Site-wide values every template sees as `site`.
pub fn site_context(site: &Site) -> serde_json::Value {
    let nav: Vec<serde_json::Value> = site
        .pages
        .iter()
        .filter(|p| matches!(p.kind, Kind::Page | Kind::Services))
        .map(|p| serde_json::json!({ "title": p.title, "permalink": p.permalink, "kind": p.kind }))
        .collect();
    let taxonomies: Vec<serde_json::Value> = site
        .taxonomies
        .iter()
        .map(|t| serde_json::json!({ "name": t.name, "permalink": t.permalink, "count": t.terms.len() }))
        .collect();
    serde_json::json!({
        "base_url": site.config.base(),
        "nav": nav,
        "taxonomies": taxonomies,
        "post_count": site.posts.len(),
        "highlight_css": format!("{}highlight.css", site.config.base()),
    })
}
