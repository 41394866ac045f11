"""Load declarations that cbindgen generated, and check they are current.

Usage: python generated_declarations.py [use | configs | drift | regenerate]
(default: use; regenerate rewrites bindings.h from src/lib.rs)
"""

import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from cffi import FFI, CDefError

from ffi_book import (
    ROOT,
    exported_symbols,
    library_filename,
    library_path,
    outcome,
    target_dir,
)

HERE = Path(__file__).resolve().parent
HEADER = HERE / "bindings.h"
CONFIG = HERE / "cbindgen.toml"
WORK = target_dir() / "generated_declarations"  # scratch files

# ANCHOR: load
ffi = FFI()
ffi.cdef(HEADER.read_text(encoding="utf-8"))  # the whole header, as is
lib = ffi.dlopen(str(library_path("generated_declarations")))
if lib.summary_version() != lib.SUMMARY_VERSION:
    raise ImportError(
        f"the library implements version {lib.summary_version()}, "
        f"bindings.h declares version {lib.SUMMARY_VERSION}"
    )
# ANCHOR_END: load


# ANCHOR: summarize
@dataclass(frozen=True)
class Stats:
    count: int
    min: float
    max: float
    mean: float


PROBLEMS = {
    lib.SUMMARY_STATUS_NO_VALUES: "needs at least one value",
    lib.SUMMARY_STATUS_NOT_FINITE: "needs finite values",
}


def summarize(values: list[float]) -> Stats:
    """Count, minimum, maximum and mean of `values`, computed by Rust."""
    array = ffi.new("double[]", list(values))  # cffi checks each value
    out = ffi.new("Summary *")  # Python owns it; Rust only writes it
    status = lib.summarize(array, len(array), out)
    if status != lib.SUMMARY_STATUS_OK:
        name = ffi.string(ffi.cast("SummaryStatus", status))  # enum name
        problem = PROBLEMS.get(status, "failed")
        raise ValueError(f"summarize {problem} ({name})")
    return Stats(out.count, out.min, out.max, out.mean)


# ANCHOR_END: summarize


# ANCHOR: generate
def cbindgen() -> Path:
    """The cbindgen that scripts/setup installed: the pinned version."""
    for name in ("cbindgen", "cbindgen.exe"):
        if (ROOT / ".tools" / "bin" / name).is_file():
            return ROOT / ".tools" / "bin" / name
    raise FileNotFoundError("no .tools/bin/cbindgen: run scripts/setup")


def generate(source: Path, config: Path = CONFIG, skipped=None) -> str:
    """The header cbindgen writes for `source`, a crate or a .rs file.
    Its warnings name items it left out: they go into `skipped`."""
    done = subprocess.run(
        [str(cbindgen()), "--config", str(config), str(source)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        raise RuntimeError(f"cbindgen failed:\n{done.stderr}")
    if skipped is not None:
        skipped += [line for line in done.stderr.splitlines() if line]
    return done.stdout


# ANCHOR_END: generate


# ANCHOR: drift
def drift(crate: Path, header: Path, library: Path) -> list[str]:
    """How `header` disagrees with the crate's source and its library."""
    text = header.read_text(encoding="utf-8")
    problems, skipped = [], []
    if generate(crate, crate / "cbindgen.toml", skipped) != text:
        problems.append(
            f"{header.name} is out of date with src/lib.rs:"
            " run generated_declarations.py regenerate"
        )
    problems += [f"cbindgen: {warning}" for warning in skipped]
    declared = FFI()
    declared.cdef(text)
    names = declared.dlopen(str(library))
    for name in sorted(set(exported_symbols(library)) - set(dir(names))):
        problems.append(f"{name}: exported, not declared in {header.name}")
    for name in dir(names):
        try:
            getattr(names, name)  # a constant, or a symbol of the library
        except AttributeError:
            problems.append(f"{name}: declared in {header.name}, not exported")
    return problems


# ANCHOR_END: drift


# ANCHOR: break_a_copy
ADDED_FUNCTION = """
/// Added after bindings.h was generated.
#[unsafe(no_mangle)]
pub extern "C" fn summary_range(summary: Summary) -> f64 {
    summary.max - summary.min
}
"""


def changed_copy(folder: Path, added: str = ADDED_FUNCTION) -> Path:
    """A copy of this crate with `added` at the end of src/lib.rs (one more
    function, by default), built; its library."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(HERE / "src", folder / "src")
    shutil.copy(CONFIG, folder)
    shutil.copy(HEADER, folder)  # not regenerated: the mistake
    cargo_toml = (HERE / "Cargo.toml").read_text(encoding="utf-8")
    (folder / "Cargo.toml").write_text(
        cargo_toml.replace(".workspace = true", ' = "2024"', 1)
        .replace("publish.workspace = true\n", "")
        .replace("[lints]\nworkspace = true\n", "[workspace]\n"),
        encoding="utf-8",
    )
    with (folder / "src" / "lib.rs").open("a", encoding="utf-8") as lib_rs:
        lib_rs.write(added)
    subprocess.run(
        ["cargo", "build", "--quiet", "--target-dir", "target"],
        cwd=folder,
        check=True,
    )
    return folder / "target" / "debug" / library_filename(folder.name)


# ANCHOR_END: break_a_copy


def attempt(label: str, call) -> None:
    """Print `label`, then what `call()` returns or the error it raises."""
    result = outcome(call)
    print(f"{label:<27} -> {result}")


def use() -> None:
    print("lib.SUMMARY_VERSION =", lib.SUMMARY_VERSION)
    print("lib.summary_version() =", lib.summary_version())
    attempt("summarize([2, -1, 4, 1])", lambda: summarize([2, -1, 4, 1]))
    attempt("summarize([])", lambda: summarize([]))
    attempt("summarize([1.0, nan])", lambda: summarize([1.0, float("nan")]))
    attempt("summarize(['1'])", lambda: summarize(["1"]))


def cdef_verdict(header: str) -> str:
    """Whether ffi.cdef accepts `header`, or the first line of its error."""
    try:
        with warnings.catch_warnings():  # about C++'s extern "C": ignored
            warnings.simplefilter("ignore", UserWarning)
            FFI().cdef(header)
    except CDefError as error:
        lines = str(error).splitlines()
        if "got:" in lines:  # cdef's rules for #define, then the line
            return f"CDefError: {lines[-1].strip()}"
        return f"CDefError: {lines[0]}"
    except ValueError as error:  # a #define of a number such as 1e9
        return f"ValueError: {error}"
    return "accepted"


# ANCHOR: configs
def config_variants() -> dict[str, tuple[str, Path]]:
    """Settings to try: label -> (cbindgen.toml's text, source)."""
    ours = CONFIG.read_text(encoding="utf-8")
    return {
        "cbindgen's defaults": ("", HERE),
        'language = "C"': ('language = "C"\n', HERE),
        '+ include_guard = "B_H"': ('include_guard = "B_H"\n' + ours, HERE),
        "+ cpp_compat = true": (
            ours.replace("compat = false", "compat = true"),
            HERE,
        ),
        "cbindgen.toml, repr_u8.rs": (ours, HERE / "repr_u8.rs"),
        "cbindgen.toml, constants.rs": (ours, HERE / "constants.rs"),
        "cbindgen.toml": (ours, HERE),
    }


# ANCHOR_END: configs


# ANCHOR: preprocess
SYSTEM_INCLUDE = re.compile(r"^[ \t]*#[ \t]*include[ \t]*<.*$", re.M)


def system_includes(header: str) -> list[str]:
    return SYSTEM_INCLUDE.findall(header)


def preprocess(header: str) -> str:
    """The header as the C preprocessor leaves it: every #if decided,
    every #define applied and then dropped. Its #include <...> lines go
    first: system headers hold compiler internals that cdef cannot
    parse, and cdef knows the standard types (uint8_t, size_t, bool)."""
    done = subprocess.run(
        # C17: C23 compilers would pick cbindgen's C23 enum syntax. -P:
        # no "# line" markers (cdef accepts them, but they are noise).
        ["cc", "-E", "-P", "-std=c17", "-x", "c", "-"],
        input=SYSTEM_INCLUDE.sub("", header),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return f"cc failed: {done.stderr.strip().splitlines()[0]}"
    return done.stdout


# ANCHOR_END: preprocess


def configs() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    config = WORK / "variant.toml"
    headers = {}
    for label, (settings, source) in config_variants().items():
        config.write_text(settings, encoding="utf-8")
        headers[label] = generate(source, config)
        print(f"{label:<27} -> {cdef_verdict(headers[label])}")
    if shutil.which("cc") is None:
        return  # no C compiler here (Windows without one, for example)
    print("The same headers through cc -E -P first:")
    for label, header in headers.items():
        flat = preprocess(header)
        verdict = flat if flat.startswith("cc failed") else cdef_verdict(flat)
        # A constant is a #define with a value: the preprocessor drops it.
        defined = re.findall(r"^#define (\w+) \S", header, re.MULTILINE)
        lost = [name for name in defined if name not in flat]
        if lost and verdict == "accepted":
            verdict += f", without {', '.join(lost)}"
        print(f"{label:<27} -> {verdict}")


def show_drift() -> None:
    library = library_path("generated_declarations")
    problems = drift(HERE, HEADER, library)
    print("this crate:", problems or "no problem")
    copy = changed_copy(WORK / "generated_declarations")
    print("a copy with summary_range added:")
    for problem in drift(
        copy.parents[2], copy.parents[2] / "bindings.h", copy
    ):
        print("   ", problem)


def regenerate() -> None:
    skipped = []
    HEADER.write_text(generate(HERE, CONFIG, skipped), encoding="utf-8")
    print("wrote", HEADER.relative_to(ROOT).as_posix())
    for warning in skipped:  # items the header lacks
        print(warning)


MODES = {
    "use": use,
    "configs": configs,
    "drift": show_drift,
    "regenerate": regenerate,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "use"]()
