"""Wrong: asks the dynamic loader, which also finds libc's functions."""

import ctypes
from pathlib import Path

from exercise_missing import check


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    loaded = ctypes.CDLL(str(library))
    return [name for name in declared if not hasattr(loaded, name)]


if __name__ == "__main__":
    check(missing_symbols)
