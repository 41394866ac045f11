"""Wrong: frees each string when the next arrives; the last one leaks."""

from exercise_leak import check
from strings_out import ffi, lib


def format_all(values: list[float], lib=lib) -> list[str]:
    texts, previous = [], None
    for value in values:
        text = lib.format_celsius(value)
        texts.append(ffi.string(text).decode())
        if previous is not None:
            lib.string_free(previous)
        previous = text
    return texts


if __name__ == "__main__":
    check(format_all)
