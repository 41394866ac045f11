"""Wrong: stops at a number equal to the limit, not only above it."""

from callbacks import GO_ON, STOP, ffi, lib
from exercise_stop import check


@ffi.callback("OnWord", error=STOP)
def _stop_at(word, length, user_data):
    search = ffi.from_handle(user_data)
    number = int(ffi.unpack(word, length))
    if number >= search["limit"]:
        search["found"] = number
        return STOP
    return GO_ON


def first_over(text: str, limit: int, lib=lib) -> int | None:
    search = {"limit": limit, "found": None}
    data = text.encode()
    lib.for_each_word(data, len(data), _stop_at, ffi.new_handle(search))
    return search["found"]


if __name__ == "__main__":
    check(first_over)
