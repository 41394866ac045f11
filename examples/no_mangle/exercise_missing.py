"""Exercise: find the declared functions that a library does not export.

Run it: python examples/no_mangle/exercise_missing.py
It prints FAIL and the reason until `missing_symbols` is right, then PASS.
"""

import subprocess
import sys
from pathlib import Path

from ffi_book import exported_symbols, library_path  # noqa: F401 (use it)


# ANCHOR: task
def missing_symbols(declared: list[str], library: Path) -> list[str]:
    """The names in `declared` that `library` does not export, in order.

    Use exported_symbols(library) from ffi_book: the library's own table,
    not names copied from this chapter.
    """
    return []
    # ANCHOR_END: task


def check(missing_symbols=missing_symbols) -> None:
    """Print PASS, or FAIL and the reason. The second library is one the
    task does not mention: a list typed by hand cannot know its names."""
    if sys.platform == "win32":
        print("SKIP: exported_symbols needs nm, which Windows does not have")
        return
    # The second library is the next chapter's: build it, so that a right
    # answer passes on a checkout where only this chapter was built.
    subprocess.run(
        ["cargo", "build", "--quiet", "--package", "extern_c"],
        cwd=Path(__file__).resolve().parents[2],  # the repository's root
        check=True,
    )
    no_mangle, extern_c = library_path("no_mangle"), library_path("extern_c")
    cases = [
        (["add_two", "add_three"], no_mangle, ["add_three"]),
        (["add_two"], no_mangle, []),
        # add_four is exported (a private no_mangle fn); "add" is in
        # "add_two" but is no name of its own; the order is the declared.
        (
            ["sub_one", "add", "add_four", "add_three"],
            no_mangle,
            ["sub_one", "add", "add_three"],
        ),
        # abs, free and malloc are libc's: a lookup through the dynamic
        # loader (ctypes, dlsym) finds them in the library's dependencies;
        # free and malloc the library imports, so a bare `nm -D` lists them.
        (
            ["abs", "add_two", "free", "malloc"],
            no_mangle,
            ["abs", "free", "malloc"],
        ),
        (
            ["midpoint", "add_four", "midpoint_rust", "add_two_rust_abi"],
            extern_c,
            ["add_four", "midpoint_rust"],
        ),
    ]
    for declared, library, expected in cases:
        try:
            found = missing_symbols(declared, library)
        except Exception as error:
            print(f"FAIL: {type(error).__name__}: {error}")
            return
        if found != expected:
            print(
                f"FAIL: for {declared} in {library.name},"
                f" missing_symbols returned {found}, not {expected}"
            )
            return
    print(
        f"PASS: missing_symbols found {cases[0][2]} in {no_mangle.name}"
        f" and {cases[-1][2]} in {extern_c.name}"
    )


if __name__ == "__main__":
    check()
