"""Describe tempconv._native for cffi's API mode.

setuptools runs this file (see cffi_modules in setup.py). It builds the
Rust crate as a static library and tells cffi to compile a C extension
module that calls it, with the library linked in: one file, nothing to
load at run time.
"""

import os
import re
import subprocess
from pathlib import Path

from cffi import FFI

CRATE = Path(__file__).resolve().parent.parent  # examples/wheel_packaging
ROOT = CRATE.parent.parent
TARGET = (
    ROOT
    / os.environ.get("CARGO_TARGET_DIR", "target")
    / "wheel_packaging"
    / "api_build"
)


# ANCHOR: staticlib
def build_static_library() -> tuple[Path, list[str]]:
    """Build the crate as a staticlib; return it and the system libraries
    it needs (rustc prints them as a note, "native-static-libs: ...")."""
    done = subprocess.run(
        [
            *("cargo", "rustc", "--release", "--locked", "--offline"),
            *("--manifest-path", str(CRATE / "Cargo.toml")),
            *("--crate-type", "staticlib", "--target-dir", str(TARGET)),
            *("--", "--print", "native-static-libs"),
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cargo failed:\n{done.stderr}")
    found = re.search(r"native-static-libs: (.*)", done.stderr)
    if found is None:
        raise RuntimeError(f"rustc named no native libraries:\n{done.stderr}")
    system_libraries = [flag.removeprefix("-l") for flag in found[1].split()]
    return TARGET / "release" / "libwheel_packaging.a", system_libraries


# ANCHOR_END: staticlib

# ANCHOR: ffibuilder
# The C declarations of the Rust functions, written by hand: cffi reads
# them (cdef), and the C compiler checks the generated calls against them.
DECLARATIONS = """
    double celsius_to_fahrenheit(double celsius);
    double fahrenheit_to_celsius(double fahrenheit);
"""

static_library, system_libraries = build_static_library()
ffibuilder = FFI()
ffibuilder.cdef(DECLARATIONS)
ffibuilder.set_source(
    "tempconv._native",  # the extension module's full name
    DECLARATIONS,  # C source: the compiler must know each prototype
    extra_objects=[str(static_library)],  # link the Rust code in
    libraries=system_libraries,  # and what Rust's std needs from the OS
)
# ANCHOR_END: ffibuilder
