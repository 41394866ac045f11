"""Wrong: frees the counter on a ValueError only, not on other errors."""

from exercise_error_path import check
from opaque_objects import WordCounter


def words_in(lines: list[str]) -> int:
    counter = WordCounter()
    try:
        for line in lines:
            counter.add(line)
    except ValueError:  # UnicodeEncodeError is one, TypeError is not
        counter.close()
        raise
    total = counter.total
    counter.close()
    return total


if __name__ == "__main__":
    check(words_in)
