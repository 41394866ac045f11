"""Every quiz file matches mdbook-quiz 0.4's schema.

tests/mdbook_quiz_schema_0.4.0.json is the JSON schema that the crate
mdbook-quiz-schema 0.4.0 (the quiz format of mdbook-quiz 0.4.0) generates
from its Rust types, unedited: in that crate's source,
`cargo run --features json-schema --bin gen-json-schema`. The build checks
the quizzes too (mdbook-quiz's validator stops it on an invalid one, see
the last test); this test names the problem without building.
"""

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(
    (Path(__file__).parent / "mdbook_quiz_schema_0.4.0.json").read_text()
)
QUIZZES = sorted((ROOT / "quizzes").glob("*.toml"))


def schema_errors(text: str) -> list[str]:
    quiz = tomllib.loads(text)
    return [
        error.message for error in Draft7Validator(SCHEMA).iter_errors(quiz)
    ]


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda path: path.stem)
def test_the_quiz_matches_the_schema(quiz):
    assert schema_errors(quiz.read_text(encoding="utf-8")) == []


GOOD = """
[[questions]]
id = "q1"
type = "MultipleChoice"
prompt.prompt = "Who frees it?"
prompt.distractors = ["Python", "Nobody"]
answer.answer = "Rust"
context = "Rust allocated it."

[[questions]]
id = "q2"
type = "ShortAnswer"
prompt.prompt = "Which crate type?"
answer.answer = "cdylib"
answer.alternatives = ["`cdylib`"]
"""


def test_a_good_quiz_passes():
    assert schema_errors(GOOD) == []


@pytest.mark.parametrize(
    ("broken", "old", "new"),
    [
        ("no answer", 'answer.answer = "Rust"\n', ""),
        ("unknown type", '"ShortAnswer"', '"FillInTheBlank"'),
        ("no distractors", 'prompt.distractors = ["Python", "Nobody"]\n', ""),
        ("answer not a string", 'answer = "cdylib"', "answer = 3"),
    ],
)
def test_a_broken_quiz_fails(broken, old, new):
    assert old in GOOD
    assert schema_errors(GOOD.replace(old, new)) != [], broken


def test_the_build_stops_on_an_invalid_quiz(small_book, copy_env):
    """mdbook-quiz's own validator, as `mdbook build` runs it."""
    root = small_book("hello_add_two")
    quiz = root / "quizzes" / "hello_add_two.toml"
    quiz.write_text(GOOD.replace('"ShortAnswer"', '"FillInTheBlank"'))
    done = subprocess.run(
        ["mdbook", "build", "--dest-dir", str(root / "target" / "quizbook")],
        cwd=root,
        # Every page from its committed outputs: no example runs.
        env=dict(copy_env, FFI_BOOK_ONLY="(no chapter)"),
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "Quiz failed to validate" in done.stderr
    assert "hello_add_two.toml" in done.stderr
