"""Wrong: sum_f64 gets one number, and numpy sums the rest."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    buffer = ffi.from_buffer("double[]", values)
    return lib.sum_f64(buffer, 1) + float(values[1:].sum())


if __name__ == "__main__":
    check(total)
