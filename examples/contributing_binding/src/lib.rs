//! textstats: counts in UTF-8 text, for Python.
//!
//! Every function that can fail returns a status (`TEXTSTATS_OK` or an
//! error) and writes its result through an out-pointer that the caller
//! owns. No function allocates memory that outlives the call.

// ANCHOR: docs
// A public item without a doc comment is a compile error.
#![deny(missing_docs)]
// ANCHOR_END: docs

use std::ffi::{CStr, c_char};
use std::mem::{align_of, offset_of, size_of};
use std::{ptr, slice, str};

// ANCHOR: status
/// The call succeeded.
pub const TEXTSTATS_OK: i32 = 0;
/// A pointer argument was NULL (text may be NULL only when `len` is 0).
pub const TEXTSTATS_NULL_POINTER: i32 = 1;
/// The text is not valid UTF-8.
pub const TEXTSTATS_INVALID_UTF8: i32 = 2;

/// A short English description of `status`, for error messages.
///
/// Unknown values give "unknown status". Never returns NULL. The string is
/// static: it stays valid while the library is loaded, and nobody frees
/// it.
#[unsafe(no_mangle)]
pub extern "C" fn textstats_status_message(status: i32) -> *const c_char {
    let message: &'static CStr = match status {
        TEXTSTATS_OK => c"ok",
        TEXTSTATS_NULL_POINTER => c"a pointer argument was NULL",
        TEXTSTATS_INVALID_UTF8 => c"the text is not valid UTF-8",
        _ => c"unknown status",
    };
    message.as_ptr()
}
// ANCHOR_END: status

/// Borrows `len` bytes at `text` as UTF-8 text, for the current call.
///
/// # Safety
///
/// `text` is NULL or points to `len` readable bytes that nothing changes
/// during the call.
unsafe fn borrow_text<'a>(
    text: *const c_char,
    len: usize,
) -> Result<&'a str, i32> {
    if text.is_null() {
        // C says "no text" with NULL and 0; from_raw_parts needs non-NULL.
        return if len == 0 {
            Ok("")
        } else {
            Err(TEXTSTATS_NULL_POINTER)
        };
    }
    // SAFETY: `text` is not NULL and points to `len` readable bytes that
    // stay unchanged during the call (the caller's contract).
    let bytes = unsafe { slice::from_raw_parts(text.cast::<u8>(), len) };
    str::from_utf8(bytes).map_err(|_| TEXTSTATS_INVALID_UTF8)
}

/// Writes `value` through `out`, or reports NULL.
///
/// # Safety
///
/// `out` is NULL or points to a writable, aligned `T`.
unsafe fn write_out<T>(out: *mut T, value: T) -> i32 {
    if out.is_null() {
        return TEXTSTATS_NULL_POINTER;
    }
    // SAFETY: `out` is not NULL, and writable and aligned (the caller's
    // contract).
    unsafe { out.write(value) };
    TEXTSTATS_OK
}

/// Counts the words of the `len` bytes of UTF-8 at `text` into `*out`.
///
/// A word is a run of characters between Unicode whitespace. Returns
/// `TEXTSTATS_OK`; or, leaving `*out` unchanged, `TEXTSTATS_NULL_POINTER`
/// if `out` is NULL or `text` is NULL with `len` > 0 (NULL with 0 is the
/// empty text), `TEXTSTATS_INVALID_UTF8` if the bytes are not UTF-8. The
/// caller owns both buffers; Rust keeps no pointer after the call.
///
/// # Safety
///
/// `text` is NULL or points to `len` readable bytes; `out` is NULL or
/// points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn textstats_count_words(
    text: *const c_char,
    len: usize,
    out: *mut u64,
) -> i32 {
    // SAFETY: the caller's contract is borrow_text's.
    match unsafe { borrow_text(text, len) } {
        // SAFETY: the caller's contract is write_out's.
        Ok(text) => unsafe { write_out(out, count(text.split_whitespace())) },
        Err(status) => status,
    }
}

/// Counts the characters (Unicode scalar values) of the text into
/// `*out`. Inputs, statuses and ownership as `textstats_count_words`.
///
/// # Safety
///
/// As `textstats_count_words`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn textstats_count_chars(
    text: *const c_char,
    len: usize,
    out: *mut u64,
) -> i32 {
    // SAFETY: the caller's contract is borrow_text's.
    match unsafe { borrow_text(text, len) } {
        // SAFETY: the caller's contract is write_out's.
        Ok(text) => unsafe { write_out(out, count(text.chars())) },
        Err(status) => status,
    }
}

/// The number of items, as the `uint64_t` that C sees.
fn count<T>(items: impl Iterator<Item = T>) -> u64 {
    u64::try_from(items.count()).unwrap_or(u64::MAX)
}

// ANCHOR: struct
/// Everything `textstats_analyze` counts in one text.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TextStats {
    /// Bytes of UTF-8.
    pub bytes: u64,
    /// Characters (Unicode scalar values).
    pub chars: u64,
    /// Words, as `textstats_count_words` counts them.
    pub words: u64,
    /// Lines: the text split at `\n` (a final `\n` ends the last line).
    pub lines: u64,
    /// Characters in the longest word (`u32::MAX` if longer than that).
    pub longest_word: u32,
}
// ANCHOR_END: struct

// ANCHOR: analyze
/// Counts bytes, characters, words and lines of the text into `*out`,
/// and the characters of its longest word.
///
/// Inputs and statuses as `textstats_count_words`; on an error, `*out` is
/// left unchanged. The caller owns `*out` (for example from
/// `ffi.new("TextStats *")`); Rust writes it once and keeps no pointer.
///
/// # Safety
///
/// `text` is NULL or points to `len` readable bytes; `out` is NULL or
/// points to a writable `TextStats`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn textstats_analyze(
    text: *const c_char,
    len: usize,
    out: *mut TextStats,
) -> i32 {
    // SAFETY: the caller's contract is borrow_text's.
    match unsafe { borrow_text(text, len) } {
        // SAFETY: the caller's contract is write_out's.
        Ok(text) => unsafe { write_out(out, analyze(text)) },
        Err(status) => status,
    }
}

fn analyze(text: &str) -> TextStats {
    let longest = text
        .split_whitespace()
        .map(|word| word.chars().count())
        .max()
        .unwrap_or(0);
    TextStats {
        bytes: count(text.bytes()),
        chars: count(text.chars()),
        words: count(text.split_whitespace()),
        lines: count(text.lines()),
        longest_word: u32::try_from(longest).unwrap_or(u32::MAX),
    }
}
// ANCHOR_END: analyze

// ANCHOR: layout
/// How C reads a field's bits, for the layout table.
const UNSIGNED: usize = 1;
const SIGNED: usize = 2;
const FLOAT: usize = 3;

/// A number type that a C declaration can name, and its kind.
trait CNumber {
    const KIND: usize;
}

impl CNumber for u32 {
    const KIND: usize = UNSIGNED;
}

impl CNumber for u64 {
    const KIND: usize = UNSIGNED;
}

impl CNumber for i32 {
    const KIND: usize = SIGNED;
}

impl CNumber for i64 {
    const KIND: usize = SIGNED;
}

impl CNumber for f64 {
    const KIND: usize = FLOAT;
}

/// The size in bytes and the kind of the field that `_field` reads.
const fn size_and_kind<T: CNumber>(_field: fn(&TextStats) -> &T) -> [usize; 2] {
    [size_of::<T>(), T::KIND]
}

/// `TextStats` as the compiler laid it out: its size and alignment, then
/// for each named field its offset, its size and its kind.
macro_rules! stats_layout {
    ($($field:ident),*) => {{
        // Never called: it compiles only if the list names every field
        // of TextStats (a pattern without `..` must), so a field added
        // to the struct and not to the list fails the build.
        #[allow(dead_code)]
        fn every_field_listed(stats: TextStats) {
            let TextStats { $($field: _),* } = stats;
        }
        [
            size_of::<TextStats>(),
            align_of::<TextStats>(),
            $(
                offset_of!(TextStats, $field),
                size_and_kind(|stats| &stats.$field)[0],
                size_and_kind(|stats| &stats.$field)[1],
            )*
        ]
    }};
}

/// `TextStats` as this library was compiled, in declaration order.
const STATS_LAYOUT: [usize; 17] =
    stats_layout!(bytes, chars, words, lines, longest_word);

/// Copies `STATS_LAYOUT` into the caller's `out` array of `capacity`
/// items, if it fits, and returns how many items it has. With NULL or a
/// smaller `capacity`, writes nothing: ask with NULL, then call again.
///
/// # Safety
///
/// `out` is NULL or points to `capacity` writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn textstats_stats_layout(
    out: *mut usize,
    capacity: usize,
) -> usize {
    if !out.is_null() && capacity >= STATS_LAYOUT.len() {
        // SAFETY: `out` has room for `capacity >= len` items (the
        // caller's contract), and cannot overlap a Rust constant.
        unsafe {
            ptr::copy_nonoverlapping(
                STATS_LAYOUT.as_ptr(),
                out,
                STATS_LAYOUT.len(),
            );
        }
    }
    STATS_LAYOUT.len()
}
// ANCHOR_END: layout

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze_bytes(bytes: &[u8]) -> Result<TextStats, i32> {
        let mut out = TextStats::default();
        // SAFETY: `bytes` and `out` are valid for the call.
        let status = unsafe {
            textstats_analyze(bytes.as_ptr().cast(), bytes.len(), &mut out)
        };
        if status == TEXTSTATS_OK {
            Ok(out)
        } else {
            Err(status)
        }
    }

    #[test]
    fn analyze_counts_everything() {
        let stats = analyze_bytes("Grüße, Welt!\nbye".as_bytes());
        assert_eq!(
            stats,
            Ok(TextStats {
                bytes: 18,
                chars: 16,
                words: 3,
                lines: 2,
                longest_word: 6,
            })
        );
    }

    #[test]
    fn empty_and_null_texts() {
        assert_eq!(analyze_bytes(b""), Ok(TextStats::default()));
        let mut out = TextStats::default();
        // SAFETY: NULL with length 0 is the empty text.
        let empty = unsafe { textstats_analyze(ptr::null(), 0, &mut out) };
        assert_eq!(empty, TEXTSTATS_OK);
        // SAFETY: NULL with a length is reported, not read.
        let null = unsafe { textstats_analyze(ptr::null(), 3, &mut out) };
        assert_eq!(null, TEXTSTATS_NULL_POINTER);
        // SAFETY: a NULL `out` is reported, not written.
        let no_out =
            unsafe { textstats_analyze(c"a".as_ptr(), 1, ptr::null_mut()) };
        assert_eq!(no_out, TEXTSTATS_NULL_POINTER);
    }

    #[test]
    fn invalid_utf8_is_reported() {
        assert_eq!(analyze_bytes(b"caf\xe9"), Err(TEXTSTATS_INVALID_UTF8));
    }

    #[test]
    fn counts_match_the_single_functions() {
        let text = "one two  three\n";
        let (mut words, mut chars) = (0, 0);
        // SAFETY: `text`, `words` and `chars` are valid for the calls.
        unsafe {
            textstats_count_words(text.as_ptr().cast(), text.len(), &mut words);
            textstats_count_chars(text.as_ptr().cast(), text.len(), &mut chars);
        }
        let stats = analyze(text);
        assert_eq!((words, chars), (stats.words, stats.chars));
    }

    #[test]
    fn every_status_has_a_message() {
        for status in [
            TEXTSTATS_OK,
            TEXTSTATS_NULL_POINTER,
            TEXTSTATS_INVALID_UTF8,
            99,
        ] {
            // SAFETY: the function returns a static NUL-terminated string.
            let message =
                unsafe { CStr::from_ptr(textstats_status_message(status)) };
            assert!(!message.is_empty());
        }
    }

    #[test]
    fn the_layout_has_offset_size_and_kind_of_each_field() {
        let mut out = [0usize; 17];
        // SAFETY: NULL asks for the size; `out` has 17 items.
        let needed = unsafe { textstats_stats_layout(ptr::null_mut(), 0) };
        assert_eq!(needed, 17);
        // SAFETY: `out` has room for 17 items.
        unsafe { textstats_stats_layout(out.as_mut_ptr(), out.len()) };
        #[rustfmt::skip]
        let expected = [
            40, 8,
            0, 8, UNSIGNED, 8, 8, UNSIGNED, 16, 8, UNSIGNED, 24, 8, UNSIGNED,
            32, 4, UNSIGNED,
        ];
        assert_eq!(out, expected);
    }

    #[test]
    fn kinds_tell_signed_unsigned_and_float_apart() {
        let kinds = [u32::KIND, u64::KIND, i32::KIND, i64::KIND, f64::KIND];
        assert_eq!(kinds, [UNSIGNED, UNSIGNED, SIGNED, SIGNED, FLOAT]);
    }
}
