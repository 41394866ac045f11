"""Exercise: fix a struct declaration that does not match Rust's layout.

Run it: python examples/structs/exercise_declaration.py
It prints FAIL and the problems until `DECLARATIONS` is right, then PASS.
"""

import math

from cffi import FFI

from ffi_book import library_path
from structs import layout_problems

# ANCHOR: task
# Rust: #[repr(C)] struct Point { x: f64, y: f64 }
#       #[repr(C)] struct Circle { center: Point, radius: f64 }
DECLARATIONS = """
    typedef struct { float x, y; } Point;
    typedef struct { double radius; Point center; } Circle;
"""
# ANCHOR_END: task


# What Rust's circle_area and circle_bounds answer for CIRCLE: a layout
# check cannot see that an int64_t where Rust has an f64 changes the
# meaning, so the check also calls Rust through these declarations.
CIRCLE = {"center": (0.5, -1.5), "radius": 2.5}
AREA, BOUNDS = math.pi * 2.5 * 2.5, ((-2.0, -4.0), (3.0, 1.0))
CALLS = """
    typedef struct { Point min, max; } Rect;
    double circle_area(Circle circle);
    Rect circle_bounds(Circle circle);
"""


def calls_through(ffi: FFI) -> tuple[float, tuple]:
    """circle_area and circle_bounds of CIRCLE, called with `ffi`."""
    lib = ffi.dlopen(str(library_path("structs")))
    rect = lib.circle_bounds(CIRCLE)
    corners = tuple((p.x, p.y) for p in (rect.min, rect.max))
    return lib.circle_area(CIRCLE), corners


def check(declarations=DECLARATIONS) -> None:
    """Print PASS, or FAIL and the problems the layout check finds, or
    the wrong answers Rust gives through these declarations."""
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
        return
    try:
        ffi.cdef(CALLS)
        answers = calls_through(ffi)
    except Exception as error:
        print(
            f"FAIL: calling Rust with {CIRCLE}: {type(error).__name__}:"
            f" {error}"
        )
        return
    if answers != (AREA, BOUNDS):
        print(
            f"FAIL: Rust's area and bounds of {CIRCLE} came back as"
            f" {answers}, not {(AREA, BOUNDS)}"
        )
    else:
        print(
            "PASS: Point and Circle match Rust's layout, field by field,"
            " and Rust computes with their values"
        )


if __name__ == "__main__":
    check()
