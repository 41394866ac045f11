"""Run one of the book's examples and print what a reader would see.

Every `<!-- cmdrun ... -->` line in src/ calls this runner, for example

    <!-- cmdrun --strict python ../scripts/example.py hello_add_two -->

(cmdrun reads --strict: a non-zero exit puts "cmdrun error" on the page,
which scripts/check_book.py turns into a failed check.)

It builds the example's crate if its sources changed since the last build,
runs the example's Python script with the project's .venv interpreter, and
prints the command line, then the script's output. It exits 0 when the
script ended with the expected exit status, and non-zero, with a message
naming the example, otherwise.

Usage: python scripts/example.py [options] EXAMPLE [SCRIPT [ARG ...]]
  EXAMPLE         a folder of examples/, named like its chapter in src/
  SCRIPT          a Python file in that folder (default: EXAMPLE.py)
  --status N      the exit status the script must end with (default 0;
                  -N means killed by signal N, as Python's subprocess says)
  --stderr        show the script's stderr too (for chapters about errors)
  --from DIR      run from DIR, relative to the root (default: the root)
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))
from ffi_book import library_path  # noqa: E402 (after the path)


class ExampleError(Exception):
    """The example could not run as the book expects."""


def venv_python() -> Path:
    for candidate in (".venv/bin/python", ".venv/Scripts/python.exe"):
        if (ROOT / candidate).exists():
            return ROOT / candidate
    raise ExampleError("no .venv/ at the repository root: run scripts/setup")


def newest_source_mtime(crate_dir: Path) -> float:
    """The newest change to the crate, the workspace or the shared crates."""
    sources = [ROOT / "Cargo.toml", ROOT / "Cargo.lock"]
    sources += [crate_dir / "Cargo.toml", crate_dir / "build.rs"]
    sources += (crate_dir / "src").rglob("*")
    sources += (ROOT / "crates").rglob("*")
    return max(p.stat().st_mtime for p in sources if p.is_file())


def build_if_needed(name: str) -> None:
    """Run cargo only when a source is newer than the built library."""
    crate_dir = ROOT / "examples" / name
    if not (crate_dir / "Cargo.toml").exists():
        return
    library = library_path(name)
    newest = newest_source_mtime(crate_dir)
    if library.exists() and library.stat().st_mtime > newest:
        return
    build = subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--package", name],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        raise ExampleError(f"cargo build failed:\n{build.stderr}")
    if library.exists() and library.stat().st_mtime <= newest:
        library.touch()  # cargo found it fresh: skip cargo next time


def without_machine_paths(text: str) -> str:
    """Show paths as a reader's checkout would: relative to the root."""
    text = text.replace(str(ROOT) + os.sep, "").replace(str(ROOT), ".")
    base = Path(sys.base_prefix).resolve()
    return text.replace(str(base) + os.sep, "<python>" + os.sep)


def describe_status(status: int) -> str:
    if status >= 0 or -status not in signal.valid_signals():
        return f"[exit status {status}]"
    name = signal.Signals(-status).name
    return f"[killed by {name}: a shell reports exit status {128 - status}]"


def run(args: argparse.Namespace) -> str:
    example_dir = ROOT / "examples" / args.example
    if not example_dir.is_dir():
        raise ExampleError(f"there is no folder examples/{args.example}/")
    script = example_dir / (args.script or f"{args.example}.py")
    if not script.is_file():
        raise ExampleError(f"there is no script {script.relative_to(ROOT)}")
    build_if_needed(args.example)

    cwd = (ROOT / args.cwd).resolve()
    shown_script = Path(os.path.relpath(script, cwd)).as_posix()
    lines = []
    if cwd != ROOT:
        lines.append(f"$ cd {Path(args.cwd).as_posix()}")
    lines.append(" ".join(["$ python", shown_script, *args.script_args]))

    env = dict(os.environ)
    env.pop("RUST_BACKTRACE", None)  # pages must not depend on the caller
    env["PYTHONPATH"] = str(ROOT / "examples")  # this checkout's ffi_book
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # write nothing into src/, examples/
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run(
        [str(venv_python()), str(script), *args.script_args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if args.stderr else subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    output = without_machine_paths(done.stdout)
    lines.append(output.rstrip("\n"))
    if done.returncode != args.status:
        detail = "" if args.stderr else f"\nits stderr:\n{done.stderr}"
        raise ExampleError(
            f"{shown_script} ended with {describe_status(done.returncode)},"
            f" the book expects {describe_status(args.status)}.\n"
            f"its output:\n{output}{detail}"
        )
    if done.returncode != 0:
        lines.append(describe_status(done.returncode))
    return "\n".join(line for line in lines if line) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        usage="python scripts/example.py [options] EXAMPLE [SCRIPT [ARG ...]]",
    )
    parser.add_argument("--status", type=int, default=0)
    parser.add_argument("--stderr", action="store_true")
    parser.add_argument("--from", dest="cwd", default=".")
    parser.add_argument("example")
    parser.add_argument("script", nargs="?")
    parser.add_argument("script_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    try:
        sys.stdout.write(run(args))
    except ExampleError as error:
        print(f"example {args.example}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
