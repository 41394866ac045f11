"""Wrong: a set difference, which loses the declared order."""

from pathlib import Path

from exercise_missing import check
from ffi_book import exported_symbols


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    return sorted(set(declared) - set(exported_symbols(library)))


if __name__ == "__main__":
    check(missing_symbols)
