"""Wrong: anything that is not an ar archive is taken for ELF."""

from pathlib import Path

from exercise_loadable import check


def is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(8) != b"!<arch>\n"


if __name__ == "__main__":
    check(is_elf)
