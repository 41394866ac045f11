"""The solution of exercise_errors.py."""

from callbacks import for_each_word
from exercise_errors import check


# ANCHOR: solution
def sum_numbers(text: str) -> int:
    """for_each_word keeps the callback's exception and raises it here."""
    numbers = []
    for_each_word(text, lambda word: numbers.append(int(word)))
    return sum(numbers)
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(sum_numbers)
