"""Exercise: bring back every error raised in Rust's threads.

Run it: python examples/threads_and_gil/exercise_every_error.py
It prints FAIL and the reason until `run_all` is right, then PASS.
"""

import threading

from ffi_book import RecordingLib
from threads_and_gil import ffi, lib


# ANCHOR: task
def run_all(workers: int, job, lib=lib) -> int:
    """Through lib.run_workers, Rust starts `workers` threads and thread i
    calls job(i). Return the sum of the results. If jobs raise, raise one
    ExceptionGroup of all their errors instead, once Rust has returned.
    """

    @ffi.callback("uint64_t(uint32_t)")
    def call_job(worker):
        return job(worker)  # an error: cffi prints it, and returns 0

    total = ffi.new("uint64_t *")
    lib.run_workers(workers, call_job, total)
    return total[0]
    # ANCHOR_END: task


def make_job(failing: set[int], ran: list[int]):
    """job(i) = i * i, or ValueError for the workers in `failing`."""

    def job(worker: int) -> int:
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("job ran in Python's main thread, not Rust's")
        ran.append(worker)
        if worker in failing:
            raise ValueError(f"worker {worker} failed")
        return worker * worker

    return job


def check(run_all=run_all) -> None:
    """Print PASS, or FAIL and the reason. Whatever order the threads
    finish in, the verdict is the same: errors are compared as a set."""
    for failing in (set(), {1, 3}, set()):  # the last: no stale errors
        recording, ran = RecordingLib(lib), []
        call = f"run_all(4, job failing for {sorted(failing) or 'none'})"
        try:
            result = run_all(4, make_job(failing, ran), lib=recording)
        except Exception as error:
            result = error
        if recording.count("run_workers") != 1:
            print(f"FAIL: {call} did not call lib.run_workers once")
            return
        if sorted(ran) != [0, 1, 2, 3]:
            print(f"FAIL: {call} ran the jobs of workers {sorted(ran)}")
            return
        if not failing:
            if isinstance(result, Exception):
                print(f"FAIL: {call} raised {type(result).__name__}: {result}")
                return
            if result != 14:
                print(f"FAIL: {call} returned {result!r}, not 14")
                return
            continue
        if not isinstance(result, ExceptionGroup):
            print(f"FAIL: {call} gave {type(result).__name__}, no group")
            return
        errors = {f"{type(e).__name__}: {e}" for e in result.exceptions}
        expected = {f"ValueError: worker {n} failed" for n in failing}
        if errors != expected:
            print(f"FAIL: {call} grouped others than {sorted(expected)}")
            return
    print("PASS: 4 Rust threads ran the jobs; both errors came back")


if __name__ == "__main__":
    check()
