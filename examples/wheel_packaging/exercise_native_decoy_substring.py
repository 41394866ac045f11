"""Wrong: `".so" in name` also matches notes.so.txt; and not sorted."""

import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    suffixes = (".so", ".pyd", ".dll", ".dylib")
    return [n for n in names if any(s in n for s in suffixes)]


if __name__ == "__main__":
    check(native_files)
