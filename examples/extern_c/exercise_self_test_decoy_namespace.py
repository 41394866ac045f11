"""Wrong: compares a result with a SimpleNamespace, which no cdata equals."""

from types import SimpleNamespace

from exercise_self_test import check


def wrong_functions(lib) -> list[str]:
    a, b = {"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}
    right = SimpleNamespace(x=2.0, y=3.0)
    wrong = []
    for name in ["add_two", "add_two_rust_abi"]:
        if getattr(lib, name)(10) != 12:
            wrong.append(name)
    for name in ["midpoint", "midpoint_rust_abi"]:
        if getattr(lib, name)(a, b) != right:
            wrong.append(name)
    return wrong


if __name__ == "__main__":
    check(wrong_functions)
