"""Wrong: adds in Python, and never calls Rust's add_two."""

from exercise_overflow import check


def add_two_or_raise(x: int) -> int:
    if not -(2**31) <= x <= 2**31 - 3:
        raise OverflowError(f"{x} + 2 does not fit in an int32_t")
    return x + 2


if __name__ == "__main__":
    check(add_two_or_raise)
