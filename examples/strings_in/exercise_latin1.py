"""Exercise: count the characters of Latin-1 text with the UTF-8 function.

Run it: python examples/strings_in/exercise_latin1.py
It prints FAIL and the reason until `count_latin1` is right, then PASS.
"""

import strings_in
from ffi_book import RecordingLib
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
TEXTS = {b"caf\xe9": "café", b"na\xefve": "naïve", b"\xa4\x85": "\xa4\x85"}


def check(count_latin1=count_latin1) -> None:
    """Print PASS, or FAIL and the reason. The count alone proves nothing
    (in Latin-1 it is the number of bytes): the check records what Rust's
    count_chars received, through strings_in.lib."""
    recording = RecordingLib(strings_in.lib)
    strings_in.lib = recording  # count_chars looks it up on every call
    try:
        counts = [count_latin1(data) for data in TEXTS]
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    finally:
        strings_in.lib = recording.real_lib
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
    else:
        print(f"PASS: Rust counted {counts} characters in {sent}")


if __name__ == "__main__":
    check()
