"""scripts/check_browser.py passes on the real book, fails on a broken one."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_browser  # noqa: E402 (after the path)

# The pages these tests open: the whole book is checked by scripts/test.
PAGES = ["introduction", "hello_add_two", "no_mangle"]


@pytest.fixture(scope="module")
def built_book(tmp_path_factory) -> Path:
    """The whole book, every page from its committed outputs: nothing
    runs, so nothing races with the chapters' own tests in the other
    pytest worker (they share build folders)."""
    book = tmp_path_factory.mktemp("book")
    subprocess.run(
        [ROOT / ".tools" / "bin" / "mdbook", "build", "--dest-dir", book],
        cwd=ROOT,
        env=dict(os.environ, FFI_BOOK_ONLY="(no chapter)"),
        capture_output=True,
        check=True,
    )
    return book


def test_the_book_passes(built_book, tmp_path):
    assert check_browser.check(built_book, tmp_path, PAGES) == []
    assert (tmp_path / "hello_add_two.png").stat().st_size > 10_000
    for theme in ("light", "dark"):
        shot = tmp_path / f"hello_add_two-quiz-{theme}.png"
        assert shot.stat().st_size > 10_000


def test_the_book_is_served_under_its_site_url():
    assert check_browser.site_path() == "/calling-rust-from-python/"


def break_page(book: Path, page: str, old: str, new: str, count=1) -> None:
    path = book / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_broken_book_fails_naming_each_problem(built_book, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(built_book, broken)
    # An empty output block.
    html = (broken / "hello_add_two.html").read_text(encoding="utf-8")
    emptied = re.sub(
        r'(<code class="language-console">).*?(</code>)',
        r"\1\2",
        html,
        count=1,
        flags=re.S,
    )
    (broken / "hello_add_two.html").write_text(emptied, encoding="utf-8")
    # A script that throws.
    break_page(
        broken,
        "no_mangle.html",
        "</body>",
        '<script>throw new Error("broken on purpose")</script></body>',
    )
    # A chapter missing from the sidebar.
    break_page(broken, "toc.js", 'href="crate_types.html"', 'href="gone.html"')
    # A quiz whose script is missing.
    break_page(broken, "no_mangle.html", "quiz-embed.iife.js", "gone.js")
    # A 404 page that looks for its styles at the server's root (what
    # mdBook writes without site-url).
    break_page(
        broken,
        "404.html",
        '<base href="/calling-rust-from-python/">',
        '<base href="/">',
    )

    problems = check_browser.check(broken, tmp_path / "shots", PAGES)
    assert "hello_add_two.html: output block 1 is empty" in problems
    assert any(
        p.startswith("no_mangle.html: JavaScript error:")
        and "broken on purpose" in p
        for p in problems
    )
    assert "introduction.html: the sidebar has no link to crate_types" in (
        problems
    )
    assert "print.html: 1 output(s) of hello_add_two missing" in problems
    assert "no_mangle.html: the quiz does not render" in problems
    for missing in ("no-such-page.html", "no/such/page.html"):
        assert (
            f"missing page /{missing}: the page has no style (sidebar)"
            in problems
        )
        assert any(
            p.startswith(f"missing page /{missing}: stylesheet css/")
            for p in problems
        )


def test_diagrams_are_checked_in_both_themes(built_book, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(built_book, broken)
    # Text in black, not in the theme's colour: fine in the light theme,
    # unreadable in the dark one.
    break_page(
        broken,
        "strings_out.html",
        '<text fill="currentColor"',
        '<text fill="black"',
        count=-1,
    )
    # A diagram that did not render, on its page and in the print version.
    for page in ("slices.html", "print.html"):
        html = (broken / page).read_text(encoding="utf-8")
        gone = re.sub(
            r'<figure class="diagram" id="slices-ownership"[^>]*>.*?</figure>',
            "",
            html,
            flags=re.S,
        )
        assert gone != html
        (broken / page).write_text(gone, encoding="utf-8")

    shots = tmp_path / "shots"
    problems = check_browser.check(broken, shots, ["strings_out", "slices"])
    where = "strings_out.html: diagram strings_out-ownership"
    assert [p for p in problems if p.startswith(where)] == [
        f"{where}, coal theme: text in rgb(0, 0, 0), the page's text is"
        " rgb(152, 163, 173)"
    ]
    assert "slices.html: diagram slices-ownership, light theme: not on" in (
        " ".join(problems)
    )
    assert "print.html: diagram slices-ownership missing" in problems
    for shade in ("light", "dark"):
        png = shots / f"strings_out-ownership-{shade}.png"
        assert png.stat().st_size > 10_000


def lychee(book: Path) -> subprocess.CompletedProcess:
    """The link check of scripts/test, on `book`."""
    return subprocess.run(
        [
            *("lychee", "--offline", "--include-fragments", "--no-progress"),
            *("--exclude-path", r"/404\.html$"),
            *("--root-dir", str(book), str(book)),
        ],
        capture_output=True,
        text=True,
    )


def test_the_link_check_passes_on_the_book(built_book):
    done = lychee(built_book)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_link_check_fails_on_a_broken_link_and_anchor(
    built_book, tmp_path
):
    broken = tmp_path / "broken"
    shutil.copytree(built_book, broken)
    break_page(
        broken, "extern_c.html", 'href="no_mangle.html"', 'href="gone.html"'
    )
    break_page(
        broken,
        "crate_types.html",
        'href="extern_c.html"',
        'href="extern_c.html#no-such-section"',
    )
    done = lychee(broken)
    report = done.stdout + done.stderr
    assert done.returncode != 0
    assert "gone.html" in report
    assert "no-such-section" in report


def test_every_picture_is_drawn_in_both_themes(built_book, tmp_path):
    """The structs layout picture and the charts (masked: this book
    shows committed copies) render, and each gets two screenshots."""
    pages = ["structs", "threads_and_gil"]
    assert check_browser.check(built_book, tmp_path, pages) == []
    for name in ("structs-layout", "threads_and_gil-chart-units"):
        for theme in ("light", "dark"):
            shot = tmp_path / f"{name}-{theme}.png"
            assert shot.stat().st_size > 2_000, shot


def test_an_empty_or_invisible_picture_fails(built_book, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(built_book, broken)
    page = broken / "structs.html"
    html = page.read_text(encoding="utf-8")
    # The layout picture without its boxes and words, at zero size.
    svg = re.search(r'<figure class="ffi-layout">.*?</figure>', html, re.S)
    empty = re.sub(r"<(rect|text)[^>]*?(/>|>[^<]*</text>)", "", svg[0])
    empty = re.sub(r'width="640" height="\d+"', 'width="0" height="0"', empty)
    page.write_text(html.replace(svg[0], empty), encoding="utf-8")
    problems = check_browser.check(broken, tmp_path / "shots", ["structs"])
    for theme in ("light", "coal"):
        where = f"structs.html ({theme} theme): layout"
        assert f"{where}: no text" in problems, problems
        assert f"{where}: no bar or box drawn" in problems
        assert any(p.startswith(f"{where}: not visible") for p in problems)
