"""Wrong: a limit picked at random, far below the real one."""

import hello_add_two
from exercise_overflow import check


def add_two_or_raise(x: int) -> int:
    if x > 100:
        raise OverflowError(f"{x} is too large")
    return hello_add_two.lib.add_two(x)


if __name__ == "__main__":
    check(add_two_or_raise)
