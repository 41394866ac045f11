"""Exercise: refuse to load a library built from another header version.

Run it: python examples/generated_declarations/exercise_version.py
It prints FAIL and the reason until `require_version` is right, then PASS.
"""

from types import SimpleNamespace

from generated_declarations import lib


# ANCHOR: task
def require_version(lib) -> None:
    """Raise ImportError unless the library's summary_version() equals
    SUMMARY_VERSION, the constant cbindgen wrote into bindings.h when the
    declarations were generated."""
    # ANCHOR_END: task


def check(require_version=require_version) -> None:
    """Print PASS, or FAIL and the reason."""
    newer = SimpleNamespace(
        SUMMARY_VERSION=lib.SUMMARY_VERSION,
        summary_version=lambda: lib.SUMMARY_VERSION + 1,
    )
    try:
        require_version(lib)  # the real library matches its header
    except Exception as error:
        print(f"FAIL: the real library was refused: {error}")
        return
    try:
        require_version(newer)
    except ImportError as error:
        print(f"PASS: a newer library was refused: {error}")
        return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    print("FAIL: a library of another version was accepted")


if __name__ == "__main__":
    check()
