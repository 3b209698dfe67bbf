//! The whole pipeline in one place: load → link → parse → assemble →
//! render → write. Each step is one call and the order never changes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::dates::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::i18n::Strings;
use crate::link::Filter;
use crate::load::Kind;
use crate::render::Renderer;
use crate::site::Site;
use crate::write::Staging;
use crate::{feeds, highlight, link, load, parse, sitemap, social, templates, write};

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
    /// Non-fatal notes.
    pub warnings: Vec<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Built {} pages ({} posts, {} tags); {} drafts skipped, {} scheduled; in {} ms",
            self.pages,
            self.posts,
            self.tags,
            self.drafts,
            self.scheduled,
            self.elapsed.as_millis()
        )
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
    if let Some(theme) = &opts.theme {
        config.theme = theme.clone();
    }
    crate::theme::apply(&opts.root, &mut config).map_err(|e| relative(e, &opts.root))?;
    Ok(config)
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
    Ok(model(opts, config)?.0)
}

/// What planning left out, for the report.
struct Plan {
    drafts: usize,
    scheduled: usize,
    warnings: Vec<String>,
}

fn model(opts: &BuildOptions, config: Config) -> Result<(Site, Plan)> {
    let filter = opts.filter();
    let theme_dir = opts.root.join("themes").join(&config.theme);
    let content = opts.root.join("content");
    let mut loaded = load::load(&content, &config.tz()).map_err(|e| relative(e, &opts.root))?;
    let assets = link::AssetRoots {
        content: content.clone(),
        statics: vec![opts.root.join("static"), theme_dir.join("static")],
    };
    let plan = link::plan_loaded(&mut loaded, &config, &filter, &assets).map_err(|e| relative(e, &opts.root))?;
    let pages = parse::parse(plan.placed, &plan.links, &config, filter.now.instant)
        .map_err(|e| relative(loaded.fail_with(e), &opts.root))?;
    if !loaded.errors.is_empty() {
        return Err(relative(Error::Content(loaded.errors), &opts.root));
    }
    let site = Site::assemble(config, pages, loaded.files);
    Ok((site, Plan { drafts: plan.drafts, scheduled: plan.scheduled, warnings: plan.warnings }))
}

/// Builds the site. On any error the previous output is left untouched.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let started = Instant::now();
    let config = load_config(opts)?;
    let output = output_dir(opts);
    write::check_output(&opts.root, &output)?;
    let theme_dir = opts.root.join("themes").join(&config.theme);
    if !theme_dir.is_dir() {
        return Err(Diagnostic::new(
            opts.root.join("samvad.toml"),
            format!("theme `{}` not found in themes/", config.theme),
        )
        .hint("set theme = \"default\" or copy a theme into themes/")
        .into());
    }
    // Content and templates are both checked before failing, so a writer
    // sees every problem of the run at once.
    let templates = templates::load(&theme_dir.join("templates"), &opts.root.join("templates"));
    let ((site, plan), templates) = match (model(opts, config), templates) {
        (Ok(m), Ok(t)) => (m, t),
        (Err(a), Err(b)) => {
            let mut all = a.diagnostics();
            all.extend(relative(b, &opts.root).diagnostics());
            return Err(Error::Content(all));
        }
        (Err(e), _) => return Err(e),
        (_, Err(e)) => return Err(relative(e, &opts.root)),
    };
    templates::check_pages(&site, &templates, &opts.root).map_err(|e| relative(e, &opts.root))?;
    let strings = Strings::load(&theme_dir.join("i18n")).map_err(|e| relative(e, &opts.root))?;
    let staging = Staging::new(&output)?;
    let rendered = match write_all(&site, &templates, &strings, &staging, &opts.root, &theme_dir) {
        Ok(rendered) => rendered,
        Err(e) => {
            staging.abandon();
            return Err(relative(e, &opts.root));
        }
    };
    staging.commit()?;
    social::write(&site, &output)?;
    Ok(Report {
        pages: rendered,
        posts: site.posts.len(),
        tags: site.taxonomies.iter().find(|t| t.name == "tags").map_or(0, |t| t.terms.len()),
        drafts: plan.drafts,
        scheduled: plan.scheduled,
        elapsed: started.elapsed(),
        warnings: plan.warnings.into_iter().chain(strings.warnings).collect(),
    })
}

pub(crate) fn relative(e: Error, root: &Path) -> Error {
    match e {
        Error::Content(d) => Error::Content(d.into_iter().map(|d| d.relative_to(root)).collect()),
        other => other,
    }
}

/// Renders every page and copies every file into the staging folder.
fn write_all(
    site: &Site,
    templates: &templates::Templates,
    strings: &Strings,
    staging: &Staging,
    root: &Path,
    theme_dir: &Path,
) -> Result<usize> {
    let site_ctx = site_context(site);
    let renderer = Renderer::new(site, templates, strings, &site_ctx)?;
    let rendered = renderer.render_all(&|(path, html)| staging.put(&path, html.as_bytes()))?;
    for (path, xml) in feeds::render(site) {
        staging.put(&path, xml.as_bytes())?;
    }
    staging.put("sitemap.xml", sitemap::sitemap(&renderer.sitemap_entries()).as_bytes())?;
    staging.put("robots.txt", sitemap::robots(site).as_bytes())?;
    copy_files(&merged_static(&theme_dir.join("static"), &root.join("static")), staging)?;
    copy_content_files(site, &root.join("content"), staging)?;
    staging.put("highlight.css", highlight::stylesheet().as_bytes())?;
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

fn copy_files(files: &[(PathBuf, String)], staging: &Staging) -> Result<()> {
    files.par_iter().try_for_each(|(from, rel)| staging.copy(from, rel))
}

/// The theme's static files with the site's laid over them, file by file.
pub(crate) fn merged_static(theme: &Path, site: &Path) -> Vec<(PathBuf, String)> {
    let site_files = static_files(site);
    let mut files: Vec<(PathBuf, String)> =
        static_files(theme).into_iter().filter(|(_, rel)| !site_files.iter().any(|(_, r)| r == rel)).collect();
    files.extend(site_files);
    files
}

/// Files under a `static/` folder: (source path, output-relative path).
pub(crate) fn static_files(dir: &Path) -> Vec<(PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && !load::is_ignored(&e.file_name().to_string_lossy()))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
            (e.path().to_path_buf(), rel)
        })
        .collect()
}

fn copy_content_files(site: &Site, content: &Path, staging: &Staging) -> Result<()> {
    copy_files(&content_files(site, content), staging)
}

/// Non-markdown content files: bundle assets go next to their page, loose
/// files keep their path.
pub(crate) fn content_files(site: &Site, content: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for page in site.posts.iter().chain(&site.pages) {
        let bundle_dir = page.source.rsplit_once('/').map_or("", |(d, _)| d);
        for asset in &page.assets {
            let name = asset.strip_prefix(bundle_dir).unwrap_or(asset).trim_start_matches('/');
            out.push((content.join(asset), format!("{}{name}", page.dir)));
        }
    }
    out.extend(site.files.iter().map(|f| (content.join(f), f.clone())));
    out
}
