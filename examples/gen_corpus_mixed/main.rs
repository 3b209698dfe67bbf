//! Writes a synthetic blog for benchmarks, the "mixed" shape, made
//! differently from `gen_corpus` (the "project" shape) so that a speed-up
//! tuned to one corpus shows up as a gap on the other:
//!
//! - Hindi and English mixed within a post: a paragraph is English, Hindi,
//!   or switches language sentence by sentence, and Hindi sentences carry
//!   English words as chat-support Hindi does ("आज customer का ticket …");
//! - lists, quotes, tables, links, inline code and emphasis between the
//!   paragraphs; `##` and `###` headings;
//! - varied length: 95% of posts between a fifth of `WORDS` and 1.8 times
//!   it (default 1,000, so 200–1,800 words), and every twentieth post
//!   (5%) between 5,000 and 8,000 words;
//! - code in three posts out of five, one to three blocks (more in long
//!   posts) of about 20–80 lines in ten languages (`code.rs`);
//! - 2–6 tags a post from 40, ten of them in Devanagari, some far more
//!   used than others; one category of six, two in Devanagari.
//!
//! ```text
//! cargo run --release --example gen_corpus_mixed -- DIR POSTS [WORDS] [--hugo HUGO_DIR] [--zola ZOLA_DIR]
//! ```
//!
//! The layouts, dates and printed `expect` line are those of `gen_corpus`
//! (see `examples/corpus/`). The output depends only on the arguments.

mod code;
#[path = "../corpus/mod.rs"]
mod corpus;

use corpus::{Blog, Post, Rng};

/// Tag names are URL-ready (lowercase, hyphens) so every tool gives them
/// the same slug; the Devanagari ones have no nukta, whose two Unicode
/// spellings would make tools that normalise and tools that don't differ.
const TAGS: [&str; 40] = [
    "live-chat",
    "ग्राहक-सेवा",
    "email",
    "refunds",
    "कमाई",
    "shifts",
    "रात-की-शिफ्ट",
    "templates",
    "python",
    "हिंदी",
    "rust",
    "tools",
    "प्रशिक्षण",
    "javascript",
    "go",
    "सुरक्षा",
    "sql",
    "yaml",
    "करियर",
    "interviews",
    "burnout",
    "समय-प्रबंधन",
    "metrics",
    "csat",
    "घर-से-काम",
    "escalation",
    "macros",
    "टीम",
    "remote",
    "freelance",
    "linux",
    "bash",
    "c",
    "json",
    "html",
    "हेल्पडेस्क",
    "zendesk",
    "freshdesk",
    "whatsapp",
    "telegram",
];
const CATEGORIES: [&str; 6] = ["guides", "career", "tools", "कहानियाँ", "notes", "तकनीक"];

const EN: &[&str] = &[
    "queue",
    "agent",
    "customer",
    "wait",
    "time",
    "answer",
    "rule",
    "shift",
    "handover",
    "refund",
    "policy",
    "tone",
    "script",
    "hours",
    "night",
    "team",
    "lead",
    "rating",
    "survey",
    "first",
    "response",
    "resolution",
    "calm",
    "short",
    "clear",
    "check",
    "order",
    "status",
    "delay",
    "apology",
    "note",
    "draft",
    "tool",
    "shortcut",
    "habit",
];
const HI: &[&str] = &[
    "आज",
    "कल",
    "हम",
    "आप",
    "ग्राहक",
    "जवाब",
    "समय",
    "काम",
    "टीम",
    "नियम",
    "धैर्य",
    "सवाल",
    "बात",
    "रात",
    "दिन",
    "पहले",
    "बाद",
    "जल्दी",
    "धीरे",
    "सही",
    "गलत",
    "अच्छा",
    "मुश्किल",
    "आसान",
    "सीखना",
    "लिखना",
    "पढ़ना",
    "देखना",
    "है",
    "था",
    "हैं",
    "को",
    "से",
    "में",
    "पर",
    "का",
    "की",
    "और",
    "लेकिन",
    "क्योंकि",
];
/// English words that Hindi chat-support writing keeps in Latin letters.
const LOANS: &[&str] =
    &["customer", "ticket", "chat", "refund", "shift", "manager", "feedback", "login", "app", "order"];

/// True once in `n` draws.
fn one_in(rng: &mut Rng, n: usize) -> bool {
    rng.next().is_multiple_of(n)
}

#[derive(Clone, Copy)]
enum Lang {
    En,
    Hi,
    Mixed,
}

/// One sentence of `least` to `least + spread - 1` words, ending in "." or "।"; an English sentence may
/// carry inline code or emphasis, a Hindi one an English loanword.
fn sentence(rng: &mut Rng, hindi: bool, least: usize, spread: usize) -> String {
    let n = least + rng.next() % spread;
    let mut words: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let w = if hindi && one_in(rng, 7) { rng.pick(LOANS) } else { rng.pick(if hindi { HI } else { EN }) };
        words.push(match rng.next() % 40 {
            0 if !hindi && i > 0 => format!("`{w}_{}`", rng.next() % 100),
            1 => format!("**{w}**"),
            2 => format!("*{w}*"),
            _ => w.to_owned(),
        });
    }
    let mut s = words.join(" ");
    if !hindi {
        s[..1].make_ascii_uppercase();
    }
    s.push(if hindi { '।' } else { '.' });
    s
}

/// A paragraph of about `words` words; returns it with its word count.
fn paragraph(rng: &mut Rng, lang: Lang, words: usize) -> (String, usize) {
    let mut sentences = Vec::new();
    let mut count = 0;
    while count < words {
        let hindi = match lang {
            Lang::En => false,
            Lang::Hi => true,
            Lang::Mixed => sentences.len() % 2 == 1,
        };
        let s = sentence(rng, hindi, 6, 14);
        count += s.split(' ').count();
        sentences.push(s);
    }
    if one_in(rng, 6) {
        let k = rng.next() % 1000;
        sentences.push(format!("[{} {k}](https://example.com/notes/{k})", rng.pick(EN)));
    }
    (sentences.join(" "), count)
}

fn list(rng: &mut Rng, lang: Lang) -> String {
    let ordered = one_in(rng, 2);
    let mut s = String::new();
    for i in 1..=3 + rng.next() % 4 {
        let hindi = matches!(lang, Lang::Hi) || (matches!(lang, Lang::Mixed) && i % 2 == 0);
        let item = sentence(rng, hindi, 4, 8);
        s.push_str(&if ordered { format!("{i}. {item}\n") } else { format!("- {item}\n") });
    }
    s
}

fn table(rng: &mut Rng) -> String {
    let mut s = String::from("| queue | समय | tickets |\n|---|---|---:|\n");
    for _ in 0..3 + rng.next() % 5 {
        s.push_str(&format!("| {} | {} | {} |\n", rng.pick(EN), rng.pick(HI), rng.next() % 500));
    }
    s
}

/// 2–6 distinct tags, the first tags of the list far more often than the
/// last: the smaller of two draws is taken.
fn tags(rng: &mut Rng) -> Vec<String> {
    let n = 2 + rng.next() % 5;
    let mut picked: Vec<usize> = Vec::with_capacity(n);
    while picked.len() < n {
        let t = (rng.next() % TAGS.len()).min(rng.next() % TAGS.len());
        if !picked.contains(&t) {
            picked.push(t);
        }
    }
    picked.iter().map(|&t| TAGS[t].to_owned()).collect()
}

/// How long post `i` is, in words of prose.
fn length(i: usize, rng: &mut Rng, words: usize) -> usize {
    if i % 20 == 13 {
        5_000 + rng.next() % 3_000
    } else {
        words / 5 + rng.next() % (words * 8 / 5).max(1)
    }
}

/// The body: prose blocks until `words` words, with code blocks spread
/// evenly and the summary marker after the first paragraph.
fn body(i: usize, rng: &mut Rng, words: usize, main: Lang) -> String {
    let blocks = if i % 5 < 3 { 1 + rng.next() % 3 + words / 2_500 } else { 0 };
    let every = (words / (blocks + 1)).max(1);
    let (mut body, mut count, mut done_code, mut k) = (String::with_capacity(words * 12), 0, 0, 0);
    while count < words {
        if k % 4 == 3 {
            let level = if one_in(rng, 3) { "###" } else { "##" };
            let hindi = matches!(main, Lang::Hi) ^ one_in(rng, 4);
            body.push_str(&format!("{level} {}\n\n", sentence(rng, hindi, 3, 3).trim_end_matches(['.', '।'])));
        }
        let lang = match rng.next() % 10 {
            0..=3 => main,
            4..=6 => Lang::Mixed,
            7 | 8 => Lang::En,
            _ => Lang::Hi,
        };
        let (text, n) = match rng.next() % 20 {
            0 | 1 if k > 0 => (list(rng, lang), 40),
            2 if k > 0 => (format!("> {}", paragraph(rng, lang, 30).0), 30),
            3 if k > 0 => (table(rng), 20),
            _ => {
                let n = 40 + rng.next() % 80;
                paragraph(rng, lang, n)
            }
        };
        body.push_str(&text);
        body.push_str("\n\n");
        if k == 0 {
            body.push_str("<!-- more -->\n\n");
        }
        count += n;
        k += 1;
        if done_code < blocks && count >= every * (done_code + 1) {
            let units = 2 + rng.next() % 4;
            body.push_str(&code::block(rng.next(), units, i, rng));
            body.push('\n');
            done_code += 1;
        }
    }
    body
}

fn post(i: usize, words: usize, rng: &mut Rng) -> Post {
    let hindi = i % 2 == 1;
    let main = if hindi { Lang::Hi } else { Lang::En };
    let words = length(i, rng, words);
    let head = sentence(rng, hindi, 3, 4);
    let title = format!("{} {} {i}", head.trim_end_matches(['.', '।']).replace(['*', '`'], ""), rng.pick(LOANS));
    let tags = tags(rng);
    let category = CATEGORIES[rng.next() % CATEGORIES.len()].to_owned();
    Post { title, date: corpus::date(i), tags, category, hindi, body: body(i, rng, words, main) }
}

fn main() {
    // Devanagari tags: Zola keeps their letters in URLs, as samvad and Hugo do.
    let mut blog = Blog::create(corpus::args("gen_corpus_mixed", 1000), true);
    let (posts, words) = (blog.args().posts, blog.args().words);
    let mut rng = Rng(0x6d69_7865_645f_6869);
    for i in 0..posts {
        let p = post(i, words, &mut rng);
        blog.add(i, &p);
    }
    blog.finish();
}
