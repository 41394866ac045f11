"""Build tempconv with setuptools: cffi compiles tempconv._native."""

import os
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

setup(
    packages=["tempconv"],
    package_dir={"tempconv": "../python/tempconv"},  # shared with maturin
    # cffi's setuptools hook: build the module that build_native.py
    # describes, and put it in the wheel.
    cffi_modules=["build_native.py:ffibuilder"],
    options={
        # cffi compiles with Python's stable ABI: say so in the wheel tag.
        "bdist_wheel": {"py_limited_api": "cp311"},
        # Build files go under target/, not into the examples folder.
        "build": {"build_base": str(BUILD)},
        "egg_info": {"egg_base": str(BUILD)},
    },
)
# ANCHOR_END: setup
