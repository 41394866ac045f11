//! Rust and Python threads: cffi releases the GIL around each call into
//! Rust and takes it for each call back into Python, and Rust state that
//! Python threads share must be safe to use from many threads at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::Duration;

// Count this library's live allocations; exports live_allocations().
counting_alloc::install!();

// ANCHOR: work
/// Works for `ms` milliseconds without using Python, as a slow read from a
/// file or a long computation on Rust's own data would. The work here is
/// sleeping, so that it takes the same time however many CPU cores are
/// free. Every `ms` is valid; the call returns after at least `ms` ms.
#[unsafe(no_mangle)]
pub extern "C" fn work_ms(ms: u32) {
    thread::sleep(Duration::from_millis(ms.into()));
}
// ANCHOR_END: work

/// `run_workers` called every job and wrote the total.
pub const OK: i32 = 0;
/// `job` or `total` was NULL; nothing was called or written.
pub const NULL: i32 = 1;
/// The system could not start a thread; the threads already started ran
/// their job and were joined, and nothing was written.
pub const NO_THREAD: i32 = 2;

// ANCHOR: workers
/// A function for Rust's threads to call: the worker's number in, a
/// result out.
pub type Job = extern "C" fn(worker: u32) -> u64;

/// Starts `workers` new threads, and thread `i` calls `job(i)` once. When
/// all have finished, writes the sum of the results into `*total`
/// (wrapping around past `u64::MAX`) and returns `OK`. Returns `NULL` if
/// `job` or `total` is NULL, `NO_THREAD` if a thread could not be started;
/// then `*total` is not written. `workers` = 0 gives a total of 0.
///
/// Ownership: `total` belongs to the caller, and `job` must stay valid
/// until this function returns; Rust keeps neither.
///
/// # Safety
///
/// `total` is NULL or points to a writable `uint64_t`. `job` can be
/// called from any thread, by several threads at once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn run_workers(
    workers: u32,
    job: Option<Job>,
    total: *mut u64,
) -> i32 {
    let Some(job) = job else { return NULL };
    if total.is_null() {
        return NULL;
    }
    let sum = thread::scope(|scope| {
        let mut threads = Vec::new();
        for worker in 0..workers {
            let spawned =
                thread::Builder::new().spawn_scoped(scope, move || job(worker));
            // On failure, the scope still joins the threads started.
            threads.push(spawned.ok()?);
        }
        let mut sum = 0_u64;
        for thread in threads {
            sum = sum.wrapping_add(thread.join().ok()?);
        }
        Some(sum)
    });
    let Some(sum) = sum else { return NO_THREAD };
    // SAFETY: not NULL, and the caller promises a writable uint64_t.
    unsafe { total.write(sum) };
    OK
}
// ANCHOR_END: workers

// ANCHOR: tally
/// Three counters that many threads increment at the same time.
pub struct Tally {
    /// Incremented with one atomic read-modify-write: never loses one.
    atomic: AtomicU64,
    /// Incremented while holding the lock: never loses one.
    locked: Mutex<u64>,
    /// Incremented with an atomic load, then an atomic store: no undefined
    /// behaviour, but two threads can store the same new value.
    racy: AtomicU64,
}

// Python threads share one Tally through its pointer, and use it at the
// same time: it must be Sync. It must be Send to be freed by any thread.
const fn assert_send_sync<T: Send + Sync>() {}
const _: () = assert_send_sync::<Tally>();
// ANCHOR_END: tally

/// Makes a new `Tally` with every counter at 0.
///
/// Ownership: the `Tally` is allocated by Rust and belongs to the caller,
/// who must pass it to `tally_free` exactly once, after every other call
/// that uses it has returned. Never NULL.
#[unsafe(no_mangle)]
pub extern "C" fn tally_new() -> *mut Tally {
    let tally = Tally {
        atomic: AtomicU64::new(0),
        locked: Mutex::new(0),
        racy: AtomicU64::new(0),
    };
    Box::into_raw(Box::new(tally))
}

/// Frees a `Tally` from `tally_new`. NULL is ignored.
///
/// # Safety
///
/// `tally` is NULL, or came from `tally_new` and was not freed yet, and no
/// other call is using it, in this thread or another.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_free(tally: *mut Tally) {
    if !tally.is_null() {
        // SAFETY: from Box::into_raw in tally_new, freed once, unused
        // elsewhere (the caller's contract).
        drop(unsafe { Box::from_raw(tally) });
    }
}

// ANCHOR: tally_add
/// Borrows the `Tally` behind `tally` for one call: shared (`&`), never
/// `&mut`, because other threads may be using it at the same time.
///
/// # Safety
///
/// `tally` is NULL or a live `Tally` from `tally_new`.
unsafe fn borrow<'a>(tally: *const Tally) -> Option<&'a Tally> {
    // SAFETY: NULL gives None; otherwise the caller promises a live
    // Tally, which tally_free cannot free while it is in use.
    unsafe { tally.as_ref() }
}

/// Adds 1 to the atomic counter, `times` times. NULL does nothing.
///
/// # Safety
///
/// `tally` is NULL or a live `Tally` from `tally_new`; any number of
/// threads may call this and the other `tally_add_*` at once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_add_atomic(tally: *const Tally, times: u64) {
    // SAFETY: the caller's contract above.
    let Some(tally) = (unsafe { borrow(tally) }) else {
        return;
    };
    for _ in 0..times {
        tally.atomic.fetch_add(1, Ordering::Relaxed);
    }
}

/// Adds 1 to the counter behind the mutex, `times` times. NULL does
/// nothing.
///
/// # Safety
///
/// As for `tally_add_atomic`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_add_locked(tally: *const Tally, times: u64) {
    // SAFETY: the caller's contract above.
    let Some(tally) = (unsafe { borrow(tally) }) else {
        return;
    };
    for _ in 0..times {
        // Nothing panics while holding this lock; if something did, the
        // u64 behind the poisoned lock would still be whole: use it.
        let mut count =
            tally.locked.lock().unwrap_or_else(PoisonError::into_inner);
        *count = count.wrapping_add(1);
    }
}

/// Adds 1 to the racy counter, `times` times, with a load and then a
/// store: increments from other threads in between are lost. NULL does
/// nothing.
///
/// # Safety
///
/// As for `tally_add_atomic`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_add_racy(tally: *const Tally, times: u64) {
    // SAFETY: the caller's contract above.
    let Some(tally) = (unsafe { borrow(tally) }) else {
        return;
    };
    for _ in 0..times {
        let count = tally.racy.load(Ordering::Relaxed);
        tally.racy.store(count.wrapping_add(1), Ordering::Relaxed);
    }
}
// ANCHOR_END: tally_add

/// The three counters of a `Tally`, copied out.
#[repr(C)]
#[derive(Debug, PartialEq)]
pub struct TallyCounts {
    pub atomic: u64,
    pub locked: u64,
    pub racy: u64,
}

/// Reads the three counters; all zero for NULL. Call it when no thread is
/// adding, or the counts are from different moments.
///
/// # Safety
///
/// `tally` is NULL or a live `Tally` from `tally_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tally_counts(tally: *const Tally) -> TallyCounts {
    // SAFETY: the caller's contract above.
    let Some(tally) = (unsafe { borrow(tally) }) else {
        return TallyCounts {
            atomic: 0,
            locked: 0,
            racy: 0,
        };
    };
    TallyCounts {
        atomic: tally.atomic.load(Ordering::Relaxed),
        locked: *tally.locked.lock().unwrap_or_else(PoisonError::into_inner),
        racy: tally.racy.load(Ordering::Relaxed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    extern "C" fn square(worker: u32) -> u64 {
        u64::from(worker) * u64::from(worker)
    }

    #[test]
    fn run_workers_sums_every_result() {
        let mut total = 7;
        // SAFETY: `total` is writable; `square` is callable anywhere.
        assert_eq!(unsafe { run_workers(4, Some(square), &mut total) }, OK);
        assert_eq!(total, 1 + 4 + 9);
        // SAFETY: as above.
        assert_eq!(unsafe { run_workers(0, Some(square), &mut total) }, OK);
        assert_eq!(total, 0);
    }

    #[test]
    fn run_workers_refuses_null() {
        let mut total = 7;
        // SAFETY: NULL is allowed for both.
        assert_eq!(unsafe { run_workers(2, None, &mut total) }, NULL);
        // SAFETY: as above.
        let status = unsafe { run_workers(2, Some(square), ptr::null_mut()) };
        assert_eq!((status, total), (NULL, 7));
    }

    #[test]
    fn safe_counters_count_every_increment_from_every_thread() {
        let tally = tally_new();
        let address = tally as usize; // a raw pointer is not Send
        thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(move || {
                    let tally = address as *const Tally;
                    // SAFETY: live until tally_free below, after the
                    // scope has joined every thread.
                    unsafe {
                        tally_add_atomic(tally, 10_000);
                        tally_add_locked(tally, 10_000);
                        tally_add_racy(tally, 10_000);
                    }
                });
            }
        });
        // SAFETY: `tally` is live and no thread uses it any more.
        let counts = unsafe { tally_counts(tally) };
        assert_eq!((counts.atomic, counts.locked), (40_000, 40_000));
        assert!(counts.racy <= 40_000);
        // SAFETY: from tally_new, freed once.
        unsafe { tally_free(tally) };
    }

    #[test]
    fn null_tallies_are_ignored() {
        // SAFETY: NULL is allowed everywhere.
        unsafe {
            tally_add_atomic(ptr::null(), 1);
            tally_add_locked(ptr::null(), 1);
            tally_add_racy(ptr::null(), 1);
            tally_free(ptr::null_mut());
            assert_eq!(tally_counts(ptr::null()).atomic, 0);
        }
    }
}
