//! Standard output for every command.
//!
//! A reader may stop early: `samvad social my-post | head -1` closes the
//! pipe after one line. That is a normal end, not a failure, so samvad then
//! exits at once with status 0 and says nothing, as ripgrep does. (Rust
//! ignores SIGPIPE, so the write comes back as an error, on which
//! `println!` would panic.) Any other failure to write, such as a full
//! disk behind `> file`, ends the command with an error and status 1.

use std::fmt::Display;
use std::io::Write;

/// Prints `text` and a newline.
pub fn line(text: impl Display) {
    finish(writeln!(std::io::stdout().lock(), "{text}"));
}

/// Prints `text` as it is.
pub fn text(text: &str) {
    finish(std::io::stdout().lock().write_all(text.as_bytes()));
}

/// Flushes, so a closed pipe is found now rather than at exit, where the
/// error would go unseen.
fn finish(written: std::io::Result<()>) {
    match written.and_then(|()| std::io::stdout().flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("{}", crate::Error::io("writing to standard output", e));
            std::process::exit(1);
        }
    }
}
