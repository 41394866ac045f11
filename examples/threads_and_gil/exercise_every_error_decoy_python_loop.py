"""Wrong: runs the jobs one by one in Python, not in Rust's threads."""

from exercise_every_error import check
from threads_and_gil import lib


def run_all(workers: int, job, lib=lib) -> int:
    results, errors = [], []
    for worker in range(workers):
        try:
            results.append(job(worker))
        except Exception as error:
            errors.append(error)
    if errors:
        raise ExceptionGroup(f"{len(errors)} jobs failed", errors)
    return sum(results)


if __name__ == "__main__":
    check(run_all)
