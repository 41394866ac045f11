"""Every exercise's starter fails in its stated way, its solution passes,
and every decoy (a wrong answer a reader would plausibly try) fails.

An exercise that cannot work on this platform prints `SKIP: <reason>`
instead of a verdict; its test is skipped with that reason.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def is_starter(path: Path) -> bool:
    """exercise_<name>.py, not a solution or a decoy of one."""
    return not path.stem.endswith("_solution") and "_decoy_" not in path.stem


STARTERS = sorted(
    path
    for path in (ROOT / "examples").glob("*/exercise_*.py")
    if is_starter(path)
)
DECOYS = sorted(
    path
    for starter in STARTERS
    for path in starter.parent.glob(f"{starter.stem}_decoy_*.py")
)


def named(script: Path) -> str:
    """A test's id: chapter/script, so `-k STEM` selects a chapter's."""
    return f"{script.parent.name}/{script.stem}"


def verdict(script: Path) -> str:
    """The one line the script's check printed; skips on `SKIP: `."""
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),  # also on Windows
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr  # a check reports, never crashes
    if done.stdout.startswith("SKIP: "):
        pytest.skip(done.stdout.removeprefix("SKIP: ").strip())
    assert len(done.stdout.splitlines()) == 1, done.stdout
    return done.stdout


@pytest.mark.parametrize("starter", STARTERS, ids=named)
def test_the_starter_fails_and_says_why(starter):
    assert verdict(starter).startswith("FAIL: ")


@pytest.mark.parametrize("starter", STARTERS, ids=named)
def test_the_solution_passes(starter):
    solution = starter.with_name(f"{starter.stem}_solution.py")
    out = verdict(solution)
    assert out.startswith("PASS: "), out


@pytest.mark.parametrize("decoy", DECOYS, ids=named)
def test_every_decoy_fails(decoy):
    out = verdict(decoy)
    assert out.startswith("FAIL: "), f"{decoy.name} passed: {out}"


@pytest.mark.parametrize("starter", STARTERS, ids=named)
def test_every_exercise_has_two_decoys_that_say_what_they_are(starter):
    decoys = [d for d in DECOYS if d.stem.startswith(f"{starter.stem}_decoy_")]
    assert len(decoys) >= 2, f"{starter.name} has {len(decoys)} decoys"
    for decoy in decoys:
        text = decoy.read_text(encoding="utf-8")
        doc = ast.get_docstring(ast.parse(text)) or ""
        assert len(doc.splitlines()) == 1, f"{decoy.name}: {doc!r}"
        assert f"from {starter.stem} import check" in text, decoy.name


def test_every_decoy_belongs_to_an_exercise():
    found = (ROOT / "examples").glob("*/exercise_*_decoy_*.py")
    assert sorted(found) == DECOYS  # none named after a missing starter


def test_there_are_exercises():
    assert STARTERS
