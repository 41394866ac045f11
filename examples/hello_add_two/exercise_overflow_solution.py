"""The solution of exercise_overflow.py."""

import hello_add_two
from exercise_overflow import check

INT32_MAX = 2**31 - 1


# ANCHOR: solution
def add_two_or_raise(x: int) -> int:
    """x + 2, or OverflowError when the sum does not fit in an int32_t."""
    if x > INT32_MAX - 2:
        raise OverflowError(f"{x} + 2 does not fit in an int32_t")
    # cffi itself refuses an x below the int32_t range: OverflowError.
    return hello_add_two.lib.add_two(x)
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(add_two_or_raise)
