"""Check that building the book twice gives the same pages, byte for byte.

Builds the book once more into a temporary folder and compares it with
BOOK_DIR (the build scripts/test just made). A difference means an output
depends on something other than the code: an address, a hash order, a
path, the time. Only the pages in TIMED_PAGES, which show measurements,
may differ.

Usage: python scripts/check_stable.py [BOOK_DIR]  (default: book)
Prints one line per page that differs and exits 1 if there is any.
"""

import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Pages about time: their figures change from run to run, by design. The
# search index and the print version contain those pages too.
TIMED_PAGES = {"call_cost", "threads_and_gil"}


def allowed_to_differ(relative: str) -> bool:
    if not TIMED_PAGES:
        return False
    page = Path(relative).stem
    return page in TIMED_PAGES or relative in {"print.html", "searchindex.js"}


def differences(first: Path, second: Path) -> list[str]:
    """Files that differ, or exist on one side only, as relative paths."""
    found = []
    compared = filecmp.dircmp(first, second)
    found += compared.left_only + compared.right_only
    found += compared.diff_files + compared.funny_files
    for name, sub in compared.subdirs.items():
        found += [
            f"{name}/{path}" for path in differences(sub.left, sub.right)
        ]
    return sorted(found)


def check(book: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as again:
        subprocess.run(
            ["mdbook", "build", "--dest-dir", again],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        changed = differences(book, Path(again))
    return [
        f"{path} differs between two builds"
        for path in changed
        if not allowed_to_differ(path)
    ]


def main() -> int:
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "book"
    problems = check(book.resolve())
    for problem in problems:
        print(f"check_stable: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("check_stable: a second build gave the same pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
