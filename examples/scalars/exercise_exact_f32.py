"""Exercise: refuse floats that a Rust f32 cannot hold exactly.

Run it: python examples/scalars/exercise_exact_f32.py
It prints FAIL and the reason until `to_f32_exact` is right, then PASS.
"""

from scalars import lib


# ANCHOR: task
def to_f32_exact(value: float) -> float:
    """`value` after a round trip through Rust's echo_f32, or ValueError
    if the round trip changed it (precision lost, or out of range)."""
    return lib.echo_f32(value)
    # ANCHOR_END: task


def check(to_f32_exact=to_f32_exact) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        kept = [to_f32_exact(v) for v in (0.5, 16_777_216.0, -2.25)]
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if kept != [0.5, 16_777_216.0, -2.25]:
        print(f"FAIL: exact values came back as {kept}")
        return
    for value in (0.1, 16_777_217.0, 1e39):
        try:
            result = to_f32_exact(value)
        except ValueError:
            continue
        print(f"FAIL: to_f32_exact({value!r}) returned {result!r}")
        return
    print("PASS: exact values pass; 0.1, 16777217.0 and 1e39 raise")


if __name__ == "__main__":
    check()
