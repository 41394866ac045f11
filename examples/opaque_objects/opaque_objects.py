"""Hold a Rust object by pointer, and free it exactly once.

Usage: python opaque_objects.py [lifecycle | opaque | with | children]
(default: lifecycle)
"""

import copy
import pickle
import sys
import threading
import weakref

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

    typedef struct WordIter WordIter;  /* borrows its WordCounter */
    WordIter *counter_words(const WordCounter *counter);
    int32_t word_iter_next(WordIter *iter, const char **word, size_t *len,
                           uint64_t *count);
    void word_iter_free(WordIter *iter);

    #define STATUS_OK 0
    #define STATUS_NULL 1
    #define STATUS_NOT_UTF8 2
    #define STATUS_END 3
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
        self._children = weakref.WeakSet()  # open Words iterators

    def add(self, text: str) -> None:
        """Count the words of `text`."""
        data = utf8(text)
        with self._lock:
            counter = self._live()
            self._end_children("changed")  # they borrow what add changes
            check(lib.counter_add(counter, data, len(data)))

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
            self._end_children("closed")
            counter, self._counter = self._counter, None
            if counter is not None:
                ffi.release(counter)  # counter_free, now and never again

    def __reduce_ex__(self, protocol):
        # copy.copy, copy.deepcopy and pickle fall back on this (there is
        # no __copy__ or __deepcopy__). A copy would be a second owner of
        # one Rust object: refuse.
        raise TypeError(f"cannot copy or pickle a {type(self).__name__}")

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
    # ANCHOR: words
    def words(self) -> "Words":
        """An iterator over (word, count) pairs, in no fixed order."""
        with self._lock:
            words = Words(self, lib.counter_words(self._live()))
            self._children.add(words)
            return words

    def _end_children(self, why: str) -> None:
        """Free every open iterator: they borrow this counter's words."""
        for child in list(self._children):
            child._end(why)
        self._children.clear()


class Words:
    """A Rust WordIter: a child that borrows its WordCounter's words."""

    def __init__(self, parent: WordCounter, iterator) -> None:
        self._parent = parent  # keeps the counter alive while this lives
        self._iter = ffi.gc(iterator, lib.word_iter_free)
        self._ended = None  # why the parent ended this iterator

    def __iter__(self) -> "Words":
        return self

    def __next__(self) -> tuple[str, int]:
        word = ffi.new("const char **")
        length, count = ffi.new("size_t *"), ffi.new("uint64_t *")
        with self._parent._lock:  # the parent's calls and ours, in turn
            if self._iter is None:
                raise ValueError(f"its WordCounter was {self._ended}")
            status = lib.word_iter_next(self._iter, word, length, count)
            if status == lib.STATUS_END:
                raise StopIteration
            check(status)
            # Copy now: the bytes belong to the counter.
            return ffi.unpack(word[0], length[0]).decode(), count[0]

    def _end(self, why: str) -> None:  # called under the parent's lock
        iterator, self._iter = self._iter, None
        if iterator is not None:
            self._ended = why
            ffi.release(iterator)  # word_iter_free, now

    def __reduce_ex__(self, protocol):
        raise TypeError(f"cannot copy or pickle a {type(self).__name__}")


# ANCHOR_END: words


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


# ANCHOR: children
def words_alone() -> Words:
    counter = WordCounter()
    counter.add("to be or not to be")
    return counter.words()  # the counter's last name goes away here


def children() -> None:
    start = lib.live_allocations()
    counter = WordCounter()
    counter.add("to be or not to be")
    attempt("copy.copy(counter)", lambda: copy.copy(counter))
    attempt("pickle.dumps(counter)", lambda: pickle.dumps(counter))
    attempt("sorted(counter.words())", lambda: sorted(counter.words()))
    attempt(
        "sorted(words_alone())",
        lambda: sorted(words_alone()),
    )
    words = counter.words()
    counter.add("again")
    attempt("next(words) after add", lambda: next(words))
    words = counter.words()
    counter.close()
    attempt("next(words) after close", lambda: next(words))
    print("live allocations:", live(start))


# ANCHOR_END: children

MODES = {
    "lifecycle": lifecycle,
    "opaque": opaque,
    "with": with_block,
    "children": children,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "lifecycle"]()
