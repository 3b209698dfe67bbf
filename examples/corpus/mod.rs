//! What the two corpus generators (`gen_corpus`, `gen_corpus_mixed`) share:
//! the seeded random numbers, post dates, the command line, and [`Blog`],
//! which writes each post in every tool's layout and counts the pages every
//! tool must then build. Each generator decides only what its posts say.
//!
//! Every post is dated one hour after the one before, from 2010-01-01, so
//! even 100,000 posts lie in the past and no tool leaves any out as
//! scheduled.

mod layouts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Posts on a home, tag or category list page, in every tool's config.
pub const POSTS_PER_PAGE: usize = 10;

/// A small deterministic generator (xorshift), so no crate is needed and
/// every run writes the same corpus.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.next() % words.len()]
    }
}

/// `YYYY-MM-DDTHH:MM:00+05:30`, `i` hours after 2010-01-01 00:00.
pub fn date(i: usize) -> String {
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

/// One post, the same for every tool but for the front matter and the
/// summary marker.
pub struct Post {
    pub title: String,
    pub date: String,
    pub tags: Vec<String>,
    pub category: String,
    /// The post's main language is Hindi (`lang = "hi"`).
    pub hindi: bool,
    /// Body with samvad's (and Zola's) summary marker `<!-- more -->`.
    pub body: String,
}

/// The command line both generators take.
pub struct Args {
    pub dir: PathBuf,
    pub posts: usize,
    pub words: usize,
    pub hugo: Option<PathBuf>,
    pub zola: Option<PathBuf>,
}

fn usage(name: &str) -> ! {
    eprintln!("usage: {name} DIR POSTS [WORDS_PER_POST] [--hugo HUGO_DIR] [--zola ZOLA_DIR]");
    std::process::exit(2);
}

/// Reads `DIR POSTS [WORDS] [--hugo DIR] [--zola DIR]`; `WORDS` defaults
/// to `default_words`.
pub fn args(name: &str, default_words: usize) -> Args {
    let mut positional = Vec::new();
    let (mut hugo, mut zola) = (None, None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--hugo" => hugo = Some(PathBuf::from(it.next().unwrap_or_else(|| usage(name)))),
            "--zola" => zola = Some(PathBuf::from(it.next().unwrap_or_else(|| usage(name)))),
            "-h" | "--help" => usage(name),
            _ if a.starts_with("--") => usage(name),
            _ => positional.push(a),
        }
    }
    if !(2..=3).contains(&positional.len()) {
        usage(name);
    }
    let number = |s: &str| s.parse::<usize>().unwrap_or_else(|_| usage(name));
    Args {
        dir: PathBuf::from(&positional[0]),
        posts: number(&positional[1]),
        words: positional.get(2).map_or(default_words, |w| number(w)),
        hugo,
        zola,
    }
}

/// Writes `text` to `path`, making its folder first.
pub fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// A blog being written in samvad's layout and in each other tool's layout
/// asked for, with counts of the tag and category pages every tool must
/// write from it.
pub struct Blog {
    args: Args,
    per_tag: BTreeMap<String, usize>,
    per_category: BTreeMap<String, usize>,
}

impl Blog {
    /// Writes each tool's config, templates, about and services pages.
    /// `safe_slugs` sets Zola's `[slugify]` to "safe": names are kept as
    /// they are, so a Devanagari tag keeps its letters in the URL as in
    /// samvad and Hugo (Zola's default transliterates it to ASCII). The tag
    /// names must then be URL-ready already (lowercase, hyphens, no
    /// spaces); ASCII tags such as "tag 7" need Zola's default instead.
    pub fn create(args: Args, safe_slugs: bool) -> Blog {
        layouts::samvad_site(&args.dir);
        if let Some(h) = &args.hugo {
            layouts::hugo_site(h);
        }
        if let Some(z) = &args.zola {
            layouts::zola_site(z, safe_slugs);
        }
        Blog { args, per_tag: BTreeMap::new(), per_category: BTreeMap::new() }
    }

    pub fn args(&self) -> &Args {
        &self.args
    }

    /// Writes post number `i` for every tool and counts its terms.
    pub fn add(&mut self, i: usize, p: &Post) {
        let name = format!("post-{i:06}.md");
        write(&self.args.dir.join("content/posts").join(&name), &layouts::samvad_post(p));
        if let Some(h) = &self.args.hugo {
            write(&h.join("content/posts").join(&name), &layouts::hugo_post(p));
        }
        if let Some(z) = &self.args.zola {
            write(&z.join("content/posts").join(&name), &layouts::zola_post(p));
        }
        for t in &p.tags {
            *self.per_tag.entry(t.clone()).or_default() += 1;
        }
        *self.per_category.entry(p.category.clone()).or_default() += 1;
    }

    /// Says what was written. The last line starts with `expect` and gives
    /// the pages every tool must write: `posts= list_pages= tags= tag_pages=
    /// categories= category_pages=` (list and term pages at 10 posts a page).
    pub fn finish(self) {
        let a = &self.args;
        let pages = |n: &usize| n.div_ceil(POSTS_PER_PAGE);
        println!("wrote {} posts of ~{} words to {}", a.posts, a.words, a.dir.display());
        for (tool, dir) in [("Hugo", &a.hugo), ("Zola", &a.zola)] {
            if let Some(d) = dir {
                println!("and the same blog in {tool}'s layout to {}", d.display());
            }
        }
        println!(
            "expect posts={} list_pages={} tags={} tag_pages={} categories={} category_pages={}",
            a.posts,
            pages(&a.posts).max(1),
            self.per_tag.len(),
            self.per_tag.values().map(pages).sum::<usize>(),
            self.per_category.len(),
            self.per_category.values().map(pages).sum::<usize>(),
        );
    }
}
