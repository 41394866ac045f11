"""Fixtures for the tests of the book's own tooling."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import live_reload  # noqa: E402 (after the path)


def project_files() -> list[str]:
    return live_reload.project_files(ROOT)


@pytest.fixture(scope="session")
def _shared_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("repo") / "copy"
    return live_reload.copy_project(ROOT, copy)


@pytest.fixture
def repo_copy(_shared_copy) -> Path:
    """A copy of this repository's files, safe to break.

    It links to the installed .tools/ and .venv/ and builds into its own
    target/ folder. One copy serves every test, so its crates compile
    once: after each test, every file the test changed, added or removed
    is put back (with a new modification time, so that the runner rebuilds
    what the test broke).
    """
    yield _shared_copy
    originals = set(project_files())
    for name in originals:
        copied = _shared_copy / name
        if (
            not copied.is_file()
            or copied.read_bytes() != (ROOT / name).read_bytes()
        ):
            copied.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / name, copied)
    for folder in ("examples", "src", "scripts", "outputs"):
        for path in (_shared_copy / folder).rglob("*"):
            name = path.relative_to(_shared_copy).as_posix()
            if path.is_file() and name not in originals:
                if "__pycache__" not in path.parts:
                    path.unlink()


@pytest.fixture
def copy_env(repo_copy) -> dict[str, str]:
    """The environment scripts/env.sh makes, for the copy."""
    env = dict(
        os.environ,
        CARGO_TARGET_DIR=str(repo_copy / "target"),
        PYTHONPATH=str(repo_copy / "examples"),  # the copy's ffi_book
    )
    env.pop("FFI_BOOK_CACHE", None)
    tools = [ROOT / ".tools" / "bin", Path(sys.executable).parent]
    env["PATH"] = os.pathsep.join([*map(str, tools), env["PATH"]])
    return env


@pytest.fixture
def small_book(repo_copy):
    """small_book(*stems): the copy, its book reduced to these chapters.

    The other examples stay (the Cargo workspace and lock file are the
    real ones) but no page runs them, so a build compiles and runs only
    these chapters' examples: a small real book for the tests of the
    checks, built with the pinned tools and the real runner.
    """

    def reduce(*stems: str) -> Path:
        summary = "# Summary\n\n" + "".join(
            f"- [{stem}]({stem}.md)\n" for stem in stems
        )
        (repo_copy / "src" / "SUMMARY.md").write_text(summary)
        return repo_copy

    return reduce


@pytest.fixture
def build_and_check(repo_copy, copy_env):
    """Build the copy's book, then run one of the copy's scripts/check_*.py
    on it; return that run."""

    def run(check_script: str, *args: str) -> subprocess.CompletedProcess:
        subprocess.run(
            ["mdbook", "build"],
            cwd=repo_copy,
            env=copy_env,
            capture_output=True,
            check=True,
        )
        return subprocess.run(
            [sys.executable, f"scripts/{check_script}", *args],
            cwd=repo_copy,
            env=copy_env,
            capture_output=True,
            text=True,
        )

    return run
