"""Wrong: Rust counts the text, but the answer returns the byte count."""

from exercise_latin1 import check
from strings_in import count_chars


def count_latin1(data: bytes) -> int:
    count_chars(data.decode("latin-1"))  # Rust's count is dropped
    return len(data)  # one byte, one character in Latin-1


if __name__ == "__main__":
    check(count_latin1)
