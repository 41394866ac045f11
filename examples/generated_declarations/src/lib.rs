//! Summary statistics of a series of numbers. Python's declarations of
//! this library are generated from this file by cbindgen: bindings.h.

use std::slice;

// ANCHOR: version
/// The version of this library's C interface; bumped on every change.
pub const SUMMARY_VERSION: u32 = 1;

/// The value of `SUMMARY_VERSION` this library was built with.
#[unsafe(no_mangle)]
pub extern "C" fn summary_version() -> u32 {
    SUMMARY_VERSION
}
// ANCHOR_END: version

// ANCHOR: types
/// What `summarize` found out.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

/// Why `summarize` did or did not write a summary.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryStatus {
    Ok,
    NullPointer,
    NoValues,
    NotFinite,
}
// ANCHOR_END: types

// ANCHOR: summarize
/// Summarizes the `len` numbers at `values` into `*out`.
///
/// Returns `Ok` and writes `*out`; or, writing nothing: `NullPointer` if
/// `out` is NULL, or `values` is NULL while `len` is not 0; `NoValues` if
/// `len` is 0; `NotFinite` if a value is NaN or infinite.
///
/// Ownership: both pointers belong to the caller. Rust reads `values` and
/// writes `*out` during the call only, and keeps neither.
///
/// # Safety
///
/// `values` is NULL or points to `len` initialized numbers; `out` is NULL
/// or points to memory where a `Summary` can be written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn summarize(
    values: *const f64,
    len: usize,
    out: *mut Summary,
) -> SummaryStatus {
    if out.is_null() || (values.is_null() && len > 0) {
        return SummaryStatus::NullPointer;
    }
    if len == 0 {
        return SummaryStatus::NoValues;
    }
    // SAFETY: `values` is not NULL and points to `len` numbers (the
    // caller's contract).
    let values = unsafe { slice::from_raw_parts(values, len) };
    match summary_of(values) {
        Some(summary) => {
            // SAFETY: `out` is not NULL and writable (the caller's
            // contract).
            unsafe { out.write(summary) };
            SummaryStatus::Ok
        }
        None => SummaryStatus::NotFinite,
    }
}
// ANCHOR_END: summarize

/// The summary of `values`: None if one is not finite, or if empty.
fn summary_of(values: &[f64]) -> Option<Summary> {
    if values.is_empty() || !values.iter().all(|value| value.is_finite()) {
        return None;
    }
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    Some(Summary {
        count: values.len(),
        min,
        max,
        mean,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn call(values: &[f64]) -> (SummaryStatus, Option<Summary>) {
        let mut out = Summary {
            count: 0,
            min: 0.0,
            max: 0.0,
            mean: 0.0,
        };
        // SAFETY: a valid slice and a valid, writable Summary.
        let status =
            unsafe { summarize(values.as_ptr(), values.len(), &mut out) };
        (status, (status == SummaryStatus::Ok).then_some(out))
    }

    #[test]
    fn summarizes_numbers() {
        let expected = Summary {
            count: 4,
            min: -1.0,
            max: 4.0,
            mean: 1.5,
        };
        assert_eq!(
            call(&[2.0, -1.0, 4.0, 1.0]),
            (SummaryStatus::Ok, Some(expected))
        );
    }

    #[test]
    fn refuses_what_it_cannot_summarize() {
        assert_eq!(call(&[]), (SummaryStatus::NoValues, None));
        assert_eq!(call(&[1.0, f64::NAN]), (SummaryStatus::NotFinite, None));
        assert_eq!(call(&[f64::INFINITY]).0, SummaryStatus::NotFinite);
        // SAFETY: NULL pointers are allowed and refused.
        unsafe {
            let status = summarize(ptr::null(), 3, ptr::null_mut());
            assert_eq!(status, SummaryStatus::NullPointer);
        }
    }

    #[test]
    fn the_version_is_the_constant() {
        assert_eq!(summary_version(), SUMMARY_VERSION);
    }
}
