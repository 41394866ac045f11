"""Wrong: a 64-bit int holds the whole address, but it is still no text."""

from exercise_signature import check

DECLARATION = "int64_t greeting(void);"


def greeting_text(lib, ffi) -> str:
    return ffi.string(ffi.cast("const char *", lib.greeting())).decode()


if __name__ == "__main__":
    check(DECLARATION, greeting_text)
