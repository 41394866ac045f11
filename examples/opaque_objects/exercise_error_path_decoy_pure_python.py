"""Wrong: counts with str.split, so no Rust object exists to be freed."""

from exercise_error_path import check


def words_in(lines: list[str]) -> int:
    for line in lines:
        line.encode("utf-8")  # the same UnicodeEncodeError as Rust's path
    return sum(len(line.split()) for line in lines)


if __name__ == "__main__":
    check(words_in)
