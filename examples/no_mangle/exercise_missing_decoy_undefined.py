"""Wrong: reads `nm -D` without --defined-only, so imports count as exports."""

import subprocess
from pathlib import Path

from exercise_missing import check


def missing_symbols(declared: list[str], library: Path) -> list[str]:
    listing = subprocess.run(
        ["nm", "-D", str(library)], capture_output=True, text=True, check=True
    ).stdout
    # Each line ends in the name, with its version after an @: keep it.
    listed = {line.split()[-1].split("@")[0] for line in listing.splitlines()}
    return [name for name in declared if name not in listed]


if __name__ == "__main__":
    check(missing_symbols)
