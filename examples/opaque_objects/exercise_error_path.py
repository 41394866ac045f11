"""Exercise: free the Rust object at once, even when an error happens.

Run it: python examples/opaque_objects/exercise_error_path.py
It prints FAIL and the reason until `words_in` is right, then PASS.
"""

from opaque_objects import WordCounter, lib


# ANCHOR: task
def words_in(lines: list[str]) -> int:
    """The number of words in `lines`. The Rust counter it uses must be
    freed before this function returns or raises: relying on ffi.gc is
    not enough, because an exception's traceback keeps `counter` alive
    for as long as the exception is handled."""
    counter = WordCounter()
    for line in lines:
        counter.add(line)  # raises UnicodeEncodeError on a lone surrogate
    return counter.total
    # ANCHOR_END: task


def check(words_in=words_in) -> None:
    """Print PASS, or FAIL and the reason."""
    start = lib.live_allocations()
    try:
        if (total := words_in(["to be", "or not"])) != 4:
            print(f"FAIL: words_in returned {total}, not 4")
            return
        words_in(["fine", "bad \ud800"])
    except UnicodeEncodeError:
        alive = lib.live_allocations() - start  # while handling the error
        if alive:
            print(f"FAIL: during the error, {alive} Rust blocks still live")
        else:
            print("PASS: the counter was freed before the error arrived")
        return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    print("FAIL: words_in accepted a lone surrogate")


if __name__ == "__main__":
    check()
