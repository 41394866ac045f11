"""Call add_two, add_four and add_three: the last is not in the library."""

import sys

from cffi import FFI

from ffi_book import library_path

# ANCHOR: calls
ffi = FFI()
ffi.cdef("""
    int32_t add_two(int32_t x);
    int32_t add_three(int32_t x);
    int32_t add_four(int32_t x);
""")
lib = ffi.dlopen(str(library_path("no_mangle")))


def main() -> int:
    print("add_two(10) =", lib.add_two(10))
    print("add_four(10) =", lib.add_four(10))  # private in Rust
    try:
        print("add_three(10) =", lib.add_three(10))
    except AttributeError as error:
        print(f"AttributeError: {error}")
        return 1
    return 0


# ANCHOR_END: calls


if __name__ == "__main__":
    sys.exit(main())
