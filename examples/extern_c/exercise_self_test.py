"""Exercise: test each function with known values, and name the wrong ones.

Run it: python examples/extern_c/exercise_self_test.py
It prints FAIL and the reason until `wrong_functions` is right, then PASS.
"""

from extern_c import lib


# ANCHOR: task
def wrong_functions() -> list[str]:
    """Call add_two, add_two_rust_abi, midpoint and midpoint_rust_abi once
    each with arguments whose answer you know; return the names of those
    that answer wrong, in that order. (Leave scaled_sum_rust_abi alone: it
    crashes the process.)"""
    wrong = []
    if lib.add_two(10) != 12:
        wrong.append("add_two")
    return wrong
    # ANCHOR_END: task


def check(wrong_functions=wrong_functions) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        found = wrong_functions()
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if found != ["midpoint_rust_abi"]:
        print(f"FAIL: wrong_functions() returned {found}")
        return
    print(f"PASS: wrong_functions() returned {found}")


if __name__ == "__main__":
    check()
