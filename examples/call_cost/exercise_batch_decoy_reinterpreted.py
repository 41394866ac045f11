"""Wrong: the buffer's own length, but an int32 array's bytes as doubles."""

import numpy as np

from exercise_batch import check, ffi, lib


def total(values: np.ndarray, lib=lib) -> float:
    buffer = ffi.from_buffer("double[]", values)
    return lib.sum_f64(buffer, len(buffer))


if __name__ == "__main__":
    check(total)
