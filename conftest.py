"""Shared pytest set-up: this checkout's examples/ first on the import path
(and in the environment of the scripts the tests start), and every example
crate built once per test run."""

import os
import subprocess
import sys
from pathlib import Path

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
