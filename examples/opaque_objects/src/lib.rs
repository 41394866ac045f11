//! A Rust object that Python holds only by pointer: a word counter.
//!
//! C sees `WordCounter` as an opaque type: it can hold a pointer to one,
//! but never look inside. Rust creates it, works on it and frees it.

use std::collections::HashMap;
use std::ffi::c_char;
use std::{slice, str};

// Count this library's live allocations; exports live_allocations().
counting_alloc::install!();

// ANCHOR: type
/// Counts how often each word occurs in the texts it is given.
#[derive(Debug, Default)]
pub struct WordCounter {
    counts: HashMap<String, u64>,
    total: u64,
}

/// The words of `text`: runs of letters and digits, in lowercase.
fn words(text: &str) -> impl Iterator<Item = String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

impl WordCounter {
    fn add(&mut self, text: &str) {
        for word in words(text) {
            *self.counts.entry(word).or_default() += 1;
            self.total += 1;
        }
    }

    fn count(&self, word: &str) -> u64 {
        let word = word.to_lowercase();
        self.counts.get(&word).copied().unwrap_or(0)
    }
}
// ANCHOR_END: type

// ANCHOR: send
// Python may call on a counter from any thread, one call at a time (its
// wrapper takes a lock): that needs `Send`, which this line checks.
const _: () = {
    const fn assert_send<T: Send>() {}
    assert_send::<WordCounter>();
};
// ANCHOR_END: send

// ANCHOR: status
/// What a call did, as an `int32_t` for C.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// A pointer argument was NULL: nothing was read or written.
    Null = 1,
    /// The text was not UTF-8: nothing was counted or written.
    NotUtf8 = 2,
    /// The iterator has no word left: nothing was written.
    End = 3,
}
// ANCHOR_END: status

/// Borrows `len` bytes at `text` as UTF-8 text.
///
/// # Safety
///
/// `text` is NULL, or points to `len` bytes that stay readable and
/// unchanged for as long as the returned `&str` is used.
unsafe fn borrow_text<'a>(
    text: *const c_char,
    len: usize,
) -> Result<&'a str, Status> {
    if text.is_null() {
        return Err(Status::Null);
    }
    // SAFETY: not NULL, and `len` readable bytes (the caller's contract).
    let bytes = unsafe { slice::from_raw_parts(text.cast::<u8>(), len) };
    str::from_utf8(bytes).map_err(|_| Status::NotUtf8)
}

// ANCHOR: lifecycle
/// Creates an empty counter and returns a pointer to it. Never NULL: if
/// memory runs out, Rust aborts the process.
///
/// Ownership: Rust allocates the counter and everything it will hold. The
/// caller owns the pointer: it passes it to `counter_free` exactly once,
/// and does not use it after that.
#[unsafe(no_mangle)]
pub extern "C" fn counter_new() -> *mut WordCounter {
    // into_raw: Rust stops managing the box; the caller owns it now.
    Box::into_raw(Box::new(WordCounter::default()))
}

/// Frees a counter from `counter_new`, with every word it holds. NULL is
/// ignored, as C's `free(NULL)` is.
///
/// # Safety
///
/// `counter` is NULL, or a pointer from `counter_new` that was not freed
/// yet and that no other call is using. Any other pointer, or a second
/// free of the same one, is undefined behaviour: Rust cannot detect it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_free(counter: *mut WordCounter) {
    if counter.is_null() {
        return;
    }
    // SAFETY: `counter` came from Box::into_raw in counter_new and is freed
    // once (the caller's contract). Dropping the box drops the HashMap and
    // its strings, then frees the counter itself.
    drop(unsafe { Box::from_raw(counter) });
}
// ANCHOR_END: lifecycle

// ANCHOR: add
/// Counts the words of the UTF-8 text at `text`, `len` bytes long.
///
/// Returns `Status::Null` if `counter` or `text` is NULL, and
/// `Status::NotUtf8`, counting nothing, if the bytes are not UTF-8.
///
/// Ownership: borrows `counter` (mutably) and `text` for this call only;
/// the counter keeps its own copies of the words.
///
/// # Safety
///
/// `counter` is NULL or a live counter from `counter_new` that no other
/// call is using at the same time; `text` is NULL or points to `len`
/// readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_add(
    counter: *mut WordCounter,
    text: *const c_char,
    len: usize,
) -> Status {
    // SAFETY: NULL or a live counter, used by this call only (contract).
    let Some(counter) = (unsafe { counter.as_mut() }) else {
        return Status::Null;
    };
    // SAFETY: the caller's contract; the &str is used in here only.
    match unsafe { borrow_text(text, len) } {
        Ok(text) => {
            counter.add(text);
            Status::Ok
        }
        Err(status) => status,
    }
}
// ANCHOR_END: add

/// Writes into `*count` how many times `word` (`len` bytes of UTF-8,
/// compared in lowercase) was counted; 0 for a word never seen.
///
/// Returns `Status::Null` if a pointer is NULL and `Status::NotUtf8` if
/// `word` is not UTF-8; `*count` is written only on `Status::Ok`.
///
/// Ownership: borrows every pointer for this call only.
///
/// # Safety
///
/// `counter` is NULL or a live counter from `counter_new` that no call
/// is changing at the same time; `word` is NULL or points to `len`
/// readable bytes; `count` is NULL or points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_count(
    counter: *const WordCounter,
    word: *const c_char,
    len: usize,
    count: *mut u64,
) -> Status {
    // SAFETY: NULL or a live counter, not changed meanwhile (contract).
    let Some(counter) = (unsafe { counter.as_ref() }) else {
        return Status::Null;
    };
    if count.is_null() {
        return Status::Null;
    }
    // SAFETY: the caller's contract; the &str is used in here only.
    match unsafe { borrow_text(word, len) } {
        Ok(word) => {
            // SAFETY: `count` is not NULL and points to a writable u64.
            unsafe { count.write(counter.count(word)) };
            Status::Ok
        }
        Err(status) => status,
    }
}

// ANCHOR: total
/// The number of words counted so far. 0 for a NULL `counter`.
///
/// # Safety
///
/// `counter` is NULL or a live counter from `counter_new` that no call
/// is changing at the same time.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_total(counter: *const WordCounter) -> u64 {
    // SAFETY: NULL or a live counter, not changed meanwhile (contract).
    unsafe { counter.as_ref() }.map_or(0, |counter| counter.total)
}
// ANCHOR_END: total

// ANCHOR: iter
/// The words of a counter, one per `word_iter_next`, in no fixed order.
///
/// A child object: it borrows the counter's words (pointers into the
/// counter's `String`s), so the counter must stay alive and unchanged
/// while the iterator is used.
#[derive(Debug)]
pub struct WordIter {
    words: std::vec::IntoIter<(*const u8, usize, u64)>,
}

/// Creates an iterator over the words of `counter`. NULL for a NULL
/// `counter`.
///
/// Ownership: Rust allocates the iterator; the caller frees it with
/// `word_iter_free` exactly once. It borrows `counter`: the counter must
/// not be freed or changed (`counter_add`) while the iterator is used.
///
/// # Safety
///
/// `counter` is NULL or a live counter from `counter_new` that no call
/// is changing at the same time.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn counter_words(
    counter: *const WordCounter,
) -> *mut WordIter {
    // SAFETY: NULL or a live counter, not changed meanwhile (contract).
    let Some(counter) = (unsafe { counter.as_ref() }) else {
        return std::ptr::null_mut();
    };
    let words = counter.counts.iter();
    let words: Vec<_> = words.map(|(w, &n)| (w.as_ptr(), w.len(), n)).collect();
    Box::into_raw(Box::new(WordIter {
        words: words.into_iter(),
    }))
}

/// Writes the next word (a pointer into the counter and a length, no NUL)
/// and its count, and returns `Status::Ok`; returns `Status::End` when no
/// word is left, `Status::Null` if a pointer is NULL, writing nothing.
///
/// Ownership: `*word` points into the counter's memory, valid while the
/// counter is alive and unchanged; copy the bytes to keep them.
///
/// # Safety
///
/// `iter` is NULL or a live iterator from `counter_words` whose counter is
/// alive and unchanged; the out-pointers are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn word_iter_next(
    iter: *mut WordIter,
    word: *mut *const u8,
    len: *mut usize,
    count: *mut u64,
) -> Status {
    // SAFETY: NULL or a live iterator, used by one call at a time.
    let Some(iter) = (unsafe { iter.as_mut() }) else {
        return Status::Null;
    };
    if word.is_null() || len.is_null() || count.is_null() {
        return Status::Null;
    }
    let Some((ptr, n, times)) = iter.words.next() else {
        return Status::End;
    };
    // SAFETY: three writable out-pointers, not NULL (checked above).
    unsafe {
        word.write(ptr);
        len.write(n);
        count.write(times);
    }
    Status::Ok
}

/// Frees an iterator from `counter_words`; NULL is ignored. It never
/// reads the counter, so it may run before or after `counter_free`.
///
/// # Safety
///
/// `iter` is NULL or from `counter_words`, not freed yet, not used after.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn word_iter_free(iter: *mut WordIter) {
    if !iter.is_null() {
        // SAFETY: from Box::into_raw in counter_words, freed once.
        drop(unsafe { Box::from_raw(iter) });
    }
}

// SAFETY: a `WordIter` holds shared pointers into the counter's `String`s
// and nothing else, like a `Vec<&str>`, which is `Send` because `str` is
// `Sync`; its contract already forbids changing the counter meanwhile.
unsafe impl Send for WordIter {}
// ANCHOR_END: iter

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn words_are_runs_of_letters_and_digits_in_lowercase() {
        let found: Vec<String> = words("The cat's 2 hats, THE END!").collect();
        assert_eq!(found, ["the", "cat", "s", "2", "hats", "the", "end"]);
    }

    #[test]
    fn a_counter_counts_across_texts() {
        let mut counter = WordCounter::default();
        counter.add("the cat sat on the mat");
        counter.add("The end.");
        assert_eq!(counter.total, 8);
        assert_eq!(counter.count("the"), 3);
        assert_eq!(counter.count("THE"), 3);
        assert_eq!(counter.count("dog"), 0);
    }

    #[test]
    fn the_exported_functions_round_trip() {
        let counter = counter_new();
        let text = "a b a";
        let mut count = 0;
        // SAFETY: a live counter, valid text and out-pointer; freed once.
        unsafe {
            let status = counter_add(counter, text.as_ptr().cast(), text.len());
            assert_eq!(status, Status::Ok);
            let status = counter_count(counter, c"A".as_ptr(), 1, &mut count);
            assert_eq!(status, Status::Ok);
            assert_eq!(counter_total(counter), 3);
            counter_free(counter);
        }
        assert_eq!(count, 2);
    }

    #[test]
    fn an_iterator_visits_every_word_once() {
        let counter = counter_new();
        let text = "b a b";
        // SAFETY: a live counter, valid text; the iterator is freed before
        // the counter, and the counter is not changed meanwhile.
        unsafe {
            counter_add(counter, text.as_ptr().cast(), text.len());
            let iter = counter_words(counter);
            let mut found = Vec::new();
            let (mut word, mut len, mut n) = (ptr::null(), 0, 0);
            while word_iter_next(iter, &mut word, &mut len, &mut n)
                == Status::Ok
            {
                let bytes = slice::from_raw_parts(word, len);
                found.push((str::from_utf8(bytes).unwrap().to_owned(), n));
            }
            let sentinel = c"#".as_ptr().cast::<u8>();
            (word, len, n) = (sentinel, 99, 99);
            assert_eq!(
                word_iter_next(iter, &mut word, &mut len, &mut n),
                Status::End
            );
            assert_eq!((word, len, n), (sentinel, 99, 99)); // nothing written
            found.sort();
            assert_eq!(found, [("a".to_owned(), 1), ("b".to_owned(), 2)]);
            word_iter_free(iter);
            word_iter_free(ptr::null_mut());
            assert!(counter_words(ptr::null()).is_null());
            let null = ptr::null_mut();
            assert_eq!(word_iter_next(null, &mut word, &mut len, &mut n), {
                Status::Null
            });
            assert_eq!((word, len, n), (sentinel, 99, 99)); // nothing written
            counter_free(counter);
        }
    }

    #[test]
    fn an_iterator_may_be_freed_after_its_counter() {
        let counter = counter_new();
        let text = "to be";
        // SAFETY: a live counter and valid text; the iterator is not used
        // after the counter is freed, only freed.
        unsafe {
            counter_add(counter, text.as_ptr().cast(), text.len());
            let iter = counter_words(counter);
            counter_free(counter);
            word_iter_free(iter);
        }
    }

    #[test]
    fn null_and_bad_input_are_statuses() {
        let counter = counter_new();
        let mut count = 7;
        let bad = b"caf\xe9";
        // SAFETY: NULL is allowed everywhere; the other pointers are valid.
        unsafe {
            assert_eq!(
                counter_add(ptr::null_mut(), c"a".as_ptr(), 1),
                Status::Null
            );
            assert_eq!(counter_add(counter, ptr::null(), 1), Status::Null);
            let status = counter_add(counter, bad.as_ptr().cast(), bad.len());
            assert_eq!(status, Status::NotUtf8);
            let status =
                counter_count(counter, c"a".as_ptr(), 1, ptr::null_mut());
            assert_eq!(status, Status::Null);
            let status =
                counter_count(counter, bad.as_ptr().cast(), 4, &mut count);
            assert_eq!(status, Status::NotUtf8);
            assert_eq!(counter_total(counter), 0);
            assert_eq!(counter_total(ptr::null()), 0);
            counter_free(counter);
            counter_free(ptr::null_mut());
        }
        assert_eq!(count, 7);
    }
}
