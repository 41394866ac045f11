"""The solution of exercise_overflow.py."""

from exercise_overflow import check
from hello_add_two import lib

INT32_MAX = 2**31 - 1


# ANCHOR: solution
def add_two_or_raise(x: int) -> int:
    """x + 2, or OverflowError when the sum does not fit in an int32_t."""
    if x > INT32_MAX - 2:
        raise OverflowError(f"{x} + 2 does not fit in an int32_t")
    return lib.add_two(x)  # cffi still refuses an x outside int32_t
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(add_two_or_raise)
