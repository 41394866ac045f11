//! Errors and panics at the boundary.
//!
//! Every fallible function returns a [`Status`], writes its result through
//! an out-parameter, and leaves a message for people in a thread-local
//! slot that `last_error_message` copies out. A panic inside [`guard`]
//! becomes `Status::Panic`; the `per_part_*` functions without the guard
//! show what a panic does otherwise.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::ffi::{CStr, CString, c_char};
use std::panic::{self, AssertUnwindSafe, UnwindSafe};
use std::ptr;
use std::sync::Once;

// Count this library's live allocations; exports live_allocations().
counting_alloc::install!();

// ANCHOR: status
/// What a call did, as an `int32_t` for C.
///
/// Rust only ever returns a `Status`; no function here takes one. A
/// `#[repr(i32)]` enum received from C would be undefined behaviour for
/// any value that is not a variant, so statuses never come in.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success: the out-parameter holds the result.
    Ok = 0,
    /// A pointer argument was NULL.
    Null = 1,
    /// The text is not UTF-8.
    NotUtf8 = 2,
    /// The text is not a duration.
    Invalid = 3,
    /// The duration does not fit in 64 bits of seconds.
    TooLong = 4,
    /// Rust panicked: a bug in this library, caught at the boundary.
    Panic = 5,
    /// An earlier call panicked while changing this object: refused.
    Poisoned = 6,
}

/// An error: a status for the program, a message for people.
#[derive(Debug, PartialEq)]
struct Error {
    status: Status,
    message: String,
}

fn error(status: Status, message: impl Into<String>) -> Error {
    Error {
        status,
        message: message.into(),
    }
}
// ANCHOR_END: status

// ANCHOR: last_error
thread_local! {
    /// The message of this thread's last failed call, if any.
    static LAST_ERROR: RefCell<Option<CString>> =
        const { RefCell::new(None) };
}

fn set_last_error(message: Option<String>) {
    // A NUL inside the message would cut it short for C: escape it.
    let message = message.map(|text| {
        CString::new(text.replace('\0', "\\0")).unwrap_or_default()
    });
    LAST_ERROR.with_borrow_mut(|slot| *slot = message);
}

/// Copies this thread's last error message, UTF-8 and NUL-terminated, into
/// `buffer`, which has room for `capacity` bytes.
///
/// Returns the size of the message, NUL included, or 0 if this thread's
/// last guarded call (of a function that returns a `Status`) succeeded
/// or there was none (then nothing is written). If
/// `buffer` is NULL or `capacity` is too small, writes nothing: call again
/// with a buffer of the returned size.
///
/// Ownership: `buffer` belongs to the caller. The message belongs to Rust
/// and stays in this thread's slot until this thread's next guarded call
/// (of a function of this library that returns a `Status`). Other
/// threads have their own slots.
///
/// # Safety
///
/// `buffer` is NULL or points to at least `capacity` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn last_error_message(
    buffer: *mut c_char,
    capacity: usize,
) -> usize {
    LAST_ERROR.with_borrow(|slot| {
        let Some(message) = slot else { return 0 };
        let bytes = message.as_bytes_with_nul();
        if !buffer.is_null() && capacity >= bytes.len() {
            // SAFETY: `buffer` has `capacity >= bytes.len()` writable
            // bytes (the caller's contract); Rust's message is elsewhere.
            unsafe {
                ptr::copy_nonoverlapping(
                    bytes.as_ptr(),
                    buffer.cast(),
                    bytes.len(),
                );
            }
        }
        bytes.len()
    })
}
// ANCHOR_END: last_error

// ANCHOR: parse
/// The number of seconds in `text`, such as `1h30m`: one or more parts,
/// each a decimal number and a unit, `d`, `h`, `m` or `s`.
fn parse_seconds(text: &str) -> Result<u64, Error> {
    let invalid = |why: String| {
        error(
            Status::Invalid,
            format!("{text:?} is not a duration: {why}"),
        )
    };
    if text.is_empty() {
        return Err(invalid("it is empty".into()));
    }
    let (mut total, mut rest) = (0_u64, text);
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, after) = rest.split_at(digits);
        let mut chars = after.chars();
        if number.is_empty() {
            return Err(invalid(format!("no number at {rest:?}")));
        }
        let Some(unit) = chars.next() else {
            return Err(invalid(format!("{number} has no unit")));
        };
        let scale = match unit {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(invalid(format!("unknown unit {unit:?}"))),
        };
        // A number too long for u64 fails to parse: too long as well.
        total = number
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(scale))
            .and_then(|part| total.checked_add(part))
            .ok_or_else(|| {
                let why = format!("{text:?} does not fit in 64-bit seconds");
                error(Status::TooLong, why)
            })?;
        rest = chars.as_str();
    }
    Ok(total)
}
// ANCHOR_END: parse

// ANCHOR: parse_duration
/// Parses a duration such as `1h30m` or `90s` and writes the number of
/// seconds into `*seconds`. Units: `d`, `h`, `m`, `s`; every number needs
/// one; nothing else is allowed, not even spaces.
///
/// Returns `Status::Ok`, or on error (then `*seconds` is not written and
/// `last_error_message` says what went wrong):
/// - `Status::Null` if `text` or `seconds` is NULL;
/// - `Status::NotUtf8` if the bytes of `text` are not UTF-8;
/// - `Status::Invalid` if `text` is not a duration;
/// - `Status::TooLong` if the seconds do not fit in a `u64`.
///
/// Ownership: both pointers belong to the caller and are used only during
/// this call; Rust keeps neither.
///
/// # Safety
///
/// `text` is NULL or a NUL-terminated string; `seconds` is NULL or points
/// to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn parse_duration(
    text: *const c_char,
    seconds: *mut u64,
) -> Status {
    guard(|| {
        if text.is_null() || seconds.is_null() {
            return Err(error(Status::Null, "a pointer argument is NULL"));
        }
        // SAFETY: not NULL, and the caller promises a NUL-terminated
        // string that stays valid during this call.
        let bytes = unsafe { CStr::from_ptr(text) };
        let text = bytes.to_str().map_err(|e| {
            error(Status::NotUtf8, format!("the text is not UTF-8: {e}"))
        })?;
        let value = parse_seconds(text)?;
        // SAFETY: not NULL, and the caller promises a writable uint64_t.
        unsafe { seconds.write(value) };
        Ok(())
    })
}
// ANCHOR_END: parse_duration

// ANCHOR: per_part
/// Seconds per part when `seconds` are split into `parts` equal parts.
/// The bug on purpose: `parts` may be 0, and then `/` panics.
fn seconds_per_part(seconds: u64, parts: u64) -> u64 {
    seconds / parts
}

/// `seconds / parts`, without a guard: when `parts` is 0 the panic meets
/// the `extern "C"` boundary, and Rust aborts the whole process.
#[unsafe(no_mangle)]
pub extern "C" fn per_part_unguarded(seconds: u64, parts: u64) -> u64 {
    seconds_per_part(seconds, parts)
}

/// The same with `extern "C-unwind"`: the panic may leave this function,
/// but nothing above it in a Python process can catch it, so Rust aborts.
#[unsafe(no_mangle)]
pub extern "C-unwind" fn per_part_c_unwind(seconds: u64, parts: u64) -> u64 {
    seconds_per_part(seconds, parts)
}
// ANCHOR_END: per_part

// ANCHOR: per_part_guarded
/// Writes `seconds / parts` into `*result`. Returns `Status::Ok`, or
/// `Status::Null` if `result` is NULL, or `Status::Panic` if `parts` is
/// 0 (the panic is caught; `last_error_message` has its message). On
/// error `*result` is not written.
///
/// Ownership: `result` belongs to the caller; Rust keeps no copy.
///
/// # Safety
///
/// `result` is NULL or points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn per_part(
    seconds: u64,
    parts: u64,
    result: *mut u64,
) -> Status {
    guard(|| {
        if result.is_null() {
            return Err(error(Status::Null, "a pointer argument is NULL"));
        }
        let value = seconds_per_part(seconds, parts);
        // SAFETY: not NULL, and the caller promises a writable uint64_t.
        unsafe { result.write(value) };
        Ok(())
    })
}
// ANCHOR_END: per_part_guarded

// ANCHOR: guard
thread_local! {
    /// Whether this thread is inside `guard`, where panics are caught.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs the body of an exported function and returns its status. An
/// error's message goes to this thread's slot; a panic is caught here,
/// never reaching the caller, and becomes `Status::Panic`.
fn guard(body: impl FnOnce() -> Result<(), Error> + UnwindSafe) -> Status {
    install_quiet_hook();
    set_last_error(None); // a new call: forget the last error
    let was_guarded = GUARDED.replace(true);
    let outcome = panic::catch_unwind(body);
    GUARDED.set(was_guarded);
    match outcome {
        Ok(Ok(())) => Status::Ok,
        Ok(Err(error)) => {
            set_last_error(Some(error.message));
            error.status
        }
        Err(payload) => {
            // The hook kept the message, unless no hook ran: a panic
            // started by `resume_unwind` skips it. Then read the payload.
            if LAST_ERROR.with_borrow(Option::is_none) {
                let what = payload_text(&*payload);
                set_last_error(Some(format!("Rust panicked: {what}")));
            }
            // Dropping the payload runs its code, which could panic too:
            // drop it inside a second net (outside the guard, so the
            // default hook reports such a panic). That panic's payload is
            // leaked: dropping it here, outside any net, could panic too.
            let drop_it = AssertUnwindSafe(|| drop(payload));
            if let Err(again) = panic::catch_unwind(drop_it) {
                std::mem::forget(again);
            }
            Status::Panic
        }
    }
}

/// The text of a panic's payload: `panic!` gives a `&str` or a `String`.
fn payload_text(payload: &(dyn Any + Send)) -> &str {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text
    } else {
        "a non-text payload"
    }
}

/// Installs, once, a panic hook that stores the message of a panic inside
/// `guard` in the thread's slot, instead of printing it. Panics elsewhere
/// go to the hook that was there before, Rust's default one.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !GUARDED.get() {
                return previous(info);
            }
            let what = info.payload_as_str().unwrap_or("a non-text payload");
            let place = match info.location() {
                Some(place) => format!(" at {place}"),
                None => String::new(),
            };
            set_last_error(Some(format!("Rust panicked{place}: {what}")));
        }));
    });
}
// ANCHOR_END: guard

// ANCHOR: plan
/// Durations added one by one; `total` is always the sum of `parts`.
#[derive(Debug, Default)]
pub struct Plan {
    parts: Vec<u64>,
    total: u64,
    /// A panic interrupted a change: `total` may not be the sum any more.
    poisoned: bool,
}

/// Python's `Plan` serialises the calls, from any thread: `Plan` must be
/// `Send` (the sharing rule of threads_and_gil).
const fn assert_send<T: Send>() {}
const _: () = assert_send::<Plan>();

/// Runs `change` on the plan behind `plan`, inside `guard`. A panic in it
/// poisons the plan: every later call on it returns `Status::Poisoned`.
///
/// # Safety
///
/// `plan` is NULL or a live plan from `plan_new` that no other call is
/// using.
unsafe fn with_plan(
    plan: *mut Plan,
    change: impl FnOnce(&mut Plan) -> Result<(), Error>,
) -> Status {
    // SAFETY: NULL or a live plan, used by this call only (contract).
    let Some(plan) = (unsafe { plan.as_mut() }) else {
        return guard(|| Err(error(Status::Null, "the plan is NULL")));
    };
    if plan.poisoned {
        let why = "an earlier call panicked while changing this plan";
        return guard(|| Err(error(Status::Poisoned, why)));
    }
    // `&mut Plan` is not `UnwindSafe`: a panic can leave it half-changed.
    // AssertUnwindSafe says "this function deals with that", and it does:
    // after a panic, the plan is poisoned.
    let status = guard(AssertUnwindSafe(|| change(&mut *plan)));
    if status == Status::Panic {
        plan.poisoned = true;
    }
    status
}
// ANCHOR_END: plan

/// Makes an empty plan. Never returns NULL.
///
/// Ownership: Rust allocates the plan; the caller owns it and passes it
/// to `plan_free` exactly once.
#[unsafe(no_mangle)]
pub extern "C" fn plan_new() -> *mut Plan {
    Box::into_raw(Box::default())
}

/// Frees a plan from `plan_new`, poisoned or not. NULL is ignored.
///
/// # Safety
///
/// `plan` is NULL or from `plan_new`, not freed yet, not used after.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plan_free(plan: *mut Plan) {
    if !plan.is_null() {
        // SAFETY: from Box::into_raw in plan_new, freed once (contract).
        drop(unsafe { Box::from_raw(plan) });
    }
}

/// Parses `text` as `parse_duration` does and adds it to the plan.
/// Returns the statuses of `parse_duration`, `Status::TooLong` if the
/// total would overflow, or `Status::Poisoned`; on error, nothing changes.
///
/// # Safety
///
/// `plan` is NULL or a live plan that no other call is using; `text` is
/// NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plan_add(
    plan: *mut Plan,
    text: *const c_char,
) -> Status {
    let add = |plan: &mut Plan| {
        if text.is_null() {
            return Err(error(Status::Null, "the text is NULL"));
        }
        // SAFETY: not NULL, and NUL-terminated (the caller's contract).
        let text = unsafe { CStr::from_ptr(text) }.to_str().map_err(|e| {
            error(Status::NotUtf8, format!("the text is not UTF-8: {e}"))
        })?;
        let seconds = parse_seconds(text)?;
        plan.total = plan.total.checked_add(seconds).ok_or_else(|| {
            error(Status::TooLong, "the total does not fit in 64 bits")
        })?;
        plan.parts.push(seconds);
        Ok(())
    };
    // SAFETY: NULL or a live plan that no other call uses (contract).
    unsafe { with_plan(plan, add) }
}

// ANCHOR: plan_repeat
/// Repeats every part of the plan `times` times over (each part and the
/// total are multiplied by `times`).
///
/// The bug on purpose: it changes the parts one by one, and panics on
/// the first one that overflows, leaving the plan half-changed. The panic
/// is caught (`Status::Panic`) and poisons the plan. The total is summed
/// with `checked_add` too: `iter().sum()` would panic in a debug build
/// but, in a release build, wrap and return a wrong total as `Ok`.
///
/// # Safety
///
/// `plan` is NULL or a live plan that no other call is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plan_repeat(plan: *mut Plan, times: u64) -> Status {
    let repeat = |plan: &mut Plan| {
        for part in &mut plan.parts {
            *part = part.checked_mul(times).expect("a part overflowed");
        }
        plan.total = plan
            .parts
            .iter()
            .try_fold(0u64, |sum, &part| sum.checked_add(part))
            .expect("the total overflowed");
        Ok(())
    };
    // SAFETY: NULL or a live plan that no other call uses (contract).
    unsafe { with_plan(plan, repeat) }
}
// ANCHOR_END: plan_repeat

/// Writes the plan's total into `*total`. `Status::Null` if a pointer is
/// NULL, `Status::Poisoned` after a panic; then `*total` is not written.
///
/// # Safety
///
/// `plan` is NULL or a live plan that no other call is using; `total` is
/// NULL or points to a writable `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn plan_total(
    plan: *mut Plan,
    total: *mut u64,
) -> Status {
    let read = |plan: &mut Plan| {
        if total.is_null() {
            return Err(error(Status::Null, "a pointer argument is NULL"));
        }
        // SAFETY: not NULL, and writable (the caller's contract).
        unsafe { total.write(plan.total) };
        Ok(())
    };
    // SAFETY: NULL or a live plan that no other call uses (contract).
    unsafe { with_plan(plan, read) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> String {
        let mut buffer = [0 as c_char; 200];
        // SAFETY: `buffer` has 200 writable bytes.
        let size = unsafe { last_error_message(buffer.as_mut_ptr(), 200) };
        if size == 0 {
            return String::new();
        }
        // SAFETY: last_error_message wrote a NUL-terminated string.
        let text = unsafe { CStr::from_ptr(buffer.as_ptr()) };
        text.to_string_lossy().into_owned()
    }

    fn parse(text: &CStr) -> (Status, u64) {
        let mut seconds = 7;
        // SAFETY: a valid C string and a writable u64.
        let status = unsafe { parse_duration(text.as_ptr(), &mut seconds) };
        (status, seconds)
    }

    #[test]
    fn parses_units_and_sums_parts() {
        assert_eq!(parse_seconds("90s"), Ok(90));
        assert_eq!(parse_seconds("1h30m"), Ok(5400));
        assert_eq!(parse_seconds("2d1s"), Ok(172_801));
        assert_eq!(parse_seconds("1m1m"), Ok(120));
        assert_eq!(parse(c"1h30m"), (Status::Ok, 5400));
        assert_eq!(message(), "");
    }

    #[test]
    fn refuses_what_is_not_a_duration() {
        for (text, why) in [
            (c"", "it is empty"),
            (c"90", "90 has no unit"),
            (c"1w", "unknown unit 'w'"),
            (c"h1", "no number at \"h1\""),
            (c"1h 30m", "no number at \" 30m\""),
            (c"-1s", "no number at \"-1s\""),
        ] {
            assert_eq!(parse(text), (Status::Invalid, 7), "{text:?}");
            let quoted = format!("{:?}", text.to_str().unwrap());
            assert_eq!(message(), format!("{quoted} is not a duration: {why}"));
        }
    }

    #[test]
    fn overflow_is_too_long() {
        let max = c"18446744073709551615s"; // u64::MAX seconds
        assert_eq!(parse(max), (Status::Ok, u64::MAX));
        for text in [
            c"18446744073709551616s",
            c"213503982334602d",
            c"99999999999999999999999s",
        ] {
            assert_eq!(parse(text), (Status::TooLong, 7), "{text:?}");
            assert!(message().ends_with("does not fit in 64-bit seconds"));
        }
    }

    #[test]
    fn null_and_bad_utf8_are_errors() {
        let mut seconds = 0;
        // SAFETY: NULL is allowed for both pointers.
        let status = unsafe { parse_duration(ptr::null(), &mut seconds) };
        assert_eq!(status, Status::Null);
        // SAFETY: as above.
        let status = unsafe { parse_duration(c"1s".as_ptr(), ptr::null_mut()) };
        assert_eq!(status, Status::Null);
        assert_eq!(message(), "a pointer argument is NULL");
        assert_eq!(parse(c"1\xffs").0, Status::NotUtf8);
        assert_eq!(
            message(),
            "the text is not UTF-8: invalid utf-8 sequence of 1 bytes from \
             index 1"
        );
    }

    #[test]
    fn a_panic_in_the_guard_becomes_a_status_with_its_message() {
        let mut result = 7;
        // SAFETY: `result` is a writable u64.
        let status = unsafe { per_part(5400, 0, &mut result) };
        assert_eq!((status, result), (Status::Panic, 7));
        let text = message();
        assert!(text.starts_with("Rust panicked at "), "{text}");
        assert!(text.ends_with(": attempt to divide by zero"), "{text}");
        // SAFETY: as above.
        let status = unsafe { per_part(5400, 4, &mut result) };
        assert_eq!((status, result, message()), (Status::Ok, 1350, "".into()));
    }

    #[test]
    fn a_small_buffer_gets_nothing_but_the_size() {
        parse(c"1x");
        let needed = r#""1x" is not a duration: unknown unit 'x'"#.len() + 1;
        let mut buffer = [b'#' as c_char; 4];
        // SAFETY: `buffer` has 4 writable bytes.
        let size = unsafe { last_error_message(buffer.as_mut_ptr(), 4) };
        assert_eq!(size, needed);
        assert!(buffer.iter().all(|&byte| byte == b'#' as c_char));
        // SAFETY: NULL only asks for the size.
        assert_eq!(unsafe { last_error_message(ptr::null_mut(), 0) }, needed);
    }

    #[test]
    fn after_a_success_nothing_is_written() {
        parse(c"1x");
        parse(c"1s");
        let mut buffer = [b'#' as c_char; 200];
        // SAFETY: `buffer` has 200 writable bytes.
        let size = unsafe { last_error_message(buffer.as_mut_ptr(), 200) };
        assert_eq!(size, 0);
        assert!(buffer.iter().all(|&byte| byte == b'#' as c_char));
    }

    #[test]
    fn a_panic_that_skips_the_hook_takes_its_message_from_the_payload() {
        // resume_unwind starts a panic without running the hook.
        let status = guard(|| panic::resume_unwind(Box::new("resumed")));
        assert_eq!(
            (status, message()),
            (Status::Panic, { "Rust panicked: resumed".into() })
        );
        let owned = String::from("an owned message");
        let status = guard(move || panic::resume_unwind(Box::new(owned)));
        assert_eq!(message(), "Rust panicked: an owned message");
        assert_eq!(status, Status::Panic);
        let status = guard(|| panic::resume_unwind(Box::new(42_u8)));
        assert_eq!(message(), "Rust panicked: a non-text payload");
        assert_eq!(status, Status::Panic);
    }

    /// A payload whose drop panics, with a payload one step smaller.
    struct Bomb(u8);

    impl Drop for Bomb {
        fn drop(&mut self) {
            if self.0 > 0 {
                panic::resume_unwind(Box::new(Bomb(self.0 - 1)));
            }
        }
    }

    #[test]
    fn a_payload_whose_drop_panics_twice_is_leaked_not_dropped_outside() {
        let status = guard(|| panic::resume_unwind(Box::new(Bomb(2))));
        assert_eq!(status, Status::Panic);
        assert_eq!(message(), "Rust panicked: a non-text payload");
    }

    #[test]
    fn a_panic_poisons_the_plan_and_every_later_call_is_refused() {
        let plan = plan_new();
        let mut total = 7;
        // SAFETY: a live plan used by this thread only, valid C strings, a
        // writable u64; the plan is freed once, at the end.
        unsafe {
            assert_eq!(plan_add(plan, c"1h".as_ptr()), Status::Ok);
            assert_eq!(plan_add(plan, c"1x".as_ptr()), Status::Invalid);
            assert_eq!(plan_repeat(plan, 2), Status::Ok);
            assert_eq!(plan_total(plan, &mut total), Status::Ok);
            assert_eq!(total, 7200);
            let huge = c"18446744073709551615s"; // u64::MAX seconds
            assert_eq!(plan_add(plan, huge.as_ptr()), Status::TooLong);
            assert_eq!(plan_repeat(plan, 1), Status::Ok); // sums the parts:
            assert_eq!(plan_total(plan, &mut total), Status::Ok);
            assert_eq!(total, 7200); // the failed add left them unchanged
            assert_eq!(plan_add(plan, c"1s".as_ptr()), Status::Ok);
            assert_eq!(plan_repeat(plan, u64::MAX), Status::Panic);
            assert!(message().ends_with(": a part overflowed"));
            for status in [
                plan_total(plan, &mut total),
                plan_add(plan, c"1s".as_ptr()),
                plan_repeat(plan, 1),
            ] {
                assert_eq!(status, Status::Poisoned);
            }
            assert_eq!(total, 7200); // not written since
            assert_eq!(plan_total(ptr::null_mut(), &mut total), Status::Null);
            plan_free(plan);
            let fresh = plan_new();
            assert_eq!(plan_total(fresh, ptr::null_mut()), Status::Null);
            plan_free(fresh);
            plan_free(ptr::null_mut());
        }
    }

    #[test]
    fn a_total_that_overflows_panics_in_every_profile() {
        let plan = plan_new();
        let part = c"4611686018427387904s"; // 2^62 seconds
        // SAFETY: a live plan used by this thread only, a valid C string;
        // the plan is freed once, at the end.
        unsafe {
            assert_eq!(plan_add(plan, part.as_ptr()), Status::Ok);
            assert_eq!(plan_add(plan, part.as_ptr()), Status::Ok);
            // Each part fits after the repeat (3 * 2^62), their sum not.
            assert_eq!(plan_repeat(plan, 3), Status::Panic);
            assert!(message().ends_with(": the total overflowed"));
            plan_free(plan);
        }
    }
}
