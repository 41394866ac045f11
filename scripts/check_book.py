"""Check the book's sources and the built book.

mdbook-cmdrun never fails a build: a failing example only writes
"cmdrun error" into its page. This script is what fails instead. It checks:

- every chapter in src/SUMMARY.md has its example, examples/<stem>/ (a
  crate and a script sharing the chapter's file name stem), and every
  example has its chapter;
- every `<!-- cmdrun ... -->` line runs the chapter's own example through
  scripts/example.py, with an exit-code flag (--strict);
- every code listing is `{{#include file:ANCHOR}}` of a file that exists
  and has that anchor (a file without anchors is included whole), never
  code pasted into the page; a file with anchors is included whole only
  folded, inside <details>;
- every file an example needs (its folder's files but tests and
  exercises, the crates it depends on, the workspace's Cargo.toml and
  examples/ffi_book.py) is included whole somewhere in the book, the
  example's own files in its own chapter; and the chapter's section "The
  complete files" shows, in a ```sh block, `cargo build -p <stem>` and
  the command behind each of its outputs (exercises apart);
- every exercise's task is shown and its starter run, and the starter
  and its solution are each included whole, folded in <details> (decoys,
  the wrong answers its tests require to fail, are not shown);
- every listing has a line naming its file just above it (in the
  paragraph before the code block);
- every chapter but the introduction ends with its quiz, "## Quiz" and
  `{{#quiz ../quizzes/<stem>.toml}}`, and every quiz file has its chapter;
  a quiz has 3 to 5 questions, each with an id (the build writes one in:
  commit it), a context and, if multiple choice, distractors; every
  question has `# backed-by:` comment lines above it, each naming a test
  function that exists (`examples/<stem>/test_<stem>.py::test_name`) or
  quoting 4 to 15 words of the chapter (`src/<stem>.md "words"`, compared
  with whitespace collapsed);
- every diagram line draws src/diagrams/<stem>-<what>.dot, and every
  .dot file there is shown by one chapter;
- the built pages have no "cmdrun error" and no path of the build machine;
- every chart (example.py --chart) shows the numbers of the table in the
  output block above it, row by row, with bars proportional to them.

Usage: python scripts/check_book.py [BOOK_DIR]  (default: book, the build)
Prints one line per problem, naming the chapter and its example, and exits
1 if there is any.
"""

import html
import re
import shlex
import sys
import tomllib
from pathlib import Path

import diagram  # scripts/diagram.py, next to this file

ROOT = Path(__file__).resolve().parent.parent

CMDRUN = re.compile(r"<!--[ ]*cmdrun (.*?)-->")
RUNNER = re.compile(
    r"^(?:--strict|-0|--expect-return-code \d+) "
    r"python \.\./scripts/example\.py "
    r"(?:--stderr |--html |--chart \S+ |--status -?\d+ |--from \S+ )*"
    r"(?P<example>\w+)(?: |$)"
)
# A diagram: src/diagrams/NAME.dot drawn by scripts/diagram.py, NAME
# starting with the chapter's stem (see check_diagrams).
DIAGRAM = re.compile(
    r"^--strict python \.\./scripts/diagram\.py (?P<name>[\w-]+)$"
)
INCLUDE = re.compile(r"\{\{#include (?P<file>[^:}]+)(?::(?P<anchor>\w+))?\}\}")
SUMMARY_LINK = re.compile(r"\[(?P<title>[^\]]+)\]\((?P<file>[^)]+\.md)\)")
# In prose the error is bold; inside a code block it is a literal "**".
CMDRUN_ERROR = re.compile(
    r"cmdrun error(?:\*\*|</strong>): (?P<command>[^\n<]*)\n?"
    r"(?P<said>(?:(?!</code>|</p>).*\n?)*)"
)
FENCE = re.compile(r"^```(?P<lang>\S*)\n(?P<body>.*?)^```$", re.M | re.S)
# The one chapter with no exercises: the introduction.
NO_EXERCISES = {"introduction"}
# Commands a reader types: shown in a fence, not run by the build.
TYPED_COMMANDS = {"sh"}
DETAILS = re.compile(r"<details>.*?</details>", re.S)
COMPLETE_FILES = "## The complete files"
# What every example needs besides its own folder, shown once in the book.
SHARED_FILES = ("Cargo.toml", "examples/ffi_book.py")
PATH_DEPENDENCY = re.compile(r'path\s*=\s*"(?P<path>[^"]+)"')
# A file of scripts/ named in an example's code: "scripts" / "NAME", or
# the whole string "scripts/NAME" (not a mention inside a message).
SCRIPTS_FILE = re.compile(
    r"""["']scripts["']\s*/\s*["'](?P<split>[^"']+)["']"""
    r"""|["']scripts/(?P<whole>[^"'\s]+)["']"""
)


def chapters(root: Path) -> dict[str, str]:
    """The chapters in SUMMARY.md: file name stem -> title."""
    summary = (root / "src" / "SUMMARY.md").read_text(encoding="utf-8")
    return {
        Path(m["file"]).stem: m["title"]
        for m in SUMMARY_LINK.finditer(summary)
    }


def runner_commands(root: Path) -> list[tuple[str, list[str]]]:
    """(chapter stem, runner arguments) for every cmdrun line of the book."""
    found = []
    for stem in chapters(root):
        text = (root / "src" / f"{stem}.md").read_text(encoding="utf-8")
        for command in CMDRUN.findall(text):
            words = shlex.split(command)
            if "../scripts/example.py" in words:
                start = words.index("../scripts/example.py") + 1
                found.append((stem, words[start:]))
    return found


def examples(root: Path) -> set[str]:
    return {p.name for p in (root / "examples").iterdir() if p.is_dir()}


def check_pairs(root: Path, titles: dict[str, str]) -> list[str]:
    problems = []
    for stem, title in titles.items():
        where = f"src/{stem}.md (chapter '{title}')"
        if not (root / "src" / f"{stem}.md").is_file():
            problems.append(f"{where}: the file is missing")
        if stem in sys.stdlib_module_names:
            # The script's folder comes first on sys.path: the example
            # would hide the standard library's module from everything.
            problems.append(f"{where}: {stem} is a standard library module")
        example = root / "examples" / stem
        for needed in ("Cargo.toml", "src/lib.rs", f"{stem}.py"):
            if not (example / needed).is_file():
                problems.append(f"{where}: example {stem}: no {needed}")
    for stem in sorted(examples(root) - set(titles)):
        problems.append(
            f"examples/{stem}/: no chapter src/{stem}.md in src/SUMMARY.md"
        )
    return problems


def check_source(root: Path, stem: str, title: str) -> list[str]:
    where = f"src/{stem}.md (chapter '{title}'), example {stem}"
    path = root / "src" / f"{stem}.md"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    problems = []
    commands = [
        c for c in CMDRUN.findall(text) if not DIAGRAM.match(c.strip())
    ]
    if not commands:
        problems.append(f"{where}: no cmdrun line runs the example")
    for command in commands:
        match = RUNNER.match(command.strip())
        if not match:
            problems.append(
                f"{where}: cmdrun line does not call "
                f"'--strict python ../scripts/example.py' (or"
                f" ../scripts/diagram.py NAME): {command.strip()}"
            )
        elif match["example"] != stem:
            problems.append(
                f"{where}: cmdrun line runs example {match['example']}, "
                f"not the chapter's own"
            )
    for fence in FENCE.finditer(text):
        body = fence["body"]
        lines = [line for line in body.splitlines() if line.strip()]
        generated = all(
            INCLUDE.fullmatch(line.strip()) or CMDRUN.fullmatch(line.strip())
            for line in lines
        )
        if not generated and fence["lang"] not in TYPED_COMMANDS:
            first = lines[0] if lines else ""
            problems.append(
                f"{where}: a ```{fence['lang']} block is pasted, not "
                f"{{{{#include}}}}d or cmdrun: {first[:60]}"
            )
    for unnamed in unnamed_listings(text):
        problems.append(
            f"{where}: the listing of {unnamed} has no line naming its "
            "file above it"
        )
    for include in INCLUDE.finditer(text):
        target = (path.parent / include["file"]).resolve()
        shown = include["file"]
        if not target.is_file():
            problems.append(f"{where}: included file {shown} is missing")
            continue
        source = target.read_text(encoding="utf-8")
        # A file with anchors is shown by anchor, or whole but folded in
        # <details> (its complete text, under the excerpts); a file without
        # anchors, whole anywhere (the seed tutorial's files stay exactly
        # as the seed wrote them).
        folded = any(
            d.start() < include.start() < d.end()
            for d in DETAILS.finditer(text)
        )
        if not include["anchor"] and "ANCHOR:" in source and not folded:
            problems.append(
                f"{where}: include of {shown} has no :ANCHOR "
                "(a whole file with anchors goes in <details>)"
            )
        elif (
            include["anchor"] and f"ANCHOR: {include['anchor']}" not in source
        ):
            problems.append(
                f"{where}: {shown} has no ANCHOR: {include['anchor']}"
            )
    return problems


def unnamed_listings(text: str) -> list[str]:
    """The included files whose listing has no line naming the file in
    the paragraph just above it (in backticks, or as the <summary> of the
    <details> that folds it): its path from the repository root (the
    include's path without `../`), or from the chapter's example folder."""
    unnamed = []
    for fence in FENCE.finditer(text):
        above = text[: fence.start()].rstrip("\n").split("\n\n")[-1]
        for include in INCLUDE.finditer(fence["body"]):
            path = include["file"].removeprefix("../")
            short = (
                path.split("/", 2)[-1]
                if path.startswith("examples/")
                else path
            )
            names = [f"`{name}`" for name in (path, short)]
            names += [f"<summary>{name}</summary>" for name in (path, short)]
            if not any(name in above for name in names):
                unnamed.append(path)
    return unnamed


def needed_files(root: Path, stem: str) -> list[str]:
    """The files, relative to the root, that a reader needs to rebuild the
    example: its folder's files but tests and exercises, the files of
    the crates its Cargo.toml names by path, and the files of scripts/
    that its scripts name."""
    example = root / "examples" / stem
    folders = [example]
    manifest = example / "Cargo.toml"
    if manifest.is_file():
        for dependency in PATH_DEPENDENCY.finditer(manifest.read_text()):
            folders.append((example / dependency["path"]).resolve())
    needed = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(folder).parts
            if (
                path.is_file()
                and not any(p.startswith((".", "__")) for p in parts)
                and not path.name.startswith(("test_", "exercise_"))
            ):
                needed.append(path.relative_to(root.resolve()).as_posix())
    for script in [p for p in needed if p.endswith(".py")]:
        code = (root / script).read_text(encoding="utf-8")
        for match in SCRIPTS_FILE.finditer(code):
            name = f"scripts/{match['split'] or match['whole']}"
            if (root / name).is_file() and name not in needed:
                needed.append(name)
    return needed


def whole_includes(root: Path, stem: str) -> set[str]:
    """The files a chapter includes whole, relative to the root."""
    path = root / "src" / f"{stem}.md"
    if not path.is_file():
        return set()
    text = path.read_text(encoding="utf-8")
    return {
        (path.parent / m["file"])
        .resolve()
        .relative_to(root.resolve())
        .as_posix()
        for m in INCLUDE.finditer(text)
        if not m["anchor"] and (path.parent / m["file"]).resolve().is_file()
    }


def check_complete_files(root: Path, titles: dict[str, str]) -> list[str]:
    """Every needed file shown whole, and the commands to run by hand."""
    shown = {stem: whole_includes(root, stem) for stem in titles}
    everywhere = set().union(*shown.values()) if shown else set()
    problems = []
    for shared in SHARED_FILES:
        if (root / shared).is_file() and shared not in everywhere:
            problems.append(f"no chapter includes {shared} whole")
    for stem, title in titles.items():
        where = f"src/{stem}.md (chapter '{title}'), example {stem}"
        if not (root / "examples" / stem).is_dir():
            continue
        for needed in needed_files(root, stem):
            own = needed.startswith(f"examples/{stem}/")
            if needed not in (shown[stem] if own else everywhere):
                problems.append(f"{where}: {needed} is not shown whole")
        problems += check_commands(root, stem, where)
    return problems


def check_commands(root: Path, stem: str, where: str) -> list[str]:
    """The section "The complete files" types every command of the page."""
    text = (root / "src" / f"{stem}.md").read_text(encoding="utf-8")
    section = text.partition(COMPLETE_FILES)[2].partition("\n## ")[0]
    if not section:
        return [f"{where}: no section '{COMPLETE_FILES}'"]
    typed = [
        line.strip()
        for fence in FENCE.finditer(section)
        if fence["lang"] in TYPED_COMMANDS
        for line in fence["body"].splitlines()
    ]
    wanted = [f"cargo build -p {stem}"]
    for command in CMDRUN.findall(text):
        words = shlex.split(command)
        if "../scripts/example.py" not in words or "--from" in words:
            continue
        words = words[words.index("../scripts/example.py") + 1 :]
        while words and words[0].startswith("--"):
            words = words[
                1 + (words[0] in ("--status", "--from", "--chart")) :
            ]
        script, *arguments = words[1:] or [f"{stem}.py"]
        if not script.startswith("exercise_"):
            wanted.append(
                " ".join(["python", f"examples/{stem}/{script}", *arguments])
            )
    return [
        f"{where}: '{COMPLETE_FILES}' does not show the command '{command}'"
        for command in dict.fromkeys(wanted)
        if command not in typed
    ]


def exercises(root: Path, stem: str) -> list[str]:
    """The exercise names of a chapter: exercise_<name>.py starters, not
    their exercise_<name>_solution.py or exercise_<name>_decoy_<what>.py
    (wrong answers that the exercise tests require to fail)."""
    return sorted(
        path.stem.removeprefix("exercise_")
        for path in (root / "examples" / stem).glob("exercise_*.py")
        if not path.stem.endswith("_solution") and "_decoy_" not in path.stem
    )


def check_exercises(root: Path, stem: str, title: str) -> list[str]:
    """Every exercise: a starter the page shows (its task, and the whole
    file folded in <details>) and runs, and a solution the page folds away
    in <details>, whole. Decoys are not shown."""
    where = f"src/{stem}.md (chapter '{title}'), example {stem}"
    path = root / "src" / f"{stem}.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    names = exercises(root, stem)
    problems = []
    if stem not in NO_EXERCISES and not 1 <= len(names) <= 3:
        problems.append(f"{where}: has {len(names)} exercises, not 1 to 3")
    folded = "".join(DETAILS.findall(text))
    for name in names:
        starter, solution = (
            f"exercise_{name}.py",
            f"exercise_{name}_solution.py",
        )
        if not (root / "examples" / stem / solution).is_file():
            problems.append(f"{where}: exercise {name} has no {solution}")
        if f"{stem}/{starter}:task}}}}" not in text:
            problems.append(f"{where}: the page does not show {starter}:task")
        if f"{stem} {starter} -->" not in text:
            problems.append(f"{where}: the page does not run {starter}")
        for shown in (starter, solution):
            if f"{stem}/{shown}}}}}" not in folded:
                problems.append(
                    f"{where}: the page does not fold {shown} whole "
                    "in <details>"
                )
    return problems


# A chapter's last section: its quiz (mdbook-quiz), nothing after it.
NO_QUIZ = {"introduction"}
QUIZ_END = "## Quiz\n\n{{{{#quiz ../quizzes/{stem}.toml}}}}"
QUESTION = re.compile(r"^\[\[questions\]\]", re.M)
BACKED_BY = "# backed-by:"
BY_TEST = re.compile(r"(?P<file>\S+\.py)::(?P<name>\w+)")
BY_PHRASE = re.compile(r'(?P<file>src/\w+\.md) "(?P<phrase>.+)"')


def check_quizzes(root: Path, titles: dict[str, str]) -> list[str]:
    """Every chapter from Hello on ends with its quiz; every quiz file
    belongs to a chapter and passes check_quiz."""
    problems = []
    for stem, title in titles.items():
        path = root / "src" / f"{stem}.md"
        if stem in NO_QUIZ or not path.is_file():
            continue
        where = f"src/{stem}.md (chapter '{title}')"
        end = QUIZ_END.format(stem=stem)
        if not path.read_text(encoding="utf-8").rstrip().endswith(end):
            problems.append(
                f"{where}: does not end with its quiz: "
                + end.replace("\n\n", " + ")
            )
        if not (root / "quizzes" / f"{stem}.toml").is_file():
            problems.append(f"{where}: no quizzes/{stem}.toml")
    for quiz in sorted((root / "quizzes").glob("*.toml")):
        if quiz.stem in NO_QUIZ or quiz.stem not in titles:
            problems.append(
                f"quizzes/{quiz.name}: no chapter src/{quiz.stem}.md "
                "with a quiz in src/SUMMARY.md"
            )
        else:
            problems += check_quiz(root, quiz)
    return problems


def check_quiz(root: Path, quiz: Path) -> list[str]:
    """A quiz's questions: their fields, and what backs each answer."""
    where = f"quizzes/{quiz.name}"
    text = quiz.read_text(encoding="utf-8")
    try:
        questions = tomllib.loads(text).get("questions", [])
    except tomllib.TOMLDecodeError as error:
        return [f"{where}: not TOML: {error}"]
    problems = []
    if not 3 <= len(questions) <= 5:
        problems.append(f"{where}: has {len(questions)} questions, not 3 to 5")
    chapter = root / "src" / f"{quiz.stem}.md"
    prose = " ".join(chapter.read_text(encoding="utf-8").split())
    headers = list(QUESTION.finditer(text))
    if len(headers) != len(questions):
        problems.append(f"{where}: write each question as [[questions]]")
    for number, (question, header) in enumerate(
        zip(questions, headers, strict=False), start=1
    ):
        at = f"{where}: question {number}"
        if "id" not in question:
            problems.append(
                f"{at}: no id (mdbook build writes one in: commit it)"
            )
        if not question.get("context"):
            problems.append(f"{at}: no context explaining the answer")
        if question.get("type") == "MultipleChoice" and not question.get(
            "prompt", {}
        ).get("distractors"):
            problems.append(f"{at}: a MultipleChoice without distractors")
        above = text[: header.start()].rstrip("\n").split("\n")
        comments = []
        while above and above[-1].startswith("#"):
            comments.append(above.pop())
        backing = [
            line.removeprefix(BACKED_BY).strip()
            for line in comments
            if line.startswith(BACKED_BY)
        ]
        if not backing:
            problems.append(f"{at}: no '{BACKED_BY}' line above it")
        for by in backing:
            problems += [
                f"{at}: {BACKED_BY} {by}: {problem}"
                for problem in unbacked(root, chapter, prose, by)
            ]
    return problems


def unbacked(root: Path, chapter: Path, prose: str, by: str) -> list[str]:
    """Why a `# backed-by:` line does not back anything ([] if it does)."""
    if test := BY_TEST.fullmatch(by):
        path = root / test["file"]
        if not path.is_file():
            return [f"no file {test['file']}"]
        definition = re.compile(rf"^\s*def {test['name']}\(", re.M)
        if not definition.search(path.read_text(encoding="utf-8")):
            return [f"no function {test['name']} in {test['file']}"]
        return []
    if phrase := BY_PHRASE.fullmatch(by):
        if phrase["file"] != f"src/{chapter.name}":
            return [f"quotes {phrase['file']}, not the quiz's chapter"]
        words = phrase["phrase"].split()
        if not 4 <= len(words) <= 15:
            return [f"quotes {len(words)} words, not 4 to 15"]
        if " ".join(words) not in prose:
            return [f"the phrase is not in src/{chapter.name}"]
        return []
    return [
        "names neither a test (examples/.../test_x.py::test_name) "
        'nor a phrase of the chapter (src/x.md "words")'
    ]


def check_page(book: Path, root: Path, stem: str, title: str) -> list[str]:
    where = f"src/{stem}.md (chapter '{title}'), example {stem}"
    page = book / f"{stem}.html"
    if not page.is_file():
        return [f"{where}: the built book has no {stem}.html"]
    page_html = page.read_text(encoding="utf-8")
    problems = []
    for error in CMDRUN_ERROR.finditer(page_html):
        # What the runner said: the rest of the block, as plain text.
        said = html.unescape(re.sub(r"<[^>]+>", "", error["said"])).strip()
        said = "\n    ".join(said.splitlines())
        command = html.unescape(error["command"])
        problems.append(f"{where}: cmdrun error: {command}\n    {said}")
    for machine_path in {str(root), str(Path.home())}:
        if machine_path in page_html:
            problems.append(f"{where}: the page shows the path {machine_path}")
    return problems + [f"{where}: {p}" for p in chart_problems(page_html)]


CHART = re.compile(
    r'<figure class="ffi-chart" data-source="(?P<source>[^"]*)"'
    r' data-table="(?P<table>[^"]*)">(?P<svg>.*?)</figure>',
    re.S,
)
CHART_BAR = re.compile(
    r'<g class="bar" data-label="(?P<label>[^"]*)"'
    r' data-value="(?P<value>[^"]*)">(?:<rect [^>]*width="(?P<width>[^"]*)")?'
)
CONSOLE = re.compile(r'<code class="language-console[^"]*">(.*?)</code>', re.S)


def chart_problems(page_html: str) -> list[str]:
    """Each chart against the table in the last output block above it:
    the same rows, labels and values, in the same order, and each bar's
    length proportional to its value."""
    from chart import TableError, find_table, value_of

    problems = []
    for chart in CHART.finditer(page_html):
        name = f"the chart of {html.unescape(chart['table'])!r}"
        bars = [
            (html.unescape(bar["label"]), html.unescape(bar["value"]))
            for bar in CHART_BAR.finditer(chart["svg"])
        ]
        blocks = CONSOLE.findall(page_html[: chart.start()])
        text = html.unescape(
            re.sub(r"<[^>]+>", "", blocks[-1] if blocks else "")
        )
        try:
            rows = find_table(text, html.unescape(chart["table"]))["rows"]
        except TableError as error:
            problems.append(f"{name}: the output block above it has {error}")
            continue
        if bars != rows:
            wrong = [
                f"{bar} for {row}"
                for bar, row in zip(bars, rows, strict=False)
                if bar != row
            ] or [f"{len(bars)} bars for {len(rows)} rows"]
            problems.append(
                f"{name} differs from the table above it: {wrong[0]}"
            )
        drawn = [
            (float(bar["width"]), value)
            for bar in CHART_BAR.finditer(chart["svg"])
            if bar["width"]
            and (value := value_of(html.unescape(bar["value"]))) is not None
        ]
        if drawn:
            longest, largest = max(drawn, key=lambda pair: pair[1])
            scale = longest / largest if largest else 0.0
            # Widths are written to 0.1: each is off by 0.05 at most, and
            # so is the scale taken from the longest.
            if any(abs(w - v * scale) > 0.11 for w, v in drawn):
                problems.append(
                    f"{name}: bar lengths not proportional to the values"
                )
    return problems


def check_diagrams(root: Path, titles: dict[str, str]) -> list[str]:
    """Every diagram line names a .dot file of src/diagrams/ whose name
    starts with the chapter's stem, and draws it; every .dot file there
    is shown by exactly one line."""
    shown: dict[str, list[str]] = {}
    problems = []
    for stem, title in titles.items():
        path = root / "src" / f"{stem}.md"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        for command in CMDRUN.findall(text):
            if match := DIAGRAM.match(command.strip()):
                shown.setdefault(match["name"], []).append(stem)
                if not match["name"].startswith(f"{stem}-"):
                    problems.append(
                        f"src/{stem}.md (chapter '{title}'): diagram"
                        f" {match['name']} is not named {stem}-<what>"
                    )
    folder = root / "src" / "diagrams"
    files = (
        {p.stem for p in folder.glob("*.dot")} if folder.is_dir() else set()
    )
    for name in sorted(files - set(shown)):
        problems.append(f"src/diagrams/{name}.dot: no chapter shows it")
    for name, stems in sorted(shown.items()):
        if len(stems) > 1:
            problems.append(
                f"src/diagrams/{name}.dot: shown more than once, in"
                f" {', '.join(f'src/{s}.md' for s in stems)}"
            )
        try:
            diagram.render(name, folder)
        except diagram.DiagramError as error:
            problems.append(f"src/{stems[0]}.md: diagram {name}: {error}")
    return problems


def check(root: Path, book: Path) -> list[str]:
    titles = chapters(root)
    problems = check_pairs(root, titles)
    problems += check_diagrams(root, titles)
    problems += check_complete_files(root, titles)
    problems += check_quizzes(root, titles)
    for stem, title in titles.items():
        problems += check_source(root, stem, title)
        problems += check_exercises(root, stem, title)
        problems += check_page(book, root, stem, title)
    return problems


def main() -> int:
    book = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "book"
    problems = check(ROOT, book.resolve())
    for problem in problems:
        print(f"check_book: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_book: {len(chapters(ROOT))} chapters checked, no problem")
    return 0


if __name__ == "__main__":
    sys.exit(main())
