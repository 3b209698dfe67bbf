//! The `samvad` command line. It parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use samvad::dates::{self, Date};
use samvad::{BuildOptions, Error};

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
    },
    /// Create a new post or page.
    New {
        #[command(subcommand)]
        what: NewWhat,
        /// Site root.
        #[arg(long, global = true, default_value = ".")]
        root: PathBuf,
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
    /// Output folder.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Site root (the folder with samvad.toml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Use another theme from themes/.
    #[arg(long)]
    theme: Option<String>,
    /// Pretend "now" is this date (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    clock: Option<String>,
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
            let opts = build_options(args)?;
            let report = samvad::build(&opts)?;
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!("{report}");
            Ok(())
        }
        Command::Init { dir, title } => {
            samvad::scaffold::init(&dir, &title, Date::now())?;
            println!("Created a new site in {}. Next: cd {} && samvad build", dir.display(), dir.display());
            Ok(())
        }
        Command::New { what, root } => {
            let path = match what {
                NewWhat::Post { title } => samvad::scaffold::new_post(&root, &title, Date::now())?,
                NewWhat::Page { title } => samvad::scaffold::new_page(&root, &title)?,
            };
            println!("Created {}", path.display());
            Ok(())
        }
    }
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
