"""Wrong: ffi.new copies the array into new memory instead of using it."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    buffer = ffi.new("double[]", values.tolist())
    return lib.sum_f64(buffer, len(buffer))


if __name__ == "__main__":
    check(total)
