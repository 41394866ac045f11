"""Pass Python text into Rust as `const char *`, and check every case.

Usage: python strings_in.py [count | raw | errors | keep | length]
(default: count)
"""

import sys

from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    #define STATUS_OK 0
    #define STATUS_NULL 1
    #define STATUS_NOT_UTF8 2
    #define STATUS_TOO_LONG 3

    int32_t count_chars(const char *text, size_t *chars);
    int32_t count_chars_len(const char *text, size_t len, size_t *chars);
    int32_t vocabulary_add(const char *word);
    int32_t vocabulary_contains(const char *word, bool *found);
    size_t vocabulary_len(void);
    void vocabulary_clear(void);
    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("strings_in")))
# ANCHOR_END: cdef


# ANCHOR: wrapper
def to_bytes(text: str | bytes) -> bytes:
    """The UTF-8 bytes of `text`; refuse what cffi would misread."""
    if isinstance(text, str):
        return text.encode("utf-8")  # UnicodeEncodeError for surrogates
    if isinstance(text, bytes):
        return text  # already encoded: Rust checks that it is UTF-8
    raise TypeError(f"expected str or bytes, got {type(text).__name__}")


def to_c_text(text: str | bytes) -> bytes:
    """The UTF-8 bytes to pass as `const char *`; cffi adds the NUL."""
    data = to_bytes(text)
    if b"\0" in data:
        raise ValueError(
            f"NUL byte at index {data.index(0)}: "
            "C would read the text only up to there"
        )
    return data


def check(status: int, data: bytes) -> None:
    """Turn a status code from Rust into a Python exception."""
    if status == lib.STATUS_NULL:
        raise TypeError("a pointer argument was NULL")
    if status == lib.STATUS_NOT_UTF8:
        raise ValueError(f"not valid UTF-8: {data!r}")
    if status == lib.STATUS_TOO_LONG:
        raise OverflowError("a length was over isize::MAX bytes")
    if status != lib.STATUS_OK:
        raise RuntimeError(f"unknown status {status}")


def count_chars(text: str | bytes) -> int:
    """The number of characters (Unicode scalar values) in `text`."""
    data = to_c_text(text)
    chars = ffi.new("size_t *")  # Python owns it; Rust writes into it
    check(lib.count_chars(data, chars), data)
    return chars[0]


# ANCHOR_END: wrapper


# ANCHOR: with_length
def count_chars_len(text: str | bytes) -> int:
    """count_chars for any text: the length travels with the pointer."""
    data = to_bytes(text)  # NUL bytes allowed: no C string here
    chars = ffi.new("size_t *")
    check(lib.count_chars_len(data, len(data), chars), data)
    return chars[0]


# ANCHOR_END: with_length


def vocabulary_add(word: str | bytes) -> None:
    data = to_c_text(word)
    check(lib.vocabulary_add(data), data)


def vocabulary_contains(word: str | bytes) -> bool:
    data = to_c_text(word)
    found = ffi.new("bool *")
    check(lib.vocabulary_contains(data, found), data)
    return found[0]


# ANCHOR: count
def show_counts() -> None:
    print("chars  bytes  text")
    for text in ["hello", "héllo", "日本", "👋🏽"]:
        n_bytes = len(text.encode("utf-8"))
        print(f"{count_chars(text):5}  {n_bytes:5}  {text!r}")


# ANCHOR_END: count


def attempt(label: str, function, argument) -> None:
    """Print `label`, then what the call returns or the error it raises."""
    try:
        result = function(argument)
    except Exception as error:
        result = f"{type(error).__name__}: {error}"
    print(f"{label}\n    -> {result}")


STATUS_NAMES = {
    0: "STATUS_OK",
    1: "STATUS_NULL",
    2: "STATUS_NOT_UTF8",
    3: "STATUS_TOO_LONG",
}


# ANCHOR: raw
def raw_count_chars(text) -> str:
    """Call Rust directly: no encoding, no checks."""
    chars = ffi.new("size_t *")
    status = lib.count_chars(text, chars)
    result = f"status {status} ({STATUS_NAMES[status]})"
    return result + (f", chars[0] = {chars[0]}" if status == 0 else "")


# ANCHOR_END: raw


def show_raw_calls() -> None:
    for text in ["héllo", b"h\xc3\xa9llo", b"ab\0cd", ffi.NULL, b"caf\xe9"]:
        shown = "ffi.NULL" if text is ffi.NULL else repr(text)
        attempt(f"lib.count_chars({shown}, chars)", raw_count_chars, text)


def show_errors() -> None:
    texts = ["héllo", b"h\xc3\xa9llo", "ab\0cd", None, b"caf\xe9", "\ud800"]
    for text in texts:
        attempt(f"count_chars({text!r})", count_chars, text)


# ANCHOR: keep
def show_vocabulary() -> None:
    start = lib.live_allocations()
    buffer = ffi.new("char[]", 16)  # Python's memory, reused for each word
    for word in [b"alpha", b"beta", b"gamma"]:
        buffer[0 : len(word) + 1] = word + b"\0"
        check(lib.vocabulary_add(buffer), word)
    print("the buffer now holds", ffi.string(buffer))
    for word in ["alpha", "beta", "gamma"]:
        print(f"vocabulary_contains({word!r}) -> {vocabulary_contains(word)}")
    print(f"live allocations in Rust: +{lib.live_allocations() - start}")
    lib.vocabulary_clear()
    print(f"after vocabulary_clear(): +{lib.live_allocations() - start}")


# ANCHOR_END: keep


def show_with_length() -> None:
    attempt("count_chars_len('ab\\0cd')", count_chars_len, "ab\0cd")
    attempt("count_chars('ab\\0cd')", count_chars, "ab\0cd")
    data = "héllo".encode()  # b'h\xc3\xa9llo'
    attempt(
        "lib.count_chars_len(b'h\\xc3', 2, chars)",
        lambda length: STATUS_NAMES[
            lib.count_chars_len(data, length, ffi.new("size_t *"))
        ],
        2,
    )


MODES = {
    "count": show_counts,
    "raw": show_raw_calls,
    "errors": show_errors,
    "keep": show_vocabulary,
    "length": show_with_length,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "count"]()
