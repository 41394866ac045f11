"""Wrong: numpy's sum, passed through one add_f64 call to look batched."""

import numpy as np

from exercise_batch import check, lib


def total(values: np.ndarray, lib=lib) -> float:
    return lib.add_f64(0.0, float(values.sum()))


if __name__ == "__main__":
    check(total)
