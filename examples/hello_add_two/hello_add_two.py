"""Call the Rust function add_two from Python, through cffi."""

# ANCHOR: all
from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("int32_t add_two(int32_t x);")
# ANCHOR_END: cdef

# ANCHOR: dlopen
# An absolute path, which ffi_book builds from its own location in the
# repository: it works from any working directory. The library stays
# loaded while `lib` is alive.
lib = ffi.dlopen(str(library_path("hello_add_two")))
# ANCHOR_END: dlopen


def main() -> None:
    print(lib.add_two(10))


if __name__ == "__main__":
    main()
# ANCHOR_END: all
