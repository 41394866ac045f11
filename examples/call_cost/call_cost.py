"""Measure what a call into Rust costs, and when one call pays for many.

Builds the crate in release mode (as a cffi library, and with
`--features pyo3` as a PyO3 module for comparison), compiles a cffi
API-mode module against it, then times every way of calling `add(1, 2)`
in one process: interleaved, minimum of repeats. Then sums 10 million
doubles four ways.
"""

import ctypes
import importlib.util
import os
import platform
import subprocess
import sys
import timeit
from importlib.metadata import version
from pathlib import Path

import numpy as np
from cffi import FFI

from ffi_book import ROOT, library_filename, target_dir

OUT = target_dir() / "call_cost"
LOOPS = {"Python loop", "Rust, one call per element"}  # on a sample only
DECLARATIONS = """
    int64_t add(int64_t a, int64_t b);
    double add_f64(double total, double x);
    double sum_f64(const double *values, size_t len);
"""


def cargo_release(*flags: str, env=None) -> Path:
    """Build the crate in release mode; return its release folder."""
    folder = OUT / ("-".join(f.lstrip("-") for f in flags) or "cffi")
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--release"]
        + ["--package", "call_cost", "--target-dir", str(folder), *flags],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return folder / "release"


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pyo3_module():
    env = dict(os.environ, PYO3_PYTHON=sys.executable)
    release = cargo_release("--features", "pyo3", env=env)
    # Python imports an extension module by its name: call_cost_pyo3.so.
    built = release / library_filename("call_cost")
    module = built.with_name(
        "call_cost_pyo3" + (".pyd" if os.name == "nt" else ".so")
    )
    if not module.exists() or module.stat().st_mtime < built.stat().st_mtime:
        module.write_bytes(built.read_bytes())
    return load_module("call_cost_pyo3", module)


# ANCHOR: api_mode
def api_mode_lib(release: Path):
    """cffi API mode: a C extension compiled against the Rust library."""
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    ffi.set_source(
        "_call_cost_api",
        "#include <stdint.h>\n#include <stddef.h>\n" + DECLARATIONS,
        libraries=["call_cost"],
        library_dirs=[str(release)],
        extra_link_args=[f"-Wl,-rpath,{release}"],  # find it at run time
    )
    build = OUT / "api"
    module = ffi.compile(tmpdir=str(build), verbose=False)
    return load_module("_call_cost_api", Path(module)).lib


# ANCHOR_END: api_mode


def fastest_ns(timers: dict, number: int, repeats: int) -> dict:
    """Nanoseconds per run: the minimum over interleaved repeats."""
    best = dict.fromkeys(timers, float("inf"))
    for _ in range(repeats):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(number))
    return {name: seconds / number * 1e9 for name, seconds in best.items()}


def python_add(a, b):
    return a + b


def call_timers(release: Path) -> dict:
    """A timer for every way to call add(1, 2)."""
    return {
        name: timeit.Timer(statement, globals=namespace)
        for name, (statement, namespace) in call_namespaces(release).items()
    }


# ANCHOR: candidates
def call_namespaces(release: Path) -> dict:
    """Every way to call add(1, 2): a statement and its namespace."""
    path = str(release / library_filename("call_cost"))
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    lib = ffi.dlopen(path)
    untyped = ctypes.CDLL(path)  # ctypes assumes int arguments and result
    typed = ctypes.CDLL(path)
    typed.add.argtypes = [ctypes.c_int64, ctypes.c_int64]
    typed.add.restype = ctypes.c_int64
    return {
        "Python function": ("add(1, 2)", {"add": python_add}),
        "PyO3": ("add(1, 2)", {"add": pyo3_module().add}),
        "cffi API mode": ("add(1, 2)", {"add": api_mode_lib(release).add}),
        "cffi ABI mode, bound once": ("add(1, 2)", {"add": lib.add}),
        "cffi ABI mode, lib.add": ("lib.add(1, 2)", {"lib": lib}),
        "ctypes, no argtypes": ("add(1, 2)", {"add": untyped.add}),
        "ctypes, argtypes set": ("add(1, 2)", {"add": typed.add}),
    }


# ANCHOR_END: candidates


# ANCHOR: sums
def python_loop(values: list) -> float:
    total = 0.0
    for x in values:
        total += x
    return total


def call_per_element(add_f64, values: list) -> float:
    total = 0.0
    for x in values:
        total = add_f64(total, x)
    return total


def sum_ways(release: Path, values: np.ndarray, sample: int) -> dict:
    """Ways to sum `values`; the two loops sum the first `sample` only."""
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    lib = ffi.dlopen(str(release / library_filename("call_cost")))
    as_list = values.tolist()
    head = as_list[:sample]
    return {
        "Rust, one call on the buffer": lambda: lib.sum_f64(
            ffi.from_buffer("double[]", values), len(values)
        ),
        "numpy's sum": lambda: float(values.sum()),
        "Python's built-in sum": lambda: sum(as_list),
        "Python loop": lambda: python_loop(head),
        "Rust, one call per element": lambda: call_per_element(
            lib.add_f64, head
        ),
    }


# ANCHOR_END: sums


def rustc_version() -> str:
    done = subprocess.run(
        ["rustc", "--version"], capture_output=True, text=True, check=True
    )
    return done.stdout.split()[1]


def cpu() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def main() -> None:
    release = cargo_release()
    print(f"Machine:  {cpu()}, {os.cpu_count()} cores, {platform.system()}")
    print(
        f"Versions: Python {platform.python_version()}, "
        f"cffi {version('cffi')}, numpy {version('numpy')}, "
        f"rustc {rustc_version()}"
    )

    number, repeats = 200_000, 7
    per_call = fastest_ns(call_timers(release), number, repeats)
    base = per_call["Python function"]
    print(
        f"\nadd(1, 2), min of {repeats} interleaved runs of {number:,} calls"
    )
    print(f"{'':34}{'ns/call':>8}  {'vs Python':>9}")
    for name, ns in per_call.items():
        print(f"{name:34}{ns:8.0f}  {ns / base:8.1f}x")

    n, sample, repeats = 10_000_000, 1_000_000, 3
    values = np.arange(n, dtype=np.float64)
    ways = sum_ways(release, values, sample)
    timers = {name: timeit.Timer(way) for name, way in ways.items()}
    totals = fastest_ns(timers, 1, repeats)
    loop_ns = totals["Python loop"] / sample
    print(f"\nSumming doubles, min of {repeats} interleaved runs")
    print(f"{'':30}{'elements':>11}{'ns/element':>12}  {'vs loop':>8}")
    for name, ns in totals.items():
        count = sample if name in LOOPS else n
        per_element = ns / count
        print(
            f"{name:30}{count:11,}{per_element:12.2f}"
            f"  {loop_ns / per_element:7.2f}x"
        )

    # Whole numbers below 2**53 add up exactly in any order: every way
    # must give the same total for the same elements.
    sums = {name: way() for name, way in ways.items()}
    expected = {n: n * (n - 1) / 2, sample: sample * (sample - 1) / 2}
    right = all(
        total == expected[sample if name in LOOPS else n]
        for name, total in sums.items()
    )
    print(f"\nEvery way returns the exact sum: {right}")


if __name__ == "__main__":
    main()
