"""Make each common mistake on purpose and print the real error.

Usage: python troubleshooting.py MODE, where MODE is one of
  not-found  undefined-symbol  cdef  signature  libstd  summary
  null-debug (aborts the process)  null-release (crashes the process)

Linux only: the messages are the Linux loader's.
"""

import contextlib
import ctypes
import functools
import io
import os
import subprocess
import sys
from pathlib import Path

from cffi import FFI

from ffi_book import ROOT, library_filename, library_path, target_dir

HERE = Path(__file__).resolve().parent
LIBRARY = library_path("troubleshooting")


# (mistake, what happened) for every attempt: the summary's rows.
OUTCOMES: list[tuple[str, str]] = []


def attempt(label: str, call, mistake: str = "") -> None:
    """Print `label`, then what `call()` returns or the error it raises.
    Record the outcome under `mistake`, if given, for the summary."""
    try:
        value = call()
    except Exception as error:
        print(f"{label}\n  -> {type(error).__name__}: {error}")
        kind = type(error)
        module = "" if kind.__module__ == "builtins" else kind.__module__
        outcome = f"raises {module}{'.' if module else ''}{kind.__name__}"
    else:
        print(f"{label}\n  -> {value!r}")
        outcome = f"returns {value!r}"
    if mistake:
        OUTCOMES.append((mistake, outcome))


def add_two_ffi() -> FFI:
    ffi = FFI()
    ffi.cdef("int32_t add_two(int32_t x);")
    return ffi


# ANCHOR: not_found
def not_found() -> None:
    ffi = add_two_ffi()
    relative = Path(os.path.relpath(LIBRARY, ROOT)).as_posix()
    for folder, where in [
        (HERE, "examples/troubleshooting"),
        (ROOT, "the root"),
    ]:
        with contextlib.chdir(folder):  # as if Python had started there
            attempt(
                f"from {where}: ffi.dlopen({relative!r}).add_two(10)",
                lambda: ffi.dlopen(relative).add_two(10),
                f"a relative path, from {where}",
            )
    debug = target_dir() / "debug"
    for wrong_name, why in [
        ("troubleshooting.so", "no lib prefix, as on Windows"),
        ("libtroubleshooting.dylib", "macOS's suffix"),
    ]:
        attempt(
            f"{wrong_name} ({why}):",
            functools.partial(ffi.dlopen, str(debug / wrong_name)),
            f"a file name with {why}",
        )
    attempt(
        "a bare name: ffi.dlopen('troubleshooting')",
        lambda: ffi.dlopen("troubleshooting"),
        "a bare library name",
    )
    attempt(
        "the fix: ffi.dlopen(str(library_path('troubleshooting')))",
        lambda: ffi.dlopen(str(library_path("troubleshooting"))).add_two(10),
    )


# ANCHOR_END: not_found


# ANCHOR: undefined_symbol
def undefined_symbol() -> None:
    ffi = FFI()
    ffi.cdef("int32_t add_three(int32_t x);")  # Rust has no add_three
    lib = ffi.dlopen(str(LIBRARY))  # succeeds: names are not checked yet
    attempt(
        "lib.add_three(10)", lambda: lib.add_three(10), "an undefined symbol"
    )


# ANCHOR_END: undefined_symbol


# ANCHOR: cdef
BAD_CDEFS = {
    "a C keyword as a name": "double scale(double value, bool double);",
    "a preprocessor directive": "#include <stdint.h>",
    "Rust types": "i32 add_two(i32 x);",
}


def cdef_errors() -> None:
    for mistake, declaration in BAD_CDEFS.items():
        attempt(
            f"{mistake}: ffi.cdef({declaration!r})",
            functools.partial(FFI().cdef, declaration),
            f"cdef: {mistake}",
        )


# ANCHOR_END: cdef


# ANCHOR: signature
def low_32_bits(value: int) -> int:
    return value % 2**32


def wrong_signature() -> None:
    ffi = FFI()
    ffi.cdef("const char *greeting(void);  int32_t add_two(int32_t x);")
    lib = ffi.dlopen(str(LIBRARY))
    address = int(ffi.cast("uintptr_t", lib.greeting()))
    print("greeting()'s address needs more than 32 bits:", address >= 2**32)

    undeclared = ctypes.CDLL(str(LIBRARY))  # ctypes: no signatures at all
    as_int = undeclared.greeting()  # ctypes assumes a C int comes back
    print(
        "ctypes, no restype: greeting() kept only its low 32 bits:",
        low_32_bits(as_int) == low_32_bits(address),
    )
    wrong = FFI()
    wrong.cdef("int32_t greeting(void);")  # wrong: Rust returns a pointer
    as_int32 = wrong.dlopen(str(LIBRARY)).greeting()
    print(
        "cffi, cdef says int32_t: greeting() kept only its low 32 bits:",
        low_32_bits(as_int32) == low_32_bits(address),
    )
    attempt(
        "ctypes, no argtypes: add_two(2**40)",
        lambda: undeclared.add_two(2**40),
        "ctypes without argtypes: add_two(2**40)",
    )
    attempt(
        "cffi: lib.add_two(2**40)",
        lambda: lib.add_two(2**40),
        "cffi: add_two(2**40)",
    )

    undeclared.greeting.restype = ctypes.c_char_p  # the fix, in ctypes
    attempt(
        "the fix, ctypes: restype c_char_p, greeting()", undeclared.greeting
    )
    attempt(
        "the fix, cffi: const char *greeting(void), ffi.string(greeting())",
        lambda: ffi.string(lib.greeting()),
    )


# ANCHOR_END: signature


# ANCHOR: libstd
def prefer_dynamic() -> None:
    out = target_dir() / "troubleshooting" / "prefer-dynamic"
    subprocess.run(
        [
            *("cargo", "rustc", "--quiet", "--locked", "--release"),
            *("--package", "troubleshooting", "--crate-type", "dylib"),
            *("--target-dir", str(out), "--", "-C", "prefer-dynamic"),
        ],
        cwd=ROOT,
        check=True,
    )
    dylib = out / "release" / library_filename("troubleshooting")
    attempt(
        "ffi.dlopen(<the prefer-dynamic dylib>)",
        lambda: add_two_ffi().dlopen(str(dylib)),
        "a prefer-dynamic dylib",
    )


# ANCHOR_END: libstd


# ANCHOR: null
def read_null(profile: str) -> None:
    if profile == "release":  # the runner builds the debug library only
        subprocess.run(
            ["cargo", "build", "--quiet", "--locked", "--release",
             "--package", "troubleshooting"],
            cwd=ROOT,
            check=True,
        )  # fmt: skip
    ffi = FFI()
    ffi.cdef("int64_t read_value(const int64_t *value);")
    lib = ffi.dlopen(str(library_path("troubleshooting", profile)))
    print(
        f"{profile}: read_value(&7) =", lib.read_value(ffi.new("int64_t *", 7))
    )
    print(f"{profile}: read_value(NULL) = ...", flush=True)
    print(lib.read_value(ffi.NULL))  # the process dies here


# ANCHOR_END: null


def summary() -> None:
    """Make every mistake above that Python survives; print one line each."""
    with contextlib.redirect_stdout(io.StringIO()):  # the details: above
        for make_mistakes in [
            not_found,
            undefined_symbol,
            cdef_errors,
            wrong_signature,
            prefer_dynamic,
        ]:
            make_mistakes()
    width = max(len(mistake) for mistake, _ in OUTCOMES)
    for mistake, outcome in OUTCOMES:
        print(f"{mistake:<{width}}  {outcome}")


MODES = {
    "not-found": not_found,
    "undefined-symbol": undefined_symbol,
    "cdef": cdef_errors,
    "signature": wrong_signature,
    "libstd": prefer_dynamic,
    "null-debug": lambda: read_null("debug"),
    "null-release": lambda: read_null("release"),
    "summary": summary,
}


def main(mode: str) -> None:
    if not sys.platform.startswith("linux"):
        sys.exit("the messages here are the Linux loader's: Linux only")
    if mode not in MODES:
        sys.exit(f"unknown mode {mode!r}; the modes are {', '.join(MODES)}")
    MODES[mode]()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "summary")
