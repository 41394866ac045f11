"""Wrong: takes any array's bytes as float64 and its length as theirs."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    buffer = ffi.from_buffer("double[]", values)
    return lib.sum_f64(buffer, len(values))


if __name__ == "__main__":
    check(total)
