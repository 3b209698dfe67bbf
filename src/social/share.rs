//! Share links for a post page. Built here, not in templates, so every
//! parameter is percent-encoded once and correctly, and every link carries
//! the UTM-tagged URL of its platform.

use serde::Serialize;

use super::count::Platform;
use super::cut;
use super::generate::{hashtag_count, tagged_url};
use crate::page::Page;
use crate::slug::encode_query as encode;
use crate::social::config::SocialConfig;

/// One share link (or, for Mastodon, the text a button shares).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareLink {
    /// Machine name (`x`, `reddit`, …), also the `utm_source`.
    pub platform: &'static str,
    /// Name to show and to read out ("X", "WhatsApp").
    pub label: &'static str,
    /// The share URL. For Mastodon, which has no central server, this is
    /// the path and query to append to the reader's instance
    /// (`/share?text=…`); the theme's share.js asks for the instance.
    pub href: String,
    /// True for Mastodon: render a button, not a link.
    pub needs_instance: bool,
}

/// Share links for `page`, in the order the theme shows them.
pub fn links(config: &SocialConfig, page: Page) -> Vec<ShareLink> {
    let title = page.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let url = |source: &str| tagged_url(config, &page.permalink, &page.slug, source);
    let x_tags: Vec<&str> =
        page.place.hashtags.iter().take(hashtag_count(Platform::X)).map(|t| t.trim_start_matches('#')).collect();
    // Text that includes the link must fit; only the title is cut.
    let with_link = |p: Platform, source: &str| {
        let u = url(source);
        let text = cut::fit_parts(p, &title, &format!(" {u}"), p.default_limit());
        encode(&text)
    };
    let link = |platform, label, href: String| ShareLink { platform, label, href, needs_instance: false };
    let encoded_title = encode(&title);
    let mut x = format!("https://x.com/intent/tweet?text={encoded_title}&url={}", encode(&url("x")));
    if !x_tags.is_empty() {
        x.push_str(&format!("&hashtags={}", encode(&x_tags.join(","))));
    }
    vec![
        link("x", "X", x),
        link(
            "threads",
            "Threads",
            format!("https://www.threads.com/intent/post?text={encoded_title}&url={}", encode(&url("threads"))),
        ),
        link(
            "bluesky",
            "Bluesky",
            format!("https://bsky.app/intent/compose?text={}", with_link(Platform::Bluesky, "bluesky")),
        ),
        ShareLink {
            platform: "mastodon",
            label: "Mastodon",
            href: format!("/share?text={}", with_link(Platform::Mastodon, "mastodon")),
            needs_instance: true,
        },
        link(
            "linkedin",
            "LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={}", encode(&url("linkedin"))),
        ),
        link(
            "facebook",
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={}", encode(&url("facebook"))),
        ),
        link(
            "whatsapp",
            "WhatsApp",
            format!("https://wa.me/?text={}", encode(&format!("{title} {}", url("whatsapp")))),
        ),
        link(
            "telegram",
            "Telegram",
            format!("https://t.me/share/url?url={}&text={encoded_title}", encode(&url("telegram"))),
        ),
        link(
            "reddit",
            "Reddit",
            format!("https://www.reddit.com/submit?url={}&title={encoded_title}", encode(&url("reddit"))),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::percent_decode_str;

    fn query(href: &str, key: &str) -> Option<String> {
        let q = href.split_once('?')?.1;
        q.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == key).then(|| percent_decode_str(v).decode_utf8_lossy().to_string())
        })
    }

    #[test]
    fn links_carry_encoded_utm_urls() {
        let page = crate::social::output::tests::page("समय & पैसा", "समय-पैसा", &["chat support", "rust"]);
        let links = links(&SocialConfig::default(), page.page());
        assert_eq!(links.len(), 9);
        let x = &links[0];
        assert_eq!(query(&x.href, "text").unwrap(), "समय & पैसा");
        assert!(query(&x.href, "url").unwrap().contains("utm_source=x&utm_medium=social"));
        assert_eq!(query(&x.href, "hashtags").unwrap(), "ChatSupport,rust");
        let bsky = links.iter().find(|l| l.platform == "bluesky").unwrap();
        assert!(query(&bsky.href, "text").unwrap().contains("utm_source=bluesky"));
        let reddit = links.iter().find(|l| l.platform == "reddit").unwrap();
        assert!(query(&reddit.href, "url").unwrap().contains("utm_source=reddit"));
        assert!(links.iter().filter(|l| l.needs_instance).all(|l| l.href.starts_with("/share?text=")));
        for l in &links {
            assert!(!l.href.contains(' ') && !l.href.contains('स'), "{}", l.href);
        }
    }
}
