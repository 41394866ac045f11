"""Follow the recipe "Your own project, from an empty folder" and print it.

The recipe is two blocks of commands, own_project/start.sh and then
own_project/build.sh; between them the reader writes the other files of
own_project/. The page includes the same files, whole. This script runs
the recipe line by line in an empty temporary folder, outside this
repository (so no Cargo workspace and no ffi_book helper is in sight),
and prints each command and its output:

- `cd DIR` changes the folder of the next commands, as in a shell;
- between the two blocks, the script copies the files from own_project/
  into the current folder, and prints a comment line naming them;
- `python3` is the Python running this script.

Three things differ from a reader's terminal, all said on the page:
`python3` is this script's Python (the project's .venv), not the one on
the reader's PATH; pip installs the cffi and pycparser wheels of this
project's .venv versions from a folder under target/ (downloaded from
PyPI once, then reused offline); and the output shows the temporary
folder as `…` and cargo's build time as `…s`.
"""

import importlib.metadata
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ffi_book import target_dir

RECIPE_FILES = Path(__file__).resolve().parent / "own_project"
# The commands typed before writing the files, and after.
RECIPE = [RECIPE_FILES / "start.sh", RECIPE_FILES / "build.sh"]
WHEELS = target_dir() / "own-project-wheels"
TIME = re.compile(r" in \d+(?:\.\d+)?m?s$", re.M)


def files_to_write() -> list[Path]:
    """The files the reader writes, relative to the project folder."""
    return sorted(
        path.relative_to(RECIPE_FILES)
        for path in RECIPE_FILES.rglob("*")
        if path.is_file()
        and path not in RECIPE
        and "__pycache__" not in path.parts
    )


def wheels() -> Path:
    """A folder with the wheels of .venv's cffi and pycparser."""
    pins = [
        f"{name}=={importlib.metadata.version(name)}"
        for name in ("cffi", "pycparser")
    ]
    found = [
        list(WHEELS.glob(f"{pin.replace('==', '-')}-*.whl")) for pin in pins
    ]
    if not all(found):
        download = [sys.executable, "-m", "pip", "download", "--quiet"]
        download += ["--no-deps", "--only-binary=:all:", "-d", str(WHEELS)]
        subprocess.run([*download, *pins], check=True)
    return WHEELS


def environment() -> dict[str, str]:
    """This process's environment, without what points into the project."""
    env = dict(os.environ)
    for name in ("CARGO_TARGET_DIR", "PYTHONPATH", "VIRTUAL_ENV"):
        env.pop(name, None)
    env["PIP_NO_INDEX"] = "1"
    env["PIP_FIND_LINKS"] = str(wheels())
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def write_files(folder: Path) -> None:
    """Write the files the reader writes between the two blocks."""
    names = files_to_write()
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RECIPE_FILES / name, folder / name)
    print(f"# wrote {', '.join(name.as_posix() for name in names)}")


def run(line: str, folder: Path, env: dict[str, str], empty: str) -> Path:
    """Run one line of the recipe in `folder`; return the next folder."""
    print(f"$ {line}")
    command = shlex.split(line)
    if command[0] == "cd":
        return folder / command[1]
    if command[0] == "python3":
        command[0] = sys.executable
    done = subprocess.run(
        command,
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = TIME.sub(" in …s", done.stdout.replace(empty, "…"))
    if output.strip():
        print(output.rstrip())
    if done.returncode != 0:
        print(f"[{command[0]} exited with status {done.returncode}]")
        raise SystemExit(1)
    return folder


def main() -> int:
    env = environment()
    with tempfile.TemporaryDirectory(prefix="own-project-") as empty:
        folder = Path(empty)
        print("$ cd …")  # the empty folder
        start, build = (
            block.read_text(encoding="utf-8").splitlines() for block in RECIPE
        )
        for line in start:
            folder = run(line, folder, env, empty)
        write_files(folder)
        for line in build:
            folder = run(line, folder, env, empty)
    return 0


if __name__ == "__main__":
    sys.exit(main())
