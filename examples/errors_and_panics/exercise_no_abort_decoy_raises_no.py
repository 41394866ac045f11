"""Wrong: raises ZeroDivisionError("no") for every input, Rust unused."""

from errors_and_panics import lib
from exercise_no_abort import check


def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    raise ZeroDivisionError("no")


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_decoy_raises_no")
