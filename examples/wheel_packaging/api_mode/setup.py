"""Build tempconv with setuptools: cffi compiles tempconv._native."""

import os
import sysconfig
from pathlib import Path

from setuptools import setup

# ANCHOR: setup
ROOT = Path(__file__).resolve().parents[3]  # the book's repository
BUILD = (
    ROOT
    / os.environ.get("CARGO_TARGET_DIR", "target")
    / "wheel_packaging"
    / "api_build"
)


def bdist_wheel_options(free_threaded: bool) -> dict:
    """cffi compiles with Python's stable ABI: say so in the wheel tag.
    Free-threaded Python 3.14t has no stable ABI: there cffi compiles for
    that one version, and the tag must say so (setuptools refuses abi3)."""
    return {} if free_threaded else {"py_limited_api": "cp311"}


def main() -> None:
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    setup(
        packages=["tempconv"],
        package_dir={"tempconv": "../python/tempconv"},  # shared with maturin
        # cffi's setuptools hook: build the module that build_native.py
        # describes, and put it in the wheel.
        cffi_modules=["build_native.py:ffibuilder"],
        options={
            "bdist_wheel": bdist_wheel_options(free_threaded),
            # Build files go under target/, not into the examples folder.
            "build": {"build_base": str(BUILD)},
            "egg_info": {"egg_base": str(BUILD)},
        },
    )


# ANCHOR_END: setup

if __name__ == "__main__":
    main()
