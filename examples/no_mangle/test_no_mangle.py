"""What the no_mangle chapter says, asserted."""

import sys

import pytest

import no_mangle
import symbols
from ffi_book import exported_symbols, library_path


def test_add_two_is_found_and_works():
    assert no_mangle.lib.add_two(10) == 12


def test_add_three_is_not_in_the_library():
    with pytest.raises(AttributeError, match="'add_three' not found"):
        _ = no_mangle.lib.add_three


def test_main_reports_the_missing_symbol(capsys):
    assert no_mangle.main() == 1
    out = capsys.readouterr().out
    assert "add_two(10) = 12" in out
    assert "'add_three' not found" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs nm")
def test_the_cdylib_exports_only_the_no_mangle_function():
    assert exported_symbols(library_path("no_mangle")) == ["add_two"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="GNU nm")
def test_the_rlib_keeps_add_three_under_a_mangled_name(capsys):
    symbols.main()
    out = capsys.readouterr().out
    assert "_ZN9no_mangle9add_three17h" in out
    assert "no_mangle::add_three" in out
