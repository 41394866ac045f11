"""Follow the seed tutorial's steps in a scratch folder and show each error.

The seed project is in seed/ next to this file, as the seed tutorial
writes it (but for the edition line, which is what today's `cargo init`
writes): a Cargo project anyName/ and a Python folder python/.
Each step copies it to a scratch folder of its own under Cargo's target
folder, applies the fixes of the steps before it, runs the step's commands
and prints what they print, with the exit status of each command that
fails (this script itself exits 0 once every command ran). The copies
keep the files' modification times, so that Cargo finds the next run's
build up to date.

Usage: python seed.py STEP, where STEP is one of the names in STEPS.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ffi_book import target_dir

SEED = Path(__file__).resolve().parent / "seed"
SCRATCH = target_dir() / "seed-steps"


def run(folder: Path, scratch: Path, *command: str) -> None:
    """Run `command` in `folder` and print it the way a terminal shows it."""
    print(f"{folder.relative_to(scratch).as_posix()}$ {' '.join(command)}")
    command_name = command[0]
    is_python = command_name == "python"
    if is_python:
        command = (sys.executable, *command[1:])
    env = dict(
        os.environ, CARGO_TARGET_DIR=str(scratch / "seed/anyName/target")
    )
    done = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True
    )
    output = (done.stdout + done.stderr).replace(f"{scratch}{os.sep}", "")
    if is_python and done.returncode != 0:
        output = output.strip().splitlines()[-1]  # the traceback's verdict
    if output.strip():
        print(output.rstrip())
    if done.returncode != 0:  # cargo's or python's, not this script's
        print(f"[{command_name} exited with status {done.returncode}]")


def move_code_to_lib_rs(project: Path) -> None:
    (project / "src/main.rs").rename(project / "src/lib.rs")  # keeps mtime


def mark_no_mangle_unsafe(project: Path) -> None:
    lib_rs = project / "src/lib.rs"
    changed = lib_rs.stat().st_mtime_ns  # the seed file's, every run
    code = lib_rs.read_text()
    lib_rs.write_text(code.replace("#[no_mangle]", "#[unsafe(no_mangle)]"))
    os.utime(lib_rs, ns=(changed, changed))


# Each step: the fix it adds to the steps before it, then what it runs.
STEPS = {
    "cargo-run": (None, [("anyName", "cargo", "run", "--quiet")]),
    "lib-rs": (
        move_code_to_lib_rs,
        [("anyName", "cargo", "build", "--quiet")],
    ),
    "unsafe": (
        mark_no_mangle_unsafe,
        [
            ("anyName", "cargo", "build", "--quiet"),
            ("anyName", "cargo", "run", "--quiet"),
        ],
    ),
    "cwd": (
        None,
        [
            ("anyName", "cargo", "build", "--quiet"),
            ("python", "python", "main.py"),
            ("", "python", "python/main.py"),
        ],
    ),
}


def main(step: str) -> int:
    if step not in STEPS:
        sys.exit(f"unknown step {step!r}; the steps are {', '.join(STEPS)}")
    scratch = SCRATCH / step
    for source in (scratch / "seed/anyName/src", scratch / "seed/python"):
        shutil.rmtree(source, ignore_errors=True)  # not target/: kept
    shutil.copytree(SEED, scratch / "seed", dirs_exist_ok=True)  # copy2
    names = list(STEPS)
    for name in names[: names.index(step) + 1]:
        fix, _ = STEPS[name]
        if fix:
            fix(scratch / "seed/anyName")
    for folder, *command in STEPS[step][1]:
        run(scratch / "seed" / folder, scratch, *command)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
