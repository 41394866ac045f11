"""Exercise: read a string that Rust returns, with the right declaration.

Run it: python examples/troubleshooting/exercise_signature.py
It prints FAIL and the reason until `greeting_text` is right, then PASS.
"""

import ctypes

from cffi import FFI  # noqa: F401 (use it)

from troubleshooting import LIBRARY


# ANCHOR: task
def greeting_text() -> str:
    """The text of Rust's `greeting()`, which returns `*const c_char`: a
    pointer to static text that Rust owns (never free it)."""
    return ctypes.CDLL(str(LIBRARY)).greeting()  # ctypes guesses `int`
    # ANCHOR_END: task


def check(greeting_text=greeting_text) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        text = greeting_text()
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if not isinstance(text, str):
        # Not the value itself: it is part of an address, new every run.
        print(f"FAIL: greeting_text() returned {type(text).__name__}, not str")
    elif text != "hello from Rust":
        print(f"FAIL: greeting_text() returned {text!r}")
    else:
        print(f"PASS: greeting_text() returned {text!r}")


if __name__ == "__main__":
    check()
