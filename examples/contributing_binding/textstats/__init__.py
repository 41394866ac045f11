"""Counts in UTF-8 text: words, characters, lines. Rust does the counting.

Every function takes `str` (encoded as UTF-8) or `bytes` (which must be
UTF-8), and raises `TypeError` for anything else and `ValueError` for
bytes that are not UTF-8.
"""

from dataclasses import dataclass, fields

from textstats._ffi import ffi, lib

__all__ = ["TextStats", "analyze", "count_chars", "count_words"]


# ANCHOR: errors
def _as_utf8(text: str | bytes) -> bytes:
    """The bytes to lend Rust for one call."""
    if isinstance(text, str):
        return text.encode("utf-8")  # UnicodeEncodeError for surrogates
    if isinstance(text, bytes):
        return text
    raise TypeError(f"expected str or bytes, got {type(text).__name__}")


# Each error status and the exception it becomes; the message is Rust's.
_EXCEPTIONS = {
    lib.TEXTSTATS_NULL_POINTER: TypeError,
    lib.TEXTSTATS_INVALID_UTF8: ValueError,
}


def _check(status: int) -> None:
    """Raise the exception for `status`, unless it is TEXTSTATS_OK."""
    if status == lib.TEXTSTATS_OK:
        return
    message = ffi.string(lib.textstats_status_message(status)).decode()
    raise _EXCEPTIONS.get(status, RuntimeError)(message)


# ANCHOR_END: errors


def count_words(text: str | bytes) -> int:
    """The number of words: runs of characters between whitespace."""
    data = _as_utf8(text)
    out = ffi.new("uint64_t *")  # Python owns it; Rust writes into it
    _check(lib.textstats_count_words(data, len(data), out))
    return out[0]


def count_chars(text: str | bytes) -> int:
    """The number of characters (Unicode scalar values)."""
    data = _as_utf8(text)
    out = ffi.new("uint64_t *")
    _check(lib.textstats_count_chars(data, len(data), out))
    return out[0]


# ANCHOR: analyze
@dataclass(frozen=True)
class TextStats:
    """Everything `analyze` counts in one text. A Python copy of Rust's
    `TextStats`: the fields have the same names, in the same order."""

    bytes: int
    chars: int
    words: int
    lines: int
    longest_word: int


def analyze(text: str | bytes) -> TextStats:
    """Count bytes, characters, words and lines of `text` in one call,
    and the characters of its longest word."""
    data = _as_utf8(text)
    out = ffi.new("TextStats *")  # zeroed; freed with `out`
    _check(lib.textstats_analyze(data, len(data), out))
    # Copy every field into Python ints: nothing refers to `out` after.
    return TextStats(
        *(getattr(out, field.name) for field in fields(TextStats))
    )


# ANCHOR_END: analyze
