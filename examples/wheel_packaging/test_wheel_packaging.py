"""What the wheel packaging chapter says, asserted.

Each test module run builds the wheels into a temporary folder, installs
them into fresh virtual environments there, and uses them.
"""

import contextlib
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import wheel_packaging as wp

HERE = Path(__file__).parent
LINUX = sys.platform.startswith("linux")
LINUX_ONLY = pytest.mark.skipif(
    not LINUX, reason="links the Rust static library the Linux way"
)
# Free-threaded Python (3.14t) has no stable ABI: there setup.py builds the
# API-mode wheel for this one version, with a version-specific module name.
if sysconfig.get_config_var("Py_GIL_DISABLED"):
    API_TAG = "cp{0}{1}-cp{0}{1}t".format(*sys.version_info[:2])
    API_MODULE = "_native" + sysconfig.get_config_var("EXT_SUFFIX")
else:
    API_TAG, API_MODULE = "cp311-abi3", "_native.abi3.so"


def quietly(call, *args):
    """Call `call(*args)`; return its result and what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        result = call(*args)
    return result, printed.getvalue()


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("wheel_packaging")


@pytest.fixture(scope="module")
def abi_wheel(work):
    wheel, _ = quietly(wp.build_wheel, work)
    return wheel


@pytest.fixture(scope="module")
def abi_venv(work, abi_wheel):
    venv = work / "venv-abi"
    _, printed = quietly(wp.install_and_use, abi_wheel, venv)
    return venv, printed


@pytest.fixture(scope="module")
def api_wheel(work):
    wheel, _ = quietly(wp.build_api_wheel, work)
    return wheel


def venv_python(venv: Path) -> Path:
    if sys.platform == "win32":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def call_in(venv: Path, code: str) -> subprocess.CompletedProcess:
    """Run `code` with the environment's Python, outside the repository."""
    return subprocess.run(
        [venv_python(venv), "-c", code],
        cwd=venv.parent,
        env=wp.clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_maturin_builds_one_wheel_for_every_python_3(abi_wheel):
    assert re.fullmatch(
        r"tempconv-0\.1\.0-py3-none-[\w.]+\.whl", abi_wheel.name
    )


def test_the_maturin_wheel_holds_the_package_and_the_library(abi_wheel):
    with zipfile.ZipFile(abi_wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read("tempconv-0.1.0.dist-info/METADATA")
    assert {
        "tempconv/__init__.py",
        "tempconv/_native/__init__.py",
        "tempconv/_native/ffi.py",
    } <= names
    libraries = [
        name
        for name in names
        if name.startswith("tempconv/_native/")
        and name.endswith((".so", ".dylib", ".dll"))
    ]
    assert len(libraries) == 1
    assert "Requires-Dist: cffi>=2.1" in metadata.decode()


@pytest.mark.skipif(not LINUX, reason="reads an ELF file")
def test_the_manylinux_tag_follows_the_newest_glibc_symbol(abi_wheel, work):
    native = "tempconv/_native/lib_native.so"
    newest = wp.newest_glibc(abi_wheel, native, work)
    major, minor = newest.removeprefix("GLIBC_").split(".")[:2]
    assert f"-manylinux_{major}_{minor}_" in abi_wheel.name


def test_the_installed_wheel_works_from_another_folder(abi_venv):
    _, printed = abi_venv
    assert "celsius_to_fahrenheit(100) = 212.0" in printed
    assert "fahrenheit_to_celsius(-40) = -40.0" in printed
    assert (
        "celsius_to_fahrenheit(-300) raised ValueError:"
        " -300 °C is below absolute zero"
    ) in printed
    assert "tempconv._native from " in printed
    assert "/tempconv/_native/__init__.py" in printed


def test_the_fresh_environment_holds_the_wheel_and_its_dependencies(
    abi_venv,
):
    venv, printed = abi_venv
    # pip installed cffi because the wheel's METADATA asked for it, and
    # pycparser because cffi's did: from the wheelhouse, nothing else.
    assert "the new environment holds: cffi pycparser tempconv" in printed
    done = call_in(venv, wp.DISTRIBUTIONS)
    assert done.stdout.split() == ["cffi", "pycparser", "tempconv"]


@pytest.mark.parametrize("module", ["ffi_book", "numpy", "pytest", "maturin"])
def test_the_fresh_environment_sees_nothing_of_the_book(abi_venv, module):
    venv, _ = abi_venv
    done = call_in(venv, f"import {module}")
    assert f"No module named '{module}'" in done.stderr


def test_the_fresh_environment_has_no_path_into_the_book(abi_venv):
    venv, _ = abi_venv
    done = call_in(venv, "import sys; print(*sys.path, sep='\\n')")
    book_venv = Path(sys.prefix).resolve()
    for entry in done.stdout.split():
        assert book_venv not in Path(entry).resolve().parents, entry


def test_the_wrapper_rejects_bad_input_with_exceptions(abi_venv):
    venv, _ = abi_venv
    code = """
import math, tempconv
for call, value in [
    (tempconv.fahrenheit_to_celsius, -500),
    (tempconv.celsius_to_fahrenheit, "hot"),
]:
    try:
        call(value)
    except (ValueError, TypeError) as error:
        print(type(error).__name__, error)
print(math.isnan(tempconv.celsius_to_fahrenheit(float("nan"))))
"""
    done = call_in(venv, code)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "ValueError -500 °F is below absolute zero"
    assert lines[1].startswith("TypeError ")
    assert lines[2] == "True"  # NaN goes through to Rust and back


@LINUX_ONLY
def test_setuptools_builds_an_abi3_extension_wheel(api_wheel):
    pattern = rf"tempconv-0\.1\.0-{API_TAG}-linux_\w+\.whl"
    assert re.fullmatch(pattern, api_wheel.name)
    with zipfile.ZipFile(api_wheel) as archive:
        names = set(archive.namelist())
    assert {"tempconv/__init__.py", f"tempconv/{API_MODULE}"} <= names
    assert not any(name.startswith("tempconv/_native/") for name in names)


@LINUX_ONLY
def test_the_api_mode_wheel_works_the_same(api_wheel, work):
    _, printed = quietly(wp.install_and_use, api_wheel, work / "venv-api")
    assert "celsius_to_fahrenheit(100) = 212.0" in printed
    assert f"/tempconv/{API_MODULE}" in printed
    assert "raised ValueError: -300 °C is below absolute zero" in printed


@LINUX_ONLY
def test_building_leaves_the_examples_folder_clean(api_wheel, abi_wheel):
    litter = [
        path
        for path in (HERE / "api_mode").rglob("*")
        if path.name == "build" or path.name.endswith(".egg-info")
    ]
    assert litter == []


@pytest.fixture(scope="module")
def sdist(work):
    built, _ = quietly(wp.build_sdist, work)
    return built


def test_the_sdist_holds_what_builds_the_wheel_and_nothing_else(sdist):
    with tarfile.open(sdist) as archive:
        files = sorted(
            name
            for name in archive.getnames()
            if archive.getmember(name).isfile()
        )
    assert files == [
        "tempconv-0.1.0/Cargo.lock",
        "tempconv-0.1.0/Cargo.toml",
        "tempconv-0.1.0/PKG-INFO",
        "tempconv-0.1.0/examples/wheel_packaging/Cargo.toml",
        "tempconv-0.1.0/examples/wheel_packaging/src/lib.rs",
        "tempconv-0.1.0/pyproject.toml",
        "tempconv-0.1.0/python/tempconv/__init__.py",
    ]


def test_the_sdist_builds_a_wheel_offline_with_rust(sdist, work):
    out = work / "from-sdist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet"]
        + ["--no-build-isolation", "--no-index", "--no-deps"]
        + ["--wheel-dir", str(out), str(sdist)],
        env=wp.clean_env() | {"CARGO_NET_OFFLINE": "true"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = out.glob("tempconv-0.1.0-py3-none-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "tempconv/_native/ffi.py" in archive.namelist()


BUILD_WHEELHOUSE = Path(sys.prefix) / "wheelhouse-build"  # scripts/setup


@pytest.mark.skipif(
    not any(BUILD_WHEELHOUSE.glob("maturin-*.whl")),
    reason="no maturin wheel in .venv/wheelhouse-build: run scripts/setup",
)
def test_the_sdist_builds_with_build_isolation_from_wheels_only(sdist, work):
    # As pip builds it for a user: in a fresh build environment, holding
    # maturin (pyproject.toml's requires) and cffi (maturin's backend asks
    # for it: bindings = "cffi"). PIP_NO_INDEX also reaches any pip that
    # the build itself runs: nothing is downloaded.
    out = work / "from-sdist-isolated"
    wheelhouses = f"{wp.WHEELHOUSE} {BUILD_WHEELHOUSE}"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps"]
        + ["--wheel-dir", str(out), str(sdist)],
        env=wp.clean_env()
        | {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": wheelhouses}
        | {"CARGO_NET_OFFLINE": "true", "MATURIN_NO_INSTALL_RUST": "1"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Successfully installed cffi-" in done.stdout + done.stderr
    (wheel,) = out.glob("tempconv-0.1.0-py3-none-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "tempconv/_native/ffi.py" in archive.namelist()


@pytest.mark.skipif(
    not LINUX or importlib.util.find_spec("auditwheel") is None,
    reason="auditwheel checks Linux wheels (requirements.txt, Linux only)",
)
def test_auditwheel_retags_the_api_mode_wheel_for_manylinux(api_wheel, work):
    status, last = wp.auditwheel_guess(api_wheel)
    assert status == 1
    assert "couldn't detect libc" in last
    fixed = wp.repair_wheel(api_wheel, work)
    assert f"-{API_TAG}-" in fixed.name
    assert "manylinux_2_17_x86_64" in fixed.name
    with zipfile.ZipFile(fixed) as archive:
        assert f"tempconv/{API_MODULE}" in archive.namelist()


@pytest.mark.skipif(
    not LINUX or importlib.util.find_spec("auditwheel") is None,
    reason="auditwheel checks Linux wheels (requirements.txt, Linux only)",
)
def test_auditwheel_show_reads_the_maturin_wheel_not_the_api_one(work):
    _, printed = quietly(wp.show_repair, work)
    assert "$ python -m auditwheel show " in printed
    assert "is consistent with" in printed  # the maturin wheel
    assert "libc.so.6 with versions" in printed
    assert (
        "exit status 1, a traceback ending in auditwheel.error."
        "InvalidLibcError: couldn't detect libc"
    ) in printed


def test_auditwheel_shows_sets_in_one_order():
    # auditwheel prints Python sets of version names: hash order.
    assert wp.clean_env()["PYTHONHASHSEED"] == "0"


def without_dependencies(wheel: Path, folder: Path) -> Path:
    """A copy of `wheel` whose METADATA requires nothing."""
    folder.mkdir()
    copy = folder / wheel.name
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(copy, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith(".dist-info/METADATA"):
                lines = data.decode().splitlines(keepends=True)
                kept = [x for x in lines if not x.startswith("Requires-")]
                assert kept != lines
                data = "".join(kept).encode()
            out.writestr(item, data)
    return copy


def test_a_dependency_missing_from_metadata_fails_in_the_fresh_venv(
    abi_wheel, work
):
    wheel = without_dependencies(abi_wheel, work / "no-dependencies")
    with pytest.raises(SystemExit, match="No module named '_cffi_backend'"):
        quietly(wp.install_and_use, wheel, work / "venv-no-dependencies")


def load_setup_py():
    """api_mode/setup.py as a module, without running setup()."""
    spec = importlib.util.spec_from_file_location(
        "tempconv_setup", HERE / "api_mode" / "setup.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_free_threaded_python_gets_no_abi3_tag():
    options = load_setup_py().bdist_wheel_options
    assert options(free_threaded=False) == {"py_limited_api": "cp311"}
    assert options(free_threaded=True) == {}


def test_the_release_workflow_is_a_valid_github_workflow():
    if shutil.which("check-jsonschema") is None:
        pytest.skip("check-jsonschema is not installed")
    done = subprocess.run(
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(HERE / "release.yml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
