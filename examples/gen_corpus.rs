//! Writes a synthetic blog for benchmarks, the "project" shape: N posts
//! of about 1,000 words, every other one in Hindi, a code block in every
//! other post, 3 tags each from a pool of 40, five categories, an about
//! page and a services page. `gen_corpus_mixed` writes a differently
//! shaped blog with the same pages.
//!
//! ```text
//! cargo run --release --example gen_corpus -- DIR POSTS [WORDS] [--hugo HUGO_DIR] [--zola ZOLA_DIR]
//! ```
//!
//! `DIR` gets the blog in samvad's layout (without a theme: copy
//! `themes/default` into `DIR/themes/`). `--hugo` and `--zola` also write
//! the same posts in Hugo's and Zola's layouts, with the configs and
//! templates kept in `benches/hugo/` and `benches/zola/`, for
//! `benches/compare.sh`.
//!
//! The text and the code blocks come from a fixed seed, so every run
//! writes the same corpus; code blocks differ from post to post (four
//! languages, changing names and numbers), so a highlighting cache cannot
//! make a clean build look cheaper than it is.
//!
//! The last line printed starts with `expect` and gives the pages every
//! tool must write: `posts= list_pages= tags= tag_pages= categories=
//! category_pages=` (list and term pages at 10 posts a page).

#[path = "corpus/mod.rs"]
mod corpus;

use std::fmt::Write as _;

use corpus::{Blog, Post, Rng};

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

const TAGS: usize = 40;
const CATEGORIES: usize = 5;
const WORDS_PER_PARAGRAPH: usize = 80;

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

fn tag_numbers(i: usize) -> [usize; 3] {
    [0, 1, 2].map(|k| (i * 7 + k * 13) % TAGS)
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
    Post { title, date: corpus::date(i), tags, category: format!("cat {}", i % CATEGORIES), hindi, body }
}

fn main() {
    // ASCII tags ("tag 7"): Zola's default slugs give `tag-7`, as the others do.
    let mut blog = Blog::create(corpus::args("gen_corpus", 1000), false);
    let (posts, words) = (blog.args().posts, blog.args().words);
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    for i in 0..posts {
        let p = post(i, words, &mut rng);
        blog.add(i, &p);
    }
    blog.finish();
}
