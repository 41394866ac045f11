"""Shared pytest set-up: this checkout's examples/ first on the import path
(and in the environment of the scripts the tests start), and every example
crate built once per test run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
EXAMPLES = str(ROOT / "examples")

sys.path.insert(0, EXAMPLES)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [EXAMPLES, *filter(None, [os.environ.get("PYTHONPATH")])]
)


def pytest_sessionstart(session):
    subprocess.run(
        ["cargo", "build", "--workspace", "--quiet", "--locked"],
        cwd=ROOT,
        check=True,
    )


def chapter_of(item) -> str:
    """The chapter a test belongs to: its example's folder, or the folder
    of the script it is given (the exercise tests); else its file."""
    path = Path(str(item.fspath)).resolve().relative_to(ROOT)
    if path.parts[0] == "examples" and len(path.parts) > 2:
        return path.parts[1]
    for value in getattr(
        getattr(item, "callspec", None), "params", {}
    ).values():
        if isinstance(value, Path) and value.parent.parent.name == "examples":
            return value.parent.name
    return path.as_posix()


def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (`-n 2 --dist loadgroup`, as scripts/test runs
    it), one chapter's tests run in one worker, one after another: they
    share build folders under target/ (a wheel, a compiled module)."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(chapter_of(item)))
