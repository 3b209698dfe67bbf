//! Promotion text: for every published post and every platform, a snippet
//! ready to paste, which always fits the platform's limit as the platform
//! counts it.
//!
//! A snippet is a head (title, hook, takeaways), which may be cut, and a
//! tail (the UTM-tagged link and hashtags), which is kept whole by
//! [`cut::fit_parts`]: a cut link is a broken link.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::count::{Limits, Platform};
use super::post::PostSocial;
use super::{cut, hashtag};
use crate::config::Config;
use crate::markdown::TocEntry;
use crate::site::{Page, Site};
use crate::social::config::SocialConfig;

/// Characters left alone in a query value (RFC 3986 unreserved).
pub const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes a query parameter value.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// One platform's text for one post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The post's title.
    pub post: String,
    /// The post's slug.
    pub slug: String,
    /// The post's link, UTM-tagged for this platform.
    pub url: String,
    /// The platform.
    pub platform: Platform,
    /// The text to post.
    pub text: String,
    /// Its length as the platform counts it.
    pub length: usize,
    /// The platform's limit in force.
    pub limit: usize,
    /// Whether it can be posted (always true for generated text).
    pub fits: bool,
    /// X only, with `x_thread = true`: the longer text as numbered posts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thread: Vec<String>,
}

/// What a snippet is made from; [`PostInfo::from_page`] fills it from a post.
#[derive(Debug, Clone, Default)]
pub struct PostInfo {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Language code.
    pub lang: String,
    /// Absolute, percent-encoded URL.
    pub permalink: String,
    /// Description from front matter.
    pub description: Option<String>,
    /// Summary as plain text.
    pub summary: String,
    /// Titles of the h2 headings.
    pub takeaways: Vec<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// `[social]` front matter.
    pub social: PostSocial,
}

impl PostInfo {
    /// The parts of `page` snippets are made from.
    pub fn from_page(page: &Page) -> PostInfo {
        let mut takeaways = Vec::new();
        h2_titles(&page.toc, &mut takeaways);
        PostInfo {
            title: page.title.clone(),
            slug: page.slug.clone(),
            lang: page.lang.clone(),
            permalink: page.permalink.clone(),
            description: page.description.clone(),
            summary: crate::text::strip_tags(&page.summary),
            takeaways,
            tags: page.raw_terms.get("tags").cloned().unwrap_or_default(),
            social: page.social.clone(),
        }
    }
}

fn h2_titles(toc: &[TocEntry], out: &mut Vec<String>) {
    for e in toc {
        match e.level {
            2 => out.push(e.title.clone()),
            1 => h2_titles(&e.children, out),
            _ => {}
        }
    }
}

/// How many hashtags each platform's readers tolerate.
pub fn hashtag_count(p: Platform) -> usize {
    match p {
        Platform::X | Platform::Bluesky | Platform::Facebook | Platform::Telegram | Platform::TelegramCaption => 2,
        Platform::Instagram => 5,
        Platform::Linkedin => 4,
        Platform::Threads => 1,
        Platform::Mastodon | Platform::Pinterest => 3,
        Platform::Whatsapp => 0,
    }
}

/// The post's link with UTM parameters for `source` (a platform name),
/// or the bare permalink when `utm = false`.
pub fn tagged_url(config: &SocialConfig, permalink: &str, slug: &str, source: &str) -> String {
    if !config.utm {
        return permalink.to_string();
    }
    let sep = if permalink.contains('?') { '&' } else { '?' };
    format!(
        "{permalink}{sep}{}={}&{}=social&{}={}",
        config.utm_source,
        encode(source),
        config.utm_medium,
        config.utm_campaign,
        encode(slug)
    )
}

/// The opening line for `platform`: its own hook, the post's hook, the
/// description, the summary, else the title.
pub fn hook(post: &PostInfo, platform: Platform) -> String {
    let own = post.social.get(platform).and_then(|o| o.hook.clone());
    let candidates = [own, post.social.hook.clone(), post.description.clone(), Some(post.summary.clone())];
    let text = candidates.into_iter().flatten().find(|s| !s.trim().is_empty()).unwrap_or_else(|| post.title.clone());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_hindi(lang: &str) -> bool {
    lang == "hi" || lang.starts_with("hi-")
}

/// The head (cuttable) and tail (kept whole) of a platform's snippet.
pub fn parts(post: &PostInfo, platform: Platform, url: &str) -> (String, String) {
    let hook = hook(post, platform);
    let title = post.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let tags = hashtag::hashtags(&post.tags, hashtag_count(platform));
    let tags = if tags.is_empty() { String::new() } else { format!("\n\n{}", tags.join(" ")) };
    let hindi = is_hindi(&post.lang);
    let plain_title = title.replace('*', "");
    let head = match platform {
        Platform::Whatsapp => format!("*{plain_title}*\n\n{hook}"),
        Platform::Telegram | Platform::TelegramCaption => format!("**{plain_title}**\n\n{hook}"),
        Platform::Instagram | Platform::Pinterest => format!("{title}\n\n{hook}"),
        Platform::Linkedin => {
            let mut head = format!("{title}\n\n{hook}");
            if !post.takeaways.is_empty() {
                head.push_str(if hindi { "\n\nमुख्य बातें:" } else { "\n\nKey takeaways:" });
                for t in &post.takeaways {
                    head.push_str(&format!("\n• {t}"));
                }
            }
            head
        }
        _ => hook,
    };
    let link = match platform {
        Platform::Instagram if hindi => "लिंक बायो में".to_string(),
        Platform::Instagram => "Link in bio".to_string(),
        _ => url.to_string(),
    };
    (head, format!("\n\n{link}{tags}"))
}

/// The snippet for one post on one platform.
pub fn snippet(config: &SocialConfig, limits: &Limits, post: &PostInfo, platform: Platform) -> Snippet {
    let url = tagged_url(config, &post.permalink, &post.slug, platform.name());
    let limit = limits.get(platform);
    let (head, tail) = parts(post, platform, &url);
    let text = match post.social.get(platform).and_then(|o| o.text.clone()) {
        Some(text) => text,
        None => cut::fit_parts(platform, &head, &tail, limit),
    };
    let whole = format!("{head}{tail}");
    let thread = if platform == Platform::X && config.x_thread && !platform.fits(&whole, limit) {
        let mut long = format!("{}\n\n{head}", post.title);
        for t in &post.takeaways {
            long.push_str(&format!("\n• {t}"));
        }
        cut::thread(platform, &format!("{long}{tail}"), limit)
    } else {
        Vec::new()
    };
    Snippet {
        post: post.title.clone(),
        slug: post.slug.clone(),
        url,
        platform,
        length: platform.count(&text),
        limit,
        fits: platform.fits(&text, limit),
        text,
        thread,
    }
}

/// Every platform's snippet for one post, in [`Platform::ALL`] order.
pub fn for_post(config: &Config, page: &Page) -> Vec<Snippet> {
    let post = PostInfo::from_page(page);
    let limits = config.social.limits();
    Platform::ALL.into_iter().map(|p| snippet(&config.social, &limits, &post, p)).collect()
}

/// Every published post's snippets, newest post first.
pub fn for_site(site: &Site) -> Vec<Snippet> {
    site.posts.iter().flat_map(|p| for_post(&site.config, p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> PostInfo {
        PostInfo {
            title: "Time blocking for chat shifts".into(),
            slug: "time-blocking".into(),
            lang: "en".into(),
            permalink: "https://example.com/posts/time-blocking/".into(),
            description: Some("How to plan a day of chats without burning out.".into()),
            summary: "Ignored".into(),
            takeaways: vec!["Plan".into(), "Rest".into()],
            tags: vec!["time management".into(), "chat support".into(), "rust".into()],
            social: PostSocial::default(),
        }
    }

    #[test]
    fn url_carries_utm_and_encodes_the_slug() {
        let c = SocialConfig::default();
        let u = tagged_url(&c, "https://e.com/posts/%E0%A4%95/", "क ख", "x");
        assert_eq!(
            u,
            "https://e.com/posts/%E0%A4%95/?utm_source=x&utm_medium=social&utm_campaign=%E0%A4%95%20%E0%A4%96"
        );
        let off = SocialConfig { utm: false, ..SocialConfig::default() };
        assert_eq!(tagged_url(&off, "https://e.com/", "a", "x"), "https://e.com/");
    }

    #[test]
    fn platforms_get_their_own_style() {
        let c = SocialConfig::default();
        let l = Limits::new();
        let p = post();
        let x = snippet(&c, &l, &p, Platform::X);
        assert!(x.text.starts_with("How to plan"), "{}", x.text);
        assert!(x.text.contains("?utm_source=x&"));
        assert!(x.text.ends_with("#TimeManagement #ChatSupport"), "{}", x.text);
        let li = snippet(&c, &l, &p, Platform::Linkedin);
        assert!(li.text.contains("• Plan\n• Rest") && li.text.contains("#rust"), "{}", li.text);
        let ig = snippet(&c, &l, &p, Platform::Instagram);
        assert!(ig.text.contains("Link in bio") && !ig.text.contains("https://"), "{}", ig.text);
        let hi = PostInfo { lang: "hi".into(), ..post() };
        assert!(snippet(&c, &l, &hi, Platform::Instagram).text.contains("लिंक बायो में"));
        assert!(snippet(&c, &l, &p, Platform::Whatsapp).text.starts_with("*Time blocking for chat shifts*\n\n"));
        assert!(snippet(&c, &l, &p, Platform::Telegram).text.starts_with("**Time blocking"));
        assert!(!snippet(&c, &l, &p, Platform::Whatsapp).text.contains('#'));
        assert!(snippet(&c, &l, &p, Platform::Threads).text.ends_with("#TimeManagement"));
    }

    #[test]
    fn long_hooks_are_cut_and_the_link_survives() {
        let c = SocialConfig { x_thread: true, ..SocialConfig::default() };
        let p = PostInfo { description: Some("शब्द ".repeat(200)), ..post() };
        for platform in Platform::ALL {
            let s = snippet(&c, &Limits::new(), &p, platform);
            assert!(s.fits, "{platform}: {}", s.text);
            if platform != Platform::Instagram {
                assert!(s.text.contains(&s.url), "{platform}: {}", s.text);
            }
        }
        let x = snippet(&c, &Limits::new(), &p, Platform::X);
        assert!(x.text.contains('…'));
        assert!(x.thread.len() > 1 && x.thread.iter().all(|t| Platform::X.fits(t, 280)));
        assert!(x.thread[0].starts_with("1/"));
    }

    #[test]
    fn overrides_win() {
        let mut p = post();
        p.social.hook = Some("Read this".into());
        p.social
            .platforms
            .insert(Platform::Bluesky, super::super::post::Override { text: Some("Exactly this".into()), hook: None });
        let c = SocialConfig::default();
        assert_eq!(snippet(&c, &Limits::new(), &p, Platform::Bluesky).text, "Exactly this");
        assert!(snippet(&c, &Limits::new(), &p, Platform::X).text.starts_with("Read this\n\n"));
    }
}
