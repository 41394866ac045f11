"""Wrong: decodes as UTF-8 with errors="replace": é becomes U+FFFD."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("utf-8", errors="replace"))


if __name__ == "__main__":
    check(count_latin1)
