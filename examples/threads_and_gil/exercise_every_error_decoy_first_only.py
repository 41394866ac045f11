"""Wrong: the chapter's run_workers, which keeps the first error only."""

from exercise_every_error import check
from threads_and_gil import ffi, lib


def run_all(workers: int, job, lib=lib) -> int:
    errors = []

    def keep(kind, error, traceback) -> None:
        errors.append(error)

    @ffi.callback("uint64_t(uint32_t)", onerror=keep)
    def call_job(worker):
        return job(worker)

    total = ffi.new("uint64_t *")
    lib.run_workers(workers, call_job, total)
    if errors:
        raise ExceptionGroup("a job failed", errors[:1])
    return total[0]


if __name__ == "__main__":
    check(run_all)
