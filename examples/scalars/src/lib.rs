//! Numbers and booleans across the boundary.
//!
//! For each number type, four functions let Python check the C type it
//! declares: `echo_*` returns its argument, and `size_of_*`, `min_*` and
//! `max_*` say what Rust knows about the type. Then three ways to add two
//! `i32`s, and a Rust `char` that crosses as a `u32`.
//!
//! Every value here is copied across the boundary. The one pointer, the
//! `sum` of `add_checked_i32`, belongs to the caller.

use std::ffi::c_char;

// ANCHOR: number_type
/// Exports four functions for the number type `$t`:
///
/// - `$echo(x)` returns `x` unchanged; every value of `$t` is valid;
/// - `$size_of()` returns `size_of::<$t>()`, in bytes;
/// - `$min()` and `$max()` return `<$t>::MIN` and `<$t>::MAX` (for the
///   floats: the lowest and the highest finite value).
macro_rules! number_type {
    ($t:ty, $echo:ident, $size_of:ident, $min:ident, $max:ident) => {
        #[doc = concat!("Returns `x`: every `", stringify!($t), "` is valid.")]
        #[unsafe(no_mangle)]
        pub extern "C" fn $echo(x: $t) -> $t {
            x
        }

        #[doc = concat!("`size_of::<", stringify!($t), ">()`, in bytes.")]
        #[unsafe(no_mangle)]
        pub extern "C" fn $size_of() -> usize {
            size_of::<$t>()
        }

        #[doc = concat!("`", stringify!($t), "::MIN`.")]
        #[unsafe(no_mangle)]
        pub extern "C" fn $min() -> $t {
            <$t>::MIN
        }

        #[doc = concat!("`", stringify!($t), "::MAX`.")]
        #[unsafe(no_mangle)]
        pub extern "C" fn $max() -> $t {
            <$t>::MAX
        }
    };
}

number_type!(i8, echo_i8, size_of_i8, min_i8, max_i8);
number_type!(u8, echo_u8, size_of_u8, min_u8, max_u8);
number_type!(i16, echo_i16, size_of_i16, min_i16, max_i16);
number_type!(u16, echo_u16, size_of_u16, min_u16, max_u16);
number_type!(i32, echo_i32, size_of_i32, min_i32, max_i32);
number_type!(u32, echo_u32, size_of_u32, min_u32, max_u32);
number_type!(i64, echo_i64, size_of_i64, min_i64, max_i64);
number_type!(u64, echo_u64, size_of_u64, min_u64, max_u64);
number_type!(isize, echo_isize, size_of_isize, min_isize, max_isize);
number_type!(usize, echo_usize, size_of_usize, min_usize, max_usize);
number_type!(f32, echo_f32, size_of_f32, min_f32, max_f32);
number_type!(f64, echo_f64, size_of_f64, min_f64, max_f64);
// C's `char`: `i8` on x86-64 Linux, `u8` on ARM Linux.
number_type!(c_char, echo_c_char, size_of_c_char, min_c_char, max_c_char);
// ANCHOR_END: number_type

// ANCHOR: bool
/// Returns `x`. A Rust `bool` must be the byte 0 or 1; any other byte is
/// undefined behaviour. cffi passes only 0 or 1 for a C `bool`.
#[unsafe(no_mangle)]
pub extern "C" fn echo_bool(x: bool) -> bool {
    x
}
// ANCHOR_END: bool

/// `size_of::<bool>()`, in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn size_of_bool() -> usize {
    size_of::<bool>()
}

/// The lowest `bool`: `false`.
#[unsafe(no_mangle)]
pub extern "C" fn min_bool() -> bool {
    false
}

/// The highest `bool`: `true`.
#[unsafe(no_mangle)]
pub extern "C" fn max_bool() -> bool {
    true
}

// ANCHOR: char
/// The number of bytes the character `code` takes in UTF-8, 1 to 4.
///
/// A Rust `char` is not FFI-safe: it crosses as a `u32` and is checked on
/// arrival. Returns -1 if `code` is not a valid `char`: a surrogate
/// (U+D800 to U+DFFF) or a value above U+10FFFF.
#[unsafe(no_mangle)]
pub extern "C" fn char_len_utf8(code: u32) -> i32 {
    match char::from_u32(code) {
        Some(c) => c.len_utf8() as i32, // 1 to 4: always fits
        None => -1,
    }
}
// ANCHOR_END: char

// ANCHOR: add
/// `a + b`, wrapping around on overflow: `i32::MAX + 1` is `i32::MIN`.
/// Every pair of `i32`s is valid.
#[unsafe(no_mangle)]
pub extern "C" fn add_wrapping_i32(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// `add_checked_i32` wrote the sum.
pub const ADD_OK: i32 = 0;
/// The sum does not fit in an `i32`; nothing was written.
pub const ADD_OVERFLOW: i32 = 1;
/// `sum` was NULL; nothing was written.
pub const ADD_NULL: i32 = 2;

/// Writes `a + b` into `*sum` and returns `ADD_OK`. If the sum does not
/// fit in an `i32`, returns `ADD_OVERFLOW`; if `sum` is NULL, returns
/// `ADD_NULL`. In both error cases `*sum` is left as it was.
///
/// # Safety
///
/// `sum` is NULL or points to an `i32` that the caller owns and that is
/// writable for the duration of the call. Rust keeps no copy of `sum`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn add_checked_i32(a: i32, b: i32, sum: *mut i32) -> i32 {
    if sum.is_null() {
        return ADD_NULL;
    }
    match a.checked_add(b) {
        Some(value) => {
            // SAFETY: `sum` is not NULL, and the caller promises that it
            // points to a writable `i32`.
            unsafe { sum.write(value) };
            ADD_OK
        }
        None => ADD_OVERFLOW,
    }
}

/// Wrong on purpose, for the book: the plain `a + b`. In a debug build an
/// overflowing sum panics, and since a panic cannot unwind out of an
/// `extern "C"` function, the whole process aborts. In a release build
/// the same sum wraps silently.
#[unsafe(no_mangle)]
pub extern "C" fn add_panicking_i32(a: i32, b: i32) -> i32 {
    a + b
}
// ANCHOR_END: add

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_return_the_extremes_unchanged() {
        assert_eq!(echo_i8(min_i8()), i8::MIN);
        assert_eq!(echo_u64(max_u64()), u64::MAX);
        assert_eq!(echo_f32(max_f32()), f32::MAX);
        assert_eq!(echo_f64(min_f64()), f64::MIN);
        assert!(echo_bool(max_bool()) && !echo_bool(min_bool()));
        assert_eq!(echo_c_char(max_c_char()), c_char::MAX);
    }

    #[test]
    fn sizes_are_rusts() {
        assert_eq!(size_of_i16(), 2);
        assert_eq!(size_of_u32(), 4);
        assert_eq!(size_of_f64(), 8);
        assert_eq!(size_of_usize(), size_of::<*const u8>());
        assert_eq!(size_of_bool(), 1);
        assert_eq!(size_of_c_char(), 1);
    }

    #[test]
    fn utf8_len_counts_bytes_and_rejects_non_chars() {
        assert_eq!(char_len_utf8('A' as u32), 1);
        assert_eq!(char_len_utf8('é' as u32), 2);
        assert_eq!(char_len_utf8('€' as u32), 3);
        assert_eq!(char_len_utf8('🦀' as u32), 4);
        assert_eq!(char_len_utf8(0xD800), -1);
        assert_eq!(char_len_utf8(0x11_0000), -1);
    }

    #[test]
    fn add_wrapping_wraps() {
        assert_eq!(add_wrapping_i32(i32::MAX, 1), i32::MIN);
        assert_eq!(add_wrapping_i32(-2, 1), -1);
    }

    #[test]
    fn add_checked_reports_overflow_and_null() {
        let mut sum = 7;
        // SAFETY: `sum` is a live, writable i32, or NULL.
        unsafe {
            assert_eq!(add_checked_i32(2, 3, &mut sum), ADD_OK);
            assert_eq!(sum, 5);
            assert_eq!(add_checked_i32(i32::MAX, 1, &mut sum), ADD_OVERFLOW);
            assert_eq!(add_checked_i32(i32::MIN, -1, &mut sum), ADD_OVERFLOW);
            assert_eq!(sum, 5);
            let null = std::ptr::null_mut();
            assert_eq!(add_checked_i32(2, 3, null), ADD_NULL);
        }
    }

    // add_panicking_i32 aborts the process even when a Rust test calls
    // it: the Python tests run it in a child process instead.
}
