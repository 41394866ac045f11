"""Wrong: numpy sums the array, and Rust is never called."""

import numpy as np

from exercise_batch import check, lib


def total(values: np.ndarray, lib=lib) -> float:
    return float(values.sum())


if __name__ == "__main__":
    check(total)
