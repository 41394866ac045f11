"""Exercise: sum an array with one call into Rust, not one per element.

Run it: python examples/call_cost/exercise_batch.py
It prints FAIL and the reason until `total` is right, then PASS.
"""

import numpy as np
from cffi import FFI

from call_cost import DECLARATIONS, cargo_release
from ffi_book import library_filename

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


class CountingLib:
    """Stands in for `lib` and counts the calls made through it."""

    def __init__(self, real_lib):
        self.real_lib, self.calls = real_lib, 0

    def __getattr__(self, name):
        function = getattr(self.real_lib, name)

        def counted(*args):
            self.calls += 1
            return function(*args)

        return counted


def check(total=total) -> None:
    """Print PASS, or FAIL and the reason."""
    values = np.arange(1000, dtype=np.float64)
    counting = CountingLib(lib)
    try:
        result = total(values, lib=counting)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if result != 499500.0:
        print(f"FAIL: total() returned {result}, not 499500.0")
    elif counting.calls != 1:
        print(f"FAIL: total() called Rust {counting.calls} times, not once")
    else:
        print("PASS: total() summed 1000 numbers with one call into Rust")


if __name__ == "__main__":
    check()
