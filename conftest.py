"""Shared pytest set-up: this checkout's examples/ first on the import path
(and in the environment of the scripts the tests start), every example
crate built once per test run, and the `paused_call` fixture."""

import os
import subprocess
import sys
import threading
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


class PausedCall:
    """Stands in for a cffi `lib`: its function `name` stops inside the
    call until the test releases it, so that another thread's call is
    certain to overlap it (a lock that should make that call wait is
    tested without a race). Everything else is the real lib's."""

    HANG_GUARD = 300.0  # seconds: only a broken test ever waits this long

    def __init__(self, lib, name: str) -> None:
        self._lib, self._name = lib, name
        self._inside, self._go_on = threading.Event(), threading.Event()
        self._instead = None

    def __getattr__(self, attr):
        return self._paused if attr == self._name else getattr(self._lib, attr)

    def _paused(self, *args):
        self._inside.set()
        self._go_on.wait()
        if self._instead is not None:
            return self._instead  # what the test said to return, not Rust
        return getattr(self._lib, self._name)(*args)

    def wait_inside(self) -> None:
        """Returns once another thread is inside the paused call."""
        if not self._inside.wait(self.HANG_GUARD):
            raise AssertionError(f"nothing called {self._name}")

    def release(self, instead=None) -> None:
        """Lets the paused call go on into Rust, or return `instead`."""
        self._instead = instead
        self._go_on.set()


@pytest.fixture
def paused_call(monkeypatch):
    """paused_call(module, name): puts a PausedCall for `name` in place of
    module.lib until the test ends, and returns it."""

    def pause(module, name: str) -> PausedCall:
        paused = PausedCall(module.lib, name)
        monkeypatch.setattr(module, "lib", paused)
        return paused

    return pause
