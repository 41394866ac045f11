"""What the "Threads and the GIL" chapter says, asserted.

Timings belong on the page, measured by the script, never in assertions:
these tests check results and the state that threads share.
"""

import asyncio
import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import threads_and_gil as example
from threads_and_gil import Tally, ffi, lib, run_workers, together

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture
def no_leak():
    """Fail the test if Rust's live allocations do not return to start."""
    gc.collect()
    start = lib.live_allocations()
    yield
    gc.collect()
    assert lib.live_allocations() == start


def test_threads_together_runs_the_call_once_in_each_new_thread():
    idents = []
    together(5, lambda: idents.append(threading.get_ident()))
    assert len(set(idents)) == 5
    assert threading.get_ident() not in idents


def test_threads_every_caller_calls_work_ms():
    callers = example.callers()
    assert list(callers) == ["cffi", "ctypes.CDLL", "ctypes.PyDLL"]
    for work_ms in callers.values():
        assert work_ms(1) is None


@pytest.mark.parametrize(
    ("workers", "total"), [(0, 0), (1, 0), (4, 14), (16, 1240)]
)
def test_threads_run_workers_sums_the_callbacks_results(
    workers, total, no_leak
):
    assert run_workers(workers, lambda worker: worker * worker) == total


def test_threads_callbacks_run_in_rust_threads_that_python_did_not_start(
    no_leak,
):
    ran_in = {}

    def record(worker):
        ran_in[worker] = threading.current_thread()
        return 0

    run_workers(6, record)
    threads = set(ran_in.values())
    assert sorted(ran_in) == list(range(6))
    assert len(threads) == 6
    assert threading.main_thread() not in threads
    assert all(isinstance(t, threading._DummyThread) for t in threads)


def test_threads_the_sum_wraps_around_like_rusts_wrapping_add(no_leak):
    assert run_workers(2, lambda worker: 2**64 - 1) == 2**64 - 2


def test_threads_an_exception_in_a_callback_is_raised_after_the_join(
    no_leak,
):
    done = []

    def job(worker):
        if worker == 2:
            raise KeyError("no job for worker 2")
        done.append(worker)
        return 1

    with pytest.raises(KeyError, match="no job for worker 2"):
        run_workers(4, job)
    assert sorted(done) == [0, 1, 3]  # the other workers ran to the end


@pytest.mark.parametrize(
    ("result", "error", "message"),
    [
        (-1, OverflowError, "can't convert negative number to unsigned"),
        (2**64, OverflowError, "int too big to convert"),
        ("1", TypeError, "an integer is required"),
    ],
)
def test_threads_a_result_that_is_not_a_uint64_raises(result, error, message):
    with pytest.raises(error, match=message):
        run_workers(2, lambda worker: result)


def test_threads_run_workers_refuses_null_and_writes_nothing(no_leak):
    total = ffi.new("uint64_t *", 7)
    assert lib.run_workers(2, ffi.NULL, total) == lib.NULL_ARGUMENT
    job = ffi.callback("uint64_t(uint32_t)", lambda worker: 1)
    assert lib.run_workers(2, job, ffi.NULL) == lib.NULL_ARGUMENT
    assert total[0] == 7


# sys._is_gil_enabled() exists from Python 3.13; before, there is a GIL.
GIL = getattr(sys, "_is_gil_enabled", lambda: True)()
needs_the_gil = pytest.mark.skipif(
    not GIL, reason="PyDLL deadlocks only when a GIL exists"
)


@needs_the_gil
def test_threads_show_callbacks_prints_what_the_chapter_reads(capsys):
    example.show_callbacks()
    assert capsys.readouterr().out.splitlines() == [
        "run_workers(4, square) -> 14",
        "square ran in 4 threads, of type _DummyThread",
        "the main thread among them: False",
        "through ctypes.PyDLL: calling run_workers(4, square)",
        "  no answer 1 s later: a deadlock, killed",
    ]


@needs_the_gil
def test_threads_callbacks_through_ctypes_pydll_deadlock():
    child = subprocess.Popen(
        [sys.executable, str(HERE / "threads_and_gil.py"), "pydll-callbacks"],
        stdout=subprocess.PIPE,
    )
    try:
        # It gets as far as the call (however long it takes to start)...
        assert child.stdout.readline() == b"calling run_workers(4, square)\n"
        # ...and the call never returns: a deadlock, not a slow call, so
        # any wait shows it; the test does not depend on the machine's load.
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=1)
    finally:
        child.kill()
        child.wait()


# Shared state


def test_threads_atomic_and_locked_counters_never_lose_an_increment(no_leak):
    tally = Tally()
    for kind in example.KINDS:
        together(4, lambda kind=kind: tally.add(kind, 50_000))
    counts = tally.counts()
    assert counts["atomic"] == counts["locked"] == 200_000
    assert counts["racy"] <= 200_000  # how many are lost varies


def test_threads_one_thread_counts_exactly_with_every_kind(no_leak):
    tally = Tally()
    for kind in example.KINDS:
        tally.add(kind, 1000)
    assert tally.counts() == {"atomic": 1000, "locked": 1000, "racy": 1000}


def test_threads_a_tally_is_freed_when_its_last_reference_goes(no_leak):
    before = lib.live_allocations()
    tally = Tally()
    assert lib.live_allocations() == before + 1
    del tally
    assert lib.live_allocations() == before


@pytest.mark.parametrize(
    ("kind", "times", "error", "message"),
    [
        (
            "sloppy",
            1,
            ValueError,
            "kind is one of atomic, locked, racy, not .sloppy.",
        ),
        ("atomic", -1, OverflowError, "times must fit in uint64_t, not -1"),
        ("atomic", 2**64, OverflowError, "times must fit in uint64_t"),
        ("atomic", 1.5, TypeError, "times must be an int, not float"),
    ],
)
def test_threads_tally_add_refuses_bad_arguments(
    kind, times, error, message, no_leak
):
    tally = Tally()
    with pytest.raises(error, match=message):
        tally.add(kind, times)
    assert tally.counts() == {"atomic": 0, "locked": 0, "racy": 0}


def test_threads_tally_functions_ignore_null():
    lib.tally_add_atomic(ffi.NULL, 1)
    lib.tally_free(ffi.NULL)
    counts = lib.tally_counts(ffi.NULL)
    assert (counts.atomic, counts.locked, counts.racy) == (0, 0, 0)


def test_threads_show_tally_counts_the_safe_kinds_exactly(capsys, no_leak):
    example.show_tally(threads=2, times=1000)
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "2 threads x 1000 increments, expected 2000",
        "  atomic      2000  exact",
        "  locked      2000  exact",
    ]
    assert lines[3].startswith("  racy ")


def run_script(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "threads_and_gil.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_threads_the_gil_mode_prints_a_ratio_per_caller(tmp_path):
    done = run_script("gil", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("One call of work_ms(200) alone: ")
    assert lines[1] == "4 threads, one call each, in units of that one call:"
    names = [line.split()[0] for line in lines[2:]]
    assert names == ["cffi", "ctypes.CDLL", "ctypes.PyDLL"]
    assert all(line.endswith("x") for line in lines[2:])


def test_threads_an_unknown_mode_names_the_modes():
    done = run_script("nonsense")
    assert done.returncode == 1
    assert "unknown mode 'nonsense'; the modes are gil, callbacks" in (
        done.stderr
    )


# A Rust thread that outlives the call


def test_threads_ticks_arrive_in_order_on_the_loops_thread(no_leak):
    async def first_ticks() -> tuple[list[int], int, int]:
        ticks = example.Ticks(interval_ms=1, ticks=1_000_000)
        got = [await ticks.next() for _ in range(5)]
        made = ticks.close()
        await asyncio.sleep(0)
        return got, made, 5 + ticks.waiting()

    got, made, received = asyncio.run(first_ticks())
    assert got == [1, 2, 3, 4, 5]
    assert made == received >= 5


def test_threads_a_ticker_stops_after_its_ticks(no_leak):
    async def all_ticks() -> tuple[list[int], int]:
        async with example.Ticks(interval_ms=1, ticks=3) as ticks:
            got = [await ticks.next() for _ in range(3)]
        return got, ticks.close()

    assert asyncio.run(all_ticks()) == ([1, 2, 3], 0)


def test_threads_no_tick_arrives_after_close(no_leak):
    async def after_close() -> int:
        ticks = example.Ticks(interval_ms=1, ticks=1_000_000)
        await ticks.next()
        ticks.close()
        await asyncio.sleep(0)
        before = ticks.waiting()
        await asyncio.sleep(0.02)
        return ticks.waiting() - before

    assert asyncio.run(after_close()) == 0


def test_threads_a_collected_ticks_stops_its_thread(no_leak):
    async def drop_it() -> None:
        ticks = example.Ticks(interval_ms=1, ticks=1_000_000)
        await ticks.next()
        del ticks  # weakref.finalize runs ticker_stop now

    asyncio.run(drop_it())
    # no_leak: the Ticker's allocations went back to Rust


def test_threads_a_forgotten_ticker_is_stopped_at_exit():
    # Without the finalizer the child aborts before Python 3.14; from 3.14
    # its ticker thread waits forever and the child still exits 0.
    done = run_script("forgotten", cwd=HERE)
    assert (done.returncode, done.stderr) == (0, "")


COLLECTED_ON_THE_TICKER = """
import asyncio, gc, threading
import threads_and_gil as example

collected = threading.Event()
dropped = threading.Event()
original = example._on_tick

@example.ffi.callback("OnTick")
def collecting_tick(tick, user_data):
    if tick == 1:
        dropped.wait()  # the Ticks below is garbage now
        gc.collect()  # its finalizer runs here, on the ticker's thread
        junk = [example.ffi.new("char[]", 64) for _ in range(2000)]  # reuse
    original(tick, user_data)  # reads user_data: the handle must live
    if tick == 1:
        collected.set()

async def main():
    gc.disable()  # so that only the ticker's thread collects
    example._on_tick = collecting_tick
    ticks = example.Ticks(interval_ms=1, ticks=1_000_000)
    ticks.cycle = ticks  # only the cyclic collector can free it
    del ticks
    dropped.set()
    collected.wait()
    print("stopped from its own thread")

asyncio.run(main())
"""


def test_threads_a_ticks_collected_on_its_own_ticker_thread_stops():
    # The finalizer calls ticker_stop on the thread it would join, before
    # the callback in progress reads user_data: the handle must outlive
    # that call (when freed, cffi aborts with "points to garbage").
    command = [sys.executable, "-c", COLLECTED_ON_THE_TICKER]
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "stopped from its own thread\n",
        "",
    )


def test_threads_ticker_functions_refuse_null(no_leak):
    assert lib.ticker_start(1, 1, ffi.NULL, ffi.NULL) == ffi.NULL
    assert lib.ticker_stop(ffi.NULL) == 0


def test_threads_ticks_mode_output(capsys):
    example.show_ticks()
    assert capsys.readouterr().out.splitlines() == [
        "tick 1, handled on the loop's thread: True",
        "tick 2, handled on the loop's thread: True",
        "tick 3, handled on the loop's thread: True",
        "every tick Rust made reached the loop: True",
        "ticks after close(): 0",
        "close() again returns 0",
        "a script that never closed its Ticks: exit status 0 and stderr ''",
    ]
