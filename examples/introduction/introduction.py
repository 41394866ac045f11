"""Print the tools that produced this book's outputs."""

import platform
import subprocess
from importlib.metadata import version

from cffi import FFI

from ffi_book import library_path

ffi = FFI()
ffi.cdef("const char *rustc_version(void);")
lib = ffi.dlopen(str(library_path("introduction")))


def rustc_version() -> str:
    """Ask the Rust library which compiler built it."""
    # The string belongs to the library: copy it, never free it.
    return ffi.string(lib.rustc_version()).decode("utf-8")


def cargo_version() -> str:
    done = subprocess.run(
        ["cargo", "--version"], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def main() -> None:
    print(f"Rust:     {rustc_version()}")
    print(f"Cargo:    {cargo_version()}")
    print(f"Python:   {platform.python_version()}")
    print(f"cffi:     {version('cffi')}")
    print(f"Platform: {platform.system()} {platform.machine()}")


if __name__ == "__main__":
    main()
