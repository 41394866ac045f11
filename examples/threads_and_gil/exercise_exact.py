"""Exercise: count from four threads without losing updates.

Run it: python examples/threads_and_gil/exercise_exact.py
It prints FAIL and the reason until `count_together` is right, then PASS.
"""

import threading

from threads_and_gil import lib


# ANCHOR: task
def count_together(threads: int, times: int) -> int:
    """Let `threads` Python threads each add `times` to one Rust Tally at
    the same time, and return the final count. cffi releases the GIL in
    every call, so the threads really do run together in Rust."""
    tally = lib.tally_new()
    workers = [
        threading.Thread(target=lib.tally_add_racy, args=(tally, times))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total = lib.tally_counts(tally).racy
    lib.tally_free(tally)
    return total
    # ANCHOR_END: task


def check(count_together=count_together) -> None:
    """Print PASS, or FAIL and the reason."""
    threads, times = 4, 1_000_000
    try:
        total = count_together(threads, times)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if total != threads * times:
        print(f"FAIL: {threads} threads x {times} gave less than expected")
    else:
        print(f"PASS: {threads} threads x {times} gave exactly {total}")


if __name__ == "__main__":
    check()
