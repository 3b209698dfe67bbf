//! Rewrites relative `href` and `src` attributes in rendered HTML into
//! absolute URLs. Feed readers show content away from the site, where a
//! relative link or image would point nowhere.

/// Makes every relative `href="…"` and `src="…"` in `html` absolute,
/// resolved against `page` (the page's permalink).
pub fn absolutize(html: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = next_attr(rest) {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let eq = after.find('"').expect("attr has a quote") + 1;
        out.push_str(&after[..eq]);
        let value_end = after[eq..].find('"').map_or(after.len(), |j| eq + j);
        out.push_str(&resolve(&after[eq..value_end], page));
        rest = &after[value_end..];
    }
    out.push_str(rest);
    out
}

fn next_attr(s: &str) -> Option<usize> {
    let h = s.find(" href=\"");
    let r = s.find(" src=\"");
    match (h, r) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Resolves one URL reference against `page`, following RFC 3986 §5.2 for
/// the shapes that occur in rendered markdown.
pub fn resolve(url: &str, page: &str) -> String {
    if url.is_empty() || has_scheme(url) || url.starts_with("//") {
        return url.to_string();
    }
    if url.starts_with('#') || url.starts_with('?') {
        return format!("{}{url}", page.split(['#', '?']).next().unwrap_or(page));
    }
    let origin_end = page.find("://").map(|i| i + 3).and_then(|i| page[i..].find('/').map(|j| i + j));
    let origin = origin_end.map_or(page, |e| &page[..e]);
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    let dir = &page[..page.rfind('/').map_or(page.len(), |i| i + 1)];
    let mut segs: Vec<&str> = dir[origin.len()..].split('/').filter(|s| !s.is_empty()).collect();
    for seg in url.split('/') {
        match seg {
            "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    format!("{origin}/{}", segs.join("/"))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            url[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && url[..i].starts_with(|c: char| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_the_usual_shapes() {
        let page = "https://x.in/blog/posts/a/";
        let cases = [
            ("pic.png", "https://x.in/blog/posts/a/pic.png"),
            ("../b/", "https://x.in/blog/posts/b/"),
            ("/style.css", "https://x.in/style.css"),
            ("#top", "https://x.in/blog/posts/a/#top"),
            ("https://o.com/x", "https://o.com/x"),
            ("mailto:a@b.c", "mailto:a@b.c"),
        ];
        for (input, want) in cases {
            assert_eq!(resolve(input, page), want, "{input}");
        }
    }

    #[test]
    fn rewrites_attributes_in_html() {
        let html = r#"<p><a href="b.md">x</a><img src="p.svg" alt=""></p>"#;
        let out = absolutize(html, "https://x.in/posts/a/");
        assert!(out.contains(r#"href="https://x.in/posts/a/b.md""#));
        assert!(out.contains(r#"src="https://x.in/posts/a/p.svg""#));
    }
}
