"""Wrong: compares the letters ELF, and skips the 0x7f byte before."""

from pathlib import Path

from exercise_loadable import check


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4)[1:] == b"ELF"


if __name__ == "__main__":
    check(is_elf)
