"""Exercise: find and fix the mistakes planted in a binding's declarations.

Run it: python examples/contributing_binding/exercise_planted.py
It prints FAIL and the first problem until CDEF is right, then PASS.
"""

import sys
from dataclasses import fields

from cffi import FFI

import textstats
from contributing_binding import (
    LIBRARY,
    check_exports,
    check_layout,
    check_signatures,
)

# ANCHOR: task
# A contributor's declarations for libcontributing_binding. They load, and
# import without an error; three mistakes hide in them. Find each with one
# of the checklist's checks (exports, prototypes, layout,
# a known answer), and fix it.
CDEF = """
    #define TEXTSTATS_OK 0
    #define TEXTSTATS_NULL_POINTER 1
    #define TEXTSTATS_INVALID_UTF8 2

    typedef struct {
        uint64_t bytes, words, chars;
        uint32_t lines, longest_word;
    } TextStats;

    int32_t textstats_count_words(const char *text, size_t len,
                                  uint64_t *out);
    int32_t textstats_analyze(const char *text, size_t len,
                              TextStats *out);
    const char *textstats_status_message(int32_t status);
    size_t textstats_stats_layout(size_t *out, size_t capacity);
"""
# ANCHOR_END: task

TEXT = "Grüße, Welt!\nbye"


def known_answer(ffi, lib) -> list[str]:
    """analyze(TEXT) through these declarations, field by field, against
    the package's own binding."""
    expected = textstats.analyze(TEXT)
    data = TEXT.encode("utf-8")
    out = ffi.new("TextStats *")
    lib.textstats_analyze(data, len(data), out)
    return [
        f"TextStats.{field.name} is {getattr(out, field.name)}, not {right}"
        for field in fields(expected)
        if (right := getattr(expected, field.name)) != getattr(out, field.name)
    ]


def check(cdef=CDEF) -> None:
    """Print PASS, or FAIL and the first problem the checks find."""
    if sys.platform == "win32":
        print("SKIP: the export check needs nm, which Windows does not have")
        return
    ffi = FFI()
    try:
        ffi.cdef(cdef)
        lib = ffi.dlopen(str(LIBRARY))
        problems = check_exports(lib, LIBRARY)
        problems += check_signatures(lib, LIBRARY)
        problems += check_layout(lib, ffi)
        if not problems:  # a wrong layout would make Rust write past it
            problems += known_answer(ffi, lib)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if problems:
        print(
            f"FAIL: {len(problems)} problem{'s' * (len(problems) > 1)};"
            f" the first: {problems[0]}"
        )
    else:
        print(
            "PASS: exports, prototypes, layout and analyze's answer"
            " all agree with Rust"
        )


if __name__ == "__main__":
    check()
