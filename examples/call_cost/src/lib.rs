//! Functions to time calls across the boundary with.

use std::ffi::c_char;

// ANCHOR: add
/// `a + b`, wrapping on overflow: the cheapest possible call.
#[unsafe(no_mangle)]
pub extern "C" fn add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

/// `total + x`: one call per element of a sum.
#[unsafe(no_mangle)]
pub extern "C" fn add_f64(total: f64, x: f64) -> f64 {
    total + x
}
// ANCHOR_END: add

/// The `len` doubles at `values`, or an empty slice for NULL or 0.
///
/// # Safety
/// Unless NULL, `values` must point to `len` readable, initialised doubles
/// that nothing writes during `'a`.
unsafe fn doubles<'a>(values: *const f64, len: usize) -> &'a [f64] {
    if values.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable doubles.
    unsafe { std::slice::from_raw_parts(values, len) }
}

// ANCHOR: sum
/// The sum of `len` doubles at `values`, added one after the other.
///
/// Returns 0.0 when `values` is NULL or `len` is 0.
///
/// # Safety
/// Unless NULL, `values` must point to `len` readable, initialised doubles
/// that nothing writes during the call. Python keeps ownership.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sum_f64(values: *const f64, len: usize) -> f64 {
    // SAFETY: the caller's contract is `doubles`'.
    let values = unsafe { doubles(values, len) };
    // One chain: each addition waits for the one before. Floating-point
    // addition is not associative, so the compiler may not reorder it.
    // (From 0.0: `iter().sum()` starts at -0.0, the sum of nothing.)
    values.iter().fold(0.0, |total, x| total + x)
}

/// The same sum with eight independent running totals, added at the end.
///
/// Returns 0.0 when `values` is NULL or `len` is 0. The result can differ
/// from `sum_f64`'s in the last bits: the additions happen in another
/// order (for whole numbers below 2**53 both are exact).
///
/// # Safety
/// As `sum_f64`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sum_f64_lanes(values: *const f64, len: usize) -> f64 {
    // SAFETY: the caller's contract is `doubles`'.
    let values = unsafe { doubles(values, len) };
    let mut lanes = [0.0_f64; 8];
    let chunks = values.chunks_exact(lanes.len());
    let rest = chunks.remainder().iter().fold(0.0, |total, x| total + x);
    for chunk in chunks {
        // Eight chains that do not wait for each other: the processor
        // overlaps them, and the compiler can use vector instructions.
        for (lane, x) in lanes.iter_mut().zip(chunk) {
            *lane += x;
        }
    }
    lanes.iter().fold(rest, |total, lane| total + lane)
}
// ANCHOR_END: sum

// ANCHOR: binding_costs
/// Writes `a + b` (wrapping) to `*out` and returns 0; returns 1 and
/// writes nothing when `out` is NULL. The caller owns `*out`.
///
/// # Safety
/// Unless NULL, `out` must point to a writable `int64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn add_out(a: i64, b: i64, out: *mut i64) -> i32 {
    if out.is_null() {
        return 1;
    }
    // SAFETY: not NULL, and writable (the caller's contract).
    unsafe { out.write(a.wrapping_add(b)) };
    0
}

/// How many of the `len` bytes at `text` are spaces; 0 for NULL.
///
/// # Safety
/// Unless NULL, `text` must point to `len` readable bytes. The caller
/// keeps ownership; Rust reads them during the call only.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn count_spaces(
    text: *const c_char,
    len: usize,
) -> usize {
    if text.is_null() {
        return 0;
    }
    // SAFETY: not NULL, and `len` readable bytes (the caller's contract).
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) };
    bytes.iter().filter(|&&byte| byte == b' ').count()
}

/// A NUL-terminated greeting, owned by the library: static, never freed,
/// valid as long as the library is loaded.
#[unsafe(no_mangle)]
pub extern "C" fn greeting() -> *const c_char {
    c"Hello from Rust, through cffi!".as_ptr()
}
// ANCHOR_END: binding_costs

#[cfg(feature = "pyo3")]
mod python {
    use pyo3::prelude::*;

    // ANCHOR: pyo3_add
    /// The same `add`, for Python through PyO3; keeps the GIL.
    #[pyfunction]
    fn add(a: i64, b: i64) -> i64 {
        super::add(a, b)
    }

    /// `add`, releasing the GIL around the Rust call as cffi does.
    #[pyfunction]
    fn add_detached(py: Python<'_>, a: i64, b: i64) -> i64 {
        py.detach(|| super::add(a, b))
    }
    // ANCHOR_END: pyo3_add

    /// The extension module `call_cost_pyo3`.
    #[pymodule]
    #[pyo3(name = "call_cost_pyo3")]
    fn call_cost_pyo3(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add_function(wrap_pyfunction!(add, module)?)?;
        module.add_function(wrap_pyfunction!(add_detached, module)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn add_wraps() {
        assert_eq!(add(1, 2), 3);
        assert_eq!(add(i64::MAX, 1), i64::MIN);
    }

    #[test]
    fn sums_handle_null_empty_and_values() {
        let values = [1.0, 2.0, 3.5];
        // SAFETY: NULL and len 0 are documented inputs; `values` is valid.
        unsafe {
            for sum in [sum_f64, sum_f64_lanes] {
                assert_eq!(sum(std::ptr::null(), 3), 0.0);
                assert!(sum(std::ptr::null(), 3).is_sign_positive());
                assert_eq!(sum(values.as_ptr(), 0), 0.0);
                assert_eq!(sum(values.as_ptr(), values.len()), 6.5);
            }
        }
        assert_eq!(add_f64(1.5, 2.0), 3.5);
    }

    #[test]
    fn both_sums_agree_on_whole_numbers_whatever_the_remainder() {
        for len in [7_usize, 8, 9, 1001] {
            let values: Vec<f64> = (0..len).map(|i| i as f64).collect();
            let expected = (len * (len - 1) / 2) as f64;
            // SAFETY: a valid vector and its length.
            unsafe {
                assert_eq!(sum_f64(values.as_ptr(), len), expected);
                assert_eq!(sum_f64_lanes(values.as_ptr(), len), expected);
            }
        }
    }

    #[test]
    fn add_out_writes_through_the_pointer_or_reports_null() {
        let mut out = 0;
        // SAFETY: a valid out pointer, then NULL (a documented input).
        unsafe {
            assert_eq!(add_out(40, 2, &mut out), 0);
            assert_eq!(add_out(1, 1, std::ptr::null_mut()), 1);
        }
        assert_eq!(out, 42);
    }

    #[test]
    fn count_spaces_counts_and_accepts_null() {
        let text = "a b  c";
        // SAFETY: a valid buffer and its length, then NULL.
        unsafe {
            assert_eq!(count_spaces(text.as_ptr().cast(), text.len()), 3);
            assert_eq!(count_spaces(std::ptr::null(), 5), 0);
        }
    }

    #[test]
    fn greeting_is_a_static_c_string() {
        // SAFETY: `greeting` returns a static NUL-terminated string.
        let text = unsafe { CStr::from_ptr(greeting()) };
        assert_eq!(text.to_str(), Ok("Hello from Rust, through cffi!"));
    }
}
