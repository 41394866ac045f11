"""The solution of exercise_self_test.py."""

from exercise_self_test import check


# ANCHOR: solution
def wrong_functions(lib) -> list[str]:
    """The functions that give a wrong answer to a known question."""
    a, b = {"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}
    questions = {
        "add_two": (lambda: lib.add_two(10), 12),
        "add_two_rust_abi": (lambda: lib.add_two_rust_abi(10), 12),
        "midpoint": (lambda: _xy(lib.midpoint(a, b)), (2.0, 3.0)),
        "midpoint_rust_abi": (
            lambda: _xy(lib.midpoint_rust_abi(a, b)),
            (2.0, 3.0),
        ),
    }
    return [name for name, (ask, right) in questions.items() if ask() != right]


def _xy(point) -> tuple[float, float]:
    return point.x, point.y
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(wrong_functions)
