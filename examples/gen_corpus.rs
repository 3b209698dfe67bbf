//! Writes a synthetic blog for benchmarks: N posts of about 800 words,
//! mixed Hindi and English, half with code blocks, tags from a pool of 40.
//!
//! `cargo run --release --example gen_corpus -- DIR N [WORDS]`
//!
//! The text is generated from a fixed seed, so every run writes the same
//! corpus and timings compare like with like.

use std::fmt::Write as _;
use std::path::Path;

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
const CODE: &str = "```rust\nfn monthly_total(rows: &[(u32, f64)]) -> f64 {\n    rows.iter().map(|(_, amount)| amount).sum()\n}\n\nfn main() {\n    let rows = vec![(1, 499.0), (2, 2999.0)];\n    println!(\"{}\", monthly_total(&rows));\n}\n```\n";

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

fn post(i: usize, words: usize, rng: &mut Rng) -> String {
    let hindi = i % 2 == 1;
    let pool = if hindi { HI } else { EN };
    let title = format!("{} {} {}", paragraph(rng, pool, 4), if hindi { "पोस्ट" } else { "post" }, i);
    let tags: Vec<String> = (0..3).map(|k| format!("\"tag {}\"", (i * 7 + k * 13) % 40)).collect();
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let year = 2020 + i / (28 * 12);
    let mut s = String::with_capacity(words * 12);
    let _ =
        writeln!(s, "+++\ntitle = \"{title}\"\ndate = {year}-{month:02}-{day:02}T{:02}:{:02}:00+05:30", i % 24, i % 60);
    let _ = writeln!(s, "tags = [{}]\ncategories = [\"cat {}\"]", tags.join(", "), i % 5);
    if hindi {
        s.push_str("lang = \"hi\"\n");
    }
    s.push_str("+++\n\n");
    let per = 80;
    for k in 0..words / per {
        if k == 1 {
            s.push_str("<!-- more -->\n\n");
        }
        if k % 3 == 2 {
            let _ = writeln!(s, "## {}\n", paragraph(rng, pool, 3));
        }
        s.push_str(&paragraph(rng, pool, per));
        s.push_str("\n\n");
        if k == 4 && i.is_multiple_of(2) {
            s.push_str(CODE);
            s.push('\n');
        }
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen_corpus DIR POSTS [WORDS_PER_POST]");
        std::process::exit(2);
    }
    let dir = Path::new(&args[1]);
    let n: usize = args[2].parse().expect("POSTS must be a number");
    let words: usize = args.get(3).map_or(800, |w| w.parse().expect("WORDS must be a number"));
    let posts = dir.join("content/posts");
    std::fs::create_dir_all(&posts).expect("create content/posts");
    std::fs::write(
        dir.join("samvad.toml"),
        "title = \"Benchmark blog\"\nbase_url = \"https://bench.example/\"\nposts_per_page = 10\ntimezone = \"Asia/Kolkata\"\n",
    )
    .expect("write samvad.toml");
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    for i in 0..n {
        std::fs::write(posts.join(format!("post-{i:06}.md")), post(i, words, &mut rng)).expect("write post");
    }
    std::fs::write(dir.join("content/about.md"), "+++\ntitle = \"About\"\n+++\n\nA benchmark site.\n").expect("about");
    println!("wrote {n} posts of ~{words} words to {}", dir.display());
}
