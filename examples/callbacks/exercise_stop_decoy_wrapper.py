"""Wrong: the chapter's for_each_word wrapper, not your own callback."""

from callbacks import for_each_word, lib
from exercise_stop import check


def first_over(text: str, limit: int, lib=lib) -> int | None:
    found = []

    def visit(word: str) -> bool:
        if int(word) > limit:
            found.append(int(word))
            return True
        return False

    for_each_word(text, visit)
    return found[0] if found else None


if __name__ == "__main__":
    check(first_over)
