"""Exercise: refuse floats that a Rust f32 cannot hold exactly.

Run it: python examples/scalars/exercise_exact_f32.py
It prints FAIL and the reason until `to_f32_exact` is right, then PASS.
"""

import math

import scalars
from ffi_book import RecordingLib, lib_replaced


# ANCHOR: task
def to_f32_exact(value: float) -> float:
    """`value` after a round trip through Rust's echo_f32, or ValueError
    if the round trip changed it (precision lost, or out of range). An
    f32 holds infinities and NaN exactly, as well as 0.5."""
    return scalars.lib.echo_f32(value)
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


def judge(to_f32_exact, recording: RecordingLib) -> str:
    """PASS, or FAIL and the reason: each value must go through Rust's
    echo_f32 exactly once, then come back unchanged or raise ValueError."""
    cases = [(value, True) for value in [*EXACT, math.nan]]
    cases += [(value, False) for value in INEXACT]
    for value, exact in cases:
        recording.calls.clear()
        try:
            result = to_f32_exact(value)
        except ValueError as error:
            result = error
        except Exception as error:
            return f"FAIL: to_f32_exact({value!r}) raised {error!r}"
        calls = recording.calls
        sent = [args[0] for name, args, _ in calls if name == "echo_f32"]
        if len(sent) != 1 or not same(sent[0], value):
            return (
                f"FAIL: to_f32_exact({value!r}) called Rust's echo_f32 with"
                f" {sent}, not once with {value!r}"
            )
        if exact and isinstance(result, ValueError):
            return f"FAIL: to_f32_exact({value!r}) raised {result!r}"
        if exact and not same(result, value):
            return f"FAIL: to_f32_exact({value!r}) returned {result!r}"
        if not exact and not isinstance(result, ValueError):
            return f"FAIL: to_f32_exact({value!r}) returned {result!r}"
    return (
        f"PASS: {len(EXACT)} exact values and nan pass;"
        f" {', '.join(map(repr, INEXACT))} raise"
    )


def follows_rust(to_f32_exact) -> str:
    """PASS, or FAIL and the reason: with a Rust whose echo_f32 returns
    0.75 whatever it gets, every value must raise ValueError."""
    other = RecordingLib(scalars.lib, instead={"echo_f32": lambda *_: 0.75})
    with lib_replaced(scalars, to_f32_exact, other):
        for value in [*EXACT, math.nan, *INEXACT]:
            try:
                result = to_f32_exact(value)
            except ValueError:
                continue
            except Exception as error:
                return f"FAIL: to_f32_exact({value!r}) raised {error!r}"
            return (
                f"FAIL: with a Rust whose echo_f32 returns 0.75,"
                f" to_f32_exact({value!r}) returned {result!r}: the"
                " answer must come from Rust's result"
            )
    return "PASS"


def check(to_f32_exact=to_f32_exact) -> None:
    """Print PASS, or FAIL and the reason. The check records what Rust's
    echo_f32 received, through scalars.lib or a name bound to it: numpy
    or array('f') can round to f32 too, but the exercise is the round
    trip through Rust. Then it runs to_f32_exact again with a Rust that
    answers 0.75 to everything."""
    recording = RecordingLib(scalars.lib)
    with lib_replaced(scalars, to_f32_exact, recording):
        verdict = judge(to_f32_exact, recording)
    if verdict.startswith("PASS"):
        other = follows_rust(to_f32_exact)
        verdict = other if other.startswith("FAIL") else verdict
    print(verdict)


if __name__ == "__main__":
    check()
