//! Files copied into the output as they are: the theme's and the site's
//! `static/` folders, and non-Markdown files under `content/` (a post
//! bundle's images go next to its page).

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::Result;
use crate::load;
use crate::site::Site;
use crate::write::{Origin, Staging};

/// Copies each `(source, output-relative path)` pair, on all cores. `root`
/// is the site root, which a file is named relative to should another
/// input make the same output file.
pub fn copy_files(files: &[(PathBuf, String)], staging: &Staging, root: &Path) -> Result<()> {
    files.par_iter().try_for_each(|(from, rel)| {
        let origin = Origin::file(from.strip_prefix(root).unwrap_or(from).to_string_lossy());
        staging.copy(from, rel, origin)
    })
}

/// The theme's static files with the site's laid over them, file by file.
pub fn merged_static(theme: &Path, site: &Path) -> Vec<(PathBuf, String)> {
    let site_files = static_files(site);
    let overridden: std::collections::HashSet<&str> = site_files.iter().map(|(_, rel)| rel.as_str()).collect();
    let mut files: Vec<(PathBuf, String)> =
        static_files(theme).into_iter().filter(|(_, rel)| !overridden.contains(rel.as_str())).collect();
    files.extend(site_files);
    files
}

/// Files under a `static/` folder: (source path, output-relative path).
pub fn static_files(dir: &Path) -> Vec<(PathBuf, String)> {
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

/// Copies the site's non-Markdown content files.
pub fn copy_content_files(site: &Site, content: &Path, staging: &Staging, root: &Path) -> Result<()> {
    copy_files(&content_files(site, content), staging, root)
}

/// Non-markdown content files: bundle assets go next to their page, loose
/// files keep their path.
pub fn content_files(site: &Site, content: &Path) -> Vec<(PathBuf, String)> {
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
