"""scripts/check_stable.py: mdBook renders the same pages twice."""

import subprocess
import sys


def test_a_stable_book_passes(small_book, build_and_check):
    small_book("hello_add_two")
    done = build_and_check("check_stable.py", "book")
    assert done.returncode == 0, done.stderr


def test_a_page_that_differs_fails_naming_it(
    small_book, build_and_check, copy_env
):
    root = small_book("hello_add_two", "no_mangle")
    assert build_and_check("check_stable.py", "book").returncode == 0
    page = root / "book" / "hello_add_two.html"
    page.write_text(page.read_text() + "<!-- another build -->")
    done = subprocess.run(
        [sys.executable, "scripts/check_stable.py", "book"],
        cwd=root,
        env=copy_env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "hello_add_two.html differs between two builds" in done.stderr
    assert "no_mangle.html" not in done.stderr
