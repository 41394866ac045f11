//! Temperature readings for a cffi API-mode module: a struct, a function
//! that reads an array of it, and one that calls back into Python.

use std::ffi::c_void;
use std::slice;

// ANCHOR: reading
/// One temperature reading from one sensor.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub sensor: u32,
    pub celsius: f32,
}
// ANCHOR_END: reading

/// The readings at `readings`: empty for NULL or a length of 0.
///
/// # Safety
///
/// `readings` is NULL or points to `len` initialized readings that stay
/// valid and unchanged for `'a`.
unsafe fn as_slice<'a>(readings: *const Reading, len: usize) -> &'a [Reading] {
    if readings.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: not NULL, and `len` valid readings (the caller's contract).
    unsafe { slice::from_raw_parts(readings, len) }
}

// ANCHOR: mean_celsius
/// The mean of the `len` temperatures at `readings`, in °C.
///
/// Returns NaN when there is no reading: `readings` NULL or `len` 0.
/// NaN or infinite temperatures make the mean NaN or infinite.
///
/// Ownership: the array belongs to the caller; Rust reads it during the
/// call only and keeps no pointer to it.
///
/// # Safety
///
/// `readings` is NULL or points to `len` initialized readings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn mean_celsius(
    readings: *const Reading,
    len: usize,
) -> f64 {
    // SAFETY: the caller's contract is `as_slice`'s.
    let readings = unsafe { as_slice(readings, len) };
    if readings.is_empty() {
        return f64::NAN;
    }
    let total: f64 = readings.iter().map(|r| f64::from(r.celsius)).sum();
    total / readings.len() as f64
}
// ANCHOR_END: mean_celsius

// ANCHOR: count_where
/// A filter: returns true to keep `reading`. `context` is whatever the
/// caller of `count_where` passed; Rust never reads it.
pub type KeepReading =
    unsafe extern "C" fn(reading: Reading, context: *mut c_void) -> bool;

/// Counts the readings for which `keep(reading, context)` returns true,
/// calling `keep` once for each reading, in order.
///
/// `readings` NULL or `len` 0 gives 0 without calling `keep`. `keep` NULL
/// keeps every reading.
///
/// Ownership: the array and `context` belong to the caller. Rust passes
/// `context` on to `keep` unchanged, during this call only, and keeps no
/// pointer after returning.
///
/// # Safety
///
/// `readings` is NULL or points to `len` initialized readings; `keep`, if
/// not NULL, is safe to call with any reading and this `context`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_where(
    readings: *const Reading,
    len: usize,
    keep: Option<KeepReading>,
    context: *mut c_void,
) -> usize {
    // SAFETY: the caller's contract is `as_slice`'s.
    let readings = unsafe { as_slice(readings, len) };
    let Some(keep) = keep else {
        return readings.len();
    };
    readings
        .iter()
        // SAFETY: `keep` accepts any reading with this `context` (the
        // caller's contract).
        .filter(|&&reading| unsafe { keep(reading, context) })
        .count()
}
// ANCHOR_END: count_where

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    const READINGS: [Reading; 3] = [
        Reading {
            sensor: 1,
            celsius: 21.5,
        },
        Reading {
            sensor: 2,
            celsius: 23.5,
        },
        Reading {
            sensor: 3,
            celsius: 19.0,
        },
    ];

    #[test]
    fn the_mean_of_readings() {
        // SAFETY: a valid array and its length.
        let mean = unsafe { mean_celsius(READINGS.as_ptr(), READINGS.len()) };
        assert_eq!(mean, 64.0 / 3.0);
    }

    #[test]
    fn no_readings_have_no_mean() {
        // SAFETY: NULL and empty inputs are allowed.
        unsafe {
            assert!(mean_celsius(ptr::null(), 3).is_nan());
            assert!(mean_celsius(READINGS.as_ptr(), 0).is_nan());
        }
    }

    unsafe extern "C" fn warmer_than(
        reading: Reading,
        context: *mut c_void,
    ) -> bool {
        // SAFETY: the tests pass a pointer to an f32 as the context.
        let limit = unsafe { *context.cast::<f32>() };
        reading.celsius > limit
    }

    #[test]
    fn counts_what_the_callback_keeps() {
        let mut limit = 20.0_f32;
        let context = (&raw mut limit).cast::<c_void>();
        let (readings, len) = (READINGS.as_ptr(), READINGS.len());
        // SAFETY: a valid array; `warmer_than` reads an f32 context.
        unsafe {
            assert_eq!(
                count_where(readings, len, Some(warmer_than), context),
                2
            );
            assert_eq!(count_where(readings, len, None, context), 3);
            assert_eq!(count_where(ptr::null(), len, None, context), 0);
        }
    }
}
