"""`mdbook serve` re-renders an edited example's page, and only once.

Starts the pinned `mdbook serve` in a copy of the repository reduced to
the Hello chapter (see small_book), whose own target/ folder is inside the
watched tree, edits the example's lib.rs three times and checks that each
edit's new output appears and that what the build wrote (target/, the
book) started no further rebuild. How long the wait is, is a figure of
scripts/bench, not an assertion here.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import live_reload  # noqa: E402 (after the path)


def test_an_edit_re_renders_its_page_once(small_book, copy_env, tmp_path):
    repo = small_book("hello_add_two")
    log = tmp_path / "serve.log"
    with live_reload.serving(repo, copy_env, log) as url:
        waits = live_reload.edit_and_wait(repo, url, log, edits=3)
    assert len(waits) == 3


def test_the_copy_watches_examples(repo_copy):
    book_toml = (Path(repo_copy) / "book.toml").read_text()
    assert 'extra-watch-dirs = ["examples"]' in book_toml
