"""scripts/check_memory.py: memcheck reports what an example does wrong,
and its lists and suppressions hide nothing else."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_memory  # noqa: E402 (after the path)
from example import build_if_needed, parse_args  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("valgrind") is None, reason="valgrind (Linux) not found"
)


def test_the_exclusions_match_the_book():
    assert check_memory.exclusion_problems(check_memory.book_commands()) == []


def test_an_unlisted_crash_is_reported():
    commands = check_memory.book_commands()
    commands.append(("demo", parse_args(["--status", "-11", "demo"])))
    [problem] = check_memory.exclusion_problems(commands)
    assert "demo demo.py" in problem


def test_a_stale_expected_dirty_entry_is_reported(monkeypatch):
    monkeypatch.setitem(check_memory.EXPECTED_DIRTY, "demo demo.py", "why")
    [problem] = check_memory.exclusion_problems(check_memory.book_commands())
    assert "'demo demo.py': not in the book" in problem


def test_the_rust_abi_calls_are_reported_despite_the_suppressions():
    """The page's Rust-ABI calls read registers the callee never wrote."""
    [args] = [
        args
        for _, args in check_memory.book_commands()
        if check_memory.command_name(args) == "extern_c extern_c.py"
    ]
    build_if_needed("extern_c")
    script = ROOT / "examples" / "extern_c" / "extern_c.py"
    done = check_memory.valgrind([script, *args.script_args], ROOT)
    assert done.returncode == check_memory.MEMORY_ERROR
    assert "depends on uninitialised value(s)" in done.stderr


LEAKY_CRATE = """\
[package]
name = "leaky"
version = "0.1.0"
edition = "2024"

[lib]
crate-type = ["cdylib"]

[workspace]
"""
LEAKY_LIB = """\
/// Leaks 64 bytes on purpose.
#[unsafe(no_mangle)]
pub extern "C" fn leak() {
    std::mem::forget(vec![0u8; 64]);
}
"""
LEAKY_SCRIPT = """\
from pathlib import Path
from cffi import FFI

ffi = FFI()
ffi.cdef("void leak(void);")
lib = ffi.dlopen(str(Path(__file__).parent / "target/debug/libleaky.so"))
lib.leak()
print("leaked")
"""


@pytest.fixture(scope="module")
def leaky_example(tmp_path_factory) -> Path:
    """A book root whose one example, leaky, leaks from its Rust crate."""
    root = tmp_path_factory.mktemp("book")
    example = root / "examples" / "leaky"
    (example / "src").mkdir(parents=True)
    (example / "Cargo.toml").write_text(LEAKY_CRATE)
    (example / "src" / "lib.rs").write_text(LEAKY_LIB)
    (example / "leaky.py").write_text(LEAKY_SCRIPT)
    clean = LEAKY_SCRIPT.replace("lib.leak()", "lib")
    (example / "clean.py").write_text(clean.replace("leaked", "clean"))
    subprocess.run(
        ["cargo", "build", "--quiet", "--offline"],
        cwd=example,
        env={k: v for k, v in os.environ.items() if k != "CARGO_TARGET_DIR"},
        check=True,
    )
    return root


def test_a_leak_in_an_example_crate_fails_naming_the_command(leaky_example):
    name, problem = check_memory.memcheck(
        parse_args(["leaky"]), root=leaky_example
    )
    assert name == "leaky leaky.py"
    assert problem.startswith("memcheck found problems:")
    assert "64 bytes in 1 blocks are definitely lost" in problem
    assert "leak (lib.rs:4)" in problem  # the crate's line that leaks


def test_an_expected_dirty_run_that_turns_clean_fails(
    leaky_example, monkeypatch
):
    monkeypatch.setitem(check_memory.EXPECTED_DIRTY, "leaky clean.py", "why")
    name, problem = check_memory.memcheck(
        parse_args(["leaky", "clean.py"]), root=leaky_example
    )
    assert name == "leaky clean.py"
    assert problem.startswith("memcheck reported nothing")
