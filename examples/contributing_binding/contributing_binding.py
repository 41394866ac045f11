"""Walk the checklist for adding a function and a struct to textstats.

Usage: python contributing_binding.py [check | mistakes]  (default: check)

  check     run every check on the binding as it is; exit 1 on a problem
  mistakes  run the same checks on declarations with typical mistakes
"""

import ast
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

from cffi import FFI

import textstats
from ffi_book import exported_symbols, library_path
from textstats._ffi import CDEF, ffi, lib

LIBRARY = library_path("contributing_binding")
# What this change adds: one function and one struct.
NEW_FUNCTION = "textstats_analyze"
NEW_STRUCT = "TextStats"


# ANCHOR: exports
PREFIX = "textstats_"  # every function of this library has it


def declared_functions(lib) -> set[str]:
    """The functions the cdef declares (by the prefix; no lookup)."""
    return {name for name in dir(lib) if name.startswith(PREFIX)}


def check_exports(lib, library: Path) -> list[str]:
    """Problems: names declared and not exported, or the reverse."""
    declared = declared_functions(lib)
    exported = {
        name for name in exported_symbols(library) if name.startswith(PREFIX)
    }
    return [
        f"declared, not exported: {name}"
        for name in sorted(declared - exported)
    ] + [
        f"exported, not declared: {name}"
        for name in sorted(exported - declared)
    ]


# ANCHOR_END: exports


# ANCHOR: signatures
# cbindgen's header of the library, generated from src/lib.rs; a test
# regenerates it and fails if it differs.
HEADER = Path(__file__).with_name("textstats.h")


def check_signatures(lib, library: Path) -> list[str]:
    """Problems: functions whose cdef prototype is not the header's."""
    reference = FFI()
    reference.cdef(HEADER.read_text(encoding="utf-8"))
    generated = reference.dlopen(str(library))
    both = declared_functions(lib) & declared_functions(generated)
    problems = []
    for name in sorted(both):  # the export check reports the others
        rust = reference.typeof(getattr(generated, name)).cname
        cdef = reference.typeof(getattr(lib, name)).cname
        if rust != cdef:
            problems.append(f"{name}: Rust {rust}, cdef {cdef}")
    return problems


# ANCHOR_END: signatures


# ANCHOR: layout
KINDS = {1: "unsigned", 2: "signed", 3: "float"}  # Rust's codes


def rust_layout(lib, ffi) -> list[int]:
    """TextStats as Rust compiled it: size, alignment, then each field's
    offset, size and kind."""
    needed = lib.textstats_stats_layout(ffi.NULL, 0)
    out = ffi.new("size_t[]", needed)
    lib.textstats_stats_layout(out, needed)
    return list(out)


def kind(ffi, ctype) -> int:
    """The kind of a cdef number type, as Rust's table codes it."""
    if ctype.cname in ("float", "double"):
        return 3
    return 2 if int(ffi.cast(ctype, -1)) < 0 else 1  # -1 wraps if unsigned


def cdef_layout(ffi) -> list[int]:
    """TextStats as cffi laid it out from the cdef, in the same form."""
    struct = ffi.typeof(NEW_STRUCT)
    layout = [ffi.sizeof(struct), ffi.alignof(struct)]
    for _, field in struct.fields:
        layout += [field.offset, ffi.sizeof(field.type), kind(ffi, field.type)]
    return layout


def describe(layout: list[int]) -> list[str]:
    """'size 40, align 8', then 'offset: size-byte kind' per field."""
    fields = [layout[i : i + 3] for i in range(2, len(layout), 3)]
    return [f"size {layout[0]}, align {layout[1]}"] + [
        f"{offset}: {size}-byte {KINDS.get(code, code)}"
        for offset, size, code in fields
    ]


def check_layout(lib, ffi) -> list[str]:
    """Problems: each part of the layout where Rust and the cdef differ."""
    rust, cdef = describe(rust_layout(lib, ffi)), describe(cdef_layout(ffi))
    if len(rust) != len(cdef):
        return [
            f"struct: Rust {rust[0]}, cdef {cdef[0]}",
            f"Rust has {len(rust) - 1} fields, the cdef {len(cdef) - 1}",
        ]
    names = ["struct"] + [name for name, _ in ffi.typeof(NEW_STRUCT).fields]
    return [
        f"{name}: Rust {in_rust}, cdef {in_cdef}"
        for name, in_rust, in_cdef in zip(names, rust, cdef, strict=True)
        if in_rust != in_cdef
    ]


# ANCHOR_END: layout


# ANCHOR: wrapper
def check_mirror(ffi) -> list[str]:
    """The dataclass must have the C struct's fields, in order."""
    c_fields = [name for name, _ in ffi.typeof(NEW_STRUCT).fields]
    py_fields = [field.name for field in fields(textstats.TextStats)]
    return (
        [] if c_fields == py_fields else [f"C {c_fields}, Python {py_fields}"]
    )


def check_raises(call, argument, expected: type[Exception]) -> list[str]:
    """The wrapper must turn bad input into `expected`."""
    try:
        result = call(argument)
    except expected as error:
        print(f"    {call.__name__}({argument!r}) raised", end=" ")
        print(f"{expected.__name__}: {error}")
        return []
    except Exception as error:  # the wrong exception is a problem too
        return [f"{call.__name__}({argument!r}) raised {error!r}"]
    return [f"{call.__name__}({argument!r}) returned {result!r}"]


# ANCHOR_END: wrapper


# ANCHOR: tests_docs
def tested_names(test_file: Path) -> set[str]:
    """The names that the file's test functions call: `textstats.name(`,
    or `name(` after `from textstats import name`."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name: alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "textstats"
        for alias in node.names
    }
    called = set()
    for test in ast.walk(tree):
        if not (
            isinstance(test, ast.FunctionDef) and test.name.startswith("test")
        ):
            continue
        for call in ast.walk(test):
            if not isinstance(call, ast.Call):
                continue
            match call.func:
                case ast.Attribute(value=ast.Name(id="textstats"), attr=name):
                    called.add(name)
                case ast.Name(id=name) if name in imported:
                    called.add(imported[name])
    return called


def check_tests(test_file: Path, module=textstats) -> list[str]:
    """Every public name must be called by at least one test."""
    called = tested_names(test_file)
    return [
        f"{test_file.name} never calls {name}"
        for name in module.__all__
        if name not in called
    ]


def own_docstring(thing) -> str | None:
    """`thing`'s own docstring: not a base class's, and not the one that
    @dataclass writes for a class without one ("Name(field: type, ...)")."""
    if not isinstance(thing, type):
        return thing.__doc__
    doc = thing.__dict__.get("__doc__")
    if doc and is_dataclass(thing) and doc.startswith(f"{thing.__name__}("):
        return None
    return doc


def check_docs(module=textstats) -> list[str]:
    return [
        f"{name} has no docstring"
        for name in module.__all__
        if not (own_docstring(getattr(module, name)) or "").strip()
    ]


# ANCHOR_END: tests_docs


def report(label: str, problems: list[str]) -> int:
    """Print the check's verdict and problems; return how many."""
    print(f"  {label}: {'FAILED' if problems else 'ok'}")
    for problem in problems:
        print(f"    {problem}")
    return len(problems)


def check() -> int:
    """Run the checklist's checks on textstats; return the problems."""
    problems = 0
    print("1. Rust: the function is in the library")
    exported = NEW_FUNCTION in exported_symbols(LIBRARY)
    missing = [] if exported else [f"{LIBRARY.name} lacks {NEW_FUNCTION}"]
    problems += report(f"{LIBRARY.name} exports {NEW_FUNCTION}", missing)

    print("2. Declarations: the cdef matches the library")
    count = len(declared_functions(lib))
    label = f"{count} functions declared, the same {count} exported"
    problems += report(label, check_exports(lib, LIBRARY))
    problems += report(
        f"prototypes agree with {HEADER.name}",
        check_signatures(lib, LIBRARY),
    )
    names = ["struct"] + [name for name, _ in ffi.typeof(NEW_STRUCT).fields]
    rust, cdef = describe(rust_layout(lib, ffi)), describe(cdef_layout(ffi))
    print(f"    {NEW_STRUCT:<14}{'Rust':<22}cdef")
    for name, in_rust, in_cdef in zip(names, rust, cdef, strict=False):
        print(f"    {name:<14}{in_rust:<22}{in_cdef}")
    problems += report(
        "sizes, offsets and kinds agree", check_layout(lib, ffi)
    )

    print("3. Python: the wrapper copies the struct and maps errors")
    problems += report(
        "TextStats has the C struct's fields, in order", check_mirror(ffi)
    )
    text = "Grüße, Welt!\nbye"
    print(f"    analyze({text!r}) = {textstats.analyze(text)}")
    bad = [
        check_raises(textstats.analyze, b"caf\xe9", ValueError),
        check_raises(textstats.analyze, 42, TypeError),
        check_raises(textstats.analyze, "\ud800", UnicodeEncodeError),
    ]
    problems += report("bad input raises", [p for found in bad for p in found])

    print("4. Tests: every public name is tested")
    test_file = Path(__file__).with_name("test_contributing_binding.py")
    problems += report(f"{test_file.name} uses each", check_tests(test_file))

    print("5. Docs: every public name explains itself")
    problems += report(
        f"docstrings for {', '.join(textstats.__all__)}", check_docs()
    )
    return problems


# ANCHOR: mistakes
# Mistakes that compile, load and import without a single error.
MISTAKES = {
    "a typo in a function name": ("textstats_analyze(", "textstats_analyse("),
    "a field left out of the struct": ("words, lines;", "words;"),
    "a field of the wrong width": (
        "uint32_t longest_word",
        "uint64_t longest_word",
    ),
    "a parameter of the wrong width": (
        "textstats_analyze(const char *text, size_t len,",
        "textstats_analyze(const char *text, uint32_t len,",
    ),
}


def show_mistakes() -> None:
    for mistake, (right, wrong) in MISTAKES.items():
        print(f"With {mistake}: {wrong!r} for {right!r}")
        broken_ffi = FFI()
        broken_ffi.cdef(CDEF.replace(right, wrong))
        broken_lib = broken_ffi.dlopen(str(LIBRARY))
        report("cdef matches exports", check_exports(broken_lib, LIBRARY))
        report("prototypes agree", check_signatures(broken_lib, LIBRARY))
        report("layouts agree", check_layout(broken_lib, broken_ffi))


# ANCHOR_END: mistakes


def main(mode: str) -> int:
    if mode == "mistakes":
        show_mistakes()
        return 0
    return 1 if check() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))
