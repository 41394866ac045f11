"""Wrong: only names ending in a suffix: misses a versioned libz.so.1."""

import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    """A wheel is a zip file: read its table of contents."""
    suffixes = (".so", ".pyd", ".dll", ".dylib")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return sorted(name for name in names if name.endswith(suffixes))


if __name__ == "__main__":
    check(native_files)
