"""What the contributing chapter says, asserted: the checklist's tests.

The tests of a new function and struct: its values, every error case,
and the checks that the declarations match the library.
"""

import dataclasses
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from cffi import FFI

import contributing_binding as walk
import textstats
from ffi_book import ROOT, library_filename
from textstats import TextStats
from textstats._ffi import ffi, lib

HERE = Path(__file__).parent
NO_NM = pytest.mark.skipif(
    sys.platform == "win32", reason="reads exports with nm"
)


# ANCHOR: tests
def test_analyze_counts_bytes_chars_words_lines_and_longest_word():
    assert textstats.analyze("Grüße, Welt!\nbye") == TextStats(
        bytes=18, chars=16, words=3, lines=2, longest_word=6
    )


def test_analyze_takes_utf8_bytes_like_str():
    text = "naïve café\n"
    assert textstats.analyze(text.encode()) == textstats.analyze(text)


def test_analyze_of_nothing_is_all_zeros():
    assert textstats.analyze("") == TextStats(0, 0, 0, 0, 0)


def test_analyze_agrees_with_the_single_counts():
    text = "one  two\tthree\nfour"
    stats = textstats.analyze(text)
    assert stats.words == textstats.count_words(text) == 4
    assert stats.chars == textstats.count_chars(text) == len(text)


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (b"caf\xe9", ValueError, "the text is not valid UTF-8"),
        (42, TypeError, "expected str or bytes, got int"),
        (None, TypeError, "expected str or bytes, got NoneType"),
        ("\ud800", UnicodeEncodeError, "surrogates not allowed"),
    ],
)
def test_analyze_raises_on_bad_input(bad, error, message):
    with pytest.raises(error, match=message):
        textstats.analyze(bad)


def test_a_null_out_pointer_becomes_type_error():
    status = lib.textstats_analyze(b"abc", 3, ffi.NULL)
    assert status == lib.TEXTSTATS_NULL_POINTER
    with pytest.raises(TypeError, match="a pointer argument was NULL"):
        textstats._check(status)


def test_an_unknown_status_becomes_runtime_error():
    with pytest.raises(RuntimeError, match="unknown status"):
        textstats._check(99)


def test_text_stats_layout_matches_rust():
    assert walk.rust_layout(lib, ffi) == walk.cdef_layout(ffi)
    assert walk.check_mirror(ffi) == []


@NO_NM
def test_cdef_declares_exactly_the_exports():
    assert walk.check_exports(lib, walk.LIBRARY) == []


def test_cdef_prototypes_are_the_generated_headers():
    assert walk.check_signatures(lib, walk.LIBRARY) == []


# ANCHOR_END: tests


def test_count_words_and_count_chars():
    assert textstats.count_words("a b  c\n") == 3
    assert textstats.count_chars("Grüße") == 5
    with pytest.raises(ValueError):
        textstats.count_chars(b"\xff")


@NO_NM
def test_the_checks_catch_a_typo_in_a_function_name():
    right, wrong = walk.MISTAKES["a typo in a function name"]
    broken = FFI()
    broken.cdef(walk.CDEF.replace(right, wrong))
    problems = walk.check_exports(
        broken.dlopen(str(walk.LIBRARY)), walk.LIBRARY
    )
    assert problems == [
        "declared, not exported: textstats_analyse",
        "exported, not declared: textstats_analyze",
    ]


def test_the_checks_catch_a_missing_field():
    right, wrong = walk.MISTAKES["a field left out of the struct"]
    broken = FFI()
    broken.cdef(walk.CDEF.replace(right, wrong))
    problems = walk.check_layout(broken.dlopen(str(walk.LIBRARY)), broken)
    assert problems == [
        "struct: Rust size 40, align 8, cdef size 32, align 8",
        "Rust has 5 fields, the cdef 4",
    ]


def test_the_checks_catch_a_field_of_the_wrong_width():
    # The size and every offset stay the same (padding): only the field's
    # own size tells.
    right, wrong = walk.MISTAKES["a field of the wrong width"]
    broken = FFI()
    broken.cdef(walk.CDEF.replace(right, wrong))
    assert walk.cdef_layout(broken)[:2] == walk.cdef_layout(ffi)[:2]
    problems = walk.check_layout(broken.dlopen(str(walk.LIBRARY)), broken)
    assert problems == [
        "longest_word: Rust 32: 4-byte unsigned, cdef 32: 8-byte unsigned"
    ]


def test_the_checks_catch_a_signed_field_for_an_unsigned_one():
    broken = FFI()
    broken.cdef(walk.CDEF.replace("uint32_t longest", "int32_t longest"))
    problems = walk.check_layout(broken.dlopen(str(walk.LIBRARY)), broken)
    assert problems == [
        "longest_word: Rust 32: 4-byte unsigned, cdef 32: 4-byte signed"
    ]


def signature_problems(right: str, wrong: str) -> list[str]:
    """The signature check on the cdef with `right` replaced by `wrong`."""
    assert right in walk.CDEF
    broken = FFI()
    broken.cdef(walk.CDEF.replace(right, wrong))
    return walk.check_signatures(
        broken.dlopen(str(walk.LIBRARY)), walk.LIBRARY
    )


def test_the_checks_catch_a_parameter_of_the_wrong_width():
    right, wrong = walk.MISTAKES["a parameter of the wrong width"]
    assert signature_problems(right, wrong) == [
        "textstats_analyze: Rust int32_t(*)(char *, size_t, TextStats *),"
        " cdef int32_t(*)(char *, uint32_t, TextStats *)"
    ]


def test_the_checks_catch_a_wrong_return_type_and_a_missing_parameter():
    # Names, layout and values pass with both: only the prototypes differ.
    assert signature_problems(
        "int32_t textstats_analyze(const char *text, size_t len,",
        "int64_t textstats_analyze(const char *text, uint32_t len,",
    ) == [
        "textstats_analyze: Rust int32_t(*)(char *, size_t, TextStats *),"
        " cdef int64_t(*)(char *, uint32_t, TextStats *)"
    ]
    assert signature_problems(
        """int32_t textstats_count_chars(const char *text, size_t len,
                                  uint64_t *out);""",
        "void textstats_count_chars(void);",
    ) == [
        "textstats_count_chars: Rust int32_t(*)(char *, size_t, uint64_t *),"
        " cdef void(*)()"
    ]


@pytest.mark.skipif(
    not any(
        (ROOT / ".tools" / "bin" / name).is_file()
        for name in ("cbindgen", "cbindgen.exe")
    ),
    reason="cbindgen is a book tool: scripts/setup (without --examples)",
)
def test_textstats_h_is_what_cbindgen_writes_from_lib_rs():
    tool = next((ROOT / ".tools" / "bin").glob("cbindgen*"))
    done = subprocess.run(
        [str(tool), "--config", str(HERE / "cbindgen.toml"), str(HERE)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == walk.HEADER.read_text(encoding="utf-8"), (
        "textstats.h is out of date: run, in examples/contributing_binding,"
        " cbindgen --config cbindgen.toml . > textstats.h"
    )


def crate_copy(folder: Path, edit) -> subprocess.CompletedProcess:
    """A copy of the crate, its lib.rs changed by `edit`, built."""
    shutil.copytree(HERE / "src", folder / "src")
    cargo_toml = (HERE / "Cargo.toml").read_text(encoding="utf-8")
    (folder / "Cargo.toml").write_text(
        cargo_toml.replace(".workspace = true", ' = "2024"', 1)
        .replace("publish.workspace = true\n", "")
        .replace("[lints]\nworkspace = true\n", "[workspace]\n"),
        encoding="utf-8",
    )
    lib_rs = folder / "src" / "lib.rs"
    source = lib_rs.read_text(encoding="utf-8")
    changed = edit(source)
    assert changed != source
    lib_rs.write_text(changed, encoding="utf-8")
    return subprocess.run(
        ["cargo", "build", "--quiet", "--lib", "--target-dir", "target"],
        cwd=folder,
        capture_output=True,
        text=True,
    )


def widened_copy(folder: Path) -> Path:
    """A copy of the crate whose longest_word is a u64, built; its
    library. The cdef still says uint32_t."""

    def widen(source: str) -> str:
        widened = source.replace(
            "u32::try_from(longest).unwrap_or(u32::MAX)",
            "u64::try_from(longest).unwrap_or(u64::MAX)",
        ).replace("pub longest_word: u32,", "pub longest_word: u64,")
        assert widened.count("u64") == source.count("u64") + 3
        return widened

    built = crate_copy(folder, widen)
    assert built.returncode == 0, built.stderr
    return folder / "target" / "debug" / library_filename(folder.name)


def test_a_field_missing_from_the_layout_list_fails_the_build(tmp_path):
    # A new u32 after longest_word fits in the tail padding: size and
    # every listed offset stay the same, so only the compiler can see it.
    def add_field(source: str) -> str:
        return (
            source.replace(
                "    pub longest_word: u32,\n}",
                "    pub longest_word: u32,\n    /// Sentences.\n"
                "    pub sentences: u32,\n}",
            )
            .replace(
                "unwrap_or(u32::MAX),\n",
                "unwrap_or(u32::MAX),\n        sentences: 0,\n",
            )
            .replace(
                "longest_word: 6,\n",
                "longest_word: 6,\n                sentences: 0,\n",
            )
        )

    built = crate_copy(tmp_path / "contributing_binding", add_field)
    assert built.returncode != 0
    # rustc (1.95) words it "pattern requires `..`", at the macro's
    # exhaustive pattern.
    assert "let TextStats {" in built.stderr


@NO_NM
def test_the_checks_catch_rust_widening_a_field(tmp_path):
    # The drift this chapter exists to catch: Rust changed, the cdef did
    # not. Same size, same offsets, and the low half of a small u64 reads
    # the same as a u32 on a little-endian machine: values and layout
    # alone pass.
    library = widened_copy(tmp_path / "contributing_binding")
    drifted = ffi.dlopen(str(library))
    assert walk.check_exports(drifted, library) == []
    assert walk.check_layout(drifted, ffi) == [
        "longest_word: Rust 32: 8-byte unsigned, cdef 32: 4-byte unsigned"
    ]


def test_docs_and_tests_cover_every_public_name():
    assert walk.check_docs() == []
    assert walk.check_tests(HERE / "test_contributing_binding.py") == []


def test_a_name_in_a_comment_or_another_call_is_not_tested(tmp_path):
    test_file = tmp_path / "test_fake.py"
    test_file.write_text(
        "import textstats\n"
        "from textstats._ffi import lib\n"
        "# TextStats( analyze( count_chars( count_words(\n"
        "def helper():\n"
        "    textstats.analyze('not a test')\n"
        "def test_it():\n"
        "    lib.textstats_count_words(b'', 0, None)\n"
        "    textstats.count_chars('a')\n",
        encoding="utf-8",
    )
    assert walk.check_tests(test_file) == [
        "test_fake.py never calls TextStats",
        "test_fake.py never calls analyze",
        "test_fake.py never calls count_words",
    ]


def test_a_dataclass_or_an_inherited_docstring_is_not_a_docstring():
    @dataclasses.dataclass(frozen=True)
    class Stats:  # @dataclass writes "Stats(words: int)" as its __doc__
        words: int

    class Failure(ValueError):  # inspect.getdoc finds ValueError's
        pass

    def documented():
        """Says what it does."""

    module = types.SimpleNamespace(
        __all__=["Stats", "Failure", "documented"],
        Stats=Stats,
        Failure=Failure,
        documented=documented,
    )
    assert walk.check_docs(module) == [
        "Stats has no docstring",
        "Failure has no docstring",
    ]


@NO_NM
def test_the_walkthrough_passes_from_another_folder(tmp_path):
    done = subprocess.run(
        [sys.executable, str(HERE / "contributing_binding.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FAILED" not in done.stdout
