"""Exercise: refuse floats that a Rust f32 cannot hold exactly.

Run it: python examples/scalars/exercise_exact_f32.py
It prints FAIL and the reason until `to_f32_exact` is right, then PASS.
"""

import math

from scalars import lib


# ANCHOR: task
def to_f32_exact(value: float) -> float:
    """`value` after a round trip through Rust's echo_f32, or ValueError
    if the round trip changed it (precision lost, or out of range). An
    f32 holds infinities and NaN exactly, as well as 0.5."""
    return lib.echo_f32(value)
    # ANCHOR_END: task


# Both sides of each edge: precision (2**24 + 1 needs 25 bits; 1 + 2**-52
# differs from 1 by a double's last bit, which any tolerance forgives),
# the largest f32 and beyond, the smallest f32 (2**-149) and half of it.
EXACT = [0.5, 16_777_216.0, -2.25, -0.0, math.inf, 3.4028234663852886e38]
EXACT += [2**-149]
INEXACT = [0.1, 1 + 2**-30, 1 + 2**-52, 16_777_217.0, 1e39, 2**-150]


def same(a: float, b: float) -> bool:
    """Equal as values, with NaN equal to NaN and -0.0 not to 0.0."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def check(to_f32_exact=to_f32_exact) -> None:
    """Print PASS, or FAIL and the reason."""
    for value in [*EXACT, math.nan]:
        try:
            result = to_f32_exact(value)
        except Exception as error:
            print(f"FAIL: to_f32_exact({value!r}) raised {error!r}")
            return
        if not same(result, value):
            print(f"FAIL: to_f32_exact({value!r}) returned {result!r}")
            return
    for value in INEXACT:
        try:
            result = to_f32_exact(value)
        except ValueError:
            continue
        except Exception as error:
            print(f"FAIL: to_f32_exact({value!r}) raised {error!r}")
            return
        print(f"FAIL: to_f32_exact({value!r}) returned {result!r}")
        return
    print(
        f"PASS: {len(EXACT)} exact values and nan pass;"
        f" {', '.join(map(repr, INEXACT))} raise"
    )


if __name__ == "__main__":
    check()
