"""Get text out of Rust, free it, and prove that nothing leaks.

Usage: python strings_out.py [read | leak | owner | buffer | patterns]
(default: read)
"""

import sys
import threading

from cffi import FFI

from ffi_book import library_path, outcome

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    char *format_celsius(double degrees);
    void string_free(char *text);
    size_t format_celsius_into(double degrees, char *buffer,
                               size_t capacity);
    const char *unit_symbol(void);
    char *format_labelled(const char *name, size_t name_len,
                          double degrees, size_t *len);
    void bytes_free(char *bytes, size_t len);
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
    """Owns one string from format_celsius and frees it exactly once."""

    def __init__(self, degrees: float) -> None:
        # It makes the string itself: no other pointer can get an owner.
        pointer = lib.format_celsius(degrees)  # TypeError if not a number
        # When this cdata object is collected, cffi calls string_free.
        self._pointer = ffi.gc(pointer, lib.string_free)
        # Another thread's free() must not come between _live() and the
        # read: both hold the lock.
        self._lock = threading.Lock()

    def __str__(self) -> str:
        with self._lock:
            return ffi.string(self._live()).decode("utf-8")

    def free(self) -> None:
        """Free Rust's memory now, instead of at garbage collection."""
        with self._lock:
            pointer = self._live()
            self._pointer = None
            ffi.release(pointer)  # calls string_free now, and never again

    def _live(self):
        if self._pointer is None:
            raise ValueError("this RustString was already freed")
        return self._pointer

    def __reduce_ex__(self, protocol):
        # copy and pickle fall back on this (no __copy__, __deepcopy__):
        # a copy would be a second owner, holding the pointer after free().
        raise TypeError("cannot copy or pickle a RustString")


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
    str(RustString(21.5))


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


# ANCHOR: unit_symbol
def unit_symbol() -> str:
    """The unit Rust writes, from static bytes: nothing to free."""
    return ffi.string(lib.unit_symbol()).decode("utf-8")


# ANCHOR_END: unit_symbol


# ANCHOR: labelled
def format_labelled(name: str, degrees: float) -> str:
    """`name: 21.5 °C`, with every character of `name`, NUL included."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    data = name.encode("utf-8")
    length = ffi.new("size_t *")  # Rust writes the text's length here
    text = lib.format_labelled(data, len(data), degrees, length)
    if text == ffi.NULL:
        raise ValueError("Rust refused the name")
    try:
        return ffi.unpack(text, length[0]).decode("utf-8")  # length[0] bytes
    finally:
        lib.bytes_free(text, length[0])  # the same pointer and length


# ANCHOR_END: labelled


def show_patterns() -> None:
    start = lib.live_allocations()
    calls = {
        "unit_symbol()": unit_symbol,
        "format_labelled('hall', 20)": lambda: format_labelled("hall", 20),
        "format_labelled('a\\0b', 1)": lambda: format_labelled("a\0b", 1),
    }
    for label, call in calls.items():
        attempt(label, call, width=27)
    length = ffi.new("size_t *")
    text = lib.format_labelled(b"a\0b", 3, 1.0, length)
    attempt("ffi.string(that text)", lambda: ffi.string(text), width=27)
    lib.bytes_free(text, length[0])
    print(f"live allocations: {lib.live_allocations() - start:+}")


def attempt(label: str, call, width: int = 22) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"{label:<{width}} -> {result}")


def show_owner() -> None:
    start = lib.live_allocations()
    text = RustString(21.5)
    attempt("str(text)", lambda: str(text))
    attempt("text.free()", text.free)
    attempt("text.free() again", text.free)
    attempt("str(text) after free", lambda: str(text))
    pointer = lib.unit_symbol()
    attempt("RustString(pointer)", lambda: RustString(pointer))
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
    "patterns": show_patterns,
    "owner": show_owner,
    "buffer": show_buffer,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "read"]()
