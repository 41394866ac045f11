"""Wrong: keeps the error in a module-level dict and never clears it."""

from callbacks import GO_ON, STOP, ffi, lib
from exercise_stop import check

_last = {"error": None}  # shared by every call, and never reset


@ffi.callback("OnWord")
def _stop_over(word, length, user_data):
    search = ffi.from_handle(user_data)
    try:
        number = int(ffi.unpack(word, length))
    except ValueError as error:
        _last["error"] = error
        return STOP
    if number > search["limit"]:
        search["found"] = number
        return STOP
    return GO_ON


def first_over(text: str, limit: int, lib=lib) -> int | None:
    search = {"limit": limit, "found": None}
    data = text.encode()
    lib.for_each_word(data, len(data), _stop_over, ffi.new_handle(search))
    if _last["error"] is not None:
        raise _last["error"]
    return search["found"]


if __name__ == "__main__":
    check(first_over)
