"""Exercise: add a function to the Rust crate, and regenerate its header.

Run it: python examples/generated_declarations/exercise_added.py
It prints FAIL and the reason until ADDED and `regenerated_header` are
right, then PASS. The check builds a copy of the crate with ADDED at the
end of its src/lib.rs, writes what `regenerated_header` returns into the
copy's bindings.h, runs the chapter's drift check, and calls the function.
"""

import hashlib
import math
import shutil
import subprocess
import sys
from pathlib import Path

from cffi import FFI

import generated_declarations as gd
from ffi_book import library_filename

# ANCHOR: task
# The function to add: the spread of the summary at `summary`, max - min,
# or NaN if `summary` is NULL. C calls it as
# `double summary_range(const Summary *summary)`.
ADDED = """
/// The spread of a summary: `max - min`; NaN if `summary` is NULL.
pub fn summary_range(summary: *const Summary) -> f64 {
    match unsafe { summary.as_ref() } {
        Some(summary) => summary.max - summary.min,
        None => f64::NAN,
    }
}
"""


def regenerated_header(crate: Path) -> str:
    """The text bindings.h must have for `crate`, a folder with Cargo.toml,
    cbindgen.toml and src/lib.rs (where ADDED now is). Use the chapter's
    tools: gd.generate(source, config) runs the pinned cbindgen."""
    return (crate / "bindings.h").read_text(encoding="utf-8")  # as it was
    # ANCHOR_END: task


def built_copy(added: str) -> tuple[Path, Path]:
    """A copy of the crate with `added` at the end of src/lib.rs, built:
    (its folder, its library). One folder per text of `added`."""
    key = hashlib.sha256(added.encode()).hexdigest()[:16]
    crate = gd.WORK / "exercise" / key / "generated_declarations"
    library = crate / "target" / "debug" / library_filename(crate.name)
    if not library.is_file():
        shutil.rmtree(crate, ignore_errors=True)
        shutil.copytree(gd.HERE / "src", crate / "src")
        shutil.copy(gd.CONFIG, crate)
        cargo_toml = (gd.HERE / "Cargo.toml").read_text(encoding="utf-8")
        (crate / "Cargo.toml").write_text(
            cargo_toml.replace(".workspace = true", ' = "2024"', 1)
            .replace("publish.workspace = true\n", "")
            .replace("[lints]\nworkspace = true\n", "[workspace]\n"),
            encoding="utf-8",
        )
        with (crate / "src" / "lib.rs").open("a", encoding="utf-8") as rs:
            rs.write(added)
        built = subprocess.run(
            ["cargo", "build", "--quiet", "--target-dir", "target"],
            cwd=crate,
            capture_output=True,
            text=True,
        )
        if built.returncode != 0:
            first = next(
                (
                    line
                    for line in built.stderr.splitlines()
                    if "error" in line
                ),
                built.stderr.strip(),
            )
            raise RuntimeError(f"the copy does not compile: {first}")
    shutil.copy(gd.HEADER, crate / "bindings.h")  # as it was: not regenerated
    return crate, library


def check(added=ADDED, regenerated_header=regenerated_header) -> None:
    """Print PASS, or FAIL and the reason."""
    if sys.platform == "win32":
        print("SKIP: the drift check needs nm, which Windows does not have")
        return
    try:
        gd.cbindgen()
    except FileNotFoundError as error:
        print(f"SKIP: {error}")
        return
    try:
        crate, library = built_copy(added)
        header = crate / "bindings.h"
        header.write_text(regenerated_header(crate), encoding="utf-8")
        problems = gd.drift(crate, header, library)
        if problems:
            print(
                f"FAIL: {len(problems)} problem{'s' * (len(problems) > 1)};"
                f" the first: {problems[0]}"
            )
            return
        ffi = FFI()
        ffi.cdef(header.read_text(encoding="utf-8"))
        lib = ffi.dlopen(str(library))
        if "summary_range" not in dir(lib):
            print("FAIL: no drift, and bindings.h declares no summary_range")
            return
        summary = ffi.new("Summary *", {"count": 3, "min": -1.0, "max": 4.0})
        spread, none = lib.summary_range(summary), lib.summary_range(ffi.NULL)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    if spread != 5.0 or not math.isnan(none):
        print(
            f"FAIL: summary_range gave {spread} for (-1, 4), {none} for NULL"
        )
    else:
        print(
            "PASS: no drift; summary_range gives 5.0 for (-1, 4), nan for NULL"
        )


if __name__ == "__main__":
    check()
