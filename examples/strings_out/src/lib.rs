//! Text from Rust out to Python, two ways: Rust allocates and the caller
//! hands the string back to be freed, or the caller lends Rust a buffer.

use std::ffi::{CString, c_char};
use std::ptr;

// ANCHOR: install
// Count this library's live allocations; exports live_allocations().
counting_alloc::install!();
// ANCHOR_END: install

/// The text every function here returns: one decimal and the unit.
fn celsius_text(degrees: f64) -> String {
    format!("{degrees:.1} °C")
}

// ANCHOR: format_celsius
/// Formats `degrees` as UTF-8 text such as `21.5 °C`, in a new string.
///
/// Every `f64` is accepted: NaN gives `NaN °C`, the infinities `inf °C`
/// and `-inf °C`. Never returns NULL.
///
/// Ownership: the string is allocated by Rust's allocator and belongs to
/// the caller, who must pass it to `string_free` exactly once, and must
/// not use it after that. C's `free` must not be used on it.
#[unsafe(no_mangle)]
pub extern "C" fn format_celsius(degrees: f64) -> *mut c_char {
    match CString::new(celsius_text(degrees)) {
        // into_raw: Rust stops managing the memory; the caller owns it.
        Ok(text) => text.into_raw(),
        // Unreachable: formatted numbers contain no NUL byte.
        Err(_) => ptr::null_mut(),
    }
}

/// Frees a string returned by `format_celsius`. NULL is ignored.
///
/// # Safety
///
/// `text` is NULL, or a pointer that `format_celsius` returned and that
/// was not freed yet. Any other pointer, or a second free of the same
/// pointer, is undefined behaviour: Rust cannot detect it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn string_free(text: *mut c_char) {
    if text.is_null() {
        return;
    }
    // SAFETY: `text` came from CString::into_raw in format_celsius and is
    // freed only once (the caller's contract). from_raw takes ownership
    // back; dropping it returns the memory to Rust's allocator.
    drop(unsafe { CString::from_raw(text) });
}
// ANCHOR_END: format_celsius

// ANCHOR: format_celsius_into
/// Writes `degrees` as NUL-terminated UTF-8 text (as `format_celsius`)
/// into the caller's `buffer` of `capacity` bytes.
///
/// Returns the number of bytes the text needs, NUL included. If `buffer`
/// is NULL or `capacity` is smaller than that, writes nothing: the caller
/// can allocate the returned size and call again. Text is never cut, so
/// the buffer never holds half a character.
///
/// Ownership: `buffer` belongs to the caller, who allocates and frees it;
/// Rust writes into it only during this call and keeps nothing.
///
/// # Safety
///
/// `buffer` is NULL or points to at least `capacity` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn format_celsius_into(
    degrees: f64,
    buffer: *mut c_char,
    capacity: usize,
) -> usize {
    let text = celsius_text(degrees);
    let needed = text.len() + 1;
    if !buffer.is_null() && capacity >= needed {
        // SAFETY: `buffer` has `capacity >= needed` writable bytes (the
        // caller's contract), and Rust's `text` cannot overlap them.
        unsafe {
            ptr::copy_nonoverlapping(text.as_ptr(), buffer.cast(), text.len());
            buffer.add(text.len()).write(0);
        }
    }
    needed
}
// ANCHOR_END: format_celsius_into

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn formats_one_decimal_and_the_unit() {
        assert_eq!(celsius_text(21.5), "21.5 °C");
        assert_eq!(celsius_text(-40.0), "-40.0 °C");
        assert_eq!(celsius_text(f64::NAN), "NaN °C");
        assert_eq!(celsius_text(f64::NEG_INFINITY), "-inf °C");
    }

    #[test]
    fn a_returned_string_round_trips_through_string_free() {
        let text = format_celsius(21.5);
        // SAFETY: format_celsius returns a valid NUL-terminated string.
        let read = unsafe { CStr::from_ptr(text) };
        assert_eq!(read.to_str(), Ok("21.5 °C"));
        // SAFETY: `text` came from format_celsius and is freed once.
        unsafe { string_free(text) };
        // SAFETY: NULL is allowed and ignored.
        unsafe { string_free(ptr::null_mut()) };
    }

    #[test]
    fn a_small_buffer_is_left_untouched() {
        let mut buffer = [b'x' as c_char; 16];
        // SAFETY: `buffer` has 4 writable bytes, and 16 below.
        let needed =
            unsafe { format_celsius_into(21.5, buffer.as_mut_ptr(), 4) };
        assert_eq!(needed, "21.5 °C".len() + 1);
        assert!(buffer.iter().all(|&byte| byte == b'x' as c_char));
        // SAFETY: as above, with the full capacity.
        let written =
            unsafe { format_celsius_into(21.5, buffer.as_mut_ptr(), 16) };
        assert_eq!(written, needed);
        // SAFETY: Rust just wrote a NUL-terminated string into `buffer`.
        let read = unsafe { CStr::from_ptr(buffer.as_ptr()) };
        assert_eq!(read.to_str(), Ok("21.5 °C"));
    }

    #[test]
    fn a_null_buffer_only_asks_for_the_size() {
        // SAFETY: NULL is allowed: nothing is written.
        let needed = unsafe { format_celsius_into(0.0, ptr::null_mut(), 99) };
        assert_eq!(needed, "0.0 °C".len() + 1);
    }
}
