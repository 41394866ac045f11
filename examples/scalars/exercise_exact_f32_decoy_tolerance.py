"""Wrong: a tolerance of 1e-12 still forgives a change in the last bits."""

import math

import scalars
from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    result = scalars.lib.echo_f32(value)
    if math.isnan(value) and math.isnan(result):
        return result
    if not math.isclose(result, value, rel_tol=1e-12):
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
