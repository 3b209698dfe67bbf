//! Snippet generation cases.

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
        hashtags: crate::social::hashtag::hashtags(
            &["time management".into(), "chat support".into(), "rust".into()],
            usize::MAX,
        ),
        social: PostSocial::default(),
    }
}

proptest::proptest! {
    #[test]
    fn collapse_makes_single_spaces(text in "[ a\t\r\n\u{85}\u{A0}\u{1680}\u{2000}-\u{200D}\u{2028}\u{202F}\u{205F}\u{3000}\u{2026}क्ष।😀é]{0,30}") {
        let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert_eq!(collapse(&text), want.clone());
        proptest::prop_assert_eq!(is_collapsed(&text), text == want);
    }
}

#[test]
fn url_carries_utm_and_encodes_the_slug() {
    let c = SocialConfig::default();
    let u = tagged_url(&c, "https://e.com/posts/%E0%A4%95/", "क ख", "x");
    assert_eq!(u, "https://e.com/posts/%E0%A4%95/?utm_source=x&utm_medium=social&utm_campaign=%E0%A4%95%20%E0%A4%96");
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

/// Instagram allows 5 hashtags a post since December 2025, counting
/// those of the title and hook; Threads links one topic tag a post.
#[test]
fn captions_never_carry_more_hashtags_than_allowed() {
    let tags: Vec<String> = (0..9).map(|i| format!("tag{i}")).collect();
    let mut p = post();
    p.hashtags = crate::social::hashtag::hashtags(&tags, usize::MAX);
    let c = SocialConfig::default();
    let ig = snippet(&c, &Limits::new(), &p, Platform::Instagram);
    assert!(ig.fits, "{ig:?}");
    assert!(ig.text.ends_with("\n\n#tag0 #tag1 #tag2 #tag3 #tag4"), "{}", ig.text);
    p.title = "Seven #habits of #calm #chat #agents".into();
    p.description = Some("#one #two #three".into());
    let ig = snippet(&c, &Limits::new(), &p, Platform::Instagram);
    assert_eq!(count_hashtags(&ig.text), 5, "{}", ig.text);
    assert!(ig.fits && ig.text.starts_with("Seven #habits of #calm #chat #agents\n\n#one two three"), "{}", ig.text);
    let threads = snippet(&c, &Limits::new(), &p, Platform::Threads);
    assert!(threads.text.starts_with("#one two three\n\nhttps://"), "{}", threads.text);
    assert_eq!(count_hashtags(&threads.text), 1, "{}", threads.text);
    p.description = None;
    p.summary = "No tags here.".into();
    let threads = snippet(&c, &Limits::new(), &p, Platform::Threads);
    assert!(threads.text.ends_with("\n\n#tag0"), "{}", threads.text);
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
