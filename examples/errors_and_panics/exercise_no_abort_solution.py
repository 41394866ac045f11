"""The solution of exercise_no_abort.py."""

from errors_and_panics import lib
from exercise_no_abort import check


# ANCHOR: solution
def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    """Refuse in Python what would make Rust panic."""
    if parts == 0:
        raise ZeroDivisionError(f"cannot split {seconds} s into 0 parts")
    return lib.per_part_unguarded(seconds, parts)
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_solution")
