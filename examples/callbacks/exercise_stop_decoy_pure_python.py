"""Wrong: Python splits the text itself, and Rust is never called."""

from callbacks import lib
from exercise_stop import check


def first_over(text: str, limit: int, lib=lib) -> int | None:
    for word in text.split():
        if (number := int(word)) > limit:
            return number
    return None


if __name__ == "__main__":
    check(first_over)
