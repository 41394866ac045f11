"""What the hello_add_two chapter says, asserted."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from cffi import FFI

from ffi_book import library_path
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


@LINUX_ONLY
def test_the_library_is_loaded_with_rtld_local():
    """Its names stay out of the global namespace (dlopen(NULL))."""
    ffi = FFI()
    ffi.cdef("int32_t add_two(int32_t x);")
    ours = ffi.dlopen(str(library_path("hello_add_two")))
    assert ours.add_two(1) == 3
    with pytest.raises(AttributeError, match="undefined symbol: add_two"):
        ffi.dlopen(None).add_two(1)


@LINUX_ONLY
def test_a_name_missing_from_the_library_is_found_in_the_c_library():
    """The page's trap: lib.NAME is looked up in the library and in the
    libraries it depends on; hello_add_two exports no `abs`."""
    assert "abs" not in exported_names("hello_add_two")
    ffi = FFI()
    ffi.cdef("int abs(int x);")
    ours = ffi.dlopen(str(library_path("hello_add_two")))
    assert ours.abs(-7) == 7  # the C library's abs


def exported_names(crate: str) -> set[str]:
    """The names the library exports, read with nm (binutils)."""
    done = subprocess.run(
        ["nm", "-D", "--defined-only", str(library_path(crate))],
        capture_output=True,
        text=True,
        check=True,
    )
    return {line.split()[-1] for line in done.stdout.splitlines()}


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
    ("step", "error", "command", "code"),
    [
        ("cargo-run", "can't find library `python_ffi`", "cargo", 101),
        ("lib-rs", "unsafe attribute used without unsafe", "cargo", 101),
        (
            "unsafe",
            "a bin target must be available for `cargo run`",
            "cargo",
            101,
        ),
        pytest.param(
            "cwd",
            "cannot open shared object file",
            "python",
            1,
            marks=LINUX_ONLY,
        ),
    ],
)
def test_each_seed_step_fails_with_its_error(step, error, command, code):
    done = seed_step(step)
    assert done.returncode == 0  # seed.py ran every command
    assert error in done.stdout
    # The status shown is the failing command's own: cargo's is 101.
    last = done.stdout.splitlines()[-1]
    assert last == f"[{command} exited with status {code}]"


@LINUX_ONLY
def test_the_seed_works_from_its_own_folder_only():
    lines = seed_step("cwd").stdout.splitlines()
    assert lines[lines.index("seed/python$ python main.py") + 1] == "12"
    assert lines[-2].startswith("OSError: cannot load library '../anyName")
    assert lines[-1] == "[python exited with status 1]"


# The recipe "Your own project, from an empty folder": the page includes
# own_project/'s files whole, and own_project.py runs those same files.
def own_project_files() -> set[str]:
    folder = HERE / "own_project"
    return {
        path.relative_to(HERE).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_page_shows_the_recipe_and_every_file_it_writes_whole():
    page = (HERE.parent.parent / "src" / "hello_add_two.md").read_text()
    included = set(
        re.findall(
            r"\{\{#include \.\./examples/hello_add_two/([^:}]+)\}\}", page
        )
    )
    assert own_project_files() <= included
    assert "hello_add_two own_project.py -->" in page


@pytest.mark.skipif(sys.platform == "win32", reason="the recipe is for sh")
def test_the_recipe_builds_and_prints_12_in_an_empty_folder():
    done = subprocess.run(
        [sys.executable, str(HERE / "own_project.py")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-2:] == ["$ .venv/bin/python call_add_two.py", "12"]
    assert "Successfully installed cffi-" in done.stdout
    # Built in its own folder, with no workspace around it.
    assert "Compiling add_two v0.1.0 (…/add_two)" in done.stdout


def add_two_or_raise_through_an_imported_lib(x: int) -> int:
    """A right answer that calls the `lib` this module imported."""
    if x > 2**31 - 3:
        raise OverflowError(x)
    return lib.add_two(x)


def test_the_exercise_sees_calls_through_an_imported_lib(capsys):
    import exercise_overflow

    exercise_overflow.check(add_two_or_raise_through_an_imported_lib)
    assert capsys.readouterr().out.startswith("PASS: ")
    assert lib is exercise_overflow.hello_add_two.lib  # both put back


def test_the_exercise_says_which_calls_it_sees(capsys):
    import exercise_overflow

    exercise_overflow.check(lambda x: x + 2)
    out = capsys.readouterr().out
    assert out.startswith("FAIL: add_two_or_raise(10) made no call")
    assert "it sees calls through hello_add_two.lib" in out
