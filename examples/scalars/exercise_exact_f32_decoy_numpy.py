"""Wrong: numpy rounds to f32 right, but Rust is never called."""

import math

import numpy as np

from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    with np.errstate(over="ignore"):
        result = float(np.float32(value))
    if math.isnan(value) and math.isnan(result):
        return result
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
