//! A small library to get wrong, one common way at a time.

use std::ffi::{CStr, c_char};
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};

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

// ANCHOR: count_bytes
/// The number of bytes in `text` before its NUL; 0 for NULL.
///
/// # Safety
///
/// `text` is NULL or points to a NUL-terminated string that stays valid
/// for the call. Rust only reads it, and keeps nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_bytes(text: *const c_char) -> usize {
    if text.is_null() {
        return 0;
    }
    // SAFETY: not NULL, and NUL-terminated by the caller's promise.
    unsafe { CStr::from_ptr(text) }.count_bytes()
}
// ANCHOR_END: count_bytes

// ANCHOR: keep
/// The pointer `keep` was last given; NULL before the first call.
static KEPT: AtomicPtr<i64> = AtomicPtr::new(ptr::null_mut());

/// Remembers `value` for `read_kept`, without copying it: the memory
/// stays the caller's, and must stay valid until the last `read_kept`.
#[unsafe(no_mangle)]
pub extern "C" fn keep(value: *const i64) {
    // Release: a `read_kept` on another thread that loads this pointer
    // also sees what the caller wrote to `*value` before this call.
    KEPT.store(value.cast_mut(), Ordering::Release);
}

/// The `int64_t` that the pointer given to `keep` points to now; 0 if
/// `keep` was never called or was given NULL.
///
/// # Safety
///
/// The memory given to `keep` must still be valid: its owner alive.
/// From any thread (cffi releases the GIL during the call): no thread may
/// free or write that memory while `read_kept` reads it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn read_kept() -> i64 {
    let value = KEPT.load(Ordering::Acquire); // pairs with keep's Release
    if value.is_null() {
        return 0;
    }
    // SAFETY: the caller promises the kept memory is still valid.
    unsafe { *value }
}
// ANCHOR_END: keep

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

    #[test]
    fn count_bytes_counts_and_accepts_null() {
        // SAFETY: a static NUL-terminated string, and NULL.
        unsafe {
            assert_eq!(count_bytes(c"héllo".as_ptr()), 6);
            assert_eq!(count_bytes(ptr::null()), 0);
        }
    }

    #[test]
    fn read_kept_reads_what_keep_was_given_while_it_lives() {
        let value = 7;
        keep(&value);
        // SAFETY: `value` is alive until the end of the test.
        assert_eq!(unsafe { read_kept() }, 7);
        keep(ptr::null());
        // SAFETY: NULL is checked.
        assert_eq!(unsafe { read_kept() }, 0);
    }
}
