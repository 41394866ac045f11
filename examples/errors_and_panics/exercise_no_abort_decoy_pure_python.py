"""Wrong: divides in Python, so the Rust function is never called."""

from errors_and_panics import lib
from exercise_no_abort import check


def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    return seconds // parts  # ZeroDivisionError by itself for 0


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_decoy_pure_python")
