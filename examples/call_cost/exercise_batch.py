"""Exercise: sum an array with one call into Rust, not one per element.

Run it: python examples/call_cost/exercise_batch.py
It prints FAIL and the reason until `total` is right, then PASS.
"""

from collections import Counter

import numpy as np
from cffi import FFI

from call_cost import DECLARATIONS, cargo_release
from ffi_book import RecordingLib, library_filename

ffi = FFI()
ffi.cdef(DECLARATIONS)  # add_f64, and sum_f64(const double *, size_t)
lib = ffi.dlopen(str(cargo_release() / library_filename("call_cost")))


# ANCHOR: task
def total(values: np.ndarray, lib=lib) -> float:
    """The sum of a float64 array, computed in Rust with ONE call."""
    result = 0.0
    for x in values:
        result = lib.add_f64(result, x)
    return result
    # ANCHOR_END: task


def check(total=total) -> None:
    """Print PASS, or FAIL and the reason. The total alone proves nothing
    (numpy can sum by itself): the check records every call made through
    `lib`, and requires one sum_f64 over the whole array."""
    values = np.arange(1000, dtype=np.float64)
    recording = RecordingLib(lib)
    try:
        result = total(values, lib=recording)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    calls = Counter(name for name, _, _ in recording.calls)
    made = ", ".join(
        f"{name} {n} time{'s' * (n != 1)}" for name, n in calls.items()
    )
    if result != 499500.0:
        print(f"FAIL: total() returned {result}, not 499500.0")
    elif calls != {"sum_f64": 1}:
        print(f"FAIL: total() called {made or 'no Rust function'}")
    elif (given := recording.calls[0][1][1]) != len(values):
        print(f"FAIL: sum_f64 was given {given} numbers, not {len(values)}")
    elif list(recording.calls[0][1][0][0:given]) != values.tolist():
        print("FAIL: sum_f64 was given other numbers than the array's")
    else:
        print("PASS: total() summed 1000 numbers with one call into Rust")


if __name__ == "__main__":
    check()
