"""Run one of the book's examples and print what a reader would see.

Every `<!-- cmdrun ... -->` line in src/ calls this runner, for example

    <!-- cmdrun --strict python ../scripts/example.py hello_add_two -->

(cmdrun reads --strict: a non-zero exit puts "cmdrun error" on the page,
which scripts/check_book.py turns into a failed check.)

It builds the example's crate if its sources changed since the last build,
runs the example's Python script with the project's .venv interpreter, and
prints the command line, then the script's output, then, if the script
did not exit 0, how its Python ended ("[python exited with status 1]").
It exits 0 when the script ended with the expected exit status, and
non-zero, with a message naming the example, otherwise.

Usage: python scripts/example.py [options] EXAMPLE [SCRIPT [ARG ...]]
  EXAMPLE         a folder of examples/, named like its chapter in src/
  SCRIPT          a Python file in that folder (default: EXAMPLE.py)
  --status N      the exit status the script must end with (default 0;
                  -N means killed by signal N, as Python's subprocess says)
  --stderr        show the script's stderr too (for chapters about errors)
  --from DIR      run from DIR, relative to the root (default: the root)
  --html          print the script's output alone, as HTML for the page
                  (no `$ python` line): for a cmdrun line outside a block
  --chart COLUMN  run nothing: draw the table that the same command
                  without --chart printed last as an SVG bar chart (the
                  table whose header contains COLUMN, see scripts/chart.py)
"""

import os
import sys

ROOT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ANCHOR: cache
CRATE_SOURCES = ("src", "Cargo.toml", "build.rs")


def uses_the_crate(folder: str, script: str, example: str) -> bool:
    """Whether `script`, or a module of `folder` it imports, names the
    example's crate (to load it or to build it). The seed tutorial's steps
    in hello_add_two, for one, do not: editing lib.rs leaves them alone."""
    seen, todo = set(), [script]
    while todo:
        name = todo.pop()
        path = os.path.join(folder, name)
        if name in seen or not os.path.isfile(path):
            continue
        seen.add(name)
        with open(path, encoding="utf-8") as file:
            text = file.read()
        if example in text:
            return True
        for line in text.splitlines():
            words = line.split()
            if len(words) > 1 and words[0] in ("import", "from"):
                todo.append(words[1].split(".")[0] + ".py")
    return False


def kept_output(argv: list[str]) -> tuple[str, str] | None:
    """Where this command's output is kept under scripts/serve, and the
    state of its inputs (path, size, time of change of each) at the run
    that printed it.

    Only with FFI_BOOK_CACHE=1 (scripts/serve sets it), so that an edit
    re-runs only the commands whose inputs changed: the example's folder
    (its crate only for the scripts that use it), the shared crates,
    ffi_book.py and this runner. Builds for CI and scripts/test never keep
    anything: every example runs, every time.
    """
    if os.environ.get("FFI_BOOK_CACHE") != "1" or "--chart" in argv:
        return None  # a chart is drawn anew from its table's output
    positional = [w for w in argv if not w.startswith("--")]
    example = example_of(argv)
    if example is None:
        return None
    after = positional[positional.index(example) + 1 :]
    script = after[0] if after else f"{example}.py"
    folder = os.path.join(ROOT_DIR, "examples", example)
    with_crate = uses_the_crate(folder, script, example)
    inputs = [
        os.path.abspath(__file__),
        os.path.join(ROOT_DIR, "examples", "ffi_book.py"),
    ]
    for top_folder in (folder, os.path.join(ROOT_DIR, "crates")):
        for top, folders, files in os.walk(top_folder):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                path = os.path.join(top, name)
                part = os.path.relpath(path, folder).split(os.sep)[0]
                if with_crate or part not in CRATE_SOURCES:
                    inputs.append(path)
    state = "\0".join(argv) + "\n"
    for path in inputs:
        stat = os.stat(path)
        state += f"{path} {stat.st_size} {stat.st_mtime_ns}\n"
    return output_file(argv), state


def output_file(argv: list[str], folder: str = "") -> str:
    """Where an output of this command is written, under target/."""
    command = " ".join(argv)
    name = "".join(c if c.isalnum() or c in "._-" else "_" for c in command)
    target = os.environ.get("CARGO_TARGET_DIR") or "target"
    return os.path.join(
        ROOT_DIR, target, "example-outputs", folder, f"{name}.txt"
    )


def example_of(argv: list[str]) -> str | None:
    words, positional = iter(argv), []
    for word in words:
        if word in ("--status", "--from", "--chart"):
            next(words, None)
        elif not word.startswith("--"):
            positional.append(word)
    return positional[0] if positional else None


def committed_output(argv: list[str]) -> str | None:
    """With FFI_BOOK_ONLY=STEM (`scripts/test STEM` tests one chapter),
    every other chapter's command prints its committed copy from
    outputs/ instead of running: the rest of the book is there for the
    links and the browser, and the full `scripts/test` runs it all. A
    STEM that is no chapter makes every page print its committed copy
    (the browser check's own tests)."""
    only = os.environ.get("FFI_BOOK_ONLY")
    example = example_of(argv)
    if not only or example in (None, only) or "--chart" in argv:
        return None
    sys.path.insert(0, os.path.join(ROOT_DIR, "scripts"))
    from outputs import COMMITTED, read_copy

    for key, output in read_copy(COMMITTED, example) or []:
        if key == " ".join(argv):
            return output + "\n"
    return None


# The fast path: under `mdbook serve`, every command of the book starts
# this file on every rebuild, so a kept output whose inputs are unchanged
# is printed before anything else is imported.
if __name__ == "__main__" and (committed := committed_output(sys.argv[1:])):
    sys.stdout.write(committed)
    sys.exit(0)
if __name__ == "__main__" and (kept := kept_output(sys.argv[1:])):
    path, state = kept
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as file:
            kept_state, _, output = file.read().partition("\n\0\n")
        if kept_state + "\n" == state:
            sys.stdout.write(output)
            sys.exit(0)
# ANCHOR_END: cache

# ruff: noqa: E402 (the imports below come after the fast path on purpose)
import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(ROOT_DIR)
sys.path.insert(0, str(ROOT / "examples"))
from ffi_book import library_path


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


THREAD_ID = re.compile(r"^(\s*thread '[^']*') \(\d+\)", re.M)
RUST_SOURCES = re.compile(r"/rustc/[0-9a-f]{40}/")
PYTHON_REPR_ADDRESS = re.compile(r"(<[^<>\n]* at )0x[0-9a-f]+>")
FRAME = re.compile(r"^ +(\d+:|at ) ?")
# Cargo's note that another cargo (an example run side by side) holds a
# lock: it says when the build ran, not what it did.
CARGO_LOCK_WAIT = re.compile(
    r"^ *Blocking waiting for file lock on .*\n", re.M
)


def collapse_backtraces(text: str) -> str:
    """Replace each stack backtrace's frames (addresses) by their count."""
    lines, frames, in_backtrace = [], 0, False
    for line in text.splitlines():
        if in_backtrace and FRAME.match(line):
            frames += line.lstrip()[0].isdigit()
            continue
        if in_backtrace:
            lines.append(f"   [{frames} frames hidden]")
            in_backtrace = False
        lines.append(line)
        if line == "stack backtrace:":
            in_backtrace, frames = True, 0
    if in_backtrace:
        lines.append(f"   [{frames} frames hidden]")
    return "".join(f"{line}\n" for line in lines)


def tidy(text: str) -> str:
    """Hide what changes from machine to machine or run to run.

    Paths become relative to the root (the interpreter's own, <python>);
    in Rust panics, the thread id becomes <id>, the compiler's source
    path <rust>/, and backtraces (all addresses) a count of frames; in
    Python reprs such as <function f at 0x7f...>, the address becomes 0x….
    Cargo's "Blocking waiting for file lock" lines go: another build was
    running at the same time. Everything else is exactly what the script
    printed.
    """
    text = text.replace(str(ROOT) + os.sep, "").replace(str(ROOT), ".")
    base = Path(sys.base_prefix).resolve()
    text = text.replace(str(base) + os.sep, "<python>" + os.sep)
    text = THREAD_ID.sub(r"\1 (<id>)", text)
    text = RUST_SOURCES.sub("<rust>/", text)
    text = PYTHON_REPR_ADDRESS.sub(r"\g<1>0x…>", text)
    text = CARGO_LOCK_WAIT.sub("", text)
    return collapse_backtraces(text) if "stack backtrace:" in text else text


def describe_status(status: int) -> str:
    """How the script's Python ended, named: a page shows other programs'
    statuses too (Hello's seed steps: `[cargo exited with status 101]`)."""
    import signal  # here: only a failing or crashing script needs it

    if status >= 0 or -status not in signal.valid_signals():
        return f"[python exited with status {status}]"
    name = signal.Signals(-status).name
    shell = 128 - status
    return f"[python killed by {name}: a shell reports exit status {shell}]"


def build_crates(names: list[str]) -> None:
    """Build these examples' crates in one cargo run (before their
    commands run side by side)."""
    crates = [
        n for n in names if (ROOT / "examples" / n / "Cargo.toml").exists()
    ]
    packages = [word for name in crates for word in ("--package", name)]
    build = subprocess.run(
        ["cargo", "build", "--quiet", "--locked", *packages],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        raise ExampleError(f"cargo build failed:\n{build.stderr}")


def table_output(argv: list[str]) -> str:
    """What the page shows for the command `argv`, as printed last: its
    committed copy where the page shows that (FFI_BOOK_ONLY), its kept
    output under FFI_BOOK_CACHE (only if its inputs are unchanged), else
    the output of its last run (see `run`)."""
    if committed := committed_output(argv):
        return committed
    if kept := kept_output(argv):
        path, state = kept
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as file:
                kept_state, _, output = file.read().partition("\n\0\n")
            if kept_state + "\n" == state:
                return output
    elif os.path.isfile(path := output_file(argv, "last")):
        return Path(path).read_text(encoding="utf-8")
    raise ExampleError(
        f"no output of `example.py {' '.join(argv)}` to draw: its cmdrun"
        " line must come before the chart's on the page"
    )


def draw_chart(args: argparse.Namespace) -> str:
    """The chart of the table that the same command printed last."""
    from chart import TableError, chart_of_output

    argv = list(args.argv)
    at = argv.index("--chart")
    del argv[at : at + 2]
    output = table_output(argv)
    try:
        return chart_of_output(output, " ".join(argv), args.chart)
    except TableError as error:
        raise ExampleError(f"{error} in the output of {argv}") from None


def run(args: argparse.Namespace, script_cwd: Path | None = None) -> str:
    """What the page shows. `script_cwd` runs the script from another
    folder than the page says (scripts/outputs.py's second run). The
    output is also written to target/example-outputs/last/, for a chart
    of it (--chart) to draw; a failed run removes that file."""
    if args.chart:
        return draw_chart(args)
    last = output_file(args.argv, "last")
    if os.path.isfile(last):
        os.remove(last)
    shown = run_script(args, script_cwd)
    os.makedirs(os.path.dirname(last), exist_ok=True)
    Path(last).write_text(shown, encoding="utf-8")
    return shown


def run_script(args: argparse.Namespace, script_cwd: Path | None) -> str:
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
    if cwd != ROOT and not args.html:
        lines.append(f"$ cd {Path(args.cwd).as_posix()}")
    if not args.html:
        lines.append(" ".join(["$ python", shown_script, *args.script_args]))

    env = dict(os.environ)
    env.pop("RUST_BACKTRACE", None)  # pages must not depend on the caller
    env["PYTHONPATH"] = str(ROOT / "examples")  # this checkout's ffi_book
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # write nothing into src/, examples/
    env["PYTHONIOENCODING"] = "utf-8"
    if script_cwd is not None and args.cwd == ".":
        cwd = script_cwd
    done = subprocess.run(
        [str(venv_python()), str(script), *args.script_args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if args.stderr else subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    output = tidy(done.stdout)
    lines.append(output.rstrip("\n"))
    if done.returncode != args.status:
        detail = "" if args.stderr else f"\nits stderr:\n{tidy(done.stderr)}"
        raise ExampleError(
            f"{shown_script} ended with {describe_status(done.returncode)},"
            f" the book expects {describe_status(args.status)}.\n"
            f"its output:\n{output}{detail}"
        )
    if done.returncode != 0:
        lines.append(describe_status(done.returncode))
    return "\n".join(line for line in lines if line) + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        usage="python scripts/example.py [options] EXAMPLE [SCRIPT [ARG ...]]",
    )
    parser.add_argument("--status", type=int, default=0)
    parser.add_argument("--stderr", action="store_true")
    parser.add_argument("--from", dest="cwd", default=".")
    parser.add_argument("--html", action="store_true")
    parser.add_argument("--chart")
    parser.add_argument("example")
    parser.add_argument("script", nargs="?")
    parser.add_argument("script_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    return args


def main() -> int:
    args = parse_args()
    try:
        shown = run(args)
    except ExampleError as error:
        print(f"example {args.example}: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(shown)
    if kept := kept_output(sys.argv[1:]):
        path, state = kept
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(state + "\0\n" + shown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
