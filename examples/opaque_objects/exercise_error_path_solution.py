"""The solution of exercise_error_path.py."""

from exercise_error_path import check
from opaque_objects import WordCounter


# ANCHOR: solution
def words_in(lines: list[str]) -> int:
    """`with` closes the counter on the way out, error or not."""
    with WordCounter() as counter:
        for line in lines:
            counter.add(line)
        return counter.total
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(words_in)
