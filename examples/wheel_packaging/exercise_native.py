"""Exercise: list the compiled files inside a wheel.

Run it: python examples/wheel_packaging/exercise_native.py
It prints FAIL and the reason until `native_files` is right, then PASS.
"""

import zipfile  # noqa: F401 (use it)
from pathlib import Path

from wheel_packaging import build_wheel


# ANCHOR: task
def native_files(wheel: Path) -> list[str]:
    """The names of the compiled libraries in `wheel` (a zip file): the
    members ending in .so, .pyd or .dylib, sorted. These are what make a
    wheel specific to one platform."""
    return []
    # ANCHOR_END: task


def check(native_files=native_files) -> None:
    """Print PASS, or FAIL and the reason."""
    wheel = build_wheel(quiet=True)
    try:
        found = native_files(wheel)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if len(found) != 1 or not found[0].startswith("tempconv/_native/lib"):
        print(f"FAIL: native_files found {found}")
    else:
        print(f"PASS: native_files found {found}")


if __name__ == "__main__":
    check()
