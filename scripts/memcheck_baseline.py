"""What Python does under valgrind on its own: no example, no Rust.

scripts/check_memory.py runs this script under memcheck to learn which
errors Python, cffi and the system loader make by themselves; every entry
of scripts/valgrind-python.supp must be needed here, and suffice here.
It uses the machinery the examples use (cffi in ABI and API mode, calls
and callbacks through libffi, numpy, ctypes, threads, subprocess, raised
and printed exceptions), with C's own functions standing in for a crate.

Usage: python scripts/memcheck_baseline.py --build FOLDER  (no valgrind:
       compiles the API-mode module into FOLDER)
       python scripts/memcheck_baseline.py FOLDER  (the run to check)
"""

import ctypes
import gc
import io
import subprocess
import sys
import threading
import traceback
import weakref
from importlib.metadata import version
from pathlib import Path

import numpy as np
from cffi import FFI

CDEF = """
    typedef struct { int64_t a, b, c; } Triple;
    size_t strlen(const char *s);
    void qsort(void *base, size_t n, size_t size,
               int (*compare)(const void *, const void *));
    void *malloc(size_t size);
    void free(void *p);
    char *strdup(const char *s);
    double sqrt(double x);
"""
API_SOURCE = """
    static int64_t triple_sum(Triple t) { return t.a + t.b + t.c; }
"""
API_CDEF = """
    typedef struct { int64_t a, b, c; } Triple;
    int64_t triple_sum(Triple t);
    extern "Python" int keep(int x);
    int (*keep_pointer(void))(int);
"""
API_SOURCE_WITH_CALLBACK = (
    """
    typedef struct { int64_t a, b, c; } Triple;
    static int keep(int x);
    static int (*keep_pointer(void))(int) { return keep; }
"""
    + API_SOURCE
)


def build(folder: Path) -> None:
    ffi = FFI()
    ffi.cdef(API_CDEF)
    # An rpath with $ORIGIN, as the API-mode example links its crate.
    ffi.set_source(
        "_baseline_api",
        API_SOURCE_WITH_CALLBACK,
        extra_link_args=["-Wl,-rpath,$ORIGIN"],
    )
    ffi.compile(tmpdir=str(folder))


def abi_mode() -> None:
    ffi = FFI()
    ffi.cdef(CDEF)
    libc = ffi.dlopen(None)
    assert libc.strlen(b"hello") == 5
    numbers = ffi.new("int[]", [3, 1, 2])

    @ffi.callback("int(const void *, const void *)")
    def compare(a, b):
        x = ffi.cast("int *", a)[0]
        y = ffi.cast("int *", b)[0]
        return (x > y) - (x < y)

    libc.qsort(numbers, 3, ffi.sizeof("int"), compare)
    assert list(numbers) == [1, 2, 3]
    copy = ffi.gc(libc.strdup(b"owned"), libc.free)
    assert ffi.string(copy) == b"owned"
    del copy
    triple = ffi.new("Triple *", {"a": 1, "b": 2, "c": 3})
    assert triple.c == 3
    view = np.frombuffer(ffi.buffer(numbers), dtype=np.int32)
    assert view.sum() == 6
    assert ffi.from_buffer("double[]", np.arange(4.0))[3] == 3.0
    assert libc.sqrt(4.0) == 2.0
    try:
        libc.strlen(42)
    except TypeError:
        traceback.print_exc(file=io.StringIO())

    def in_thread():
        for _ in range(100):
            libc.strlen(b"thread")
            libc.qsort(numbers, 3, ffi.sizeof("int"), compare)

    threads = [threading.Thread(target=in_thread) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def api_mode(folder: Path) -> None:
    sys.path.insert(0, str(folder))
    from _baseline_api import ffi, lib

    @ffi.def_extern()
    def keep(x):
        return x * 2

    assert lib.triple_sum({"a": 1, "b": 2, "c": 3}) == 6
    assert lib.keep_pointer()(21) == 42


def other_machinery() -> None:
    assert ctypes.CDLL(None).strlen(b"ctypes") == 6
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    weakref.finalize(object, print, end="")
    gc.collect()
    assert version("cffi")


if __name__ == "__main__":
    if sys.argv[1] == "--build":
        build(Path(sys.argv[2]))
    else:
        abi_mode()
        api_mode(Path(sys.argv[1]))
        other_machinery()
        print("baseline done")
