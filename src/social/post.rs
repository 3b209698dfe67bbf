//! A post's own `[social]` front matter: a hook for every platform, and
//! per-platform overrides.
//!
//! ```toml
//! [social]
//! hook = "The one line that makes people click"
//! [social.x]
//! text = "Exactly what to post on X, link included"
//! [social.linkedin]
//! hook = "A longer hook for LinkedIn only"
//! ```
//!
//! A platform's `text` is posted as written (the writer includes the link if
//! they want one), so it must fit that platform's limit as the platform
//! counts it; a `hook` replaces only the opening and is cut to fit like any
//! generated hook.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::count::{Limits, Platform, Unfit};
use crate::error::Diagnostic;

/// Keys a platform table may hold.
const PLATFORM_KEYS: &[&str] = &["text", "hook"];

/// What one platform's table says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Override {
    /// The whole snippet, posted as written.
    pub text: Option<String>,
    /// The opening, used instead of the post's hook.
    pub hook: Option<String>,
}

/// A post's `[social]` front matter, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PostSocial {
    /// `[social] hook`: the opening line for every platform.
    pub hook: Option<String>,
    /// `[social.<platform>]` tables.
    pub platforms: BTreeMap<Platform, Override>,
}

impl PostSocial {
    /// The override for `platform`, if the post has one.
    pub fn get(&self, platform: Platform) -> Option<&Override> {
        self.platforms.get(&platform)
    }
}

/// Reads and checks `value` (the front matter's `social`). `front` is the
/// file text up to the body, so lines are file lines; `path` names the file.
pub fn read(value: &Value, front: &str, path: &Path, limits: &Limits) -> Result<PostSocial, Vec<Diagnostic>> {
    let mut out = PostSocial::default();
    let mut diags = Vec::new();
    let line = |field: &str| social_line(front, field);
    let table = match value {
        Value::Null => return Ok(out),
        Value::Object(t) => t,
        _ => {
            let d = Diagnostic::new(path, "`social` must be a table")
                .at_line(line("social"))
                .hint("write [social] with hook = \"…\" and [social.x] text = \"…\" below it");
            return Err(vec![d]);
        }
    };
    for (key, v) in table {
        let field = format!("social.{key}");
        if key == "hook" {
            match v.as_str() {
                Some(s) if !s.trim().is_empty() => out.hook = Some(s.trim().to_string()),
                _ => diags.push(
                    Diagnostic::new(path, "[social] hook must be a non-empty string")
                        .at_line(line(&field))
                        .hint("put the hook in quotes, or leave it out to use the description"),
                ),
            }
            continue;
        }
        let platform = match Platform::parse(key) {
            Ok(p) => p,
            Err(why) => {
                diags.push(
                    Diagnostic::new(path, format!("[social]: {why}"))
                        .at_line(line(&field))
                        .hint("besides the platform tables, [social] takes only `hook`"),
                );
                continue;
            }
        };
        let Value::Object(inner) = v else {
            diags.push(
                Diagnostic::new(path, format!("[social.{key}] must be a table"))
                    .at_line(line(&field))
                    .hint(format!("write [social.{key}] on its own line, then text = \"…\"")),
            );
            continue;
        };
        let o = read_override(inner, platform, &field, &Ctx { front, path, limits }, &mut diags);
        out.platforms.insert(platform, o);
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// Where overrides are read from, for messages.
struct Ctx<'a> {
    front: &'a str,
    path: &'a Path,
    limits: &'a Limits,
}

/// Reads one `[social.<platform>]` table: `text` must fit the platform as
/// it counts, `hook` replaces the generated hook.
fn read_override(
    inner: &serde_json::Map<String, Value>,
    platform: Platform,
    field: &str,
    ctx: &Ctx,
    diags: &mut Vec<Diagnostic>,
) -> Override {
    let mut o = Override::default();
    for (k, val) in inner {
        let at = social_line(ctx.front, &format!("{field}.{k}"));
        if !PLATFORM_KEYS.contains(&k.as_str()) {
            let hint = match crate::error::closest(k, PLATFORM_KEYS) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("valid keys are: {}", PLATFORM_KEYS.join(", ")),
            };
            diags.push(Diagnostic::new(ctx.path, format!("unknown key `{field}.{k}`")).at_line(at).hint(hint));
            continue;
        }
        let Some(s) = val.as_str().map(str::trim).filter(|s| !s.is_empty()) else {
            diags.push(
                Diagnostic::new(ctx.path, format!("[{field}] {k} must be a non-empty string"))
                    .at_line(at)
                    .hint("put the text in quotes"),
            );
            continue;
        };
        if k == "hook" {
            o.hook = Some(s.to_string());
            continue;
        }
        let limit = ctx.limits.get(platform);
        if let Err(why) = platform.check(s, limit) {
            diags.push(unfit_text(ctx.path, field, platform, why).at_line(at));
            continue;
        }
        o.text = Some(s.to_string());
    }
    o
}

/// The error for a `[social.<platform>] text` the platform would refuse.
fn unfit_text(path: &Path, field: &str, platform: Platform, why: Unfit) -> Diagnostic {
    let name = display_name(platform);
    match why {
        Unfit::TooLong { length, limit } => {
            Diagnostic::new(path, format!("[{field}] text is {length} long as {name} counts it; the limit is {limit}"))
                .hint(format!("shorten it, or raise [social.limits] {} in samvad.toml", platform.name()))
        }
        Unfit::TooManyHashtags { .. } => {
            Diagnostic::new(path, format!("[{field}] text cannot go on {name}: {why}")).hint("remove hashtags")
        }
        _ => Diagnostic::new(path, format!("[{field}] text cannot go on {name}: {why}"))
            .hint("remove that invisible character from the text"),
    }
}

/// The file line of `social.<key>[.<sub>]` in TOML (`[social.x]` then
/// `text = …`, or `[social]` then `x = …`) or YAML (`social:` then
/// `  x:` then `    text:`), else the line of `social`, else 1.
fn social_line(front: &str, field: &str) -> usize {
    let lines: Vec<&str> = front.lines().collect();
    let sets = |l: &str, key: &str| {
        let l = l.trim_start().trim_start_matches('"');
        l.strip_prefix(key).is_some_and(|r| {
            let r = r.trim_start_matches('"').trim_start();
            r.starts_with('=') || r.starts_with(':')
        })
    };
    let social = crate::config::key_line(front, "social");
    let mut steps = field.split('.').skip(1);
    let Some(key) = steps.next() else { return social.unwrap_or(1) };
    let header = format!("[social.{key}]");
    let from = social.unwrap_or(1) - 1;
    let found =
        lines.iter().position(|l| l.trim() == header).or_else(|| (from..lines.len()).find(|&i| sets(lines[i], key)));
    let Some(at) = found else { return social.unwrap_or(1) };
    match steps.next() {
        None => at + 1,
        Some(sub) => (at..lines.len()).find(|&i| sets(lines[i], sub)).map_or(at + 1, |i| i + 1),
    }
}

/// The platform's name as people write it ("X", "LinkedIn").
pub fn display_name(p: Platform) -> &'static str {
    match p {
        Platform::X => "X",
        Platform::Bluesky => "Bluesky",
        Platform::Mastodon => "Mastodon",
        Platform::Threads => "Threads",
        Platform::Linkedin => "LinkedIn",
        Platform::Facebook => "Facebook",
        Platform::Instagram => "Instagram",
        Platform::Whatsapp => "WhatsApp",
        Platform::Telegram => "Telegram",
        Platform::TelegramCaption => "Telegram (caption)",
        Platform::Pinterest => "Pinterest",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_toml(front: &str) -> Result<PostSocial, Vec<Diagnostic>> {
        let table: toml::Table = toml::from_str(front.trim_start_matches("+++\n")).unwrap();
        let value = serde_json::to_value(&table).unwrap();
        read(value.get("social").unwrap_or(&Value::Null), front, Path::new("content/posts/a.md"), &Limits::new())
    }

    #[test]
    fn reads_hook_and_overrides() {
        let s = read_toml("+++\ntitle = \"t\"\n[social]\nhook = \"Hi\"\n[social.x]\ntext = \"Short\"\n[social.linkedin]\nhook = \"Long\"\n")
            .unwrap();
        assert_eq!(s.hook.as_deref(), Some("Hi"));
        assert_eq!(s.get(Platform::X).unwrap().text.as_deref(), Some("Short"));
        assert_eq!(s.get(Platform::Linkedin).unwrap().hook.as_deref(), Some("Long"));
    }

    #[test]
    fn unknown_platform_has_its_line_and_the_valid_names() {
        let errs =
            read_toml("+++\ntitle = \"t\"\n[social]\nhook = \"Hi\"\n[social.twiter]\ntext = \"x\"\n").unwrap_err();
        assert_eq!(errs[0].line, Some(5), "{}", errs[0]);
        assert!(errs[0].message.contains("bluesky") && errs[0].message.contains("twiter"), "{}", errs[0]);
    }

    #[test]
    fn lines_in_toml_and_yaml() {
        let toml = "+++\n[social]\nhook = \"h\"\n[social.x]\ntext = \"t\"\n";
        assert_eq!(social_line(toml, "social.hook"), 3);
        assert_eq!(social_line(toml, "social.x"), 4);
        assert_eq!(social_line(toml, "social.x.text"), 5);
        let yaml = "---\ntitle: t\nsocial:\n  hook: h\n  x:\n    text: t\n";
        assert_eq!(social_line(yaml, "social.x.text"), 6);
        assert_eq!(social_line(yaml, "social.hook"), 4);
    }

    #[test]
    fn an_override_that_does_not_fit_is_an_error() {
        let long = "a".repeat(291);
        let errs = read_toml(&format!("+++\ntitle = \"t\"\n[social.x]\ntext = \"{long}\"\n")).unwrap_err();
        let text = errs[0].to_string();
        assert!(
            text.starts_with(
                "content/posts/a.md:4: error: [social.x] text is 291 long as X counts it; the limit is 280"
            ),
            "{text}"
        );
    }

    #[test]
    fn an_override_instagram_would_refuse_says_why() {
        let tags = "#a #b #c #d #e #f";
        let errs = read_toml(&format!("+++\ntitle = \"t\"\n[social.instagram]\ntext = \"{tags}\"\n")).unwrap_err();
        let text = errs[0].to_string();
        let want = "content/posts/a.md:4: error: [social.instagram] text cannot go on Instagram: too many hashtags: 6 of at most 5";
        assert!(text.starts_with(want), "{text}");
        let errs = read_toml("+++\ntitle = \"t\"\n[social.x]\ntext = \"hi\\uFEFF\"\n").unwrap_err();
        assert!(errs[0].to_string().contains("[social.x] text cannot go on X: holds U+FEFF"), "{}", errs[0]);
        assert!(read_toml(&format!("+++\ntitle = \"t\"\n[social.threads]\ntext = \"{tags}\"\n")).is_ok());
    }
}
