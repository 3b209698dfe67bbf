//! `[social]` in `samvad.toml`: UTM tagging, X threads and per-platform
//! limit overrides, checked when the config is read.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::key_line;
use crate::error::Diagnostic;

/// Keys `[social]` accepts, for "did you mean".
pub const KEYS: &[&str] = &["utm", "utm_source", "utm_medium", "utm_campaign", "x_thread", "limits"];

/// Promotion text settings (`[social]`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SocialConfig {
    /// Tag shared links with UTM parameters.
    pub utm: bool,
    /// Name of the parameter carrying the platform.
    pub utm_source: String,
    /// Name of the parameter carrying the medium (`social`).
    pub utm_medium: String,
    /// Name of the parameter carrying the post's slug.
    pub utm_campaign: String,
    /// Offer X text as a numbered thread when it is too long for one post.
    pub x_thread: bool,
    /// Per-platform length limits overriding the platforms' own
    /// (`[social.limits] mastodon = 1000`), checked by [`Config::parse`].
    pub limits: BTreeMap<String, usize>,
}

impl Default for SocialConfig {
    fn default() -> Self {
        SocialConfig {
            utm: true,
            utm_source: "utm_source".into(),
            utm_medium: "utm_medium".into(),
            utm_campaign: "utm_campaign".into(),
            x_thread: false,
            limits: BTreeMap::new(),
        }
    }
}

impl SocialConfig {
    /// The limit in force for each platform. Unknown names were rejected
    /// when the config was parsed, so they are skipped here.
    pub fn limits(&self) -> crate::social::count::Limits {
        let mut limits = crate::social::count::Limits::new();
        for (name, &limit) in &self.limits {
            if let Ok(p) = crate::social::count::Platform::parse(name) {
                limits.with_override(p, limit);
            }
        }
        limits
    }
}

impl SocialConfig {
    /// Problems with `[social]`, located in the config `text`.
    pub fn validate(&self, text: &str, path: &Path) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        for (name, &limit) in &self.limits {
            let line =
                crate::parse::field_line(text, &format!("social.limits.{name}")).or_else(|| key_line(text, name));
            let mut d = match crate::social::count::Platform::parse(name) {
                Err(why) => Diagnostic::new(path, format!("[social.limits]: {why}"))
                    .hint("use a platform name such as `x` or `mastodon`"),
                Ok(_) if limit == 0 => Diagnostic::new(path, format!("[social.limits] {name} must be at least 1"))
                    .hint("leave it out to use the platform's own limit"),
                Ok(_) => continue,
            };
            if let Some(line) = line {
                d = d.at_line(line);
            }
            diags.push(d);
        }
        for key in ["utm_source", "utm_medium", "utm_campaign"] {
            let value = match key {
                "utm_source" => &self.utm_source,
                "utm_medium" => &self.utm_medium,
                _ => &self.utm_campaign,
            };
            if value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) {
                diags.push(
                    Diagnostic::new(path, format!("social.{key} `{value}` is not a usable query parameter name"))
                        .at_line(crate::parse::field_line(text, &format!("social.{key}")).unwrap_or(1))
                        .hint("use letters, digits, `_`, `-` or `.`, e.g. \"utm_source\""),
                );
            }
        }
        diags
    }
}
