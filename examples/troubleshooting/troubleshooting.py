"""Make each common mistake on purpose and print the real error.

Usage: python troubleshooting.py MODE, where MODE is one of
  not-found  undefined-symbol  cdef  signature  libstd  cffi-errors
  stale  summary
  null-debug (aborts the process)  null-release (crashes the process)
  dangling (reads freed memory: what valgrind finds)
  faulthandler  backtrace  gdb  valgrind (run a crashing mode in a child
  process, under that tool, and print what the tool says)

Linux only: the messages are the Linux loader's and tools'.
"""

import contextlib
import ctypes
import functools
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
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


# ANCHOR: cffi_errors
def cffi_errors() -> None:
    ffi = FFI()
    ffi.cdef("size_t count_bytes(const char *text); const char *greeting();")
    lib = ffi.dlopen(str(LIBRARY))
    attempt(
        "a str for a char *: lib.count_bytes('héllo')",
        lambda: lib.count_bytes("héllo"),
        "a str for a char *",
    )
    attempt(
        "the fix: lib.count_bytes('héllo'.encode())",
        lambda: lib.count_bytes("héllo".encode()),
    )
    no_text = ffi.cast("const char *", 0)  # a NULL that a function returned
    attempt(
        "ffi.string(<NULL char *>)",
        lambda: ffi.string(no_text),
        "ffi.string of a NULL char *",
    )
    text = lib.greeting()
    attempt(
        "the fix: ffi.string(text) if text != ffi.NULL else None",
        lambda: ffi.string(text) if text != ffi.NULL else None,
    )


# ANCHOR_END: cffi_errors


# ANCHOR: dangling
def dangling() -> None:
    ffi = FFI()
    ffi.cdef("void keep(const int64_t *value);  int64_t read_kept(void);")
    lib = ffi.dlopen(str(LIBRARY))
    # Wrong: nothing holds the cdata, so Python frees its memory right
    # after the call, while Rust still holds the pointer.
    lib.keep(ffi.new("int64_t *", 7))
    lib.read_kept()  # reads freed memory: no error, some number
    print("read_kept() returned, with no error")
    owner = ffi.new("int64_t *", 7)  # the fix: a name keeps it alive
    lib.keep(owner)
    print("the fix: owner kept alive, read_kept() =", lib.read_kept())
    lib.keep(ffi.NULL)  # forget it before `owner` goes


# ANCHOR_END: dangling


# ANCHOR: stale
ADD_N = """#[unsafe(no_mangle)]
pub extern "C" fn add_n(x: i32) -> i32 { x.wrapping_add(N) }"""


def build_add_n(n: int, library: Path) -> None:
    """Compile a one-function cdylib that adds `n`, into `library`."""
    source = library.with_suffix(".rs")
    source.write_text(ADD_N.replace("N", str(n)))
    subprocess.run(
        ["rustc", "--edition", "2024", "--crate-type", "cdylib",
         "-o", str(library), str(source)],
        check=True,
    )  # fmt: skip


def stale() -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "libadd_n.so"
        ffi = FFI()
        ffi.cdef("int32_t add_n(int32_t x);")
        build_add_n(2, library)
        first = ffi.dlopen(str(library))
        print("built to add 2: add_n(10) =", first.add_n(10))
        build_add_n(3, library)  # as after editing lib.rs and cargo build
        again = ffi.dlopen(str(library))
        print("rebuilt to add 3, dlopen again: add_n(10) =", again.add_n(10))
        fresh = subprocess.run(
            [sys.executable, "-c", FRESH, str(library)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print("a new Python process: add_n(10) =", fresh)
        # `ffi` keeps every library it opened, so close each handle
        # (unusable afterwards): only then may the loader unload it.
        ffi.dlclose(first)
        ffi.dlclose(again)
        reloaded = ffi.dlopen(str(library))
        print("after ffi.dlclose of both: add_n(10) =", reloaded.add_n(10))


FRESH = """import sys, cffi
ffi = cffi.FFI(); ffi.cdef("int32_t add_n(int32_t x);")
print(ffi.dlopen(sys.argv[1]).add_n(10))"""


# ANCHOR_END: stale


# ANCHOR: tools
def crash_in_a_child(
    *tool: str, mode: str, python: tuple[str, ...] = (), **env: str
) -> str:
    """Run this script's `mode` in a new Python process, under `tool`
    (if any) and with `env` set; print the command, and return what the
    process printed, without what changes from run to run."""
    command = [*tool, sys.executable, *python, __file__, mode]
    settings = [f"{name}={value}" for name, value in env.items()]
    shown = [*settings, *tool, "python", *python, __file__, mode]
    print("$", shlex.join(shown))
    environment = dict(os.environ, **env)
    if "RUST_BACKTRACE" not in env:
        environment.pop("RUST_BACKTRACE", None)
    done = subprocess.run(
        command,
        cwd=ROOT,  # Rust prints source paths relative to its folder
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    text = re.sub(r"0x[0-9A-Fa-f]{6,}", "0x…", done.stdout)  # addresses
    text = re.sub(r"==\d+==", "==…==", text)  # valgrind's process id
    text = re.sub(r"(from |\(in )/\S*/", r"\1", text)  # library folders
    # Indented: the child's lines, under the command that printed them.
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


def faulthandler() -> None:
    print(crash_in_a_child(mode="null-release", python=("-X", "faulthandler")))


def backtrace() -> None:
    """The first frames, with the source lines of your code only (not
    where std or Python were built); the rest, libffi's and Python's,
    counted."""
    text = crash_in_a_child(mode="null-debug", RUST_BACKTRACE="1")
    frames, in_frames, lines = 0, False, []
    for line in text.splitlines():
        words = line.split()
        if words and re.fullmatch(r"\d+:", words[0]):  # "4: read_value"
            frames, in_frames = frames + 1, True
            if frames > 6:
                continue
        elif in_frames and words and words[0] == "at":
            if frames > 6 or words[1].startswith("/"):
                continue
        elif in_frames:
            lines.append(f"     [{frames} frames in all]")
            in_frames = False
        lines.append(line)
    print("\n".join(lines))


def gdb() -> None:
    text = crash_in_a_child(
        "gdb", "-batch", "-nx", "-iex", "set auto-load off", "-ex", "run",
        "-ex", "bt 3", "--args", mode="null-release",
    )  # fmt: skip
    keep = ("  release:", "  Program received", "  #")
    print("\n".join(s for s in text.splitlines() if s.startswith(keep)))


def valgrind() -> None:
    suppressions = ROOT / "scripts" / "valgrind-python.supp"
    text = crash_in_a_child(
        "valgrind", "--quiet", f"--suppressions={suppressions}",
        mode="dangling", PYTHONMALLOC="malloc",
    )  # fmt: skip
    # Each of valgrind's stacks: its first two frames (the rest is Python).
    lines, depth = [], 0
    for line in text.rstrip().splitlines():
        frame = re.match(r"  ==…==    (at|by) ", line)
        depth = depth + 1 if frame else 0
        if depth <= 2:
            lines.append(line)
    print("\n".join(lines))


# ANCHOR_END: tools


def summary() -> None:
    """Make every mistake above that Python survives; print one line each."""
    with contextlib.redirect_stdout(io.StringIO()):  # the details: above
        for make_mistakes in [
            not_found,
            undefined_symbol,
            cdef_errors,
            wrong_signature,
            prefer_dynamic,
            cffi_errors,
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
    "cffi-errors": cffi_errors,
    "stale": stale,
    "dangling": dangling,
    "faulthandler": faulthandler,
    "backtrace": backtrace,
    "gdb": gdb,
    "valgrind": valgrind,
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
