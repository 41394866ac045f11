"""Wrong: looks for the letters ELF, and forgets the 0x7f byte before."""

from pathlib import Path

from exercise_loadable import check


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return b"ELF" in file.read(4)


if __name__ == "__main__":
    check(is_elf)
