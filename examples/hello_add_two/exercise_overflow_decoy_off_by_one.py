"""Wrong: also refuses 2**31 - 3, whose sum 2**31 - 1 fits."""

import hello_add_two
from exercise_overflow import check

INT32_MAX = 2**31 - 1


def add_two_or_raise(x: int) -> int:
    if x >= INT32_MAX - 2:
        raise OverflowError(f"{x} + 2 does not fit in an int32_t")
    return hello_add_two.lib.add_two(x)


if __name__ == "__main__":
    check(add_two_or_raise)
