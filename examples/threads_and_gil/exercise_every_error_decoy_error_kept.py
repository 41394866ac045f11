"""Wrong: keeps the errors in a module-level list and never empties it."""

from exercise_every_error import check
from threads_and_gil import ffi, lib

_errors: list[Exception] = []  # shared by every call, and never emptied
_jobs = {}


def _keep(kind, error, traceback) -> None:
    _errors.append(error)


@ffi.callback("uint64_t(uint32_t)", onerror=_keep)
def _call_job(worker):
    return _jobs["job"](worker)


def run_all(workers: int, job, lib=lib) -> int:
    _jobs["job"] = job
    total = ffi.new("uint64_t *")
    lib.run_workers(workers, _call_job, total)
    if _errors:
        raise ExceptionGroup(f"{len(_errors)} jobs failed", list(_errors))
    return total[0]


if __name__ == "__main__":
    check(run_all)
