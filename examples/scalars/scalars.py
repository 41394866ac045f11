"""Numbers and booleans: which C type goes with which Rust type, and what
happens to a value that does not fit.

Usage: python scalars.py [table | ints | floats | bools | chars | add | panic]
(default: table)
"""

import sys
from collections.abc import Callable
from pathlib import Path

from cffi import FFI

from ffi_book import library_path

HERE = Path(__file__).resolve().parent

# ANCHOR: types
# Each C type, and the Rust type that the library uses for it.
TYPES = [
    ("int8_t", "i8"), ("uint8_t", "u8"),
    ("int16_t", "i16"), ("uint16_t", "u16"),
    ("int32_t", "i32"), ("uint32_t", "u32"),
    ("int64_t", "i64"), ("uint64_t", "u64"),
    ("intptr_t", "isize"), ("size_t", "usize"),
    ("float", "f32"), ("double", "f64"),
    ("bool", "bool"), ("char", "c_char"),
]  # fmt: skip

ffi = FFI()
for c_type, rust in TYPES:  # the four functions Rust exports per type
    ffi.cdef(f"""
        {c_type} echo_{rust}({c_type} x);
        size_t size_of_{rust}(void);
        {c_type} min_{rust}(void);
        {c_type} max_{rust}(void);
    """)
# ANCHOR_END: types
# ANCHOR: cdef
ffi.cdef("""
    int32_t char_len_utf8(uint32_t code);
    int32_t add_wrapping_i32(int32_t a, int32_t b);
    int32_t add_checked_i32(int32_t a, int32_t b, int32_t *sum);
    int32_t add_panicking_i32(int32_t a, int32_t b);
""")
# ANCHOR_END: cdef
lib = ffi.dlopen(str(library_path("scalars")))


# ANCHOR: check
class Mismatch(Exception):
    """A C type in the cdef is not the Rust type of the library."""


# The Python type each Rust type must come back as; int for the rest.
PYTHON_TYPE = {"f32": float, "f64": float, "bool": bool, "c_char": bytes}


def check_type(c_type: str, rust: str) -> tuple[str, list[str]]:
    """Check that `c_type` in cffi and `rust` in Rust are the same type.

    Returns the name of the Python type that cffi converts it to, and the
    checks that passed. Raises Mismatch if a check fails.
    """
    echo = getattr(lib, f"echo_{rust}")
    size = getattr(lib, f"size_of_{rust}")()
    if size != ffi.sizeof(c_type):
        raise Mismatch(f"{rust}: {size} bytes, {c_type}: {ffi.sizeof(c_type)}")
    lowest = getattr(lib, f"min_{rust}")()  # Rust's MIN, read as c_type
    highest = getattr(lib, f"max_{rust}")()
    wanted, got = PYTHON_TYPE.get(rust, int).__name__, type(lowest).__name__
    if wanted != got:  # an integer read as a float, or the other way
        raise Mismatch(f"{rust} gives Python {wanted}, {c_type} gives {got}")
    if echo(lowest) != lowest or echo(highest) != highest:
        raise Mismatch(f"{rust}::MIN or MAX changes on the way")
    checks = ["size", "type", "MIN", "MAX"]
    if isinstance(lowest, int):  # int or bool: cffi refuses one step more
        for beyond in (lowest - 1, highest + 1):
            try:
                echo(beyond)
            except OverflowError:
                continue
            raise Mismatch(f"{c_type} accepts {beyond}, {rust} does not")
        checks += ["MIN-1", "MAX+1"]
    return type(lowest).__name__, checks


def print_table() -> None:
    print(f"{'C type':9} {'Rust':7} {'Python':7} {'size':>4}  checked")
    for c_type, rust in TYPES:
        python, checks = check_type(c_type, rust)
        size = ffi.sizeof(c_type)
        print(f"{c_type:9} {rust:7} {python:7} {size:4}  {', '.join(checks)}")


# ANCHOR_END: check


# ANCHOR: show
def show(call: str) -> None:
    """Run `call`, a line of Python, and print its result or its error."""
    print(">>>", call, flush=True)  # printed even if the call kills Python
    try:
        print(repr(eval(call)))  # `call` is one of this file's strings
    except (OverflowError, TypeError, ValueError) as error:
        print(f"{type(error).__name__}: {error}")


# ANCHOR_END: show


def show_ints() -> None:
    show("lib.echo_i32(2**31 - 1)")
    show("lib.echo_i32(2**31)")
    show("lib.echo_u8(256)")
    show("lib.echo_u8(-1)")
    show("lib.echo_u64(2**64)")
    show("lib.echo_i32(2.0)")
    show("lib.echo_i32(True)")


def show_floats() -> None:
    show("lib.echo_f64(0.1)")
    show("lib.echo_f32(0.1)")
    show("lib.echo_f32(16_777_217)")
    show("lib.echo_f32(1e39)")
    show("lib.echo_f64(2**1024)")


def show_bools() -> None:
    show("lib.echo_bool(True)")
    show("lib.echo_bool(0)")
    show("lib.echo_bool(2)")
    show("lib.echo_bool(1.0)")
    show("lib.echo_bool(None)")
    show("lib.echo_bool('yes')")
    show("lib.echo_bool(bool('yes'))")


# ANCHOR: len_utf8
def len_utf8(char: str) -> int:
    """How many bytes `char` takes in UTF-8, as Rust counts them."""
    if not isinstance(char, str) or len(char) != 1:
        raise TypeError(f"expected a str of length 1, not {char!r}")
    count = lib.char_len_utf8(ord(char))  # ord(): 0 to 0x10FFFF
    if count < 0:
        raise ValueError(f"U+{ord(char):04X} is a surrogate, not a Rust char")
    return count


# ANCHOR_END: len_utf8


def show_chars() -> None:
    show("lib.echo_c_char(b'A')")
    show("lib.echo_c_char('A')")
    show("lib.echo_c_char(65)")
    show("lib.min_c_char()")
    show("lib.max_c_char()")
    show("len_utf8('A')")
    show("len_utf8('é')")
    show("len_utf8('🦀')")
    show(r"len_utf8('\ud800')")  # a lone surrogate: a valid Python str


# ANCHOR: add_checked
ADD_OK, ADD_OVERFLOW = 0, 1  # the status codes of add_checked_i32


def add_checked(a: int, b: int) -> int:
    """`a + b`, computed by Rust. Raises OverflowError if the sum does not
    fit in an int32_t, and cffi's OverflowError or TypeError if `a` or `b`
    does not.
    """
    # Python owns the out-parameter: cffi frees it when no reference to
    # `total` is left. Rust only writes to it during the call.
    total = ffi.new("int32_t *")
    status = lib.add_checked_i32(a, b, total)
    if status == ADD_OVERFLOW:
        raise OverflowError(f"{a} + {b} does not fit in int32_t")
    if status != ADD_OK:  # ADD_NULL: cannot happen, `total` is not NULL
        raise RuntimeError(f"add_checked_i32 returned status {status}")
    return total[0]


# ANCHOR_END: add_checked


def show_additions() -> None:
    show("lib.add_wrapping_i32(2**31 - 1, 1)")
    show("add_checked(2**31 - 1, 1)")
    show("add_checked(2, 3)")


def show_panic() -> None:
    show("lib.add_panicking_i32(2**31 - 1, 1)")  # Python dies here


MODES: dict[str, Callable[[], None]] = {
    "table": print_table,
    "ints": show_ints,
    "floats": show_floats,
    "bools": show_bools,
    "chars": show_chars,
    "add": show_additions,
    "panic": show_panic,
}


def main(mode: str) -> None:
    if mode not in MODES:
        sys.exit(f"unknown mode {mode!r}; the modes are {', '.join(MODES)}")
    MODES[mode]()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "table")
