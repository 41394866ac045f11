//! Rust calling back into Python: a function pointer and a `void *` that
//! the caller passes in, used during one call or stored for later calls.

use std::ffi::{c_char, c_void};
use std::{slice, str};

// Count this library's live allocations; exports live_allocations().
counting_alloc::install!();

// ANCHOR: on_word
/// The function Rust calls for each word.
///
/// `word` points to the word's UTF-8 bytes, `len` of them, with no NUL at
/// the end. They belong to the text the caller passed in, and are valid
/// only until the callback returns: a callback that wants to keep the
/// word copies it. `user_data` is the pointer the caller gave Rust along
/// with the callback, passed back unchanged; Rust never reads it.
///
/// The callback returns 0 to go on, and any other value to stop.
pub type OnWord = extern "C" fn(
    word: *const c_char,
    len: usize,
    user_data: *mut c_void,
) -> i32;
// ANCHOR_END: on_word

/// `text` was NULL: nothing was read, no callback was made.
pub const WORDS_NULL: i64 = -1;
/// `text` was not UTF-8: no callback was made.
pub const WORDS_NOT_UTF8: i64 = -2;

/// Borrows `len` bytes at `text` as UTF-8 text.
///
/// # Safety
///
/// `text` is NULL, or points to `len` bytes that stay readable and
/// unchanged for as long as the returned `&str` is used.
unsafe fn borrow_text<'a>(
    text: *const c_char,
    len: usize,
) -> Result<&'a str, i64> {
    if text.is_null() {
        return Err(WORDS_NULL);
    }
    // SAFETY: not NULL, and `len` readable bytes (the caller's contract).
    let bytes = unsafe { slice::from_raw_parts(text.cast::<u8>(), len) };
    str::from_utf8(bytes).map_err(|_| WORDS_NOT_UTF8)
}

// ANCHOR: visit
/// Calls `on_word` for each word of `text`, in order, until it returns
/// non-zero. Returns how many words were visited; with no callback, it
/// only counts them.
fn visit_words(
    text: &str,
    on_word: Option<OnWord>,
    user_data: *mut c_void,
) -> i64 {
    let mut visited = 0;
    for word in text.split_whitespace() {
        visited += 1;
        if let Some(on_word) = on_word
            && on_word(word.as_ptr().cast(), word.len(), user_data) != 0
        {
            break; // the callback asked to stop
        }
    }
    visited
}
// ANCHOR_END: visit

// ANCHOR: for_each_word
/// Calls `on_word(word, len, user_data)` for each whitespace-separated
/// word of the UTF-8 text at `text` (`len` bytes), in order, until the
/// callback returns non-zero.
///
/// Returns the number of words visited: the number of callbacks made, or
/// with a NULL `on_word`, the number of words (no call is made). Returns
/// `WORDS_NULL` if `text` is NULL and `WORDS_NOT_UTF8` if the bytes are
/// not UTF-8; no callback is made then.
///
/// Ownership: `text` belongs to the caller and is read during this call
/// only. `on_word` and `user_data` are used during this call only; Rust
/// keeps neither.
///
/// # Safety
///
/// `text` is NULL or points to `len` readable bytes; `on_word` is NULL or
/// a function of type `OnWord` that stays callable until this returns and
/// accepts `user_data` as its third argument.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn for_each_word(
    text: *const c_char,
    len: usize,
    on_word: Option<OnWord>,
    user_data: *mut c_void,
) -> i64 {
    // SAFETY: the caller's contract above; `text` is used in here only.
    match unsafe { borrow_text(text, len) } {
        Ok(text) => visit_words(text, on_word, user_data),
        Err(status) => status,
    }
}
// ANCHOR_END: for_each_word

// ANCHOR: tokenizer
/// A tokenizer that stores its callback, and calls it on every run.
///
/// Sharing: nothing changes a tokenizer after `tokenizer_new`, and
/// `tokenizer_run` only reads it, so runs on several threads at once
/// race on nothing in Rust. A run calls `on_word` only on its own
/// thread, before `tokenizer_run` returns.
#[derive(Debug)]
pub struct Tokenizer {
    on_word: OnWord,
    user_data: *mut c_void,
}

// SAFETY: the raw pointer makes Rust derive neither trait. Freeing a
// tokenizer touches neither pointer, so any thread may free it. Only
// `tokenizer_run` uses them, and its caller promises (its `# Safety`)
// that `on_word` may be called with `user_data` on the calling thread,
// while other threads run the same tokenizer. Nothing is changed.
unsafe impl Send for Tokenizer {}
// SAFETY: as for Send; `tokenizer_run` only reads the tokenizer.
unsafe impl Sync for Tokenizer {}

const fn assert_send_sync<T: Send + Sync>() {}
const _: () = assert_send_sync::<Tokenizer>();

/// Creates a tokenizer that will call `on_word(word, len, user_data)` for
/// each word of every text given to `tokenizer_run`. Returns NULL, and
/// allocates nothing, if `on_word` is NULL.
///
/// Ownership: Rust allocates the tokenizer; the caller owns it and passes
/// it to `tokenizer_free` exactly once. Rust stores `on_word` and
/// `user_data`, without owning them: the caller keeps the function
/// callable, and whatever `user_data` refers to alive, until
/// `tokenizer_free`. `tokenizer_free` does not call `on_word`. Which
/// threads may call `on_word` is up to each `tokenizer_run` call.
#[unsafe(no_mangle)]
pub extern "C" fn tokenizer_new(
    on_word: Option<OnWord>,
    user_data: *mut c_void,
) -> *mut Tokenizer {
    match on_word {
        Some(on_word) => {
            Box::into_raw(Box::new(Tokenizer { on_word, user_data }))
        }
        None => std::ptr::null_mut(),
    }
}
// ANCHOR_END: tokenizer

/// Calls the tokenizer's callback for each word of the UTF-8 text at
/// `text` (`len` bytes), like `for_each_word`, and returns the same
/// values. Returns `WORDS_NULL` if `tokenizer` or `text` is NULL. Every
/// callback happens on the calling thread, before this returns.
///
/// # Safety
///
/// `tokenizer` is NULL or a live tokenizer from `tokenizer_new`, whose
/// callback is still callable and accepts its `user_data`; `text` is NULL
/// or points to `len` readable bytes. The callback may be called with
/// `user_data` on this thread, while other threads run the same
/// tokenizer (the `unsafe impl Send, Sync for Tokenizer` rests on this).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tokenizer_run(
    tokenizer: *const Tokenizer,
    text: *const c_char,
    len: usize,
) -> i64 {
    // SAFETY: NULL or a live tokenizer (the caller's contract).
    let Some(tokenizer) = (unsafe { tokenizer.as_ref() }) else {
        return WORDS_NULL;
    };
    // SAFETY: the caller's contract above; `text` is used in here only.
    match unsafe { borrow_text(text, len) } {
        Ok(text) => {
            visit_words(text, Some(tokenizer.on_word), tokenizer.user_data)
        }
        Err(status) => status,
    }
}

/// Frees a tokenizer from `tokenizer_new`. NULL is ignored. Does not call
/// the callback, and does not touch `user_data`.
///
/// # Safety
///
/// `tokenizer` is NULL or a pointer from `tokenizer_new` that was not
/// freed yet; it is not used after this call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tokenizer_free(tokenizer: *mut Tokenizer) {
    if tokenizer.is_null() {
        return;
    }
    // SAFETY: from Box::into_raw in tokenizer_new, freed once (contract).
    drop(unsafe { Box::from_raw(tokenizer) });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    /// Appends each word to the `Vec<String>` behind `user_data`; stops
    /// after the word "stop".
    extern "C" fn collect(
        word: *const c_char,
        len: usize,
        user_data: *mut c_void,
    ) -> i32 {
        // SAFETY: Rust passes `len` bytes of a &str, valid for this call.
        let bytes = unsafe { slice::from_raw_parts(word.cast::<u8>(), len) };
        let word = String::from_utf8_lossy(bytes).into_owned();
        let stop = i32::from(word == "stop");
        // SAFETY: the tests pass a &mut Vec<String> as user_data.
        unsafe { &mut *user_data.cast::<Vec<String>>() }.push(word);
        stop
    }

    fn words_of(text: &str) -> (i64, Vec<String>) {
        let mut words = Vec::new();
        let user_data = ptr::from_mut(&mut words).cast();
        // SAFETY: a valid &str and a callback that accepts this user_data.
        let visited = unsafe {
            for_each_word(
                text.as_ptr().cast(),
                text.len(),
                Some(collect),
                user_data,
            )
        };
        (visited, words)
    }

    #[test]
    fn visits_every_word_in_order() {
        let (visited, words) = words_of("  to be\tor\nnot  ");
        assert_eq!(visited, 4);
        assert_eq!(words, ["to", "be", "or", "not"]);
    }

    #[test]
    fn stops_when_the_callback_asks() {
        let (visited, words) = words_of("go stop never");
        assert_eq!(visited, 2);
        assert_eq!(words, ["go", "stop"]);
    }

    /// Returns the value behind `user_data` at the second word, else 0.
    extern "C" fn stop_second_with(
        word: *const c_char,
        _len: usize,
        user_data: *mut c_void,
    ) -> i32 {
        // SAFETY: the test passes a pointer to an i32 that outlives the call.
        let value = unsafe { *user_data.cast::<i32>() };
        // SAFETY: Rust passes a pointer into a &str, valid for this call.
        if unsafe { *word.cast::<u8>() } == b'b' {
            value
        } else {
            0
        }
    }

    #[test]
    fn any_non_zero_result_stops() {
        let text = "a b c";
        for mut value in [1, -1, 2, i32::MIN, i32::MAX] {
            // SAFETY: a valid &str; user_data points to `value`.
            let visited = unsafe {
                for_each_word(
                    text.as_ptr().cast(),
                    text.len(),
                    Some(stop_second_with),
                    ptr::from_mut(&mut value).cast(),
                )
            };
            assert_eq!(visited, 2, "{value} should stop at the second word");
        }
    }

    #[test]
    fn no_callback_only_counts() {
        let text = "one two three";
        // SAFETY: a valid &str; no callback.
        let visited = unsafe {
            for_each_word(
                text.as_ptr().cast(),
                text.len(),
                None,
                ptr::null_mut(),
            )
        };
        assert_eq!(visited, 3);
    }

    #[test]
    fn bad_text_is_a_status() {
        // SAFETY: NULL is allowed; the byte slice is valid.
        unsafe {
            assert_eq!(
                for_each_word(ptr::null(), 3, Some(collect), ptr::null_mut()),
                WORDS_NULL
            );
            let bad = b"ok \xff";
            assert_eq!(
                for_each_word(
                    bad.as_ptr().cast(),
                    bad.len(),
                    Some(collect),
                    ptr::null_mut()
                ),
                WORDS_NOT_UTF8
            );
        }
    }

    #[test]
    fn a_tokenizer_calls_its_stored_callback_on_every_run() {
        let mut words: Vec<String> = Vec::new();
        let tokenizer =
            tokenizer_new(Some(collect), ptr::from_mut(&mut words).cast());
        assert!(!tokenizer.is_null());
        for text in ["a b", "c"] {
            // SAFETY: a live tokenizer whose user_data outlives it.
            unsafe {
                tokenizer_run(tokenizer, text.as_ptr().cast(), text.len())
            };
        }
        // SAFETY: from tokenizer_new, freed once; NULL is ignored.
        unsafe {
            tokenizer_free(tokenizer);
            tokenizer_free(ptr::null_mut());
        }
        assert_eq!(words, ["a", "b", "c"]);
    }

    #[test]
    fn a_tokenizer_needs_a_callback() {
        assert!(tokenizer_new(None, ptr::null_mut()).is_null());
        // SAFETY: a NULL tokenizer is a status, not a dereference.
        let status = unsafe { tokenizer_run(ptr::null(), c"x".as_ptr(), 1) };
        assert_eq!(status, WORDS_NULL);
    }
}
