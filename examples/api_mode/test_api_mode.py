"""What the "API mode" chapter says, asserted."""

import math
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from cffi import VerificationError

import api_mode
from api_mode import (
    BUILD,
    DECLARATIONS,
    READINGS,
    api,
    compile_module,
    count_where,
    mean_celsius,
)

LINUX = sys.platform.startswith("linux")
NOT_MSVC = pytest.mark.skipif(
    sys.platform == "win32", reason="GCC's and clang's messages and flags"
)


def test_api_mode_the_module_is_compiled_into_target():
    path = api().__file__
    assert api_mode.Path(path).parent == BUILD
    assert api_mode.Path(path).name.startswith("_api_mode.")


def test_api_mode_a_second_compile_does_nothing():
    before = api_mode.Path(api().__file__).stat().st_mtime_ns
    path = compile_module(
        "_api_mode", DECLARATIONS + api_mode.CALLBACKS, BUILD
    )
    assert path.stat().st_mtime_ns == before


@pytest.mark.skipif(not LINUX, reason="readelf reads Linux modules")
def test_api_mode_the_module_needs_the_library_and_finds_it():
    lines = api_mode.runtime_links(api_mode.Path(api().__file__))
    assert "NEEDED   libapi_mode.so" in lines
    assert "RUNPATH  includes $ORIGIN/../debug" in lines


def test_api_mode_calls_go_to_rust():
    assert mean_celsius(READINGS) == pytest.approx(64 / 3)
    assert mean_celsius([(7, -40.0)]) == -40.0


def test_api_mode_rust_has_no_mean_for_no_readings():
    lib, ffi = api().lib, api().ffi
    assert math.isnan(lib.mean_celsius(ffi.NULL, 3))
    assert math.isnan(lib.mean_celsius(ffi.new("Reading[]", 1), 0))


@pytest.mark.parametrize(
    ("readings", "error", "message"),
    [
        ([], ValueError, "at least one reading"),
        ([(1, "warm")], TypeError, "must be real number, not str"),
        ([(-1, 20.0)], OverflowError, "negative number to unsigned"),
        ([(2**32, 20.0)], OverflowError, "does not fit 'uint32_t'"),
        ([(1,)], ValueError, "a reading is a \\(sensor, celsius\\) pair"),
        ([(1, 20.0, 3)], ValueError, "a reading is a"),
        ([1.5], TypeError, None),
        (None, TypeError, None),
    ],
)
def test_api_mode_bad_readings_raise(readings, error, message):
    with pytest.raises(error, match=message):
        mean_celsius(readings)


@NOT_MSVC
def test_api_mode_a_wrong_field_type_is_a_compile_error():
    lines = api_mode.api_mode_wrong_errors()
    assert any("error: invalid operands to binary |" in line for line in lines)
    assert any("'Reading.celsius' is an integer" in line for line in lines)
    assert lines[-1] == "ffi.compile raised VerificationError"


def test_api_mode_a_wrong_field_type_fails_to_compile_everywhere(tmp_path):
    with pytest.raises(VerificationError):
        compile_module("_api_mode_wrong_test", api_mode.WRONG, tmp_path)


@NOT_MSVC
def test_api_mode_a_wrong_pointer_type_is_an_error_with_strict(tmp_path):
    wrong = DECLARATIONS.replace(
        "double mean_celsius(const Reading *readings",
        "double mean_celsius(const float *readings",
    )
    with pytest.raises(VerificationError):
        compile_module("_api_mode_pointer", wrong, tmp_path)


@NOT_MSVC
def test_api_mode_a_wrong_float_field_is_an_error_with_strict(tmp_path):
    wrong = DECLARATIONS.replace("float celsius", "double celsius")
    with pytest.raises(VerificationError):
        compile_module("_api_mode_double", wrong, tmp_path)


WITHOUT_CONVERSION_CHECKS = [
    flag for flag in api_mode.STRICT if "conversion" not in flag
]
# cdefs whose number types differ from api_mode.h: C converts each
# silently, so only -Werror=conversion and -Werror=sign-conversion stop them.
NUMBER_MISMATCHES = {
    "int for a double result": ("double mean_celsius(", "int mean_celsius("),
    "uint32_t for a size_t result": (
        "size_t count_where(",
        "uint32_t count_where(",
    ),
    "int64_t for a size_t argument": (
        "const Reading *readings, size_t len);\n    typedef",
        "const Reading *readings, int64_t len);\n    typedef",
    ),
}


@NOT_MSVC
@pytest.mark.parametrize("mistake", NUMBER_MISMATCHES)
def test_api_mode_a_wrong_number_type_fails_the_strict_build(
    mistake, tmp_path
):
    right, wrong = NUMBER_MISMATCHES[mistake]
    cdef = DECLARATIONS.replace(right, wrong)
    assert cdef != DECLARATIONS
    with pytest.raises(VerificationError):
        compile_module("_api_mode_number", cdef, tmp_path / "strict")


@NOT_MSVC
def test_api_mode_without_the_flags_c_converts_numbers_silently(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(api_mode, "STRICT", WITHOUT_CONVERSION_CHECKS)
    right, wrong = NUMBER_MISMATCHES["int for a double result"]
    module = api_mode.load_module(
        compile_module(
            "_api_mode_silent", DECLARATIONS.replace(right, wrong), tmp_path
        )
    )
    array = module.ffi.new("Reading[]", READINGS)
    assert module.lib.mean_celsius(array, 3) == 21  # not 21.333...


@NOT_MSVC
def test_api_mode_the_page_shows_the_conversion_error():
    lines = api_mode.api_mode_wrong_errors("compile-narrow")
    assert any("[-Werror=float-conversion]" in line for line in lines)
    assert lines[-1] == "ffi.compile raised VerificationError"


def test_api_mode_a_kept_reading_stays_valid_after_the_call():
    kept = []
    count_where(READINGS, kept.append)
    count_where([(9, -1.0)] * 3, lambda r: True)  # reuses the C stack
    assert [(r.sensor, r.celsius) for r in kept] == READINGS
    assert not any(isinstance(r, api().ffi.CData) for r in kept)


def test_api_mode_a_narrower_number_type_is_converted(tmp_path):
    narrower = DECLARATIONS.replace(
        "double mean_celsius(const Reading *readings, size_t len)",
        "double mean_celsius(const Reading *readings, uint16_t len)",
    )
    module = api_mode.load_module(
        compile_module("_api_mode_narrow", narrower, tmp_path)
    )
    array = module.ffi.new("Reading[]", READINGS)
    assert module.lib.mean_celsius(array, 3) == pytest.approx(64 / 3)
    with pytest.raises(OverflowError):
        module.lib.mean_celsius(array, 70_000)  # cffi checks the cdef type


def test_api_mode_fields_in_the_wrong_order_fail_on_first_use():
    message = api_mode.api_mode_swapped_error()
    assert message.startswith("ffi.error: Reading: wrong offset for field")
    assert "'celsius' (cdef says 0, but C compiler says 4)" in message


def test_api_mode_abi_mode_reads_the_int_bits_as_floats():
    def as_f32(bits: int) -> float:
        return struct.unpack("=f", struct.pack("=i", bits))[0]

    expected = (as_f32(21) + as_f32(23)) / 2
    assert api_mode.abi_mode_wrong_mean() == expected
    assert 0 < expected < 1e-40  # silently wrong: no error at all


def test_api_mode_def_extern_callbacks_filter_in_rust():
    assert count_where(READINGS, lambda r: r.celsius > 20) == 2
    assert count_where(READINGS, lambda r: r.sensor == 3) == 1
    assert count_where(READINGS, lambda r: True) == 3
    assert count_where([], lambda r: True) == 0


def test_api_mode_the_callback_sees_each_reading_in_order():
    seen = []
    count_where(READINGS, lambda r: seen.append((r.sensor, r.celsius)))
    assert seen == READINGS


def test_api_mode_a_callbacks_exception_reaches_the_caller(capfd):
    calls = []

    def fails(reading):
        calls.append(reading.sensor)
        raise KeyError("no such sensor")

    with pytest.raises(KeyError, match="no such sensor"):
        count_where(READINGS, fails)
    assert calls == [1]  # the rest were skipped
    assert capfd.readouterr().err == ""  # cffi printed nothing


def test_api_mode_a_predicate_must_be_callable():
    with pytest.raises(TypeError, match="must be callable, not int"):
        count_where(READINGS, 3)


def test_api_mode_a_null_callback_keeps_every_reading():
    lib, ffi = api().lib, api().ffi
    array = ffi.new("Reading[]", READINGS)
    assert lib.count_where(array, 3, ffi.NULL, ffi.NULL) == 3
    assert lib.count_where(ffi.NULL, 3, lib.keep_reading, ffi.NULL) == 0


def test_api_mode_keep_reading_is_a_c_function_pointer():
    ffi = api().ffi
    kind = ffi.typeof(api().lib.keep_reading)
    assert kind is ffi.typeof("KeepReading")
    assert kind is ffi.typeof("bool (*)(Reading, void *)")


@pytest.mark.skipif(not LINUX, reason="reads /proc/self/maps")
def test_api_mode_only_ffi_callback_makes_writable_executable_memory():
    # In a fresh process: a callback made by an earlier test in this one
    # may already have mapped the page that the next callback reuses.
    code = (
        "import api_mode\n"
        "from cffi import FFI\n"
        "before = api_mode.rwx_pages()\n"
        "api_mode.count_where(api_mode.READINGS, lambda r: True)\n"
        "after_def_extern = api_mode.rwx_pages()\n"
        "callback = FFI().callback('int(int)', lambda x: x)\n"
        "print(before, after_def_extern, api_mode.rwx_pages())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(api_mode.__file__).parent,
        capture_output=True,
        text=True,
        check=True,
    )
    before, after_def_extern, after_callback = map(int, done.stdout.split())
    assert after_def_extern == before
    assert after_callback > before


def test_api_mode_abi_mode_callback_gives_the_same_count():
    assert api_mode.abi_mode_callback() == 2


def test_api_mode_modes_print_what_the_chapter_reads(capsys):
    api_mode.use()
    api_mode.callbacks()
    out = capsys.readouterr().out
    assert "mean_celsius(READINGS)          -> 21.333333333333332" in out
    assert "count_where(READINGS, warm)     -> 2" in out
    assert "ZeroDivisionError: division by zero" in out


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_api_mode_a_callbacks_base_exception_reaches_the_caller(error, capfd):
    calls = []

    def stops(reading):
        calls.append(reading.sensor)
        raise error("stop")

    with pytest.raises(error):
        count_where(READINGS, stops)
    assert calls == [1]  # the rest were skipped
    assert capfd.readouterr().err == ""  # cffi printed nothing


def compile_against(header: str, cdef: str, folder: Path):
    """A module for `cdef` checked against C source `header`."""
    from cffi import FFI

    ffi = FFI()
    ffi.cdef(cdef)
    ffi.set_source("_api_mode_gap", header, extra_compile_args=api_mode.STRICT)
    return ffi.compile(tmpdir=str(folder), verbose=False)


@NOT_MSVC
def test_api_mode_pointer_signedness_fails_the_strict_build(tmp_path):
    header = (
        "#include <stdint.h>\n"
        "static int first(const uint8_t *p) { return p[0]; }"
    )
    with pytest.raises(VerificationError):
        compile_against(header, "int first(const int8_t *p);", tmp_path)


@NOT_MSVC
def test_api_mode_a_fields_signedness_is_not_checked(tmp_path):
    # Only that the field is an integer, and its size on first use.
    header = "#include <stdint.h>\ntypedef struct { uint32_t value; } Box;"
    cdef = "typedef struct { int32_t value; } Box;"
    module = api_mode.load_module(
        Path(compile_against(header, cdef, tmp_path))
    )
    assert module.ffi.new("Box *", [-1]).value == -1  # C says unsigned


@NOT_MSVC
def test_api_mode_a_fields_size_is_checked_on_first_use(tmp_path):
    header = "#include <stdint.h>\ntypedef struct { uint32_t value; } Box;"
    cdef = "typedef struct { uint16_t value; } Box;"
    module = api_mode.load_module(
        Path(compile_against(header, cdef, tmp_path))
    )
    with pytest.raises(module.ffi.error, match="wrong size for field"):
        module.ffi.sizeof("Box")


@NOT_MSVC
def test_api_mode_an_int_for_a_bool_converts_silently(tmp_path):
    header = "#include <stdbool.h>\nstatic bool same(bool b) { return b; }"
    module = api_mode.load_module(
        Path(compile_against(header, "int same(int b);", tmp_path))
    )
    assert module.lib.same(2) == 1  # C's bool made 2 into 1


def test_api_mode_msvc_gets_its_own_strict_flags():
    assert api_mode.strict_flags("win32") == [
        "/we4244",
        "/we4245",
        "/we4267",
        "/we4047",
        "/we4133",
    ]
    assert "-Werror=pointer-sign" in api_mode.strict_flags("linux")
