"""Wrong: decodes Rust's UTF-8 as Latin-1, fine only for ASCII text."""

from exercise_signature import check

DECLARATION = "const char *greeting(void);"


def greeting_text(lib, ffi) -> str:
    return ffi.string(lib.greeting()).decode("latin-1")


if __name__ == "__main__":
    check(DECLARATION, greeting_text)
