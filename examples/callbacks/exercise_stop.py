"""Exercise: stop Rust from a callback, and bring its error back.

Run it: python examples/callbacks/exercise_stop.py
It prints FAIL and the reason until `first_over` is right, then PASS.
"""

from callbacks import GO_ON, STOP, ffi, lib  # noqa: F401 (use STOP)
from ffi_book import RecordingLib


# ANCHOR: task
@ffi.callback("OnWord")
def _keep_number(word, length, user_data):
    numbers = ffi.from_handle(user_data)  # the list passed as a handle
    numbers.append(int(ffi.unpack(word, length)))
    return GO_ON


def first_over(text: str, limit: int, lib=lib) -> int | None:
    """The first whole number in `text` greater than `limit`, or None.

    Make ONE call of lib.for_each_word, with your own ffi.callback, and
    make Rust stop at that number: it must read no word after it. A word
    before it that is not a number raises ValueError here.
    """
    numbers = []
    data = text.encode()
    lib.for_each_word(data, len(data), _keep_number, ffi.new_handle(numbers))
    return next((n for n in numbers if n > limit), None)
    # ANCHOR_END: task


# (text, limit, the answer or the error, how many words Rust may visit)
CASES = [
    ("3 12 40", 10, 12, 2),
    ("10 11 12", 10, 11, 2),
    ("3 4", 10, None, 2),
    ("3 x 40", 10, ValueError, 2),
    ("5 50", 10, 50, 2),  # after an error: no trace of it left
]


def check(first_over=first_over) -> None:
    """Print PASS, or FAIL and the reason. `lib` records each call, and
    what for_each_word returned: how many words Rust visited."""
    for text, limit, expected, visits in CASES:
        recording = RecordingLib(lib)
        call = f"first_over({text!r}, {limit})"
        try:
            result = first_over(text, limit, lib=recording)
        except ValueError as error:
            result = error
        except Exception as error:
            print(f"FAIL: {call} raised {error!r}")
            return
        visited = [
            out for name, _, out in recording.calls if name == "for_each_word"
        ]
        if expected is ValueError and not isinstance(result, ValueError):
            print(f"FAIL: {call} returned {result!r}, not a ValueError")
        elif expected is not ValueError and result != expected:
            did = "raised" if isinstance(result, ValueError) else "returned"
            print(f"FAIL: {call} {did} {result!r}, not {expected!r}")
        elif len(visited) != 1:
            print(
                f"FAIL: {call} called lib.for_each_word {len(visited)} times"
            )
        elif visited[0] != visits:
            print(
                f"FAIL: {call}: Rust visited {visited[0]} words, not {visits}"
            )
        else:
            continue
        return
    print(f"PASS: right for {len(CASES)} texts; Rust stopped at the answer")


if __name__ == "__main__":
    check()
