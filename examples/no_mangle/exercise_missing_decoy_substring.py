"""Wrong: a substring test finds midpoint_rust in midpoint_rust_abi."""

from pathlib import Path

from exercise_missing import check
from ffi_book import exported_symbols


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    table = " ".join(exported_symbols(library))
    return [name for name in declared if name not in table]


if __name__ == "__main__":
    check(missing_symbols)
