"""Wrong: refuses f32's subnormals, which it holds exactly, as too small."""

import math

import scalars
from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    result = scalars.lib.echo_f32(value)
    if value != 0 and abs(value) < 1.1754943508222875e-38:  # f32::MIN_POSITIVE
        raise ValueError(f"{value!r} is too small for an f32")
    if math.isnan(value) and math.isnan(result):
        return result
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
