"""Wrong: the right members, in the zip's order instead of sorted."""

import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    suffixes = (".so", ".pyd", ".dll", ".dylib")
    with zipfile.ZipFile(wheel) as archive:
        return [n for n in archive.namelist() if n.endswith(suffixes)]


if __name__ == "__main__":
    check(native_files)
