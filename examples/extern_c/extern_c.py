"""Call functions with and without extern "C", and see the difference.

Usage: python extern_c.py [abi | crash | ffi-safe | clippy]  (default: abi)
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    typedef struct { float x, y; } Point;
    typedef struct { int64_t a, b, c; } Triple;

    int32_t add_two(int32_t x);
    int32_t add_two_rust_abi(int32_t x);
    Point midpoint(Point a, Point b);
    Point midpoint_rust_abi(Point a, Point b);
    int64_t scaled_sum(Triple t, int64_t factor);
    int64_t scaled_sum_rust_abi(Triple t, int64_t factor);
""")
lib = ffi.dlopen(str(library_path("extern_c")))
# ANCHOR_END: cdef


# ANCHOR: abi
def compare_abis() -> None:
    print("add_two(10)          =", lib.add_two(10))
    print("add_two_rust_abi(10) =", lib.add_two_rust_abi(10))

    a, b = {"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}
    for name in ("midpoint", "midpoint_rust_abi"):
        m = getattr(lib, name)(a, b)
        # The wrong result is leftover register contents: it changes
        # from run to run, so print only whether it is right.
        verdict = "right" if (m.x, m.y) == (2.0, 3.0) else "WRONG"
        print(f"{name}((1, 2), (3, 4)) is {verdict}")


# ANCHOR_END: abi


# ANCHOR: crash
def crash() -> None:
    t = {"a": 1, "b": 2, "c": 3}
    print("scaled_sum((1, 2, 3), 10) =", lib.scaled_sum(t, 10), flush=True)
    print("scaled_sum_rust_abi((1, 2, 3), 10) = ...", flush=True)
    print(lib.scaled_sum_rust_abi(t, 10))  # the process dies here


# ANCHOR_END: crash


def compiler_warnings(compiler: str, source: str, *flags: str) -> None:
    """Compile `source`, a file of this folder, as a cdylib, and print the
    command, after the folder it runs in, and the compiler's warnings."""
    here = Path(__file__).parent
    with tempfile.TemporaryDirectory() as out_dir:
        command = [
            compiler, "--edition", "2024", "--crate-type", "cdylib", *flags,
            "--out-dir", out_dir, source,
        ]  # fmt: skip
        shown = " ".join(command).replace(out_dir, "out")
        print(f"examples/{here.name}$ {shown}")
        done = subprocess.run(
            command,
            cwd=here,
            capture_output=True,
            text=True,
            check=True,
        )
        print(done.stderr.rstrip())


def ffi_safety_warnings() -> None:
    """rustc's warnings for types that C cannot describe."""
    compiler_warnings("rustc", "not_ffi_safe.rs")


def rust_abi_warning() -> None:
    """clippy's warning for an exported function without extern "C"."""
    lint = "clippy::no_mangle_with_rust_abi"
    compiler_warnings("clippy-driver", "forgot_extern_c.rs", "-W", lint)


MODES = {
    "abi": compare_abis,
    "crash": crash,
    "ffi-safe": ffi_safety_warnings,
    "clippy": rust_abi_warning,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "abi"]()
