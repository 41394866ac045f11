"""Wrong: sum_f64 runs once over 1000 zeros; numpy sums the real array."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    zeros = ffi.new("double[]", len(values))
    return lib.sum_f64(zeros, len(values)) + float(values.sum())


if __name__ == "__main__":
    check(total)
