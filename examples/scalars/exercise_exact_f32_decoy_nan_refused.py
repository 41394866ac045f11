"""Wrong: `result != value` alone refuses NaN, which an f32 holds."""

import scalars
from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    result = scalars.lib.echo_f32(value)
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
