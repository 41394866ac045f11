"""scripts/check_memory.py: memcheck catches a leak in an example crate."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_memory  # noqa: E402 (after the path)
from example import parse_args  # noqa: E402

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


def test_a_leak_in_an_example_crate_fails_naming_the_command(
    repo_copy, copy_env
):
    example = repo_copy / "examples" / "hello_add_two"
    lib_rs = example / "src" / "lib.rs"
    lib_rs.write_text(
        lib_rs.read_text() + "\n/// Leaks 64 bytes on purpose.\n"
        "#[unsafe(no_mangle)]\n"
        'pub extern "C" fn leak() {\n'
        "    std::mem::forget(vec![0u8; 64]);\n"
        "}\n"
    )
    script = example / "hello_add_two.py"
    script.write_text(
        script.read_text()
        .replace(
            '"int32_t add_two(int32_t x);"',
            '"int32_t add_two(int32_t x); void leak(void);"',
        )
        .replace(
            "    print(lib.add_two(10))",
            "    lib.leak()\n    print(lib.add_two(10))",
        )
    )
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "hello_add_two"],
        cwd=repo_copy,
        env=copy_env,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, "scripts/check_memory.py", "--only", "hello_add_two"],
        cwd=repo_copy,
        env=copy_env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "check_memory: hello_add_two hello_add_two.py: memcheck found" in (
        done.stderr
    )
    assert "64 bytes in 1 blocks are definitely lost" in done.stderr
    assert "check_memory: clean hello_add_two seed.py cwd" in done.stdout
