"""scripts/example.py: the one runner behind every output in the book."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd=ROOT, env=None, root=ROOT):
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "example.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


def test_prints_the_command_then_the_output():
    done = run("hello_add_two")
    assert done.returncode == 0
    assert (
        done.stdout == "$ python examples/hello_add_two/hello_add_two.py\n12\n"
    )


def test_works_from_any_working_directory(tmp_path):
    assert run("hello_add_two", cwd=tmp_path).stdout.endswith("\n12\n")


def test_works_under_sh_c_from_the_chapters_folder():
    # How mdbook-cmdrun calls it: `sh -c CMD` in src/.
    done = subprocess.run(
        ["sh", "-c", f"{sys.executable} ../scripts/example.py hello_add_two"],
        cwd=ROOT / "src",
        capture_output=True,
        text=True,
    )
    assert done.stdout.endswith("\n12\n")


def test_from_shows_the_cd_and_a_relative_script():
    done = run("--from", "examples/hello_add_two", "hello_add_two")
    assert done.stdout == (
        "$ cd examples/hello_add_two\n$ python hello_add_two.py\n12\n"
    )


def test_an_unexpected_exit_status_fails_naming_the_example():
    done = run("no_mangle")  # exits 1; the book passes --status 1
    assert done.returncode == 1
    assert done.stderr.startswith(
        "example no_mangle: examples/no_mangle/no_mangle.py ended with "
        "[python exited with status 1], the book expects"
        " [python exited with status 0]"
    )


def test_an_expected_failure_passes_and_shows_the_status():
    done = run("--status", "1", "no_mangle")
    assert done.returncode == 0
    assert done.stdout.endswith(
        "undefined symbol: add_three\n[python exited with status 1]\n"
    )


def test_a_signal_is_reported_as_a_shell_would():
    done = run("--status", "-11", "extern_c", "extern_c.py", "crash")
    assert done.returncode == 0
    assert done.stdout.endswith(
        "[python killed by SIGSEGV: a shell reports exit status 139]\n"
    )


def test_output_has_no_path_of_this_machine():
    done = run("--status", "1", "no_mangle")
    assert str(ROOT) not in done.stdout
    assert str(Path.home()) not in done.stdout
    assert "'target/debug/libno_mangle.so'" in done.stdout


def test_an_unknown_example_or_script_fails_clearly():
    done = run("no_such_example")
    assert done.returncode == 1
    assert "there is no folder examples/no_such_example/" in done.stderr
    done = run("hello_add_two", "no_such_script.py")
    assert "there is no script examples/hello_add_two/no_such_script.py" in (
        done.stderr
    )


def test_an_edited_crate_is_rebuilt_before_it_runs(repo_copy, copy_env):
    # The live lab: edit lib.rs, run again, see the new output.
    assert run("hello_add_two", env=copy_env, root=repo_copy).stdout.endswith(
        "\n12\n"
    )
    lib_rs = repo_copy / "examples" / "hello_add_two" / "src" / "lib.rs"
    lib_rs.write_text(
        lib_rs.read_text().replace("wrapping_add(2)", "wrapping_add(3)")
    )
    assert run("hello_add_two", env=copy_env, root=repo_copy).stdout.endswith(
        "\n13\n"
    )


def test_under_serve_only_changed_inputs_run_again(
    repo_copy, copy_env, tmp_path
):
    env = dict(copy_env, FFI_BOOK_CACHE="1")  # as scripts/serve sets it
    example = repo_copy / "examples" / "hello_add_two"
    runs = tmp_path / "runs.txt"
    (example / "count_runs.py").write_text(
        "import sys\n"
        "with open(sys.argv[1], 'a') as runs:\n"
        "    runs.write('ran\\n')\n"
        "print('ran')\n"
    )

    def count_runs() -> int:
        done = run(
            "hello_add_two",
            "count_runs.py",
            str(runs),
            env=env,
            root=repo_copy,
        )
        assert done.stdout.endswith("\nran\n"), done.stderr
        return runs.read_text().count("ran")

    assert count_runs() == 1
    assert count_runs() == 1  # nothing changed: the kept output
    lib_rs = example / "src" / "lib.rs"
    lib_rs.write_text(lib_rs.read_text() + "\n// an edit\n")
    assert count_runs() == 1  # the script does not use the crate
    script = example / "count_runs.py"
    script.write_text(script.read_text() + "# loads hello_add_two\n")
    assert count_runs() == 2  # the script changed
    lib_rs.write_text(lib_rs.read_text() + "\n// another edit\n")
    assert count_runs() == 3  # it names the crate now: it uses it
    assert count_runs() == 3
    del env["FFI_BOOK_CACHE"]  # scripts/test and CI: always run
    assert count_runs() == 4


def test_a_rust_panic_shows_the_same_text_on_every_run():
    args = ("--status", "-6", "--stderr", "scalars", "scalars.py", "panic")
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "thread '<unnamed>' (<id>) panicked at examples/scalars/" in (
        first.stdout
    )
    assert "0x" not in first.stdout  # no addresses
    assert "/rustc/" not in first.stdout
    assert "frames hidden]" in first.stdout


def test_tidy_hides_thread_ids_compiler_paths_and_backtraces():
    sys.path.insert(0, str(ROOT / "scripts"))
    from example import tidy

    raw = (
        "thread '<unnamed>' (4242) panicked at src/lib.rs:3:5:\n"
        "boom\n"
        "thread 'main' (17) panicked at /rustc/"
        + "0123456789abcdef"
        * 2
        + "01234567/library/core/src/panicking.rs:225:5:\n"
        "stack backtrace:\n"
        "   0:     0x7f00deadbeef - std::backtrace\n"
        "                               at /rustc/x/std/src/backtrace.rs:9\n"
        "   1:     0x7f00deadbef0 - core::panicking::panic\n"
        "thread caused non-unwinding panic. aborting.\n"
        f"File {ROOT}/examples/x.py\n"
    )
    assert tidy(raw) == (
        "thread '<unnamed>' (<id>) panicked at src/lib.rs:3:5:\n"
        "boom\n"
        "thread 'main' (<id>) panicked at "
        "<rust>/library/core/src/panicking.rs:225:5:\n"
        "stack backtrace:\n"
        "   [2 frames hidden]\n"
        "thread caused non-unwinding panic. aborting.\n"
        "File examples/x.py\n"
    )
    assert tidy("<function add at 0x7f3a2c1d0e50> and 0x10\n") == (
        "<function add at 0x…> and 0x10\n"
    )


def test_tidy_drops_cargos_wait_for_a_lock_held_by_another_build():
    sys.path.insert(0, str(ROOT / "scripts"))
    from example import tidy

    raw = (
        "$ cargo build\n"
        "    Blocking waiting for file lock on package cache\n"
        "    Blocking waiting for file lock on build directory\n"
        "🍹 Building a mixed python/rust project\n"
    )
    assert (
        tidy(raw) == "$ cargo build\n🍹 Building a mixed python/rust project\n"
    )
