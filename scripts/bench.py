"""Measure how long the book takes to build, against the floor it cannot beat.

(a) warm build: `mdbook build` with every example running through the
    runner, crates already compiled (what scripts/test and CI do);
(b) floor: `mdbook build` with cmdrun disabled, plus every example script
    run once directly with the venv's Python, no runner;
(c) cold build: (a) with an empty Cargo target folder, so every crate
    compiles first (the tools already installed).

Prints the median of each, and the ratio (a)/(b), whose target is at most
TARGET. Exits 1 if the target is missed.

Usage: python scripts/bench.py [--runs N] [--cold-runs N]
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from check_book import runner_commands  # noqa: E402 (after the path)
from example import parse_args, venv_python  # noqa: E402

TARGET = 1.3
NO_CMDRUN = {"MDBOOK_PREPROCESSOR__CMDRUN__RENDERERS": '["none"]'}


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def mdbook_build(extra_env: dict[str, str] | None = None) -> None:
    env = dict(os.environ, **(extra_env or {}))
    env.pop("FFI_BOOK_CACHE", None)  # every example runs
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["mdbook", "build", "--dest-dir", out],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
        )


def run_scripts_directly() -> None:
    python = str(venv_python())
    for _, runner_args in runner_commands(ROOT):
        args = parse_args(runner_args)
        example = ROOT / "examples" / args.example
        script = example / (args.script or f"{args.example}.py")
        subprocess.run(
            [python, str(script), *args.script_args],
            cwd=ROOT / args.cwd,
            capture_output=True,
            check=False,  # some examples fail on purpose
        )


def floor() -> None:
    mdbook_build(NO_CMDRUN)
    run_scripts_directly()


def cold_build() -> None:
    with tempfile.TemporaryDirectory() as target:
        mdbook_build({"CARGO_TARGET_DIR": target})


def median_of(runs: int, action) -> float:
    return statistics.median(seconds(action) for _ in range(runs))


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=1)
    options = parser.parse_args()

    commands = len(runner_commands(ROOT))
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores")
    print(f"book: {commands} example commands; median of {options.runs} runs")
    mdbook_build()  # warm up: compile what changed, fill the OS caches
    warm = median_of(options.runs, mdbook_build)
    least = median_of(options.runs, floor)
    cold = median_of(options.cold_runs, cold_build)
    ratio = warm / least
    print(f"(a) warm build, every example running: {warm:6.2f} s")
    print(f"(b) floor, no cmdrun + scripts direct: {least:6.2f} s")
    print(f"(c) cold build, empty target/:         {cold:6.2f} s")
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"(a)/(b) = {ratio:.2f}: {verdict} the target of {TARGET}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
