"""Wrong: the right declaration, but the text is typed in, not read."""

from exercise_signature import check

DECLARATION = "const char *greeting(void);"


def greeting_text(lib, ffi) -> str:
    return "hello from Rust"


if __name__ == "__main__":
    check(DECLARATION, greeting_text)
