"""Exercise: count the characters of Latin-1 text with the UTF-8 function.

Run it: python examples/strings_in/exercise_latin1.py
It prints FAIL and the reason until `count_latin1` is right, then PASS.
"""

import strings_in
from ffi_book import RecordingLib, lib_replaced
from strings_in import count_chars, ffi


# ANCHOR: task
def count_latin1(data: bytes) -> int:
    """The number of characters in `data`, encoded in Latin-1.

    Rust's count_chars only accepts UTF-8; b'caf\\xe9' is 'café' in
    Latin-1, where every byte is one character. Let Rust count, through
    strings_in's count_chars.
    """
    return count_chars(data)
    # ANCHOR_END: task


# Latin-1 -> text. 0xE9 and 0xEF mean the same in Latin-1, Windows-1252
# and Latin-9; 0xA4 is the euro sign in Latin-9 and 0x85 an ellipsis in
# Windows-1252, but in Latin-1 they are U+00A4 and the control U+0085.
# A backslash is one character, whatever follows it.
TEXTS = {b"caf\xe9": "café", b"na\xefve": "naïve", b"\xa4\x85": "\xa4\x85"}
TEXTS[b"a\\b"] = "a\\b"
TEXTS[b"\\u00e9"] = "\\u00e9"  # six characters, not an escape for é
# 0xA1 and 0xD0 are ¡ and Ð in Latin-1, but Ħ in Latin-3 and Ğ in Latin-5.
TEXTS[b"\xa1\xd0"] = "\xa1\xd0"


def plus_100(count_chars, data, chars):
    """Rust's count_chars, but the count it writes is 100 too many."""
    status = count_chars(data, chars)
    if status == 0:  # OK: Rust wrote the count
        chars[0] += 100
    return status


def run(count_latin1, recording: RecordingLib) -> list[int]:
    """count_latin1 of each text, with `recording` in place of
    strings_in.lib and of any name the answer's module bound to it."""
    with lib_replaced(strings_in, count_latin1, recording):
        return [count_latin1(data) for data in TEXTS]


def check(count_latin1=count_latin1) -> None:
    """Print PASS, or FAIL and the reason. The count alone proves nothing
    (in Latin-1 it is the number of bytes): the check records what Rust's
    count_chars received, then runs count_latin1 once more with a Rust
    that counts 100 too many, whose result the answer must follow."""
    recording = RecordingLib(strings_in.lib)
    plus = RecordingLib(strings_in.lib, instead={"count_chars": plus_100})
    try:
        counts = run(count_latin1, recording)
        counts_plus = run(count_latin1, plus)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    sent = [
        bytes(args[0]) if isinstance(args[0], bytes) else ffi.string(args[0])
        for name, args, _ in recording.calls
        if name == "count_chars"
    ]
    utf8 = [text.encode("utf-8") for text in TEXTS.values()]
    expected = [len(text) for text in TEXTS.values()]
    if counts != expected:
        print(f"FAIL: count_latin1 returned {counts}, not {expected}")
    elif sent != utf8:
        print(f"FAIL: Rust's count_chars received {sent}, not {utf8}")
    elif counts_plus != [count + 100 for count in expected]:
        print(
            f"FAIL: with a Rust that counts 100 too many, count_latin1"
            f" returned {counts_plus}: the count must come from Rust"
        )
    else:
        print(f"PASS: Rust counted {counts} characters in {sent}")


if __name__ == "__main__":
    check()
