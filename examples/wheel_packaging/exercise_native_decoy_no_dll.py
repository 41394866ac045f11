"""Wrong: forgets .dll, the suffix of every library on Windows."""

import re
import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    library = re.compile(r"\.(so(\.\d+)*|pyd|dylib)$")
    return sorted(n for n in names if library.search(n))


if __name__ == "__main__":
    check(native_files)
