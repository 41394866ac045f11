"""Where the example crates' libraries are, on every platform.

Every example script imports this module (scripts/setup makes it
importable from the project's .venv). The scripts/example.py runner uses it
too, so the book and the scripts agree on one answer.
"""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

# The repository root: this file is <root>/examples/ffi_book.py.
ROOT = Path(__file__).resolve().parent.parent


# ANCHOR: library_filename
def library_filename(crate: str) -> str:
    """The file name a cdylib gets on this platform."""
    name = crate.replace("-", "_")  # Cargo turns - into _ in file names
    if sys.platform == "win32":
        return f"{name}.dll"  # no "lib" prefix on Windows
    if sys.platform == "darwin":
        return f"lib{name}.dylib"
    return f"lib{name}.so"  # Linux and the other Unix systems


# ANCHOR_END: library_filename


# ANCHOR: library_path
def target_dir() -> Path:
    """Cargo's output folder: $CARGO_TARGET_DIR, or target/ at the root."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    return ROOT / configured if configured else ROOT / "target"


def library_path(crate: str, profile: str = "debug") -> Path:
    """The absolute path of `crate`'s library, wherever Python runs from."""
    return target_dir() / profile / library_filename(crate)


# ANCHOR_END: library_path


# ANCHOR: exported_symbols
def exported_symbols(library: Path) -> list[str]:
    """The names a shared library exports: what dlopen can look up.

    Uses binutils' nm on Linux, and the system nm on macOS.
    """
    if sys.platform == "win32":
        raise NotImplementedError("use `dumpbin /exports` on Windows")
    if sys.platform == "darwin":
        command = ["nm", "-gU", str(library)]  # global, defined
    else:
        command = ["nm", "-D", "--defined-only", str(library)]
    listing = subprocess.run(
        command, capture_output=True, text=True, check=True
    ).stdout
    # Each line is "ADDRESS TYPE NAME": keep the names.
    names = [line.split()[-1] for line in listing.splitlines() if line]
    if sys.platform == "darwin":
        names = [name.removeprefix("_") for name in names]  # C's prefix
    return sorted(names)


# ANCHOR_END: exported_symbols


def outcome(call) -> str:
    """What `call()` returns (its repr), or the exception it raises, as
    "Type: message": one line for the scripts that show both."""
    try:
        return repr(call())
    except Exception as error:
        return f"{type(error).__name__}: {error}"


class RecordingLib:
    """Stands in for a cffi `lib` in the exercises' checks: every call
    through it goes to the real function, and is recorded in `calls` as
    (name, arguments, result). Constants pass through unrecorded. The
    records keep every argument alive, an ffi.gc cdata too: clear `calls`
    before counting what Rust still holds. `instead` maps a function's
    name to a stand-in, called as stand_in(real_function, *arguments):
    a Rust that answers differently, which only an answer that uses
    Rust's result follows."""

    def __init__(self, real_lib, instead=None):
        self.real_lib, self.calls = real_lib, []
        self.instead = instead or {}

    def __getattr__(self, name):
        value = getattr(self.real_lib, name)
        if not callable(value):
            return value
        stand_in = self.instead.get(name)

        def recorded(*args):
            call = [name, args, None]
            self.calls.append(call)  # recorded even if the call raises
            if stand_in is None:
                call[2] = value(*args)
            else:
                call[2] = stand_in(value, *args)
            return call[2]

        return recorded

    def count(self, name: str) -> int:
        """How many calls of `name` went through."""
        return sum(called == name for called, _, _ in self.calls)


@contextlib.contextmanager
def lib_replaced(module, answer, recording):
    """Puts `recording` in place of `module.lib`, and of every global name
    of the answer's module bound to that lib (`from slices import lib`),
    until the block ends: an exercise's check sees every call the answer
    makes, whichever way it reaches the lib."""
    real_lib = module.lib
    namespaces = vars(module), getattr(answer, "__globals__", {})
    bound = [
        (namespace, name)
        for namespace in namespaces
        for name, value in list(namespace.items())
        if value is real_lib
    ]
    for namespace, name in bound:
        namespace[name] = recording  # names are looked up on every call
    try:
        yield recording
    finally:
        for namespace, name in bound:
            namespace[name] = real_lib
