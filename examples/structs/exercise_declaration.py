"""Exercise: fix a struct declaration that does not match Rust's layout.

Run it: python examples/structs/exercise_declaration.py
It prints FAIL and the problems until `DECLARATIONS` is right, then PASS.
"""

from cffi import FFI

from structs import layout_problems

# ANCHOR: task
# Rust: #[repr(C)] struct Point { x: f64, y: f64 }
#       #[repr(C)] struct Circle { center: Point, radius: f64 }
DECLARATIONS = """
    typedef struct { float x, y; } Point;
    typedef struct { double radius; Point center; } Circle;
"""
# ANCHOR_END: task


def check(declarations=DECLARATIONS) -> None:
    """Print PASS, or FAIL and the problems the layout check finds."""
    ffi = FFI()
    try:
        ffi.cdef(declarations)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    problems = [
        problem
        for problem in layout_problems(ffi)
        if problem.startswith(("Point", "Circle"))
    ]
    if problems:
        print(f"FAIL: {len(problems)} layout problems, first {problems[0]}")
    else:
        print("PASS: Point and Circle match Rust's layout, field by field")


if __name__ == "__main__":
    check()
