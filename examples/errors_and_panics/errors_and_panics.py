"""Rust's errors and panics as Python exceptions, and what a panic does
when nothing catches it.

Usage: python errors_and_panics.py [errors | panic | poison | abort | c-unwind]
(default: errors)
"""

import sys
import threading
from collections.abc import Callable

from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    #define STATUS_OK 0
    #define STATUS_NULL 1
    #define STATUS_NOT_UTF8 2
    #define STATUS_INVALID 3
    #define STATUS_TOO_LONG 4
    #define STATUS_PANIC 5
    #define STATUS_POISONED 6

    int32_t parse_duration(const char *text, uint64_t *seconds);
    size_t last_error_message(char *buffer, size_t capacity);

    int32_t per_part(uint64_t seconds, uint64_t parts, uint64_t *result);
    uint64_t per_part_unguarded(uint64_t seconds, uint64_t parts);
    uint64_t per_part_c_unwind(uint64_t seconds, uint64_t parts);

    typedef struct Plan Plan;
    Plan *plan_new(void);
    void plan_free(Plan *plan);
    int32_t plan_add(Plan *plan, const char *text);
    int32_t plan_repeat(Plan *plan, uint64_t times);
    int32_t plan_total(Plan *plan, uint64_t *total);

    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("errors_and_panics")))
# ANCHOR_END: cdef


# ANCHOR: check
class RustPanic(RuntimeError):
    """Rust panicked: a bug in the library, caught at the boundary."""


# Each status of src/lib.rs, and the exception it becomes.
EXCEPTIONS: dict[int, type[Exception]] = {
    lib.STATUS_NULL: TypeError,
    lib.STATUS_NOT_UTF8: UnicodeError,  # a subclass of ValueError
    lib.STATUS_INVALID: ValueError,
    lib.STATUS_TOO_LONG: OverflowError,
    lib.STATUS_PANIC: RustPanic,
    lib.STATUS_POISONED: RustPanic,  # an earlier panic broke the object
}


def check(status: int) -> None:
    """Raise the exception for `status`, with Rust's message.

    Call it right after the failed call, on the same thread: the message
    lives in a thread-local slot that this thread's next guarded call
    (of a function that returns a Status) clears.
    """
    if status == lib.STATUS_OK:
        return
    size = lib.last_error_message(ffi.NULL, 0)  # NUL included; 0: none
    buffer = ffi.new("char[]", size)  # Python's memory, freed by cffi
    lib.last_error_message(buffer, size)
    message = ffi.string(buffer).decode("utf-8")
    exception = EXCEPTIONS.get(status)
    if exception is None:
        raise RuntimeError(f"unknown status {status}: {message}")
    raise exception(message)


# ANCHOR_END: check


# ANCHOR: wrappers
def c_text(text: str | bytes) -> bytes:
    """`text` as the bytes of a C string, or an error if C would misread
    it: every function that takes a `const char *` goes through here."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not isinstance(data, bytes):  # cffi would take a list as an array
        raise TypeError(f"expected str or bytes, not {type(text).__name__}")
    if b"\0" in data:
        raise ValueError(f"{text!r}: C would stop reading at the NUL")
    return data


def parse_duration(text: str | bytes) -> int:
    """The seconds in a duration such as '1h30m' (units d, h, m, s)."""
    seconds = ffi.new("uint64_t *")  # Python owns it; Rust writes into it
    check(lib.parse_duration(c_text(text), seconds))
    return seconds[0]


def per_part(seconds: int, parts: int) -> int:
    """`seconds` split into `parts` equal parts, rounded down."""
    result = ffi.new("uint64_t *")
    check(lib.per_part(seconds, parts, result))
    return result[0]


# ANCHOR_END: wrappers


# ANCHOR: plan
class Plan:
    """A Rust Plan: durations and their total."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plan = ffi.gc(lib.plan_new(), lib.plan_free)

    def _call(self, function, *args) -> None:
        with self._lock:  # Rust takes &mut Plan: one call at a time
            check(function(self._plan, *args))

    def add(self, text: str | bytes) -> None:
        self._call(lib.plan_add, c_text(text))

    def repeat(self, times: int) -> None:
        self._call(lib.plan_repeat, times)

    @property
    def total(self) -> int:
        total = ffi.new("uint64_t *")
        self._call(lib.plan_total, total)
        return total[0]


# ANCHOR_END: plan


def show(call: str, **names) -> None:
    """Run `call`, a line of Python that may use `names`, and print its
    result or its error."""
    print(">>>", call, flush=True)  # printed even if the call kills Python
    try:
        print(repr(eval(call, globals(), names)))  # one of this file's
    except Exception as error:
        print(f"{type(error).__name__}: {error}")


def show_errors() -> None:
    show("parse_duration('1h30m')")
    show("parse_duration('90')")
    show("parse_duration('1w')")
    show("parse_duration('')")
    show("parse_duration('300000000000000d')")
    show("parse_duration(b'1\\xffs')")
    show("check(lib.parse_duration(ffi.NULL, ffi.new('uint64_t *')))")
    show("parse_duration(90)")


def show_caught_panic() -> None:
    show("per_part(5400, 4)")
    start = lib.live_allocations()  # after the first call's set-up
    show("per_part(5400, 0)")
    show("per_part(5400, 3)")
    print(f"live allocations: {lib.live_allocations() - start:+}")


def show_poisoned_plan() -> None:
    plan = Plan()
    for call in [
        "plan.add('1s')",
        "plan.add('1h')",
        "plan.repeat(2)",
        "plan.total",
        "plan.repeat(2**52)",
        "plan.total",
        "plan.add('1s')",
    ]:
        show(call, plan=plan)


MODES: dict[str, Callable[[], None]] = {
    "errors": show_errors,
    "panic": show_caught_panic,
    "poison": show_poisoned_plan,
    "abort": lambda: show("lib.per_part_unguarded(5400, 0)"),
    "c-unwind": lambda: show("lib.per_part_c_unwind(5400, 0)"),
}


def main(mode: str) -> None:
    if mode not in MODES:
        sys.exit(f"unknown mode {mode!r}; the modes are {', '.join(MODES)}")
    MODES[mode]()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "errors")
