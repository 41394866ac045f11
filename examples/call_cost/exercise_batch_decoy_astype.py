"""Wrong: astype copies even a float64 array, which needs no copy."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    buffer = ffi.from_buffer("double[]", values.astype(np.float64))
    return lib.sum_f64(buffer, len(buffer))


if __name__ == "__main__":
    check(total)
