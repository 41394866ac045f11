"""Wrong: refuses 0 with ValueError, not the ZeroDivisionError asked for."""

from errors_and_panics import lib
from exercise_no_abort import check


def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    if parts == 0:
        raise ValueError("parts must not be 0")
    return lib.per_part_unguarded(seconds, parts)


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_decoy_value_error")
