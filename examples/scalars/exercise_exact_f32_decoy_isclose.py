"""Wrong: math.isclose forgives a tiny rounding, which is still a change."""

import math

import scalars
from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    result = scalars.lib.echo_f32(value)
    if not math.isclose(result, value) and not math.isnan(value):
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
