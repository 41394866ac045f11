"""Build the crate as each kind of library and try to load each one.

Linux only: it reads the files with binutils (nm, readelf).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from cffi import FFI

from ffi_book import ROOT, exported_symbols, target_dir

# ANCHOR: kinds
# (name shown, --crate-type, extra rustc flags)
KINDS = [
    ("cdylib", "cdylib", []),
    ("dylib", "dylib", []),
    ("staticlib", "staticlib", []),
    ("dylib, prefer-dynamic", "dylib", ["-C", "prefer-dynamic"]),
]


def build(crate_type: str, rustc_flags: list[str]) -> Path:
    """Build the crate as `crate_type`; return the library file."""
    out = target_dir() / "crate_types" / "-".join([crate_type, *rustc_flags])
    cargo_rustc = ["cargo", "rustc", "--quiet", "--locked", "--release"]
    subprocess.run(
        [
            *cargo_rustc,
            *("--package", "crate_types", "--crate-type", crate_type),
            *("--target-dir", str(out), "--", *rustc_flags),
        ],
        cwd=ROOT,  # the workspace, wherever Python was started
        check=True,
    )
    suffix = ".a" if crate_type == "staticlib" else ".so"
    return out / "release" / f"libcrate_types{suffix}"


# ANCHOR_END: kinds


def needed_libraries(library: Path) -> list[str]:
    """The shared libraries the loader must find first (ELF NEEDED)."""
    dynamic = subprocess.run(
        ["readelf", "--dynamic", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # "0x... (NEEDED)  Shared library: [libc.so.6]"
    return [
        line.split("[")[1].rstrip("]")
        for line in dynamic.splitlines()
        if "(NEEDED)" in line
    ]


# ANCHOR: inside
# Crates of std's backtrace printer: it names the frames of a panic's
# backtrace from the library's debug information, or its symbol table.
BACKTRACE = ("gimli::", "addr2line::", "rustc_demangle::", "miniz_oxide::")
PANIC = ("std::panicking", "core::panicking", "std::panic")


def stripped_size(library: Path) -> int:
    """The size of a copy of `library` without its symbol table (and
    debug information, if it had any): binutils' strip."""
    copy = library.with_name("stripped-" + library.name)
    shutil.copy(library, copy)
    subprocess.run(["strip", str(copy)], check=True)
    return copy.stat().st_size


def code_by_origin(library: Path) -> dict[str, int]:
    """Bytes of functions and data in `library`, by where they come from,
    read from its symbol table (nm: sizes and demangled names)."""
    listing = subprocess.run(
        ["nm", "--print-size", "--demangle", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    origins = dict.fromkeys(["backtrace", "panic", "add_two", "other"], 0)
    for line in listing.splitlines():
        fields = line.split(maxsplit=3)  # address, size, type, name
        if len(fields) < 4:
            continue  # no size: not a function or an object
        size, name = int(fields[1], 16), fields[3]
        if any(part in name for part in BACKTRACE):
            origins["backtrace"] += size
        elif any(part in name for part in PANIC):
            origins["panic"] += size
        elif name == "add_two":
            origins["add_two"] += size
        else:
            origins["other"] += size
    return origins


def newest_glibc(library: Path) -> str:
    """The newest glibc symbol version `library` asks for: the oldest
    glibc that can load it."""
    table = subprocess.run(
        ["objdump", "--dynamic-syms", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    versions = set(re.findall(r"GLIBC_(\d+)\.(\d+)", table))
    major, minor = max((int(a), int(b)) for a, b in versions)
    return f"{major}.{minor}"


# ANCHOR_END: inside


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MiB"
    return f"{size / 1024:.0f} KiB"


# ANCHOR: load
def try_to_load(library: Path) -> str:
    ffi = FFI()
    ffi.cdef("int32_t add_two(int32_t x);")
    try:
        lib = ffi.dlopen(str(library))
    except OSError as error:
        # "cannot load library 'PATH': REASON.  Additionally, ...": keep
        # the operating system's REASON.
        reason = str(error).split("': ", 1)[1].split(".  Additionally")[0]
        return "OSError: " + reason.replace(str(library), library.name)
    return f"add_two(10) = {lib.add_two(10)}"


# ANCHOR_END: load


def load_with_toolchain_libs(library: Path) -> str:
    """Load `library` in a new Python that can see the toolchain's libstd."""
    toolchain_libs = subprocess.run(
        ["rustc", "--print", "target-libdir"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = dict(os.environ, LD_LIBRARY_PATH=toolchain_libs)
    code = (
        "import sys, crate_types; print(crate_types.try_to_load(sys.argv[1]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(library)],
        cwd=Path(__file__).parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def main() -> None:
    if not sys.platform.startswith("linux"):
        sys.exit("this example reads ELF files with binutils: Linux only")
    built = [(name, build(kind, flags)) for name, kind, flags in KINDS]

    print(f"{'crate type':<22} {'file':<18} {'size':>9}  exported symbols")
    for name, library in built:
        exports = (
            "(an archive: no dynamic symbols)"
            if library.suffix == ".a"
            else len(exported_symbols(library))
        )
        size = human_size(library.stat().st_size)
        print(f"{name:<22} {library.name:<18} {size:>9}  {exports}")

    cdylib = built[0][1]
    print(f"\ncdylib, stripped: {human_size(stripped_size(cdylib))}")
    origins = code_by_origin(cdylib)
    total = sum(origins.values())
    print(f"cdylib's functions and data, {human_size(total)}, come from:")
    for origin, size in origins.items():
        share = f"{size / total:.0%}" if size >= 1024 else f"{size} bytes"
        print(f"  {origin:<10} {share:>9}")

    print("\nShared libraries each one needs at load time:")
    for name, library in built:
        if library.suffix == ".so":
            print(f"{name:<22} {' '.join(needed_libraries(library))}")
    print(f"cdylib needs glibc {newest_glibc(cdylib)} or newer")

    print("\nLoading each one with ffi.dlopen:")
    for name, library in built:
        print(f"{name:<22} {try_to_load(library)}")

    name, prefer_dynamic = built[-1]
    print(f"\n{name}, with LD_LIBRARY_PATH=$(rustc --print target-libdir):")
    print(f"{'':<22} {load_with_toolchain_libs(prefer_dynamic)}")


if __name__ == "__main__":
    main()
