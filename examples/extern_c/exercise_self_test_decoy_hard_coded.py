"""Wrong: the answer for x86-64 Linux, typed in instead of asked for."""

from exercise_self_test import check


def wrong_functions(lib) -> list[str]:
    return ["midpoint_rust_abi"]


if __name__ == "__main__":
    check(wrong_functions)
