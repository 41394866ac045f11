"""Wrong: compares each Rust-ABI function with its C twin, assumed right."""

from exercise_self_test import check


def wrong_functions(lib) -> list[str]:
    a, b = {"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}
    wrong = []
    if lib.add_two_rust_abi(10) != lib.add_two(10):
        wrong.append("add_two_rust_abi")
    c, rust = lib.midpoint(a, b), lib.midpoint_rust_abi(a, b)
    if (rust.x, rust.y) != (c.x, c.y):
        wrong.append("midpoint_rust_abi")
    return wrong


if __name__ == "__main__":
    check(wrong_functions)
