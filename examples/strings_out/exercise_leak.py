"""Exercise: format many temperatures without leaking Rust's strings.

Run it: python examples/strings_out/exercise_leak.py
It prints FAIL and the reason until `format_all` is right, then PASS.
"""

from strings_out import ffi, lib


# ANCHOR: task
def format_all(values: list[float]) -> list[str]:
    """Each value formatted by Rust's format_celsius, as Python strings.

    Every string Rust returns must go back to lib.string_free, once.
    """
    return [ffi.string(lib.format_celsius(v)).decode() for v in values]
    # ANCHOR_END: task


def check(format_all=format_all) -> None:
    """Print PASS, or FAIL and the reason."""
    before = lib.live_allocations()
    try:
        texts = format_all([float(n) for n in range(1000)])
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    leaked = lib.live_allocations() - before
    if texts[:2] != ["0.0 °C", "1.0 °C"] or len(texts) != 1000:
        print(f"FAIL: format_all returned {texts[:2]}...")
    elif leaked:
        print(f"FAIL: format_all left {leaked} Rust strings allocated")
    else:
        print("PASS: 1000 strings formatted, 0 left allocated in Rust")


if __name__ == "__main__":
    check()
