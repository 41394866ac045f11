"""The solution of exercise_loadable.py."""

from pathlib import Path

from exercise_loadable import check


# ANCHOR: solution
def is_elf(path: Path) -> bool:
    """True if the file starts with ELF's magic number."""
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(is_elf)
