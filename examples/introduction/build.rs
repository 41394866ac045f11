//! Records which compiler builds this crate, for `rustc_version()`.

use std::process::Command;

fn main() {
    // Cargo tells build scripts which rustc it uses.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("`rustc --version` runs");
    let version = String::from_utf8(output.stdout).expect("UTF-8 version");
    println!("cargo::rustc-env=FFI_BOOK_RUSTC_VERSION={}", version.trim());
    println!("cargo::rerun-if-changed=build.rs");
}
