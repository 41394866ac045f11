"""Check the built book in a real browser (headless Chromium).

Serves BOOK_DIR on a free localhost port, under the sub-path GitHub Pages
serves it (book.toml's site-url), and, for every chapter of
src/SUMMARY.md, checks that the page renders with no JavaScript error, that
every output block is there and not empty, that the sidebar reaches every
chapter, that its quiz renders, that search finds `no_mangle`, and that the
print version holds every chapter's outputs. On one page (Hello's, or each
--only page) it answers the quiz like a reader, in the light and the coal
theme, and sees the feedback. A missing page must get mdBook's 404 page
with its styles. Saves screenshots of a few pages and of the quizzes.

Usage: python scripts/check_browser.py [BOOK_DIR] [--screenshots DIR]
                                      [--only STEM]
  (defaults: book/ and target/screenshots/; --only: that chapter's page,
  with a screenshot, and its outputs in the print version)
Prints one line per problem and exits 1 if there is any. Uses Debian's
/usr/bin/chromium, or the browser named by $CHROMIUM.
"""

import argparse
import functools
import os
import shutil
import sys
import threading
import tomllib
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from check_book import NO_QUIZ, chapters  # noqa: E402 (after the path)

SCREENSHOTS = ["introduction", "hello_add_two", "extern_c"]
SEARCH_TERM = "no_mangle"
# The page whose quiz is answered for real (with --only: each such page),
# in mdBook's default light theme and a dark one.
QUIZ_ANSWERED = ["hello_add_two"]
QUIZ_THEMES = {"light": "light", "dark": "coal"}  # screenshot name: theme
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    candidates = [
        os.environ.get("CHROMIUM"),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ]
    for candidate in filter(None, candidates):
        if found := shutil.which(candidate):
            return found
    return None


def site_path(root: Path = ROOT) -> str:
    """The path GitHub Pages serves the book under, /<repository>/: the
    site-url of book.toml."""
    config = tomllib.loads((root / "book.toml").read_text(encoding="utf-8"))
    return config["output"]["html"].get("site-url", "/")


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves the book as GitHub Pages does: under `prefix` only, and
    404.html, with status 404, for any missing file."""

    prefix = "/"

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve `directory` on 127.0.0.1 at a free port, under `prefix`;
    yield the book's URL (no trailing slash)."""
    handler = functools.partial(
        type("Handler", (PagesHandler,), {"prefix": prefix}),
        directory=str(directory),
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield f"http://127.0.0.1:{port}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()


def console_outputs(page: Page) -> list[str]:
    # text_content, not inner_text: folded <details> are not rendered.
    return page.locator("code.language-console").all_text_contents()


def check_chapter(page: Page, url: str, stem: str, titles) -> list[str]:
    where = f"{stem}.html"
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.goto(f"{url}/{stem}.html", wait_until="load")
    problems = [f"{where}: JavaScript error: {error}" for error in errors]
    if not page.locator("main h1").count():
        problems.append(f"{where}: no title rendered")
    outputs = console_outputs(page)
    if not outputs:
        problems.append(f"{where}: no output block")
    for number, output in enumerate(outputs, start=1):
        if not output.strip():
            problems.append(f"{where}: output block {number} is empty")
        if "cmdrun error" in output:
            problems.append(f"{where}: output block {number}: cmdrun error")
    links = page.locator("#sidebar a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    for other in titles:
        if not any(link.split("#")[0] == f"{other}.html" for link in links):
            problems.append(f"{where}: the sidebar has no link to {other}")
    return problems


def check_search(page: Page, url: str) -> list[str]:
    page.goto(f"{url}/introduction.html", wait_until="load")
    page.locator("#search-toggle").click()
    # mdBook searches on key presses: type like a reader.
    page.locator("#searchbar").press_sequentially(SEARCH_TERM)
    results = page.locator("#searchresults a")
    try:
        results.first.wait_for(timeout=30_000)  # generous: a loaded machine
    except Exception:
        return [f"search: no result for {SEARCH_TERM!r}"]
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    if not any("no_mangle.html" in href for href in hrefs):
        return [f"search: {SEARCH_TERM!r} does not find no_mangle.html"]
    return []


def watch_errors(page: Page) -> list[str]:
    """The page's JavaScript errors, from now on."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    return errors


def has_quiz(stem: str) -> bool:
    return (
        stem not in NO_QUIZ and (ROOT / "quizzes" / f"{stem}.toml").is_file()
    )


def check_quiz_renders(page: Page, stem: str) -> list[str]:
    """The quiz at the end of the chapter: drawn, with its Start button."""
    start = page.locator(".mdbook-quiz button.start")
    try:
        start.wait_for(state="visible", timeout=10_000)
    except Exception:
        return [f"{stem}.html: the quiz does not render"]
    return []


def answer_quiz(browser, url: str, stem: str, theme: str, shot: Path):
    """Answer the chapter's quiz like a reader, in `theme`: Start, pick
    an answer and submit, question after question, then read the feedback
    on each answer. Saves a screenshot of the answered quiz as `shot`."""
    where = f"{stem}.html, {theme} theme, quiz"
    page = browser.new_page()
    errors = watch_errors(page)
    page.add_init_script(f"localStorage.setItem('mdbook-theme', '{theme}')")
    page.goto(f"{url}/{stem}.html", wait_until="load")
    problems = []
    html_class = page.evaluate("document.documentElement.className")
    if theme not in html_class.split():
        problems.append(f"{where}: the page is not in the theme: {html_class}")
    quiz = page.locator(".mdbook-quiz")
    try:
        quiz.locator("button.start").click(timeout=10_000)
        for _ in range(10):  # a quiz has at most 5 questions
            review = quiz.get_by_role("heading", name="Answer Review")
            if review.count():
                break
            quiz.locator(
                "input[type=radio], input[type=text]"
            ).first.wait_for()
            choice = quiz.locator("input[type=radio]")
            if choice.count():
                choice.first.check()
            else:
                quiz.locator("input[type=text]").fill("a wrong answer")
            quiz.locator("input[type=submit]").click()
        review.wait_for(timeout=10_000)
    except Exception as error:
        first_line = str(error).splitlines()[0]
        problems.append(f"{where}: could not be answered: {first_line}")
    feedback = quiz.locator(".answer-row .correct, .answer-row .incorrect")
    if not problems and not feedback.count():
        problems.append(f"{where}: no right/wrong feedback after answering")
    reveal = quiz.get_by_role("button", name="see the correct answers")
    if not problems and reveal.count():  # some answer was wrong
        reveal.first.click()
        if not quiz.locator(".context").first.is_visible():
            problems.append(f"{where}: the answers show no context")
    if not problems:
        quiz.screenshot(path=shot)
    problems += [f"{where}: JavaScript error: {error}" for error in errors]
    page.close()
    return problems


def check_not_found(page: Page, url: str) -> list[str]:
    """A missing page, at the top of the book or in a folder, gets mdBook's
    404 page, status 404, with its stylesheets loaded (site-url)."""
    problems = []
    for missing in ("no-such-page.html", "no/such/page.html"):
        where = f"missing page /{missing}"
        response = page.goto(f"{url}/{missing}", wait_until="load")
        if response is None or response.status != 404:
            status = response.status if response else None
            problems.append(f"{where}: status {status}, not 404")
        if "Document not found (404)" not in page.locator("main").inner_text():
            problems.append(f"{where}: not mdBook's 404 page")
        unstyled = page.evaluate(
            """() => [...document.querySelectorAll('link[rel=stylesheet]')]
                .filter(link => !link.disabled)  // other themes' highlight
                .filter(link => !link.sheet || !link.sheet.cssRules.length)
                .map(link => link.getAttribute('href'))"""
        )
        for href in unstyled:
            problems.append(f"{where}: stylesheet {href} did not load")
        sidebar = page.evaluate(
            "getComputedStyle(document.querySelector('#sidebar')).position"
        )
        if sidebar != "fixed":  # mdBook's chrome.css
            problems.append(f"{where}: the page has no style (sidebar)")
    return problems


def check(book: Path, screenshots: Path, only: str | None = None) -> list[str]:
    executable = chromium_path()
    if executable is None:
        return ["no Chromium found: run scripts/setup, or set $CHROMIUM"]
    titles = chapters(ROOT)
    problems = []
    screenshots.mkdir(parents=True, exist_ok=True)
    with serve(book, site_path()) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        outputs = {}
        for stem in only or titles:
            page = browser.new_page()
            problems += check_chapter(page, url, stem, titles)
            if has_quiz(stem):
                problems += check_quiz_renders(page, stem)
            outputs[stem] = console_outputs(page)
            if stem in SCREENSHOTS or only:
                page.screenshot(path=screenshots / f"{stem}.png")
            page.close()
        for stem in [s for s in only or QUIZ_ANSWERED if has_quiz(s)]:
            for name, theme in QUIZ_THEMES.items():
                problems += answer_quiz(
                    browser,
                    url,
                    stem,
                    theme,
                    screenshots / f"{stem}-quiz-{name}.png",
                )
        page = browser.new_page()
        problems += check_not_found(page, url)
        problems += check_search(page, url)
        page.goto(f"{url}/print.html", wait_until="load")
        printed = console_outputs(page)
        for stem, blocks in outputs.items():
            missing = [block for block in blocks if block not in printed]
            if missing:
                problems.append(
                    f"print.html: {len(missing)} output(s) of {stem} missing"
                )
        browser.close()
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("book", nargs="?", default=str(ROOT / "book"))
    parser.add_argument(
        "--screenshots", default=str(ROOT / "target" / "screenshots")
    )
    parser.add_argument(
        "--only", action="append", help="check this chapter's page only"
    )
    args = parser.parse_args()
    problems = check(
        Path(args.book).resolve(), Path(args.screenshots), args.only
    )
    for problem in problems:
        print(f"check_browser: {problem}", file=sys.stderr)
    if problems:
        return 1
    count = len(args.only or chapters(ROOT))
    print(
        f"check_browser: {count} page(s), their quizzes, search, print"
        " and the 404 page checked"
    )
    print(f"check_browser: screenshots in {Path(args.screenshots).name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
