"""Measure how long the book and its checks take: the figures that no
test asserts, because this machine is shared and noisy.

(a) warm build: `mdbook build` with every example running through the
    runner, crates already compiled (a plain build, as `mdbook build` and
    `scripts/serve` start);
(b) floor: `mdbook build` with cmdrun disabled, plus every example script
    run once directly with the venv's Python, no runner;
(c) cold build: (a) with an empty Cargo target folder, so every crate
    compiles first (the tools already installed);
(d) the live lab: under `mdbook serve` in this repository, warm, the
    wait from an edit of hello_add_two's lib.rs to its new output on the
    page (median of --edits edits; the file is put back afterwards);
(e) `scripts/test`, warm, and `scripts/test STEM` for the chapter given
    by --chapter (default: the one whose commands take longest).

Prints the median of each, the ratio (a)/(b), whose target is at most
TARGET, and the targets of (d) and (e). Exits 1 if a target is missed.

Usage: python scripts/bench.py [--runs N] [--cold-runs N] [--edits N]
                               [--chapter STEM] [--no-suite]
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
import live_reload  # noqa: E402 (after the path)
from check_book import runner_commands  # noqa: E402
from example import parse_args, venv_python  # noqa: E402

TARGET = 1.3
LIVE_TARGET = 3.0  # seconds from an edit to the new output, median
SUITE_TARGET = 8 * 60  # seconds for a warm `scripts/test`
CHAPTER_TARGET = 90  # seconds for a warm `scripts/test STEM`
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


def run_scripts_directly(per_chapter: dict | None = None) -> None:
    python = str(venv_python())
    for stem, runner_args in runner_commands(ROOT):
        args = parse_args(runner_args)
        if args.chart:
            continue  # a chart runs no script: it draws a table's output
        example = ROOT / "examples" / args.example
        script = example / (args.script or f"{args.example}.py")
        start = time.perf_counter()
        subprocess.run(
            [python, str(script), *args.script_args],
            cwd=ROOT / args.cwd,
            capture_output=True,
            check=False,  # some examples fail on purpose
        )
        if per_chapter is not None:
            spent = time.perf_counter() - start
            per_chapter[stem] = per_chapter.get(stem, 0) + spent


def floor() -> None:
    mdbook_build(NO_CMDRUN)
    run_scripts_directly()


def cold_build() -> None:
    with tempfile.TemporaryDirectory() as target:
        mdbook_build({"CARGO_TARGET_DIR": target})


def live_lab_waits(edits: int) -> list[float]:
    """(d): edits under `mdbook serve` in this repository, warm, as a
    contributor works. hello_add_two's lib.rs is put back afterwards."""
    lib_rs = ROOT / "examples" / "hello_add_two" / "src" / "lib.rs"
    original = lib_rs.read_text()
    if "wrapping_add(2)" not in original:
        sys.exit(f"{lib_rs.relative_to(ROOT)} is edited: commit or undo it")
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "serve.log"
        try:
            with live_reload.serving(ROOT, dict(os.environ), log) as url:
                return live_reload.edit_and_wait(ROOT, url, log, edits)
        finally:
            aside = ROOT / "target" / "lib.rs.edit"
            aside.write_text(original)
            os.replace(aside, lib_rs)


def scripts_test(*args: str) -> float:
    """(e): one warm run of scripts/test; exits if it fails."""
    env = dict(os.environ)
    env.pop("FFI_BOOK_CACHE", None)
    start = time.perf_counter()
    done = subprocess.run(
        ["scripts/test", *args], cwd=ROOT, env=env, capture_output=True
    )
    spent = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"scripts/test {' '.join(args)} failed: run it to see why")
    return spent


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
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--chapter", help="the chapter of (e)")
    parser.add_argument(
        "--no-suite", action="store_true", help="skip (e), the slowest"
    )
    options = parser.parse_args()

    commands = len(runner_commands(ROOT))
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores")
    print(f"book: {commands} example commands; median of {options.runs} runs")
    mdbook_build()  # warm up: compile what changed, fill the OS caches
    per_chapter: dict[str, float] = {}
    run_scripts_directly(per_chapter)
    slowest = max(per_chapter, key=per_chapter.get)
    warm = median_of(options.runs, mdbook_build)
    least = median_of(options.runs, floor)
    cold = median_of(options.cold_runs, cold_build) if options.cold_runs else 0
    ratio = warm / least
    print(f"(a) warm build, every example running: {warm:6.2f} s")
    print(f"(b) floor, no cmdrun + scripts direct: {least:6.2f} s")
    if options.cold_runs:
        print(f"(c) cold build, empty target/:         {cold:6.2f} s")
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"(a)/(b) = {ratio:.2f}: {verdict} the target of {TARGET}")
    missed = ratio > TARGET

    waits = live_lab_waits(options.edits)
    live = statistics.median(waits)
    verdict = "meets" if live <= LIVE_TARGET else "MISSES"
    shown = ", ".join(f"{wait:.1f}" for wait in waits)
    print(f"(d) live lab, edit to new output:     {live:6.2f} s median of")
    print(f"    {shown} s: {verdict} the target of {LIVE_TARGET} s")
    missed |= live > LIVE_TARGET

    if not options.no_suite:
        chapter = options.chapter or slowest
        suite = scripts_test()
        one = scripts_test(chapter)
        for name, spent, target in (
            ("scripts/test", suite, SUITE_TARGET),
            (f"scripts/test {chapter}", one, CHAPTER_TARGET),
        ):
            verdict = "meets" if spent <= target else "MISSES"
            print(
                f"(e) {name}, warm: {spent:6.1f} s: {verdict} the target"
                f" of {target} s"
            )
            missed |= spent > target
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
