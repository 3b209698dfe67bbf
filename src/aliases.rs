//! Redirects from a page's old addresses (front matter `aliases`): a small
//! HTML page at each old path that sends the reader on, and a `_redirects`
//! file that Netlify and Cloudflare Pages read to answer with a 301.

use crate::text::escape_html;

/// One old address of a page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Alias {
    /// Where its redirect page goes, relative to the output folder
    /// (unencoded): `old/url/index.html` or `2019/05/old.html`.
    pub file: String,
    /// The old address below the site's root, percent-encoded:
    /// `/old/url/` or `/2019/05/old.html`.
    pub path: String,
}

/// Reads one alias as written in front matter: a path on this site, such
/// as `/old/url/` or `/2019/05/old.html` (the leading slash is optional).
/// A path ending in `.html` or `.htm` is a file; any other is a folder
/// whose `index.html` redirects. Percent-encoded paths are decoded, so an
/// exported `%E0%A4%…` slug lands on the same Devanagari folder.
pub fn parse(raw: &str) -> Result<Alias, String> {
    let text = raw.trim();
    if text.contains("://") || text.starts_with("//") {
        return Err(format!("alias `{raw}` is a full URL; an alias is a path on this site, such as \"/old/url/\""));
    }
    if let Some(c) = text.chars().find(|c| matches!(c, '?' | '#')) {
        return Err(format!("alias `{raw}` contains {c:?}; write only the path, without a query or fragment"));
    }
    // Checked once decoded: `%00` or `%0A` would land in a file name.
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| format!("alias `{raw}` decodes to bytes that are not UTF-8"))?;
    if let Some(c) = decoded.chars().find(|c| c.is_control()) {
        return Err(format!("alias `{raw}` contains the control character {c:?}, which no address may hold"));
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(format!("alias `{raw}` is the site's root, which the home page already is"));
    }
    // The rule slugs follow: nothing that climbs out, no hidden files.
    if let Some(bad) = segments.iter().find(|s| !crate::slug::is_safe(s)) {
        return Err(format!(
            "alias `{raw}` has a `{bad}` segment; an alias may not leave the output folder or name a hidden file"
        ));
    }
    let joined = segments.join("/");
    let is_file = !decoded.ends_with('/') && [".html", ".htm"].iter().any(|ext| joined.ends_with(ext));
    Ok(match is_file {
        true => Alias { path: format!("/{}", crate::slug::encode_path(&joined)), file: joined },
        false => {
            Alias { path: format!("/{}/", crate::slug::encode_path(&joined)), file: format!("{joined}/index.html") }
        }
    })
}

/// The redirect page: an immediate refresh to the page's absolute URL,
/// its canonical link, `noindex` so search engines keep only the new
/// address, and a visible link for a reader whose browser does not follow.
pub fn page(permalink: &str, title: &str, lang: &str) -> String {
    let (to, title, lang) = (escape_html(permalink), escape_html(title), escape_html(lang));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n\
         <body>\n<p><a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n"
    )
}

/// A `_redirects` file: one `from to 301` line an alias, in the order
/// given. `base_path` is the path of the site's `base_url` (`/` or
/// `/blog/`); `to` paths are site-relative and percent-encoded.
pub fn redirects_file<'a>(base_path: &str, lines: impl Iterator<Item = (&'a Alias, &'a str)>) -> String {
    let base = base_path.trim_end_matches('/');
    let mut out = String::from("# Written by samvad from the `aliases` in front matter.\n");
    for (alias, to) in lines {
        out.push_str(&format!("{base}{} {base}{to} 301\n", alias.path));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_files_and_encoded_paths() {
        let a = parse("/old/url/").unwrap();
        assert_eq!((a.file.as_str(), a.path.as_str()), ("old/url/index.html", "/old/url/"));
        let a = parse("2019/05/old.html").unwrap();
        assert_eq!((a.file.as_str(), a.path.as_str()), ("2019/05/old.html", "/2019/05/old.html"));
        let a = parse("/old").unwrap();
        assert_eq!(a.file, "old/index.html");
        let a = parse("/%E0%A4%AE%E0%A5%87%E0%A4%B0%E0%A4%BE/").unwrap();
        assert_eq!(a.file, "मेरा/index.html");
        assert_eq!(a.path, "/%E0%A4%AE%E0%A5%87%E0%A4%B0%E0%A4%BE/");
        assert_eq!(
            parse("/मेरा पेज/").unwrap().path,
            "/%E0%A4%AE%E0%A5%87%E0%A4%B0%E0%A4%BE%20%E0%A4%AA%E0%A5%87%E0%A4%9C/"
        );
    }

    #[test]
    fn refuses_what_is_not_a_path_here() {
        for bad in [
            "https://old.example/a/",
            "//old.example/a",
            "/a?p=1",
            "/a#b",
            "/../etc/",
            "/a/./b",
            "/",
            "",
            "/%FF/",
            "/.git/x/",
            "/a%00b/",
            "/a%0Ab/",
            "/a\\b/",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_page_escapes_what_it_carries() {
        let html = page("https://x.example/a/?q=\"1\"&b", "<Title> & more", "hi");
        assert!(html.contains("content=\"0; url=https://x.example/a/?q=&quot;1&quot;&amp;b\""), "{html}");
        assert!(html.contains("<title>&lt;Title&gt; &amp; more</title>"), "{html}");
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
    }

    #[test]
    fn redirects_lines_carry_the_base_path() {
        let a = parse("/old/").unwrap();
        assert_eq!(
            redirects_file("/blog/", [(&a, "/posts/new/")].into_iter()).lines().nth(1),
            Some("/blog/old/ /blog/posts/new/ 301")
        );
        assert_eq!(
            redirects_file("/", [(&a, "/posts/new/")].into_iter()).lines().nth(1),
            Some("/old/ /posts/new/ 301")
        );
    }
}
