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


def arrays() -> list[tuple[np.ndarray, float]]:
    """Arrays and their sums: float64, then int32 and float32, whose
    numbers Rust can only sum once they are float64s. Each of the last
    two is the start of a longer array, so that a wrong answer reading
    8 bytes a number from them stays in memory numpy owns."""
    ints = np.zeros(3000, dtype=np.int32)
    ints[:1000] = np.arange(-500, 500)  # sum -500
    floats = np.zeros(3000, dtype=np.float32)
    floats[:1000] = np.arange(1000) * 0.25  # sum 124875, every one exact
    return [
        (np.arange(1000, dtype=np.float64), 499500.0),
        (ints[:1000], -500.0),
        (floats[:1000], 124875.0),
    ]


def problem(total, values: np.ndarray, expected: float) -> str | None:
    """What is wrong with total(values), or None."""
    recording = RecordingLib(lib)
    try:
        result = total(values, lib=recording)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    calls = Counter(name for name, _, _ in recording.calls)
    made = ", ".join(
        f"{name} {n} time{'s' * (n != 1)}" for name, n in calls.items()
    )
    kind = f"the {values.dtype} array"
    if calls != {"sum_f64": 1}:
        return f"total() called {made or 'no Rust function'}"
    pointer, given = recording.calls[0][1]
    if not isinstance(pointer, ffi.CData):  # a list: cffi copies it
        return f"sum_f64 was given a {type(pointer).__name__}, a copy"
    held = len(pointer) if ffi.typeof(pointer).kind == "array" else given
    if given != len(values):
        return f"sum_f64 was given {given} numbers, not {len(values)}"
    if held < given:
        return f"sum_f64 was told {given} numbers of {kind}, given {held}"
    if result != expected:
        return f"total() returned {result} for {kind}, not {expected}"
    if list(pointer[0:given]) != values.tolist():
        return f"sum_f64 was given other numbers than {kind}'s"
    own = values.dtype == np.float64  # then there is nothing to convert
    if own and int(ffi.cast("uintptr_t", pointer)) != values.ctypes.data:
        return "sum_f64 was given a copy, not the float64 array's memory"
    return None


def check(total=total) -> None:
    """Print PASS, or FAIL and the reason. The total alone proves nothing
    (numpy can sum by itself): the check records every call made through
    `lib`, and requires one sum_f64 over each array's numbers, in the
    float64 array's own memory."""
    for values, expected in arrays():
        if found := problem(total, values, expected):
            print(f"FAIL: {found}")
            return
    print(
        "PASS: total() summed 1000 float64s in place, and 1000 int32s and"
        " float32s as float64s, with one call into Rust each"
    )


if __name__ == "__main__":
    check()
