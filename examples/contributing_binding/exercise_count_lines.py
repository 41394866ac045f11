"""Exercise: add count_lines to the textstats package, the checked way.

Run it: python examples/contributing_binding/exercise_count_lines.py
It prints FAIL and the reason until `count_lines` is right, then PASS.
"""

from textstats import analyze  # noqa: F401 (use it)


# ANCHOR: task
def count_lines(text: str | bytes) -> int:
    """The number of lines, as Rust's textstats_analyze counts them, with
    the package's errors: TypeError for other types, ValueError for bytes
    that are not UTF-8."""
    return text.count("\n") + 1
    # ANCHOR_END: task


def check(count_lines=count_lines) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        if (lines := count_lines("one\ntwo\n")) != 2:
            print(f"FAIL: count_lines('one\\ntwo\\n') returned {lines}")
            return
        result = count_lines(b"caf\xe9")
    except ValueError as error:
        print(f"PASS: count_lines(b'caf\\xe9') raised ValueError: {error}")
        return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    print(f"FAIL: count_lines(b'caf\\xe9') returned {result}, no error")


if __name__ == "__main__":
    check()
