"""Exercise: format many temperatures without leaking Rust's strings.

Run it: python examples/strings_out/exercise_leak.py
It prints FAIL and the reason until `format_all` is right, then PASS.
"""

from collections import Counter

import strings_out
from ffi_book import RecordingLib, lib_replaced
from strings_out import ffi, lib


# ANCHOR: task
def format_all(values: list[float], lib=lib) -> list[str]:
    """Each value formatted by Rust's format_celsius, as Python strings.

    Every string Rust returns must go back to lib.string_free, once.
    """
    return [ffi.string(lib.format_celsius(v)).decode() for v in values]
    # ANCHOR_END: task


def addresses(pointers) -> Counter:
    return Counter(int(ffi.cast("uintptr_t", p)) for p in pointers)


def check(format_all=format_all) -> None:
    """Print PASS, or FAIL and the reason. Through a `lib` that records
    each call: every string must come from Rust, and go back, once."""
    before = lib.live_allocations()
    recording = RecordingLib(lib)
    values = [float(n) for n in range(1000)]
    try:
        with lib_replaced(strings_out, format_all, recording):
            texts = format_all(values, lib=recording)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    leaked = lib.live_allocations() - before
    made = [
        out for name, _, out in recording.calls if name == "format_celsius"
    ]
    freed = [
        args[0] for name, args, _ in recording.calls if name == "string_free"
    ]
    if texts[:2] != ["0.0 °C", "1.0 °C"] or len(texts) != 1000:
        print(f"FAIL: format_all returned {texts[:2]}...")
    elif len(made) != 1000:
        print(
            f"FAIL: Rust's format_celsius made {len(made)} strings, not 1000"
        )
    elif leaked:
        print(f"FAIL: format_all left {leaked} Rust strings allocated")
    elif addresses(freed) != addresses(made):
        print("FAIL: string_free was not given each of Rust's strings once")
    else:
        print("PASS: 1000 strings formatted, 0 left allocated in Rust")


if __name__ == "__main__":
    check()
