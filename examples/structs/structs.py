"""Pass structs to Rust by value and by pointer, and check their layout.

Usage: python structs.py [calls | lifetime | layout | mismatch |
       wrong-types | pointer-field]
(default: calls)
"""

import gc
import sys
import weakref

from cffi import FFI, CDefError

from ffi_book import library_path

# ANCHOR: cdef
CDEF = """
    typedef struct { double x, y; } Point;
    typedef struct { Point center; double radius; } Circle;
    typedef struct { Point min, max; } Rect;
    typedef struct { uint32_t count; Point points[8]; } Polygon;

    double circle_area(Circle circle);
    Rect circle_bounds(Circle circle);
    int32_t polygon_bounds(const Polygon *polygon, Rect *out);

    typedef struct {
        const char *type_name, *field;
        size_t offset, size, align;
    } LayoutRow;
    const LayoutRow *layout_row(size_t index);
"""
ffi = FFI()
ffi.cdef(CDEF)
lib = ffi.dlopen(str(library_path("structs")))
# ANCHOR_END: cdef


# ANCHOR: layout
def rust_layout() -> dict[str, tuple[int, int, int]]:
    """Rust's table: "Type" or "Type.field" -> (offset, size, align)."""
    layout = {}
    while (row := lib.layout_row(len(layout))) != ffi.NULL:
        name = ffi.string(row.type_name).decode()
        if row.field != ffi.NULL:
            name += "." + ffi.string(row.field).decode()
        layout[name] = (row.offset, row.size, row.align)
    return layout


def cffi_layout(checked: FFI) -> dict[str, tuple[int, int, int]]:
    """The same table, from the declarations of `checked`."""
    sizeof, alignof = checked.sizeof, checked.alignof
    layout = {}
    for type_name in dict.fromkeys(n.split(".")[0] for n in rust_layout()):
        try:
            struct = checked.typeof(type_name)
        except CDefError:
            continue  # not declared: the comparison reports it
        layout[type_name] = (0, sizeof(struct), alignof(struct))
        for field, declared in struct.fields:
            layout[f"{type_name}.{field}"] = (
                declared.offset,
                sizeof(declared.type),
                alignof(declared.type),
            )
    return layout


def layout_problems(checked: FFI) -> list[str]:
    """Every difference between Rust's layout and `checked`'s cdef."""
    rust, cffi = rust_layout(), cffi_layout(checked)
    problems = [
        f"{name}: only in the cdef" for name in cffi if name not in rust
    ]
    for name, ours in rust.items():
        theirs = cffi.get(name)
        if theirs is None:
            problems.append(f"{name}: missing from the cdef")
            continue
        for what, a, b in zip(
            ("offset", "size", "align"), ours, theirs, strict=True
        ):
            if a != b:
                problems.append(f"{name}: {what} {a} in Rust, {b} in cffi")
    return problems


# Fail at import, before any call, if the cdef and Rust disagree.
if problems := layout_problems(ffi):
    raise ImportError("cdef does not match Rust: " + "; ".join(problems))
# ANCHOR_END: layout

# ANCHOR: wrappers
# The statuses of src/lib.rs, as Python exceptions.
ERRORS = {
    1: "a struct pointer was NULL",
    2: "a polygon needs at least one point",
    3: "a polygon's count is larger than its array",
}


def check(status: int) -> None:
    if status != 0:
        message = ERRORS.get(status, "unknown error")
        raise ValueError(f"{message} (status {status})")


MAX_POINTS = len(ffi.new("Polygon *").points)  # 8, read from the cdef


def polygon_bounds(points: list[tuple[float, float]]) -> tuple:
    """The corners (min, max) of the smallest rectangle around `points`."""
    if len(points) > MAX_POINTS:
        raise ValueError(
            f"a polygon holds at most {MAX_POINTS} points, got {len(points)}"
        )
    # Python allocates both structs and frees them when they are collected;
    # they stay alive, so valid for Rust, until this function returns.
    polygon = ffi.new("Polygon *", {"count": len(points), "points": points})
    out = ffi.new("Rect *")
    check(lib.polygon_bounds(polygon, out))
    return (out.min.x, out.min.y), (out.max.x, out.max.y)


# ANCHOR_END: wrappers


def show_error(call: str, thunk) -> None:
    try:
        thunk()
    except (TypeError, ValueError) as error:
        print(f"{call}\n    {type(error).__name__}: {error}")
    else:
        print(f"{call}\n    no error")


# ANCHOR: calls
def calls() -> None:
    circle = {"center": (10, 20), "radius": 1}  # becomes a C Circle
    print("circle_area:", lib.circle_area(circle))
    bounds = lib.circle_bounds(circle)  # a Rect, copied into Python
    corners = (bounds.min.x, bounds.min.y), (bounds.max.x, bounds.max.y)
    print(f"circle_bounds: a {ffi.typeof(bounds).cname}, {corners}")
    triangle = [(0, 0), (4, -1), (1, 3)]
    print("polygon_bounds(triangle):", polygon_bounds(triangle))
    nine = [(0, 0)] * 9
    show_error("polygon_bounds([])", lambda: polygon_bounds([]))
    show_error("polygon_bounds(nine)", lambda: polygon_bounds(nine))
    status = lib.polygon_bounds(ffi.NULL, ffi.new("Rect *"))
    show_error(f"polygon_bounds(NULL, out): {status}", lambda: check(status))


# ANCHOR_END: calls


# ANCHOR: lifetime
def lifetime() -> None:
    polygon = ffi.new("Polygon *")
    polygon_alive = weakref.ref(polygon)
    points = polygon.points  # a view into the Polygon's memory
    print("points is a", ffi.typeof(points).cname)
    del polygon  # the last reference to the owner
    print("the Polygon still exists:", polygon_alive() is not None)
    # `points` now refers to freed memory: using it is undefined behaviour.


# ANCHOR_END: lifetime


def layout() -> None:
    rust, cffi = rust_layout(), cffi_layout(ffi)
    print(f"{'':20}{'Rust':^18}  {'cffi':^18}".rstrip())
    print(f"{'':20}{'offset size align':>18}  {'offset size align':>18}")
    for name, ours in rust.items():
        row = f"{name:20}"
        for offset, size, align in (ours, cffi[name]):
            shown = offset if "." in name else "-"  # a struct has no offset
            row += f"{shown:>7}{size:>5}{align:>6}  "
        print(row.rstrip())
    print(f"layout_problems(ffi) found {len(layout_problems(ffi))} problems")


# ANCHOR: mismatch
# The same declarations with one mistake: Circle's fields swapped.
WRONG_CDEF = CDEF.replace(
    "typedef struct { Point center; double radius; } Circle;",
    "typedef struct { double radius; Point center; } Circle;",
)


def mismatch() -> None:
    wrong_ffi = FFI()
    wrong_ffi.cdef(WRONG_CDEF)
    wrong_lib = wrong_ffi.dlopen(str(library_path("structs")))
    circle = {"center": (10, 20), "radius": 1}
    print("circle_area, right cdef:", lib.circle_area(circle))
    print("circle_area, wrong cdef:", wrong_lib.circle_area(circle))
    for problem in layout_problems(wrong_ffi):
        print("layout problem:", problem)


# ANCHOR_END: mismatch


# ANCHOR: wrong_types
# Every offset, size and alignment right, two types wrong.
WRONG_TYPES_CDEF = CDEF.replace(
    "typedef struct { Point center; double radius; } Circle;",
    "typedef struct { Point center; int64_t radius; } Circle;",
).replace("{ uint32_t count;", "{ float count;")


def wrong_types() -> None:
    wrong_ffi = FFI()
    wrong_ffi.cdef(WRONG_TYPES_CDEF)
    wrong_lib = wrong_ffi.dlopen(str(library_path("structs")))
    circle = {"center": (10, 20), "radius": 1}
    print("circle_area, wrong types:", wrong_lib.circle_area(circle))
    print("layout problems found:", len(layout_problems(wrong_ffi)))


# ANCHOR_END: wrong_types


# ANCHOR: pointer_field
tags = FFI()  # a struct with a pointer field, on the Python side only
tags.cdef("typedef struct { const char *name; double degrees; } Reading;")


def pointer_field() -> None:
    reading = tags.new("Reading *")
    name = tags.new("char[]", b"kitchen")  # owns the bytes
    name_alive = weakref.ref(name)
    reading.name = name  # copies the address, keeps no reference
    del name
    print("after del name, the bytes exist:", name_alive() is not None)
    # reading.name points to freed memory now, and
    # reading.name = tags.new("char[]", b"kitchen") frees them at once.
    reading = new_reading(b"kitchen", 21.5)
    gc.collect()
    print("through new_reading:", tags.string(reading.name))


# Each Reading's name, alive exactly as long as the Reading: cffi's
# documented way to tie one cdata's life to another's.
_names: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def new_reading(name: bytes, degrees: float):
    """A Reading whose name lives as long as the Reading does."""
    buffer = tags.new("char[]", name)  # owns the bytes
    reading = tags.new("Reading *", [buffer, degrees])
    _names[reading] = buffer  # freed when `reading` is
    return reading


# ANCHOR_END: pointer_field

MODES = {
    "calls": calls,
    "lifetime": lifetime,
    "layout": layout,
    "mismatch": mismatch,
    "wrong-types": wrong_types,
    "pointer-field": pointer_field,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "calls"]()
