//! Files copied into the output as they are: the theme's and the site's
//! `static/` folders, and non-Markdown files under `content/` (a post
//! bundle's images go next to its page).

use std::path::Path;

use crate::site::SiteMap;
use crate::theme::{folder_files, FileSource, ThemeSource};

/// The theme's static files with the site's (`site`, its `static/`) laid
/// over them, file by file.
pub fn merged_static(theme: &ThemeSource, site: &Path) -> Vec<(FileSource, String)> {
    let site_files = static_files(site);
    let overridden: std::collections::HashSet<&str> = site_files.iter().map(|(_, rel)| rel.as_str()).collect();
    let mut files: Vec<(FileSource, String)> = theme
        .files("static")
        .into_iter()
        .filter(|(rel, _)| !overridden.contains(rel.as_str()))
        .map(|(rel, source)| (source, rel))
        .collect();
    files.extend(site_files);
    files
}

/// Files under a `static/` folder: (source, output-relative path).
pub fn static_files(dir: &Path) -> Vec<(FileSource, String)> {
    folder_files(dir).into_iter().map(|(rel, source)| (source, rel)).collect()
}

/// Non-markdown content files: bundle assets go next to their page, loose
/// files keep their path.
pub fn content_files(site: &SiteMap, content: &Path) -> Vec<(FileSource, String)> {
    let mut out = Vec::new();
    for page in site.posts.iter().chain(&site.pages).map(|e| &*e.outline) {
        let bundle_dir = page.source.rsplit_once('/').map_or("", |(d, _)| d);
        for asset in &page.assets {
            let name = asset.strip_prefix(bundle_dir).unwrap_or(asset).trim_start_matches('/');
            out.push((FileSource::Disk(content.join(asset)), format!("{}{name}", page.dir)));
        }
    }
    out.extend(site.files.iter().map(|f| (FileSource::Disk(content.join(f)), f.clone())));
    out
}
