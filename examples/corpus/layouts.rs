//! Each tool's side of the benchmark blog: its config, templates, front
//! matter, and the about and services pages. The templates live as files
//! in `benches/hugo/` and `benches/zola/`, where they can be read (and
//! built by hand) on their own.

use std::fmt::Write as _;
use std::path::Path;

use super::{write, Post};

fn quoted(items: &[String]) -> String {
    items.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
}

/// A post's file: TOML front matter with the terms under `terms` (a table
/// header, or nothing for top-level keys) and the tool's own `extra` lines,
/// then the body with its summary marker spelled as the tool wants.
fn post_file(p: &Post, terms: &str, extra: &str, marker: &str) -> String {
    let mut s = String::with_capacity(p.body.len() + 300);
    let _ = writeln!(s, "+++\ntitle = \"{}\"\ndate = {}", p.title, p.date);
    let _ = writeln!(s, "{terms}tags = [{}]\ncategories = [\"{}\"]", quoted(&p.tags), p.category);
    s.push_str(extra);
    s.push_str("+++\n\n");
    s.push_str(&p.body.replacen("<!-- more -->", marker, 1));
    s
}

fn locale(p: &Post) -> &'static str {
    if p.hindi {
        "hi"
    } else {
        "en"
    }
}

pub fn samvad_post(p: &Post) -> String {
    post_file(p, "", if p.hindi { "lang = \"hi\"\n" } else { "" }, "<!-- more -->")
}

/// Hugo's summary divider has no spaces.
pub fn hugo_post(p: &Post) -> String {
    post_file(p, "", &format!("locale = \"{}\"\n", locale(p)), "<!--more-->")
}

/// Zola keeps terms under `[taxonomies]` and anything of the writer's own
/// under `[extra]`; its summary marker is samvad's.
pub fn zola_post(p: &Post) -> String {
    post_file(p, "[taxonomies]\n", &format!("[extra]\nlocale = \"{}\"\n", locale(p)), "<!-- more -->")
}

/// The services on offer, as (name, summary, price in rupees, unit).
const SERVICES: &[(&str, &str, u32, &str)] = &[
    ("1:1 Consulting Session", "One focused conversation about your chat-support career.", 499, "per session"),
    ("Monthly Mentoring", "Weekly calls and chat access for a month.", 2999, "per month"),
    ("हिंदी ई-बुक: चैट सपोर्ट की शुरुआत", "A practical Hindi guide for beginners.", 199, "one-time"),
];
const ABOUT: &str = "+++\ntitle = \"About\"\n+++\n\nA benchmark site.\n";
/// Hugo's about page: `build.list = "never"` keeps it out of the post
/// lists, as samvad keeps pages out of its lists.
const HUGO_ABOUT: &str = "+++\ntitle = \"About\"\n[build]\nlist = \"never\"\n+++\n\nA benchmark site.\n";
/// Zola's about page sits in a section of its own that is not rendered
/// (`content/pages/`), so that it stays out of the home list; `path` puts
/// it at `/about/` as in the other tools.
const ZOLA_ABOUT: &str = "+++\ntitle = \"About\"\npath = \"about\"\n+++\n\nA benchmark site.\n";

/// The services as `[[…services]]` tables; samvad's also carry a currency.
fn services_tables(s: &mut String, table: &str, currency: bool) {
    for (name, summary, price, unit) in SERVICES {
        let _ = write!(
            s,
            "\n[[{table}]]\nname = \"{name}\"\nsummary = \"{summary}\"\nincludes = [\"A written summary\", \"One follow-up by chat\"]\nprice = {price}\n{}unit = \"{unit}\"\n",
            if currency { "currency = \"INR\"\n" } else { "" }
        );
    }
}

const SERVICES_HEAD: &str = "+++\ntitle = \"Services\"\ndescription = \"Consulting, mentoring and an e-book.\"\n";
const SERVICES_BODY: &str = "+++\n\nWork with me on chat support.\n";

fn samvad_services() -> String {
    let mut s = format!("{SERVICES_HEAD}\n[contact]\nemail = \"hello@bench.example\"\ncta = [\"email\"]\n");
    services_tables(&mut s, "services", true);
    s + SERVICES_BODY
}

fn hugo_services() -> String {
    let mut s = format!("{SERVICES_HEAD}layout = \"services\"\nemail = \"hello@bench.example\"\n");
    services_tables(&mut s, "services", false);
    s.push_str("\n[build]\nlist = \"never\"\n");
    s + SERVICES_BODY
}

fn zola_services() -> String {
    let mut s = format!(
        "{SERVICES_HEAD}path = \"services\"\ntemplate = \"services.html\"\n[extra]\nemail = \"hello@bench.example\"\n"
    );
    services_tables(&mut s, "extra.services", false);
    s + SERVICES_BODY
}

const SAMVAD_CONFIG: &str = "title = \"Benchmark blog\"\nbase_url = \"https://bench.example/\"\nposts_per_page = 10\ntimezone = \"Asia/Kolkata\"\ntaxonomies = [\"tags\", \"categories\"]\n";

/// samvad's config, about and services pages (the theme is copied in by
/// the caller).
pub fn samvad_site(dir: &Path) {
    write(&dir.join("samvad.toml"), SAMVAD_CONFIG);
    write(&dir.join("content/about.md"), ABOUT);
    write(&dir.join("content/services.md"), &samvad_services());
}

/// The stylesheet every tool's pages link to.
const STYLE: &str = include_str!("../../benches/hugo/static/style.css");

/// Hugo's config and layouts, kept as files in `benches/hugo/`.
const HUGO_FILES: &[(&str, &str)] = &[
    ("config.toml", include_str!("../../benches/hugo/config.toml")),
    ("layouts/_default/baseof.html", include_str!("../../benches/hugo/layouts/_default/baseof.html")),
    ("layouts/_default/single.html", include_str!("../../benches/hugo/layouts/_default/single.html")),
    ("layouts/_default/services.html", include_str!("../../benches/hugo/layouts/_default/services.html")),
    ("layouts/_default/list.html", include_str!("../../benches/hugo/layouts/_default/list.html")),
    ("layouts/_default/terms.html", include_str!("../../benches/hugo/layouts/_default/terms.html")),
    ("layouts/_default/term.html", include_str!("../../benches/hugo/layouts/_default/term.html")),
    ("layouts/_default/rss.xml", include_str!("../../benches/hugo/layouts/_default/rss.xml")),
    ("layouts/_default/sitemap.xml", include_str!("../../benches/hugo/layouts/_default/sitemap.xml")),
    ("layouts/index.html", include_str!("../../benches/hugo/layouts/index.html")),
    ("layouts/404.html", include_str!("../../benches/hugo/layouts/404.html")),
    ("layouts/robots.txt", include_str!("../../benches/hugo/layouts/robots.txt")),
    ("layouts/partials/card.html", include_str!("../../benches/hugo/layouts/partials/card.html")),
    ("layouts/partials/meta.html", include_str!("../../benches/hugo/layouts/partials/meta.html")),
    ("layouts/partials/pagination.html", include_str!("../../benches/hugo/layouts/partials/pagination.html")),
    ("static/style.css", STYLE),
];

pub fn hugo_site(dir: &Path) {
    for (rel, text) in HUGO_FILES {
        write(&dir.join(rel), text);
    }
    write(&dir.join("content/about.md"), HUGO_ABOUT);
    write(&dir.join("content/services.md"), &hugo_services());
}

/// Zola's config and templates, kept as files in `benches/zola/`.
const ZOLA_FILES: &[(&str, &str)] = &[
    ("templates/base.html", include_str!("../../benches/zola/templates/base.html")),
    ("templates/macros.html", include_str!("../../benches/zola/templates/macros.html")),
    ("templates/index.html", include_str!("../../benches/zola/templates/index.html")),
    ("templates/page.html", include_str!("../../benches/zola/templates/page.html")),
    ("templates/services.html", include_str!("../../benches/zola/templates/services.html")),
    ("templates/taxonomy_list.html", include_str!("../../benches/zola/templates/taxonomy_list.html")),
    ("templates/taxonomy_single.html", include_str!("../../benches/zola/templates/taxonomy_single.html")),
    ("templates/rss.xml", include_str!("../../benches/zola/templates/rss.xml")),
    ("templates/404.html", include_str!("../../benches/zola/templates/404.html")),
    ("static/style.css", STYLE),
];
const ZOLA_CONFIG: &str = include_str!("../../benches/zola/config.toml");
/// The home section lists every post; the posts section is transparent
/// (its pages count as the home's) and not rendered itself, as samvad
/// writes no `/posts/` page; `pages/` holds about and services, kept out
/// of every list.
const ZOLA_SECTIONS: &[(&str, &str)] = &[
    ("content/_index.md", "+++\nsort_by = \"date\"\npaginate_by = 10\n+++\n"),
    ("content/posts/_index.md", "+++\nsort_by = \"date\"\ntransparent = true\nrender = false\n+++\n"),
    ("content/pages/_index.md", "+++\nrender = false\n+++\n"),
];

/// Zola's site; `safe_slugs`: see `Blog::create`.
pub fn zola_site(dir: &Path, safe_slugs: bool) {
    let config = match safe_slugs {
        false => ZOLA_CONFIG.to_owned(),
        true => format!(
            "{ZOLA_CONFIG}\n# Tags in Devanagari keep their letters in URLs and heading ids, as in\n# samvad and Hugo (the default transliterates them to ASCII).\n[slugify]\npaths = \"safe\"\ntaxonomies = \"safe\"\nanchors = \"safe\"\n"
        ),
    };
    write(&dir.join("config.toml"), &config);
    for (rel, text) in ZOLA_FILES.iter().chain(ZOLA_SECTIONS) {
        write(&dir.join(rel), text);
    }
    write(&dir.join("content/pages/about.md"), ZOLA_ABOUT);
    write(&dir.join("content/pages/services.md"), &zola_services());
}
