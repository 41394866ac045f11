"""Hold a Rust object by pointer, and free it exactly once.

Usage: python opaque_objects.py [lifecycle | opaque | with]
(default: lifecycle)
"""

import sys
import threading

from cffi import FFI

from ffi_book import library_path, outcome

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    typedef struct WordCounter WordCounter;  /* opaque: no fields */

    WordCounter *counter_new(void);
    void counter_free(WordCounter *counter);
    int32_t counter_add(WordCounter *counter, const char *text,
                        size_t len);
    int32_t counter_count(const WordCounter *counter, const char *word,
                          size_t len, uint64_t *count);
    uint64_t counter_total(const WordCounter *counter);

    #define STATUS_OK 0
    #define STATUS_NULL 1
    #define STATUS_NOT_UTF8 2
    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("opaque_objects")))
# ANCHOR_END: cdef


def utf8(text: str) -> bytes:
    """`text` as UTF-8 bytes, for a `const char *` and a length."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return text.encode("utf-8")  # UnicodeEncodeError for lone surrogates


def check(status: int) -> None:
    """Turn a status from Rust into a Python exception."""
    if status == lib.STATUS_NULL:
        raise ValueError("a pointer argument was NULL")
    if status == lib.STATUS_NOT_UTF8:
        raise ValueError("the text is not valid UTF-8")
    if status != lib.STATUS_OK:
        raise RuntimeError(f"unknown status {status}")


# ANCHOR: owner
class WordCounter:
    """A Rust WordCounter: freed once, by close(), `with` or collection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one Rust call at a time
        # Rust allocates; when this cdata is collected, cffi calls
        # counter_free on it, unless close() released it first.
        self._counter = ffi.gc(lib.counter_new(), lib.counter_free)

    def add(self, text: str) -> None:
        """Count the words of `text`."""
        data = utf8(text)
        with self._lock:
            check(lib.counter_add(self._live(), data, len(data)))

    def __getitem__(self, word: str) -> int:
        """How many times `word` was counted (in lowercase)."""
        data = utf8(word)
        count = ffi.new("uint64_t *")  # Python's memory; Rust writes it
        with self._lock:
            check(lib.counter_count(self._live(), data, len(data), count))
        return count[0]

    @property
    def total(self) -> int:
        """How many words were counted."""
        with self._lock:
            return lib.counter_total(self._live())

    # ANCHOR_END: owner
    # ANCHOR: close
    def close(self) -> None:
        """Free the Rust object now. Closing again does nothing."""
        with self._lock:  # waits for a call in another thread to end
            counter, self._counter = self._counter, None
            if counter is not None:
                ffi.release(counter)  # counter_free, now and never again

    @property
    def closed(self) -> bool:
        return self._counter is None

    def __enter__(self) -> "WordCounter":
        self._live()  # `with` on a closed counter is an error
        return self

    def __exit__(self, *exception) -> None:
        self.close()

    def _live(self):
        if self._counter is None:
            raise ValueError("this WordCounter is closed")
        return self._counter


# ANCHOR_END: close


def attempt(label: str, call) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"{label:<28} -> {result}")


def live(start: int) -> str:
    """This library's live allocations, relative to `start`."""
    return f"{lib.live_allocations() - start:+}"


# ANCHOR: lifecycle
def lifecycle() -> None:
    start = lib.live_allocations()
    counter = WordCounter()
    print("after WordCounter():         live allocations", live(start))
    counter.add("The cat sat on the mat.")
    print("after counter.add(...):      live allocations", live(start))
    attempt("counter.total", lambda: counter.total)
    attempt("counter['THE']", lambda: counter["THE"])
    attempt("counter.close()", counter.close)
    attempt("counter.closed", lambda: counter.closed)
    attempt("counter.add('again')", lambda: counter.add("again"))
    attempt("counter['the']", lambda: counter["the"])
    attempt("counter.close() again", counter.close)
    print("after close():               live allocations", live(start))


# ANCHOR_END: lifecycle


# ANCHOR: opaque
def opaque() -> None:
    counter = lib.counter_new()
    attempt("ffi.typeof(counter)", lambda: ffi.typeof(counter))
    attempt("ffi.sizeof('WordCounter')", lambda: ffi.sizeof("WordCounter"))
    attempt("counter.total", lambda: counter.total)
    attempt("ffi.new('WordCounter *')", lambda: ffi.new("WordCounter *"))
    attempt(
        "counter_total(int *)",
        lambda: lib.counter_total(ffi.new("int *")),
    )
    attempt("counter_total(counter)", lambda: lib.counter_total(counter))
    attempt("counter_total(NULL)", lambda: lib.counter_total(ffi.NULL))
    attempt(
        "counter_add(NULL, ...)", lambda: lib.counter_add(ffi.NULL, b"a", 1)
    )
    attempt("counter_free(NULL)", lambda: lib.counter_free(ffi.NULL))
    lib.counter_free(counter)  # by hand: exactly once, then forget it


# ANCHOR_END: opaque


# ANCHOR: with
def with_block() -> None:
    start = lib.live_allocations()
    with WordCounter() as counter:
        counter.add("to be or not to be")
        print(f"inside the with block: {counter.total} words,", end=" ")
        print("live allocations", live(start))
    print(f"after the with block:  closed={counter.closed},", end=" ")
    print("live allocations", live(start))

    counter = WordCounter()
    counter.add("that is the question")
    print("a counter in a variable:     live allocations", live(start))
    del counter  # the last reference: ffi.gc calls counter_free
    print("after del counter:           live allocations", live(start))

    try:
        with WordCounter() as counter:
            counter.add("whether tis nobler")
            raise KeyError("something failed in the block")
    except KeyError:
        pass
    print(f"after an exception:    closed={counter.closed},", end=" ")
    print("live allocations", live(start))


# ANCHOR_END: with

MODES = {"lifecycle": lifecycle, "opaque": opaque, "with": with_block}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "lifecycle"]()
