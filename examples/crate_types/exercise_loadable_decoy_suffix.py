"""Wrong: trusts the file name's suffix instead of reading the file."""

from pathlib import Path

from exercise_loadable import check


def is_elf(path: Path) -> bool:
    return path.suffix == ".so"


if __name__ == "__main__":
    check(is_elf)
