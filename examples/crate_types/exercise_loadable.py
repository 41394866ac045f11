"""Exercise: tell a loadable library from an archive, without loading it.

Run it: python examples/crate_types/exercise_loadable.py
It prints FAIL and the reason until `is_elf` is right, then PASS.
"""

from pathlib import Path

from crate_types import KINDS, build


# ANCHOR: task
def is_elf(path: Path) -> bool:
    """True if the file starts like an ELF file (what dlopen accepts on
    Linux): the four bytes 0x7f, 'E', 'L', 'F'. Read only those bytes."""
    return True
    # ANCHOR_END: task


def check(is_elf=is_elf) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        answers = {
            name: is_elf(build(kind, flags)) for name, kind, flags in KINDS
        }
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    expected = {name: kind != "staticlib" for name, kind, _ in KINDS}
    wrong = [name for name in answers if answers[name] != expected[name]]
    if wrong:
        print(f"FAIL: is_elf is wrong for {', '.join(wrong)}")
        return
    print(f"PASS: is_elf is right for {', '.join(answers)}")


if __name__ == "__main__":
    check()
