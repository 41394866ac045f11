"""Wrong: raises for every input, so nothing aborts and nothing works."""

from errors_and_panics import lib
from exercise_no_abort import check


def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    raise ZeroDivisionError(f"cannot split {seconds} s into {parts} parts")


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_decoy_always_raises")
