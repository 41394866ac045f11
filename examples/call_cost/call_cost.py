"""Measure what a call into Rust costs, and when one call pays for many.

Usage: python call_cost.py [measure | wrapper]  (default: measure)

  measure  time every way of calling add(1, 2) in one process
           (interleaved, minimum of repeats), then six ways of summing
           10 million doubles, then what a binding's arguments cost
  wrapper  print the C function that cffi's API mode wrote for add

Builds the crate in release mode (as a cffi library, and with `--features
pyo3` as a PyO3 module for comparison) and compiles a cffi API-mode module
against it, all under target/call_cost/.
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

HERE = Path(__file__).resolve().parent
OUT = target_dir() / "call_cost"
LOOPS = {"Python loop", "Rust, call per element"}  # on a sample only
DECLARATIONS = """
    int64_t add(int64_t a, int64_t b);
    double add_f64(double total, double x);
    double sum_f64(const double *values, size_t len);
    double sum_f64_lanes(const double *values, size_t len);
    int32_t add_out(int64_t a, int64_t b, int64_t *out);
    size_t count_spaces(const char *text, size_t len);
    const char *greeting(void);
"""


def extension_link_args(system: str = sys.platform) -> list[str]:
    """What rustc must tell the linker to make a Python extension module.

    On macOS the linker refuses a library with undefined symbols unless
    told that the process will provide them: Python's C API functions
    come from the interpreter that imports the module. PyO3 leaves this to
    the crate (maturin passes it; plain cargo does not). Linux allows
    undefined symbols in a shared library; Windows links python3.lib.
    """
    if system == "darwin":
        return ["-C", "link-arg=-undefined", "-C", "link-arg=dynamic_lookup"]
    return []


def cargo_release(*flags: str, env=None, rustc_args=()) -> Path:
    """Build the crate in release mode; return its release folder."""
    folder = OUT / ("-".join(f.lstrip("-") for f in flags) or "cffi")
    subprocess.run(
        ["cargo", "rustc", "--quiet", "--locked", "--release", "--lib"]
        + ["--package", "call_cost", "--target-dir", str(folder), *flags]
        + ["--", *rustc_args],
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
    # PyO3 builds for this Python, as a module that Python imports.
    env = os.environ | {
        "PYO3_PYTHON": sys.executable,
        "PYO3_BUILD_EXTENSION_MODULE": "1",
    }
    release = cargo_release(
        "--features", "pyo3", env=env, rustc_args=extension_link_args()
    )
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


def conventions_module(release: Path):
    """conventions.c, compiled with setuptools against the Rust library:
    add called through three hand-written wrappers."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    extension = Extension(
        "call_cost_conventions",
        [str(HERE / "conventions.c")],
        libraries=["call_cost"],
        library_dirs=[str(release)],
        extra_link_args=[f"-Wl,-rpath,{release}"],
    )
    command = build_ext(Distribution({"ext_modules": [extension]}))
    command.build_lib = str(OUT / "conventions")
    command.build_temp = str(OUT / "conventions" / "objects")
    command.ensure_finalized()
    command.run()  # compiles only when conventions.c changed
    path = Path(command.get_ext_fullpath("call_cost_conventions"))
    return load_module("call_cost_conventions", path)


def repeats_ns(timers: dict, number: int, repeats: int) -> dict:
    """Nanoseconds per run of every interleaved repeat, sorted."""
    runs = {name: [] for name in timers}
    for _ in range(repeats):
        for name, timer in timers.items():
            runs[name].append(timer.timeit(number) / number * 1e9)
    return {name: sorted(times) for name, times in runs.items()}


def fastest_ns(timers: dict, number: int, repeats: int) -> dict:
    """Nanoseconds per run: the minimum over interleaved repeats."""
    runs = repeats_ns(timers, number, repeats)
    return {name: times[0] for name, times in runs.items()}


def noise_ns(runs: dict) -> dict:
    """How far a typical repeat lies above the best one: the median
    minus the minimum. A smaller difference between rows is noise."""
    return {
        name: times[len(times) // 2] - times[0] for name, times in runs.items()
    }


def difference(a: str, b: str, best: dict, noise: dict) -> str:
    """'+N ns' when row a measured above row b, '-N ns' when below, by
    more than the noise of either row; otherwise 'within noise'."""
    more = best[a] - best[b]
    if abs(more) <= max(noise[a], noise[b]):
        return "within noise"
    return f"{more:+.0f} ns"


def python_add(a, b):
    return a + b


def timers_of(namespaces: dict) -> dict:
    """A timer for each (statement, namespace) pair."""
    return {
        name: timeit.Timer(statement, globals=namespace)
        for name, (statement, namespace) in namespaces.items()
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
    pyo3 = pyo3_module()
    c = conventions_module(release)
    return {
        "Python function": ("add(1, 2)", {"add": python_add}),
        "C, fast call, keeps the GIL": ("add(1, 2)", {"add": c.fast}),
        "C, fast call, releases the GIL": (
            "add(1, 2)",
            {"add": c.fast_release},
        ),
        "C, tuple, releases the GIL": ("add(1, 2)", {"add": c.tuple_release}),
        "PyO3, keeps the GIL": ("add(1, 2)", {"add": pyo3.add}),
        "PyO3, releases the GIL": ("add(1, 2)", {"add": pyo3.add_detached}),
        "cffi API mode": ("add(1, 2)", {"add": api_mode_lib(release).add}),
        "cffi ABI mode, bound once": ("add(1, 2)", {"add": lib.add}),
        "cffi ABI mode, lib.add": ("lib.add(1, 2)", {"lib": lib}),
        "ctypes, no argtypes": ("add(1, 2)", {"add": untyped.add}),
        "ctypes, argtypes set": ("add(1, 2)", {"add": typed.add}),
    }


# ANCHOR_END: candidates


def untyped_ctypes_add(release: Path, a: int, b: int) -> int:
    """add(a, b) through ctypes without argtypes: C ints, not int64_t."""
    return ctypes.CDLL(str(release / library_filename("call_cost"))).add(a, b)


# ANCHOR: sums
def python_loop(values: list) -> float:
    total = 0.0
    for x in values:
        total += x  # a new float object for every partial sum
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
    # from_buffer checks neither the element type nor the length: make
    # sure of float64 (a no-op for a contiguous float64 array), and pass
    # the length of the cdata, which counts doubles.
    values = np.ascontiguousarray(values, dtype=np.float64)
    as_list = values.tolist()  # the float objects exist before timing
    head = as_list[:sample]

    def rust(total):
        buffer = ffi.from_buffer("double[]", values)  # keeps values alive
        return total(buffer, len(buffer))

    return {
        "Rust, 8 totals": lambda: rust(lib.sum_f64_lanes),
        "Rust, 1 total": lambda: rust(lib.sum_f64),
        "numpy's sum": lambda: float(values.sum()),
        "Python's built-in sum": lambda: sum(as_list),
        "Python loop": lambda: python_loop(head),
        "Rust, call per element": lambda: call_per_element(lib.add_f64, head),
    }


# ANCHOR_END: sums


# ANCHOR: binding_costs
TEXT = "the quick brown fox jumps over the lazy dog"


def binding_statements(release: Path) -> tuple[dict, dict]:
    """What a binding does around its calls: statements, one namespace."""
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    lib = ffi.dlopen(str(release / library_filename("call_cost")))
    names = {
        "ffi": ffi,
        "add": lib.add,
        "add_out": lib.add_out,
        "count_spaces": lib.count_spaces,
        "greeting": lib.greeting,
        "text": TEXT,
        "data": TEXT.encode(),
        "array": np.zeros(1000),
    }
    statements = {
        "add(1, 2), for scale": "add(1, 2)",
        'ffi.new("int64_t *")': 'ffi.new("int64_t *")',
        "add_out(1, 2, new out); out[0]": (
            'out = ffi.new("int64_t *"); add_out(1, 2, out); out[0]'
        ),
        "text.encode()": "text.encode()",
        "count_spaces(data, len(data))": "count_spaces(data, len(data))",
        "encode, then count_spaces": (
            "data = text.encode(); count_spaces(data, len(data))"
        ),
        "ffi.string(greeting())": "ffi.string(greeting())",
        'ffi.from_buffer("double[]", array)': (
            'ffi.from_buffer("double[]", array)'
        ),
    }
    return statements, names


# ANCHOR_END: binding_costs


def rustc_version() -> str:
    done = subprocess.run(
        ["rustc", "--version"], capture_output=True, text=True, check=True
    )
    return done.stdout.split()[1]


def cpu(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The processor's name where Linux says it, else its architecture."""
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.machine() or "unknown processor"


def compare(a: str, a_ns: float, b: str, b_ns: float) -> str:
    """'a: 2.0x faster than b', or slower: whatever the run measured."""
    if max(a_ns, b_ns) < 1.05 * min(a_ns, b_ns):
        return f"{a}: within 5% of {b}"
    if a_ns <= b_ns:
        return f"{a}: {b_ns / a_ns:.1f}x faster than {b}"
    return f"{a}: {a_ns / b_ns:.1f}x slower than {b}"


def call_conclusions(
    ns: dict, release: Path | None, wrong=None, noise=None, lookup_ns=0.0
) -> list[str]:
    """What the first table shows, worded from its own numbers; `wrong`
    is untyped ctypes' add(2**31 - 1, 1), computed unless given; `noise`
    is each row's noise_ns (none if not given); `lookup_ns` the time of
    `lib.add` alone."""
    if wrong is None:
        wrong = untyped_ctypes_add(release, 2**31 - 1, 1)
    if noise is None:
        noise = dict.fromkeys(ns, 0.0)

    def more(a: str, b: str) -> str:
        return difference(a, b, ns, noise)

    api, abi = ns["cffi API mode"], ns["cffi ABI mode, bound once"]
    released = "C, fast call, releases the GIL"
    return [
        "releasing and re-taking the GIL: "
        f"{more(released, 'C, fast call, keeps the GIL')} in C, "
        f"{more('PyO3, releases the GIL', 'PyO3, keeps the GIL')} in PyO3",
        "a tuple instead of fast call: "
        f"{more('C, tuple, releases the GIL', released)} in C",
        "cffi API mode beyond that C wrapper: "
        f"{more('cffi API mode', 'C, tuple, releases the GIL')}",
        compare("cffi API mode", api, "cffi ABI mode", abi),
        f"looking up lib.add, timed alone: {lookup_ns:.0f} ns",
        compare(
            "ctypes, no argtypes",
            ns["ctypes, no argtypes"],
            "cffi ABI mode",
            abi,
        ),
        f"ctypes, no argtypes: add(2**31 - 1, 1) = {wrong}",
    ]


def sum_conclusions(per_element: dict) -> list[str]:
    def vs(a: str, b: str) -> str:
        return compare(a, per_element[a], b, per_element[b])

    return [
        vs("Rust, 8 totals", "Rust, 1 total"),
        vs("Rust, 8 totals", "numpy's sum"),
        vs("Rust, 1 total", "numpy's sum"),
        vs("Python's built-in sum", "Python loop"),
        vs("Rust, call per element", "Python loop"),
    ]


def measure() -> None:
    release = cargo_release()
    print(f"Machine:  {cpu()}, {os.cpu_count()} cores, {platform.system()}")
    print(
        f"Versions: Python {platform.python_version()}, "
        f"cffi {version('cffi')}, numpy {version('numpy')}, "
        f"rustc {rustc_version()}"
    )

    number, repeats = 200_000, 7
    namespaces = call_namespaces(release)
    timers = timers_of(namespaces)
    timers["lookup"] = timeit.Timer(
        "lib.add", globals=namespaces["cffi ABI mode, lib.add"][1]
    )
    runs = repeats_ns(timers, number, repeats)
    lookup_ns = runs.pop("lookup")[0]
    per_call = {name: times[0] for name, times in runs.items()}
    base = per_call["Python function"]
    print(
        f"\nadd(1, 2), min of {repeats} interleaved runs of {number:,} calls"
    )
    print(f"{'':34}{'ns/call':>8}  {'vs Python':>9}")
    for name, ns in per_call.items():
        print(f"{name:34}{ns:8.0f}  {ns / base:8.1f}x")
    print("In this run:")
    noise = noise_ns(runs)
    for line in call_conclusions(per_call, release, None, noise, lookup_ns):
        print(f"- {line}")

    n, sample, repeats = 10_000_000, 1_000_000, 3
    values = np.arange(n, dtype=np.float64)
    ways = sum_ways(release, values, sample)
    totals = fastest_ns(
        {name: timeit.Timer(way) for name, way in ways.items()}, 1, repeats
    )
    per_element = {
        name: ns / (sample if name in LOOPS else n)
        for name, ns in totals.items()
    }
    loop_ns = per_element["Python loop"]
    print(f"\nSumming doubles, min of {repeats} interleaved runs")
    print(f"{'':24}{'elements':>11}{'ns/element':>12}  {'vs loop':>8}")
    for name, ns in per_element.items():
        count = sample if name in LOOPS else n
        print(f"{name:24}{count:11,}{ns:12.2f}  {ns / loop_ns:7.3f}x")
    print("In this run:")
    for line in sum_conclusions(per_element):
        print(f"- {line}")
    # Whole numbers below 2**53 add up exactly in any order: every way
    # must give the same total for the same elements.
    sums = {name: way() for name, way in ways.items()}
    expected = {n: n * (n - 1) / 2, sample: sample * (sample - 1) / 2}
    right = all(
        total == expected[sample if name in LOOPS else n]
        for name, total in sums.items()
    )
    print(f"- every way returns the exact sum: {right}")

    number = 50_000
    statements, names = binding_statements(release)
    costs = fastest_ns(
        {
            name: timeit.Timer(statement, globals=dict(names))
            for name, statement in statements.items()
        },
        number,
        7,
    )
    print(f"\nAround the call, min of 7 interleaved runs of {number:,}")
    print(f"(text: {len(TEXT)} characters, array: 1,000 doubles)")
    print(f"{'':36}{'ns':>6}")
    for name, ns in costs.items():
        print(f"{name:36}{ns:6.0f}")


def wrapper_source(c_file: Path, function: str = "add") -> list[str]:
    """The lines of cffi's C wrapper `_cffi_f_<function>` in `c_file`."""
    lines = c_file.read_text().splitlines()
    start = lines.index(f"_cffi_f_{function}(PyObject *self, PyObject *args)")
    end = lines.index("}", start)
    return lines[start - 1 : end + 1]


def show_wrapper() -> None:
    release = cargo_release()
    api_mode_lib(release)  # writes target/call_cost/api/_call_cost_api.c
    c_file = OUT / "api" / "_call_cost_api.c"
    print(f"cffi {version('cffi')}, in {c_file.name}:")
    for line in wrapper_source(c_file):
        print(line)
    table = [
        line.strip()
        for line in c_file.read_text().splitlines()
        if '"add",' in line and "_cffi_f_add" in line
    ]
    print("... and in the module's table of functions:")
    print(*table, sep="\n")


def main(argv: list[str], os_name: str = os.name) -> None:
    if os_name == "nt":
        # The modules link the Rust library with -rpath, which MSVC lacks.
        sys.exit("call_cost.py runs on Linux and macOS only (-rpath)")
    mode = argv[0] if argv else "measure"
    {"measure": measure, "wrapper": show_wrapper}[mode]()


if __name__ == "__main__":
    main(sys.argv[1:])
