"""What a user of the tempconv wheel writes: no path, no cdef, no Rust."""

# ANCHOR: all
import sys
from importlib.metadata import version
from pathlib import Path

import tempconv
import tempconv._native


def where(module) -> str:
    """The module's file, relative to the environment that holds it."""
    return Path(module.__file__).relative_to(sys.prefix).as_posix()


def main() -> None:
    print(f"tempconv {version('tempconv')} from {where(tempconv)}")
    print(f"tempconv._native from {where(tempconv._native)}")
    print("celsius_to_fahrenheit(100) =", tempconv.celsius_to_fahrenheit(100))
    print("fahrenheit_to_celsius(-40) =", tempconv.fahrenheit_to_celsius(-40))
    try:
        tempconv.celsius_to_fahrenheit(-300)
    except ValueError as error:
        print("celsius_to_fahrenheit(-300) raised ValueError:", error)


if __name__ == "__main__":
    main()
# ANCHOR_END: all
