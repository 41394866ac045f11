"""Wrong: the starter's one missing name, add_three, typed in."""

from pathlib import Path

from exercise_missing import check


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    return [name for name in declared if name == "add_three"]


if __name__ == "__main__":
    check(missing_symbols)
