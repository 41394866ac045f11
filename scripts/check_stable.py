"""Check that mdBook renders the same pages twice, byte for byte.

The outputs themselves are compared run against run by
`scripts/outputs.py stable` (every command run a second time, from another
folder). This check covers the rest of the page: it builds the book once
more into a temporary folder from the same outputs (the ones
`scripts/outputs.py run` kept, FFI_BOOK_CACHE) and compares every file
with BOOK_DIR. A difference means the rendering depends on something other
than the sources: a hash order, a path, the time.

Usage: python scripts/check_stable.py [BOOK_DIR]  (default: book)
Prints one line per file that differs and exits 1 if there is any.
"""

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    env = dict(os.environ, FFI_BOOK_CACHE="1")
    with tempfile.TemporaryDirectory() as again:
        subprocess.run(
            ["mdbook", "build", "--dest-dir", again],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
        )
        changed = differences(book, Path(again))
    return [f"{path} differs between two builds" for path in changed]


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
