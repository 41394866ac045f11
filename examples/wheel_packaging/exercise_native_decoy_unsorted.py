"""Wrong: the right members, in the zip's order instead of sorted."""

import re
import zipfile
from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    library = re.compile(r"\.(so(\.\d+)*|pyd|dll|dylib)$")
    with zipfile.ZipFile(wheel) as archive:
        return [n for n in archive.namelist() if library.search(n)]


if __name__ == "__main__":
    check(native_files)
