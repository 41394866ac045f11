"""Exercise: turn a crash into an exception.

Run it: python examples/errors_and_panics/exercise_no_abort.py
It prints FAIL and the reason until `split_evenly` is right, then PASS.
"""

import subprocess
import sys
from pathlib import Path

from errors_and_panics import lib


# ANCHOR: task
def split_evenly(seconds: int, parts: int) -> int:
    """`seconds` split into `parts` equal parts, rounded down, through
    lib.per_part_unguarded, which has no catch_unwind: for parts == 0 it
    panics, and the panic aborts Python. Raise ZeroDivisionError instead,
    without changing the Rust code."""
    return lib.per_part_unguarded(seconds, parts)
    # ANCHOR_END: task


def check(module: str = "exercise_no_abort") -> None:
    """Print PASS, or FAIL and the reason. The call that may abort runs in
    a child process, so that this check survives it."""
    code = f"from {module} import split_evenly; split_evenly(5400, 0)"
    child = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
    )
    last = (child.stderr.strip().splitlines() or [""])[-1]
    if child.returncode < 0:
        print(f"FAIL: split_evenly(5400, 0) killed Python ({last})")
    elif not last.startswith("ZeroDivisionError"):
        print(f"FAIL: split_evenly(5400, 0) ended with {last!r}")
    else:
        print(f"PASS: split_evenly(5400, 0) raised {last}")


if __name__ == "__main__":
    check()
