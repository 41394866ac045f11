"""Exercise: count the characters of Latin-1 text with the UTF-8 function.

Run it: python examples/strings_in/exercise_latin1.py
It prints FAIL and the reason until `count_latin1` is right, then PASS.
"""

from strings_in import count_chars


# ANCHOR: task
def count_latin1(data: bytes) -> int:
    """The number of characters in `data`, encoded in Latin-1.

    Rust's count_chars only accepts UTF-8; b'caf\\xe9' is 'café' in
    Latin-1, where every byte is one character.
    """
    return count_chars(data)
    # ANCHOR_END: task


def check(count_latin1=count_latin1) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        counts = [count_latin1(b"caf\xe9"), count_latin1(b"na\xefve")]
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if counts != [4, 5]:
        print(f"FAIL: count_latin1 returned {counts}, not [4, 5]")
    else:
        print(f"PASS: count_latin1 counted {counts} characters")


if __name__ == "__main__":
    check()
