"""scripts/check_stable.py: a second build must give the same pages."""

import subprocess
import sys
from pathlib import Path


def build_and_check_stable(copy: Path, env: dict[str, str]):
    subprocess.run(
        ["mdbook", "build"], cwd=copy, env=env, capture_output=True, check=True
    )
    return subprocess.run(
        [sys.executable, "scripts/check_stable.py"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_stable_book_passes(repo_copy, copy_env):
    done = build_and_check_stable(repo_copy, copy_env)
    assert done.returncode == 0, done.stderr


def test_an_output_that_changes_fails_naming_its_page(repo_copy, copy_env):
    script = repo_copy / "examples" / "hello_add_two" / "hello_add_two.py"
    unstable = script.read_text().replace(
        "    print(lib.add_two(10))",
        "    print(lib.add_two(10), __import__('os').getpid())  # unstable",
    )
    script.write_text(unstable)
    done = build_and_check_stable(repo_copy, copy_env)
    assert done.returncode == 1
    assert "hello_add_two.html differs between two builds" in done.stderr
    assert "no_mangle.html" not in done.stderr
