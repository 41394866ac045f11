"""Every command the book runs also works from any working directory."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from check_book import runner_commands  # noqa: E402 (after the path)


@pytest.mark.parametrize(
    "runner_args",
    [
        pytest.param(args, id=f"{stem}: {' '.join(args)}")
        for stem, args in runner_commands(ROOT)
    ],
)
def test_runs_from_another_folder(runner_args, tmp_path):
    if "--from" in runner_args:
        pytest.skip("this command chooses its folder")
    runner = ROOT / "scripts" / "example.py"
    done = subprocess.run(
        [sys.executable, str(runner), "--from", str(tmp_path), *runner_args],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
