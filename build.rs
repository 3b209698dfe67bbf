//! Rebuilds samvad when a file of the built-in themes is added, removed or
//! changed. `include_dir!` embeds each file with `include_bytes!`, so Cargo
//! sees an edited file on its own, but not a new or a deleted one.
fn main() {
    println!("cargo:rerun-if-changed=themes");
}
