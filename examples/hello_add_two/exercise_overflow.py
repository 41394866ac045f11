"""Exercise: make adding two raise instead of wrapping around.

Run it: python examples/hello_add_two/exercise_overflow.py
It prints FAIL and the reason until `add_two_or_raise` behaves as its
docstring says, then PASS.
"""

import hello_add_two
from ffi_book import RecordingLib, lib_replaced


# ANCHOR: task
def add_two_or_raise(x: int) -> int:
    """x + 2, or OverflowError when x or the sum does not fit in an
    int32_t.

    Rust's add_two wraps around at the top of the range; Python users
    expect an exception instead. Fix this function in Python, and keep
    the addition in Rust: the check records every call to add_two made
    as hello_add_two.lib.add_two, or through a `lib` you imported with
    `from hello_add_two import lib`.
    """
    return hello_add_two.lib.add_two(x)
    # ANCHOR_END: task


def check(add_two_or_raise=add_two_or_raise) -> None:
    """Print PASS, or FAIL and the reason. Both sides of both ends of
    the range: the last x whose sum fits, and the first that does not.
    Each sum that fits must come from one call of Rust's add_two, which
    the check records: it puts a RecordingLib in place of hello_add_two's
    lib, and of every global name of the answer's module bound to it."""
    recording = RecordingLib(hello_add_two.lib)
    with lib_replaced(hello_add_two, add_two_or_raise, recording):
        _check(add_two_or_raise, recording)


def _check(add_two_or_raise, recording: RecordingLib) -> None:
    low, top = -(2**31), 2**31 - 1
    fits = [(10, 12), (low, low + 2), (top - 2, top)]
    for x, expected in fits:
        recording.calls.clear()
        try:
            result = add_two_or_raise(x)
        except Exception as error:
            print(f"FAIL: add_two_or_raise({x}) raised {error!r}")
            return
        if result != expected:
            print(f"FAIL: add_two_or_raise({x}) returned {result}")
            return
        sent = [args for name, args, _ in recording.calls if name == "add_two"]
        if not sent:
            print(
                f"FAIL: add_two_or_raise({x}) made no call of Rust's add_two"
                " that the check sees (it sees calls through"
                " hello_add_two.lib, or a global name bound to it)"
            )
            return
        if sent != [(x,)]:
            print(
                f"FAIL: add_two_or_raise({x}) called Rust's add_two with"
                f" {sent}, not once with ({x},)"
            )
            return
    for x in (top - 1, top, low - 1):
        try:
            result = add_two_or_raise(x)
        except OverflowError:
            continue
        except Exception as error:
            print(f"FAIL: add_two_or_raise({x}) raised {error!r}")
            return
        print(f"FAIL: add_two_or_raise({x}) returned {result}, not an error")
        return
    print(
        f"PASS: {top - 2} + 2 = {top}; {top - 1}, {top} and {low - 1}"
        " raise OverflowError"
    )


if __name__ == "__main__":
    check()
