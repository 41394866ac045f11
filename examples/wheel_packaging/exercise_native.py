"""Exercise: list the compiled files inside a wheel.

Run it: python examples/wheel_packaging/exercise_native.py
It prints FAIL and the reason until `native_files` is right, then PASS.
"""

import tempfile
import zipfile
from pathlib import Path

from wheel_packaging import build_wheel


# ANCHOR: task
def native_files(wheel: Path) -> list[str]:
    """The names of the compiled libraries in `wheel` (a zip file): the
    members ending in .so, .pyd, .dll or .dylib, or in .so and a version
    (libz-3a8c5bf2.so.1.2.13, as auditwheel copies a library in), sorted.
    These are what make a wheel specific to one platform."""
    return []
    # ANCHOR_END: task


# A made-up wheel's members, in the order they are written, and the
# answer for it: libraries of every platform, and names that only look so.
MADE_UP = [
    "pkg/d.pyd", "pkg/notes.so.txt", "pkg/b.dll", "pkg/__init__.py",
    "pkg.libs/libz-3a8c5bf2.so.1.2.13", "pkg/c.dylib", "pkg/a.so",
    "pkg/dll_loading.md",
]  # fmt: skip
MADE_UP_NATIVE = [
    "pkg.libs/libz-3a8c5bf2.so.1.2.13",
    "pkg/a.so", "pkg/b.dll", "pkg/c.dylib", "pkg/d.pyd",
]  # fmt: skip
SUFFIXES = (".so", ".pyd", ".dll", ".dylib")


def made_up_wheel(folder: Path) -> Path:
    wheel = folder / "made_up-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name in MADE_UP:
            archive.writestr(name, b"")
    return wheel


def check(native_files=native_files) -> None:
    """Print PASS, or FAIL and the reason: first on a made-up wheel, then
    on the wheel this chapter builds, which holds this platform's one
    library (lib_native.so on Linux; a .dylib or a .dll elsewhere)."""
    try:
        with tempfile.TemporaryDirectory() as folder:
            made_up = native_files(made_up_wheel(Path(folder)))
        if made_up != MADE_UP_NATIVE:
            print(f"FAIL: in a made-up wheel, native_files found {made_up}")
            return
        found = native_files(build_wheel(quiet=True))
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if (
        len(found) != 1
        or not found[0].startswith("tempconv/_native/")
        or not found[0].endswith(SUFFIXES)
    ):
        print(f"FAIL: native_files found {found}")
    else:
        print(
            f"PASS: native_files found {found},"
            f" and {len(MADE_UP_NATIVE)} in a made-up wheel"
        )


if __name__ == "__main__":
    check()
