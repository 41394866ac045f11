"""The solution of exercise_missing.py."""

from exercise_missing import check
from ffi_book import exported_symbols, library_path


# ANCHOR: solution
def missing_symbols(declared: list[str]) -> list[str]:
    """The names in `declared` that libno_mangle does not export, in order."""
    exported = set(exported_symbols(library_path("no_mangle")))
    return [name for name in declared if name not in exported]
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(missing_symbols)
