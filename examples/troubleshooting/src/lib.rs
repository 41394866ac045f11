//! A small library to get wrong, one common way at a time.

use std::ffi::{CStr, c_char};

/// Adds two, wrapping at the top of the range: every input has a result.
#[unsafe(no_mangle)]
pub extern "C" fn add_two(x: i32) -> i32 {
    x.wrapping_add(2)
}

// ANCHOR: scale
/// `value` times two if `double` is true, else `value` unchanged.
#[unsafe(no_mangle)]
pub extern "C" fn scale(value: f64, double: bool) -> f64 {
    if double { value * 2.0 } else { value }
}
// ANCHOR_END: scale

// ANCHOR: greeting
/// A greeting: a pointer to a static NUL-terminated string, valid while
/// the library is loaded. Never NULL; nobody frees it.
#[unsafe(no_mangle)]
pub extern "C" fn greeting() -> *const c_char {
    const GREETING: &CStr = c"hello from Rust";
    GREETING.as_ptr()
}
// ANCHOR_END: greeting

// ANCHOR: read_value
/// The `int64_t` that `value` points to.
///
/// # Safety
///
/// `value` must point to a readable, aligned `int64_t`. NULL is not
/// checked, on purpose: this function shows what happens without the
/// check.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn read_value(value: *const i64) -> i64 {
    // SAFETY: the caller promises a valid pointer (see # Safety).
    unsafe { *value }
}
// ANCHOR_END: read_value

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_functions_work_with_valid_input() {
        assert_eq!(add_two(i32::MAX), i32::MIN + 1);
        assert_eq!(scale(1.5, true), 3.0);
        assert_eq!(scale(1.5, false), 1.5);
        // SAFETY: greeting returns a static NUL-terminated string.
        let text = unsafe { CStr::from_ptr(greeting()) };
        assert_eq!(text.to_str(), Ok("hello from Rust"));
        let value = 42;
        // SAFETY: `value` is a valid i64.
        assert_eq!(unsafe { read_value(&value) }, 42);
    }
}
