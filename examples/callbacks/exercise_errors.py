"""Exercise: let an error inside a callback reach the caller.

Run it: python examples/callbacks/exercise_errors.py
It prints FAIL and the reason until `sum_numbers` is right, then PASS.
"""

from callbacks import ffi, for_each_word, lib  # noqa: F401 (use them)


@ffi.callback("int(const char *, size_t, void *)")
def _add_number(word, length, user_data):
    numbers = ffi.from_handle(user_data)
    numbers.append(int(ffi.unpack(word, length)))
    return 0  # go on


# ANCHOR: task
def sum_numbers(text: str) -> int:
    """The sum of the whole numbers in `text`, or ValueError if a word is
    not a number. (An exception inside an ffi.callback does not reach
    this function by itself: cffi prints it and returns 0 to Rust.)"""
    numbers = []
    data = text.encode()
    lib.for_each_word(data, len(data), _add_number, ffi.new_handle(numbers))
    return sum(numbers)
    # ANCHOR_END: task


def check(sum_numbers=sum_numbers) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        if (total := sum_numbers("1 2 3")) != 6:
            print(f"FAIL: sum_numbers('1 2 3') returned {total}, not 6")
            return
        total = sum_numbers("1 two 3")
    except ValueError as error:
        print(f"PASS: sum_numbers('1 two 3') raised ValueError: {error}")
        return
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    print(f"FAIL: sum_numbers('1 two 3') returned {total}, no error")


if __name__ == "__main__":
    check()
