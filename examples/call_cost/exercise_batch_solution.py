"""The solution of exercise_batch.py."""

import numpy as np

from exercise_batch import check, ffi, lib


# ANCHOR: solution
def total(values: np.ndarray, lib=lib) -> float:
    """The sum of an array, computed in Rust with one call."""
    # float64 and contiguous, as Rust reads it: the array itself when it
    # already is (numpy's memory, no copy), else a converted copy.
    values = np.ascontiguousarray(values, dtype=np.float64)
    buffer = ffi.from_buffer("double[]", values)
    return lib.sum_f64(buffer, len(buffer))  # the buffer's own length
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(total)
