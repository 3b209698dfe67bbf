//! Writes a synthetic blog for benchmarks: N posts of about 1,000 words,
//! mixed Hindi and English, a code block in every other post, tags from a
//! pool of 40, five categories, an about page and a services page.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR POSTS [WORDS] [--hugo HUGO_DIR]
//! ```
//!
//! `DIR` gets the blog in samvad's layout (without a theme: copy
//! `themes/default` into `DIR/themes/`). `--hugo` also writes the same posts
//! in Hugo's layout, with the config and layouts kept in `benches/hugo/`,
//! for `benches/compare.sh`.
//!
//! Every post is dated one hour after the one before, from 2010-01-01, so
//! even 100,000 posts lie in the past and no tool leaves any out as
//! scheduled. The text and the code blocks come from a fixed seed, so every
//! run writes the same corpus; code blocks differ from post to post (four
//! languages, changing names and numbers), so a highlighting cache cannot
//! make a clean build look cheaper than it is.
//!
//! The last line printed starts with `expect` and gives the pages every
//! tool must write: `posts= list_pages= tags= tag_pages= categories=
//! category_pages=` (list and term pages at 10 posts a page).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const EN: &[&str] = &[
    "customer", "chat", "reply", "support", "ticket", "refund", "order", "shift", "break", "client", "message",
    "template", "escalate", "empathy", "listen", "solve", "quickly", "clearly", "polite", "follow", "up", "the", "a",
    "with", "and", "for", "every", "today", "week", "month", "income", "rate", "hour", "plan", "review",
];
const HI: &[&str] = &[
    "ग्राहक",
    "चैट",
    "जवाब",
    "सहायता",
    "टिकट",
    "रिफ़ंड",
    "ऑर्डर",
    "शिफ़्ट",
    "आराम",
    "क्लाइंट",
    "संदेश",
    "धैर्य",
    "समस्या",
    "समाधान",
    "जल्दी",
    "साफ़",
    "विनम्र",
    "और",
    "के",
    "लिए",
    "हर",
    "आज",
    "हफ़्ते",
    "महीने",
    "कमाई",
    "दर",
    "घंटे",
    "योजना",
    "समीक्षा",
    "क्षमता",
    "प्रशिक्षण",
    "ज़रूरी",
    "भरोसा",
    "सुरक्षा",
    "अनुभव",
];
/// Identifiers the code blocks are made of.
const NAMES: &[&str] = &["rows", "tickets", "orders", "refunds", "shifts", "replies", "clients", "rates"];

const POSTS_PER_PAGE: usize = 10;
const TAGS: usize = 40;
const CATEGORIES: usize = 5;
const WORDS_PER_PARAGRAPH: usize = 80;

/// A small deterministic generator (xorshift), so no crate is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next() % words.len()]
    }
}

fn paragraph(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push(' ');
        }
        p.push_str(rng.pick(words));
        if i % 12 == 11 {
            p.push(if words == HI { '।' } else { '.' });
        }
    }
    p
}

/// A fenced code block of 10–14 lines in one of four languages, with names
/// and numbers that change from post to post.
fn code_block(i: usize, rng: &mut Rng) -> String {
    let name = rng.pick(NAMES);
    let other = rng.pick(NAMES);
    let a = 100 + rng.next() % 9000;
    let b = 1 + rng.next() % 97;
    match (i / 2) % 4 {
        0 => format!(
            "```rust\n/// Sums the amounts of post {i}.\nfn total_{name}(rows: &[(u32, f64)]) -> f64 {{\n    rows.iter().map(|(_, amount)| amount).sum()\n}}\n\nfn main() {{\n    let {other} = vec![(1, {a}.0), (2, {b}.5)];\n    let total = total_{name}(&{other});\n    if total > {a}.0 {{\n        println!(\"{{}} is over budget\", total);\n    }}\n}}\n```\n"
        ),
        1 => format!(
            "```python\ndef total_{name}(rows):\n    \"\"\"Sums the amounts of post {i}.\"\"\"\n    return sum(amount for _, amount in rows)\n\n\n{other} = [(1, {a}.0), (2, {b}.5)]\nfor key, amount in {other}:\n    if amount > {b}:\n        print(f\"{{key}}: {{amount:.2f}}\")\nprint(total_{name}({other}))\n```\n"
        ),
        2 => format!(
            "```js\n// Sums the amounts of post {i}.\nfunction total_{name}(rows) {{\n  return rows.reduce((sum, [, amount]) => sum + amount, 0);\n}}\n\nconst {other} = [[1, {a}.0], [2, {b}.5]];\nfor (const [key, amount] of {other}) {{\n  if (amount > {b}) console.log(`${{key}}: ${{amount.toFixed(2)}}`);\n}}\nconsole.log(total_{name}({other}));\n```\n"
        ),
        _ => format!(
            "```bash\n#!/usr/bin/env bash\n# Sums the amounts of post {i}.\nset -euo pipefail\ntotal=0\nfor amount in {a} {b} $((\"{a}\" * 2)); do\n  total=$((total + amount))\ndone\nif [ \"$total\" -gt {a} ]; then\n  echo \"{name}: $total\" >> \"/tmp/{other}.log\"\nfi\n```\n"
        ),
    }
}

/// `YYYY-MM-DDTHH:MM:00+05:30`, `i` hours after 2010-01-01 00:00.
fn date(i: usize) -> String {
    let (mut days, hour) = (i / 24, i % 24);
    let mut year = 2010;
    loop {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if days < len {
            let feb = if leap { 29 } else { 28 };
            let months = [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            let mut month = 0;
            while days >= months[month] {
                days -= months[month];
                month += 1;
            }
            return format!("{year}-{:02}-{:02}T{hour:02}:{:02}:00+05:30", month + 1, days + 1, i % 60);
        }
        days -= len;
        year += 1;
    }
}

fn tag_numbers(i: usize) -> [usize; 3] {
    [0, 1, 2].map(|k| (i * 7 + k * 13) % TAGS)
}

/// One post, the same for every tool but for the front matter and the
/// summary marker.
struct Post {
    title: String,
    date: String,
    tags: Vec<String>,
    category: String,
    hindi: bool,
    /// Body with samvad's summary marker `<!-- more -->`.
    body: String,
}

fn post(i: usize, words: usize, rng: &mut Rng) -> Post {
    let hindi = i % 2 == 1;
    let pool = if hindi { HI } else { EN };
    let title = format!("{} {} {}", paragraph(rng, pool, 4), if hindi { "पोस्ट" } else { "post" }, i);
    let tags = tag_numbers(i).iter().map(|t| format!("tag {t}")).collect();
    let mut body = String::with_capacity(words * 12);
    let paragraphs = (words / WORDS_PER_PARAGRAPH).max(1);
    for k in 0..paragraphs {
        if k == 1 {
            body.push_str("<!-- more -->\n\n");
        }
        if k % 3 == 2 {
            let _ = writeln!(body, "## {}\n", paragraph(rng, pool, 3));
        }
        body.push_str(&paragraph(rng, pool, WORDS_PER_PARAGRAPH));
        body.push_str("\n\n");
        if k == paragraphs.min(5) - 1 && i.is_multiple_of(2) {
            body.push_str(&code_block(i, rng));
            body.push('\n');
        }
    }
    Post { title, date: date(i), tags, category: format!("cat {}", i % CATEGORIES), hindi, body }
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ")
}

fn samvad_post(p: &Post) -> String {
    let mut s = String::with_capacity(p.body.len() + 300);
    let _ = writeln!(s, "+++\ntitle = \"{}\"\ndate = {}", p.title, p.date);
    let _ = writeln!(s, "tags = [{}]\ncategories = [\"{}\"]", quoted(&p.tags), p.category);
    if p.hindi {
        s.push_str("lang = \"hi\"\n");
    }
    s.push_str("+++\n\n");
    s.push_str(&p.body);
    s
}

fn hugo_post(p: &Post) -> String {
    let mut s = String::with_capacity(p.body.len() + 300);
    let _ = writeln!(s, "+++\ntitle = \"{}\"\ndate = {}", p.title, p.date);
    let _ = writeln!(s, "tags = [{}]\ncategories = [\"{}\"]", quoted(&p.tags), p.category);
    let _ = writeln!(s, "locale = \"{}\"", if p.hindi { "hi" } else { "en" });
    s.push_str("+++\n\n");
    // Hugo's summary divider has no spaces.
    s.push_str(&p.body.replacen("<!-- more -->", "<!--more-->", 1));
    s
}

/// The services on offer, as (name, summary, price in rupees, unit).
const SERVICES: &[(&str, &str, u32, &str)] = &[
    ("1:1 Consulting Session", "One focused conversation about your chat-support career.", 499, "per session"),
    ("Monthly Mentoring", "Weekly calls and chat access for a month.", 2999, "per month"),
    ("हिंदी ई-बुक: चैट सपोर्ट की शुरुआत", "A practical Hindi guide for beginners.", 199, "one-time"),
];
const ABOUT: &str = "+++\ntitle = \"About\"\n+++\n\nA benchmark site.\n";
/// Hugo's about page: `_build.list = "never"` keeps it out of the post
/// lists, as samvad keeps pages out of its lists.
const HUGO_ABOUT: &str = "+++\ntitle = \"About\"\n[_build]\nlist = \"never\"\n+++\n\nA benchmark site.\n";

fn samvad_services() -> String {
    let mut s = String::from(
        "+++\ntitle = \"Services\"\ndescription = \"Consulting, mentoring and an e-book.\"\n\n[contact]\nemail = \"hello@bench.example\"\ncta = [\"email\"]\n",
    );
    for (name, summary, price, unit) in SERVICES {
        let _ = write!(
            s,
            "\n[[services]]\nname = \"{name}\"\nsummary = \"{summary}\"\nincludes = [\"A written summary\", \"One follow-up by chat\"]\nprice = {price}\ncurrency = \"INR\"\nunit = \"{unit}\"\n"
        );
    }
    s.push_str("+++\n\nWork with me on chat support.\n");
    s
}

fn hugo_services() -> String {
    let mut s = String::from(
        "+++\ntitle = \"Services\"\ndescription = \"Consulting, mentoring and an e-book.\"\nlayout = \"services\"\nemail = \"hello@bench.example\"\n",
    );
    for (name, summary, price, unit) in SERVICES {
        let _ = write!(
            s,
            "\n[[services]]\nname = \"{name}\"\nsummary = \"{summary}\"\nincludes = [\"A written summary\", \"One follow-up by chat\"]\nprice = {price}\nunit = \"{unit}\"\n"
        );
    }
    s.push_str("\n[_build]\nlist = \"never\"\n+++\n\nWork with me on chat support.\n");
    s
}

/// Hugo's config and layouts, kept as files in `benches/hugo/`.
const HUGO_FILES: &[(&str, &str)] = &[
    ("config.toml", include_str!("../benches/hugo/config.toml")),
    ("layouts/_default/baseof.html", include_str!("../benches/hugo/layouts/_default/baseof.html")),
    ("layouts/_default/single.html", include_str!("../benches/hugo/layouts/_default/single.html")),
    ("layouts/_default/services.html", include_str!("../benches/hugo/layouts/_default/services.html")),
    ("layouts/_default/list.html", include_str!("../benches/hugo/layouts/_default/list.html")),
    ("layouts/_default/terms.html", include_str!("../benches/hugo/layouts/_default/terms.html")),
    ("layouts/_default/term.html", include_str!("../benches/hugo/layouts/_default/term.html")),
    ("layouts/_default/rss.xml", include_str!("../benches/hugo/layouts/_default/rss.xml")),
    ("layouts/_default/sitemap.xml", include_str!("../benches/hugo/layouts/_default/sitemap.xml")),
    ("layouts/index.html", include_str!("../benches/hugo/layouts/index.html")),
    ("layouts/404.html", include_str!("../benches/hugo/layouts/404.html")),
    ("layouts/robots.txt", include_str!("../benches/hugo/layouts/robots.txt")),
    ("layouts/partials/card.html", include_str!("../benches/hugo/layouts/partials/card.html")),
    ("layouts/partials/meta.html", include_str!("../benches/hugo/layouts/partials/meta.html")),
    ("layouts/partials/pagination.html", include_str!("../benches/hugo/layouts/partials/pagination.html")),
    ("static/style.css", include_str!("../benches/hugo/static/style.css")),
];

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

struct Args {
    dir: PathBuf,
    posts: usize,
    words: usize,
    hugo: Option<PathBuf>,
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus DIR POSTS [WORDS_PER_POST] [--hugo HUGO_DIR]");
    std::process::exit(2);
}

fn args() -> Args {
    let mut positional = Vec::new();
    let mut hugo = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--hugo" => hugo = Some(PathBuf::from(it.next().unwrap_or_else(|| usage()))),
            "-h" | "--help" => usage(),
            _ if a.starts_with("--") => usage(),
            _ => positional.push(a),
        }
    }
    if !(2..=3).contains(&positional.len()) {
        usage();
    }
    let number = |s: &str| s.parse::<usize>().unwrap_or_else(|_| usage());
    Args {
        dir: PathBuf::from(&positional[0]),
        posts: number(&positional[1]),
        words: positional.get(2).map_or(1000, |w| number(w)),
        hugo,
    }
}

fn main() {
    let args = args();
    let dir = &args.dir;
    write(
        &dir.join("samvad.toml"),
        "title = \"Benchmark blog\"\nbase_url = \"https://bench.example/\"\nposts_per_page = 10\ntimezone = \"Asia/Kolkata\"\ntaxonomies = [\"tags\", \"categories\"]\n",
    );
    write(&dir.join("content/about.md"), ABOUT);
    write(&dir.join("content/services.md"), &samvad_services());
    if let Some(h) = &args.hugo {
        for (rel, text) in HUGO_FILES {
            write(&h.join(rel), text);
        }
        write(&h.join("content/about.md"), HUGO_ABOUT);
        write(&h.join("content/services.md"), &hugo_services());
    }
    std::fs::create_dir_all(dir.join("content/posts")).expect("create content/posts");
    if let Some(h) = &args.hugo {
        std::fs::create_dir_all(h.join("content/posts")).expect("create the Hugo content/posts");
    }
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    let mut per_tag = [0usize; TAGS];
    let mut per_category = [0usize; CATEGORIES];
    for i in 0..args.posts {
        let p = post(i, args.words, &mut rng);
        let name = format!("post-{i:06}.md");
        std::fs::write(dir.join("content/posts").join(&name), samvad_post(&p)).expect("write post");
        if let Some(h) = &args.hugo {
            std::fs::write(h.join("content/posts").join(&name), hugo_post(&p)).expect("write Hugo post");
        }
        for t in tag_numbers(i) {
            per_tag[t] += 1;
        }
        per_category[i % CATEGORIES] += 1;
    }
    let pages = |n: &usize| n.div_ceil(POSTS_PER_PAGE);
    let used = |counts: &[usize]| counts.iter().filter(|&&n| n > 0).count();
    println!("wrote {} posts of ~{} words to {}", args.posts, args.words, dir.display());
    if let Some(h) = &args.hugo {
        println!("and the same blog in Hugo's layout to {}", h.display());
    }
    println!(
        "expect posts={} list_pages={} tags={} tag_pages={} categories={} category_pages={}",
        args.posts,
        pages(&args.posts).max(1),
        used(&per_tag),
        per_tag.iter().map(pages).sum::<usize>(),
        used(&per_category),
        per_category.iter().map(pages).sum::<usize>(),
    );
}
