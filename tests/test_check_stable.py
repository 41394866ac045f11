"""scripts/check_stable.py: a second build must give the same pages."""


def test_a_stable_book_passes(build_and_check):
    done = build_and_check("check_stable.py")
    assert done.returncode == 0, done.stderr


def test_an_output_that_changes_fails_naming_its_page(
    repo_copy, build_and_check
):
    script = repo_copy / "examples" / "hello_add_two" / "hello_add_two.py"
    unstable = script.read_text().replace(
        "    print(lib.add_two(10))",
        "    print(lib.add_two(10), __import__('os').getpid())  # unstable",
    )
    script.write_text(unstable)
    done = build_and_check("check_stable.py")
    assert done.returncode == 1
    assert "hello_add_two.html differs between two builds" in done.stderr
    assert "no_mangle.html" not in done.stderr
