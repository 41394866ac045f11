"""The solution of exercise_missing.py."""

from pathlib import Path

from exercise_missing import check
from ffi_book import exported_symbols


# ANCHOR: solution
def missing_symbols(declared: list[str], library: Path) -> list[str]:
    """The names in `declared` that `library` does not export, in order."""
    exported = set(exported_symbols(library))
    return [name for name in declared if name not in exported]
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(missing_symbols)
