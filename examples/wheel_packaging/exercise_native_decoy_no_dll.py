"""Wrong: forgets .dll, the suffix of every library on Windows."""

import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return sorted(n for n in names if n.endswith((".so", ".pyd", ".dylib")))


if __name__ == "__main__":
    check(native_files)
