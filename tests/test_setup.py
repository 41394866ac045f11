"""scripts/setup: clear errors for missing tools, nothing to do twice."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_with_only(tmp_path: Path, *commands: str):
    """Run scripts/setup with a PATH holding only `commands`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for command in ("bash", "dirname", "sed", "cmp", "cp", *commands):
        (bin_dir / command).symlink_to(shutil.which(command))
    return subprocess.run(
        [shutil.which("bash"), "scripts/setup"],
        cwd=ROOT,
        env=dict(os.environ, PATH=str(bin_dir)),
        capture_output=True,
        text=True,
    )


def test_without_cargo_it_says_to_install_rust(tmp_path):
    done = setup_with_only(tmp_path, "python3")
    assert done.returncode == 1
    assert "setup: error: cargo not found. Install Rust" in done.stderr


def test_without_python_it_says_to_install_python(tmp_path):
    done = setup_with_only(tmp_path, "cargo")
    assert done.returncode == 1
    assert "setup: error: python3 (3.11 or newer) not found" in done.stderr


def test_a_second_run_skips_everything():
    done = subprocess.run(
        ["scripts/setup"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "installing" not in done.stdout
    assert "creating" not in done.stdout
