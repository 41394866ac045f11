"""Exercise: add a function to the Rust crate, and regenerate its header.

Run it: python examples/generated_declarations/exercise_added.py
It prints FAIL and the reason until ADDED and `regenerated_header` are
right, then PASS. The check builds a copy of the crate with ADDED at the
end of its src/lib.rs (clippy with -D warnings and the book's lints must
pass too), writes what `regenerated_header` returns into the
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
///
/// # Safety
///
/// `summary` is NULL or points to a readable `Summary`.
pub unsafe fn summary_range(summary: *const Summary) -> f64 {
    // SAFETY: NULL or a readable Summary (the caller's contract).
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


def copy_cargo_toml() -> str:
    """The crate's Cargo.toml for a copy outside the workspace: the
    workspace's settings and lints written out."""
    cargo_toml = (gd.HERE / "Cargo.toml").read_text(encoding="utf-8")
    workspace = (gd.ROOT / "Cargo.toml").read_text(encoding="utf-8")
    lints = workspace[workspace.index("[workspace.lints.") :]
    return cargo_toml.replace(".workspace = true", ' = "2024"', 1).replace(
        "publish.workspace = true\n", ""
    ).replace(
        "[lints]\nworkspace = true\n", "[workspace]\n\n"
    ) + lints.replace("[workspace.lints.", "[lints.")


def first_error(stderr: str) -> str:
    """The first line of cargo's output that names an error."""
    lines = stderr.splitlines()
    return next((line for line in lines if "error" in line), stderr.strip())


def built_copy(added: str) -> tuple[Path, Path]:
    """A copy of the crate with `added` at the end of src/lib.rs, linted
    and built: (its folder, its library). One folder per text of `added`
    and the copy's Cargo.toml."""
    cargo_toml = copy_cargo_toml()
    key = hashlib.sha256((cargo_toml + added).encode()).hexdigest()[:16]
    crate = gd.WORK / "exercise" / key / "generated_declarations"
    library = crate / "target" / "debug" / library_filename(crate.name)
    if not library.is_file():
        shutil.rmtree(crate, ignore_errors=True)
        shutil.copytree(gd.HERE / "src", crate / "src")
        shutil.copy(gd.CONFIG, crate)
        (crate / "Cargo.toml").write_text(cargo_toml, encoding="utf-8")
        with (crate / "src" / "lib.rs").open("a", encoding="utf-8") as rs:
            rs.write(added)
        for what, command in [
            ("compile", ["build"]),
            ("pass clippy", ["clippy", "--", "-D", "warnings"]),
        ]:
            done = subprocess.run(
                ["cargo", command[0], "--quiet", "--target-dir", "target"]
                + command[1:],
                cwd=crate,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                shutil.rmtree(crate / "target" / "debug", ignore_errors=True)
                error = first_error(done.stderr)
                raise RuntimeError(f"the copy does not {what}: {error}")
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
