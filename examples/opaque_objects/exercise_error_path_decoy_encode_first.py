"""Wrong: encodes first, so only a Rust error meets a live counter."""

from exercise_error_path import check
from opaque_objects import WordCounter


def words_in(lines: list[str]) -> int:
    for line in lines:
        line.encode("utf-8")  # fails before the counter exists
    counter = WordCounter()
    for line in lines:
        counter.add(line)
    total = counter.total
    counter.close()
    return total


if __name__ == "__main__":
    check(words_in)
