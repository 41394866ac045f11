"""scripts/setup: clear errors for missing tools, nothing to do twice."""

import os
import re
import shutil
import subprocess
import sys
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


def pinned_tools() -> dict[str, str]:
    """The book tools scripts/setup pins: crate name -> version."""
    setup = (ROOT / "scripts" / "setup").read_text()
    versions = dict(re.findall(r"^(\w+)_VERSION=([0-9.]+)", setup, re.M))
    names = re.findall(
        r'^  install_tool ([\w-]+) "\$(\w+)_VERSION"', setup, re.M
    )
    return {name: versions[variable] for name, variable in names}


def fake_cargo_root(root: Path, tools: dict[str, str]) -> None:
    """A folder as `cargo install --root` leaves it, with fake binaries."""
    (root / "bin").mkdir(parents=True)
    records = ["[v1]"]
    for name, version in tools.items():
        (root / "bin" / name).write_text(f"{name} {version}\n")
        source = "registry+https://github.com/rust-lang/crates.io-index"
        records.append(f'"{name} {version} ({source})" = ["{name}"]')
    (root / ".crates.toml").write_text("\n".join(records) + "\n")


def test_the_tools_come_from_the_cache_old_layout_included(tmp_path):
    """Each tool is cached in tools/<name>-<version>/; the cache of before,
    one folder for three tools, is still used: nothing compiles."""
    tools = pinned_tools()
    assert "mdbook-quiz" in tools
    cache = tmp_path / "cache"
    old = {name: v for name, v in tools.items() if name != "mdbook-quiz"}
    fake_cargo_root(cache / "tools-mdbook-old-layout", old)
    quiz = {"mdbook-quiz": tools["mdbook-quiz"]}
    fake_cargo_root(
        cache / "tools" / f"mdbook-quiz-{tools['mdbook-quiz']}", quiz
    )
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    (repo / "examples").mkdir()
    shutil.copy(ROOT / "scripts" / "setup", repo / "scripts")
    shutil.copy(ROOT / "requirements.txt", repo)
    # A Python environment that setup finds up to date: no pip run.
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", repo / ".venv"],
        check=True,
    )
    (repo / ".venv" / "wheelhouse").mkdir()
    (repo / ".venv" / "wheelhouse-build").mkdir()
    for stamp in (
        "requirements.installed",
        "wheelhouse/requirements.txt",
        "wheelhouse-build/requirements.txt",
    ):
        shutil.copy(repo / "requirements.txt", repo / ".venv" / stamp)
    done = subprocess.run(
        ["bash", "scripts/setup"],
        cwd=repo,
        env=dict(os.environ, FFI_BOOK_TOOLS_CACHE=str(cache)),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "installing" not in done.stdout
    for name, version in tools.items():
        copied = repo / ".tools" / "bin" / name
        assert copied.read_text() == f"{name} {version}\n"
        assert (cache / "tools" / f"{name}-{version}" / "bin" / name).is_file()
    again = subprocess.run(
        ["bash", "scripts/setup"],
        cwd=repo,
        env=dict(os.environ, FFI_BOOK_TOOLS_CACHE=str(cache)),
        capture_output=True,
        text=True,
    )
    assert again.stdout == ""
