//! Functions to time calls across the boundary with.

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

// ANCHOR: sum
/// The sum of `len` doubles at `values`: one call for a whole buffer.
///
/// Returns 0.0 when `values` is NULL or `len` is 0.
///
/// # Safety
/// Unless NULL, `values` must point to `len` readable, initialised doubles
/// that nothing writes during the call. Python keeps ownership.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sum_f64(values: *const f64, len: usize) -> f64 {
    if values.is_null() || len == 0 {
        return 0.0;
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable doubles.
    let values = unsafe { std::slice::from_raw_parts(values, len) };
    values.iter().sum()
}
// ANCHOR_END: sum

#[cfg(feature = "pyo3")]
mod python {
    use pyo3::prelude::*;

    /// The same `add`, for Python through PyO3.
    #[pyfunction]
    fn add(a: i64, b: i64) -> i64 {
        super::add(a, b)
    }

    /// The extension module `call_cost_pyo3`.
    #[pymodule]
    #[pyo3(name = "call_cost_pyo3")]
    fn call_cost_pyo3(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add_function(wrap_pyfunction!(add, module)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_wraps() {
        assert_eq!(add(1, 2), 3);
        assert_eq!(add(i64::MAX, 1), i64::MIN);
    }

    #[test]
    fn sum_handles_null_empty_and_values() {
        let values = [1.0, 2.0, 3.5];
        // SAFETY: NULL and len 0 are documented inputs; `values` is valid.
        unsafe {
            assert_eq!(sum_f64(std::ptr::null(), 3), 0.0);
            assert_eq!(sum_f64(values.as_ptr(), 0), 0.0);
            assert_eq!(sum_f64(values.as_ptr(), values.len()), 6.5);
        }
        assert_eq!(add_f64(1.5, 2.0), 3.5);
    }
}
