//! Loading templates: the theme's, overridden file by file by the site's
//! own `templates/`, compiled once per build.

use std::path::{Path, PathBuf};

use tera::Tera;

mod usage;
pub use usage::{FieldUse, Usage};

use crate::error::{Diagnostic, Error, Result};
use crate::theme::{FileSource, ThemeSource};

/// Template names every theme must provide.
pub const REQUIRED: &[&str] =
    &["base.html", "index.html", "post.html", "page.html", "taxonomy_list.html", "taxonomy_term.html", "404.html"];

/// Compiled templates and where each one came from, for error messages.
pub struct Templates {
    /// The compiled set.
    pub tera: Tera,
    /// Template name to file path.
    pub files: Vec<(String, PathBuf)>,
    /// Each template's name and a fingerprint of its text.
    pub texts: Vec<(String, u64)>,
    /// What each template reads.
    pub usage: std::collections::HashMap<String, Usage>,
}

impl Templates {
    /// A fingerprint of every template's name and text.
    pub fn fingerprint(&self) -> u64 {
        let mut all: Vec<&(String, u64)> = self.texts.iter().collect();
        all.sort();
        let joined: String = all.iter().map(|(name, fp)| format!("{name}:{fp:016x}\n")).collect();
        xxhash_rust::xxh3::xxh3_64(joined.as_bytes())
    }
}

/// Collects the theme's templates, then the site's own from `site_dir`; a
/// site file with the same name replaces the theme's.
pub fn load(theme: &ThemeSource, site_dir: &Path) -> Result<Templates> {
    let mut found: Vec<(String, PathBuf, FileSource)> = theme
        .files("templates")
        .into_iter()
        .map(|(name, source)| {
            let shown = theme.path_of(&format!("templates/{name}"));
            (name, shown, source)
        })
        .collect();
    for (name, source) in crate::theme::folder_files(site_dir) {
        found.retain(|(n, ..)| *n != name);
        let shown = site_dir.join(&name);
        found.push((name, shown, source));
    }
    let mut sources = Vec::with_capacity(found.len());
    let mut diags = Vec::new();
    for (name, shown, source) in &found {
        match source.text(shown) {
            Ok(text) => sources.push((name.clone(), text)),
            Err(d) => diags.push(d),
        }
    }
    let files: Vec<(String, PathBuf)> = found.into_iter().map(|(name, shown, _)| (name, shown)).collect();
    for name in REQUIRED {
        if !files.iter().any(|(n, _)| n == name) {
            diags.push(
                Diagnostic::new(theme.path_of(&format!("templates/{name}")), format!("missing template `{name}`"))
                    .hint(format!("add templates/{name} to your site or theme, or pick another theme in samvad.toml")),
            );
        }
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags));
    }
    let mut tera = Tera::default();
    tera.autoescape_on([".html", ".xml"]);
    // The same five characters as everywhere else samvad writes HTML.
    tera.set_escape_fn(crate::text::write_escaped_html);
    // Filters must be known before the templates that use them are added.
    register(&mut tera);
    let texts =
        sources.iter().map(|(name, text)| (name.clone(), xxhash_rust::xxh3::xxh3_64(text.as_bytes()))).collect();
    if let Err(e) = tera.add_raw_templates(sources.clone()) {
        return Err(template_error(&e, &files));
    }
    let usage = usage::analyse(&sources, &tera);
    Ok(Templates { tera, files, texts, usage })
}

/// Every page that names its own `template` must name one that exists;
/// the error points at the `template` line of that page.
pub fn check_pages(site: &crate::site::SiteMap, templates: &Templates, root: &Path) -> Result<()> {
    let diags: Vec<Diagnostic> = site
        .posts
        .iter()
        .chain(&site.pages)
        .map(|p| &*p.outline)
        .filter_map(|p| p.template.as_ref().map(|t| (p, t)))
        .filter(|(_, t)| !templates.files.iter().any(|(n, _)| n == *t))
        .map(|(p, t)| {
            let path = root.join("content").join(&p.source);
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let line = crate::config::key_line(&text, "template").unwrap_or(1);
            Diagnostic::new(path, format!("missing template `{t}`: no such file in templates/"))
                .at_line(line)
                .hint(format!("add templates/{t}, or use one of the theme's templates such as page.html"))
        })
        .collect();
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(diags))
    }
}

/// Filters samvad adds to tera.
fn register(tera: &mut Tera) {
    tera.register_filter("json_script", json_script);
    tera.register_filter("safe", safe);
}

/// tera's `safe` without the copy: the built-in one copies a string to mark
/// it, and every post's body and every listed summary pass through it.
/// Anything else is shown as text and marked, as the built-in does.
fn safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    match value.is_string() {
        true => value.mark_safe(),
        false => tera::Value::safe_string(&value.to_string()),
    }
}

/// Serialises a value as JSON that is safe inside `<script>`: `<`, `>` and
/// `&` become `\u003c` and friends, so `</script>` in a title cannot end the
/// element early.
fn json_script(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<tera::Value> {
    let json = serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))?;
    Ok(tera::Value::safe_string(&crate::text::json_for_script(&json)))
}

/// Turns a tera error into diagnostics with the template file, line and
/// column wherever tera knows them, and a hint that fits the kind of error.
pub fn template_error(e: &tera::Error, files: &[(String, PathBuf)]) -> Error {
    use tera::ErrorKind as K;
    let file = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, path)| path.clone());
    let located = |message: &str, name: &str, line: usize, col: usize| match file(name) {
        Some(path) => Diagnostic::new(path, format!("template error: {}", one_line(message))).at(line, col),
        None => Diagnostic::general(format!("template error: {} ({name}:{line}:{col})", one_line(message))),
    };
    let in_file = |message: String, name: &str| match file(name) {
        Some(path) => Diagnostic::new(path, format!("template error: {}", one_line(&message))),
        None => Diagnostic::general(format!("template error: {}", one_line(&message))),
    };
    let diags = match e.kind() {
        // tera's columns count from 0.
        K::SyntaxError(r) => vec![located(r.message(), r.filename(), r.span().start_line, r.span().start_col + 1)
            .hint("check the tera syntax there: every {% if %}, {% for %} and {% block %} needs its end tag")],
        K::RenderingError(r) => vec![located(r.message(), r.filename(), r.span().start_line, r.span().start_col + 1)
            .hint("every variable and field used there must exist (test optional ones with `is defined`), and each filter needs its arguments")],
        K::MissingParent { current, .. } => vec![in_file(e.to_string(), current).hint(NAMES_HINT)],
        K::CircularExtend { tpl, .. } | K::CircularInclude { tpl, .. } => {
            vec![in_file(e.to_string(), tpl).hint(NAMES_HINT)]
        }
        _ => {
            // Unknown filters, tests and included templates come as one
            // message holding a report per place.
            let chain = error_chain(e);
            let reports: Vec<Diagnostic> = reports(&chain)
                .map(|(message, name, line, col)| {
                    located(message, name, line, col)
                        .hint("no filter, test or template by that name exists; check the spelling against tera's built-ins, samvad's `json_script` and the templates/ folders")
                })
                .collect();
            match reports.is_empty() {
                true => vec![Diagnostic::general(format!("template error: {}", one_line(&chain))).hint(NAMES_HINT)],
                false => reports,
            }
        }
    };
    Error::Content(diags)
}

/// For errors about which templates there are.
const NAMES_HINT: &str = "each name in {% extends %} and {% include %} must be a template in the site's or the theme's templates/ folder, and none may lead back to itself";

/// The `error: MESSAGE` and `--> NAME:LINE:COL` lines of each report tera
/// wrote into a message.
fn reports(text: &str) -> impl Iterator<Item = (&str, &str, usize, usize)> {
    text.split("error: ").filter_map(|report| {
        let (message, rest) = report.split_once('\n')?;
        let at = rest.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
        let (rest, col) = at.trim().rsplit_once(':')?;
        let (name, line) = rest.rsplit_once(':')?;
        Some((message.trim(), name, line.parse().ok()?, col.parse().ok()?))
    })
}

/// The whole cause chain, since tera puts the useful part in the source.
fn error_chain(e: &tera::Error) -> String {
    let mut out = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        out.push_str(": ");
        out.push_str(&s.to_string());
        cur = s.source();
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_points_at_file_and_line() {
        let t = theme_with_post("line one\n{% if x %}\nno end\n");
        let err = load_theme(&t).err().unwrap();
        let d = &err.diagnostics()[0];
        assert!(d.file.as_ref().unwrap().ends_with("post.html"), "{d}");
        assert!(d.line.is_some(), "{d}");
    }

    /// A theme folder with every required template, `post.html` as given.
    fn theme_with_post(post: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("templates");
        std::fs::create_dir(&templates).unwrap();
        for name in REQUIRED {
            std::fs::write(templates.join(name), "ok").unwrap();
        }
        std::fs::write(templates.join("post.html"), post).unwrap();
        dir
    }

    /// Loads the theme in `dir` with no site templates.
    fn load_theme(dir: &tempfile::TempDir) -> Result<Templates> {
        load(&ThemeSource::folder("t", dir.path()), &dir.path().join("none"))
    }

    #[test]
    fn every_unknown_filter_is_its_own_error_with_line_and_column() {
        let t = theme_with_post("a\n{{ x | nosuch }}\n{{ y | alsonot }}\n");
        let diags = load_theme(&t).err().unwrap().diagnostics();
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].column), (Some(2), Some(8)), "{}", diags[0]);
        assert!(diags[0].to_string().contains("Unknown filter `nosuch`"), "{}", diags[0]);
        assert_eq!(diags[1].line, Some(3), "{}", diags[1]);
        assert!(diags.iter().all(|d| d.file.as_ref().unwrap().ends_with("post.html")));
    }

    #[test]
    fn a_missing_parent_names_the_child_template() {
        let t = theme_with_post("{% extends \"nope.html\" %}");
        let d = &load_theme(&t).err().unwrap().diagnostics()[0];
        assert!(d.file.as_ref().unwrap().ends_with("post.html"), "{d}");
        assert!(d.to_string().contains("nope.html"), "{d}");
    }

    #[test]
    fn safe_shows_strings_unescaped_and_other_values_as_text() {
        let t = theme_with_post("{{ html | safe }}|{{ html }}|{{ n | safe }}|{{ list | safe }}");
        let templates = load_theme(&t).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("html", "<b>&</b>");
        ctx.insert("n", &5);
        ctx.insert("list", &["<i>"]);
        let out = templates.tera.render("post.html", &ctx).unwrap();
        assert_eq!(out, "<b>&</b>|&lt;b&gt;&amp;&lt;/b&gt;|5|[\"<i>\"]");
    }

    #[test]
    fn missing_template_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_theme(&dir).err().unwrap();
        assert!(err.to_string().contains("missing template `base.html`"));
    }
}
