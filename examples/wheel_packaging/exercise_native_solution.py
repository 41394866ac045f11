"""The solution of exercise_native.py."""

import re
import zipfile
from pathlib import Path

from exercise_native import check


# ANCHOR: solution
def native_files(wheel: Path) -> list[str]:
    """A wheel is a zip file: read its table of contents."""
    # .so, .so.1, .so.1.2.13 (Linux); .pyd, .dll (Windows); .dylib (macOS)
    library = re.compile(r"\.(so(\.\d+)*|pyd|dll|dylib)$")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    return sorted(name for name in names if library.search(name))
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(native_files)
