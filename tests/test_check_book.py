"""scripts/check_book.py fails on each kind of problem, naming the chapter.

Most tests build a tiny book tree in a temporary folder. Two break
examples of a copy of this repository reduced to a few chapters, build
that copy's book with the pinned mdBook and the real runner, and check
that the book check names each chapter.
"""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import check_book  # noqa: E402 (after the path)

RUN = "--strict python ../scripts/example.py"


def make_book(tmp_path: Path, chapter_text: str, stem="demo") -> Path:
    """A book with one chapter, src/demo.md, and its example."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "SUMMARY.md").write_text(
        f"# Summary\n\n- [Demo]({stem}.md)\n"
    )
    (tmp_path / "src" / f"{stem}.md").write_text(chapter_text)
    example = tmp_path / "examples" / "demo"
    (example / "src").mkdir(parents=True)
    (example / "Cargo.toml").write_text("[package]\n")
    (example / "src" / "lib.rs").write_text(
        "// ANCHOR: f\npub fn f() {}\n// ANCHOR_END: f\n"
    )
    (example / "demo.py").write_text("print(1)\n")
    (example / "exercise_fix.py").write_text("# ANCHOR: task\n")
    (example / "exercise_fix_solution.py").write_text("# ANCHOR: solution\n")
    (example / "test_demo.py").write_text("def test_f():\n    pass\n")
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / f"{stem}.toml").write_text(QUIZ)
    return tmp_path


def build_page(root: Path, stem: str, html: str) -> Path:
    book = root / "book"
    book.mkdir(exist_ok=True)
    (book / f"{stem}.html").write_text(html)
    return book


def problems(root: Path, html="<p>fine</p>") -> list[str]:
    return check_book.check(root, build_page(root, "demo", html))


def whole(path: str, lang: str) -> str:
    """A file included whole, folded under a <summary> naming it."""
    return (
        f"<details>\n<summary>{path}</summary>\n\n"
        f"```{lang}\n{{{{#include ../{path}}}}}\n```\n\n</details>\n"
    )


GOOD = f"""# Demo

The function `f` returns nothing at all.

`examples/demo/src/lib.rs`:

```rust
{{{{#include ../examples/demo/src/lib.rs:f}}}}
```

```console
<!-- cmdrun {RUN} demo -->
```

## The complete files

```sh
cargo build -p demo
python examples/demo/demo.py
```

{whole("examples/demo/Cargo.toml", "toml")}
{whole("examples/demo/src/lib.rs", "rust")}
{whole("examples/demo/demo.py", "python")}
## Exercises

Fix `examples/demo/exercise_fix.py`:

```python
{{{{#include ../examples/demo/exercise_fix.py:task}}}}
```

{whole("examples/demo/exercise_fix.py", "python")}
```console
<!-- cmdrun {RUN} demo exercise_fix.py -->
```

<details>
<summary>A solution</summary>

`exercise_fix_solution.py`:

```python
{{{{#include ../examples/demo/exercise_fix_solution.py}}}}
```

</details>

## Quiz

{{{{#quiz ../quizzes/demo.toml}}}}
"""

# Three questions, each backed by a test or by a phrase of the chapter.
QUESTION = """
# backed-by: {by}
[[questions]]
id = "{id}"
type = "MultipleChoice"
prompt.prompt = "What does `f` return?"
prompt.distractors = ["An int"]
answer.answer = "Nothing"
context = "It has no return type."
"""
BY_TEST = "examples/demo/test_demo.py::test_f"
BY_PHRASE = 'src/demo.md "returns nothing at all."'
QUIZ = "".join(
    QUESTION.format(by=by, id=number)
    for number, by in enumerate([BY_TEST, BY_PHRASE, BY_TEST])
)


def test_a_good_chapter_passes(tmp_path):
    assert problems(make_book(tmp_path, GOOD)) == []


@pytest.mark.parametrize(
    "html",
    [
        "<p><strong>cmdrun error</strong>: 'python x' returned 1</p>",
        "<pre><code>**cmdrun error**: 'python x' returned 1\n\n"
        "example demo: cargo build failed:\nerror: oops\n</code></pre>",
    ],
)
def test_a_cmdrun_error_on_the_page_names_chapter_and_example(tmp_path, html):
    found = problems(make_book(tmp_path, GOOD), html)
    assert len(found) == 1
    assert found[0].startswith(
        "src/demo.md (chapter 'Demo'), example demo: cmdrun error: "
        "'python x' returned 1"
    )


def test_the_reason_of_a_cmdrun_error_is_reported(tmp_path):
    html = (
        "<pre><code>**cmdrun error**: 'python x' returned 1\n\n"
        "example demo: cargo build failed:\nerror: oops &amp; more\n"
        "</code></pre><p>after</p>"
    )
    [found] = problems(make_book(tmp_path, GOOD), html)
    assert "error: oops & more" in found
    assert "after" not in found


def test_a_cmdrun_line_without_exit_code_flag_fails(tmp_path):
    root = make_book(
        tmp_path, GOOD.replace(RUN, "python ../scripts/example.py")
    )
    assert any("does not call" in p for p in problems(root))


def test_a_cmdrun_line_that_bypasses_the_runner_fails(tmp_path):
    root = make_book(tmp_path, GOOD.replace(f"{RUN} demo", "--strict echo 12"))
    assert any("does not call" in p for p in problems(root))


def test_a_cmdrun_line_with_options_is_accepted(tmp_path):
    text = GOOD.replace(
        f"{RUN} demo",
        f"{RUN} --stderr --status -11 --from examples demo demo.py crash",
        1,
    )
    assert problems(make_book(tmp_path, text)) == []


def test_a_chart_and_an_html_line_are_accepted_and_need_their_commands(
    tmp_path,
):
    """--chart draws the output of the same command: nothing more to
    type; --html runs a script whose command must be typed."""
    lines = (
        f"<!-- cmdrun {RUN} --chart ns/call demo -->\n\n"
        f"<!-- cmdrun {RUN} --html demo picture.py -->\n\n"
        "## The complete files"
    )
    text = GOOD.replace("## The complete files", lines)
    root = make_book(tmp_path, text)
    (root / "examples" / "demo" / "picture.py").write_text("print(2)\n")
    found = problems(root)
    assert not any("does not call" in p for p in found), found
    assert any(
        "does not show the command 'python examples/demo/picture.py'" in p
        for p in found
    ), found
    assert not any("'python examples/demo/demo.py'" in p for p in found)


def test_running_another_chapters_example_fails(tmp_path):
    root = make_book(tmp_path, GOOD.replace(f"{RUN} demo", f"{RUN} other"))
    assert any("not the chapter's own" in p for p in problems(root))


def test_a_chapter_without_a_cmdrun_line_fails(tmp_path):
    root = make_book(tmp_path, GOOD.split("```console")[0])
    assert any("no cmdrun line" in p for p in problems(root))


DIAGRAM = "<!-- cmdrun --strict python ../scripts/diagram.py {} -->"
DOT = 'digraph "Demo" { a -> b [class="free"]; }\n'


def with_diagram(tmp_path, name="demo-ownership", dot_name=None) -> Path:
    """The good chapter showing diagram `name`, and src/diagrams/ holding
    `dot_name`.dot (default: the same name)."""
    text = GOOD.replace(
        "## The complete", f"{DIAGRAM.format(name)}\n\n## The complete"
    )
    root = make_book(tmp_path, text)
    (root / "src" / "diagrams").mkdir()
    (root / "src" / "diagrams" / f"{dot_name or name}.dot").write_text(DOT)
    return root


def test_a_chapter_with_its_diagram_passes(tmp_path):
    assert problems(with_diagram(tmp_path)) == []


def test_a_dot_file_no_chapter_shows_fails(tmp_path):
    root = with_diagram(tmp_path)
    (root / "src" / "diagrams" / "demo-unused.dot").write_text(DOT)
    assert problems(root) == [
        "src/diagrams/demo-unused.dot: no chapter shows it"
    ]


def test_a_diagram_line_without_its_dot_file_fails(tmp_path):
    root = with_diagram(tmp_path, dot_name="demo-other")
    found = problems(root)
    assert "src/diagrams/demo-other.dot: no chapter shows it" in found
    assert (
        "src/demo.md: diagram demo-ownership: there is no"
        " src/diagrams/demo-ownership.dot" in found
    )


def test_another_chapters_diagram_fails(tmp_path):
    found = problems(with_diagram(tmp_path, name="other-ownership"))
    assert found == [
        "src/demo.md (chapter 'Demo'): diagram other-ownership is not"
        " named demo-<what>"
    ]


def test_a_diagram_that_does_not_draw_fails(tmp_path):
    root = with_diagram(tmp_path)
    (root / "src" / "diagrams" / "demo-ownership.dot").write_text(
        'digraph { a [color="red"]; }\n'
    )
    [found] = problems(root)
    assert found.startswith("src/demo.md: diagram demo-ownership: ")
    assert "fill 'red'" in found or "stroke 'red'" in found


def test_an_exercise_without_solution_or_not_shown_fails(tmp_path):
    root = make_book(tmp_path, GOOD.split("## Exercises")[0])
    (root / "examples" / "demo" / "exercise_fix_solution.py").unlink()
    found = problems(root)
    assert any(
        "exercise fix has no exercise_fix_solution.py" in p for p in found
    )
    assert any("does not show exercise_fix.py:task" in p for p in found)
    assert any("does not run exercise_fix.py" in p for p in found)
    assert any(
        "does not fold exercise_fix_solution.py whole" in p for p in found
    )
    assert any("does not fold exercise_fix.py whole" in p for p in found)


def test_an_exercise_shown_only_in_excerpts_fails(tmp_path):
    """The task and the solution's excerpt leave out where `lib` and the
    checker come from: the starter and the solution must be shown whole."""
    text = GOOD.replace(
        whole("examples/demo/exercise_fix.py", "python"), ""
    ).replace(
        "exercise_fix_solution.py}}", "exercise_fix_solution.py:solution}}"
    )
    found = problems(make_book(tmp_path, text))
    assert found == [
        "src/demo.md (chapter 'Demo'), example demo: the page does not "
        f"fold {name} whole in <details>"
        for name in ("exercise_fix.py", "exercise_fix_solution.py")
    ]


def test_an_exercise_shown_whole_but_not_folded_fails(tmp_path):
    text = GOOD.replace(
        whole("examples/demo/exercise_fix.py", "python"),
        "`examples/demo/exercise_fix.py`:\n\n"
        "```python\n{{#include ../examples/demo/exercise_fix.py}}\n```\n",
    )
    found = problems(make_book(tmp_path, text))
    assert any("does not fold exercise_fix.py whole" in p for p in found)


def test_decoys_are_not_exercises(tmp_path):
    root = make_book(tmp_path, GOOD)
    for what in ("hard_coded", "pure_python", "off_by_one"):
        decoy = root / "examples" / "demo" / f"exercise_fix_decoy_{what}.py"
        decoy.write_text('"""Wrong."""\n')
    assert check_book.exercises(root, "demo") == ["fix"]
    assert problems(root) == []


def test_a_chapter_without_exercises_fails(tmp_path):
    root = make_book(tmp_path, GOOD.split("## Exercises")[0])
    for path in (root / "examples" / "demo").glob("exercise_*"):
        path.unlink()
    assert any("has 0 exercises, not 1 to 3" in p for p in problems(root))


def test_a_pasted_listing_fails(tmp_path):
    root = make_book(tmp_path, GOOD + "\n```rust\npub fn g() {}\n```\n")
    assert any("is pasted" in p for p in problems(root))


def test_a_pasted_output_fails(tmp_path):
    root = make_book(tmp_path, GOOD + "\n```console\n$ python x.py\n12\n```\n")
    assert any("is pasted" in p for p in problems(root))


def test_a_listing_without_its_file_name_above_fails(tmp_path):
    root = make_book(tmp_path, GOOD.replace("`examples/demo/src/lib.rs`:", ""))
    assert problems(root) == [
        "src/demo.md (chapter 'Demo'), example demo: the listing of "
        "examples/demo/src/lib.rs has no line naming its file above it"
    ]


def test_a_summary_names_its_file_only_if_it_is_the_path(tmp_path):
    text = GOOD.replace(
        "<summary>examples/demo/demo.py</summary>",
        "<summary>examples/demo/demo.py, whole</summary>",
    )
    assert problems(make_book(tmp_path, text)) == [
        "src/demo.md (chapter 'Demo'), example demo: the listing of "
        "examples/demo/demo.py has no line naming its file above it"
    ]


def test_a_file_name_in_an_earlier_paragraph_does_not_count(tmp_path):
    text = GOOD.replace(
        "`examples/demo/src/lib.rs`:\n\n",
        "`examples/demo/src/lib.rs`:\n\nThen some other prose.\n\n",
    )
    assert any(
        "examples/demo/src/lib.rs has no line naming" in p
        for p in problems(make_book(tmp_path, text))
    )


def test_every_chapter_of_the_book_names_its_listings():
    for stem in check_book.chapters(ROOT):
        text = (ROOT / "src" / f"{stem}.md").read_text(encoding="utf-8")
        assert check_book.unnamed_listings(text) == [], stem


def test_an_include_without_anchor_of_a_file_with_anchors_fails(tmp_path):
    root = make_book(tmp_path, GOOD.replace("lib.rs:f", "lib.rs"))
    assert any("has no :ANCHOR" in p for p in problems(root))


def test_a_whole_file_with_anchors_is_allowed_only_in_details(tmp_path):
    # GOOD includes lib.rs, which has anchors, whole inside <details>.
    folded = whole("examples/demo/src/lib.rs", "rust")
    assert folded in GOOD
    root = make_book(tmp_path, GOOD)
    assert problems(root) == []
    unfolded = GOOD.replace(
        folded,
        "`examples/demo/src/lib.rs`, whole:\n\n"
        "```rust\n{{#include ../examples/demo/src/lib.rs}}\n```\n",
    )
    (root / "src" / "demo.md").write_text(unfolded)
    assert problems(root) == [
        "src/demo.md (chapter 'Demo'), example demo: include of "
        "../examples/demo/src/lib.rs has no :ANCHOR (a whole file with "
        "anchors goes in <details>)"
    ]


def test_every_file_of_the_example_must_be_shown_whole(tmp_path):
    text = GOOD.replace(whole("examples/demo/demo.py", "python"), "")
    root = make_book(tmp_path, text)
    example = root / "examples" / "demo"
    (example / "helper.py").write_text("X = 1\n")
    (example / "test_demo.py").write_text("def test_f():\n    pass\n")
    found = problems(root)
    where = "src/demo.md (chapter 'Demo'), example demo"
    assert f"{where}: examples/demo/demo.py is not shown whole" in found
    assert f"{where}: examples/demo/helper.py is not shown whole" in found
    assert not any("test_demo.py" in p or "exercise_" in p for p in found)


def test_a_path_dependency_and_the_shared_files_must_be_shown(tmp_path):
    root = make_book(tmp_path, GOOD)
    (root / "examples" / "demo" / "Cargo.toml").write_text(
        '[dependencies]\ndep = { path = "../../crates/dep" }\n'
    )
    (root / "crates" / "dep" / "src").mkdir(parents=True)
    (root / "crates" / "dep" / "src" / "lib.rs").write_text("")
    (root / "Cargo.toml").write_text("[workspace]\n")
    found = problems(root)
    assert any(
        p.endswith("crates/dep/src/lib.rs is not shown whole") for p in found
    )
    assert "no chapter includes Cargo.toml whole" in found
    shown = GOOD.replace(
        "## Exercises",
        whole("crates/dep/src/lib.rs", "rust")
        + "\n"
        + whole("Cargo.toml", "toml")
        + "\n## Exercises",
    )
    (root / "src" / "demo.md").write_text(shown)
    assert problems(root) == []


def test_a_file_of_scripts_that_the_example_names_must_be_shown(tmp_path):
    root = make_book(tmp_path, GOOD)
    (root / "scripts").mkdir()
    (root / "scripts" / "tool.supp").write_text("{}\n")
    (root / "scripts" / "setup").write_text("")
    (root / "examples" / "demo" / "demo.py").write_text(
        'SUPP = ROOT / "scripts" / "tool.supp"\n'
        'print("run scripts/setup first")  # a mention, not a file used\n'
    )
    where = "src/demo.md (chapter 'Demo'), example demo"
    assert problems(root) == [f"{where}: scripts/tool.supp is not shown whole"]
    shown = GOOD.replace(
        "## Exercises", whole("scripts/tool.supp", "text") + "\n## Exercises"
    )
    (root / "src" / "demo.md").write_text(shown)
    assert problems(root) == []


def test_the_commands_to_run_by_hand_must_be_typed(tmp_path):
    without = GOOD.replace("python examples/demo/demo.py\n", "")
    found = problems(make_book(tmp_path, without))
    assert any(
        "does not show the command 'python examples/demo/demo.py'" in p
        for p in found
    )
    no_section = GOOD.replace("## The complete files", "## Files")
    (tmp_path / "src" / "demo.md").write_text(no_section)
    found = problems(tmp_path)
    assert any("no section '## The complete files'" in p for p in found)


def test_an_include_of_a_missing_anchor_fails(tmp_path):
    root = make_book(tmp_path, GOOD.replace("lib.rs:f", "lib.rs:g"))
    assert any("has no ANCHOR: g" in p for p in problems(root))


def test_a_chapter_without_example_fails(tmp_path):
    root = make_book(tmp_path, GOOD)
    shutil.rmtree(root / "examples" / "demo")
    (root / "examples" / "other").mkdir()
    found = problems(root)
    assert any("example demo: no Cargo.toml" in p for p in found)
    assert any("examples/other/: no chapter" in p for p in found)


def test_an_example_without_chapter_fails(tmp_path):
    root = make_book(tmp_path, GOOD)
    (root / "examples" / "orphan").mkdir()
    assert any(
        "examples/orphan/: no chapter src/orphan.md" in p
        for p in problems(root)
    )


def test_a_machine_path_on_a_page_fails(tmp_path):
    root = make_book(tmp_path, GOOD)
    found = problems(root, f"<p>{root}/target/debug/libdemo.so</p>")
    assert any("shows the path" in p for p in found)


def test_breaking_crates_fails_the_book_check_naming_each(
    small_book, build_and_check
):
    stems = ["hello_add_two", "extern_c"]
    root = small_book(*stems)
    for stem in stems:
        lib_rs = root / "examples" / stem / "src" / "lib.rs"
        lib_rs.write_text(
            lib_rs.read_text() + '\ncompile_error!("broken on purpose");\n'
        )
    check = build_and_check("check_book.py", "book")
    assert check.returncode == 1
    for stem in stems:
        title = stem  # small_book titles each chapter by its stem
        assert f"src/{stem}.md (chapter '{title}'), example {stem}:" in (
            check.stderr
        )
    assert 'compile_error!("broken on purpose")' in check.stderr


def test_breaking_a_script_fails_the_book_check_naming_it(
    small_book, build_and_check
):
    root = small_book("hello_add_two")
    script = root / "examples" / "hello_add_two" / "hello_add_two.py"
    script.write_text(script.read_text().replace("add_two(10)", "add_2(10)"))
    check = build_and_check("check_book.py", "book")
    assert check.returncode == 1
    assert (
        "src/hello_add_two.md (chapter 'hello_add_two'), example "
        "hello_add_two: cmdrun error"
    ) in check.stderr
    assert (
        "ended with [python exited with status 1], the book expects"
        in check.stderr
    )
    assert "AttributeError" in check.stderr


def test_a_stem_that_shadows_a_standard_module_fails(tmp_path):
    root = make_book(tmp_path, GOOD, stem="numbers")
    assert any(
        "numbers is a standard library module" in p
        for p in check_book.check_pairs(root, check_book.chapters(root))
    )


def test_a_chapter_must_end_with_its_quiz(tmp_path):
    text = GOOD.replace("## Quiz", "## Questions")
    assert problems(make_book(tmp_path, text)) == [
        "src/demo.md (chapter 'Demo'): does not end with its quiz: "
        "## Quiz + {{#quiz ../quizzes/demo.toml}}"
    ]


def test_a_quiz_without_its_chapter_fails(tmp_path):
    root = make_book(tmp_path, GOOD)
    (root / "quizzes" / "gone.toml").write_text(QUIZ)
    assert problems(root) == [
        "quizzes/gone.toml: no chapter src/gone.md with a quiz in "
        "src/SUMMARY.md"
    ]


def quiz_problems(tmp_path, quiz: str) -> list[str]:
    root = make_book(tmp_path, GOOD)
    (root / "quizzes" / "demo.toml").write_text(quiz)
    return problems(root)


def test_a_question_without_backing_fails(tmp_path):
    quiz = QUIZ.replace(f"# backed-by: {BY_PHRASE}\n", "# a comment\n")
    assert quiz_problems(tmp_path, quiz) == [
        "quizzes/demo.toml: question 2: no '# backed-by:' line above it"
    ]


def test_a_phrase_not_in_the_chapter_fails(tmp_path):
    quiz = QUIZ.replace(
        "returns nothing at all", "returns nothing at any time"
    )
    assert quiz_problems(tmp_path, quiz) == [
        "quizzes/demo.toml: question 2: # backed-by: "
        'src/demo.md "returns nothing at any time.": '
        "the phrase is not in src/demo.md"
    ]


def test_a_phrase_is_compared_with_whitespace_collapsed(tmp_path):
    quiz = QUIZ.replace("returns nothing at all", "returns  nothing\tat all")
    assert quiz_problems(tmp_path, quiz) == []


def test_a_phrase_of_another_chapter_or_too_short_fails(tmp_path):
    other = QUIZ.replace('src/demo.md "', 'src/other.md "')
    short = QUIZ.replace('"returns nothing at all."', '"returns nothing"')
    assert quiz_problems(tmp_path, other) == [
        "quizzes/demo.toml: question 2: # backed-by: "
        'src/other.md "returns nothing at all.": quotes src/other.md, '
        "not the quiz's chapter"
    ]
    (tmp_path / "2").mkdir()
    assert quiz_problems(tmp_path / "2", short)[0].endswith(
        "quotes 2 words, not 4 to 15"
    )


def test_a_test_that_does_not_exist_fails(tmp_path):
    quiz = QUIZ.replace("::test_f", "::test_gone", 1).replace(
        "test_demo.py::test_f", "test_none.py::test_f"
    )
    assert quiz_problems(tmp_path, quiz) == [
        "quizzes/demo.toml: question 1: # backed-by: "
        "examples/demo/test_demo.py::test_gone: no function test_gone in "
        "examples/demo/test_demo.py",
        "quizzes/demo.toml: question 3: # backed-by: "
        "examples/demo/test_none.py::test_f: no file "
        "examples/demo/test_none.py",
    ]


def test_a_question_without_id_context_or_distractors_fails(tmp_path):
    quiz = (
        QUIZ.replace('id = "0"\n', "")
        .replace('context = "It has no return type."\n', "", 2)
        .replace('["An int"]', "[]")
    )
    found = quiz_problems(tmp_path, quiz)
    assert (
        "quizzes/demo.toml: question 1: no id "
        "(mdbook build writes one in: commit it)"
    ) in found
    assert (
        "quizzes/demo.toml: question 2: no context explaining the answer"
        in found
    )
    assert (
        "quizzes/demo.toml: question 3: a MultipleChoice without distractors"
        in found
    )


def test_a_quiz_of_two_questions_fails(tmp_path):
    quiz = QUIZ.rpartition("\n# backed-by:")[0] + "\n"
    assert quiz_problems(tmp_path, quiz) == [
        "quizzes/demo.toml: has 2 questions, not 3 to 5"
    ]
