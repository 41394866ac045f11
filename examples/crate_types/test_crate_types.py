"""What the crate types chapter says, asserted (Linux: ELF files)."""

import subprocess
import sys

import pytest

import crate_types

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads ELF files"
)


@pytest.fixture(scope="module")
def built():
    return {
        name: crate_types.build(kind, flags)
        for name, kind, flags in crate_types.KINDS
    }


def test_a_cdylib_exports_only_add_two(built):
    exports = crate_types.exported_symbols(built["cdylib"])
    assert exports == ["add_two"]


def test_a_dylib_exports_much_more_and_is_bigger(built):
    exports = crate_types.exported_symbols(built["dylib"])
    assert "add_two" in exports
    assert len(exports) > 100
    assert built["dylib"].stat().st_size > built["cdylib"].stat().st_size


def test_cdylib_and_dylib_load_and_work(built):
    assert crate_types.try_to_load(built["cdylib"]) == "add_two(10) = 12"
    assert crate_types.try_to_load(built["dylib"]) == "add_two(10) = 12"


def test_dlopen_rejects_a_staticlib(built):
    assert crate_types.try_to_load(built["staticlib"]) == (
        "OSError: libcrate_types.a: invalid ELF header"
    )


def test_prefer_dynamic_needs_the_toolchains_libstd(built):
    library = built["dylib, prefer-dynamic"]
    needed = crate_types.needed_libraries(library)
    assert any(name.startswith("libstd-") for name in needed)
    assert "cannot open shared object file" in crate_types.try_to_load(library)
    assert crate_types.load_with_toolchain_libs(library) == (
        "add_two(10) = 12"
    )


def test_stripping_the_symbol_table_shrinks_the_cdylib(built):
    cdylib = built["cdylib"]
    assert crate_types.stripped_size(cdylib) < cdylib.stat().st_size
    assert crate_types.exported_symbols(
        cdylib.with_name("stripped-" + cdylib.name)
    ) == ["add_two"]  # strip keeps the dynamic symbols


def test_the_release_cdylib_has_a_symbol_table_and_no_debug_info(built):
    """What strip removes from it is the symbol table: Cargo's release
    profile already left the debug information out."""
    sections = subprocess.run(
        ["readelf", "--section-headers", "--wide", str(built["cdylib"])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert " .symtab " in sections
    assert ".debug_" not in sections


def test_most_of_the_cdylib_is_std_backtrace_printer(built):
    origins = crate_types.code_by_origin(built["cdylib"])
    assert origins["backtrace"] > sum(origins.values()) / 2
    assert 0 < origins["add_two"] < 64  # a few instructions


def test_the_cdylib_needs_a_glibc_at_least_as_new_as_its_symbols(built):
    major, minor = crate_types.newest_glibc(built["cdylib"]).split(".")
    assert (int(major), int(minor)) >= (2, 2)
