// An exported function without `extern "C"`: it uses the Rust calling
// convention. rustc says nothing; clippy's no_mangle_with_rust_abi does.

/// Returns `x + 2`, wrapping around at `i32::MAX`.
#[unsafe(no_mangle)]
pub fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}
