"""Wrong: always reads libno_mangle's table, whatever library is asked."""

from pathlib import Path

from exercise_missing import check
from ffi_book import exported_symbols, library_path


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    exported = set(exported_symbols(library_path("no_mangle")))
    return [name for name in declared if name not in exported]


if __name__ == "__main__":
    check(missing_symbols)
