"""Shared pytest set-up: build every example crate once per test run."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_sessionstart(session):
    subprocess.run(
        ["cargo", "build", "--workspace", "--quiet", "--locked"],
        cwd=ROOT,
        check=True,
    )
