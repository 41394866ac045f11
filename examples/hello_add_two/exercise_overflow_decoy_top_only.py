"""Wrong: refuses only INT32_MAX, and 2**31 - 2 + 2 wraps around."""

import hello_add_two
from exercise_overflow import check


def add_two_or_raise(x: int) -> int:
    if x == 2**31 - 1:
        raise OverflowError(f"{x} + 2 does not fit in an int32_t")
    return hello_add_two.lib.add_two(x)


if __name__ == "__main__":
    check(add_two_or_raise)
