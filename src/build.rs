//! What the user asks `samvad build` for, and what a build reports. The
//! pipeline itself is the [`crate::engine`]'s.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::config::Config;
use crate::dates::Date;
use crate::engine::{Changes, Engine, Mode};
use crate::error::{Diagnostic, Error, Result};
use crate::link::Filter;
use crate::site::Site;

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
    /// Build without the build cache, neither reading nor writing it
    /// (`--no-cache`).
    pub no_cache: bool,
    /// Content warnings fail the build (`--strict`).
    pub strict: bool,
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
    /// Markdown files parsed (the rest were as the last build left them).
    pub parsed: usize,
    /// Files made from templates, feeds and copies this build; the rest
    /// were as the last build left them.
    pub rendered: usize,
    /// Output files written (new or changed).
    pub written: usize,
    /// Output files removed because nothing makes them any more.
    pub removed: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage, in order (shown with `SAMVAD_TIMINGS=1`).
    #[serde(skip)]
    pub stages: Vec<(&'static str, Duration)>,
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
        self.replaced.iter().try_for_each(|r| write!(f, "; {r}"))?;
        if std::env::var_os("SAMVAD_TIMINGS").is_some() {
            let stages: Vec<String> = self.stages.iter().map(|(n, d)| format!("{n} {} ms", d.as_millis())).collect();
            write!(f, "\n  stages: {}", stages.join(" · "))?;
        }
        Ok(())
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
pub(crate) fn placeholder_warning(config: &Config, opts: &BuildOptions) -> Option<Diagnostic> {
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

/// The site model without writing anything: load → link → outline →
/// assemble → parse. `samvad social` uses it to print a post's snippets.
pub fn load_site(opts: &BuildOptions) -> Result<Site> {
    crate::engine::load_site(opts).map_err(|e| relative(e, &opts.root))
}

/// Builds the site once. On any error the previous output is left
/// untouched.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let mode = Mode::BUILD;
    let mut engine = Engine::new(opts.clone(), output_dir(opts), mode);
    let damaged = match opts.no_cache {
        true => None,
        false => engine.use_cache(opts.root.join(crate::engine::CACHE_DIR)),
    };
    let mut report = engine.build(&Changes::everything())?;
    report.warnings.extend(damaged.map(|d| d.relative_to(&opts.root)));
    Ok(report)
}

/// Error paths relative to the site root.
pub(crate) fn relative(e: Error, root: &Path) -> Error {
    match e {
        Error::Content(d) => Error::Content(d.into_iter().map(|d| d.relative_to(root)).collect()),
        other => other,
    }
}
