"""What the troubleshooting appendix says, asserted (Linux messages)."""

import ctypes
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cffi
import pytest

import troubleshooting

HERE = Path(__file__).parent
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the Linux loader's words"
)


def output_of(mode: str, capsys) -> str:
    troubleshooting.MODES[mode]()
    return capsys.readouterr().out


def test_troubleshooting_a_relative_path_depends_on_the_folder(capsys):
    lines = output_of("not-found", capsys).splitlines()
    assert lines[0].startswith("from examples/troubleshooting:")
    assert "cannot open shared object file" in lines[1]
    assert lines[2].startswith("from the root:")
    assert lines[3] == "  -> 12"
    assert lines[-1] == "  -> 12"  # library_path works from anywhere


def test_troubleshooting_wrong_names_are_not_found(capsys):
    out = output_of("not-found", capsys)
    for wrong in ["troubleshooting.so", "libtroubleshooting.dylib"]:
        assert f"{wrong}: cannot open shared object file" in out
    assert "locate a library called 'troubleshooting'" in out


def test_troubleshooting_the_chdir_does_not_leak(capsys):
    before = Path.cwd()
    output_of("not-found", capsys)
    assert Path.cwd() == before


def test_troubleshooting_undefined_symbol(capsys):
    out = output_of("undefined-symbol", capsys)
    assert "AttributeError: function/symbol 'add_three' not found" in out
    assert "undefined symbol: add_three" in out


def test_troubleshooting_cdef_errors(capsys):
    out = output_of("cdef", capsys)
    assert "FFIError: Unsupported type: 'bool double'" in out
    assert "Directives not supported yet" in out
    assert 'cannot parse "i32 add_two(i32 x);"' in out


@pytest.mark.parametrize(
    "declaration",
    [
        "#define N 3\nint32_t add_two(int32_t x);",
        "#define N ...\nint32_t add_two(int32_t x);",
        "#line 5\nint32_t add_two(int32_t x);",
        '# 1 "x.h"\nint32_t add_two(int32_t x);',
    ],
)
def test_troubleshooting_cdef_accepts_these_directives(declaration):
    cffi.FFI().cdef(declaration)  # no error


def test_troubleshooting_cdef_ignores_pragma_with_a_warning():
    with pytest.warns(UserWarning, match="pragma"):
        cffi.FFI().cdef("#pragma once\nint32_t add_two(int32_t x);")


@pytest.mark.parametrize(
    "directive", ["#include <stdint.h>", "#ifdef X\n#endif"]
)
def test_troubleshooting_cdef_rejects_other_directives(directive):
    with pytest.raises(cffi.CDefError, match="Directives not supported"):
        cffi.FFI().cdef(f"{directive}\nint32_t add_two(int32_t x);")


def test_troubleshooting_ffi_string_of_null_void_is_a_type_error():
    ffi = cffi.FFI()
    with pytest.raises(TypeError, match="unexpected cdata 'void \\*'"):
        ffi.string(ffi.NULL)
    with pytest.raises(RuntimeError):
        ffi.string(ffi.cast("char *", 0))


def test_troubleshooting_ctypes_accepts_up_to_an_unsigned_long():
    # Without argtypes, ctypes accepts any int from a C long's minimum to
    # a C unsigned long's maximum (2**64 - 1 here), then passes its low 32
    # bits; only outside that range does it raise.
    lib = ctypes.CDLL(str(troubleshooting.LIBRARY))
    assert lib.add_two(2**63) == 2  # beyond a long, still no error
    assert lib.add_two(2**64 - 1) == 1  # low 32 bits: -1
    with pytest.raises(ctypes.ArgumentError, match="int too long"):
        lib.add_two(2**64)
    with pytest.raises(ctypes.ArgumentError, match="int too long"):
        lib.add_two(-(2**63) - 1)


def test_troubleshooting_ctypes_passes_an_undeclared_int_as_a_c_int():
    # labs takes a C long: told nothing, ctypes still passes a C int, the
    # low 32 bits of the value (sign-extended), not the whole long.
    labs = ctypes.CDLL(None).labs
    labs.restype = ctypes.c_long
    assert labs(2**40) == 0
    assert labs(2**31 + 5) == 2**31 - 5  # the int -(2**31 - 5)
    with pytest.raises(ctypes.ArgumentError, match="int too long"):
        labs(2**70)  # beyond a C unsigned long


def test_troubleshooting_ctypes_defaults_truncate(capsys):
    out = output_of("signature", capsys)
    assert "address needs more than 32 bits: True" in out
    assert "no restype: greeting() kept only its low 32 bits: True" in out
    assert "int32_t: greeting() kept only its low 32 bits: True" in out
    assert "add_two(2**40)\n  -> 2\n" in out  # 2**40 became 0, silently
    assert out.count("-> b'hello from Rust'") == 2
    assert "OverflowError: integer 1099511627776 does not fit 'int32_t'" in out


def test_troubleshooting_summary_lists_what_each_mistake_raises(capsys):
    troubleshooting.OUTCOMES.clear()
    outcomes = dict(
        line.rsplit("  ", 1)
        for line in output_of("summary", capsys).splitlines()
    )
    outcomes = {key.strip(): value for key, value in outcomes.items()}
    assert outcomes["an undefined symbol"] == "raises AttributeError"
    assert outcomes["cdef: a C keyword as a name"] == "raises cffi.FFIError"
    assert outcomes["cdef: Rust types"] == "raises cffi.CDefError"
    assert outcomes["a relative path, from the root"] == "returns 12"
    assert outcomes["ctypes without argtypes: add_two(2**40)"] == "returns 2"
    assert outcomes["a prefer-dynamic dylib"] == "raises OSError"
    assert outcomes["a str for a char *"] == "raises TypeError"
    assert outcomes["ffi.string of a NULL char *"] == "raises RuntimeError"


def test_troubleshooting_prefer_dynamic_needs_libstd(capsys):
    out = output_of("libstd", capsys)
    assert "libstd-" in out
    assert ".so: cannot open shared object file" in out


def run_mode(mode: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "troubleshooting.py"), mode],
        capture_output=True,
        text=True,
    )


def test_troubleshooting_null_in_a_debug_build_panics_and_aborts():
    done = run_mode("null-debug")
    assert done.returncode == -6  # SIGABRT
    assert "read_value(&7) = 7" in done.stdout
    assert "null pointer dereference occurred" in done.stderr
    # The check's own panic cannot unwind, in any function: Rust aborts
    # at once. An ordinary panic leaving an extern "C" function ends with
    # the same last line, but reports a second panic first.
    assert done.stderr.count("panicked at") == 1
    assert "panic in a function that cannot unwind" not in done.stderr
    assert done.stderr.endswith(
        "thread caused non-unwinding panic. aborting.\n"
    )


def test_troubleshooting_null_in_a_release_build_is_a_segfault():
    done = run_mode("null-release")
    assert done.returncode == -11  # SIGSEGV
    assert "release: read_value(&7) = 7" in done.stdout
    assert done.stderr == ""  # no message at all


def test_troubleshooting_unknown_mode_exits_with_the_list():
    done = run_mode("nope")
    assert done.returncode == 1
    assert "the modes are not-found, undefined-symbol" in done.stderr


def test_troubleshooting_the_first_cffi_errors(capsys):
    troubleshooting.cffi_errors()
    out = capsys.readouterr().out
    assert (
        "TypeError: initializer for ctype 'char *' must be a bytes or list "
        "or tuple, not str"
    ) in out
    assert "-> 6\n" in out  # 'héllo' is 6 bytes in UTF-8
    assert "RuntimeError: cannot use string() on <cdata 'char *' NULL>" in out
    assert "-> b'hello from Rust'" in out


def test_troubleshooting_a_rebuilt_library_is_stale_in_a_running_python(
    capsys,
):
    troubleshooting.stale()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "built to add 2: add_n(10) = 12"
    assert lines[1] == "rebuilt to add 3, dlopen again: add_n(10) = 12"
    assert lines[2] == "a new Python process: add_n(10) = 13"
    # cffi's FFI keeps every library it opened: only once both handles
    # are closed does glibc unload the old copy, and dlopen read the file.
    assert lines[3] == "after ffi.dlclose of both: add_n(10) = 13"


def test_troubleshooting_faulthandler_names_the_python_line(capsys):
    troubleshooting.faulthandler()
    out = capsys.readouterr().out
    assert "Fatal Python error: Segmentation fault" in out
    assert 'troubleshooting.py", line' in out and " in read_null" in out


def test_troubleshooting_rust_backtrace_names_the_rust_line(
    capsys, monkeypatch, tmp_path
):
    monkeypatch.chdir(tmp_path)  # the same from any folder
    troubleshooting.backtrace()
    out = capsys.readouterr().out
    assert "4: read_value\n" in out
    assert "  at ./examples/troubleshooting/src/lib.rs:" in out  # frame 4
    assert "examples/troubleshooting/src/lib.rs:" in out
    assert "panic_nounwind_fmt" in out  # a non-unwinding panic
    assert out.count("panicked at") == 1
    assert "panic in a function that cannot unwind" not in out
    assert "thread caused non-unwinding panic. aborting." in out


@pytest.mark.skipif(not shutil.which("gdb"), reason="gdb is not installed")
def test_troubleshooting_gdb_stops_at_the_faulting_function(capsys):
    troubleshooting.gdb()
    out = capsys.readouterr().out
    assert "Program received signal SIGSEGV, Segmentation fault." in out
    assert "#0  0x… in read_value () from libtroubleshooting.so" in out


@pytest.mark.skipif(
    not shutil.which("valgrind"), reason="valgrind is not installed"
)
def test_troubleshooting_valgrind_finds_the_read_of_freed_memory(capsys):
    troubleshooting.valgrind()
    out = capsys.readouterr().out
    assert "Invalid read of size 8" in out
    assert ": read_kept (lib.rs:" in out
    assert "free'd" in out and "cdata_dealloc" in out
    allocated = out.split("Block was alloc'd at\n", 1)[1].splitlines()
    assert ": calloc (" in allocated[0]
    assert ": allocate_owning_object (" in allocated[1]
    assert "read_kept() returned, with no error" in out  # Python saw nothing
    # As the page says: each stack cut to its first two frames.
    stacks = re.split(r"\n(?!  ==…==    (?:at|by) )", out)
    assert max(stack.count("\n") for stack in stacks) == 2
