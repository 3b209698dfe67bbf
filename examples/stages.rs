//! Times a build's stages one after another over a site on disk, so a
//! change to one stage can be measured without the others' noise:
//!
//!     cargo run --release --example stages -- ROOT [ROUNDS]
//!
//! Stages: model (read, front matter, link, Markdown, highlight, assemble),
//! render (every list page through the templates, output discarded; post
//! pages are rendered as their Markdown is parsed, in a build), feeds,
//! social (promotion text, output discarded; skipped when STAGES_NO_SOCIAL
//! is set). Wall time, all cores.
use std::time::Instant;

use samvad::render::{Job, Renderer};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().expect("usage: stages ROOT [ROUNDS]"));
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let clock = samvad::dates::parse("2030-01-01", &jiff::tz::TimeZone::UTC).expect("a valid date");
    let opts = samvad::BuildOptions { root: root.clone(), clock: Some(clock), ..Default::default() };
    for _ in 0..rounds {
        let t = Instant::now();
        let site = samvad::build::load_site(&opts).unwrap_or_else(|e| panic!("{e}"));
        let model = t.elapsed();
        eprintln!("after model: {}", rss());
        let theme = samvad::theme::resolve(&root, &site.config().theme, false).expect("theme");
        let templates = samvad::templates::load(&theme, &root.join("templates")).expect("templates");
        let strings = samvad::i18n::Strings::load(&theme).expect("strings");
        let t = Instant::now();
        let renderer =
            Renderer::new(&site.map, &templates, &strings, site.page(samvad::load::Kind::Services)).expect("renderer");
        let lists = renderer.lists(&site);
        let jobs: Vec<Job> =
            Job::all(&site.map).into_iter().filter(|j| !matches!(j, Job::Post(_) | Job::Page(_))).collect();
        samvad::render::render_each(&jobs, &|job| lists.render(job).map(drop)).expect("render");
        let pages = jobs.len();
        let render = t.elapsed();
        eprintln!("after render: {}", rss());
        let t = Instant::now();
        let none = |_: usize| samvad::page::Html::from("");
        let feeds: usize =
            samvad::feeds::specs(&site.map).iter().map(|s| samvad::feeds::render(&site, s, &none).len()).sum();
        let feed_time = t.elapsed();
        let t = Instant::now();
        let snippets: usize = if std::env::var_os("STAGES_NO_SOCIAL").is_some() {
            0
        } else {
            use rayon::prelude::*;
            let posts: Vec<usize> = (0..site.map.posts.len()).collect();
            posts.par_iter().map(|&i| samvad::social::generate::for_post(site.config(), site.post(i)).len()).sum()
        };
        let social = t.elapsed();
        println!(
            "{} posts: model {:.0} ms · render {pages} lists {:.0} ms · {feeds} feeds {:.0} ms · {snippets} snippets {:.0} ms",
            site.map.posts.len(),
            model.as_secs_f64() * 1e3,
            render.as_secs_f64() * 1e3,
            feed_time.as_secs_f64() * 1e3,
            social.as_secs_f64() * 1e3
        );
    }
}

fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM")).collect::<Vec<_>>().join(" ")
}
