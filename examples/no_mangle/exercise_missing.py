"""Exercise: find the declared functions that the library does not export.

Run it: python examples/no_mangle/exercise_missing.py
It prints FAIL and the reason until `missing_symbols` is right, then PASS.
"""

from ffi_book import exported_symbols, library_path  # noqa: F401 (use them)

DECLARED = ["add_two", "add_three"]  # the names no_mangle.py's cdef uses


# ANCHOR: task
def missing_symbols(declared: list[str]) -> list[str]:
    """The names in `declared` that libno_mangle does not export, in order.

    Use exported_symbols(library_path("no_mangle")) from ffi_book.
    """
    return []
    # ANCHOR_END: task


def check(missing_symbols=missing_symbols) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        found = missing_symbols(DECLARED)
        none = missing_symbols(["add_two"])
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if found != ["add_three"] or none != []:
        print(f"FAIL: missing_symbols({DECLARED}) returned {found}")
        return
    print(f"PASS: missing_symbols({DECLARED}) returned {found}")


if __name__ == "__main__":
    check()
