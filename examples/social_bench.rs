//! Times promotion-text generation alone, on one core, over a site that is
//! already on disk (for instance one written by `gen_corpus`):
//!
//!     cargo run --release --example social_bench -- ROOT [ROUNDS]
//!
//! A build spends this time in `social::stage`; measuring it apart from the
//! rest of the build shows whether a change to counting or cutting helped.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().expect("usage: social_bench ROOT [ROUNDS]");
    let rounds: usize = args.next().map_or(3, |r| r.parse().expect("ROUNDS is a number"));
    let clock = samvad::dates::parse("2030-01-01", &jiff::tz::TimeZone::UTC).expect("a valid date");
    let opts = samvad::BuildOptions { root: root.into(), clock: Some(clock), ..Default::default() };
    let site = samvad::build::load_site(&opts).unwrap_or_else(|e| panic!("{e}"));
    for _ in 0..rounds {
        let start = Instant::now();
        let snippets: usize = site.posts().map(|p| samvad::social::generate::for_post(site.config(), p).len()).sum();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let per_post = ms * 1000.0 / site.map.posts.len().max(1) as f64;
        println!("{snippets} snippets for {} posts in {ms:.0} ms ({per_post:.1} µs a post)", site.map.posts.len());
    }
}
