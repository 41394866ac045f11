"""The solution of exercise_signature.py."""

from exercise_signature import check

# ANCHOR: solution
DECLARATION = "const char *greeting(void);"  # the pointer, as Rust returns it


def greeting_text(lib, ffi) -> str:
    """Copy the NUL-terminated bytes into Python, then decode them."""
    return ffi.string(lib.greeting()).decode("utf-8")
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(DECLARATION, greeting_text)
