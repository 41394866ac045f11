"""What the no_mangle chapter says, asserted on every Rust version: the
names and the demangled paths, never the one mangling scheme a given
compiler uses by default."""

import re
import subprocess
import sys

import pytest
from cffi import FFI

import no_mangle
import symbols
from ffi_book import (
    ROOT,
    exported_symbols,
    library_filename,
    library_path,
    target_dir,
)

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="GNU nm on ELF files"
)


def test_add_two_and_the_private_add_four_are_found_and_work():
    assert no_mangle.lib.add_two(10) == 12
    assert no_mangle.lib.add_four(10) == 14


def test_add_three_is_not_in_the_library():
    with pytest.raises(AttributeError, match="'add_three' not found"):
        _ = no_mangle.lib.add_three


def test_main_reports_the_missing_symbol(capsys):
    assert no_mangle.main() == 1
    out = capsys.readouterr().out
    assert "add_two(10) = 12" in out
    assert "add_four(10) = 14" in out
    assert "'add_three' not found" in out


@pytest.mark.skipif(sys.platform == "win32", reason="needs nm")
def test_the_cdylib_exports_the_no_mangle_functions_pub_or_not():
    exported = exported_symbols(library_path("no_mangle"))
    assert exported == ["add_four", "add_two"]


@linux_only
def test_the_cdylib_imports_free_and_malloc_which_it_does_not_export():
    # The exercise relies on it: a bare `nm -D` lists them, undefined (U).
    listing = subprocess.run(
        ["nm", "-D", "--undefined-only", str(library_path("no_mangle"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    imported = {
        line.split()[-1].split("@")[0] for line in listing.splitlines()
    }
    assert {"free", "malloc"} <= imported
    assert not {"free", "malloc"} & set(
        exported_symbols(library_path("no_mangle"))
    )


def test_masked_replaces_the_hash_of_either_scheme():
    legacy = "_ZN9no_mangle9add_three17h5a0f6311d65ca205E"
    v0 = "_RNvCsgCaN4wMuEnd_9no_mangle9add_three"
    assert symbols.masked(legacy) == "_ZN9no_mangle9add_three17h<hash>E"
    assert symbols.masked(v0) == "_RNvCs<hash>_9no_mangle9add_three"
    assert symbols.masked("add_two") == "add_two"
    assert symbols.scheme(legacy) == "legacy"
    assert symbols.scheme(v0) == "v0"


def mangled_add_three(rlib) -> str:
    [name] = [
        name
        for name in symbols.rlib_functions(rlib, demangle=False)
        if "add_three" in name
    ]
    return name


@linux_only
def test_the_rlib_keeps_add_three_under_a_mangled_name():
    rlib = symbols.default_rlib()
    name = mangled_add_three(rlib)
    assert name != "add_three"
    assert symbols.scheme(name) in ("legacy", "v0")
    assert symbols.rlib_functions(rlib, demangle=True) == [
        "add_four",
        "add_two",
        "no_mangle::add_three",
    ]


@linux_only
def test_an_optimized_rlib_leaves_add_three_out_and_keeps_no_mangle():
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--release"]
        + ["-p", "no_mangle", "--lib"],
        cwd=ROOT,
        check=True,
    )
    rlib = target_dir() / "release" / "libno_mangle.rlib"
    assert symbols.rlib_functions(rlib, demangle=True) == [
        "add_four",
        "add_two",
    ]


@linux_only
def test_the_cdylib_lacks_add_three_under_its_mangled_name_too():
    mangled = mangled_add_three(symbols.default_rlib())
    ffi = FFI()
    ffi.cdef(f"int32_t {mangled}(int32_t x);")
    lib = ffi.dlopen(str(library_path("no_mangle")))
    with pytest.raises(AttributeError, match=f"undefined symbol: {mangled}"):
        getattr(lib, mangled)


@linux_only
def test_a_v0_build_names_add_three_in_the_v0_scheme():
    rlib = symbols.build_with_v0()
    name = mangled_add_three(rlib)
    assert re.fullmatch(r"_RNvCs[0-9A-Za-z]+_9no_mangle9add_three", name)
    assert "no_mangle::add_three" in symbols.rlib_functions(rlib, True)
    # What Python sees does not depend on the scheme.
    cdylib = rlib.parent / library_filename("no_mangle")
    assert exported_symbols(cdylib) == ["add_four", "add_two"]


@linux_only
def test_main_shows_both_schemes_and_the_one_it_measured(capsys):
    symbols.main()
    out = capsys.readouterr().out
    assert "\nadd_four\nadd_two\n\n" in out  # the cdylib's exports
    assert "_RNvCs<hash>_9no_mangle9add_three\n" in out
    assert out.count("\nno_mangle::add_three\n") == 2
    assert not re.search(r"17h[0-9a-f]{16}E|Cs[0-9A-Za-z]+_9", out)
    used = symbols.scheme(mangled_add_three(symbols.default_rlib()))
    assert out.endswith(
        f"\n{symbols.rustc_version()}: the normal build used the {used}"
        " scheme.\n"
    )


@linux_only
def test_every_nm_line_names_a_file_that_exists_from_the_root(capsys):
    symbols.main()
    headers = [
        line.split("#")[0].split()
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("$ nm ")
    ]
    assert len(headers) == 5
    for header in headers:
        assert (ROOT / header[-1]).is_file(), header


@linux_only
def test_the_last_line_reports_the_build_not_a_default(capsys, monkeypatch):
    # RUSTFLAGS can choose the scheme: the script must not call it the
    # compiler's default. Its own target folder keeps target/debug intact.
    monkeypatch.setenv("RUSTFLAGS", " ".join(symbols.V0_FLAGS))
    monkeypatch.setenv("CARGO_TARGET_DIR", "target/rustflags")
    symbols.main()
    last = capsys.readouterr().out.splitlines()[-1]
    assert "v0 scheme" in last
    assert "default" not in last
