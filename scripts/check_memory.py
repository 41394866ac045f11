"""Run every example command of the book under valgrind's memcheck.

Each script runs as the book runs it (same arguments, same folder) but
under `valgrind --tool=memcheck`, with Python's allocator switched to plain
malloc so that valgrind sees every block. A command fails on any invalid
read or write, any use of uninitialised memory, or any definitely-lost
block that Python itself did not allocate. Python's own noise is silenced
by scripts/valgrind-python.supp, whose every entry requires the error's
top frame to be inside Python or the system loader: an error in an
example crate's code is never suppressed.

Not run, each for its stated reason, and checked to match the book:
- the commands that crash on purpose (a negative --status): CRASHES;
- the commands listed in LEAKS_ON_PURPOSE;
- the pages about time (TIMED_PAGES): valgrind makes timings meaningless
  and slow;
- the exercises' starters, wrong on purpose (their solutions do run).

Usage: python scripts/check_memory.py [--only EXAMPLE]
Linux only. Prints one line per command and exits 1 on any problem.
"""

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from check_book import runner_commands  # noqa: E402 (after the path)
from example import parse_args, venv_python  # noqa: E402
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
LEAKS_ON_PURPOSE = {
    "strings_out strings_out.py leak": "leaks 100 000 strings to show it",
}
MEMORY_ERROR = 99  # valgrind's exit status when it found a problem
SUPPRESSIONS = ROOT / "scripts" / "valgrind-python.supp"


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
        (stem, parse_args(words)) for stem, words in runner_commands(ROOT)
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
    for name in LEAKS_ON_PURPOSE:
        if name not in names:
            problems.append(
                f"LEAKS_ON_PURPOSE names {name!r}: not in the book"
            )
    return problems


def memcheck(args) -> tuple[str, str | None]:
    """Run one command under memcheck; return (name, problem or None)."""
    name = command_name(args)
    script = ROOT / "examples" / args.example / (args.script or "")
    if not args.script:
        script = script / f"{args.example}.py"
    env = dict(
        os.environ, PYTHONMALLOC="malloc", PYTHONPATH=str(ROOT / "examples")
    )
    env.pop("RUST_BACKTRACE", None)
    done = subprocess.run(
        [
            "valgrind",
            "--tool=memcheck",
            "--quiet",
            f"--suppressions={SUPPRESSIONS}",
            "--leak-check=full",
            "--show-leak-kinds=definite",
            "--errors-for-leak-kinds=definite",
            f"--error-exitcode={MEMORY_ERROR}",
            str(venv_python()),
            str(script),
            *args.script_args,
        ],
        cwd=ROOT / args.cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode == MEMORY_ERROR:
        report = "\n".join(
            "    " + line
            for line in done.stderr.splitlines()
            if line.startswith("==")
        )
        return name, f"memcheck found problems:\n{report}"
    if done.returncode != args.status:
        return name, (
            f"exit status {done.returncode} under valgrind, the book "
            f"expects {args.status}:\n{done.stderr[-2000:]}"
        )
    return name, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="check only this example's commands")
    options = parser.parse_args()

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
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for results in pool.map(
            lambda group: [memcheck(args) for args in group],
            by_example.values(),
        ):
            for name, problem in results:
                if problem:
                    problems.append(f"{name}: {problem}")
                else:
                    print(f"check_memory: clean {name}")
    for problem in problems:
        print(f"check_memory: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
