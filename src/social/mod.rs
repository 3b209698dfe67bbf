//! Counting and cutting text the way each social platform measures it.
//!
//! Lives in its own module tree so the site generator can ask "does this
//! snippet fit on X / Bluesky / Mastodon …?" without knowing any platform's
//! quirks.

pub mod config;
pub mod count;
pub mod cut;
pub mod generate;
pub mod hashtag;
pub mod output;
pub mod post;
#[cfg(test)]
mod props;
pub mod share;

pub use output::stage;
