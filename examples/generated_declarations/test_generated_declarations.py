"""What the "Generated declarations" chapter says, asserted."""

import math
import re
import shutil
import sys

import pytest

import generated_declarations as gd
from ffi_book import library_path
from generated_declarations import HEADER, HERE, Stats, ffi, lib, summarize

LIBRARY = library_path("generated_declarations")
HAS_CBINDGEN = any(
    (gd.ROOT / ".tools" / "bin" / name).is_file()
    for name in ("cbindgen", "cbindgen.exe")
)
NEEDS_CBINDGEN = pytest.mark.skipif(
    not HAS_CBINDGEN,
    reason="cbindgen is a book tool: scripts/setup (without --examples)",
)
OUT_OF_DATE = (
    "bindings.h is out of date with src/lib.rs:"
    " run generated_declarations.py regenerate"
)
NEEDS_NM = pytest.mark.skipif(sys.platform == "win32", reason="needs nm")


def test_generated_declarations_summarize_values():
    assert summarize([2, -1, 4, 1]) == Stats(4, -1.0, 4.0, 1.5)
    assert summarize([0.5]) == Stats(1, 0.5, 0.5, 0.5)
    assert summarize(range(1, 101)).mean == 50.5


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ([], ValueError, r"needs at least one value \(SUMMARY_STATUS_NO_"),
        ([1.0, math.nan], ValueError, r"finite values \(SUMMARY_STATUS_NOT"),
        ([math.inf], ValueError, "needs finite values"),
        (["1"], TypeError, "must be real number, not str"),
        ([None], TypeError, None),
        (None, TypeError, None),
    ],
)
def test_generated_declarations_bad_values_raise(values, error, message):
    with pytest.raises(error, match=message):
        summarize(values)


def test_generated_declarations_rust_refuses_null_and_writes_nothing():
    out = ffi.new("Summary *", {"count": 7})
    values = ffi.new("double[]", [1.0])
    assert lib.summarize(ffi.NULL, 3, out) == lib.SUMMARY_STATUS_NULL_POINTER
    assert (
        lib.summarize(values, 1, ffi.NULL) == lib.SUMMARY_STATUS_NULL_POINTER
    )
    assert lib.summarize(ffi.NULL, 0, out) == lib.SUMMARY_STATUS_NO_VALUES
    assert out.count == 7  # untouched


def test_generated_declarations_the_version_check_passes():
    assert lib.SUMMARY_VERSION == lib.summary_version() == 1


def test_generated_declarations_a_repr_c_enum_has_the_size_of_int():
    assert ffi.sizeof("SummaryStatus") == ffi.sizeof("int")
    status = ffi.cast("SummaryStatus", lib.SUMMARY_STATUS_NOT_FINITE)
    assert ffi.string(status) == "SUMMARY_STATUS_NOT_FINITE"


def test_generated_declarations_the_header_has_no_directive_but_define():
    text = HEADER.read_text(encoding="utf-8")
    directives = re.findall(r"^\s*#\s*(\w+)", text, re.M)
    assert directives == ["define"]


@NEEDS_CBINDGEN
def test_generated_declarations_the_committed_header_is_up_to_date():
    assert gd.generate(HERE) == HEADER.read_text(encoding="utf-8")


@NEEDS_CBINDGEN
@NEEDS_NM
def test_generated_declarations_no_drift_in_this_crate():
    assert gd.drift(HERE, HEADER, LIBRARY) == []


@NEEDS_CBINDGEN
@NEEDS_NM
def test_generated_declarations_drift_finds_a_function_added_later(tmp_path):
    library = gd.changed_copy(tmp_path / "generated_declarations")
    copy = library.parents[2]
    assert gd.drift(copy, copy / "bindings.h", library) == [
        OUT_OF_DATE,
        "summary_range: exported, not declared in bindings.h",
    ]


@NEEDS_CBINDGEN
@NEEDS_NM
def test_generated_declarations_drift_finds_a_declaration_too_many(tmp_path):
    header = tmp_path / "bindings.h"
    header.write_text(
        HEADER.read_text(encoding="utf-8")
        + "double summary_median(const double *values, size_t len);\n",
        encoding="utf-8",
    )
    assert gd.drift(HERE, header, LIBRARY) == [
        OUT_OF_DATE,
        "summary_median: declared in bindings.h, not exported",
    ]


@NEEDS_CBINDGEN
@NEEDS_NM
def test_generated_declarations_drift_finds_a_missing_declaration(tmp_path):
    header = tmp_path / "bindings.h"
    text = HEADER.read_text(encoding="utf-8")
    header.write_text(
        text.replace("uint32_t summary_version(void);", ""),
        encoding="utf-8",
    )
    assert gd.drift(HERE, header, LIBRARY) == [
        OUT_OF_DATE,
        "summary_version: exported, not declared in bindings.h",
    ]


@NEEDS_CBINDGEN
def test_generated_declarations_each_setting_matters(capsys):
    gd.configs()
    assert capsys.readouterr().out.splitlines()[:7] == [
        "cbindgen's defaults         -> CDefError: cannot parse"
        ' "#include <cstdarg>"',
        'language = "C"              -> CDefError: cannot parse'
        ' "#include <stdarg.h>"',
        '+ include_guard = "B_H"     -> CDefError: cannot parse "#ifndef B_H"',
        "+ cpp_compat = true         -> CDefError: cannot parse"
        ' "#ifdef __cplusplus"',
        "cbindgen.toml, repr_u8.rs   -> CDefError: cannot parse"
        ' "#if __STDC_VERSION__ >= 202311L"',
        "cbindgen.toml, constants.rs -> CDefError:"
        " #define SUMMARY_TOLERANCE 1e-9",
        "cbindgen.toml               -> accepted",
    ]


@NEEDS_CBINDGEN
@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("cc") is None,
    reason="runs GCC's or clang's preprocessor; messages are GCC's",
)
def test_generated_declarations_the_preprocessor_removes_directives(capsys):
    gd.configs()
    lines = capsys.readouterr().out.splitlines()
    assert lines[7] == "The same headers through cc -E -P first:"
    assert lines[8:] == [
        "cbindgen's defaults         -> CDefError: cannot parse"
        ' "constexpr static const uint32_t SUMMARY_VERSION = 1;"',
        'language = "C"              -> accepted, without SUMMARY_VERSION',
        '+ include_guard = "B_H"     -> accepted, without SUMMARY_VERSION',
        "+ cpp_compat = true         -> accepted, without SUMMARY_VERSION",
        "cbindgen.toml, repr_u8.rs   -> accepted",
        "cbindgen.toml, constants.rs -> accepted, without SUMMARY_MAX_VALUES,"
        " SUMMARY_TOLERANCE",
        "cbindgen.toml               -> accepted, without SUMMARY_VERSION",
    ]


@NEEDS_CBINDGEN
@pytest.mark.skipif(shutil.which("cc") is None, reason="needs cc")
def test_generated_declarations_a_preprocessed_repr_u8_enum_is_one_byte():
    generated = gd.generate(HERE / "repr_u8.rs")
    # One enum body, its ": uint8_t" and its typedef decided by C23 #ifs.
    assert generated.count("SUMMARY_STATUS_NOT_FINITE") == 1
    assert "typedef uint8_t SummaryStatus;" in generated
    preprocessed = gd.FFI()
    preprocessed.cdef(gd.preprocess(generated))
    assert preprocessed.sizeof("SummaryStatus") == 1
    assert preprocessed.typeof("SummaryStatus").cname == "uint8_t"
    # The preprocessor drops #define constants, never the enum's.
    enum = preprocessed.typeof("enum SummaryStatus")
    assert enum.relements["SUMMARY_STATUS_NOT_FINITE"] == 3


@NEEDS_CBINDGEN
@NEEDS_NM
def test_generated_declarations_drift_reports_what_cbindgen_skipped(tmp_path):
    # A string constant is not C: cbindgen leaves it out of the header,
    # which stays the same, and says so only in a warning.
    library = gd.changed_copy(
        tmp_path / "generated_declarations",
        '\npub const SUMMARY_NAME: &str = "summary";\n',
    )
    copy = library.parents[2]
    assert gd.drift(copy, copy / "bindings.h", library) == [
        "cbindgen: WARN: Skip generated_declarations::SUMMARY_NAME"
        ' - (Unsupported literal expression. Lit::Str { token: "summary" })'
    ]


def test_generated_declarations_without_cbindgen_it_says_what_to_do(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(gd, "ROOT", tmp_path)
    with pytest.raises(FileNotFoundError, match="run scripts/setup"):
        gd.generate(HERE)


def test_generated_declarations_use_mode_prints_the_chapters_lines(capsys):
    gd.use()
    out = capsys.readouterr().out
    assert "lib.SUMMARY_VERSION = 1\n" in out
    assert "-> Stats(count=4, min=-1.0, max=4.0, mean=1.5)" in out
    assert "-> TypeError: must be real number, not str" in out


@pytest.mark.parametrize(
    "define",
    [
        "#define A (1 << 3)",
        "#define C UINT64_MAX",
        "#define F true",
        "#define G 'x'",
        "#define D 1e9",
        '#define S "s"',
    ],
)
def test_generated_declarations_cdef_refuses_every_define_but_an_int(define):
    # 1e9 makes cdef raise ValueError, not CDefError: a verdict still.
    assert gd.cdef_verdict(define).split(":")[0] in ("CDefError", "ValueError")


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs cc")
def test_generated_declarations_a_header_with_system_includes_preprocesses():
    header = (
        "#ifndef H\n#define H\n#include <stddef.h>\n#include <stdint.h>\n"
        "typedef struct { uint32_t n; size_t len; } Item;\n"
        '#if defined(__cplusplus)\nextern "C" {\n#endif\n'
        "size_t item_len(const Item *item);\n"
        "#if defined(__cplusplus)\n}\n#endif\n#endif\n"
    )
    flat = gd.preprocess(header)
    assert gd.cdef_verdict(flat) == "accepted", flat
    assert "#include <stdint.h>" in gd.system_includes(header)
