"""Wrong: refuses only values beyond f32's largest, not lost precision."""

import scalars
from exercise_exact_f32 import check

F32_MAX = 3.4028234663852886e38


def to_f32_exact(value: float) -> float:
    if abs(value) > F32_MAX and abs(value) != float("inf"):
        raise ValueError(f"{value!r} is out of an f32's range")
    return scalars.lib.echo_f32(value)


if __name__ == "__main__":
    check(to_f32_exact)
