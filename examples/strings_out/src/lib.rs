//! Text from Rust out to Python, two ways: Rust allocates and the caller
//! hands the string back to be freed, or the caller lends Rust a buffer.

use std::ffi::{CStr, CString, c_char};
use std::{ptr, slice, str};

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
/// was not freed yet, with its bytes unchanged. Any other pointer, or a
/// second free of the same pointer, is undefined behaviour: Rust cannot
/// detect it. So is a string the caller wrote a NUL into: `from_raw`
/// finds the length again with `strlen`, and would hand the allocator a
/// size that is not the one it allocated.
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

// ANCHOR: unit_symbol
/// The unit that every function here writes after the number, `°C`, as
/// NUL-terminated UTF-8.
///
/// Ownership: the bytes are part of the library itself (a `&'static
/// CStr`): valid for as long as the library is loaded, never freed, and
/// never written to by anyone.
#[unsafe(no_mangle)]
pub extern "C" fn unit_symbol() -> *const c_char {
    const UNIT: &CStr = c"°C"; // a C string literal: NUL added, checked
    UNIT.as_ptr()
}
// ANCHOR_END: unit_symbol

// ANCHOR: format_labelled
/// Formats `name` (`name_len` bytes of UTF-8, NUL allowed anywhere), a
/// colon and `degrees` as in `format_celsius`, such as `kitchen: 21.5 °C`.
/// Writes the text's length into `*len` and returns its first byte; the
/// text has no NUL at the end, and may hold NUL bytes from `name`.
///
/// Returns NULL, and writes nothing, if `name` or `len` is NULL,
/// `name_len` is over `isize::MAX` (more than any buffer holds) or the
/// name is not UTF-8.
///
/// Ownership: Rust allocates the bytes; the caller owns them and passes
/// the pointer and the length, unchanged, to `bytes_free` exactly once.
///
/// # Safety
///
/// `name` is NULL or points to `name_len` readable bytes that nothing
/// writes during the call; `len` is NULL or points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn format_labelled(
    name: *const c_char,
    name_len: usize,
    degrees: f64,
    len: *mut usize,
) -> *mut u8 {
    if name.is_null() || len.is_null() || name_len > isize::MAX as usize {
        return ptr::null_mut();
    }
    // SAFETY: not NULL, at most isize::MAX bytes, and `name_len` readable
    // bytes (the contract).
    let name = unsafe { slice::from_raw_parts(name.cast::<u8>(), name_len) };
    let Ok(name) = str::from_utf8(name) else {
        return ptr::null_mut();
    };
    let text = format!("{name}: {}", celsius_text(degrees));
    let bytes: Box<[u8]> = text.into_bytes().into_boxed_slice();
    // SAFETY: `len` is not NULL and points to a writable size_t.
    unsafe { len.write(bytes.len()) };
    Box::into_raw(bytes).cast::<u8>()
}

/// Frees bytes returned by `format_labelled`. NULL is ignored.
///
/// # Safety
///
/// `bytes` is NULL, or a pointer that `format_labelled` returned, not
/// freed yet, with `len` the length it wrote. The length comes from the
/// caller, not from a NUL, so the bytes may hold anything.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bytes_free(bytes: *mut u8, len: usize) {
    if bytes.is_null() {
        return;
    }
    let bytes = ptr::slice_from_raw_parts_mut(bytes, len);
    // SAFETY: from Box::into_raw of a Box<[u8]> of `len` bytes in
    // format_labelled, freed once (the caller's contract).
    drop(unsafe { Box::from_raw(bytes) });
}
// ANCHOR_END: format_labelled

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_buffer_of_exactly_the_size_is_enough() {
        let needed = "21.5 °C".len() + 1;
        let mut buffer = [b'x' as c_char; 9];
        assert_eq!(buffer.len(), needed);
        // SAFETY: `buffer` has `needed` writable bytes.
        let written =
            unsafe { format_celsius_into(21.5, buffer.as_mut_ptr(), needed) };
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

    #[test]
    fn the_unit_is_static() {
        // SAFETY: unit_symbol returns a NUL-terminated static string.
        let unit = unsafe { CStr::from_ptr(unit_symbol()) };
        assert_eq!(unit.to_str(), Ok("°C"));
        assert_eq!(unit_symbol(), unit_symbol()); // the same bytes each time
    }

    #[test]
    fn labelled_text_keeps_every_byte_of_the_name() {
        let name = "a\0b";
        let mut len = 0;
        // SAFETY: valid name bytes and a writable length.
        let text = unsafe {
            format_labelled(name.as_ptr().cast(), name.len(), 1.0, &mut len)
        };
        // SAFETY: `len` bytes at `text`, from format_labelled.
        let bytes = unsafe { slice::from_raw_parts(text, len) };
        assert_eq!(bytes, "a\0b: 1.0 °C".as_bytes());
        // SAFETY: the pointer and length format_labelled gave, freed once.
        unsafe {
            bytes_free(text, len);
            bytes_free(ptr::null_mut(), 3);
        }
    }

    #[test]
    fn labelled_text_refuses_null_and_bad_utf8() {
        let mut len = 7;
        // SAFETY: NULL pointers and lengths over isize::MAX are refused
        // before any read; the byte slice is valid.
        unsafe {
            assert!(format_labelled(ptr::null(), 1, 0.0, &mut len).is_null());
            let name = b"\xff";
            let bad = format_labelled(name.as_ptr().cast(), 1, 0.0, &mut len);
            assert!(bad.is_null());
            let huge = isize::MAX as usize + 1; // refused before any read
            let long = format_labelled(c"a".as_ptr(), huge, 0.0, &mut len);
            assert!(long.is_null());
            let none = format_labelled(name.as_ptr().cast(), 1, 0.0, {
                ptr::null_mut()
            });
            assert!(none.is_null());
        }
        assert_eq!(len, 7); // nothing written
    }
}
