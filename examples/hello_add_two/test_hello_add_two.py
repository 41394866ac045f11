"""What the hello_add_two chapter says, asserted."""

import subprocess
import sys
from pathlib import Path

import pytest

from hello_add_two import lib

HERE = Path(__file__).parent
# The seed's script loads libpython_ffi.so: a Linux file name.
LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the seed names a .so"
)


def test_add_two_adds_two():
    assert lib.add_two(10) == 12
    assert lib.add_two(-2) == 0


def test_add_two_wraps_at_the_top_of_the_range():
    assert lib.add_two(2**31 - 1) == -(2**31) + 1


def test_python_ints_outside_int32_raise_overflow_error():
    with pytest.raises(OverflowError):
        lib.add_two(2**31)


def test_a_float_raises_type_error():
    with pytest.raises(TypeError):
        lib.add_two(1.5)


def test_the_script_prints_12_from_any_working_directory(tmp_path):
    script = HERE / "hello_add_two.py"
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "12\n"


def seed_step(step: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "seed.py"), step],
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("cargo-run", "can't find library `python_ffi`"),
        ("lib-rs", "unsafe attribute used without unsafe"),
        ("unsafe", "a bin target must be available for `cargo run`"),
        pytest.param(
            "cwd", "cannot open shared object file", marks=LINUX_ONLY
        ),
    ],
)
def test_each_seed_step_fails_with_its_error(step, error):
    done = seed_step(step)
    assert done.returncode == 1
    assert error in done.stdout


@LINUX_ONLY
def test_the_seed_works_from_its_own_folder_only():
    lines = seed_step("cwd").stdout.splitlines()
    assert lines[lines.index("seed/python$ python main.py") + 1] == "12"
    assert lines[-1].startswith("OSError: cannot load library '../anyName")
