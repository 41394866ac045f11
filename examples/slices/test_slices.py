"""What the slices chapter says, asserted."""

import array
import copy
import gc
import pickle
import sys
import threading
import weakref

import numpy as np
import pytest

import slices
from slices import Positions, ffi, lib, scale, uppercase

OK, NULL_POINTER, MISALIGNED, TOO_LONG = 0, 1, 2, 3


@pytest.fixture
def no_leak():
    """Fails the test if Rust allocations are still live at its end."""
    gc.collect()
    start = lib.live_allocations()
    yield
    gc.collect()
    assert lib.live_allocations() == start


# Borrowing: Rust changes Python's memory in place.


def test_scale_changes_the_numpy_array_itself():
    values = np.array([1.0, 2.0, 3.5])
    same = values
    scale(values, 10)
    assert same is values
    assert values.tolist() == [10.0, 20.0, 35.0]


def test_scale_changes_an_array_array_and_a_memoryview_slice():
    numbers = array.array("d", [1.0, 2.0, 3.5])
    scale(numbers, -1)
    assert numbers.tolist() == [-1.0, -2.0, -3.5]
    scale(memoryview(numbers)[1:], 2)  # a contiguous part of the array
    assert numbers.tolist() == [-1.0, -4.0, -7.0]


def test_uppercase_changes_ascii_only():
    text = bytearray("hello, déjà vu".encode())
    uppercase(text)
    assert text.decode() == "HELLO, DéJà VU"


def test_empty_buffers_are_fine():
    scale(np.zeros(0), 2)
    scale(array.array("d"), 2)
    uppercase(bytearray())


def test_the_length_comes_from_the_buffer():
    values = np.zeros(5)
    buffer = slices.lend(values, "double[]", writable=False)
    assert len(buffer) == 5
    assert ffi.sizeof(buffer) == values.nbytes == 40


# Bad buffers: a Python exception, before Rust sees anything.


def test_scale_refuses_other_item_types():
    integers = np.arange(3)
    with pytest.raises(TypeError, match="expected float64 items"):
        scale(integers, 2)
    assert integers.tolist() == [0, 1, 2]
    with pytest.raises(TypeError, match="expected float64 items"):
        scale(np.zeros(3, dtype=np.float32), 2)
    with pytest.raises(TypeError, match="expected float64 items"):
        scale(bytearray(16), 2)


def test_from_buffer_itself_does_not_check_the_item_type():
    unchecked = ffi.from_buffer("double[]", np.arange(3))
    assert list(unchecked) == [0.0, 5e-324, 1e-323]


def test_without_lend_the_strided_object_itself_refuses():
    # cffi asks for one C-contiguous block; the object says it has none.
    values = np.array([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="ndarray is not C-contiguous"):
        ffi.from_buffer("double[]", values[::2])
    view = memoryview(array.array("d", [1.0, 2.0, 3.0, 4.0]))[::2]
    with pytest.raises(BufferError, match="not C-contiguous"):
        ffi.from_buffer("double[]", view)


def test_scale_refuses_a_strided_view():
    values = np.array([1.0, 2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="not contiguous"):
        scale(values[::2], 2)
    assert values.tolist() == [1.0, 2.0, 3.0, 4.0]


def test_rust_refuses_an_unaligned_array():
    unaligned = np.frombuffer(bytearray(25), np.float64, 3, offset=1)
    assert not unaligned.flags.aligned
    with pytest.raises(ValueError, match="not aligned"):
        scale(unaligned, 2)


def test_read_only_buffers_are_refused_for_writing():
    with pytest.raises(TypeError, match="bytes is read-only"):
        uppercase(b"read-only")
    frozen = np.ones(2)
    frozen.flags.writeable = False
    with pytest.raises(TypeError, match="ndarray is read-only"):
        scale(frozen, 2)
    assert frozen.tolist() == [1.0, 1.0]


def test_the_cdata_keeps_the_lent_object_alive():
    values = np.zeros(3)
    alive = weakref.ref(values)
    buffer = slices.lend(values, "double[]", writable=True)
    del values
    gc.collect()
    assert alive() is not None
    del buffer
    gc.collect()
    assert alive() is None


def test_a_lent_bytearray_cannot_be_resized_until_released():
    data = bytearray(b"abc")
    buffer = ffi.from_buffer("uint8_t[]", data, require_writable=True)
    with pytest.raises(BufferError, match="cannot be re-sized"):
        data.append(0)
    ffi.release(buffer)
    data.append(0)
    assert data == b"abc\0"


def test_cffi_refuses_read_only_memory_when_asked():
    with pytest.raises(BufferError):
        ffi.from_buffer("uint8_t[]", b"abc", require_writable=True)


def test_objects_without_a_buffer_raise_type_error():
    with pytest.raises(TypeError, match="bytes-like object is required"):
        uppercase("text")
    with pytest.raises(TypeError):
        scale([1.0, 2.0], 2)


# The Rust functions themselves, called with what C could pass.


def test_null_with_length_zero_is_an_empty_slice():
    assert lib.scale_f64(ffi.NULL, 0, 2.0) == OK
    assert lib.ascii_uppercase(ffi.NULL, 0) == OK
    out = ffi.new("Indices *")
    assert lib.find_byte(ffi.NULL, 0, 0, out) == OK
    assert out.len == 0
    lib.free_indices(out)


def test_null_with_a_length_is_refused():
    assert lib.scale_f64(ffi.NULL, 3, 2.0) == NULL_POINTER
    assert lib.ascii_uppercase(ffi.NULL, 3) == NULL_POINTER
    out = ffi.new("Indices *")
    assert lib.find_byte(ffi.NULL, 3, 0, out) == NULL_POINTER
    assert out.ptr == ffi.NULL and out.len == 0 and out.cap == 0


def test_find_byte_refuses_a_null_out_pointer():
    assert lib.find_byte(b"abc", 3, 0, ffi.NULL) == NULL_POINTER


def test_a_misaligned_out_pointer_is_refused_untouched():
    memory = ffi.new("char[64]")
    odd = ffi.cast("Indices *", int(ffi.cast("uintptr_t", memory)) + 1)
    assert lib.find_byte(b"abc", 3, ord("b"), odd) == MISALIGNED
    lib.free_indices(odd)  # left alone
    assert bytes(ffi.buffer(memory)) == bytes(64)


def test_a_length_past_isize_max_bytes_is_refused_unread():
    one = ffi.new("double[1]")
    assert lib.scale_f64(one, 2**60, 2.0) == TOO_LONG
    byte = ffi.new("uint8_t[1]")
    assert lib.ascii_uppercase(byte, 2**63) == TOO_LONG


def test_free_indices_ignores_null_and_an_already_freed_struct(no_leak):
    lib.free_indices(ffi.NULL)
    out = ffi.new("Indices *")
    assert lib.find_byte(b"a,b", 3, ord(","), out) == OK
    lib.free_indices(out)
    assert out.ptr == ffi.NULL
    lib.free_indices(out)  # the same struct again: nothing happens


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (NULL_POINTER, ValueError),
        (MISALIGNED, ValueError),
        (TOO_LONG, OverflowError),
        (99, RuntimeError),
    ],
)
def test_each_status_becomes_an_exception(status, error):
    with pytest.raises(error, match=f"status {status}"):
        slices.check(status)
    slices.check(OK)


# A vector from Rust: owned by Rust, freed exactly once.


def test_positions_are_found(no_leak):
    newlines = Positions(b"one\ntwo\nthree\n", ord("\n"))
    assert newlines.to_list() == [3, 7, 13]
    assert len(newlines) == 3
    newlines.free()


def test_positions_work_on_any_byte_buffer(no_leak):
    found = Positions(bytearray(b"a,b,c"), ord(","))
    assert found.to_list() == [1, 3]
    assert Positions(np.frombuffer(b"xx", np.uint8), 120).to_list() == [0, 1]
    assert Positions(b"", 0).to_list() == []
    assert Positions(b"abc", ord("z")).to_list() == []


def test_the_needle_must_be_a_byte():
    with pytest.raises(OverflowError):
        Positions(b"abc", 256)
    with pytest.raises(OverflowError):
        Positions(b"abc", -1)
    with pytest.raises(TypeError):
        Positions(b"abc", "a")


def test_free_returns_the_allocation():
    start = lib.live_allocations()
    positions = Positions(b"a\nb", ord("\n"))
    assert lib.live_allocations() == start + 1
    positions.free()
    assert lib.live_allocations() == start


def test_dropping_positions_frees_them(no_leak):
    for _ in range(100):
        Positions(b"a\nb\nc", ord("\n")).to_list()


def test_a_second_free_and_use_after_free_raise(no_leak):
    positions = Positions(b"a\nb", ord("\n"))
    positions.free()
    with pytest.raises(ValueError, match="already freed"):
        positions.free()
    with pytest.raises(ValueError, match="already freed"):
        positions.to_list()
    with pytest.raises(ValueError, match="already freed"):
        len(positions)


def test_the_copy_outlives_the_rust_vector():
    positions = Positions(b"a\nb", ord("\n"))
    copy = positions.to_list()
    positions.free()
    assert copy == [1]


# What the page shows.


def test_the_borrow_output(capsys):
    slices.borrow()
    out = capsys.readouterr().out
    assert "cffi sees 3 doubles, 24 bytes" in out
    assert "after scale(values, 10): [10. 20. 35.]" in out
    assert "array('d', [-1.0, -2.0, -3.5])" in out
    assert "bytearray(b'HELLO, RUST')" in out


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_the_unchecked_function_aborts_on_null_with_length_zero(capsys):
    slices.null()
    out = capsys.readouterr().out
    assert "scale_f64(NULL, 0, 2.0) returns 0" in out
    assert "scale_f64(NULL, 3, 2.0) returns 1" in out
    assert "unsafe precondition(s) violated" in out
    assert "the child process ended with SIGABRT" in out
    assert "panicked at examples/slices/src/lib.rs" in out


def test_the_unchecked_function_works_with_a_real_pointer():
    values = np.array([1.0, 2.0])
    buffer = ffi.from_buffer("double[]", values)
    lib.scale_f64_unchecked(buffer, len(buffer), 3)
    assert values.tolist() == [3.0, 6.0]


def test_the_refuse_output(capsys):
    slices.refuse()
    out = capsys.readouterr().out
    assert "[0.0, 5e-324, 1e-323]" in out
    assert "label() now returns b'A CONSTANT'" in out
    assert "TypeError: bytes is read-only" in out


def test_the_own_output(capsys):
    slices.own()
    lines = capsys.readouterr().out.splitlines()
    counts = [line for line in lines if line.startswith("live Rust")]
    start = int(counts[0].split()[3])
    assert [int(line.split()[3]) - start for line in counts] == [0, 1, 0, 0]
    assert "newlines at [3, 7, 13]" in lines


@pytest.mark.parametrize("make_copy", [copy.copy, copy.deepcopy, pickle.dumps])
def test_slices_positions_cannot_be_copied(make_copy):
    positions = slices.Positions(b"abcabc", ord("a"))
    with pytest.raises(TypeError, match="cannot copy or pickle"):
        make_copy(positions)
    positions.free()


def test_positions_free_waits_for_a_read_in_progress(no_leak):
    # The window, made certain: a reader has passed _live() and not read
    # yet, and another thread calls free() then. free() must wait.
    owner = Positions(b"a\nb\n", 10)
    live_code = Positions._live.__code__
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
            seen["read"] = owner.to_list()
        finally:
            sys.settrace(None)

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    seen["freer"].join()
    assert seen["freed meanwhile"] is False
    assert seen["read"] == [1, 3]
    with pytest.raises(ValueError, match="already freed"):
        owner.to_list()


def scale_view_through_an_imported_lib(view, factor) -> None:
    """A right answer to exercise_strided that calls the `lib` this module
    imported with `from slices import lib`."""
    data = np.ascontiguousarray(view)
    buffer = ffi.from_buffer("double[]", data, require_writable=True)
    slices.check(lib.scale_f64(buffer, len(data), factor))
    view[...] = data


def test_the_exercise_sees_calls_through_an_imported_lib(capsys):
    import exercise_strided

    exercise_strided.check(scale_view_through_an_imported_lib)
    assert capsys.readouterr().out.startswith("PASS: ")
    assert lib is slices.lib  # both put back
