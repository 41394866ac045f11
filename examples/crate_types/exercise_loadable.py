"""Exercise: tell a loadable library from an archive, without loading it.

Run it: python examples/crate_types/exercise_loadable.py
It prints FAIL and the reason until `is_elf` is right, then PASS.
"""

import sys
import tempfile
from pathlib import Path

from crate_types import KINDS, build


# ANCHOR: task
def is_elf(path: Path) -> bool:
    """True if the file starts like an ELF file (what dlopen accepts on
    Linux): the four bytes 0x7f, 'E', 'L', 'F'. Read only those bytes;
    the file's name says nothing."""
    return True
    # ANCHOR_END: task


# Files whose names lie about their content, on every platform.
MADE_UP = {
    "elf_named_like_an_archive.a": (b"\x7fELF\x02\x01\x01" + bytes(57), True),
    "archive_named_like_a_library.so": (b"!<arch>\n/  0  0  0  0", False),
    "text.so": (b"ELF files start with 0x7f.\n", False),
    "xelf.so": (b"xELF\x02\x01\x01" + bytes(57), False),
    "three_bytes.so": (b"\x7fEL", False),
    "empty.so": (b"", False),
}


def cases(folder: Path) -> dict[str, tuple[Path, bool]]:
    """Each case's name, file and expected answer: the made-up files,
    and on Linux the chapter's four builds."""
    found = {}
    for name, (content, expected) in MADE_UP.items():
        (folder / name).write_bytes(content)
        found[name] = (folder / name, expected)
    if sys.platform.startswith("linux"):  # elsewhere they are not ELF
        for name, kind, flags in KINDS:
            found[name] = (build(kind, flags), kind != "staticlib")
    return found


def check(is_elf=is_elf) -> None:
    """Print PASS, or FAIL and the reason."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            answers = {
                name: (is_elf(path), expected)
                for name, (path, expected) in cases(Path(folder)).items()
            }
        except Exception as error:
            print(f"FAIL: {type(error).__name__}: {error}")
            return
    wrong = [name for name, (got, right) in answers.items() if got != right]
    if wrong:
        print(f"FAIL: is_elf is wrong for {', '.join(wrong)}")
        return
    built = [name for name in answers if name not in MADE_UP]
    print(
        f"PASS: is_elf is right for {len(MADE_UP)} made-up files"
        + (f" and for {'; '.join(built)}" if built else "")
    )


if __name__ == "__main__":
    check()
