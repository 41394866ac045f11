"""What the extern "C" chapter says, asserted."""

import platform
import subprocess
import sys
from pathlib import Path

import pytest

import extern_c
from extern_c import lib

HERE = Path(__file__).parent
X86_64_LINUX = sys.platform.startswith("linux") and platform.machine() in {
    "x86_64",
    "AMD64",
}


def test_the_c_abi_functions_are_right():
    assert lib.add_two(10) == 12
    m = lib.midpoint({"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0})
    assert (m.x, m.y) == (2.0, 3.0)
    assert lib.scaled_sum({"a": 1, "b": 2, "c": 3}, 10) == 60


def test_one_int_happens_to_work_with_the_rust_abi():
    assert lib.add_two_rust_abi(10) == 12


@pytest.mark.skipif(not X86_64_LINUX, reason="ABI details of x86-64 Linux")
def test_a_float_struct_comes_back_wrong_with_the_rust_abi(capsys):
    extern_c.compare_abis()
    out = capsys.readouterr().out
    assert "midpoint((1, 2), (3, 4)) is right" in out
    assert "midpoint_rust_abi((1, 2), (3, 4)) is WRONG" in out


@pytest.mark.skipif(not X86_64_LINUX, reason="ABI details of x86-64 Linux")
def test_a_big_struct_crashes_the_process_with_the_rust_abi():
    done = subprocess.run(
        [sys.executable, str(HERE / "extern_c.py"), "crash"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == -11  # SIGSEGV
    assert "scaled_sum((1, 2, 3), 10) = 60" in done.stdout


def test_the_compiler_warns_about_types_c_cannot_describe(capsys):
    extern_c.ffi_safety_warnings()
    out = capsys.readouterr().out
    assert "`extern` fn uses type `str`, which is not FFI-safe" in out
    assert "`extern` fn uses type `String`, which is not FFI-safe" in out


def test_clippy_flags_an_exported_function_without_extern_c(capsys):
    extern_c.rust_abi_warning()
    out = capsys.readouterr().out
    assert (
        "warning: `#[unsafe(no_mangle)]` set on a function with the default "
        "(`Rust`) ABI"
    ) in out
    assert 'pub extern "C" fn add_two(x: i32) -> i32 {' in out  # the fix


def test_the_workspace_turns_the_rust_abi_lint_on():
    workspace = (HERE.parent.parent / "Cargo.toml").read_text()
    assert 'no_mangle_with_rust_abi = "warn"' in workspace
    code = (HERE / "src" / "lib.rs").read_text()
    assert code.count("#[expect(clippy::no_mangle_with_rust_abi") == 3
