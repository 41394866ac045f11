"""Exercise: make adding two raise instead of wrapping around.

Run it: python examples/hello_add_two/exercise_overflow.py
It prints FAIL and the reason until `add_two_or_raise` behaves as its
docstring says, then PASS.
"""

from hello_add_two import lib


# ANCHOR: task
def add_two_or_raise(x: int) -> int:
    """x + 2, or OverflowError when the sum does not fit in an int32_t.

    Rust's add_two wraps around at the top of the range; Python users
    expect an exception instead. Fix this function (Python only).
    """
    return lib.add_two(x)
    # ANCHOR_END: task


def check(add_two_or_raise=add_two_or_raise) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        for x, expected in [(10, 12), (-(2**31), -(2**31) + 2)]:
            if (result := add_two_or_raise(x)) != expected:
                print(f"FAIL: add_two_or_raise({x}) returned {result}")
                return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    top = 2**31 - 1
    try:
        result = add_two_or_raise(top)
    except OverflowError as error:
        print(f"PASS: add_two_or_raise({top}) raised OverflowError: {error}")
        return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    print(f"FAIL: add_two_or_raise({top}) returned {result}, not an error")


if __name__ == "__main__":
    check()
