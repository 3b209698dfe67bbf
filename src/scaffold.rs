//! `samvad init`, `samvad new` and `samvad theme copy`: starting a site, a
//! post, and a theme of one's own.
//!
//! The bundled themes are compiled into the binary, so `samvad init` works
//! from any folder without a copy of this repository, and a new site holds
//! no copy of them: it uses the built-in theme it names, and so gets the
//! fixes of every later samvad. A site changes single templates and static
//! files through its own `templates/` and `static/`; `samvad theme copy`
//! writes a whole theme into `themes/` for a site that wants to own it.

use std::path::{Path, PathBuf};

use include_dir::Dir;

use crate::config::SlugStyle;
use crate::dates::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::slug;
use crate::theme::BUILTIN;

/// A starter services page for themes that put the services first.
const STARTER_SERVICES: &str = r#"+++
title = "Services"
description = "What I offer, what it costs and how to reach me."

[contact]
email = "hello@example.com"
cta = ["email"]

[[services]]
name = "1:1 Consulting Session"
summary = "One focused conversation about your question, with clear next steps."
includes = ["45 minutes on a video call", "A written summary afterwards"]
price = 499
currency = "INR"
unit = "per session"
featured = true
+++

Describe who you help and how. Each package above gets its own contact buttons.
"#;

/// The built-in theme `name`, or an error naming the ones there are;
/// `asked_by` (a flag, say) starts its message.
fn builtin(name: &str, asked_by: &str) -> Result<&'static Dir<'static>> {
    if let Some((_, tree)) = BUILTIN.iter().find(|(n, _)| *n == name) {
        return Ok(tree);
    }
    let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let hint = match crate::error::closest(name, &names) {
        Some(n) => format!("did you mean `{n}`? Built-in themes: {}", names.join(", ")),
        None => format!("built-in themes: {}", names.join(", ")),
    };
    Err(Diagnostic::general(format!("{asked_by}no built-in theme `{name}`")).hint(hint).into())
}

/// Creates a new site in `dir`: config, content and one first post, using
/// the built-in theme `theme` (`default` or `landing`).
pub fn init(dir: &Path, title: &str, today: Date, theme: &str) -> Result<()> {
    if dir.join(crate::config::CONFIG_FILE).exists() {
        return Err(Diagnostic::new(dir.join(crate::config::CONFIG_FILE), "a site already exists here")
            .hint("pick an empty folder, or build this one with `samvad build`")
            .into());
    }
    builtin(theme, "--theme: ")?;
    let config = format!(
        "title = {title}\ndescription = \"Notes from my work in online chat support\"\nbase_url = \"https://example.com/\"\nlanguage = \"en\"\n# author = \"Your name\"  # for the footer, feeds and search engines; else the title\ntheme = {theme}\nposts_per_page = 10\n\n# Overrides the theme's defaults (its theme.toml), key by key.\n[extra]\n",
        title = toml::Value::String(title.to_string()),
        theme = toml::Value::String(theme.to_string()),
    );
    put(&dir.join(crate::config::CONFIG_FILE), &config)?;
    put(&dir.join("static/.gitkeep"), "")?;
    put(
        &dir.join("content/about.md"),
        "+++\ntitle = \"About\"\ndescription = \"Who I am and what I do.\"\n+++\n\nWrite a few lines about yourself here.\n",
    )?;
    if theme == "landing" {
        put(&dir.join("content/services.md"), STARTER_SERVICES)?;
    }
    new_post(dir, "Hello, world", today, "en").map(|_| ())
}

/// Writes the built-in theme `name` into `root/themes/<name>/`, where it
/// replaces the built-in one for that site, to be changed freely. Returns
/// the folder.
pub fn copy_theme(root: &Path, name: &str) -> Result<PathBuf> {
    let tree = builtin(name, "")?;
    let config = root.join(crate::config::CONFIG_FILE);
    if !config.is_file() {
        return Err(Diagnostic::new(config, "no site here to copy the theme into")
            .hint("run it in the site's folder (the one with samvad.toml), or pass --root")
            .into());
    }
    let to = root.join("themes").join(name);
    if to.exists() {
        return Err(Diagnostic::new(&to, "this folder already exists")
            .hint("the site already has its own copy of this theme; delete or rename the folder to copy it afresh")
            .into());
    }
    write_tree(tree, &to)?;
    Ok(to)
}

fn write_tree(tree: &Dir, to: &Path) -> Result<()> {
    for file in tree.files() {
        let path = to.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| Error::io(format!("writing {}", path.display()), e))?;
    }
    for sub in tree.dirs() {
        write_tree(sub, to)?;
    }
    Ok(())
}

fn put(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(format!("writing {}", path.display()), e))
}

/// The body a new post starts with, in the post's language: where the
/// summary ends and the rest begins. Languages without one get English.
fn placeholder(lang: &str) -> &'static str {
    match lang.split(['-', '_']).next().unwrap_or("") {
        "hi" => "यहाँ पोस्ट की शुरुआत लिखें। यही हिस्सा होम पेज पर सारांश बनकर दिखेगा।\n\n<!-- more -->\n\nबाक़ी पोस्ट यहाँ लिखें।\n",
        _ => "Write the opening here. It becomes the summary on the home page.\n\n<!-- more -->\n\nAnd the rest of the post here.\n",
    }
}

/// Creates `content/posts/<slug>.md` with front matter and today's date.
/// A title in Devanagari gets `lang = "hi"`; the placeholder body is in
/// the post's language (`site_lang` unless the title is Devanagari).
pub fn new_post(root: &Path, title: &str, today: Date, site_lang: &str) -> Result<PathBuf> {
    let slug = slug::slugify(title, SlugStyle::Unicode).unwrap_or_else(|| "new-post".into());
    let path = root.join("content/posts").join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::new(&path, "a post with this name already exists")
            .hint("choose another title, or edit the existing file")
            .into());
    }
    let hindi = title.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
    let lang = if hindi { "lang = \"hi\"\n" } else { "" };
    let body = placeholder(if hindi { "hi" } else { site_lang });
    let text = format!(
        "+++\ntitle = {}\ndate = {}\ndescription = \"\"\ntags = []\n{lang}+++\n\n{body}",
        toml::Value::String(title.to_string()),
        today.ymd()
    );
    put(&path, &text)?;
    Ok(path)
}

/// Creates `content/<slug>.md`, a standalone page.
pub fn new_page(root: &Path, title: &str) -> Result<PathBuf> {
    let slug = slug::slugify(title, SlugStyle::Unicode).unwrap_or_else(|| "new-page".into());
    let path = root.join("content").join(format!("{slug}.md"));
    if path.exists() {
        return Err(Diagnostic::new(&path, "a page with this name already exists").into());
    }
    put(&path, &format!("+++\ntitle = {}\ndescription = \"\"\n+++\n\n", toml::Value::String(title.to_string())))?;
    Ok(path)
}
