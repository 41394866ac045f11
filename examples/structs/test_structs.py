"""What the structs chapter says, asserted."""

import gc
import math
import re
import weakref
from pathlib import Path

import pytest
from cffi import FFI

import structs
from structs import CDEF, ffi, lib, polygon_bounds

OK, NULL_POINTER, NO_POINTS, TOO_MANY_POINTS = 0, 1, 2, 3
CIRCLE = {"center": (10, 20), "radius": 1}


def ffi_with(cdef: str) -> FFI:
    checked = FFI()
    checked.cdef(cdef)
    return checked


def changed(old: str, new: str) -> str:
    assert old in CDEF
    return CDEF.replace(old, new)


# The layout: checked, not assumed.


def test_every_struct_and_field_matches_rust_layout():
    rust = structs.rust_layout()
    assert len(rust) == 18
    for name, (offset, size, align) in rust.items():
        type_name, _, field = name.partition(".")
        if field:
            ctype = dict(ffi.typeof(type_name).fields)[field].type
            assert ffi.offsetof(type_name, field) == offset, name
        else:
            ctype = ffi.typeof(type_name)
        assert ffi.sizeof(ctype) == size, name
        assert ffi.alignof(ctype) == align, name
    assert structs.layout_problems(ffi) == []


def test_the_cdef_declares_exactly_the_structs_rust_describes():
    typedefs, _, _ = ffi.list_types()
    described = {name.split(".")[0] for name in structs.rust_layout()}
    assert set(typedefs) == described
    for type_name in described:
        fields = {name for name, _ in ffi.typeof(type_name).fields}
        in_rust = {
            name.split(".")[1]
            for name in structs.rust_layout()
            if name.startswith(type_name + ".")
        }
        assert fields == in_rust, type_name


def test_polygon_has_padding_between_count_and_points():
    assert ffi.offsetof("Polygon", "count") == 0
    assert ffi.sizeof("uint32_t") == 4
    assert ffi.offsetof("Polygon", "points") == 8


def test_layout_row_past_the_end_is_null():
    assert lib.layout_row(len(structs.rust_layout())) == ffi.NULL
    assert lib.layout_row(2**64 - 1) == ffi.NULL


def test_swapped_fields_are_read_in_the_wrong_place():
    wrong = ffi_with(structs.WRONG_CDEF)
    wrong_lib = wrong.dlopen(str(structs.library_path("structs")))
    assert lib.circle_area(CIRCLE) == math.pi
    # Rust reads radius 20: the place where Python wrote center.y.
    assert wrong_lib.circle_area(CIRCLE) == math.pi * 20 * 20


def test_the_check_reports_the_swapped_fields():
    assert structs.WRONG_CDEF != CDEF
    assert structs.layout_problems(ffi_with(structs.WRONG_CDEF)) == [
        "Circle.center: offset 0 in Rust, 8 in cffi",
        "Circle.radius: offset 16 in Rust, 0 in cffi",
    ]


def test_the_script_refuses_to_import_with_a_wrong_cdef():
    source = Path(structs.__file__).read_text(encoding="utf-8")
    right = "typedef struct { Point center; double radius; } Circle;"
    wrong = "typedef struct { double radius; Point center; } Circle;"
    assert source.count(right) == 3  # in CDEF, and in two wrong recipes
    code = compile(source.replace(right, wrong, 1), "wrong", "exec")
    with pytest.raises(ImportError, match=r"Circle\.center: offset 0 in Rust"):
        exec(code, {"__name__": "structs_with_a_wrong_cdef"})


def test_the_check_reports_a_wrong_type():
    wrong = changed("uint32_t count;", "uint64_t count;")
    assert structs.layout_problems(ffi_with(wrong)) == [
        "Polygon.count: size 4 in Rust, 8 in cffi",
        "Polygon.count: align 4 in Rust, 8 in cffi",
    ]


def test_the_check_reports_float_for_double():
    problems = structs.layout_problems(
        ffi_with(changed("double x, y;", "float x, y;"))
    )
    assert "Point: size 16 in Rust, 8 in cffi" in problems
    assert "Point.y: offset 8 in Rust, 4 in cffi" in problems


def test_the_check_reports_missing_and_extra_names():
    no_rect = changed("typedef struct { Point min, max; } Rect;", "")
    no_rect = no_rect.replace("Rect", "Point")  # keep the functions valid
    problems = structs.layout_problems(ffi_with(no_rect))
    assert "Rect: missing from the cdef" in problems
    assert "Rect.min: missing from the cdef" in problems
    extra = changed("double x, y;", "double x, y, z;")
    problems = structs.layout_problems(ffi_with(extra))
    assert "Point.z: only in the cdef" in problems


# Calls by value and by pointer.


def test_circle_area_takes_a_nested_struct_by_value():
    assert lib.circle_area(CIRCLE) == math.pi
    assert lib.circle_area({"center": (0, 0), "radius": -2}) == 4 * math.pi
    assert math.isnan(lib.circle_area({"radius": math.nan}))
    negative = lib.circle_area({"center": (1, 1), "radius": -2})
    assert negative == lib.circle_area({"center": (1, 1), "radius": 2})


def test_polygon_bounds_skips_nan_unless_every_point_is_nan():
    nan = math.nan
    assert polygon_bounds([(nan, 0), (1, 1), (2, -1)]) == ((1, -1), (2, 1))
    (low, high) = polygon_bounds([(nan, nan), (nan, nan)])
    assert all(math.isnan(value) for value in low + high)


def test_circle_bounds_returns_a_struct_python_owns():
    bounds = lib.circle_bounds(CIRCLE)
    assert ffi.typeof(bounds) is ffi.typeof("Rect")
    assert (bounds.min.x, bounds.min.y) == (9.0, 19.0)
    assert (bounds.max.x, bounds.max.y) == (11.0, 21.0)
    negative = lib.circle_bounds({"center": (0, 0), "radius": -1})
    assert (negative.min.x, negative.max.x) == (-1.0, 1.0)


def test_polygon_bounds_through_the_wrapper():
    assert polygon_bounds([(0, 0), (4, -1), (1, 3)]) == ((0, -1), (4, 3))
    assert polygon_bounds([(2.5, 1)]) == ((2.5, 1), (2.5, 1))
    eight = [(i, -i) for i in range(8)]
    assert polygon_bounds(eight) == ((0, -7), (7, 0))
    assert structs.MAX_POINTS == 8


def test_polygon_bounds_reads_only_count_points():
    polygon = ffi.new("Polygon *", {"count": 1, "points": [(1, 1), (9, 9)]})
    out = ffi.new("Rect *")
    assert lib.polygon_bounds(polygon, out) == OK
    assert (out.max.x, out.max.y) == (1, 1)


def test_polygon_bounds_refuses_bad_polygons():
    with pytest.raises(ValueError, match="at least one point"):
        polygon_bounds([])
    with pytest.raises(ValueError, match="at most 8 points, got 9"):
        polygon_bounds([(0, 0)] * 9)
    with pytest.raises(TypeError):
        polygon_bounds([("a", 0)])


def test_null_pointers_give_a_status_and_an_exception():
    out = ffi.new("Rect *")
    polygon = ffi.new("Polygon *", {"count": 1})
    assert lib.polygon_bounds(ffi.NULL, out) == NULL_POINTER
    assert lib.polygon_bounds(polygon, ffi.NULL) == NULL_POINTER
    with pytest.raises(TypeError, match="must be a cdata pointer"):
        lib.polygon_bounds(None, out)  # None is not NULL for cffi
    with pytest.raises(ValueError, match="struct pointer was NULL"):
        structs.check(lib.polygon_bounds(ffi.NULL, out))


def test_a_bad_count_leaves_out_unchanged():
    out = ffi.new("Rect *", {"min": (5, 5), "max": (6, 6)})
    empty = ffi.new("Polygon *", {"count": 0})
    too_many = ffi.new("Polygon *", {"count": 9})
    assert lib.polygon_bounds(empty, out) == NO_POINTS
    assert lib.polygon_bounds(too_many, out) == TOO_MANY_POINTS
    assert (out.min.x, out.max.y) == (5, 6)
    with pytest.raises(ValueError, match="count is larger than its array"):
        structs.check(TOO_MANY_POINTS)
    with pytest.raises(ValueError, match="unknown error"):
        structs.check(99)


# Python owns what ffi.new returns.


def test_a_field_does_not_keep_its_struct_alive():
    polygon = ffi.new("Polygon *")
    alive = weakref.ref(polygon)
    points = polygon.points
    del polygon
    assert alive() is None
    del points


def test_a_kept_reference_keeps_the_struct_alive():
    polygon = ffi.new("Polygon *")
    alive = weakref.ref(polygon)
    points = polygon.points
    assert alive() is polygon
    del points


# What the page shows.


def test_the_calls_output(capsys):
    structs.calls()
    out = capsys.readouterr().out
    assert f"circle_area: {math.pi}" in out
    assert "circle_bounds: a Rect, ((9.0, 19.0), (11.0, 21.0))" in out
    assert "polygon_bounds(NULL, out): 1" in out


def test_the_lifetime_output(capsys):
    structs.lifetime()
    assert "the Polygon still exists: False" in capsys.readouterr().out


def test_the_layout_output(capsys):
    structs.layout()
    out = capsys.readouterr().out
    assert "layout_problems(ffi) found 0 problems" in out
    assert len(out.splitlines()) == 2 + 18 + 1


def test_the_mismatch_output(capsys):
    structs.mismatch()
    out = capsys.readouterr().out
    assert f"circle_area, wrong cdef: {math.pi * 400}" in out
    assert "Circle.radius: offset 16 in Rust, 0 in cffi" in out


# What the layout check cannot see, and a pointer field's owner


def test_structs_wrong_types_with_the_same_layout_pass_the_check(capsys):
    # The check compares offsets, sizes and alignments, not types.
    structs.wrong_types()
    assert capsys.readouterr().out.splitlines() == [
        "circle_area, wrong types: 0.0",  # radius 1 read as 5e-324
        "layout problems found: 0",
    ]


def test_structs_a_pointer_field_keeps_no_reference(capsys):
    structs.pointer_field()
    assert capsys.readouterr().out.splitlines() == [
        "after del name, the bytes exist: False",
        "through new_reading: b'kitchen'",
    ]


def test_structs_a_reading_keeps_its_name_alive_as_long_as_itself():
    reading = structs.new_reading(b"hall", 20.0)  # only the struct is kept
    alive = weakref.ref(structs._names[reading])
    gc.collect()
    assert alive() is not None
    assert structs.tags.string(reading.name) == b"hall"
    assert reading.degrees == 20.0
    del reading
    gc.collect()
    assert alive() is None


# The layout picture: drawn from both sides' numbers, nothing by hand.


def test_layout_picture_shows_each_field_at_its_offset_on_both_sides():
    import layout_picture

    svg = layout_picture.picture()
    rust, cffi = structs.rust_layout(), structs.cffi_layout(ffi)
    groups = re.findall(
        r'<g class="layout" data-side="(\w+)" data-struct="(\w+)"'
        r' data-size="(\d+)">\n(.*?)</g>',
        svg,
        re.S,
    )
    structs_drawn = [name for side, name, _, _ in groups if side == "Rust"]
    assert structs_drawn == ["Point", "Circle", "Rect", "Polygon", "LayoutRow"]
    for side, type_name, size, body in groups:
        layout = rust if side == "Rust" else cffi
        assert int(size) == layout[type_name][1]
        rects = re.findall(
            r'data-field="(\w+)" data-offset="(\d+)" data-size="(\d+)"'
            r' x="([\d.]+)" y="[\d.]+" width="([\d.]+)"',
            body,
        )
        end = 0
        for field, offset, length, x, width in rects:
            offset, length = int(offset), int(length)
            assert offset == end, (type_name, field)  # no byte left out
            end = offset + length
            if field != "padding":
                name = f"{type_name}.{field}"
                assert (offset, length) == layout[name][:2], name
                if side == "cffi":
                    assert ffi.offsetof(type_name, field) == offset
            scale = (layout_picture.WIDTH - layout_picture.LEFT - 2) / int(
                size
            )
            assert float(x) == pytest.approx(
                layout_picture.LEFT + offset * scale, abs=0.05
            )
            assert float(width) == pytest.approx(length * scale, abs=0.05)
        assert end == int(size)
    # Polygon's four bytes between count and points, drawn as padding.
    assert layout_picture.pieces(rust, "Polygon") == [
        ("count", 0, 4),
        ("padding", 4, 4),
        ("points", 8, 128),
    ]
    assert "\n\n" not in svg and "var(--links)" in svg and "<title>" in svg


def test_layout_picture_shows_padding_at_the_end_too():
    import layout_picture

    layout = {"S": (0, 16, 8), "S.a": (0, 8, 8), "S.b": (8, 1, 1)}
    assert layout_picture.pieces(layout, "S") == [
        ("a", 0, 8),
        ("b", 8, 1),
        ("padding", 9, 7),
    ]
