"""The solution of exercise_latin1.py."""

from exercise_latin1 import check
from strings_in import count_chars


# ANCHOR: solution
def count_latin1(data: bytes) -> int:
    """Decode Latin-1 in Python; the wrapper encodes UTF-8 for Rust."""
    return count_chars(data.decode("latin-1"))
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(count_latin1)
