"""The solution of exercise_signature.py."""

from cffi import FFI

from exercise_signature import check
from troubleshooting import LIBRARY

# ANCHOR: solution
ffi = FFI()
ffi.cdef("const char *greeting(void);")  # the pointer, as Rust returns it
lib = ffi.dlopen(str(LIBRARY))


def greeting_text() -> str:
    """Copy the NUL-terminated bytes into Python, then decode them."""
    return ffi.string(lib.greeting()).decode("utf-8")
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(greeting_text)
