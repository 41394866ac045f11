"""The introduction's provenance lines, asserted."""

import platform
import subprocess
from importlib.metadata import version

import introduction


def test_the_library_reports_the_rustc_that_built_it():
    rustc = subprocess.run(
        ["rustc", "--version"], capture_output=True, text=True, check=True
    )
    assert introduction.rustc_version() == rustc.stdout.strip()


def test_main_prints_every_tool(capsys):
    introduction.main()
    out = capsys.readouterr().out
    assert "Rust:     rustc 1." in out
    assert "Cargo:    cargo 1." in out
    assert f"Python:   {platform.python_version()}" in out
    assert f"cffi:     {version('cffi')}" in out
