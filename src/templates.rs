//! Loading templates: the theme's, overridden file by file by the site's
//! own `templates/`, compiled once per build.

use std::path::{Path, PathBuf};

use tera::Tera;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Result};

/// Template names every theme must provide.
pub const REQUIRED: &[&str] =
    &["base.html", "index.html", "post.html", "page.html", "taxonomy_list.html", "taxonomy_term.html", "404.html"];

/// Compiled templates and where each one came from, for error messages.
pub struct Templates {
    /// The compiled set.
    pub tera: Tera,
    /// Template name to file path.
    pub files: Vec<(String, PathBuf)>,
}

/// Collects `*.html`/`*.xml` templates from the theme, then the site; a site
/// file with the same name replaces the theme's.
pub fn load(theme_dir: &Path, site_dir: &Path) -> Result<Templates> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for dir in [theme_dir, site_dir] {
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(|e| e.ok()) {
            if !entry.file_type().is_file() || crate::load::is_ignored(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let name = entry.path().strip_prefix(dir).expect("inside dir").to_string_lossy().replace('\\', "/");
            files.retain(|(n, _)| *n != name);
            files.push((name, entry.path().to_path_buf()));
        }
    }
    let mut sources = Vec::with_capacity(files.len());
    let mut diags = Vec::new();
    for (name, path) in &files {
        match crate::load::read_text(path) {
            Ok(text) => sources.push((name.clone(), text)),
            Err(d) => diags.push(d),
        }
    }
    for name in REQUIRED {
        if !files.iter().any(|(n, _)| n == name) {
            diags.push(
                Diagnostic::new(theme_dir.join(name), format!("missing template `{name}`"))
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
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(template_error(&e, &files).into());
    }
    Ok(Templates { tera, files })
}

/// Every page that names its own `template` must name one that exists;
/// the error points at the `template` line of that page.
pub fn check_pages(site: &crate::site::Site, templates: &Templates, root: &Path) -> Result<()> {
    let diags: Vec<Diagnostic> = site
        .posts
        .iter()
        .chain(&site.pages)
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
}

/// Serialises a value as JSON that is safe inside `<script>`: `<`, `>` and
/// `&` become `\u003c` and friends, so `</script>` in a title cannot end the
/// element early.
fn json_script(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::TeraResult<tera::Value> {
    let json = serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))?;
    Ok(tera::Value::safe_string(&crate::text::json_for_script(&json)))
}

/// Turns a tera error into a diagnostic with the template file, line and
/// column where tera knows them.
pub fn template_error(e: &tera::Error, files: &[(String, PathBuf)]) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let message = match report {
        Some(r) => r.message().to_string(),
        None => error_chain(e),
    };
    let named = report.map(|r| r.filename()).and_then(|name| files.iter().find(|(n, _)| n == name));
    let mut d = match named {
        Some((_, path)) => Diagnostic::new(path, format!("template error: {}", one_line(&message))),
        None => Diagnostic::general(format!("template error: {}", one_line(&message))),
    };
    if let Some(r) = report.filter(|_| named.is_some()) {
        // tera's columns count from 0.
        d = d.at(r.span().start_line, r.span().start_col + 1);
    }
    match e.kind() {
        tera::ErrorKind::SyntaxError(_) => {
            d.hint("check the tera syntax there: every {% if %}, {% for %} and {% block %} needs its end tag")
        }
        _ => d.hint("check the name there against the variables listed; test optional values with `is defined`"),
    }
}

/// The whole cause chain, since tera puts the useful part in the source.
pub fn error_chain(e: &tera::Error) -> String {
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
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("t");
        std::fs::create_dir_all(&t).unwrap();
        for name in REQUIRED {
            std::fs::write(t.join(name), "ok").unwrap();
        }
        std::fs::write(t.join("post.html"), "line one\n{% if x %}\nno end\n").unwrap();
        let err = load(&t, &dir.path().join("none")).err().unwrap();
        let d = &err.diagnostics()[0];
        assert!(d.file.as_ref().unwrap().ends_with("post.html"), "{d}");
        assert!(d.line.is_some(), "{d}");
    }

    #[test]
    fn missing_template_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = load(dir.path(), dir.path()).err().unwrap();
        assert!(err.to_string().contains("missing template `base.html`"));
    }
}
