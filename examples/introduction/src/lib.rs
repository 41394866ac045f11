//! A library that says which Rust compiler built it.

use std::ffi::{CStr, c_char};

const RUSTC_VERSION: &CStr = {
    let bytes = concat!(env!("FFI_BOOK_RUSTC_VERSION"), "\0").as_bytes();
    match CStr::from_bytes_with_nul(bytes) {
        Ok(version) => version,
        Err(_) => panic!("the version has no NUL byte inside"),
    }
};

// ANCHOR: rustc_version
/// The `rustc --version` line of the compiler that built this library.
///
/// Ownership: the string is static, part of the library itself. It stays
/// valid while the library is loaded; the caller must never free it.
#[unsafe(no_mangle)]
pub extern "C" fn rustc_version() -> *const c_char {
    RUSTC_VERSION.as_ptr()
}
// ANCHOR_END: rustc_version

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_rustc_version() {
        // SAFETY: rustc_version returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(rustc_version()) };
        let version = version.to_str().expect("UTF-8");
        assert!(version.starts_with("rustc 1."), "{version}");
    }
}
