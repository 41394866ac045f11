"""Wrong: closes the counter on the normal path only, not on an error."""

from exercise_error_path import check
from opaque_objects import WordCounter


def words_in(lines: list[str]) -> int:
    counter = WordCounter()
    for line in lines:
        counter.add(line)
    total = counter.total
    counter.close()
    return total


if __name__ == "__main__":
    check(words_in)
