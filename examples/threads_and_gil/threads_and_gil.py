"""Python threads calling Rust, Rust threads calling Python, and Rust state
that Python threads share.

Usage: python threads_and_gil.py [gil | callbacks | tally | ticks |
                                  pydll-callbacks | forgotten]
(default: gil, which measures; pydll-callbacks never returns)
"""

import asyncio
import ctypes
import functools
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable

from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
ffi = FFI()
ffi.cdef("""
    void work_ms(uint32_t ms);

    #define OK 0
    #define NULL_ARGUMENT 1
    #define NO_THREAD 2
    int32_t run_workers(uint32_t workers, uint64_t (*job)(uint32_t),
                        uint64_t *total);

    typedef struct Tally Tally;  /* opaque: only Rust knows its fields */
    typedef struct { uint64_t atomic, locked, racy; } TallyCounts;
    Tally *tally_new(void);
    void tally_free(Tally *tally);
    void tally_add_atomic(const Tally *tally, uint64_t times);
    void tally_add_locked(const Tally *tally, uint64_t times);
    void tally_add_racy(const Tally *tally, uint64_t times);
    TallyCounts tally_counts(const Tally *tally);

    typedef void (*OnTick)(uint64_t tick, void *user_data);
    typedef struct Ticker Ticker;
    Ticker *ticker_start(uint64_t interval_ms, uint64_t ticks,
                         OnTick on_tick, void *user_data);
    bool ticker_on_own_thread(const Ticker *ticker);
    uint64_t ticker_stop(Ticker *ticker);

    int64_t live_allocations(void);
""")
lib = ffi.dlopen(str(library_path("threads_and_gil")))
# ANCHOR_END: cdef


# ANCHOR: together
def together(threads: int, call: Callable[[], object]) -> float:
    """Run `call()` once in each of `threads` new Python threads, all
    released at the same moment; return the seconds until all are done.
    """
    start_line = threading.Barrier(threads + 1)

    def run() -> None:
        start_line.wait()
        call()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    start_line.wait()  # every thread is ready: go
    start = time.perf_counter()
    for thread in pool:
        thread.join()
    return time.perf_counter() - start


# ANCHOR_END: together


# ANCHOR: callers
def ctypes_work_ms(loader: type[ctypes.CDLL]):
    """work_ms through ctypes: CDLL releases the GIL, PyDLL holds it."""
    library = loader(str(library_path("threads_and_gil")))
    library.work_ms.argtypes = [ctypes.c_uint32]
    library.work_ms.restype = None
    return library.work_ms


def callers() -> dict[str, Callable[[int], None]]:
    return {
        "cffi": lib.work_ms,
        "ctypes.CDLL": ctypes_work_ms(ctypes.CDLL),
        "ctypes.PyDLL": ctypes_work_ms(ctypes.PyDLL),
    }


# ANCHOR_END: callers


# ANCHOR: measure
def measure_gil(threads: int = 4, ms: int = 200) -> None:
    one_call = together(1, functools.partial(lib.work_ms, ms))
    print(f"One call of work_ms({ms}) alone: {one_call * 1000:.0f} ms")
    print(f"{threads} threads, one call each, in units of that one call:")
    for name, work_ms in callers().items():
        elapsed = together(threads, functools.partial(work_ms, ms))
        print(f"  {name:13} {elapsed / one_call:.1f}x")


# ANCHOR_END: measure


# ANCHOR: run_workers
def run_workers(workers: int, job: Callable[[int], int]) -> int:
    """Rust starts `workers` threads; thread i calls job(i). Returns the sum
    of the results. An exception in `job` is raised here, after Rust has
    joined every thread.
    """
    errors: list[BaseException] = []

    def keep(kind, error, traceback) -> None:
        errors.append(error)  # cffi then returns 0 to Rust

    # cffi attaches the calling thread to Python (and takes the GIL where
    # there is one) before it runs this, whatever thread calls it.
    @ffi.callback("uint64_t(uint32_t)", onerror=keep)
    def call_job(worker: int) -> int:
        return job(worker)

    total = ffi.new("uint64_t *")  # Python's memory; Rust writes the sum
    status = lib.run_workers(workers, call_job, total)  # GIL released
    if errors:
        raise errors[0]
    if status == lib.NO_THREAD:
        raise RuntimeError(f"Rust could not start {workers} threads")
    if status != lib.OK:
        raise RuntimeError(f"run_workers returned status {status}")
    return total[0]


# ANCHOR_END: run_workers


def show_callbacks() -> None:
    ran_in: dict[int, threading.Thread] = {}  # worker -> Python's thread

    def square(worker: int) -> int:
        ran_in[worker] = threading.current_thread()
        return worker * worker

    print("run_workers(4, square) ->", run_workers(4, square))
    threads = set(ran_in.values())
    kinds = ", ".join(sorted({type(thread).__name__ for thread in threads}))
    print(f"square ran in {len(threads)} threads, of type {kinds}")
    print("the main thread among them:", threading.main_thread() in threads)
    show_pydll_deadlock()


# ANCHOR: pydll
def pydll_callbacks() -> None:
    """run_workers through ctypes.PyDLL, which keeps the GIL during calls."""
    library = ctypes.PyDLL(str(library_path("threads_and_gil")))
    job_type = ctypes.CFUNCTYPE(ctypes.c_uint64, ctypes.c_uint32)
    library.run_workers.argtypes = [
        ctypes.c_uint32, job_type, ctypes.POINTER(ctypes.c_uint64)
    ]  # fmt: skip
    library.run_workers.restype = ctypes.c_int32
    job = job_type(lambda worker: worker * worker)
    total = ctypes.c_uint64()
    print("calling run_workers(4, square)", flush=True)
    library.run_workers(4, job, ctypes.byref(total))
    print("run_workers(4, square) ->", total.value)


def show_pydll_deadlock(timeout: float = 1.0) -> None:
    """Run pydll_callbacks in a child process; kill it if it hangs."""
    command = [sys.executable, __file__, "pydll-callbacks"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        print("through ctypes.PyDLL:", child.stdout.readline().strip())
        try:
            child.wait(timeout=timeout)
            print("  and it returned", child.stdout.read().strip())
        except subprocess.TimeoutExpired:
            child.kill()
            print(f"  no answer {timeout:.0f} s later: a deadlock, killed")


# ANCHOR_END: pydll


# ANCHOR: tally
class Tally:
    """Rust's counters, shared by Python threads.

    Freed by cffi when the last reference goes. A thread inside a call
    holds a reference, so the Tally cannot be freed under it.
    """

    def __init__(self) -> None:
        self._pointer = ffi.gc(lib.tally_new(), lib.tally_free)

    def add(self, kind: str, times: int) -> None:
        if kind not in KINDS:
            raise ValueError(
                f"kind is one of {', '.join(KINDS)}, not {kind!r}"
            )
        if not isinstance(times, int):
            raise TypeError(
                f"times must be an int, not {type(times).__name__}"
            )
        if not 0 <= times < 2**64:
            raise OverflowError(f"times must fit in uint64_t, not {times}")
        getattr(lib, f"tally_add_{kind}")(self._pointer, times)

    def counts(self) -> dict[str, int]:
        counts = lib.tally_counts(self._pointer)
        return {kind: getattr(counts, kind) for kind in KINDS}


KINDS = ("atomic", "locked", "racy")


def show_tally(threads: int = 4, times: int = 1_000_000) -> None:
    tally = Tally()
    for kind in KINDS:
        together(threads, functools.partial(tally.add, kind, times))
    expected = threads * times
    print(f"{threads} threads x {times} increments, expected {expected}")
    for kind, count in tally.counts().items():
        lost = f"lost {expected - count}" if count != expected else "exact"
        print(f"  {kind:7} {count:>8}  {lost}")


# ANCHOR_END: tally


# ANCHOR: ticks
class _Inbox:
    """Where a ticker's callbacks go: one asyncio loop and its queue."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[int] = asyncio.Queue()


# Handles of tickers stopped from inside _on_tick, by address: the call
# in progress may still read its handle, so it is freed when that ends.
_parked: dict[int, object] = {}


@ffi.callback("OnTick")  # defined once; lives as long as the module
def _on_tick(tick: int, user_data) -> None:
    # On the ticker's thread: hand the tick to the loop's own thread.
    try:
        inbox = ffi.from_handle(user_data)
        inbox.loop.call_soon_threadsafe(inbox.queue.put_nowait, tick)
    except RuntimeError:  # the loop is closed: nobody listens any more
        pass
    finally:  # user_data's last use in this call
        _parked.pop(int(ffi.cast("uintptr_t", user_data)), None)


def _stop(ticker, handle) -> int:
    """Stop and join the Rust thread; keeps `handle` alive until then."""
    if lib.ticker_on_own_thread(ticker):  # the collector ran in _on_tick
        _parked[int(ffi.cast("uintptr_t", handle))] = handle
    return lib.ticker_stop(ticker)  # GIL released: a callback can finish


class Ticks:
    """Ticks from a Rust thread, awaited on the running asyncio loop."""

    def __init__(self, interval_ms: int, ticks: int) -> None:
        inbox = _Inbox()
        handle = ffi.new_handle(inbox)
        ticker = lib.ticker_start(interval_ms, ticks, _on_tick, handle)
        if ticker == ffi.NULL:
            raise RuntimeError("Rust could not start the ticker's thread")
        self._queue = inbox.queue
        # Runs once: on close(), when this object is collected, or at
        # interpreter exit, while the Rust thread can still take the GIL.
        self._stop = weakref.finalize(self, _stop, ticker, handle)

    async def next(self) -> int:
        return await self._queue.get()

    def waiting(self) -> int:
        """Ticks that arrived and were not awaited yet."""
        return self._queue.qsize()

    def close(self) -> int:
        """Stop the Rust thread; return how many ticks it made, or 0 if
        it was stopped already. No callback comes after this returns."""
        return self._stop() or 0

    async def __aenter__(self) -> "Ticks":
        return self

    async def __aexit__(self, *exception) -> None:
        self.close()


# ANCHOR_END: ticks


# ANCHOR: listen
async def listen() -> None:
    ticks = Ticks(interval_ms=5, ticks=1_000_000)
    try:
        for _ in range(3):
            tick = await ticks.next()
            here = threading.current_thread() is threading.main_thread()
            print(f"tick {tick}, handled on the loop's thread: {here}")
    finally:
        made = ticks.close()  # joins the Rust thread
    await asyncio.sleep(0)  # run the hand-overs scheduled before close()
    received = 3 + ticks.waiting()
    print("every tick Rust made reached the loop:", made == received)
    await asyncio.sleep(0.05)  # ten intervals
    print("ticks after close():", 3 + ticks.waiting() - received)
    print("close() again returns", ticks.close())


def forgotten() -> None:
    """Keep a Ticks past its loop and never close it (run as a child)."""

    async def start() -> Ticks:
        return Ticks(interval_ms=1, ticks=1_000_000)

    global kept  # alive until the interpreter exits
    kept = asyncio.run(start())  # the loop is closed when this returns
    time.sleep(0.05)  # ticks for a closed loop: dropped by _on_tick


def show_ticks() -> None:
    asyncio.run(listen())
    command = [sys.executable, __file__, "forgotten"]
    done = subprocess.run(command, capture_output=True, text=True)
    print("a script that never closed its Ticks: exit status", end=" ")
    print(done.returncode, "and stderr", repr(done.stderr))


# ANCHOR_END: listen


MODES: dict[str, Callable[[], None]] = {
    "gil": measure_gil,
    "callbacks": show_callbacks,
    "tally": show_tally,
    "pydll-callbacks": pydll_callbacks,
    "ticks": show_ticks,
    "forgotten": forgotten,
}


def main(mode: str) -> None:
    if mode not in MODES:
        sys.exit(f"unknown mode {mode!r}; the modes are {', '.join(MODES)}")
    MODES[mode]()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "gil")
