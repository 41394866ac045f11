"""Get text out of Rust, free it, and prove that nothing leaks.

Usage: python strings_out.py [read | leak | c-free | owner | buffer]
(default: read)
"""

import functools
import sys

from cffi import FFI

from ffi_book import library_path, outcome

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    char *format_celsius(double degrees);
    void string_free(char *text);
    size_t format_celsius_into(double degrees, char *buffer,
                               size_t capacity);
    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("strings_out")))
# ANCHOR_END: cdef


# ANCHOR: format_celsius
def format_celsius(degrees: float) -> str:
    """Rust's text as a Python str; Rust's copy is freed before returning."""
    text = lib.format_celsius(degrees)  # Python owns it now
    try:
        return ffi.string(text).decode("utf-8")  # copies the bytes
    finally:
        lib.string_free(text)  # hand it back to Rust, once


# ANCHOR_END: format_celsius


def show_reading() -> None:
    text = lib.format_celsius(21.5)
    print("ffi.typeof(text)    ->", ffi.typeof(text))
    raw = ffi.string(text)  # copies the bytes up to the NUL
    lib.string_free(text)
    print("ffi.string(text)    ->", raw, f"({len(raw)} bytes)")
    decoded = raw.decode("utf-8")
    print("raw.decode('utf-8') ->", repr(decoded), f"({len(decoded)} chars)")
    print("format_celsius(-40) ->", repr(format_celsius(-40)))


# ANCHOR: owner
class RustString:
    """Owns one string from Rust and frees it exactly once."""

    def __init__(self, pointer) -> None:
        if pointer == ffi.NULL:
            raise ValueError("RustString needs a string, not NULL")
        # When this cdata object is collected, cffi calls string_free.
        self._pointer = ffi.gc(pointer, lib.string_free)

    def __str__(self) -> str:
        return ffi.string(self._live()).decode("utf-8")

    def free(self) -> None:
        """Free Rust's memory now, instead of at garbage collection."""
        pointer = self._live()
        self._pointer = None
        ffi.release(pointer)  # calls string_free now, and never again

    def _live(self):
        if self._pointer is None:
            raise ValueError("this RustString was already freed")
        return self._pointer


# ANCHOR_END: owner


# ANCHOR: buffer
def format_celsius_buffered(degrees: float, capacity: int = 16) -> str:
    """Rust writes into memory that Python allocates and frees."""
    buffer = ffi.new("char[]", capacity)  # zeroed; freed with `buffer`
    needed = lib.format_celsius_into(degrees, buffer, capacity)
    if needed > capacity:  # too small: Rust wrote nothing, so retry
        buffer = ffi.new("char[]", needed)
        lib.format_celsius_into(degrees, buffer, needed)
    return ffi.string(buffer).decode("utf-8")


# ANCHOR_END: buffer


# ANCHOR: leak
CALLS = 100_000


def never_freed() -> None:
    lib.format_celsius(21.5)  # the pointer is dropped, the memory is not


def string_free_each() -> None:
    format_celsius(21.5)


def owned_by_ffi_gc() -> None:
    str(RustString(lib.format_celsius(21.5)))


def python_buffer() -> None:
    format_celsius_buffered(21.5)


def measure(call) -> None:
    """Call `call` CALLS times; print how many blocks stayed allocated."""
    before = lib.live_allocations()
    for _ in range(CALLS):
        call()
    change = lib.live_allocations() - before
    print(f"{CALLS} x {call.__name__:<17} live allocations {change:+}")


def count_leaks() -> None:
    for call in [
        never_freed,
        string_free_each,
        owned_by_ffi_gc,
        python_buffer,
    ]:
        measure(call)


# ANCHOR_END: leak


# ANCHOR: c_free
libc_ffi = FFI()
libc_ffi.cdef("void free(void *block);")


@functools.cache
def libc():
    return libc_ffi.dlopen(None)  # the C library Python itself uses


def freed_by_c() -> None:
    libc().free(lib.format_celsius(21.5))  # wrong: Rust never sees it


# ANCHOR_END: c_free


def attempt(label: str, call) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"{label:<22} -> {result}")


def show_owner() -> None:
    start = lib.live_allocations()
    text = RustString(lib.format_celsius(21.5))
    attempt("str(text)", lambda: str(text))
    attempt("text.free()", text.free)
    attempt("text.free() again", text.free)
    attempt("str(text) after free", lambda: str(text))
    attempt("RustString(ffi.NULL)", lambda: RustString(ffi.NULL))
    attempt("lib.string_free(NULL)", lambda: lib.string_free(ffi.NULL))
    print(f"live allocations: {lib.live_allocations() - start:+}")


def show_buffer() -> None:
    needed = lib.format_celsius_into(21.5, ffi.NULL, 0)
    print(f"format_celsius_into(21.5, NULL, 0)   -> {needed}")
    for capacity in [4, 9]:
        buffer = ffi.new("char[]", capacity)
        needed = lib.format_celsius_into(21.5, buffer, capacity)
        print(
            f"format_celsius_into(21.5, buffer, {capacity}) -> {needed},"
            f" buffer holds {ffi.string(buffer)}"
        )
    for degrees in [21.5, -1e20]:
        text = format_celsius_buffered(degrees)
        print(f"format_celsius_buffered({degrees}) -> {text!r}")


MODES = {
    "read": show_reading,
    "leak": count_leaks,
    "c-free": lambda: measure(freed_by_c),
    "owner": show_owner,
    "buffer": show_buffer,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "read"]()
