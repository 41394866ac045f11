"""Exercise: read a string that Rust returns, with the right declaration.

Run it: python examples/troubleshooting/exercise_signature.py
It prints FAIL and the reason until DECLARATION and `greeting_text` are
right, then PASS.
"""

from types import SimpleNamespace

from cffi import FFI

from troubleshooting import LIBRARY

# ANCHOR: task
# Rust: pub extern "C" fn greeting() -> *const c_char, a pointer to static
# UTF-8 text that Rust owns (never free it). Without a declaration, ctypes
# takes the pointer for an int; this declaration makes the same mistake.
DECLARATION = "int greeting(void);"


def greeting_text(lib, ffi) -> str:
    """The text lib.greeting() points to, as a Python str."""
    return str(lib.greeting())
    # ANCHOR_END: task


STAND_IN_TEXT = "Grüße aus Rust"  # what a stand-in greeting() points to


def check(declaration=DECLARATION, greeting_text=greeting_text) -> None:
    """Print PASS, or FAIL and the reason."""
    right = FFI()
    right.cdef("const char *greeting(void);")
    expected = right.string(right.dlopen(str(LIBRARY)).greeting()).decode()
    ffi = FFI()
    try:
        ffi.cdef(declaration)
        lib = ffi.dlopen(str(LIBRARY))
        returns = ffi.typeof(lib.greeting).result
        if returns.kind != "pointer" or returns.item.cname != "char":
            print(f"FAIL: greeting() is declared to return {returns.cname}")
            return
        text = greeting_text(lib, ffi)
        # A stand-in for lib, whose greeting() points to other text.
        other = ffi.new("char[]", STAND_IN_TEXT.encode("utf-8"))
        stand_in = greeting_text(SimpleNamespace(greeting=lambda: other), ffi)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if text != expected:
        print(f"FAIL: greeting_text returned {text!r}")
    elif stand_in != STAND_IN_TEXT:
        print(f"FAIL: for a stand-in's {STAND_IN_TEXT!r}, got {stand_in!r}")
    else:
        print(f"PASS: {declaration!r} gives {text!r}")


if __name__ == "__main__":
    check()
