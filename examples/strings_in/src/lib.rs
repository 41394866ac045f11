//! Text from Python into Rust: `*const c_char` to `&str`, checked.
//!
//! Every function that takes text returns a [`Status`], so that a NULL
//! pointer or bytes that are not UTF-8 become an error code, never a panic.

use std::collections::BTreeSet;
use std::ffi::{CStr, c_char};
use std::sync::{Mutex, MutexGuard, PoisonError};

counting_alloc::install!();

// ANCHOR: status
/// What a call did, as an `int32_t` for C.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success: the out-parameters are written.
    Ok = 0,
    /// A pointer argument was NULL: nothing was read or written.
    Null = 1,
    /// The text was not UTF-8: nothing was written.
    NotUtf8 = 2,
    /// A length was over `isize::MAX` bytes, more than any buffer can
    /// hold: nothing was read or written.
    TooLong = 3,
}
// ANCHOR_END: status

// ANCHOR: borrow_text
/// Borrows the NUL-terminated UTF-8 text at `text` as a `&str`.
///
/// The `&str` points into the caller's memory: no copy is made.
///
/// # Safety
///
/// `text` is NULL, or points to bytes that end with a NUL, stay allocated
/// and do not change for as long as the returned `&str` is used.
unsafe fn borrow_text<'a>(text: *const c_char) -> Result<&'a str, Status> {
    if text.is_null() {
        return Err(Status::Null);
    }
    // SAFETY: not NULL, and the caller promises a NUL-terminated string
    // that outlives 'a. from_ptr scans for the NUL, like C's strlen.
    let bytes = unsafe { CStr::from_ptr(text) };
    bytes.to_str().map_err(|_| Status::NotUtf8)
}
// ANCHOR_END: borrow_text

// ANCHOR: count_chars
/// Counts the characters (Unicode scalar values) of `text` into `*chars`.
///
/// `text` is read up to its first NUL byte. Returns `Status::Null` if
/// `text` or `chars` is NULL, `Status::NotUtf8` if the bytes before the
/// NUL are not UTF-8, and `Status::Ok` otherwise. `*chars` is written only
/// on `Status::Ok`.
///
/// Ownership: both pointers belong to the caller and are only used during
/// this call; Rust keeps neither.
///
/// # Safety
///
/// `text` is NULL or a NUL-terminated string that nothing writes during
/// the call; `chars` is NULL or points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_chars(
    text: *const c_char,
    chars: *mut usize,
) -> Status {
    if chars.is_null() {
        return Status::Null;
    }
    // SAFETY: the caller's contract above; the &str lives only in here.
    match unsafe { borrow_text(text) } {
        Ok(text) => {
            // SAFETY: `chars` is not NULL and points to a writable size_t.
            unsafe { chars.write(text.chars().count()) };
            Status::Ok
        }
        Err(status) => status,
    }
}
// ANCHOR_END: count_chars

// ANCHOR: count_chars_len
/// Counts the characters of the `len` bytes at `text` into `*chars`. The
/// bytes need no NUL at the end, and a NUL among them is a character like
/// any other.
///
/// NULL with `len` 0 is the empty text. Returns `Status::Null` if `chars`
/// is NULL, or `text` is NULL with `len` > 0; `Status::TooLong` if `len`
/// is over `isize::MAX`; `Status::NotUtf8` if the bytes are not UTF-8;
/// `Status::Ok` otherwise, the only case where `*chars` is written.
///
/// Ownership: as `count_chars`; Rust reads the bytes during this call only.
///
/// # Safety
///
/// `text` is NULL or points to `len` readable bytes that nothing writes
/// during the call; `chars` is NULL or points to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_chars_len(
    text: *const c_char,
    len: usize,
    chars: *mut usize,
) -> Status {
    if chars.is_null() || (text.is_null() && len > 0) {
        return Status::Null;
    }
    if len > isize::MAX as usize {
        return Status::TooLong; // from_raw_parts' limit: never reach it
    }
    let bytes = if len == 0 {
        &[][..]
    } else {
        // SAFETY: not NULL, at most isize::MAX bytes, and `len` readable
        // bytes (the caller's contract); the slice lives only in here.
        unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) }
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            // SAFETY: `chars` is not NULL and points to a writable size_t.
            unsafe { chars.write(text.chars().count()) };
            Status::Ok
        }
        Err(_) => Status::NotUtf8,
    }
}
// ANCHOR_END: count_chars_len

// ANCHOR: vocabulary
/// Words the library keeps between calls: Rust's own copies.
static VOCABULARY: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

fn vocabulary() -> MutexGuard<'static, BTreeSet<String>> {
    // A panic while the lock was held cannot leave a half-changed set,
    // so a poisoned lock is safe to use: never panic here.
    VOCABULARY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Adds a copy of `word` to the vocabulary; adding a word twice keeps one.
///
/// Returns `Status::Null` if `word` is NULL, `Status::NotUtf8` if it is
/// not UTF-8 (nothing is added), `Status::Ok` otherwise.
///
/// Ownership: `word` belongs to the caller and is read only during this
/// call. The vocabulary keeps its own copy, allocated by Rust and freed by
/// `vocabulary_clear`, so the caller may free or reuse `word` at once.
///
/// # Safety
///
/// `word` is NULL or a NUL-terminated string that nothing writes during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vocabulary_add(word: *const c_char) -> Status {
    // SAFETY: the caller's contract above; the &str lives only in here.
    match unsafe { borrow_text(word) } {
        Ok(word) => {
            // Copy now: after this call, `word` may point to anything.
            vocabulary().insert(word.to_owned());
            Status::Ok
        }
        Err(status) => status,
    }
}
// ANCHOR_END: vocabulary

/// Writes into `*found` whether the vocabulary holds `word`.
///
/// Returns `Status::Null` if `word` or `found` is NULL, `Status::NotUtf8`
/// if `word` is not UTF-8, `Status::Ok` otherwise; `*found` is written
/// only on `Status::Ok`. Both pointers belong to the caller and are only
/// used during this call.
///
/// # Safety
///
/// `word` is NULL or a NUL-terminated string that nothing writes during
/// the call; `found` is NULL or points to a writable `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn vocabulary_contains(
    word: *const c_char,
    found: *mut bool,
) -> Status {
    if found.is_null() {
        return Status::Null;
    }
    // SAFETY: the caller's contract above; the &str lives only in here.
    match unsafe { borrow_text(word) } {
        Ok(word) => {
            let contains = vocabulary().contains(word);
            // SAFETY: `found` is not NULL and points to a writable bool.
            unsafe { found.write(contains) };
            Status::Ok
        }
        Err(status) => status,
    }
}

/// The number of words in the vocabulary. Takes no input; cannot fail.
#[unsafe(no_mangle)]
pub extern "C" fn vocabulary_len() -> usize {
    vocabulary().len()
}

/// Empties the vocabulary and frees every copy it held. Cannot fail.
#[unsafe(no_mangle)]
pub extern "C" fn vocabulary_clear() {
    vocabulary().clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_len(bytes: &[u8]) -> (Status, usize) {
        let mut chars = 99;
        // SAFETY: `bytes` is readable for its length; `chars` is writable.
        let status = unsafe {
            count_chars_len(bytes.as_ptr().cast(), bytes.len(), &mut chars)
        };
        (status, chars)
    }

    #[test]
    fn pointer_and_length_count_past_a_nul() {
        assert_eq!(count_len(b"ab\0cd"), (Status::Ok, 5));
        assert_eq!(count_len("héllo".as_bytes()), (Status::Ok, 5));
        assert_eq!(count_len(b""), (Status::Ok, 0));
        assert_eq!(count_len(b"caf\xe9"), (Status::NotUtf8, 99));
        let mut chars = 99;
        // SAFETY: NULL is checked before any read; `chars` is writable.
        unsafe {
            let null = std::ptr::null();
            assert_eq!(count_chars_len(null, 0, &mut chars), Status::Ok);
            assert_eq!(chars, 0);
            chars = 99;
            assert_eq!(count_chars_len(null, 1, &mut chars), Status::Null);
            assert_eq!(chars, 99);
            let none = std::ptr::null_mut();
            assert_eq!(count_chars_len(c"a".as_ptr(), 1, none), Status::Null);
        }
    }

    #[test]
    fn a_length_over_isize_max_is_refused_before_any_read() {
        for len in [isize::MAX as usize + 1, usize::MAX] {
            let mut chars = 99;
            // SAFETY: the length is refused before `text` is read.
            let status =
                unsafe { count_chars_len(c"a".as_ptr(), len, &mut chars) };
            assert_eq!((status, chars), (Status::TooLong, 99));
        }
    }
    use std::ptr;

    fn count(text: &[u8]) -> (Status, usize) {
        let mut chars = usize::MAX;
        // SAFETY: every test string ends with a NUL; `chars` is writable.
        let status = unsafe { count_chars(text.as_ptr().cast(), &mut chars) };
        (status, chars)
    }

    #[test]
    fn counts_scalar_values_not_bytes() {
        assert_eq!(count(b"hello\0"), (Status::Ok, 5));
        assert_eq!(count("h\u{e9}llo\0".as_bytes()), (Status::Ok, 5));
        assert_eq!("h\u{e9}llo".len(), 6); // str::len counts bytes
        assert_eq!(count(b"\0"), (Status::Ok, 0));
    }

    #[test]
    fn stops_at_the_first_nul() {
        assert_eq!(count(b"ab\0cd\0"), (Status::Ok, 2));
    }

    #[test]
    fn null_and_invalid_utf8_are_errors_and_write_nothing() {
        let mut chars = 7;
        // SAFETY: NULL is allowed for both pointers.
        let status = unsafe { count_chars(ptr::null(), &mut chars) };
        assert_eq!((status, chars), (Status::Null, 7));
        // SAFETY: a NUL-terminated string and a NULL out-pointer.
        let status = unsafe { count_chars(c"x".as_ptr(), ptr::null_mut()) };
        assert_eq!(status, Status::Null);
        assert_eq!(count(b"caf\xe9\0"), (Status::NotUtf8, usize::MAX));
    }

    #[test]
    fn the_vocabulary_keeps_copies() {
        let mut buffer = *b"alpha\0";
        // SAFETY: `buffer` is NUL-terminated.
        let status = unsafe { vocabulary_add(buffer.as_ptr().cast()) };
        assert_eq!(status, Status::Ok);
        buffer.copy_from_slice(b"omega\0"); // the caller reuses its memory
        let mut found = false;
        // SAFETY: a NUL-terminated string and a writable bool.
        let status =
            unsafe { vocabulary_contains(c"alpha".as_ptr(), &mut found) };
        assert_eq!((status, found), (Status::Ok, true));
        for (word, status) in [
            (ptr::null(), Status::Null),
            (c"caf\xe9".as_ptr(), Status::NotUtf8),
        ] {
            let mut found = true;
            // SAFETY: NULL or a NUL-terminated string; a writable bool.
            let got = unsafe { vocabulary_contains(word, &mut found) };
            assert_eq!((got, found), (status, true)); // `found` untouched
        }
        assert_eq!(vocabulary_len(), 1);
        vocabulary_clear();
        assert_eq!(vocabulary_len(), 0);
    }
}
