"""The solution of exercise_exact.py."""

import threading

from exercise_exact import check
from threads_and_gil import lib


# ANCHOR: solution
def count_together(threads: int, times: int) -> int:
    """The atomic counter: Rust makes each increment indivisible."""
    tally = lib.tally_new()
    workers = [
        threading.Thread(target=lib.tally_add_atomic, args=(tally, times))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    total = lib.tally_counts(tally).atomic
    lib.tally_free(tally)
    return total
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(count_together)
