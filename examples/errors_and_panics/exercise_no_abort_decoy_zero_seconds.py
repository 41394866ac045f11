"""Wrong: also refuses 0 seconds, a valid split that Rust answers 0."""

from errors_and_panics import lib
from exercise_no_abort import check


def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    if 0 in (seconds, parts):
        raise ZeroDivisionError(f"cannot split {seconds} s into {parts}")
    return lib.per_part_unguarded(seconds, parts)


if __name__ == "__main__":
    check(split_evenly, "exercise_no_abort_decoy_zero_seconds")
