"""Wrong: error=0 makes each failed job count 0, and nothing is raised."""

from exercise_every_error import check
from threads_and_gil import ffi, lib


def run_all(workers: int, job, lib=lib) -> int:
    @ffi.callback("uint64_t(uint32_t)", error=0, onerror=lambda *_: None)
    def call_job(worker):
        return job(worker)

    total = ffi.new("uint64_t *")
    lib.run_workers(workers, call_job, total)
    return total[0]


if __name__ == "__main__":
    check(run_all)
