//! samvad: a static site generator for people who earn through online chat
//! work and write in Hindi and English.
//!
//! The pipeline, one module per stage: [`load`] → [`link`] → [`parse`] →
//! [`site`] → [`render`] → [`feeds`] → [`social`] → [`write`], driven by
//! one [`engine`] for `build`, `build --watch` and `serve`.

#![warn(missing_docs)]

pub mod absolute;
pub mod aliases;
pub mod assets;
pub mod build;
pub mod config;
pub mod dates;
pub mod engine;
pub mod error;
pub mod feeds;
pub mod frontmatter;
pub mod highlight;
pub mod i18n;
pub mod language;
pub mod link;
pub mod load;
pub mod markdown;
pub mod page;
pub mod parse;
pub mod render;
pub mod scaffold;
pub mod seo;
pub mod serve;
#[allow(missing_docs)] // template-facing data, documented in docs/templates.md
pub mod services;
pub mod site;
pub mod sitemap;
pub mod slug;
pub mod social;
pub mod stdout;
pub mod stray;
pub mod templates;
pub mod text;
pub mod theme;
pub mod write;
pub mod xml;

pub use build::{build, BuildOptions, Report};
pub use error::{Diagnostic, Error, Result};
