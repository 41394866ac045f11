"""Run every example command of the book under valgrind's memcheck.

Each script runs as the book runs it (same arguments, same folder) but
under `valgrind --tool=memcheck`, with Python's allocator switched to plain
malloc so that valgrind sees every block. A command fails on any invalid
read or write, any use of uninitialised memory, or any definitely-lost
block, unless scripts/valgrind-python.supp covers it.

That file may hide only what Python, cffi, numpy and the loader do on
their own. Each run first checks it against the baseline,
scripts/memcheck_baseline.py (the examples' machinery, no Rust library):
the baseline must be clean with the file, and every entry must be used
there, so no entry can be added to hide an example's error.

Not clean on purpose, each for its stated reason, and checked to match
the book:
- the commands that crash on purpose (a negative --status): CRASHES, not
  run;
- EXPECTED_DIRTY: undefined behaviour on purpose. They run, and memcheck
  must report them (a run that turns clean is a problem);
- LEAKS_ON_PURPOSE, not run (too slow under valgrind);
- the pages about time (TIMED_PAGES): valgrind makes timings meaningless
  and slow, not run;
- the exercises' starters, wrong on purpose (their solutions do run).

Usage: python scripts/check_memory.py [--only EXAMPLE] [--baseline]
--only runs one example's commands and exercise solutions (the baseline
and the lists are always checked); --baseline prints the errors the
baseline makes without suppressions, to review the file. Linux only.
Prints one line per command (with its time) and exits 1 on any problem.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "examples"))
from check_book import runner_commands  # noqa: E402 (after the path)
from example import build_if_needed, parse_args, venv_python  # noqa: E402
from ffi_book import target_dir  # noqa: E402
from outputs import TIMED_PAGES  # noqa: E402

# Commands that kill the process on purpose: "example script args".
CRASHES = {
    "extern_c extern_c.py crash",
    "scalars scalars.py panic",
    "errors_and_panics errors_and_panics.py abort",
    "errors_and_panics errors_and_panics.py c-unwind",
    "troubleshooting troubleshooting.py null-debug",
    "troubleshooting troubleshooting.py null-release",
}
# Commands memcheck must report: their page shows a mistake on purpose.
EXPECTED_DIRTY = {
    "extern_c extern_c.py": "calls Rust-ABI functions as if they were C: "
    "midpoint_rust_abi returns registers it never wrote",
    "extern_c exercise_self_test_solution.py": "the same calls",
}
# Not run: leaks on purpose, and too slow under valgrind (over 100 000
# calls and blocks; about 8 minutes on a 2-core machine).
LEAKS_ON_PURPOSE = {
    "strings_out strings_out.py leak": "leaks 100 000 strings to show it",
}
MEMORY_ERROR = 99  # valgrind's exit status when it found a problem
SUPPRESSIONS = ROOT / "scripts" / "valgrind-python.supp"
BASELINE = ROOT / "scripts" / "memcheck_baseline.py"
MEMCHECK = [
    "valgrind",
    "--tool=memcheck",
    "--quiet",
    "--keep-debuginfo=yes",  # name the frames of a library closed at exit
    "--leak-check=full",
    "--show-leak-kinds=definite",
    "--errors-for-leak-kinds=definite",
    f"--error-exitcode={MEMORY_ERROR}",
]


def command_name(args) -> str:
    script = args.script or f"{args.example}.py"
    return " ".join([args.example, script, *args.script_args])


def is_exercise_starter(args) -> bool:
    """A starter is wrong on purpose (it may leak); its solution is run."""
    script = args.script or ""
    return script.startswith("exercise_") and not script.endswith(
        "_solution.py"
    )


def book_commands() -> list:
    """(chapter, parsed runner arguments) for every cmdrun line, and for
    every exercise's solution (the page shows its code, not its run)."""
    commands = [
        (stem, parse_args(words))
        for stem, words in runner_commands(ROOT)
        if "--chart" not in words  # runs no script: draws a table's output
    ]
    for solution in sorted(ROOT.glob("examples/*/exercise_*_solution.py")):
        example = solution.parent.name
        commands.append((example, parse_args([example, solution.name])))
    return commands


def exclusion_problems(commands) -> list[str]:
    """The lists above must name exactly what the book runs."""
    names = {command_name(args) for _, args in commands}
    crashing = {command_name(a) for _, a in commands if a.status < 0}
    problems = []
    if crashing != CRASHES:
        problems.append(
            f"CRASHES lists {sorted(CRASHES)}, but the commands with a "
            f"negative --status are {sorted(crashing)}"
        )
    for listed, entries in [
        ("EXPECTED_DIRTY", EXPECTED_DIRTY),
        ("LEAKS_ON_PURPOSE", LEAKS_ON_PURPOSE),
    ]:
        for name in entries:
            if name not in names:
                problems.append(f"{listed} names {name!r}: not in the book")
            if name in CRASHES:
                problems.append(f"{listed} names {name!r}: it crashes")
    return problems


def valgrind(
    argv: list, cwd: Path, suppressions: bool = True, *options: str
) -> subprocess.CompletedProcess:
    """Run `python argv` under memcheck, as the book runs it."""
    env = dict(
        os.environ,
        PYTHONMALLOC="malloc",
        PYTHONPATH=str(ROOT / "examples"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("RUST_BACKTRACE", None)
    supp = [f"--suppressions={SUPPRESSIONS}"] if suppressions else []
    return subprocess.run(
        [*MEMCHECK, *supp, *options, str(venv_python()), *map(str, argv)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def report(stderr: str) -> str:
    """valgrind's own lines, indented."""
    return "\n".join(
        "    " + line
        for line in stderr.splitlines()
        if re.match(r"==\d+== +\S", line)
    )


def memcheck(args, root: Path = ROOT) -> tuple[str, str | None]:
    """Run one command under memcheck; return (name, problem or None)."""
    name = command_name(args)
    script = root / "examples" / args.example
    script /= args.script or f"{args.example}.py"
    done = valgrind([script, *args.script_args], root / args.cwd)
    dirty = done.returncode == MEMORY_ERROR
    if name in EXPECTED_DIRTY:
        if dirty:
            return name, None
        return name, (
            "memcheck reported nothing, but it is in EXPECTED_DIRTY ("
            f"{EXPECTED_DIRTY[name]}): remove it from the list, or find "
            "what hides its errors"
        )
    if dirty:
        return name, f"memcheck found problems:\n{report(done.stderr)}"
    if done.returncode != args.status:
        return name, (
            f"exit status {done.returncode} under valgrind, the book "
            f"expects {args.status}:\n{done.stderr[-2000:]}"
        )
    return name, None


def suppression_names() -> list[str]:
    """The name of each entry of the suppressions file."""
    text = SUPPRESSIONS.read_text(encoding="utf-8")
    return re.findall(r"^\{\s*\n\s*(\S+)", text, flags=re.MULTILINE)


def run_baseline(suppressions: bool) -> subprocess.CompletedProcess:
    """The baseline script under memcheck (its API-mode module is
    compiled first, without valgrind)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [venv_python(), BASELINE, "--build", folder],
            capture_output=True,
            check=True,
        )
        # -s lists the suppressions used (with them); without, the errors once.
        used = ["-s"] if suppressions else []
        return valgrind([BASELINE, folder], ROOT, suppressions, *used)


def baseline_problems() -> list[str]:
    """The suppressions must suffice for the baseline, each one needed."""
    done = run_baseline(suppressions=True)
    if done.returncode == MEMORY_ERROR:
        return [
            "the baseline (no Rust) is not clean with "
            f"{SUPPRESSIONS.name}: Python's own errors changed; review them "
            "with --baseline, then update the file:\n" + report(done.stderr)
        ]
    if done.returncode != 0:
        return [f"the baseline failed:\n{done.stderr[-2000:]}"]
    used = set(re.findall(r"used_suppression:\s+\d+ (\S+)", done.stderr))
    return [
        f"{SUPPRESSIONS.name}: entry {name!r} matches nothing in the "
        "baseline: remove it (it may only hide what Python does alone)"
        for name in suppression_names()
        if name not in used
    ]


TIMES = target_dir() / "check_memory-times.json"


def slowest_first(groups: list[list]) -> list[list]:
    """The groups ordered by their time in the last run, longest first, so
    that the workers finish together (unknown commands count 10 s)."""
    try:
        times = json.loads(TIMES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        times = {}
    return sorted(
        groups,
        key=lambda group: (
            -sum(times.get(command_name(args), 10.0) for args in group)
        ),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="check only this example's commands")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="show the baseline's errors without suppressions, and stop",
    )
    options = parser.parse_args()
    if options.baseline:
        done = run_baseline(suppressions=False)
        print(report(done.stderr))
        return 0

    commands = book_commands()
    problems = exclusion_problems(commands)
    to_run = []
    for stem, args in commands:
        name = command_name(args)
        if options.only and args.example != options.only:
            continue
        if name in CRASHES or name in LEAKS_ON_PURPOSE or stem in TIMED_PAGES:
            print(f"check_memory: skipped {name}")
            continue
        if is_exercise_starter(args):
            print(f"check_memory: skipped {name} (an exercise starter)")
            continue
        to_run.append(args)
    # One example's commands may share build folders under target/: they
    # run one after another; different examples run side by side.
    by_example: dict[str, list] = {}
    for args in to_run:
        by_example.setdefault(args.example, []).append(args)
    for example in by_example:
        build_if_needed(example)
    times: dict[str, float] = {}

    def run_group(group: list) -> list:
        results = []
        for args in group:
            start = time.monotonic()
            results.append(memcheck(args))
            times[command_name(args)] = time.monotonic() - start
        return results

    jobs = [baseline_problems, *slowest_first(list(by_example.values()))]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = [
            pool.submit(job) if callable(job) else pool.submit(run_group, job)
            for job in jobs
        ]
        problems += futures[0].result()
        for future in futures[1:]:
            for name, problem in future.result():
                if problem:
                    problems.append(f"{name}: {problem}")
                else:
                    state = "clean"
                    if name in EXPECTED_DIRTY:
                        state = "reported, as expected,"
                    print(
                        f"check_memory: {state} {name} ({times[name]:.0f} s)"
                    )
    try:
        known = json.loads(TIMES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    TIMES.write_text(json.dumps(known | times, indent=1), encoding="utf-8")
    for problem in problems:
        print(f"check_memory: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
