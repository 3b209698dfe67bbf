//! The `samvad` command line. It parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use samvad::dates::{self, Date};
use samvad::social::count::{Limits, Platform};
use samvad::{BuildOptions, Error};

/// mimalloc instead of the system allocator: a build makes and drops many
/// small strings and template values on every core, and glibc's malloc
/// spent a quarter of the render stage's time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tells mimalloc to keep the memory a one-shot command frees rather than
/// hand it back to the kernel a second later (its default). A build frees
/// its sources after parsing and then allocates as much again for the
/// lists and the social snippets; handed back, that memory comes back as
/// fresh pages the kernel must fault in and zero, which cost a tenth of a
/// 10,000-post build's CPU time. The process exits straight after, which
/// returns everything. `samvad serve` keeps the default, since it lives on.
fn keep_freed_memory() {
    // `mi_option_purge_delay` in mimalloc.h (the same in its v2 and v3);
    // -1 means never purge. libmimalloc-sys names only the older options.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mimalloc's options are atomics, safe to set from any thread
    // at any time; the value is one the option documents.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// A fast, Hindi-aware static site generator for chat professionals.
#[derive(Parser, Debug)]
#[command(name = "samvad", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into public/ (or --output).
    Build(BuildArgs),
    /// Create a new site in DIR.
    Init {
        /// Folder for the new site.
        dir: PathBuf,
        /// Site title.
        #[arg(long, default_value = "My samvad site")]
        title: String,
        /// Bundled theme to start with: `default` (an editorial blog) or
        /// `landing` (services first, then the blog).
        #[arg(long, default_value = "default")]
        theme: String,
    },
    /// Create a new post or page.
    New {
        #[command(subcommand)]
        what: NewWhat,
        /// Site root.
        #[arg(long, global = true, default_value = ".")]
        root: PathBuf,
    },
    /// Print a post's promotion text, or count a text as a platform does.
    Social(SocialArgs),
    /// Build, serve on 127.0.0.1 and rebuild on every edit, with live reload.
    Serve(ServeArgs),
    /// Work with themes.
    Theme {
        #[command(subcommand)]
        what: ThemeWhat,
    },
}

#[derive(Subcommand, Debug)]
enum ThemeWhat {
    /// Copy a built-in theme into themes/NAME/, where it replaces the
    /// built-in one for this site, to change it as a whole.
    Copy {
        /// The built-in theme: `default` or `landing`.
        name: String,
        /// Site root (the folder with samvad.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args, Debug)]
struct ServeArgs {
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to bind; only this machine can connect by default.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    future: bool,
    /// Open the site in a browser.
    #[arg(long)]
    open: bool,
    /// Site root (the folder with samvad.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Use another theme: a built-in one (`default`, `landing`) or a folder
    /// in themes/.
    #[arg(long)]
    theme: Option<String>,
}

/// `samvad social <post>` prints a post's snippets; `samvad social count …`
/// measures a text. `count` is a subcommand, so it wins over a post whose
/// slug is "count": show that post by its path instead
/// (`samvad social posts/count.md`).
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true, subcommand_required = false)]
struct SocialArgs {
    #[command(subcommand)]
    command: Option<SocialCommand>,
    /// The post: its slug, or its path (`content/posts/a.md` or `posts/a.md`).
    /// Drafts and future posts are found too, so text can be prepared
    /// before publishing.
    post: Option<String>,
    /// Only this platform (x, bluesky, mastodon, threads, linkedin, …).
    #[arg(long)]
    platform: Option<String>,
    /// Site root (the folder with samvad.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Subcommand, Debug)]
enum SocialCommand {
    /// Count TEXT as PLATFORM does and say whether it fits.
    Count {
        /// The platform (x, bluesky, mastodon, threads, linkedin, …).
        #[arg(long)]
        platform: String,
        /// Print JSON: {"platform","length","limit","fits","reason"}.
        #[arg(long)]
        json: bool,
        /// Site root, for [social.limits] in samvad.toml (used when present).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The text; `-` reads standard input.
        text: String,
    },
}

#[derive(Subcommand, Debug)]
enum NewWhat {
    /// A post in content/posts/, dated today.
    Post {
        /// The post's title (Hindi or English).
        title: String,
    },
    /// A page in content/.
    Page {
        /// The page's title.
        title: String,
    },
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    future: bool,
    /// Override base_url from samvad.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Output folder. samvad replaces only a folder it made itself or an
    /// empty one.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace the output folder even though samvad did not make it (never
    /// a file, a `.git` folder, the site or a folder holding it).
    #[arg(long)]
    force: bool,
    /// Neither read nor write the build cache (.samvad-cache/), which lets
    /// a build after a small edit skip what the edit did not change.
    #[arg(long)]
    no_cache: bool,
    /// Treat warnings about content (another generator's syntax left in a
    /// post, a control character) as errors; `strict = true` in samvad.toml
    /// does the same.
    #[arg(long)]
    strict: bool,
    /// Site root (the folder with samvad.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Use another theme: a built-in one (`default`, `landing`) or a folder
    /// in themes/.
    #[arg(long)]
    theme: Option<String>,
    /// Pretend "now" is this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    clock: Option<String>,
    /// Keep running and rebuild after every edit.
    #[arg(long)]
    watch: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Build(args) => {
            let watch = args.watch;
            let opts = build_options(args)?;
            if watch {
                return samvad::serve::watch_build(&opts);
            }
            keep_freed_memory();
            let report = samvad::build(&opts)?;
            for w in &report.warnings {
                eprintln!("{w}");
            }
            samvad::stdout::line(report);
            Ok(())
        }
        Command::Init { dir, title, theme } => {
            samvad::scaffold::init(&dir, &title, Date::now(), &theme)?;
            samvad::stdout::line(format_args!(
                "Created a new site in {}. Next: cd {} && samvad build",
                dir.display(),
                dir.display()
            ));
            Ok(())
        }
        Command::New { what, root } => {
            let path = match what {
                NewWhat::Post { title } => {
                    // Date the post in the site's time zone, so an evening post
                    // west of UTC is not "tomorrow" and left out as scheduled.
                    let config = samvad::config::Config::load(&root).ok();
                    let tz = config.as_ref().map_or(jiff::tz::TimeZone::UTC, |c| c.tz());
                    let lang = config.as_ref().map_or("en", |c| c.language.as_str());
                    samvad::scaffold::new_post(&root, &title, Date::now_in(&tz), lang)?
                }
                NewWhat::Page { title } => samvad::scaffold::new_page(&root, &title)?,
            };
            samvad::stdout::line(format_args!("Created {}", path.display()));
            Ok(())
        }
        Command::Social(args) => social(args),
        Command::Theme { what: ThemeWhat::Copy { name, root } } => {
            let to = samvad::scaffold::copy_theme(&root, &name)?;
            samvad::stdout::line(format_args!(
                "Copied the built-in theme `{name}` into {}; this site now uses that copy",
                to.display()
            ));
            Ok(())
        }
        Command::Serve(args) => samvad::serve::serve(samvad::serve::ServeOptions {
            build: BuildOptions {
                root: args.root,
                drafts: args.drafts,
                future: args.future,
                theme: args.theme,
                ..BuildOptions::default()
            },
            bind: args.bind,
            port: args.port,
            open: args.open,
        }),
    }
}

fn platform(name: &str) -> Result<Platform, Error> {
    Platform::parse(name).map_err(|why| {
        samvad::Diagnostic::general(format!("--platform: {why}")).hint("pass one of the names above").into()
    })
}

fn social(args: SocialArgs) -> Result<(), Error> {
    if let Some(SocialCommand::Count { platform: name, json, root, text }) = args.command {
        let platform = platform(&name)?;
        let text = if text == "-" {
            let mut buf = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf)
                .map_err(|e| Error::io("reading standard input", e))?;
            buf.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&buf).to_string()
        } else {
            text
        };
        // A site's own limits apply inside a site; elsewhere, the platform's.
        let limits = match root.join(samvad::config::CONFIG_FILE).is_file() {
            true => samvad::config::Config::load(&root)?.social.limits(),
            false => Limits::new(),
        };
        let (length, limit) = (platform.count(&text), limits.get(platform));
        let reason = platform.check(&text, limit).err().map(|why| why.to_string());
        if json {
            #[derive(serde::Serialize)]
            struct Count<'a> {
                platform: &'a str,
                length: usize,
                limit: usize,
                fits: bool,
                /// Why it does not fit; null when it does.
                reason: Option<String>,
            }
            let count = Count { platform: platform.name(), length, limit, fits: reason.is_none(), reason };
            samvad::stdout::line(serde_json::to_string(&count).expect("counts serialise"));
        } else {
            samvad::stdout::line(format_args!(
                "{}: {length}/{limit} ({})",
                platform.name(),
                reason.as_deref().unwrap_or("fits")
            ));
        }
        return Ok(());
    }
    let only = args.platform.as_deref().map(platform).transpose()?;
    let Some(wanted) = args.post else {
        return Err(samvad::Diagnostic::general("which post? pass its slug or path")
            .hint("samvad social <slug>, or samvad social count --platform x \"text\"")
            .into());
    };
    let opts = BuildOptions { root: args.root, drafts: true, future: true, ..BuildOptions::default() };
    let site = samvad::build::load_site(&opts)?;
    let key = wanted.replace('\\', "/");
    let key = key.trim_start_matches("./").trim_start_matches("content/");
    let post = site.posts().find(|p| p.slug == wanted || p.source == key || format!("posts/{key}") == p.source);
    let Some(post) = post else {
        let slugs: Vec<&str> = site.map.posts.iter().map(|p| p.outline.slug.as_str()).collect();
        let hint = match samvad::error::closest(&wanted, &slugs) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "pass a post's slug (its folder under /posts/) or its file under content/".to_string(),
        };
        return Err(samvad::Diagnostic::general(format!("no post `{wanted}`")).hint(hint).into());
    };
    let snippets = samvad::social::generate::for_post(site.config(), post);
    samvad::stdout::text(&samvad::social::output::markdown(post, &snippets, only));
    Ok(())
}

fn build_options(args: BuildArgs) -> Result<BuildOptions, Error> {
    let clock = match &args.clock {
        Some(raw) => Some(dates::parse(raw, &jiff::tz::TimeZone::UTC).map_err(|why| {
            samvad::Diagnostic::general(format!("--clock `{raw}` is not a date ({why})")).hint("use YYYY-MM-DD")
        })?),
        None => None,
    };
    Ok(BuildOptions {
        root: args.root,
        output: args.output,
        drafts: args.drafts,
        future: args.future,
        clock,
        base_url: args.base_url,
        theme: args.theme,
        force: args.force,
        no_cache: args.no_cache,
        strict: args.strict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
