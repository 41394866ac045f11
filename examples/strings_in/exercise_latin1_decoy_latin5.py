"""Wrong: Latin-5 (Turkish) reads 0xD0 as Ğ, not Latin-1's Ð."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    return count_chars(data.decode("iso-8859-9"))


if __name__ == "__main__":
    check(count_latin1)
