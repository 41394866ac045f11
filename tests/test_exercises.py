"""Every exercise's starter fails in its stated way; its solution passes."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STARTERS = sorted(
    path
    for path in (ROOT / "examples").glob("*/exercise_*.py")
    if not path.stem.endswith("_solution")
)


def verdict(script: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr  # a check reports, never crashes
    return done.stdout


@pytest.mark.parametrize("starter", STARTERS, ids=lambda p: p.stem)
def test_the_starter_fails_and_says_why(starter):
    out = verdict(starter)
    assert out.startswith("FAIL: "), out
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize("starter", STARTERS, ids=lambda p: p.stem)
def test_the_solution_passes(starter):
    solution = starter.with_name(f"{starter.stem}_solution.py")
    out = verdict(solution)
    assert out.startswith("PASS: "), out


def test_there_are_exercises():
    assert STARTERS
