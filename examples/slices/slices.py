"""Lend Python's buffers to Rust, and take a Rust vector back.

Usage: python slices.py [borrow | null | refuse | own]  (default: borrow)
"""

import array
import os
import signal
import subprocess
import sys
import threading

import numpy as np
from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    int32_t scale_f64(double *data, size_t len, double factor);
    void scale_f64_unchecked(double *data, size_t len, double factor);
    int32_t ascii_uppercase(uint8_t *data, size_t len);

    typedef struct { size_t *ptr; size_t len; size_t cap; } Indices;
    int32_t find_byte(const uint8_t *data, size_t len, uint8_t needle,
                      Indices *out);
    void free_indices(Indices *vec);

    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("slices")))
# ANCHOR_END: cdef

# ANCHOR: check
# The statuses of src/lib.rs, as Python exceptions.
ERRORS = {
    1: (ValueError, "NULL pointer with a non-zero length"),
    2: (ValueError, "the buffer is not aligned for its item type"),
    3: (OverflowError, "the length is larger than any buffer can be"),
}


def check(status: int) -> None:
    if status != 0:
        error, message = ERRORS.get(status, (RuntimeError, "unknown error"))
        raise error(f"{message} (status {status})")


# ANCHOR_END: check

# ANCHOR: lend
# The struct-module formats that match each C item type (NumPy writes
# "=d" for an unaligned float64 array).
NATIVE_FLOAT64 = "<d" if sys.byteorder == "little" else ">d"
FORMATS = {
    "double[]": ("float64", {"d", "@d", "=d", NATIVE_FLOAT64}),
    "uint8_t[]": ("uint8", {"B"}),
}


def lend(obj, ctype: str, *, writable: bool):
    """A cdata over obj's own memory, after the checks cffi does not do."""
    kind, formats = FORMATS[ctype]
    with memoryview(obj) as view:  # TypeError if obj is not a buffer
        if view.format not in formats:
            raise TypeError(
                f"expected {kind} items, got format {view.format!r}"
            )
        if writable and view.readonly:
            raise TypeError(f"{type(obj).__name__} is read-only")
        if not view.c_contiguous:
            raise ValueError("the buffer is not contiguous")
    return ffi.from_buffer(ctype, obj, require_writable=writable)


def scale(values, factor: float) -> None:
    """Multiply a buffer of float64 values by `factor`, in place."""
    buffer = lend(values, "double[]", writable=True)
    # The length comes from the buffer itself, never from a caller.
    check(lib.scale_f64(buffer, len(buffer), factor))


def uppercase(data) -> None:
    """Capitalize the ASCII letters of a writable byte buffer, in place."""
    buffer = lend(data, "uint8_t[]", writable=True)
    check(lib.ascii_uppercase(buffer, len(buffer)))


# ANCHOR_END: lend


# ANCHOR: positions
class Positions:
    """Positions that Rust found and allocated, freed exactly once."""

    def __init__(self, data, needle: int):
        buffer = lend(data, "uint8_t[]", writable=False)
        indices = ffi.new("Indices *")  # Python owns this struct...
        check(lib.find_byte(buffer, len(buffer), needle, indices))
        # ...Rust owns indices.ptr: free it when Python collects `indices`.
        self._indices = ffi.gc(indices, lib.free_indices)
        self._lock = threading.Lock()  # free() waits for a read

    def _live(self):
        if self._indices is None:
            raise ValueError("these positions were already freed")
        return self._indices

    def __len__(self) -> int:
        with self._lock:
            return self._live().len

    def to_list(self) -> list[int]:
        with self._lock:
            indices = self._live()
            return ffi.unpack(indices.ptr, indices.len)  # a copy

    def free(self) -> None:
        """Give the vector back to Rust now instead of at collection."""
        with self._lock:
            ffi.release(self._live())  # calls free_indices, only once
            self._indices = None

    def __reduce_ex__(self, protocol):
        # copy and pickle fall back on this (no __copy__, __deepcopy__):
        # a copy would be a second owner.
        raise TypeError("cannot copy or pickle Positions")


# ANCHOR_END: positions


# ANCHOR: borrow
def borrow() -> None:
    values = np.array([1.0, 2.0, 3.5])
    print("NumPy array:", values)
    buffer = ffi.from_buffer("double[]", values)
    print(f"cffi sees {len(buffer)} doubles, {ffi.sizeof(buffer)} bytes")
    scale(values, 10)
    print("after scale(values, 10):", values)
    numbers = array.array("d", [1.0, 2.0, 3.5])
    scale(numbers, -1)
    print("array.array after scale(numbers, -1):", numbers)
    text = bytearray(b"hello, rust")
    uppercase(text)
    print("bytearray after uppercase(text):", text)


# ANCHOR_END: borrow


def show_error(call: str, thunk) -> None:
    try:
        thunk()
    except (TypeError, ValueError, OverflowError) as error:
        print(f"{call}\n    {type(error).__name__}: {error}")
    else:
        print(f"{call}\n    no error")


def null() -> None:
    print("scale_f64(NULL, 0, 2.0) returns", lib.scale_f64(ffi.NULL, 0, 2))
    print("scale_f64(NULL, 3, 2.0) returns", lib.scale_f64(ffi.NULL, 3, 2))
    print("scale_f64_unchecked(NULL, 0, 2.0), in a child process:")
    child = subprocess.run(
        [sys.executable, __file__, "unchecked"],
        env={**os.environ, "RUST_BACKTRACE": "0"},
        capture_output=True,
        text=True,
    )
    for line in child.stderr.splitlines():
        if line:
            print("   ", line)
    status = child.returncode
    ended = signal.Signals(-status).name if status < 0 else f"status {status}"
    print("    the child process ended with", ended)


# ANCHOR: unchecked
def unchecked() -> None:
    lib.scale_f64_unchecked(ffi.NULL, 0, 2.0)  # "no items", C style


# ANCHOR_END: unchecked


# ANCHOR: refuse
def label() -> bytes:
    return b"a constant"


def refuse() -> None:
    # Without the checks, cffi lends any one-block buffer; Rust writes it.
    integers = np.arange(3)  # int64
    as_doubles = ffi.from_buffer("double[]", integers)
    print("int64 [0 1 2] as double[]:", list(as_doubles))
    constant = ffi.from_buffer("uint8_t[]", label())  # bytes: immutable
    lib.ascii_uppercase(constant, len(constant))
    print("label() now returns", label())
    # With them: an exception before Rust is called.
    values = np.array([1.0, 2.0, 3.0, 4.0])
    unaligned = np.frombuffer(bytearray(25), np.float64, 3, offset=1)
    show_error("scale(integers, 2)", lambda: scale(integers, 2))
    show_error("scale(values[::2], 2)", lambda: scale(values[::2], 2))
    show_error("scale(unaligned, 2)", lambda: scale(unaligned, 2))
    show_error("uppercase(b'bytes')", lambda: uppercase(b"bytes"))
    show_error("uppercase('text')", lambda: uppercase("text"))


# ANCHOR_END: refuse


# ANCHOR: own
def own() -> None:
    text = b"one\ntwo\nthree\n"
    live = lib.live_allocations
    print("live Rust allocations:", live(), "at the start")
    newlines = Positions(text, ord("\n"))
    print("newlines at", newlines.to_list())
    print("live Rust allocations:", live(), "while Python holds them")
    newlines.free()
    print("live Rust allocations:", live(), "after free()")
    show_error("newlines.free() again", newlines.free)
    show_error("newlines.to_list() after free()", newlines.to_list)
    letters = Positions(text, ord("o"))
    print("found", len(letters), "letters o, then dropped them")
    del letters  # CPython collects the object now; ffi.gc frees the vector
    print("live Rust allocations:", live(), "after del")


# ANCHOR_END: own


MODES = {
    "borrow": borrow,
    "null": null,
    "unchecked": unchecked,
    "refuse": refuse,
    "own": own,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "borrow"]()
