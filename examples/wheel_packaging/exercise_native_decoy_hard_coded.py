"""Wrong: the name this chapter shows on Linux, typed in."""

from pathlib import Path

from exercise_native import check


def native_files(wheel: Path) -> list[str]:
    return ["tempconv/_native/lib_native.so"]


if __name__ == "__main__":
    check(native_files)
