"""Let Rust call Python functions: for one call, or stored for later.

Usage: python callbacks.py [first | handles | errors | dangling | run]
(default: run)
"""

import contextlib
import io
import re
import sys
import threading

from cffi import FFI

from ffi_book import library_path, outcome

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    typedef int (*OnWord)(const char *word, size_t len, void *user_data);

    int64_t for_each_word(const char *text, size_t len, OnWord on_word,
                          void *user_data);

    typedef struct Tokenizer Tokenizer;
    Tokenizer *tokenizer_new(OnWord on_word, void *user_data);
    int64_t tokenizer_run(const Tokenizer *tokenizer, const char *text,
                          size_t len);
    void tokenizer_free(Tokenizer *tokenizer);

    #define WORDS_NULL -1
    #define WORDS_NOT_UTF8 -2
    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("callbacks")))
# ANCHOR_END: cdef

GO_ON, STOP = 0, 1  # what an OnWord callback returns to Rust


# ANCHOR: first
@ffi.callback("OnWord")
def print_word(word, length, user_data):
    text = ffi.unpack(word, length)  # copies the bytes into Python
    print("  Python got", text)
    return STOP if text == b"or" else GO_ON


def first() -> None:
    text = b"to be or not to be"
    print("for_each_word(text, print_word):")
    visited = lib.for_each_word(text, len(text), print_word, ffi.NULL)
    print("  returned", visited)
    visited = lib.for_each_word(text, len(text), ffi.NULL, ffi.NULL)
    print("for_each_word(text, NULL) returned", visited)


# ANCHOR_END: first


# ANCHOR: wrapper
class _Call:
    """What the callback needs: the Python function, and room for the
    error of each run, one per thread."""

    def __init__(self, visit) -> None:
        if not callable(visit):
            raise TypeError(f"{type(visit).__name__} object is not callable")
        self.visit = visit
        # Rust calls back on the thread that called it, before returning:
        # a run's error stays on that thread, whoever else runs at once.
        self._run = threading.local()

    def keep(self, error: BaseException) -> None:
        self._run.error = error

    def take(self) -> BaseException | None:
        error = getattr(self._run, "error", None)
        self._run.error = None
        return error


def _keep_error(exception_type, error, traceback) -> None:
    """cffi calls this when _visit_word raises: keep the error for later."""
    if traceback is None:
        # No frame: cffi failed to convert the result, not _visit_word.
        raise error  # cffi prints it; Rust gets error=STOP
    # traceback.tb_frame is _visit_word's frame, which has the user_data.
    user_data = traceback.tb_frame.f_locals["user_data"]
    ffi.from_handle(user_data).keep(error.with_traceback(traceback))
    # Returning None makes cffi return error=STOP to Rust.


@ffi.callback("OnWord", error=STOP, onerror=_keep_error)
def _visit_word(word, length, user_data):
    call = ffi.from_handle(user_data)  # the _Call behind the void *
    stop = call.visit(ffi.unpack(word, length).decode("utf-8"))
    return STOP if stop else GO_ON


def _utf8(text: str) -> bytes:
    """`text` as UTF-8 bytes; TypeError for anything but a str."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return text.encode("utf-8")  # UnicodeEncodeError for lone surrogates


def _result(visited: int, call: _Call) -> int:
    """Raise this run's error, or a status as an error; else return."""
    error = call.take()
    if error is not None:
        try:
            raise error
        finally:
            del error  # no reference to it left in this frame: no cycle
    if visited == lib.WORDS_NULL:
        raise ValueError("a pointer argument was NULL")
    if visited == lib.WORDS_NOT_UTF8:
        raise ValueError("the text is not valid UTF-8")
    return visited


def for_each_word(text: str, visit) -> int:
    """Call visit(word) for each word of `text` until it returns True.

    Returns the number of words visited. An exception in `visit` stops
    Rust and is raised here.
    """
    data = _utf8(text)
    call = _Call(visit)
    handle = ffi.new_handle(call)  # a void * that stands for `call`
    # `handle` stays alive until Rust returns: from_handle is safe until
    # then, and only then.
    visited = lib.for_each_word(data, len(data), _visit_word, handle)
    return _result(visited, call)


# ANCHOR_END: wrapper


def attempt(label: str, call) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"{label:<36} -> {result}")


def handles() -> None:
    words = []
    attempt(
        "for_each_word('a b c', words.append)",
        lambda: for_each_word("a b c", words.append),
    )
    print(f"{'words':<36} -> {words!r}")
    attempt(
        "for_each_word('a b c', stop at b)",
        lambda: for_each_word("a b c", lambda word: word == "b"),
    )
    attempt("for_each_word('', print)", lambda: for_each_word("", print))
    attempt("for_each_word('a', None)", lambda: for_each_word("a", None))
    marker = object()
    handle = ffi.new_handle(marker)
    attempt("ffi.typeof(handle)", lambda: ffi.typeof(handle))
    attempt(
        "ffi.from_handle(handle) is marker",
        lambda: ffi.from_handle(handle) is marker,
    )


# ANCHOR: errors
def add_number(word, length, user_data):
    numbers = ffi.from_handle(user_data)  # a Python list
    numbers.append(int(ffi.unpack(word, length)))
    return GO_ON


add_number_default = ffi.callback("OnWord")(add_number)
add_number_or_stop = ffi.callback("OnWord", error=STOP)(add_number)


# ANCHOR_END: errors


def numbers_in(text: bytes, callback) -> None:
    numbers = []
    handle = ffi.new_handle(numbers)
    visited = lib.for_each_word(text, len(text), callback, handle)
    print(f"  Rust visited {visited} words, Python got {numbers}")


def printed_to_stderr(call) -> list[str]:
    """The lines call() printed to stderr, with addresses hidden."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        call()
    # A function's repr holds its address, which changes on every run.
    return re.sub(
        r" at 0x[0-9a-f]+", " at 0x…", stderr.getvalue()
    ).splitlines()


def errors() -> None:
    text = b"1 2 three 4"
    print("add_number_default (no error=):")
    printed = printed_to_stderr(lambda: numbers_in(text, add_number_default))
    print("  stderr:")
    for line in printed:
        print("  |", line)
    print("add_number_or_stop (error=STOP):")
    again = printed_to_stderr(lambda: numbers_in(text, add_number_or_stop))
    print("  stderr:", "the same lines" if again == printed else again)
    print("for_each_word, with onerror=_keep_error:")
    numbers = []
    printed = printed_to_stderr(
        lambda: attempt(
            "  for_each_word(text, ...)",
            lambda: for_each_word(
                text.decode(), lambda w: numbers.append(int(w))
            ),
        )
    )
    print(f"  Python got {numbers}")
    print("  stderr:", printed or "nothing")


# ANCHOR: tokenizer
class Tokenizer:
    """A Rust Tokenizer that calls on_word(word) for every word it runs.

    Sharing: no lock. Runs from several threads reach Rust at once, as the
    Rust type allows (it is Sync: a run only reads it), so on_word may be
    called from those threads at once. Each run's error is kept on the
    thread that runs it (see _Call)."""

    def __init__(self, on_word) -> None:
        self._call = _Call(on_word)
        # Rust stores both pointers: _visit_word lives as long as this
        # module, and the handle must live as long as the Rust tokenizer.
        self._handle = ffi.new_handle(self._call)
        tokenizer = lib.tokenizer_new(_visit_word, self._handle)
        self._tokenizer = ffi.gc(tokenizer, lib.tokenizer_free)

    def run(self, text: str) -> int:
        """Call on_word for each word of `text`; return how many."""
        data = _utf8(text)
        visited = lib.tokenizer_run(self._tokenizer, data, len(data))
        return _result(visited, self._call)


# ANCHOR_END: tokenizer


# ANCHOR: dangling
def whisper(word, length, user_data):
    print("  whisper() got", ffi.unpack(word, length).lower())
    return GO_ON


def shout(word, length, user_data):
    print("  shout() got", ffi.unpack(word, length).upper())
    return GO_ON


def tokenizer_with_a_temporary_callback():
    on_word = ffi.callback("OnWord")(whisper)
    return lib.tokenizer_new(on_word, ffi.NULL)
    # Wrong: `on_word` is freed here, and Rust still holds its address.


def dangling() -> None:
    tokenizer = tokenizer_with_a_temporary_callback()
    other = ffi.callback("OnWord")(shout)  # for something else entirely
    print("tokenizer_run(tokenizer, 'to be'):")
    lib.tokenizer_run(tokenizer, b"to be", 5)
    lib.tokenizer_free(tokenizer)
    del other


# ANCHOR_END: dangling


def writable_executable_mappings() -> int:
    """Memory mappings that are both writable and executable (Linux)."""
    with open("/proc/self/maps") as maps:
        return sum(line.split()[1].startswith("rwx") for line in maps)


# ANCHOR: run
def run() -> None:
    start = lib.live_allocations()
    seen = []
    tokenizer = Tokenizer(seen.append)
    print("tokenizer.run('to be or') ->", tokenizer.run("to be or"))
    print("tokenizer.run('not to be') ->", tokenizer.run("not to be"))
    print("seen:", seen)
    numbers = []
    parse = Tokenizer(lambda word: numbers.append(int(word)))
    try:
        parse.run("42 forty-two 7")
    except ValueError as error:
        print(f"parse.run('42 forty-two 7') raised: {error}")
    print("numbers:", numbers)
    print("live allocations:", f"{lib.live_allocations() - start:+}")
    del tokenizer, parse
    print("after del:", f"{lib.live_allocations() - start:+}")
    if sys.platform.startswith("linux"):
        print("writable+executable mappings:", writable_executable_mappings())


# ANCHOR_END: run

MODES = {
    "first": first,
    "handles": handles,
    "errors": errors,
    "dangling": dangling,
    "run": run,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "run"]()
