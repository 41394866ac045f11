"""Every command the book runs also works from any working directory."""

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from check_book import CMDRUN, chapters  # noqa: E402 (after the path)


def book_commands() -> list:
    """(chapter, runner arguments) for every cmdrun line of the book."""
    found = []
    for stem in chapters(ROOT):
        text = (ROOT / "src" / f"{stem}.md").read_text(encoding="utf-8")
        for command in CMDRUN.findall(text):
            words = shlex.split(command)
            runner_args = words[words.index("../scripts/example.py") + 1 :]
            found.append(
                pytest.param(
                    runner_args, id=f"{stem}: {' '.join(runner_args)}"
                )
            )
    return found


@pytest.mark.parametrize("runner_args", book_commands())
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
