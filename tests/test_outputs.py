"""scripts/outputs.py: every output the book shows is committed, and a
change to one fails until the copies are regenerated."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import outputs  # noqa: E402 (after the path)
from check_book import chapters, runner_commands  # noqa: E402


def test_every_page_has_its_committed_copy_in_page_order():
    expected: dict[str, list[str]] = {stem: [] for stem in chapters(ROOT)}
    for stem, args in runner_commands(ROOT):
        expected[stem].append(outputs.command_key(args))
    for stem, keys in expected.items():
        copy = outputs.read_copy(outputs.COMMITTED, stem)
        assert copy is not None, f"no outputs/{stem}.txt"
        assert [key for key, _ in copy] == keys, stem
    committed = {path.stem for path in outputs.COMMITTED.glob("*.txt")}
    assert committed == set(expected)


def test_a_copy_reads_back_as_written():
    blocks = [("demo", "$ python demo.py\n12"), ("demo x.py a", "a\n\nb")]
    text = outputs.copy_text("demo", blocks)
    assert outputs.parse_copy(text) == blocks


def test_only_what_varies_is_masked():
    key = "threads_and_gil threads_and_gil.py tally"
    text = (
        "4 threads x 1000000 increments, expected 4000000\n"
        "  atomic   4000000  exact\n"
        "  racy     1234567  lost 2765433\n"
    )
    assert outputs.masked(key, text) == (
        "4 threads x 1000000 increments, expected 4000000\n"
        "  atomic   4000000  exact\n"
        "  racy <varies>\n"
    )
    assert outputs.masked("hello_add_two", "12\n") == "12\n"


def run_outputs(root: Path, env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/outputs.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_changed_output_fails_naming_chapter_and_command(
    small_book, copy_env
):
    root = small_book("hello_add_two")
    only = ("--only", "hello_add_two")
    assert run_outputs(root, copy_env, "run", *only).returncode == 0
    done = run_outputs(root, copy_env, "check", *only)
    assert done.returncode == 0, done.stderr

    lib_rs = root / "examples" / "hello_add_two" / "src" / "lib.rs"
    lib_rs.write_text(
        lib_rs.read_text().replace("wrapping_add(2)", "wrapping_add(3)")
    )
    assert run_outputs(root, copy_env, "run", *only).returncode == 0
    done = run_outputs(root, copy_env, "check", *only)
    assert done.returncode == 1
    assert (
        "src/hello_add_two.md (chapter 'hello_add_two'): the output of "
        "`example.py hello_add_two` differs from outputs/hello_add_two.txt"
    ) in done.stderr
    assert "    -12\n    +13" in done.stderr
    assert "run scripts/update-outputs" in done.stderr

    assert run_outputs(root, copy_env, "update", *only).returncode == 0
    done = run_outputs(root, copy_env, "check", *only)
    assert done.returncode == 0, done.stderr


def test_an_output_that_changes_between_runs_fails(small_book, copy_env):
    root = small_book("hello_add_two")
    script = root / "examples" / "hello_add_two" / "hello_add_two.py"
    script.write_text(
        script.read_text().replace(
            "    print(lib.add_two(10))",
            "    print(lib.add_two(10), __import__('os').getpid())",
        )
    )
    only = ("--only", "hello_add_two")
    assert run_outputs(root, copy_env, "run", *only).returncode == 0
    done = run_outputs(root, copy_env, "stable", *only)
    assert done.returncode == 1
    assert (
        "src/hello_add_two.md (chapter 'hello_add_two'): the output of "
        "`example.py hello_add_two` differs from the first run"
    ) in done.stderr


def test_a_script_that_needs_the_root_as_its_folder_fails(
    small_book, copy_env
):
    root = small_book("hello_add_two")
    script = root / "examples" / "hello_add_two" / "hello_add_two.py"
    script.write_text(
        script.read_text().replace(
            "    print(lib.add_two(10))",
            "    print(lib.add_two(10), open('Cargo.toml').readline())",
        )
    )
    only = ("--only", "hello_add_two")
    run_outputs(root, copy_env, "run", *only)
    done = run_outputs(root, copy_env, "stable", *only)
    assert done.returncode == 1
    assert "a second run, from another folder" in done.stderr


def test_one_chapter_mode_shows_the_other_pages_committed_outputs(
    copy_env, repo_copy
):
    script = repo_copy / "examples" / "no_mangle" / "no_mangle.py"
    script.write_text("print('ran')\n")  # it must not run
    env = dict(copy_env, FFI_BOOK_ONLY="hello_add_two")
    args = ["--status", "1", "no_mangle"]
    done = subprocess.run(
        [sys.executable, "scripts/example.py", *args],
        cwd=repo_copy,
        env=env,
        capture_output=True,
        text=True,
    )
    [committed] = [
        text
        for key, text in outputs.read_copy(outputs.COMMITTED, "no_mangle")
        if key == " ".join(args)
    ]
    assert done.stdout == committed + "\n"
    del env["FFI_BOOK_ONLY"]
    done = subprocess.run(
        [sys.executable, "scripts/example.py", "no_mangle"],
        cwd=repo_copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.stdout.endswith("\nran\n")


def test_copies_made_on_another_machine_are_not_compared_and_say_so(
    small_book, copy_env
):
    root = small_book("hello_add_two")
    copy = root / "outputs" / "hello_add_two.txt"
    text = copy.read_text()
    here = outputs.environment()
    assert f"{outputs.MADE_ON}{here}\n" in text  # made here, as CI's are
    copy.write_text(
        text.replace(
            here, "Darwin arm64, no glibc, Python 3.14.0, rustc 2"
        ).replace("\n12\n", "\n99\n")
    )
    only = ("--only", "hello_add_two")
    assert run_outputs(root, copy_env, "run", *only).returncode == 0
    done = run_outputs(root, copy_env, "check", *only)
    assert done.returncode == 0
    assert "outputs: NOT COMPARED: outputs/ was made on Darwin arm64" in (
        done.stdout
    )
