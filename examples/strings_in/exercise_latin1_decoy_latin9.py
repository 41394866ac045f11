"""Wrong: decodes as Latin-9, which differs from Latin-1 at 0xA4."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("iso8859_15"))


if __name__ == "__main__":
    check(count_latin1)
