//! Link stage: decide which sources are published and give each one its
//! slug, output path and permalink, before any body is rendered, so that
//! links between pages can be resolved in a single rendering pass.

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::dates::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::load::{Kind, Source};
use crate::slug::{self, encode_path};

/// What the build was asked to include.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Include drafts.
    pub drafts: bool,
    /// Include posts dated after `now`.
    pub future: bool,
    /// "Now", fixed by `--clock` for reproducible output.
    pub now: Date,
}

/// A published source with its address decided.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The source.
    pub source: Arc<Source>,
    /// The slug.
    pub slug: String,
    /// Output folder relative to the output root, unencoded, ending in `/`
    /// (empty for the home page).
    pub dir: String,
    /// Absolute, percent-encoded URL.
    pub permalink: String,
}

/// Where links between content files lead.
#[derive(Debug, Default, Clone)]
pub struct Links {
    /// Content-relative source path (`posts/a.md`) to permalink.
    pub urls: HashMap<String, String>,
    /// Files that exist but are not published, and why ("a draft",
    /// "scheduled", "has errors"), so a link to one is explained rather
    /// than called missing.
    pub hidden: HashMap<String, &'static str>,
}

/// The result of the link stage.
#[derive(Debug, Default)]
pub struct Plan {
    /// Published sources in content order.
    pub placed: Vec<Placed>,
    /// Where internal links point.
    pub links: Links,
    /// Drafts left out.
    pub drafts: usize,
    /// Future posts left out.
    pub scheduled: usize,
    /// Things worth telling the writer that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Plans what loaded, leaving files that failed to load out of the plan
/// but known as existing, and failing with load errors and link errors
/// together.
pub fn plan_loaded(
    loaded: &crate::load::Loaded,
    config: &Config,
    filter: &Filter,
    assets: &AssetRoots,
) -> Result<Plan> {
    let mut plan = plan(&loaded.sources, config, filter, assets).map_err(|e| loaded.fail_with(e))?;
    plan.links.hidden.extend(loaded.broken.iter().map(|rel| (rel.clone(), "has errors")));
    Ok(plan)
}

/// Filters and places every source; reports every bad slug and every URL
/// clash at once.
pub fn plan(sources: &[Arc<Source>], config: &Config, filter: &Filter, assets: &AssetRoots) -> Result<Plan> {
    let all_sources: std::collections::HashSet<String> = sources.iter().map(|s| s.rel.clone()).collect();
    // Sized for every source at once: grown step by step, these copied
    // every entry into fresh memory several times, on one core.
    let mut plan = Plan { placed: Vec::with_capacity(sources.len()), ..Plan::default() };
    plan.links.urls.reserve(sources.len());
    let mut diags = Vec::new();
    let mut owners: HashMap<String, String> = HashMap::with_capacity(sources.len());
    let base = config.base();
    for source in sources {
        let source = Arc::clone(source);
        if source.front.draft && !filter.drafts {
            plan.drafts += 1;
            plan.links.hidden.insert(source.rel.clone(), "a draft");
            continue;
        }
        if source.kind == Kind::Post
            && !filter.future
            && source.front.date.is_some_and(|d| d.instant > filter.now.instant)
        {
            plan.scheduled += 1;
            plan.links.hidden.insert(source.rel.clone(), "scheduled for later");
            continue;
        }
        let slug = match slug_for(&source, config, &mut plan.warnings) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        diags.extend(check_references(&source, &|rel| all_sources.contains(rel), assets));
        diags.extend(check_terms(&source, config));
        let dir = dir_for(&source, &slug);
        if let Some(what) = generated_at(&dir, config, assets) {
            diags.push(
                Diagnostic::new(&source.path, format!("this page's URL /{dir} is taken by {what}"))
                    .at_line(crate::config::key_line(&source.text, "slug").unwrap_or(1))
                    .hint("give the page another `slug` in its front matter, or rename the file"),
            );
            continue;
        }
        if let Some(first) = owners.insert(dir.clone(), source.rel.clone()) {
            diags.push(same_url(&source, &first, &dir));
            continue;
        }
        let permalink = format!("{base}{}", encode_path(&dir));
        plan.links.urls.insert(source.rel.clone(), permalink.clone());
        plan.placed.push(Placed { source, slug, dir, permalink });
    }
    if diags.is_empty() {
        Ok(plan)
    } else {
        Err(Error::Content(diags))
    }
}

/// Plans one edited source on its own: its place, if it is still
/// published, at an address free of clashes with what samvad makes, and
/// with nothing to report. An edit that may have moved it (or made it
/// wrong) gets `None`, and the caller plans the whole site again, which
/// reports what there is to report. `exists` tells whether a content file
/// is there, for `translation_of`.
pub fn replan(
    source: Arc<Source>,
    config: &Config,
    filter: &Filter,
    assets: &AssetRoots,
    exists: &dyn Fn(&str) -> bool,
) -> Option<Placed> {
    let scheduled = source.front.date.is_some_and(|d| d.instant > filter.now.instant);
    if (source.front.draft && !filter.drafts) || (source.kind == Kind::Post && scheduled && !filter.future) {
        return None;
    }
    let mut warnings = Vec::new();
    let slug = slug_for(&source, config, &mut warnings).ok().filter(|_| warnings.is_empty())?;
    let fine = check_references(&source, exists, assets).is_empty() && check_terms(&source, config).is_empty();
    let dir = dir_for(&source, &slug);
    if !fine || generated_at(&dir, config, assets).is_some() {
        return None;
    }
    let permalink = format!("{}{}", config.base(), encode_path(&dir));
    Some(Placed { source, slug, dir, permalink })
}

/// The error for a second page at a URL taken: at its `slug` line when the
/// slug was written out, and saying so when the two file names differ only
/// in Unicode normalisation (macOS writes names decomposed, as NFD), since
/// they then look identical.
fn same_url(source: &Source, first: &str, dir: &str) -> Diagnostic {
    use unicode_normalization::UnicodeNormalization;
    let mut message = format!("two pages have the URL /{dir}: content/{first} and content/{}", source.rel);
    if first != source.rel && first.nfc().eq(source.rel.nfc()) {
        message.push_str(" (the two file names look the same but differ in Unicode normalisation: one spells letters with combining marks)");
    }
    let d = Diagnostic::new(&source.path, message).hint("give one of them a different `slug` in its front matter");
    match source.front.slug.as_ref().and_then(|_| crate::config::key_line(&source.text, "slug")) {
        Some(line) => d.at_line(line),
        None => d,
    }
}

/// Tags and categories a build would drop without a word: on a page that
/// is not a post (only posts are filed under terms), or in a taxonomy the
/// site has switched off.
fn check_terms(source: &Source, config: &Config) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (name, terms) in [("tags", &source.front.tags), ("categories", &source.front.categories)] {
        if terms.is_empty() {
            continue;
        }
        let d = if source.kind != Kind::Post {
            Diagnostic::new(&source.path, format!("`{name}` on a page that is not a post would be ignored"))
                .hint(format!("only posts (in content/posts/) are listed under {name}; remove `{name}` here"))
        } else if !config.has_taxonomy(name) {
            Diagnostic::new(&source.path, format!("`{name}` is set, but the site has no {name} pages"))
                .hint(format!("add \"{name}\" to `taxonomies` in samvad.toml, or remove `{name}` here"))
        } else {
            continue;
        };
        diags.push(d.at_line(crate::config::key_line(&source.text, name).unwrap_or(1)));
    }
    diags
}

/// Where files a page refers to may live.
#[derive(Debug, Clone)]
pub struct AssetRoots {
    /// `content/`.
    pub content: std::path::PathBuf,
    /// The site's `static/` folder.
    pub statics: std::path::PathBuf,
    /// The theme, whose `static/` files are copied too; `None` when the
    /// site names no theme there is (the build reports that).
    pub theme: Option<crate::theme::ThemeSource>,
}

impl AssetRoots {
    /// The folders of the site at `root`, and its theme.
    pub fn of_site(root: &std::path::Path, theme: Option<crate::theme::ThemeSource>) -> AssetRoots {
        AssetRoots { content: root.join("content"), statics: root.join("static"), theme }
    }

    /// Is `rel` a file of the site's or the theme's `static/` folder?
    fn is_static(&self, rel: &str) -> bool {
        self.statics.join(rel).is_file()
            || self.theme.as_ref().is_some_and(|t| t.file(&format!("static/{rel}")).is_some())
    }
}

/// Front matter references that must point at something real: the
/// preview `image` and `translation_of`.
fn check_references(source: &Source, exists: &dyn Fn(&str) -> bool, assets: &AssetRoots) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let line = |key: &str| crate::config::key_line(&source.text, key).unwrap_or(1);
    if let Some(image) = &source.front.image {
        if !image_exists(image, source, assets) {
            diags.push(
                Diagnostic::new(&source.path, format!("image `{image}` not found")).at_line(line("image")).hint(
                    "put the file next to the post (in a bundle folder) or in static/, or use a full https:// URL",
                ),
            );
        }
    }
    if let Some(target) = &source.front.translation_of {
        let target = target.trim_start_matches("@/");
        if !exists(target) {
            diags.push(
                Diagnostic::new(&source.path, format!("translation_of points to `{target}`, which does not exist"))
                    .at_line(line("translation_of"))
                    .hint("write the path relative to content/, e.g. translation_of = \"posts/other.md\""),
            );
        }
    }
    diags
}

fn image_exists(image: &str, source: &Source, assets: &AssetRoots) -> bool {
    if image.contains("://") || image.starts_with("//") {
        return true;
    }
    let image = image.split(['?', '#']).next().unwrap_or(image);
    if let Some(rooted) = image.strip_prefix('/') {
        return assets.is_static(rooted) || assets.content.join(rooted).is_file();
    }
    assets.content.join(source.dir()).join(image).is_file() || assets.is_static(image)
}

/// Files and folders samvad generates at the top of the output.
const GENERATED_FILES: &[&str] =
    &["index.html", "404.html", "rss.xml", "atom.xml", "sitemap.xml", "robots.txt", "highlight.css"];
const GENERATED_DIRS: &[&str] = &["page", "lang", "__samvad"];

/// What else would be written at `dir`, if anything: a taxonomy's pages,
/// list pages, a feed, or a static file of the same name.
fn generated_at(dir: &str, config: &Config, assets: &AssetRoots) -> Option<String> {
    let first = dir.split('/').next().unwrap_or("");
    if dir.starts_with("posts/") {
        return None;
    }
    if config.taxonomies.iter().any(|t| t == first) {
        return Some(format!("the {first} pages"));
    }
    if GENERATED_DIRS.contains(&first) {
        return Some(format!("samvad's own /{first}/ pages"));
    }
    let name = dir.trim_end_matches('/');
    if GENERATED_FILES.contains(&name) {
        return Some(format!("the generated file /{name}"));
    }
    assets.is_static(name).then(|| format!("the static file /{name}"))
}

fn dir_for(source: &Source, slug: &str) -> String {
    match source.kind {
        Kind::Home => String::new(),
        Kind::Post => format!("posts/{slug}/"),
        Kind::Services | Kind::Page => {
            let parent =
                if source.is_bundle() { source.dir().rsplit_once('/').map_or("", |(p, _)| p) } else { source.dir() };
            if parent.is_empty() {
                format!("{slug}/")
            } else {
                format!("{parent}/{slug}/")
            }
        }
    }
}

/// The slug: from `slug`, else the file name, else the title, else a
/// fallback with a warning. Never empty, never able to escape the output.
fn slug_for(
    source: &Source,
    config: &Config,
    warnings: &mut Vec<Diagnostic>,
) -> std::result::Result<String, Diagnostic> {
    if let Some(raw) = &source.front.slug {
        let raw = raw.trim();
        if !slug::is_safe(raw)
            || raw.contains(|c: char| c.is_whitespace() || c.is_control() || "?#%:*\"<>|".contains(c))
        {
            let line = crate::config::key_line(&source.text, "slug").unwrap_or(1);
            return Err(Diagnostic::new(&source.path, format!("slug `{raw}` is not allowed"))
                .at_line(line)
                .hint("a slug may not contain `/`, `\\`, spaces or start with `.`; use letters, digits and hyphens"));
        }
        if raw.len() > slug::MAX_EXPLICIT {
            let line = crate::config::key_line(&source.text, "slug").unwrap_or(1);
            return Err(Diagnostic::new(
                &source.path,
                format!("slug is {} bytes long; at most {} fit in a file name", raw.len(), slug::MAX_EXPLICIT),
            )
            .at_line(line)
            .hint("shorten the slug to a few words (a Devanagari letter takes 3 bytes), or remove it to get one made from the title"));
        }
        return Ok(raw.to_string());
    }
    let stem = file_stem(source);
    if let Some(s) = slug::slugify(stem, config.slugify) {
        return Ok(s);
    }
    if let Some(s) = source.front.title.as_deref().and_then(|t| slug::slugify(t, config.slugify)) {
        return Ok(s);
    }
    let fallback = format!("page-{:08x}", fnv(source.rel.as_bytes()));
    warnings.push(
        Diagnostic::new(&source.path, format!("no letters left for a slug; using `{fallback}`"))
            .at_line(1)
            .warning()
            .hint("set `slug` in the front matter"),
    );
    Ok(fallback)
}

/// The file name without its Markdown ending, or the bundle's folder name.
fn file_stem(source: &Source) -> &str {
    let name = if source.is_bundle() {
        source.dir().rsplit('/').next().unwrap_or("")
    } else {
        source.rel.rsplit('/').next().unwrap_or("")
    };
    crate::load::markdown_stem(name).unwrap_or(name)
}

/// A stable hash, so the fallback slug is the same on every build.
fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}
