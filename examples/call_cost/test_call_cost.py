"""The call_cost example computes right answers; its timings are not tested.

Timings belong on the page, measured by the script, never in assertions:
the tests check what every way computes, and that the script's sentences
follow its own numbers.
"""

import math
import os
import platform
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest

import call_cost

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="links with -rpath (Linux, macOS)"
)


@pytest.fixture(scope="module")
def release():
    return call_cost.cargo_release()


def test_every_way_to_call_add_returns_3(release):
    namespaces = call_cost.call_namespaces(release)
    assert len(namespaces) == 11
    for name, (statement, namespace) in namespaces.items():
        assert eval(statement, dict(namespace)) == 3, name


def test_every_way_to_sum_is_exact(release):
    values = np.arange(1000, dtype=np.float64)
    ways = call_cost.sum_ways(release, values, sample=100)
    for name, way in ways.items():
        count = 100 if name in call_cost.LOOPS else 1000
        assert way() == count * (count - 1) / 2, name


@pytest.mark.parametrize("length", [0, 1, 7, 8, 9, 17, 1001])
def test_both_rust_sums_handle_every_remainder(release, length):
    ways = call_cost.sum_ways(
        release, np.arange(length, dtype=np.float64), sample=0
    )
    expected = length * (length - 1) / 2
    assert ways["Rust, 8 totals"]() == ways["Rust, 1 total"]() == expected


def test_sums_of_null_or_empty_are_zero(release):
    ffi = call_cost.FFI()
    ffi.cdef(call_cost.DECLARATIONS)
    lib = ffi.dlopen(str(release / call_cost.library_filename("call_cost")))
    empty = ffi.from_buffer("double[]", np.zeros(0))
    for total in (lib.sum_f64, lib.sum_f64_lanes):
        assert total(ffi.NULL, 10) == 0.0
        assert total(empty, 0) == 0.0


def test_the_binding_costs_compute_what_their_names_say(release):
    statements, names = call_cost.binding_statements(release)
    results = {}
    for name, statement in statements.items():
        namespace = dict(names)
        *setup, last = statement.split("; ")
        exec("; ".join(setup) or "pass", namespace)
        results[name] = eval(last, namespace)
    assert results["add(1, 2), for scale"] == 3
    assert results["add_out(1, 2, new out); out[0]"] == 3
    assert results["text.encode()"] == call_cost.TEXT.encode()
    spaces = call_cost.TEXT.count(" ")
    assert results["count_spaces(data, len(data))"] == spaces
    assert results["encode, then count_spaces"] == spaces
    assert results["ffi.string(greeting())"] == (
        b"Hello from Rust, through cffi!"
    )
    assert len(results['ffi.from_buffer("double[]", array)']) == 1000


def test_add_out_refuses_a_null_out_pointer(release):
    ffi = call_cost.FFI()
    ffi.cdef(call_cost.DECLARATIONS)
    lib = ffi.dlopen(str(release / call_cost.library_filename("call_cost")))
    assert lib.add_out(1, 2, ffi.NULL) == 1
    assert lib.count_spaces(ffi.NULL, 5) == 0


def test_pyo3_add_wraps_instead_of_overflowing():
    module = call_cost.pyo3_module()
    for add in (module.add, module.add_detached):
        assert add(2**63 - 1, 1) == -(2**63)
        with pytest.raises(OverflowError):
            add(2**63, 0)


def test_the_c_wrappers_call_rust_and_check_their_arguments(release):
    module = call_cost.conventions_module(release)
    for add in (module.fast, module.fast_release, module.tuple_release):
        assert add(2**63 - 1, 1) == -(2**63)  # Rust wraps
        with pytest.raises(OverflowError):
            add(2**63, 0)
        with pytest.raises(TypeError):
            add(1)


@pytest.mark.skipif(
    not sysconfig.get_config_var("Py_GIL_DISABLED"),
    reason="a GIL build: there is no GIL to keep disabled",
)
def test_importing_the_c_wrappers_leaves_the_gil_disabled(release):
    # In a fresh interpreter: an earlier import in this one may have
    # enabled the GIL already.
    code = (
        "import sys, pathlib, call_cost\n"
        "before = sys._is_gil_enabled()\n"
        "call_cost.conventions_module(pathlib.Path(sys.argv[1]))\n"
        "print(before, sys._is_gil_enabled())\n"
    )
    here = Path(__file__).parent
    path = os.pathsep.join([str(here), str(here.parent)])
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    run = subprocess.run(
        [sys.executable, "-c", code, str(release)],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "PYTHONPATH": path},
    )
    assert run.stdout.split() == ["False", "False"]


def test_the_gil_and_tuple_lines_are_differences_of_rows():
    ns = {
        "C, fast call, keeps the GIL": 40.0,
        "C, fast call, releases the GIL": 110.0,
        "C, tuple, releases the GIL": 140.0,
        "PyO3, keeps the GIL": 50.0,
        "PyO3, releases the GIL": 130.0,
        "cffi API mode": 300.0,
        "cffi ABI mode, bound once": 600.0,
        "cffi ABI mode, lib.add": 700.0,
        "ctypes, no argtypes": 450.0,
    }
    lines = call_cost.call_conclusions(ns, release=None, wrong=0)
    assert lines[:3] == [
        "releasing and re-taking the GIL: +70 ns in C, +80 ns in PyO3",
        "a tuple instead of fast call: +30 ns in C",
        "cffi API mode beyond that C wrapper: +160 ns",
    ]


def test_untyped_ctypes_truncates_to_c_int(release):
    assert call_cost.untyped_ctypes_add(release, 2**31 - 1, 1) == -(2**31)


def test_cffi_api_mode_unpacks_a_tuple_and_releases_the_gil(release):
    call_cost.api_mode_lib(release)
    lines = call_cost.wrapper_source(
        call_cost.OUT / "api" / "_call_cost_api.c"
    )
    assert lines[1] == "_cffi_f_add(PyObject *self, PyObject *args)"
    code = "\n".join(lines)
    for step in (
        "PyArg_UnpackTuple(args",
        "Py_BEGIN_ALLOW_THREADS",
        "_cffi_restore_errno();",
        "{ result = add(x0, x1); }",
        "_cffi_save_errno();",
        "Py_END_ALLOW_THREADS",
    ):
        assert step in code, step


def test_the_sentences_follow_the_numbers():
    assert call_cost.compare("a", 1.0, "b", 2.0) == "a: 2.0x faster than b"
    assert call_cost.compare("a", 3.0, "b", 1.0) == "a: 3.0x slower than b"
    assert call_cost.compare("a", 1.0, "b", 1.04) == "a: within 5% of b"
    ns = dict.fromkeys(
        [
            "C, fast call, keeps the GIL",
            "C, fast call, releases the GIL",
            "C, tuple, releases the GIL",
            "PyO3, keeps the GIL",
            "PyO3, releases the GIL",
            "cffi API mode",
            "cffi ABI mode, bound once",
            "cffi ABI mode, lib.add",
        ],
        100.0,
    )
    for untyped, word in [(50.0, "faster"), (200.0, "slower")]:
        ns["ctypes, no argtypes"] = untyped
        lines = call_cost.call_conclusions(ns, release=None, wrong=0)
        assert f"ctypes, no argtypes: 2.0x {word} than cffi ABI mode" in lines


def test_the_machine_line_works_without_proc_cpuinfo(tmp_path):
    missing = tmp_path / "cpuinfo"
    assert call_cost.cpu(missing) == (
        platform.machine() or "unknown processor"
    )
    missing.write_text("model name\t: Example CPU 9000\n")
    assert call_cost.cpu(missing) == "Example CPU 9000"


def test_pyo3_is_linked_as_an_extension_on_macos():
    assert call_cost.extension_link_args("darwin") == [
        *("-C", "link-arg=-undefined"),
        *("-C", "link-arg=dynamic_lookup"),
    ]
    assert call_cost.extension_link_args("linux") == []


def test_the_page_leaves_every_comparison_to_the_script():
    # Prose that says which way is faster can contradict the table of the
    # run printed below it; the script's own lines cannot.
    page = Path(call_cost.__file__).parents[2] / "src" / "call_cost.md"
    chapter = page.read_text().split("\n## Exercises")[0]
    prose = re.sub(r"```.*?```", "", chapter, flags=re.DOTALL)
    words = (
        r"\b(faster|fastest|slower|slowest|cheaper|dearer|quicker|beats?"
        r"|outperforms?|wins?|loses|more than|less than|twice|half as"
        r"|times as|the same speed)\b"
    )
    assert re.findall(words, prose, flags=re.IGNORECASE) == []


def test_no_build_leaves_files_in_examples():
    here = Path(call_cost.__file__).parent
    built = [*here.glob("*.so"), *here.glob("*.o"), *here.glob("_*.c")]
    assert built == []


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float32])
def test_rust_sums_convert_other_dtypes_instead_of_misreading(release, dtype):
    # from_buffer checks neither the element type nor the length: the
    # script must hand Rust float64 and the buffer's own length.
    values = np.arange(1000, dtype=dtype)
    ways = call_cost.sum_ways(release, values, sample=100)
    for name in ("Rust, 8 totals", "Rust, 1 total"):
        assert ways[name]() == 1000 * 999 / 2, name


def test_sums_of_nothing_are_positive_zero(release):
    ffi = call_cost.FFI()
    ffi.cdef(call_cost.DECLARATIONS)
    lib = ffi.dlopen(str(release / call_cost.library_filename("call_cost")))
    for total in (lib.sum_f64, lib.sum_f64_lanes):
        assert math.copysign(1.0, total(ffi.NULL, 0)) == 1.0


def test_a_difference_within_the_noise_is_not_printed_as_a_cost():
    best = {"a": 100.0, "b": 103.0, "c": 60.0}
    noise = {"a": 5.0, "b": 2.0, "c": 1.0}
    assert call_cost.difference("b", "a", best, noise) == "within noise"
    assert call_cost.difference("a", "b", best, noise) == "within noise"
    assert call_cost.difference("a", "c", best, noise) == "+40 ns"
    # A row measured faster by more than the noise is a difference too.
    assert call_cost.difference("c", "a", best, noise) == "-40 ns"


def test_the_lookup_line_is_a_timing_of_the_lookup_itself():
    ns = dict.fromkeys(
        [
            "C, fast call, keeps the GIL",
            "C, fast call, releases the GIL",
            "C, tuple, releases the GIL",
            "PyO3, keeps the GIL",
            "PyO3, releases the GIL",
            "cffi API mode",
            "cffi ABI mode, bound once",
            "cffi ABI mode, lib.add",
            "ctypes, no argtypes",
        ],
        100.0,
    )
    ns["cffi ABI mode, lib.add"] = 60.0  # slower row measured faster
    lines = call_cost.call_conclusions(
        ns, release=None, wrong=0, lookup_ns=21.4
    )
    assert "looking up lib.add, timed alone: 21 ns" in lines
    assert not any(re.search(r"[-+]\d+ ns", line) for line in lines)


def test_the_script_says_why_it_does_not_run_on_windows():
    with pytest.raises(SystemExit, match="Linux and macOS"):
        call_cost.main(["measure"], os_name="nt")
