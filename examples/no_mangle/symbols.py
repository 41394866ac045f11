"""Show the symbols of the no_mangle crate, as the linker names them."""

import subprocess

from ffi_book import exported_symbols, library_path, target_dir


def rlib_functions(rlib: str, demangle: bool) -> list[str]:
    """The functions defined in a Rust library (.rlib), by nm."""
    flags = ["--demangle"] if demangle else ["--no-demangle"]
    listing = subprocess.run(
        ["nm", "--defined-only", *flags, rlib],
        capture_output=True,  # nm warns on stderr about lib.rmeta: ignore
        text=True,
    ).stdout
    # "ADDRESS T NAME": T is a global function.
    return sorted(
        line.split(maxsplit=2)[2]
        for line in listing.splitlines()
        if line.split()[1:2] == ["T"]
    )


def main() -> None:
    cdylib = library_path("no_mangle")
    print(f"$ nm -D --defined-only {cdylib.name}   # what Python can find")
    for name in exported_symbols(cdylib):
        print(name)

    rlib = str(target_dir() / "debug" / "libno_mangle.rlib")
    print("\n$ nm --defined-only libno_mangle.rlib   # every public fn")
    for name in rlib_functions(rlib, demangle=False):
        print(name)
    print("\n$ nm --defined-only --demangle libno_mangle.rlib")
    for name in rlib_functions(rlib, demangle=True):
        print(name)


if __name__ == "__main__":
    main()
