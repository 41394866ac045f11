"""What the "Strings out of Rust" chapter says, asserted."""

import copy
import gc
import pickle
import subprocess
import sys
import threading

import pytest

import strings_out
from ffi_book import library_path
from strings_out import (
    RustString,
    ffi,
    format_celsius,
    format_celsius_buffered,
    lib,
)


@pytest.fixture
def no_leak():
    """Fail the test if Rust's live allocations do not return to start."""
    gc.collect()
    start = lib.live_allocations()
    yield start
    gc.collect()
    assert lib.live_allocations() == start


@pytest.mark.parametrize(
    ("degrees", "text"),
    [
        (21.5, "21.5 °C"),
        (-40, "-40.0 °C"),
        (0.04, "0.0 °C"),
        (float("nan"), "NaN °C"),
        (float("-inf"), "-inf °C"),
        (-1e20, "-100000000000000000000.0 °C"),
    ],
)
def test_strings_out_both_ways_give_the_same_text(degrees, text, no_leak):
    assert format_celsius(degrees) == text
    assert format_celsius_buffered(degrees) == text
    assert str(RustString(degrees)) == text


def test_strings_out_ffi_string_gives_utf8_bytes(no_leak):
    pointer = lib.format_celsius(21.5)
    try:
        assert ffi.typeof(pointer) is ffi.typeof("char *")
        assert ffi.string(pointer) == b"21.5 \xc2\xb0C"
        assert len(ffi.string(pointer)) == 8
    finally:
        lib.string_free(pointer)


def test_strings_out_a_string_not_freed_stays_allocated(no_leak):
    pointer = lib.format_celsius(21.5)
    assert lib.live_allocations() == no_leak + 1
    lib.string_free(pointer)
    assert lib.live_allocations() == no_leak


def test_strings_out_string_free_ignores_null(no_leak):
    lib.string_free(ffi.NULL)


def test_strings_out_a_number_is_required():
    with pytest.raises(TypeError):
        format_celsius("hot")
    with pytest.raises(TypeError):
        format_celsius_buffered(None)


def test_strings_out_ffi_gc_frees_when_the_owner_is_collected(no_leak):
    text = RustString(21.5)
    assert lib.live_allocations() == no_leak + 1
    del text  # CPython frees at once: the last reference is gone
    assert lib.live_allocations() == no_leak


def test_strings_out_free_frees_now_and_only_once(no_leak):
    text = RustString(21.5)
    text.free()
    assert lib.live_allocations() == no_leak
    with pytest.raises(ValueError, match="already freed"):
        text.free()
    del text
    assert lib.live_allocations() == no_leak


def test_strings_out_use_after_free_raises(no_leak):
    text = RustString(21.5)
    text.free()
    with pytest.raises(ValueError, match="already freed"):
        str(text)


def test_strings_out_an_owner_of_null_is_refused(no_leak):
    with pytest.raises(TypeError):
        RustString(ffi.NULL)


def test_strings_out_a_small_buffer_is_left_untouched(no_leak):
    buffer = ffi.new("char[]", b"xxxx")  # 5 bytes with the NUL
    assert lib.format_celsius_into(21.5, buffer, 4) == 9
    assert ffi.string(buffer) == b"xxxx"
    assert lib.format_celsius_into(21.5, ffi.NULL, 100) == 9


def test_strings_out_an_exact_buffer_is_enough(no_leak):
    buffer = ffi.new("char[]", 9)
    assert lib.format_celsius_into(21.5, buffer, 9) == 9
    assert ffi.string(buffer) == b"21.5 \xc2\xb0C"


@pytest.mark.parametrize("capacity", [0, 1, 8, 9, 64])
def test_strings_out_the_buffered_wrapper_retries_when_too_small(
    capacity, no_leak
):
    assert format_celsius_buffered(21.5, capacity) == "21.5 °C"


def test_strings_out_a_negative_capacity_is_refused():
    with pytest.raises(ValueError):
        format_celsius_buffered(21.5, -1)


def test_strings_out_leak_mode_counts_each_way(capsys):
    gc.collect()
    start = lib.live_allocations()
    strings_out.count_leaks()
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "100000 x never_freed       live allocations +100000",
        "100000 x string_free_each  live allocations +0",
        "100000 x owned_by_ffi_gc   live allocations +0",
        "100000 x python_buffer     live allocations +0",
    ]
    # Only the blocks that never_freed dropped on purpose stay allocated.
    gc.collect()
    assert lib.live_allocations() == start + strings_out.CALLS


def test_strings_out_the_unit_is_static_and_needs_no_free(no_leak):
    assert strings_out.unit_symbol() == "°C"
    assert lib.unit_symbol() == lib.unit_symbol()  # the same bytes
    assert lib.live_allocations() == no_leak  # nothing was allocated


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's read-only data")
def test_strings_out_writing_the_static_unit_kills_the_process():
    code = (
        "from cffi import FFI; ffi = FFI()\n"
        "ffi.cdef('const char *unit_symbol(void);')\n"
        f"lib = ffi.dlopen({str(library_path('strings_out'))!r})\n"
        "unit = lib.unit_symbol()\n"
        "print(ffi.string(unit), flush=True)\n"
        "unit[0] = b'x'  # cffi dropped the const: Python may write\n"
        "print('written', flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (-11, "b'\\xc2\\xb0C'\n")


@pytest.mark.parametrize(
    "name", ["kitchen", "", "a\0b", "\0", "Zoë's 東京 room"]
)
def test_strings_out_labelled_text_keeps_every_character(name, no_leak):
    assert strings_out.format_labelled(name, 21.5) == f"{name}: 21.5 °C"


def test_strings_out_labelled_text_is_not_nul_terminated(no_leak):
    length = ffi.new("size_t *")
    text = lib.format_labelled(b"a\0b", 3, 1.0, length)
    assert length[0] == len("a\0b: 1.0 °C".encode())
    assert ffi.string(text) == b"a"  # a C string stops at the first NUL
    lib.bytes_free(text, length[0])


def test_strings_out_labelled_text_refuses_null_and_bad_utf8(no_leak):
    length = ffi.new("size_t *", 7)
    assert lib.format_labelled(ffi.NULL, 1, 0.0, length) == ffi.NULL
    assert lib.format_labelled(b"\xff", 1, 0.0, length) == ffi.NULL
    assert lib.format_labelled(b"a", 1, 0.0, ffi.NULL) == ffi.NULL
    for too_long in (2**63, 2**64 - 1):  # over isize::MAX: refused, unread
        assert lib.format_labelled(b"a", too_long, 0.0, length) == ffi.NULL
    assert length[0] == 7  # nothing written
    lib.bytes_free(ffi.NULL, 3)  # a no-op
    with pytest.raises(UnicodeEncodeError):
        strings_out.format_labelled("\ud800", 0.0)


def test_strings_out_patterns_mode(capsys, no_leak):
    strings_out.show_patterns()
    assert capsys.readouterr().out.splitlines() == [
        "unit_symbol()               -> '°C'",
        "format_labelled('hall', 20) -> 'hall: 20.0 °C'",
        "format_labelled('a\\0b', 1)  -> 'a\\x00b: 1.0 °C'",
        "ffi.string(that text)       -> b'a'",
        "live allocations: +0",
    ]


def test_strings_out_owner_mode_shows_every_misuse(capsys, no_leak):
    strings_out.show_owner()
    assert capsys.readouterr().out.splitlines() == [
        "str(text)              -> '21.5 °C'",
        "text.free()            -> None",
        "text.free() again      -> ValueError: this RustString was already"
        " freed",
        "str(text) after free   -> ValueError: this RustString was already"
        " freed",
        "RustString(pointer)    -> TypeError: float() not supported on"
        " cdata 'char *'",
        "lib.string_free(NULL)  -> None",
        "live allocations: +0",
    ]


def test_strings_out_read_and_buffer_modes(capsys, no_leak):
    strings_out.show_reading()
    strings_out.show_buffer()
    out = capsys.readouterr().out
    assert "ffi.typeof(text)    -> <ctype 'char *'>" in out
    assert "ffi.string(text)    -> b'21.5 \\xc2\\xb0C' (8 bytes)" in out
    assert "raw.decode('utf-8') -> '21.5 °C' (7 chars)" in out
    assert "format_celsius_into(21.5, NULL, 0)   -> 9" in out
    assert "format_celsius_into(21.5, buffer, 4) -> 9, buffer holds b''" in out


@pytest.mark.parametrize("make_copy", [copy.copy, copy.deepcopy, pickle.dumps])
def test_strings_out_a_rust_string_cannot_be_copied(make_copy, no_leak):
    text = RustString(1.0)
    with pytest.raises(TypeError, match="cannot copy or pickle"):
        make_copy(text)
    text.free()


def test_strings_out_free_waits_for_a_read_in_progress(no_leak):
    # The window, made certain: a reader has passed _live() and not read
    # yet, and another thread calls free() then. free() must wait.
    owner = RustString(21.5)
    live_code = RustString._live.__code__
    seen = {}

    def free_meanwhile(frame, event, arg):
        if event == "return":
            before = lib.live_allocations()
            freer = threading.Thread(target=owner.free)
            freer.start()
            freer.join(timeout=0.5)  # time enough to free, if it could
            seen["freed meanwhile"] = lib.live_allocations() < before
            seen["freer"] = freer
        return None

    def trace(frame, event, arg):
        if frame.f_code is live_code and "freer" not in seen:
            return free_meanwhile
        return None

    def read() -> None:
        sys.settrace(trace)  # this thread only
        try:
            seen["read"] = str(owner)
        finally:
            sys.settrace(None)

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    seen["freer"].join()
    assert seen["freed meanwhile"] is False
    assert seen["read"] == "21.5 °C"
    with pytest.raises(ValueError, match="already freed"):
        str(owner)


def test_strings_out_one_pointer_cannot_get_two_owners(no_leak):
    pointer = lib.format_celsius(21.5)
    try:
        with pytest.raises(TypeError):
            RustString(pointer)  # a second owner would free it again
    finally:
        lib.string_free(pointer)


def test_strings_out_a_static_string_cannot_get_an_owner(no_leak):
    with pytest.raises(TypeError):
        RustString(lib.unit_symbol())  # not Rust's to free


@pytest.mark.parametrize("name", [b"x", None, 3])
def test_strings_out_format_labelled_wants_a_str(name, no_leak):
    with pytest.raises(TypeError):
        strings_out.format_labelled(name, 1.0)


@pytest.mark.parametrize(
    "answer",
    [
        lambda values, lib=None: [
            strings_out.format_celsius(v) for v in values
        ],
        lambda values, lib=None: [
            str(strings_out.RustString(v)) for v in values
        ],
    ],
    ids=["format_celsius", "RustString"],
)
def test_the_leak_exercise_sees_calls_through_the_chapters_wrappers(
    answer, capsys
):
    # Right answers that call Rust through strings_out's own wrappers,
    # not through the `lib` the check passes in.
    import exercise_leak

    exercise_leak.check(answer)
    assert capsys.readouterr().out.startswith("PASS: "), answer
