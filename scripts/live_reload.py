"""The live lab, measured: under `mdbook serve`, edit an example and wait
for its page to show the new output.

Used by tests/test_live_reload.py (the page changes after every edit, and
no rebuild loop follows) and by scripts/bench.py (how long the wait is,
the median of several edits). It edits hello_add_two's lib.rs in REPO,
a copy of the repository whose target/ folder is inside the watched tree.
"""

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

FIRST_BUILD_WITHIN = 300.0  # seconds: it compiles the crates first
NEW_OUTPUT_WITHIN = 300.0  # seconds: a hang guard, not a speed test (a
# loaded 2-core machine once took over 60 s for one rebuild of every page)
QUIET_AFTER = 3.0  # seconds without a rebuild after the page changed


def project_files(root: Path) -> list[str]:
    """Every file git knows in ROOT: tracked, or new and not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return [name for name in listed if (root / name).is_file()]


def copy_project(root: Path, copy: Path) -> Path:
    """A copy of ROOT's files that links to its installed .tools/ and
    .venv/; it builds into its own target/ folder."""
    for name in project_files(root):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, copy / name)
    for installed in (".tools", ".venv"):
        (copy / installed).symlink_to((root / installed).resolve())
    return copy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(interval)
    return None


def hello_output(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=1) as page:
            html = page.read().decode("utf-8")
    except OSError:
        return None
    found = re.search(r"hello_add_two\.py\n(\d+)\n</code>", html)
    return found[1] if found else None


@contextmanager
def serving(repo: Path, env: dict[str, str], log: Path):
    """`mdbook serve` in REPO, as scripts/serve runs it; yield the URL of
    hello_add_two's page once it shows 12."""
    env = dict(env, FFI_BOOK_CACHE="1")  # as scripts/serve sets it
    port = free_port()
    with log.open("w") as log_file:
        serve = subprocess.Popen(
            ["mdbook", "serve", "--port", str(port)],
            cwd=repo,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/hello_add_two.html"
    try:
        shown = wait_for(lambda: hello_output(url), FIRST_BUILD_WITHIN)
        if shown != "12":
            raise AssertionError(f"first build shows {shown!r}, not 12")
        yield url
    finally:
        serve.terminate()
        serve.wait(timeout=10)


def builds(log: Path) -> int:
    return log.read_text().count("Book building has started")


def edit_and_wait(repo: Path, url: str, log: Path, edits=3) -> list[float]:
    """Edit hello_add_two's lib.rs `edits` times (add_two adds 3, 4, ...),
    each time wait for the page to show the new sum, then QUIET_AFTER
    seconds more. Return the seconds each new output took to appear.
    Raises AssertionError if one never appears, or if any rebuild beyond
    one per edit happened (a rebuild loop)."""
    lib_rs = repo / "examples" / "hello_add_two" / "src" / "lib.rs"
    before = builds(log)
    waits = []
    for added in range(3, 3 + edits):
        edited_text = lib_rs.read_text().replace(
            f"wrapping_add({added - 1})", f"wrapping_add({added})"
        )
        # One change, as an editor saving the file makes it: written
        # aside (in target/, which mdBook ignores) and renamed into place,
        # so the watcher never sees a half-written file as a second edit.
        aside = repo / "target" / "lib.rs.edit"
        aside.parent.mkdir(exist_ok=True)
        aside.write_text(edited_text)
        os.replace(aside, lib_rs)
        edited = time.monotonic()
        expected = str(10 + added)
        if not wait_for(
            lambda e=expected: hello_output(url) == e, NEW_OUTPUT_WITHIN
        ):
            raise AssertionError(
                f"no {expected} on the page {NEW_OUTPUT_WITHIN:.0f} s after"
                f" the edit:\n{log.read_text()}"
            )
        waits.append(time.monotonic() - edited)
        time.sleep(QUIET_AFTER)  # and no rebuild after this one's
    if builds(log) != before + edits:
        raise AssertionError(
            f"{builds(log) - before} rebuilds for {edits} edits (a rebuild"
            f" loop?):\n{log.read_text()}"
        )
    return waits
