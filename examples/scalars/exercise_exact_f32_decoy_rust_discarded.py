"""Wrong: Rust's echo_f32 is called, but Python rounds to f32 itself."""

import math
import struct

import scalars
from exercise_exact_f32 import check


def to_f32_exact(value: float) -> float:
    scalars.lib.echo_f32(value)  # Rust's result is dropped
    if not math.isfinite(value):
        return value
    try:
        result = struct.unpack("f", struct.pack("f", value))[0]
    except OverflowError:
        raise ValueError(f"{value!r} is out of an f32's range") from None
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


if __name__ == "__main__":
    check(to_f32_exact)
