"""The solution of exercise_stop.py."""

from callbacks import GO_ON, STOP, ffi, lib
from exercise_stop import check


# ANCHOR: solution
class _Search:
    """What the callback reads and writes, reached through the handle."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.found: int | None = None
        self.error: ValueError | None = None


@ffi.callback("OnWord")
def _stop_over(word, length, user_data):
    search = ffi.from_handle(user_data)
    try:
        number = int(ffi.unpack(word, length))
    except ValueError as error:
        search.error = error  # raised in first_over, once Rust returned
        return STOP
    if number > search.limit:
        search.found = number
        return STOP
    return GO_ON


def first_over(text: str, limit: int, lib=lib) -> int | None:
    search = _Search(limit)
    data = text.encode()
    handle = ffi.new_handle(search)  # alive until Rust returns
    lib.for_each_word(data, len(data), _stop_over, handle)
    if search.error is not None:
        raise search.error
    return search.found
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(first_over)
