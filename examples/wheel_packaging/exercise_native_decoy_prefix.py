"""Wrong: a filter on this chapter's path prefix, not on native suffixes."""

from pathlib import Path
from zipfile import ZipFile

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    with ZipFile(wheel) as archive:
        names = archive.namelist()
    return sorted(n for n in names if n.startswith("tempconv/_native/lib"))


if __name__ == "__main__":
    check(native_files)
