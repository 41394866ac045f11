"""Show the symbols of the no_mangle crate, as the linker names them.

Linux only: it runs binutils' nm on the ELF files that cargo built.
"""

import os
import re
import subprocess
from pathlib import Path

from ffi_book import ROOT, exported_symbols, library_path, target_dir

# The hashes in mangled names depend on the compiler version and the build
# settings; the script prints <hash> instead, so the book's page does not
# change with them.
LEGACY_HASH = re.compile(r"17h[0-9a-f]{16}E$")  # _ZN...17h<16 hex>E
V0_CRATE_HASH = re.compile(r"Cs[0-9A-Za-z]+_")  # _R...Cs<base 62>_...
V0_FLAGS = ["-C", "symbol-mangling-version=v0"]


def masked(name: str) -> str:
    """`name` with the hash of either mangling scheme replaced by <hash>."""
    if name.startswith("_ZN"):
        return LEGACY_HASH.sub("17h<hash>E", name)
    if name.startswith("_R"):
        return V0_CRATE_HASH.sub("Cs<hash>_", name)
    return name


def scheme(mangled: str) -> str:
    """The mangling scheme of a Rust symbol name, by its prefix."""
    if mangled.startswith("_ZN"):
        return "legacy"
    if mangled.startswith("_R"):
        return "v0"
    return "no Rust"


def rlib_functions(rlib: Path, demangle: bool) -> list[str]:
    """The functions defined in a Rust library (.rlib), by nm."""
    flags = ["--demangle"] if demangle else ["--no-demangle"]
    listing = subprocess.run(
        ["nm", "--defined-only", *flags, str(rlib)],
        capture_output=True,  # nm warns on stderr about lib.rmeta: ignore
        text=True,
    ).stdout
    # "ADDRESS T NAME": T is a global function.
    return sorted(
        line.split(maxsplit=2)[2]
        for line in listing.splitlines()
        if line.split()[1:2] == ["T"]
    )


def default_rlib() -> Path:
    """Build the crate as usual, with the compiler that cargo uses here (a
    no-op when it is up to date), and return the path of its rlib."""
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "-p", "no_mangle", "--lib"],
        cwd=ROOT,  # so that rustup picks the project's toolchain
        check=True,
    )
    return target_dir() / "debug" / "libno_mangle.rlib"


def build_with_v0() -> Path:
    """Build the crate again with v0 mangling, into its own target folder
    (the flag changes every symbol, so it must not replace the normal
    build). Returns the path of its rlib."""
    v0_target = target_dir() / "v0"
    subprocess.run(
        ["cargo", "rustc", "--quiet", "--locked", "-p", "no_mangle"]
        + ["--lib", "--target-dir", str(v0_target), "--", *V0_FLAGS],
        cwd=ROOT,  # so that rustup picks the project's toolchain
        check=True,
    )
    return v0_target / "debug" / "libno_mangle.rlib"


def rustc_version() -> str:
    """The version of the rustc that cargo uses here."""
    return subprocess.run(
        [os.environ.get("RUSTC", "rustc"), "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def relative(path: Path) -> str:
    return Path(os.path.relpath(path, ROOT)).as_posix()


def main() -> None:
    rlib = default_rlib()  # and the cdylib, from the same compiler
    cdylib = library_path("no_mangle")
    print("# What Python can find (names only):")
    print(f"$ nm -D --defined-only {relative(cdylib)}")
    for name in exported_symbols(cdylib):
        print(name)

    print("\n# The crate's functions (names only):")
    print(f"$ nm --defined-only {relative(rlib)}")
    for name in rlib_functions(rlib, demangle=False):
        print(masked(name))
    print(f"\n$ nm --defined-only --demangle {relative(rlib)}")
    for name in rlib_functions(rlib, demangle=True):
        print(name)

    v0_rlib = build_with_v0()
    print(
        f"\n$ cargo rustc -p no_mangle --lib --target-dir "
        f"{relative(v0_rlib.parent.parent)} \\\n    -- {' '.join(V0_FLAGS)}"
    )
    for demangle in (False, True):
        flag = " --demangle" if demangle else ""
        print(f"\n$ nm --defined-only{flag} {relative(v0_rlib)}")
        for name in rlib_functions(v0_rlib, demangle):
            print(masked(name))

    # Measured, not assumed: RUSTFLAGS or a cargo config can choose the
    # scheme, so this is the scheme of the build above, not a default.
    normal = [n for n in rlib_functions(rlib, False) if "add_three" in n]
    print(
        f"\n{rustc_version()}: the normal build used the "
        f"{scheme(normal[0])} scheme."
    )


if __name__ == "__main__":
    main()
