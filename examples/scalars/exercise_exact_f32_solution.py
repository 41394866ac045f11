"""The solution of exercise_exact_f32.py."""

import math

import scalars
from exercise_exact_f32 import check


# ANCHOR: solution
def to_f32_exact(value: float) -> float:
    """Compare what comes back with what went in; NaN is never equal to
    itself, so compare it apart."""
    result = scalars.lib.echo_f32(value)
    if math.isnan(value) and math.isnan(result):
        return result
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(to_f32_exact)
