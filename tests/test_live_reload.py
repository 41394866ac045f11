"""`mdbook serve` re-renders an edited example's page, and only once.

Starts the pinned `mdbook serve` in a copy of the repository, whose own
target/ folder is inside the watched tree, edits an example's lib.rs and
polls the page until the new output appears. Then checks that what the
build wrote (target/, the book) started no further rebuild.
"""

import re
import socket
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

NEW_OUTPUT_WITHIN = 3.0  # seconds, median of three edits of one crate
QUIET_AFTER = 3.0  # seconds without a rebuild after the page changed


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


def test_an_edit_re_renders_its_page_once(repo_copy, copy_env, tmp_path):
    # copy_env builds into the copy's own target/, inside the watched tree.
    env = dict(copy_env, FFI_BOOK_CACHE="1")  # as scripts/serve sets it
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as log_file:
        serve = subprocess.Popen(
            ["mdbook", "serve", "--port", str(port)],
            cwd=repo_copy,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/hello_add_two.html"
    try:
        # The first build compiles every crate of the copy: allow time.
        assert wait_for(lambda: hello_output(url), timeout=120) == "12"
        builds_before = log.read_text().count("Book building has started")

        # Three edits, each waited for: mdBook polls for changes once a
        # second, so one edit's wait also measures where in that second it
        # fell. The median of three is the typical wait.
        lib_rs = repo_copy / "examples/hello_add_two/src/lib.rs"
        waits = []
        for added in (3, 4, 5):
            lib_rs.write_text(
                lib_rs.read_text().replace(
                    f"wrapping_add({added - 1})", f"wrapping_add({added})"
                )
            )
            edited = time.monotonic()
            expected = str(10 + added)
            shown = wait_for(lambda e=expected: hello_output(url) == e, 30)
            assert shown, f"no {expected} on the page 30 s after the edit"
            waits.append(time.monotonic() - edited)
            time.sleep(QUIET_AFTER)  # and no rebuild after this one's
        median = statistics.median(waits)
        print(f"new output {', '.join(f'{w:.1f}' for w in waits)} s after")
        assert median <= NEW_OUTPUT_WITHIN, waits

        builds = log.read_text().count("Book building has started")
        assert builds == builds_before + 3, log.read_text()
    finally:
        serve.terminate()
        serve.wait(timeout=10)


def test_the_copy_watches_examples(repo_copy):
    book_toml = (Path(repo_copy) / "book.toml").read_text()
    assert 'extra-watch-dirs = ["examples"]' in book_toml
