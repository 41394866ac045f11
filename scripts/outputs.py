"""Every output the book shows: run them all, and compare them with their
committed copies in outputs/, so that a change to a page's output is seen
in review next to the prose that describes it.

    python scripts/outputs.py run [--only STEM]
        Run every command of the book's cmdrun lines through the runner,
        two examples side by side (one example's commands one after
        another: they share build folders; the pages about time alone, at
        the end, so that nothing else runs while they measure). Each
        output is kept for the `mdbook build` that follows (FFI_BOOK_CACHE)
        and recorded in target/outputs/run/<stem>.txt.
    python scripts/outputs.py check [--only STEM]
        The recorded outputs must equal the committed outputs/<stem>.txt.
        Prints one problem per command that differs, naming the chapter
        and the command, with a diff, and exits 1.
    python scripts/outputs.py stable [--only STEM]
        Run every command a second time, its script from a scratch folder
        instead of the root, and compare with the recorded run: an output
        that changes from run to run, or with the working folder, fails.
    python scripts/outputs.py update [--only STEM]
        Run every command and write outputs/<stem>.txt (what
        scripts/update-outputs does): review `git diff outputs/` after.

What may change from run to run by design (timings, a race's count) is
listed in VARIES, with the reason, and masked in both the committed
copies and the comparisons.
"""

import argparse
import difflib
import os
import platform
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import example  # noqa: E402 (after the path)
from check_book import chapters, runner_commands  # noqa: E402

COMMITTED = ROOT / "outputs"
RECORDED = ROOT / "target" / "outputs" / "run"
HEADER = "### example.py "  # starts each command's block in a copy
FAILED = "[the runner failed]"
# Pages whose outputs are measurements: their commands run alone.
TIMED_PAGES = {"call_cost", "threads_and_gil"}

NUMBER = r"\d+(?:[.,]\d+)*"
# command (the runner's arguments) -> [(pattern, why)]: each match of the
# pattern is replaced by <varies>. Only what changes from run to run.
VARIES: dict[str, list[tuple[str, str]]] = {
    "call_cost": [
        (r"(?<=^Machine:  ).*", "the processor"),
        (
            rf"(?<=\S)[ ]{{2,}}{NUMBER}(?=[^\n]*x$)",
            "a timing, in a table row (not a digit of its label)",
        ),
        (rf"[+-]{NUMBER} ns|within noise", "a measured difference"),
        (
            rf"(?<=: ){NUMBER}x (?:faster|slower) than|(?<=: )within 5% of",
            "a measured comparison",
        ),
        (rf"{NUMBER}(?= ns$)", "a timing, in a sentence"),
        (rf"(?<=\S)[ ]{{2,}}{NUMBER}$", "a timing, in the third table"),
    ],
    "threads_and_gil": [
        (rf"{NUMBER}(?= ms$)", "a timing"),
        (rf"{NUMBER}(?=x$)", "a ratio of timings"),
    ],
    # A chart (example.py --chart) draws its table's numbers: each bar's
    # line varies with them after its label.
    **{
        f"--chart {column} {example}": [
            (r'(?<= data-value=)"[^\n]*', "a bar of measured length")
        ]
        for column, example in [
            ("ns/call", "call_cost"),
            ("ns/element", "call_cost"),
            ("units", "threads_and_gil"),
        ]
    },
    "threads_and_gil threads_and_gil.py tally": [
        (
            rf"(?<=racy ) *{NUMBER}  (?:lost {NUMBER}|exact)",
            "how many updates a data race loses",
        ),
    ],
}
MADE_ON = "# Made on: "


def environment() -> str:
    """What the outputs depend on besides the book's sources: the
    platform, its C library, Python's and Rust's versions."""
    rustc = subprocess.run(
        ["rustc", "--version"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    libc = " ".join(platform.libc_ver()) or "no glibc"
    return (
        f"{platform.system()} {platform.machine()}, {libc},"
        f" Python {platform.python_version()},"
        f" rustc {rustc[1] if len(rustc) > 1 else 'unknown'}"
    )


def command_key(args: list[str]) -> str:
    return " ".join(args)


def masked(key: str, text: str) -> str:
    for pattern, _ in VARIES.get(key, []):
        text = re.sub(pattern, "<varies>", text, flags=re.M)
    return text


def book_commands(only: str | None = None) -> list[tuple[str, list[str]]]:
    return [
        (stem, args)
        for stem, args in runner_commands(ROOT)
        if only is None or stem == only
    ]


def run_one(args: list[str], script_cwd: Path | None = None) -> str:
    """What the page shows for this command; an error, as text."""
    try:
        return example.run(example.parse_args(args), script_cwd=script_cwd)
    except example.ExampleError as error:
        return f"{FAILED} {command_key(args)}: {error}\n"


def keep(args: list[str], output: str) -> None:
    """Keep the output for the build that follows (see example.py)."""
    os.environ["FFI_BOOK_CACHE"] = "1"
    kept = example.kept_output(args)
    if kept:
        path, state = kept
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(state + "\0\n" + output)


def forget(args: list[str]) -> None:
    os.environ["FFI_BOOK_CACHE"] = "1"
    kept = example.kept_output(args)
    if kept and os.path.exists(kept[0]):
        os.remove(kept[0])


def run_all(
    commands: list[tuple[str, list[str]]],
    script_cwd: Path | None = None,
    keep_outputs: bool = False,
) -> dict[str, list[tuple[str, str]]]:
    """stem -> [(command, output)] in page order."""
    groups: dict[str, list[int]] = {}
    for index, (stem, _) in enumerate(commands):
        groups.setdefault(stem, []).append(index)
    outputs: list[str] = [""] * len(commands)

    def run_group(indexes: list[int]) -> None:
        for index in indexes:
            args = commands[index][1]
            if keep_outputs:
                forget(args)
            outputs[index] = run_one(args, script_cwd)
            if keep_outputs and not outputs[index].startswith(FAILED):
                keep(args, outputs[index])

    # Compile first, once, before anything runs side by side.
    example.build_crates(sorted(groups))
    side_by_side = [g for s, g in groups.items() if s not in TIMED_PAGES]
    alone = [g for s, g in groups.items() if s in TIMED_PAGES]
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        list(pool.map(run_group, side_by_side))
    for group in alone:
        run_group(group)
    by_stem: dict[str, list[tuple[str, str]]] = {}
    for (stem, args), output in zip(commands, outputs, strict=True):
        by_stem.setdefault(stem, []).append((command_key(args), output))
    return by_stem


def copy_text(stem: str, blocks: list[tuple[str, str]]) -> str:
    lines = [
        f"# What src/{stem}.md shows: every output of its cmdrun lines, in",
        "# page order. Made by scripts/update-outputs: never edit by hand.",
        f"{MADE_ON}{environment()}",
    ]
    for key, output in blocks:
        lines += ["", f"{HEADER}{key}", masked(key, output).rstrip("\n")]
    return "\n".join(lines) + "\n"


def parse_copy(text: str) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith(HEADER):
            blocks.append((line[len(HEADER) :], ""))
        elif blocks:
            key, body = blocks[-1]
            blocks[-1] = (key, body + line + "\n")
    return [(key, body.rstrip("\n")) for key, body in blocks]


def write_copies(folder: Path, by_stem: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, blocks in by_stem.items():
        (folder / f"{stem}.txt").write_text(
            copy_text(stem, blocks), encoding="utf-8"
        )


def made_on(folder: Path, stem: str) -> str | None:
    path = folder / f"{stem}.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(MADE_ON):
                return line[len(MADE_ON) :]
    return None


def read_copy(folder: Path, stem: str) -> list[tuple[str, str]] | None:
    path = folder / f"{stem}.txt"
    if not path.is_file():
        return None
    return parse_copy(path.read_text(encoding="utf-8"))


def compare(
    stem: str,
    expected: list[tuple[str, str]] | None,
    actual: list[tuple[str, str]],
    expected_name: str,
    actual_name: str,
) -> list[str]:
    """Problems, each naming the chapter and the command."""
    title = chapters(ROOT).get(stem, stem)
    where = f"src/{stem}.md (chapter '{title}')"
    if expected is None:
        return [f"{where}: no {expected_name}"]
    problems = []
    want = [key for key, _ in expected]
    have = [key for key, _ in actual]
    if want != have:
        problems.append(
            f"{where}: the page runs {have}, {expected_name} has {want}"
        )
    for (key, old), (key2, new) in zip(expected, actual, strict=False):
        old = masked(key, old).rstrip("\n")
        new = masked(key2, new).rstrip("\n")
        if key == key2 and old != new:
            diff = difflib.unified_diff(
                old.splitlines(),
                new.splitlines(),
                expected_name,
                actual_name,
                lineterm="",
                n=1,
            )
            shown = "\n    ".join(list(diff)[:40])
            problems.append(
                f"{where}: the output of `example.py {key}` differs from"
                f" {expected_name}:\n    {shown}"
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["run", "check", "stable", "update"])
    parser.add_argument("--only", help="one chapter's commands (its stem)")
    options = parser.parse_args()
    commands = book_commands(options.only)
    stems = sorted({stem for stem, _ in commands})
    problems: list[str] = []
    if options.action in ("run", "update"):
        by_stem = run_all(commands, keep_outputs=True)
        write_copies(RECORDED, by_stem)
        for stem, blocks in by_stem.items():
            for _, output in blocks:
                if output.startswith(FAILED):
                    problems.append(f"src/{stem}.md: {output.rstrip()}")
        if options.action == "update" and not problems:
            write_copies(COMMITTED, by_stem)
            print(
                f"outputs: wrote outputs/ for {len(stems)} pages; review"
                " them with `git diff outputs/` and commit them"
            )
        elif not problems:
            print(
                f"outputs: ran {len(commands)} commands of {len(stems)} pages"
            )
    elif options.action == "check":
        here = environment()
        elsewhere = {made_on(COMMITTED, stem) for stem in stems} - {here}
        if elsewhere - {None}:
            # Versions and the platform show on the pages (a wheel's tag,
            # the interpreter): comparing would only list those.
            print(
                f"outputs: NOT COMPARED: outputs/ was made on"
                f" {', '.join(sorted(elsewhere - {None}))}; this machine is"
                f" {here}. CI compares them; `scripts/update-outputs` here"
                " shows what your change does (and which lines are only"
                " this machine's)."
            )
            return 0
        for stem in stems:
            recorded = read_copy(RECORDED, stem)
            if recorded is None:
                problems.append(f"src/{stem}.md: not run: run 'run' first")
                continue
            problems += compare(
                stem,
                read_copy(COMMITTED, stem),
                recorded,
                f"outputs/{stem}.txt",
                "this run",
            )
        if not options.only:
            for path in sorted(COMMITTED.glob("*.txt")):
                if path.stem not in stems:
                    problems.append(f"outputs/{path.name}: no such page")
        if problems:
            problems.append(
                "if the new output is right, run scripts/update-outputs and"
                " commit outputs/ with the change"
            )
        else:
            print(f"outputs: {len(commands)} outputs as committed")
    else:  # stable
        with tempfile.TemporaryDirectory() as scratch:
            again = run_all(commands, script_cwd=Path(scratch))
        for stem in stems:
            problems += compare(
                stem,
                read_copy(RECORDED, stem),
                again[stem],
                "the first run",
                "a second run, from another folder",
            )
        if not problems:
            print(
                f"outputs: {len(commands)} outputs the same in a second run"
                " from another folder"
            )
    for problem in problems:
        print(f"outputs: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
