"""Exercise: turn a crash into an exception.

Run it: python examples/errors_and_panics/exercise_no_abort.py
It prints FAIL and the reason until `split_evenly` is right, then PASS.
"""

import subprocess
import sys
from pathlib import Path

from errors_and_panics import lib
from ffi_book import RecordingLib


# ANCHOR: task
def split_evenly(seconds: int, parts: int, lib=lib) -> int:
    """`seconds` split into `parts` equal parts, rounded down, through
    lib.per_part_unguarded, which has no catch_unwind: for parts == 0 it
    panics, and the panic aborts Python. Raise ZeroDivisionError instead,
    without changing the Rust code."""
    return lib.per_part_unguarded(seconds, parts)
    # ANCHOR_END: task


def check(split_evenly=split_evenly, module="exercise_no_abort") -> None:
    """Print PASS, or FAIL and the reason. The call that may abort runs in
    a child process, so that this check survives it; the calls that must
    reach Rust run here, through a `lib` that records them."""
    recording = RecordingLib(lib)
    try:
        answers = [
            split_evenly(seconds, parts, lib=recording)
            for seconds, parts in [(5400, 4), (7, 7), (0, 4)]
        ]
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if answers != [1350, 1, 0]:
        print(f"FAIL: split_evenly (5400, 4), (7, 7), (0, 4) gave {answers}")
        return
    if (calls := recording.count("per_part_unguarded")) != 3:
        print(f"FAIL: 3 splits made {calls} calls of per_part_unguarded")
        return
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
        print(
            f"PASS: Rust split 5400 in 4; split_evenly(5400, 0) raised {last}"
        )


if __name__ == "__main__":
    check()
