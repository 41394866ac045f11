"""What the scalars chapter (Numbers and booleans) says, asserted."""

import math
import platform
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from cffi import FFI

from ffi_book import library_filename, library_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


import scalars as example  # noqa: E402

lib, ffi = example.lib, example.ffi
INT32_MAX, INT32_MIN = 2**31 - 1, -(2**31)


# The table


@pytest.mark.parametrize(("c_type", "rust"), example.TYPES)
def test_every_c_type_matches_its_rust_type(c_type, rust):
    python, checks = example.check_type(c_type, rust)
    expected = {"f32": "float", "f64": "float", "bool": "bool"}
    assert python == expected.get(rust, "bytes" if c_type == "char" else "int")
    if python in {"int", "bool"}:
        assert checks == ["size", "type", "MIN", "MAX", "MIN-1", "MAX+1"]
    else:
        assert checks == ["size", "type", "MIN", "MAX"]


def test_rust_sizes_are_the_c_sizes():
    assert lib.size_of_i8() == lib.size_of_u8() == 1
    assert lib.size_of_i16() == 2
    assert lib.size_of_u32() == lib.size_of_f32() == 4
    assert lib.size_of_i64() == lib.size_of_f64() == 8
    assert lib.size_of_usize() == lib.size_of_isize() == ffi.sizeof("void *")
    assert lib.size_of_bool() == lib.size_of_c_char() == 1


def test_the_table_has_one_checked_row_per_type(capsys):
    example.print_table()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "C",
        "type",
        "Rust",
        "Python",
        "size",
        "checked",
    ]
    assert len(lines) == 1 + len(example.TYPES)
    assert lines[1].split() == [
        "int8_t", "i8", "int", "1",
        "size,", "type,", "MIN,", "MAX,", "MIN-1,", "MAX+1",
    ]  # fmt: skip
    assert lines[-1].split()[:4] == ["char", "c_char", "bytes", "1"]


def declared_as(c_type: str, rust: str):
    """The library, with `rust`'s four functions declared as `c_type`."""
    wrong = FFI()
    wrong.cdef(f"""
        {c_type} echo_{rust}({c_type} x);
        size_t size_of_{rust}(void);
        {c_type} min_{rust}(void);
        {c_type} max_{rust}(void);
    """)
    return wrong, wrong.dlopen(str(library_path("scalars")))


@pytest.mark.parametrize(
    ("c_type", "rust", "error"),
    [
        ("int8_t", "u8", "int8_t accepts -1, u8 does not"),
        ("uint32_t", "i32", "uint32_t accepts 2147483647, i32 does not"),
        ("int64_t", "u64", "int64_t accepts -1, u64 does not"),
        ("int32_t", "i64", "i64: 8 bytes, int32_t: 4"),
        ("float", "f64", "f64: 8 bytes, float: 4"),
        ("double", "i64", "i64 gives Python int, double gives float"),
        ("float", "i32", "i32 gives Python int, float gives float"),
        ("int64_t", "f64", "f64 gives Python float, int64_t gives int"),
    ],
)
def test_check_type_catches_a_wrong_declaration(
    monkeypatch, c_type, rust, error
):
    wrong_ffi, wrong_lib = declared_as(c_type, rust)
    monkeypatch.setattr(example, "ffi", wrong_ffi)
    monkeypatch.setattr(example, "lib", wrong_lib)
    with pytest.raises(example.Mismatch, match=error):
        example.check_type(c_type, rust)


# Integers


@pytest.mark.parametrize(
    ("function", "value", "message"),
    [
        ("echo_i32", 2**31, "integer 2147483648 does not fit 'int32_t'"),
        ("echo_i32", -(2**31) - 1, "does not fit 'int32_t'"),
        ("echo_i8", 128, "integer 128 does not fit 'int8_t'"),
        ("echo_u8", 256, "integer 256 does not fit 'uint8_t'"),
        ("echo_u8", -1, "can't convert negative number to unsigned"),
        ("echo_u64", 2**64, "int too big to convert"),
        ("echo_usize", -1, "can't convert negative number to unsigned"),
        ("echo_isize", 2**63, "int too big to convert"),
    ],
)
def test_ints_out_of_range_raise_overflow_error(function, value, message):
    with pytest.raises(OverflowError, match=message):
        getattr(lib, function)(value)


@pytest.mark.parametrize("value", [2.0, 1.5, "3", None, b"3"])
def test_non_ints_for_an_int_raise_type_error(value):
    with pytest.raises(TypeError, match="an integer is required"):
        lib.echo_i32(value)


def test_ints_at_the_limits_and_bools_pass():
    assert lib.echo_i32(INT32_MAX) == INT32_MAX
    assert lib.echo_u64(2**64 - 1) == 2**64 - 1
    assert lib.echo_usize(2**64 - 1) == 2**64 - 1
    assert lib.echo_i32(True) == 1  # a Python bool is an int
    assert type(lib.echo_i32(True)) is int


# Floats


def test_f32_loses_precision_and_f64_keeps_it():
    assert lib.echo_f64(0.1) == 0.1
    assert lib.echo_f32(0.1) == 0.10000000149011612
    assert lib.echo_f32(0.1) == struct.unpack("f", struct.pack("f", 0.1))[0]
    assert lib.echo_f32(16_777_217) == 16_777_216.0  # 2**24 + 1
    assert lib.echo_f32(16_777_216) == 16_777_216.0


def test_floats_out_of_f32_range_become_infinity_silently():
    assert lib.echo_f32(1e39) == math.inf
    assert lib.echo_f32(-1e39) == -math.inf
    assert lib.echo_f32(1e-50) == 0.0
    assert math.isnan(lib.echo_f32(math.nan))


def test_ints_too_big_for_a_double_raise_overflow_error():
    with pytest.raises(OverflowError, match="too large to convert to float"):
        lib.echo_f64(2**1024)


def test_a_str_for_a_float_raises_type_error():
    with pytest.raises(TypeError, match="must be real number, not str"):
        lib.echo_f64("1")


# Booleans


@pytest.mark.parametrize(
    ("value", "result"), [(True, True), (False, False), (1, True), (0, False)]
)
def test_bool_accepts_true_false_1_and_0(value, result):
    assert lib.echo_bool(value) is result


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (2, OverflowError, "integer 2 does not fit '_Bool'"),
        (-1, OverflowError, "can't convert negative number to unsigned"),
        (1.0, TypeError, "an integer is required"),
        (None, TypeError, "an integer is required"),
        ("yes", TypeError, "an integer is required"),
        ([], TypeError, "an integer is required"),
    ],
)
def test_bool_refuses_everything_else(value, error, message):
    with pytest.raises(error, match=message):
        lib.echo_bool(value)


def test_bool_of_a_value_gives_python_truthiness():
    assert lib.echo_bool(bool("yes")) is True
    assert lib.echo_bool(bool([])) is False


# Characters


def test_c_char_is_a_bytes_of_length_1():
    assert lib.echo_c_char(b"A") == b"A"
    assert lib.echo_c_char(b"\xff") == b"\xff"


def test_ffi_cast_wraps_where_a_call_raises():
    assert int(ffi.cast("int8_t", 200)) == -56
    with pytest.raises(OverflowError):
        lib.echo_i8(200)


@pytest.mark.parametrize("value", ["A", 65, b"", b"AB", bytearray(b"A")])
def test_c_char_refuses_anything_but_one_byte(value):
    with pytest.raises(TypeError, match="must be a bytes of length 1"):
        lib.echo_c_char(value)


def c_char_is_signed() -> bool | None:
    """Whether Rust's c_char is i8 on this target; None if not listed."""
    machine = platform.machine().lower()
    if machine in {"x86_64", "amd64", "i386", "i686", "x86"}:
        return True
    if sys.platform in {"darwin", "win32"}:  # arm64 too
        return True
    unsigned = ("aarch64", "arm", "ppc", "powerpc", "riscv", "s390")
    if sys.platform.startswith("linux") and machine.startswith(unsigned):
        return False
    return None


def test_c_char_min_and_max_show_its_sign():
    signed = c_char_is_signed()
    if signed is None:
        pytest.skip(f"c_char's sign on {platform.machine()} is not listed")
    extremes = (lib.min_c_char(), lib.max_c_char())
    if signed:
        assert extremes == (b"\x80", b"\x7f")  # i8: -128 and 127
    else:
        assert extremes == (b"\x00", b"\xff")  # u8: 0 and 255


@pytest.mark.parametrize(
    ("char", "length"), [("A", 1), ("é", 2), ("€", 3), ("🦀", 4)]
)
def test_len_utf8_counts_the_bytes_of_a_rust_char(char, length):
    assert example.len_utf8(char) == length
    assert example.len_utf8(char) == len(char.encode())


@pytest.mark.parametrize("char", ["\ud800", "\udfff"])
def test_len_utf8_refuses_surrogates_with_value_error(char):
    with pytest.raises(ValueError, match="is a surrogate, not a Rust char"):
        example.len_utf8(char)


@pytest.mark.parametrize("value", ["", "ab", 65, b"A", None])
def test_len_utf8_refuses_anything_but_one_character(value):
    with pytest.raises(TypeError, match="expected a str of length 1"):
        example.len_utf8(value)


def test_char_len_utf8_returns_minus_1_for_non_chars():
    assert lib.char_len_utf8(0x10FFFF) == 4
    assert lib.char_len_utf8(0xD800) == -1
    assert lib.char_len_utf8(0x110000) == -1
    assert lib.char_len_utf8(2**32 - 1) == -1
    with pytest.raises(OverflowError):
        lib.char_len_utf8(2**32)


# Overflow inside Rust


def test_add_wrapping_wraps_around():
    assert lib.add_wrapping_i32(INT32_MAX, 1) == INT32_MIN
    assert lib.add_wrapping_i32(INT32_MIN, -1) == INT32_MAX
    assert lib.add_wrapping_i32(2, 3) == 5


def test_add_checked_returns_the_sum():
    assert example.add_checked(2, 3) == 5
    assert example.add_checked(INT32_MAX, INT32_MIN) == -1


@pytest.mark.parametrize(("a", "b"), [(INT32_MAX, 1), (INT32_MIN, -1)])
def test_add_checked_raises_overflow_error_when_the_sum_does_not_fit(a, b):
    with pytest.raises(OverflowError, match=f"{a} \\+ {b} does not fit"):
        example.add_checked(a, b)


def test_add_checked_refuses_arguments_that_do_not_fit():
    with pytest.raises(OverflowError, match="does not fit 'int32_t'"):
        example.add_checked(2**31, 0)
    with pytest.raises(TypeError, match="an integer is required"):
        example.add_checked(1.5, 0)


def test_add_checked_i32_reports_overflow_and_null_without_writing():
    total = ffi.new("int32_t *", 7)
    assert lib.add_checked_i32(INT32_MAX, 1, total) == example.ADD_OVERFLOW
    assert total[0] == 7
    assert lib.add_checked_i32(2, 3, ffi.NULL) == 2  # ADD_NULL
    assert lib.add_checked_i32(2, 3, total) == example.ADD_OK
    assert total[0] == 5


def test_a_release_build_wraps_where_a_debug_build_panics(tmp_path):
    build = ["cargo", "build", "--release", "--locked", "--quiet"]
    subprocess.run(
        [*build, "--package", "scalars", "--target-dir", str(tmp_path)],
        cwd=ROOT,
        check=True,
    )
    release = tmp_path / "release" / library_filename("scalars")
    code = (
        "from cffi import FFI; ffi = FFI()\n"
        "ffi.cdef('int32_t add_panicking_i32(int32_t, int32_t);')\n"
        f"lib = ffi.dlopen({str(release)!r})\n"
        "print(lib.add_panicking_i32(2**31 - 1, 1))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "-2147483648\n")


def run_script(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "scalars.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGABRT is POSIX")
def test_a_panic_in_rust_aborts_python_with_sigabrt():
    done = run_script("panic")
    assert done.returncode == -6  # killed by SIGABRT
    assert done.stdout == ">>> lib.add_panicking_i32(2**31 - 1, 1)\n"
    assert "panicked at examples/scalars/src/lib.rs:" in done.stderr
    assert "attempt to add with overflow" in done.stderr
    assert "panic in a function that cannot unwind" in done.stderr
    assert "thread caused non-unwinding panic. aborting." in done.stderr


def test_the_script_prints_the_table_from_any_folder(tmp_path, capsys):
    example.print_table()
    done = run_script("table", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == capsys.readouterr().out


def test_an_unknown_mode_names_the_modes():
    done = run_script("nonsense")
    assert done.returncode == 1
    assert "unknown mode 'nonsense'; the modes are table, ints" in done.stderr


def test_char32_t_is_a_str_and_takes_a_lone_surrogate():
    # Why a Rust char does not cross as char32_t: cffi lets this through.
    assert ffi.sizeof("char32_t") == 4
    assert ffi.new("char32_t *", "é")[0] == "é"
    assert ffi.new("char32_t *", "\ud800")[0] == "\ud800"


def to_f32_exact_through_an_imported_lib(value: float) -> float:
    """A right answer to exercise_exact_f32 that calls this module's `lib`
    (scalars.lib, bound to a name of its own)."""
    result = lib.echo_f32(value)
    if math.isnan(value) and math.isnan(result):
        return result
    if result != value:
        raise ValueError(f"{value!r} is {result!r} as an f32")
    return result


def test_the_exercise_sees_calls_through_an_imported_lib(capsys):
    import exercise_exact_f32

    exercise_exact_f32.check(to_f32_exact_through_an_imported_lib)
    assert capsys.readouterr().out.startswith("PASS: ")
    assert lib is example.lib  # both put back
