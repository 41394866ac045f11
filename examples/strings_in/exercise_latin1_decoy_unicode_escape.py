"""Wrong: unicode_escape reads a backslash and what follows as one."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("unicode_escape"))


if __name__ == "__main__":
    check(count_latin1)
