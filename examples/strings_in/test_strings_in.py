"""What the "Strings into Rust" chapter says, asserted."""

import sys

import pytest

import strings_in
from strings_in import count_chars, ffi, lib


@pytest.fixture
def empty_vocabulary():
    lib.vocabulary_clear()
    start = lib.live_allocations()
    yield start
    lib.vocabulary_clear()
    assert lib.live_allocations() == start


@pytest.mark.parametrize(
    ("text", "chars", "n_bytes"),
    [
        ("hello", 5, 5),
        ("héllo", 5, 6),
        ("日本", 2, 6),
        ("👋🏽", 2, 8),
        ("", 0, 0),
    ],
)
def test_strings_in_rust_counts_what_python_len_counts(text, chars, n_bytes):
    assert count_chars(text) == chars == len(text)
    assert len(text.encode("utf-8")) == n_bytes


def test_strings_in_bytes_are_passed_as_they_are():
    assert count_chars(b"h\xc3\xa9llo") == 5


def test_strings_in_cffi_refuses_a_str_for_a_char_pointer():
    chars = ffi.new("size_t *")
    with pytest.raises(TypeError) as error:
        lib.count_chars("héllo", chars)
    assert str(error.value) == (
        "initializer for ctype 'char *' must be a bytes or list or tuple,"
        " not str"
    )
    assert ffi.typeof("const char *") is ffi.typeof("char *")


def test_strings_in_an_embedded_nul_silently_truncates_the_raw_call():
    assert strings_in.raw_count_chars(b"ab\0cd") == (
        "status 0 (STATUS_OK), chars[0] = 2"
    )


@pytest.mark.parametrize(
    ("text", "status"),
    [(ffi.NULL, lib.STATUS_NULL), (b"caf\xe9", lib.STATUS_NOT_UTF8)],
)
def test_strings_in_raw_errors_return_a_status_and_write_nothing(text, status):
    chars = ffi.new("size_t *", 99)
    assert lib.count_chars(text, chars) == status
    assert chars[0] == 99


def test_strings_in_a_null_out_pointer_is_an_error_too():
    assert lib.count_chars(b"abc", ffi.NULL) == lib.STATUS_NULL


def test_strings_in_the_wrapper_rejects_an_embedded_nul():
    with pytest.raises(ValueError, match="NUL byte at index 2"):
        count_chars("ab\0cd")
    with pytest.raises(ValueError, match="NUL byte at index 0"):
        count_chars(b"\0")


@pytest.mark.parametrize("text", [None, 42, ["a"], bytearray(b"a")])
def test_strings_in_the_wrapper_rejects_what_is_not_str_or_bytes(text):
    with pytest.raises(TypeError, match="expected str or bytes"):
        count_chars(text)


def test_strings_in_the_wrapper_turns_invalid_utf8_into_value_error():
    with pytest.raises(ValueError, match=r"not valid UTF-8: b'caf\\xe9'"):
        count_chars(b"caf\xe9")


def test_strings_in_a_lone_surrogate_cannot_be_encoded():
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        count_chars("\ud800")


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (lib.STATUS_NULL, TypeError),
        (lib.STATUS_NOT_UTF8, ValueError),
        (lib.STATUS_TOO_LONG, OverflowError),
        (7, RuntimeError),
    ],
)
def test_strings_in_every_status_becomes_an_exception(status, error):
    with pytest.raises(error):
        strings_in.check(status, b"")
    strings_in.check(lib.STATUS_OK, b"")  # no exception


@pytest.mark.skipif(sys.platform == "win32", reason="needs C's strchr")
def test_strings_in_cffi_passes_a_pointer_into_the_bytes_object_itself():
    libc_ffi = type(ffi)()
    libc_ffi.cdef("char *strchr(const char *s, int c);")
    libc = libc_ffi.dlopen(None)
    data = b"hello"
    seen_by_c = libc.strchr(data, ord("h"))
    address = int(libc_ffi.cast("intptr_t", seen_by_c))
    own_memory = int(libc_ffi.cast("intptr_t", libc_ffi.from_buffer(data)))
    assert address == own_memory


def test_strings_in_the_vocabulary_keeps_copies_not_pointers(empty_vocabulary):
    buffer = ffi.new("char[]", 16)
    for word in [b"alpha", b"beta", b"gamma"]:
        buffer[0 : len(word) + 1] = word + b"\0"
        assert lib.vocabulary_add(buffer) == lib.STATUS_OK
    assert ffi.string(buffer) == b"gamma"
    assert lib.vocabulary_len() == 3
    for word in ["alpha", "beta", "gamma"]:
        assert strings_in.vocabulary_contains(word)
    assert not strings_in.vocabulary_contains("delta")
    assert lib.live_allocations() > empty_vocabulary


def test_strings_in_adding_a_word_twice_keeps_one_copy(empty_vocabulary):
    strings_in.vocabulary_add("héllo")
    strings_in.vocabulary_add(b"h\xc3\xa9llo")
    assert lib.vocabulary_len() == 1


def test_strings_in_a_word_is_kept_exactly_as_given(empty_vocabulary):
    # "a copy of word": spaces and case are part of it, nothing is cleaned.
    for word in [" padded ", "Case", "case", "\t"]:
        strings_in.vocabulary_add(word)
    assert lib.vocabulary_len() == 4
    for word in [" padded ", "Case", "case", "\t"]:
        assert strings_in.vocabulary_contains(word)
    assert not strings_in.vocabulary_contains("padded")


def test_strings_in_vocabulary_errors(empty_vocabulary):
    assert lib.vocabulary_add(ffi.NULL) == lib.STATUS_NULL
    assert lib.vocabulary_add(b"caf\xe9") == lib.STATUS_NOT_UTF8
    assert lib.vocabulary_contains(b"x", ffi.NULL) == lib.STATUS_NULL
    found = ffi.new("bool *", True)  # `*found` is written only on STATUS_OK
    for word, status in [(b"caf\xe9", lib.STATUS_NOT_UTF8), (ffi.NULL, 1)]:
        assert lib.vocabulary_contains(word, found) == status
        assert found[0] is True
    with pytest.raises(ValueError, match="not valid UTF-8"):
        strings_in.vocabulary_add(b"caf\xe9")
    with pytest.raises(ValueError, match="not valid UTF-8"):
        strings_in.vocabulary_contains(b"caf\xe9")
    with pytest.raises(ValueError, match="NUL byte"):
        strings_in.vocabulary_add("a\0b")
    assert lib.vocabulary_len() == 0
    assert lib.live_allocations() == empty_vocabulary


def test_strings_in_count_mode_prints_the_table(capsys):
    strings_in.show_counts()
    assert capsys.readouterr().out.splitlines() == [
        "chars  bytes  text",
        "    5      5  'hello'",
        "    5      6  'héllo'",
        "    2      6  '日本'",
        "    2      8  '👋🏽'",
    ]


def test_strings_in_raw_mode_shows_each_outcome(capsys):
    strings_in.show_raw_calls()
    out = capsys.readouterr().out
    assert "must be a bytes or list or tuple, not str" in out
    assert "lib.count_chars(b'ab\\x00cd', chars)\n    -> status 0" in out
    assert "-> status 1 (STATUS_NULL)" in out
    assert "-> status 2 (STATUS_NOT_UTF8)" in out


def test_strings_in_errors_mode_shows_each_exception(capsys):
    strings_in.show_errors()
    out = capsys.readouterr().out
    for error in ["ValueError: NUL byte", "TypeError: expected str"]:
        assert error in out
    assert "ValueError: not valid UTF-8" in out
    assert "UnicodeEncodeError" in out


def test_strings_in_keep_mode_frees_every_copy(capsys, empty_vocabulary):
    strings_in.show_vocabulary()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "the buffer now holds b'gamma'"
    assert out[1:4] == [
        f"vocabulary_contains({w!r}) -> True"
        for w in ["alpha", "beta", "gamma"]
    ]
    # One block per word, and one for the set's own storage.
    assert out[4] == "live allocations in Rust: +4"
    assert out[5] == "after vocabulary_clear(): +0"


# Pointer and length


@pytest.mark.parametrize(
    ("text", "chars"),
    [("ab\0cd", 5), ("\0", 1), ("", 0), ("héllo", 5), ("👋🏽", 2)],
)
def test_strings_in_pointer_and_length_count_every_character(text, chars):
    assert strings_in.count_chars_len(text) == chars == len(text)


def test_strings_in_pointer_and_length_takes_what_count_chars_takes():
    assert strings_in.count_chars_len(b"a\0b") == 3  # bytes, NUL counted
    with pytest.raises(ValueError, match="not valid UTF-8"):
        strings_in.count_chars_len(b"\xff")
    for wrong in (None, ["a"], 5):
        with pytest.raises(TypeError, match="expected str or bytes"):
            strings_in.count_chars_len(wrong)


def test_strings_in_pointer_and_length_statuses():
    chars = ffi.new("size_t *", 99)
    assert lib.count_chars_len(ffi.NULL, 0, chars) == lib.STATUS_OK
    assert chars[0] == 0  # NULL and 0: the empty text
    chars[0] = 99
    assert lib.count_chars_len(ffi.NULL, 1, chars) == lib.STATUS_NULL
    assert lib.count_chars_len(b"a", 1, ffi.NULL) == lib.STATUS_NULL
    data = "héllo".encode()
    assert lib.count_chars_len(data, 2, chars) == lib.STATUS_NOT_UTF8
    assert lib.count_chars_len(data, 3, chars) == lib.STATUS_OK
    assert chars[0] == 2  # only the first `len` bytes are read
    for too_long in (2**63, 2**64 - 1):  # over isize::MAX: refused, unread
        assert lib.count_chars_len(b"a", too_long, chars) == (
            lib.STATUS_TOO_LONG
        )
        assert chars[0] == 2
    with pytest.raises(ValueError, match="not valid UTF-8"):
        strings_in.check(lib.STATUS_NOT_UTF8, data[:2])
    with pytest.raises(UnicodeEncodeError):
        strings_in.count_chars_len("\ud800")


def test_strings_in_length_mode(capsys):
    strings_in.show_with_length()
    assert capsys.readouterr().out.splitlines() == [
        "count_chars_len('ab\\0cd')",
        "    -> 5",
        "count_chars('ab\\0cd')",
        "    -> ValueError: NUL byte at index 2: C would read the text only"
        " up to there",
        "lib.count_chars_len(b'h\\xc3', 2, chars)",
        "    -> STATUS_NOT_UTF8",
    ]


def count_latin1_through_an_imported_lib(data: bytes) -> int:
    """A right answer to exercise_latin1 that calls the `lib` this module
    imported with `from strings_in import lib`."""
    text = data.decode("latin-1").encode("utf-8")
    chars = ffi.new("size_t *")
    assert lib.count_chars(text, chars) == 0
    return chars[0]


def test_the_exercise_sees_calls_through_an_imported_lib(capsys):
    import exercise_latin1

    exercise_latin1.check(count_latin1_through_an_imported_lib)
    assert capsys.readouterr().out.startswith("PASS: ")
    assert lib is strings_in.lib  # both put back
