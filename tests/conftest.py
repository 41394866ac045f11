"""Fixtures for the tests of the book's own tooling."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A copy of this repository's files, safe to break.

    It has every file git knows (tracked, or new and not ignored), links
    to the installed .tools/ and .venv/, and its own Cargo target folder.
    """
    copy = tmp_path / "copy"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    for installed in (".tools", ".venv"):
        (copy / installed).symlink_to(ROOT / installed)
    return copy


@pytest.fixture
def copy_env(tmp_path) -> dict[str, str]:
    """The environment scripts/env.sh makes, with a private target/."""
    env = dict(os.environ, CARGO_TARGET_DIR=str(tmp_path / "target"))
    tools = [ROOT / ".tools" / "bin", Path(sys.executable).parent]
    env["PATH"] = os.pathsep.join([*map(str, tools), env["PATH"]])
    return env
