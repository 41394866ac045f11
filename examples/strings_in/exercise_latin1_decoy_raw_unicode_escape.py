"""Wrong: raw_unicode_escape reads the six bytes \\u00e9 as one é."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("raw_unicode_escape"))


if __name__ == "__main__":
    check(count_latin1)
