"""Wrong: decodes as Windows-1252, which differs from Latin-1 at 0x85."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("cp1252"))


if __name__ == "__main__":
    check(count_latin1)
