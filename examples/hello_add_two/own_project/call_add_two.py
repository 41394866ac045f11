"""Call the Rust function add_two through cffi."""

import sys
from pathlib import Path

from cffi import FFI

# Cargo names the library after the crate, in the platform's way.
if sys.platform == "win32":
    FILE_NAME = "add_two.dll"
elif sys.platform == "darwin":
    FILE_NAME = "libadd_two.dylib"
else:
    FILE_NAME = "libadd_two.so"
# Built from this file's own folder, not from the working directory, so
# the script works wherever you start it from.
LIBRARY = Path(__file__).resolve().parent / "target" / "debug" / FILE_NAME

ffi = FFI()
ffi.cdef("int32_t add_two(int32_t x);")  # the signature, in C terms
lib = ffi.dlopen(str(LIBRARY))  # loaded at least while `lib` lives

print(lib.add_two(10))
