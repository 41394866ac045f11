//! Rust and Python threads: cffi releases the GIL around each call into
//! Rust and takes it for each call back into Python, and Rust state that
//! Python threads share must be safe to use from many threads at once.

use std::ffi::c_void;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Mutex, PoisonError};
use std::thread::{self, JoinHandle};
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

// ANCHOR: ticker
/// What a ticker calls, on its own thread: the tick's number, 1, 2, ...
pub type OnTick = extern "C" fn(tick: u64, user_data: *mut c_void);

/// A Rust thread that calls back on its own schedule, after the call that
/// started it has returned.
#[derive(Debug)]
pub struct Ticker {
    stop: mpsc::Sender<()>,
    thread: JoinHandle<u64>,
}

/// `user_data`, moved to the ticker's thread. A raw pointer is not `Send`:
/// Rust cannot know what it points to.
struct UserData(*mut c_void);
// SAFETY: `ticker_start`'s contract: the caller allows `on_tick` to be
// called with this pointer from the ticker's thread.
unsafe impl Send for UserData {}

/// Starts a thread that calls `on_tick(n, user_data)` for n = 1, 2, ...,
/// one call every `interval_ms` milliseconds, `ticks` calls at most, until
/// `ticker_stop`. Returns NULL if `on_tick` is NULL or no thread could be
/// started; then nothing is called.
///
/// Ownership: Rust allocates the ticker; the caller passes it to
/// `ticker_stop` exactly once. `on_tick` and whatever `user_data` refers
/// to must stay valid until `ticker_stop` has returned and, when it is
/// called from inside `on_tick`, until that `on_tick` call has returned.
///
/// # Safety
///
/// `on_tick` may be called from the ticker's thread with `user_data`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ticker_start(
    interval_ms: u64,
    ticks: u64,
    on_tick: Option<OnTick>,
    user_data: *mut c_void,
) -> *mut Ticker {
    let Some(on_tick) = on_tick else {
        return std::ptr::null_mut();
    };
    let (stop, stopped) = mpsc::channel::<()>();
    let user_data = UserData(user_data);
    let interval = Duration::from_millis(interval_ms);
    let spawned = thread::Builder::new().spawn(move || {
        let user_data = user_data; // capture the Send struct, not its field
        let mut made = 0;
        while made < ticks {
            // Wait one interval, or less if ticker_stop says so.
            match stopped.recv_timeout(interval) {
                Err(RecvTimeoutError::Timeout) => {
                    made += 1;
                    on_tick(made, user_data.0);
                }
                Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        made
    });
    match spawned {
        Ok(thread) => Box::into_raw(Box::new(Ticker { stop, thread })),
        Err(_) => std::ptr::null_mut(),
    }
}

/// Whether the caller runs on `ticker`'s own thread, inside `on_tick`;
/// false for NULL. There `ticker_stop` cannot wait for the call in
/// progress.
///
/// # Safety
///
/// `ticker` is NULL or from `ticker_start`, not stopped yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ticker_on_own_thread(ticker: *const Ticker) -> bool {
    // SAFETY: NULL gives None; otherwise live (the caller's contract).
    let ticker = unsafe { ticker.as_ref() };
    ticker.is_some_and(|t| t.thread.thread().id() == thread::current().id())
}

/// Stops the ticker's thread, waits until it has finished (a call to
/// `on_tick` in progress returns first), frees the ticker, and returns
/// how many calls the thread made. Once this returns, `on_tick` is never
/// called again. NULL is ignored (returns 0).
///
/// Called on the ticker's own thread (from inside `on_tick`, directly or
/// through a finalizer that Python's garbage collector runs there), it
/// cannot wait for itself: it tells the thread to stop, frees the ticker
/// and returns 0; `on_tick` is not called again after the call in
/// progress returns.
///
/// # Safety
///
/// `ticker` is NULL or from `ticker_start`, not stopped yet, not used
/// after.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ticker_stop(ticker: *mut Ticker) -> u64 {
    if ticker.is_null() {
        return 0;
    }
    // SAFETY: from Box::into_raw in ticker_start, stopped once (contract).
    let Ticker { stop, thread } = *unsafe { Box::from_raw(ticker) };
    drop(stop); // the thread's next wait ends at once
    if thread.thread().id() == thread::current().id() {
        return 0; // joining itself panics or deadlocks; it ends on return
    }
    thread.join().unwrap_or(0) // 0 if on_tick panicked: it cannot here
}
// ANCHOR_END: ticker

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;
    use std::sync::atomic::AtomicBool;

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
            let zero = TallyCounts {
                atomic: 0,
                locked: 0,
                racy: 0,
            };
            assert_eq!(tally_counts(ptr::null()), zero);
        }
    }

    extern "C" fn count_tick(tick: u64, user_data: *mut c_void) {
        // SAFETY: the tests pass a pointer to an AtomicU64 that outlives
        // the ticker.
        let last = unsafe { &*user_data.cast::<AtomicU64>() };
        last.store(tick, Ordering::SeqCst);
    }

    #[test]
    fn a_ticker_calls_back_at_most_ticks_times_then_stops() {
        let last = AtomicU64::new(0);
        let data = std::ptr::from_ref(&last).cast_mut().cast();
        // SAFETY: count_tick accepts `data` from any thread; `last`
        // outlives the ticker, which is stopped once.
        unsafe {
            let ticker = ticker_start(1, 3, Some(count_tick), data);
            assert!(!ticker.is_null());
            while last.load(Ordering::SeqCst) < 3 {
                thread::sleep(Duration::from_millis(1));
            }
            assert_eq!(ticker_stop(ticker), 3);
        }
        assert_eq!(last.load(Ordering::SeqCst), 3);
    }

    /// The ticker a tick stops, the last tick, and whether it stopped.
    struct SelfStop {
        ticker: Mutex<mpsc::Receiver<usize>>,
        ticks: AtomicU64,
        stopped: AtomicU64,
        own_thread: AtomicBool,
    }

    extern "C" fn stop_on_first_tick(tick: u64, user_data: *mut c_void) {
        // SAFETY: the test passes a leaked SelfStop, valid forever.
        let data = unsafe { &*user_data.cast::<SelfStop>() };
        data.ticks.store(tick, Ordering::SeqCst);
        if tick == 1 {
            let ticker = data.ticker.lock().unwrap().recv().unwrap();
            let ticker = ticker as *mut Ticker;
            // SAFETY: the ticker this data started with, stopped once.
            let (own, made) =
                unsafe { (ticker_on_own_thread(ticker), ticker_stop(ticker)) };
            data.own_thread.store(own, Ordering::SeqCst);
            data.stopped.store(made + 1, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_ticker_stopped_from_its_own_thread_ends_without_joining() {
        let (send, ticker) = mpsc::channel();
        let data: &'static SelfStop = Box::leak(Box::new(SelfStop {
            ticker: Mutex::new(ticker),
            ticks: AtomicU64::new(0),
            stopped: AtomicU64::new(0),
            own_thread: AtomicBool::new(false),
        }));
        let ptr = std::ptr::from_ref(data).cast_mut().cast();
        // SAFETY: stop_on_first_tick accepts `ptr` from any thread and
        // stops the ticker once.
        let ticker =
            unsafe { ticker_start(1, 1000, Some(stop_on_first_tick), ptr) };
        // SAFETY: live: the first tick waits for it before stopping it.
        assert!(!unsafe { ticker_on_own_thread(ticker) });
        send.send(ticker as usize).unwrap();
        while data.stopped.load(Ordering::SeqCst) == 0 {
            thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(data.stopped.load(Ordering::SeqCst), 1); // returned 0
        assert!(data.own_thread.load(Ordering::SeqCst));
        thread::sleep(Duration::from_millis(20)); // 20 intervals
        assert_eq!(data.ticks.load(Ordering::SeqCst), 1); // no tick after
    }

    #[test]
    fn stopping_a_ticker_ends_it_without_waiting_for_its_interval() {
        let last = AtomicU64::new(0);
        let data = std::ptr::from_ref(&last).cast_mut().cast();
        // SAFETY: as above.
        unsafe {
            let ticker = ticker_start(3_600_000, 5, Some(count_tick), data);
            assert_eq!(ticker_stop(ticker), 0); // returns, and no tick
            assert!(ticker_start(1, 1, None, data).is_null());
            assert_eq!(ticker_stop(std::ptr::null_mut()), 0);
            assert!(!ticker_on_own_thread(std::ptr::null()));
        }
        assert_eq!(last.load(Ordering::SeqCst), 0);
    }
}
