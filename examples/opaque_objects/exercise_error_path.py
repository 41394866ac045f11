"""Exercise: free the Rust object at once, even when an error happens.

Run it: python examples/opaque_objects/exercise_error_path.py
It prints FAIL and the reason until `words_in` is right, then PASS.
"""

import opaque_objects
from ffi_book import RecordingLib
from opaque_objects import WordCounter, lib


# ANCHOR: task
def words_in(lines: list[str]) -> int:
    """The number of words in `lines`. The Rust counter it uses must be
    freed before this function returns or raises: relying on ffi.gc is
    not enough, because an exception's traceback keeps `counter` alive
    for as long as the exception is handled."""
    counter = WordCounter()
    for line in lines:
        counter.add(line)  # raises on a lone surrogate, or a non-str line
    return counter.total
    # ANCHOR_END: task


def check(words_in=words_in) -> None:
    """Print PASS, or FAIL and the reason. WordCounter calls Rust through
    opaque_objects.lib, which the check replaces with one that records
    and that makes Rust refuse a line holding "refused"."""
    start = lib.live_allocations()
    recording = RecordingLib(lib)

    def counter_add(counter, data, length):
        if b"refused" in data:
            return lib.STATUS_NOT_UTF8  # as Rust says of bad bytes
        return lib.counter_add(counter, data, length)

    recording.counter_add = counter_add
    opaque_objects.lib = recording  # WordCounter looks it up on each call
    try:
        if (total := words_in(["to be", "or not"])) != 4:
            print(f"FAIL: words_in returned {total}, not 4")
            return
        if not recording.count("counter_new"):
            print("FAIL: words_in never made a Rust WordCounter")
            return
        recording.calls.clear()  # they hold the counter's cdata
        if alive := lib.live_allocations() - start:
            print(f"FAIL: after a return, {alive} Rust blocks still live")
            return
        for bad, error in [
            ("bad \ud800", UnicodeEncodeError),
            ("refused", ValueError),
            (b"bytes", TypeError),  # not str: not a ValueError either
        ]:
            if reason := freed_on_error(words_in, bad, error, start):
                print(reason)
                return
    finally:
        opaque_objects.lib = lib
    print("PASS: the counter was freed before the error arrived")


def freed_on_error(words_in, bad, error: type, start: int):
    """None if words_in(["fine", bad]) raises `error` after freeing every
    Rust block; otherwise the FAIL line."""
    try:
        words_in(["fine", bad])
    except error:
        alive = lib.live_allocations() - start  # while handling the error
        if alive:
            return f"FAIL: during the error, {alive} Rust blocks still live"
        return None
    except Exception as other:
        return f"FAIL: {type(other).__name__}: {other}"
    return f"FAIL: words_in accepted {bad!r}"


if __name__ == "__main__":
    check()
