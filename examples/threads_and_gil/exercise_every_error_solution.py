"""The solution of exercise_every_error.py."""

from exercise_every_error import check
from threads_and_gil import ffi, lib


# ANCHOR: solution
def run_all(workers: int, job, lib=lib) -> int:
    """Keep each job's error; raise them together once Rust has joined
    its threads, so that no thread is left running Python code."""
    errors: list[Exception] = []

    def keep(kind, error, traceback) -> None:
        errors.append(error)  # each thread holds the GIL while here

    @ffi.callback("uint64_t(uint32_t)", onerror=keep)
    def call_job(worker):
        return job(worker)

    total = ffi.new("uint64_t *")
    status = lib.run_workers(workers, call_job, total)
    if errors:
        raise ExceptionGroup(f"{len(errors)} of {workers} jobs failed", errors)
    if status != lib.OK:
        raise RuntimeError(f"run_workers returned status {status}")
    return total[0]
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(run_all)
