"""Wrong: frees the counter, but hides the error and returns a count."""

from exercise_error_path import check
from opaque_objects import WordCounter


def words_in(lines: list[str]) -> int:
    with WordCounter() as counter:
        for line in lines:
            try:
                counter.add(line)
            except UnicodeEncodeError:
                continue
        return counter.total


if __name__ == "__main__":
    check(words_in)
