"""Check the built book in a real browser (headless Chromium).

Serves BOOK_DIR on a free localhost port, under the sub-path GitHub Pages
serves it (book.toml's site-url), and, for every chapter of
src/SUMMARY.md, checks that the page renders with no JavaScript error, that
every output block is there and not empty, that the sidebar reaches every
chapter, that its quiz renders, that search finds `no_mangle`, and that the
print version holds every chapter's outputs and diagrams. It answers every
chapter's quiz like a reader and sees the feedback, in the light theme, and
Hello's (or each --only page's) in the coal theme too. Checks each diagram
(scripts/diagram.py) and each picture drawn from a run in a light and a
dark theme. A missing page must get mdBook's 404 page with its styles.
Saves screenshots of a few pages, of the quizzes, diagrams and pictures.

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
from check_book import (  # noqa: E402 (after the path)
    CMDRUN,
    DIAGRAM,
    NO_QUIZ,
    chapters,
)

SCREENSHOTS = ["introduction", "hello_add_two", "extern_c"]
SEARCH_TERM = "no_mangle"
# Every quiz is answered for real in mdBook's default light theme; these
# pages' quizzes (with --only: each such page's) in a dark one too.
QUIZ_IN_EVERY_THEME = ["hello_add_two"]
# Quizzes, diagrams and pictures are checked, and photographed, in a light
# and a dark theme: screenshot suffix -> mdBook's theme.
THEMES = {"light": "light", "dark": "coal"}
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


def open_page(browser, url: str, stem: str, theme: str | None = None):
    """A new tab on src/STEM.md's page, in mdBook's `theme` if one is
    given (what its theme menu stores, read before the page draws), and
    the list that collects the page's JavaScript errors."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    if theme:
        page.add_init_script(
            f"localStorage.setItem('mdbook-theme', '{theme}')"
        )
    page.goto(f"{url}/{stem}.html", wait_until="load")
    return page, errors


def console_outputs(page: Page) -> list[str]:
    # text_content, not inner_text: folded <details> are not rendered.
    return page.locator("code.language-console").all_text_contents()


def check_chapter(page: Page, errors: list[str], stem: str, titles):
    where = f"{stem}.html"
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


def diagrams(stem: str) -> list[str]:
    """The diagrams that src/STEM.md shows (scripts/diagram.py lines)."""
    text = (ROOT / "src" / f"{stem}.md").read_text(encoding="utf-8")
    found = (DIAGRAM.match(c.strip()) for c in CMDRUN.findall(text))
    return [match["name"] for match in found if match]


def check_diagrams(browser, url: str, stem: str, screenshots: Path):
    """Each diagram of the page, in each theme: there, visible, with text
    and shapes, its text in the page's colour, its boxes on the page's
    background; no JavaScript error. Screenshots: NAME-light.png and
    NAME-dark.png."""
    problems = []
    for name, shade in ((n, s) for n in diagrams(stem) for s in THEMES):
        theme = THEMES[shade]
        where = f"{stem}.html: diagram {name}, {theme} theme"
        page, errors = open_page(browser, url, stem, theme)
        problems += [f"{where}: JavaScript error: {e}" for e in errors]
        svg = page.locator(f"figure#{name} > svg.diagram")
        if svg.count() != 1:
            problems.append(f"{where}: not on the page")
            page.close()
            continue
        svg.scroll_into_view_if_needed()
        box = svg.bounding_box()
        if (
            not svg.is_visible()
            or not box
            or min(box["width"], box["height"]) < 100
        ):
            problems.append(f"{where}: not visible ({box})")
        texts = svg.locator("text").all_text_contents()
        if sum(bool(t.strip()) for t in texts) < 5:
            problems.append(f"{where}: {len(texts)} texts, not a diagram")
        if svg.locator("polygon, path").count() < 5:
            problems.append(f"{where}: fewer than 5 shapes")
        colours = svg.evaluate(
            """(svg, theme) => {
                const html = getComputedStyle(document.documentElement);
                const node = svg.querySelector('.node > polygon');
                return {
                    theme: document.documentElement.classList.contains(theme),
                    fg: html.color, bg: html.backgroundColor,
                    text: getComputedStyle(svg.querySelector('text')).fill,
                    box: node ? getComputedStyle(node).fill : null,
                };
            }""",
            theme,
        )
        if not colours["theme"]:
            problems.append(f"{where}: the page is not in that theme")
        if colours["text"] != colours["fg"]:
            problems.append(
                f"{where}: text in {colours['text']}, the page's text is"
                f" {colours['fg']}"
            )
        if colours["box"] != colours["bg"]:
            problems.append(
                f"{where}: boxes filled {colours['box']}, the page's"
                f" background is {colours['bg']}"
            )
        # mdBook's sticky menu bar would cover the diagram's top.
        page.add_style_tag(content="#menu-bar { visibility: hidden; }")
        svg.screenshot(path=screenshots / f"{name}-{shade}.png")
        page.close()
    return problems


# Pictures drawn while the book is built: charts of a run's tables
# (example.py --chart) and the structs chapter's layout.
PICTURES = "figure.ffi-chart, figure.ffi-layout"
PICTURE_FACTS = """figure => {
  const svg = figure.querySelector('svg');
  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const texts = [...figure.querySelectorAll('svg text')];
  const bg = getComputedStyle(document.documentElement).backgroundColor;
  const bar = figure.querySelector('svg rect');
  const bars = [...figure.querySelectorAll('g.bar')];
  return {
    what: figure.classList.contains('ffi-chart')
      ? 'chart-' + figure.dataset.table.replace(/\\W+/g, '_') : 'layout',
    width: box.width, height: box.height,
    rects: figure.querySelectorAll('svg rect').length,
    masked: bars.length > 0
      && bars.every(g => g.dataset.value.includes('<varies>')),
    text: texts.map(t => t.textContent).join(' ').trim(),
    textFill: texts.length ? getComputedStyle(texts[0]).fill : '',
    barFill: bar ? getComputedStyle(bar).fill : '',
    background: bg,
  };
}"""


def check_pictures(
    browser, url: str, stem: str, screenshots: Path
) -> list[str]:
    """Every picture of the page, in the light and the dark (coal) theme:
    visible, with text and shapes in colours that differ from the page's
    background, and no JavaScript error; a screenshot of each."""
    problems = []
    for shown, theme in THEMES.items():
        page, errors = open_page(browser, url, stem, theme)
        where = f"{stem}.html ({theme} theme)"
        problems += [f"{where}: JavaScript error: {e}" for e in errors]
        for figure in page.locator(PICTURES).all():
            facts = figure.evaluate(PICTURE_FACTS)
            name = f"{where}: {facts['what']}"
            if facts["width"] < 50 or facts["height"] < 20:
                problems.append(f"{name}: not visible ({facts})")
            if not facts["text"]:
                problems.append(f"{name}: no text")
            if facts["rects"] == 0 and not facts["masked"]:
                problems.append(f"{name}: no bar or box drawn")
            for part in ("textFill", "barFill"):
                if facts[part] and facts[part] == facts["background"]:
                    problems.append(f"{name}: {part} is the background")
            figure.scroll_into_view_if_needed()
            figure.screenshot(
                path=screenshots / f"{stem}-{facts['what']}-{shown}.png"
            )
        page.close()
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
    page, errors = open_page(browser, url, stem, theme)
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
            page, errors = open_page(browser, url, stem)
            problems += check_chapter(page, errors, stem, titles)
            if has_quiz(stem):
                problems += check_quiz_renders(page, stem)
            outputs[stem] = console_outputs(page)
            if page.locator(PICTURES).count():
                problems += check_pictures(browser, url, stem, screenshots)
            if stem in SCREENSHOTS or only:
                page.screenshot(path=screenshots / f"{stem}.png")
            page.close()
            problems += check_diagrams(browser, url, stem, screenshots)
        for stem in [s for s in only or titles if has_quiz(s)]:
            every = only or QUIZ_IN_EVERY_THEME
            themes = THEMES if stem in every else {"light": THEMES["light"]}
            for name, theme in themes.items():
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
            for name in diagrams(stem):
                if page.locator(f"figure#{name} svg.diagram").count() != 1:
                    problems.append(f"print.html: diagram {name} missing")
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
