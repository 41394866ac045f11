"""Compile a cffi API-mode module against the Rust library, and use it.

Usage: python api_mode.py [use | mismatch | callbacks]  (default: use)
"""

import contextlib
import functools
import importlib.util
import io
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import NamedTuple

from cffi import FFI, VerificationError

from ffi_book import library_path, outcome, target_dir

HERE = Path(__file__).resolve().parent
HEADER = HERE / "api_mode.h"
BUILD = target_dir() / "api_mode"  # compiled modules: never in examples/
READINGS = [(1, 21.5), (2, 23.5), (3, 19.0)]  # (sensor, celsius)

# ANCHOR: cdef
# What Python sees: the functions of api_mode.h, in cffi's terms.
DECLARATIONS = """
    typedef struct { uint32_t sensor; float celsius; } Reading;
    double mean_celsius(const Reading *readings, size_t len);
    typedef bool (*KeepReading)(Reading reading, void *context);
    size_t count_where(const Reading *readings, size_t len,
                       KeepReading keep, void *context);
"""
# A C function that the module defines and Python implements.
CALLBACKS = """
    extern "Python" bool keep_reading(Reading reading, void *context);
"""
# ANCHOR_END: cdef


# ANCHOR: link
def link_options(module_dir: Path) -> dict:
    """Link the Rust library, and tell the module where to find it."""
    library = library_path("api_mode")
    options = {"library_dirs": [str(library.parent)]}
    if sys.platform == "win32":
        # MSVC links with the import library api_mode.dll.lib; Windows
        # has no rpath (see load_module).
        return options | {"libraries": ["api_mode.dll"]}
    # The module records the library's folder relative to itself, so the
    # checkout can move: $ORIGIN on Linux, @loader_path on macOS.
    origin = "@loader_path" if sys.platform == "darwin" else "$ORIGIN"
    relative = Path(os.path.relpath(library.parent, module_dir)).as_posix()
    return options | {
        "libraries": ["api_mode"],
        "extra_link_args": [f"-Wl,-rpath,{origin}/{relative}"],
    }


# ANCHOR_END: link


# ANCHOR: compile
# What C allows silently, or with a warning only, is an error here: a
# pointer of the wrong type (only a warning in many compilers), and a
# number converted to a type that cannot hold every value (allowed by C).
def strict_flags(platform: str = sys.platform) -> list[str]:
    if platform == "win32":
        # MSVC's nearest warnings, made errors (not run here): loss of
        # data, a signed constant made unsigned, size_t narrowed, pointer
        # levels, incompatible pointer types. A signed variable made
        # unsigned is C4365, off by default: not caught.
        return ["/we4244", "/we4245", "/we4267", "/we4047", "/we4133"]
    return [
        "-Werror=incompatible-pointer-types",
        "-Werror=pointer-sign",
        "-Werror=conversion",
        "-Werror=sign-conversion",
    ]


STRICT = strict_flags()


def compile_module(name: str, cdef: str, folder: Path) -> Path:
    """The extension module `name` in `folder`, compiled if out of date."""
    ffi = FFI()
    ffi.cdef(cdef)
    ffi.set_source(
        name,
        '#include "api_mode.h"',  # the declarations the compiler checks
        include_dirs=[str(HERE)],
        extra_compile_args=STRICT,
        **link_options(folder),
    )
    folder.mkdir(parents=True, exist_ok=True)
    c_file = folder / f"{name}.c"
    with contextlib.redirect_stdout(io.StringIO()):  # "generating ..."
        ffi.emit_c_code(str(c_file))  # rewrites name.c only if it changed
    inputs = max(path.stat().st_mtime for path in (c_file, HEADER))
    for suffix in EXTENSION_SUFFIXES:  # e.g. .cpython-312-darwin.so
        module = folder / f"{name}{suffix}"
        if module.exists() and module.stat().st_mtime > inputs:
            return module  # up to date
    # ffi.compile always runs the C compiler and the linker.
    return Path(ffi.compile(tmpdir=str(folder), verbose=False))


# ANCHOR_END: compile


# ANCHOR: load
def load_module(path: Path):
    """Import a compiled extension module from its file."""
    if sys.platform == "win32":
        # Python 3.8+ looks for a module's DLLs next to it, in the system
        # folders and in folders added here: never on PATH.
        os.add_dll_directory(str(library_path("api_mode").parent))
    name = path.name.split(".")[0]  # _api_mode.cpython-...so: _api_mode
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def api():
    """The compiled module, its Python callbacks attached."""
    path = compile_module("_api_mode", DECLARATIONS + CALLBACKS, BUILD)
    module = load_module(path)
    attach_callbacks(module.ffi)
    return module


# ANCHOR_END: load


def reading_array(ffi, readings: list[tuple[int, float]]):
    """A new C array of Reading, from (sensor, celsius) pairs."""
    pairs = list(readings)
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError("a reading is a (sensor, celsius) pair")
    return ffi.new("Reading[]", pairs)  # cffi checks every value


def mean_celsius(readings: list[tuple[int, float]]) -> float:
    """The mean of the (sensor, celsius) pairs' temperatures."""
    ffi, lib = api().ffi, api().lib
    array = reading_array(ffi, readings)
    if len(array) == 0:
        raise ValueError("mean_celsius needs at least one reading")
    return lib.mean_celsius(array, len(array))


# ANCHOR: def_extern
class Reading(NamedTuple):
    """One reading, copied out of C memory: safe to keep."""

    sensor: int
    celsius: float


class Filter:
    """One count_where call's predicate, and the error it raised."""

    def __init__(self, predicate) -> None:
        self.predicate = predicate
        self.error: BaseException | None = None


def attach_callbacks(ffi) -> None:
    """Give the module's C function keep_reading its Python body."""

    @ffi.def_extern()
    def keep_reading(reading, context):
        this = ffi.from_handle(context)  # the Filter count_where passed
        if this.error is not None:
            return False  # a previous reading failed: skip the rest
        # `reading` is a view of the argument in the C caller's stack
        # frame, valid only until this function returns: copy it.
        copy = Reading(reading.sensor, reading.celsius)
        try:
            return bool(this.predicate(copy))
        except BaseException as error:  # even KeyboardInterrupt: keep
            this.error = error  # it for count_where, never for Rust
            return False


def count_where(readings: list[tuple[int, float]], predicate) -> int:
    """How many of the (sensor, celsius) pairs `predicate` keeps."""
    if not callable(predicate):
        kind = type(predicate).__name__
        raise TypeError(f"predicate must be callable, not {kind}")
    ffi, lib = api().ffi, api().lib
    array = reading_array(ffi, readings)
    this = Filter(predicate)
    context = ffi.new_handle(this)  # a void * for `this`, while it lives
    count = lib.count_where(array, len(array), lib.keep_reading, context)
    if this.error is not None:
        raise this.error  # the predicate's own exception, in Python
    return count


# ANCHOR_END: def_extern


def attempt(label: str, call) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"    {label:<31} -> {result}")


def runtime_links(module: Path) -> list[str]:
    """What the module records about the Rust library (Linux: readelf)."""
    if not sys.platform.startswith("linux"):
        return ["(readelf reads Linux modules only)"]
    dynamic = subprocess.run(
        ["readelf", "--dynamic", str(module)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = []
    # Lines such as " 0x...1 (NEEDED)  Shared library: [libapi_mode.so]".
    for line in dynamic.splitlines():
        if "[" not in line:
            continue  # a heading, or an entry that is a number
        kind, value = line.split()[1].strip("()"), line.split("[")[-1]
        entries = value.rstrip("]").split(":")
        if kind == "NEEDED" and "api_mode" in value:
            found.append(f"NEEDED   {entries[0]}")
        elif kind in {"RUNPATH", "RPATH"}:
            # Python's own build settings may add entries: show ours.
            ours = [entry for entry in entries if "$ORIGIN" in entry]
            found.append(f"{kind:<8} includes {':'.join(ours)}")
    return found


def use() -> None:
    module = Path(api().__file__)
    print("module: ", module.name)
    for line in runtime_links(module):
        print("   ", line)
    print("calls:")
    attempt("mean_celsius(READINGS)", lambda: mean_celsius(READINGS))
    attempt("mean_celsius([])", lambda: mean_celsius([]))
    attempt("mean_celsius([(1, 'warm')])", lambda: mean_celsius([(1, "warm")]))
    attempt("mean_celsius([(-1, 20.0)])", lambda: mean_celsius([(-1, 20.0)]))


# ANCHOR: mismatch
# One mistake: Rust's celsius is an f32, the cdef says int32_t.
WRONG = DECLARATIONS.replace("float celsius", "int32_t celsius")


# Another: Rust returns a double, the cdef says int. C converts silently;
# STRICT's -Werror=conversion makes it an error.
NARROW = DECLARATIONS.replace("double mean_celsius(", "int mean_celsius(")


def compile_wrong(cdef: str = WRONG, name: str = "wrong") -> None:
    """API mode with a wrong cdef (run in a child process)."""
    try:
        compile_module(f"_api_mode_{name}", cdef, BUILD / name)
    except VerificationError as error:
        sys.exit(f"ffi.compile raised {type(error).__name__}")


def abi_mode_wrong_mean() -> float:
    """ABI mode with the wrong cdef: no compiler, no error."""
    ffi = FFI()
    ffi.cdef(WRONG)
    lib = ffi.dlopen(str(library_path("api_mode")))
    readings = ffi.new("Reading[]", [(1, 21), (2, 23)])  # ints, as declared
    return lib.mean_celsius(readings, len(readings))


# ANCHOR_END: mismatch


def api_mode_wrong_errors(mode: str = "compile-wrong") -> list[str]:
    """What compile_wrong prints: the compiler's errors, then ours."""
    done = subprocess.run(
        [sys.executable, __file__, mode],
        capture_output=True,
        text=True,
        env=os.environ | {"LC_ALL": "C"},  # English, plain quotes
    )
    return done.stderr.splitlines()


# Another mistake: the right fields in the wrong order.
SWAPPED = DECLARATIONS.replace(
    "uint32_t sensor; float celsius;", "float celsius; uint32_t sensor;"
)


def api_mode_swapped_error() -> str:
    """The swapped fields compile; cffi checks offsets on first use."""
    module = load_module(
        compile_module("_api_mode_swapped", SWAPPED, BUILD / "swapped")
    )
    try:
        module.ffi.new("Reading[]", [(21.5, 1)])  # (celsius, sensor)
    except module.ffi.error as error:
        return f"ffi.error: {error}"
    return "no error"


def mismatch() -> None:
    print("API mode: ffi.compile with the wrong cdef")
    for line in api_mode_wrong_errors():
        print("   ", line)
    print("API mode: int for a double result")
    for line in api_mode_wrong_errors("compile-narrow"):
        if "error:" in line or line.startswith("ffi.compile"):
            print("   ", line)
    print("API mode: the fields in the wrong order")
    print("   ", api_mode_swapped_error())
    print("ABI mode: ffi.dlopen with the wrong cdef")
    print("    mean_celsius of 21 and 23 ->", abi_mode_wrong_mean())


# ANCHOR: old_style
def rwx_pages() -> int | str:
    """How many memory pages are writable and executable (Linux)."""
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return "(Linux only)"
    lines = maps.read_text().splitlines()
    return sum(line.split()[1].startswith("rwx") for line in lines)


def abi_mode_callback() -> int:
    """The same count in ABI mode, with an old-style ffi.callback."""
    ffi = FFI()
    ffi.cdef(DECLARATIONS)
    lib = ffi.dlopen(str(library_path("api_mode")))

    @ffi.callback("KeepReading")  # machine code made now, at run time
    def warm(reading, context):
        return reading.celsius > 20

    array = ffi.new("Reading[]", READINGS)
    return lib.count_where(array, len(array), warm, ffi.NULL)


# ANCHOR_END: old_style


def callbacks() -> None:
    ffi, lib = api().ffi, api().lib
    print("API mode, def_extern:")
    print("    lib.keep_reading is a", ffi.typeof(lib.keep_reading))

    def warm(reading) -> bool:
        return reading.celsius > 20

    attempt("count_where(READINGS, warm)", lambda: count_where(READINGS, warm))
    attempt(
        "count_where(READINGS, sensor 3)",
        lambda: count_where(READINGS, lambda r: r.sensor == 3),
    )
    attempt(
        "count_where(READINGS, 1 / 0)",
        lambda: count_where(READINGS, lambda r: 1 / 0),
    )
    attempt("count_where(READINGS, None)", lambda: count_where(READINGS, None))
    print("    writable and executable pages:", rwx_pages())
    print("ABI mode, ffi.callback:")
    attempt("count_where(READINGS, warm)", abi_mode_callback)
    print("    writable and executable pages:", rwx_pages())


MODES = {
    "use": use,
    "mismatch": mismatch,
    "callbacks": callbacks,
    "compile-wrong": compile_wrong,
    "compile-narrow": lambda: compile_wrong(NARROW, "narrow"),
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "use"]()
