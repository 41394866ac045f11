"""What the "Callbacks" chapter says, asserted."""

import gc
import os
import platform
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

import callbacks
from callbacks import GO_ON, STOP, Tokenizer, ffi, for_each_word, lib
from ffi_book import outcome

HERE = Path(__file__).resolve().parent


def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run callbacks.py in a child process, finding ffi_book from anywhere."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    return subprocess.run(
        [sys.executable, str(HERE / "callbacks.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def no_leak():
    """Fail the test if Rust's live allocations do not return to start."""
    gc.collect()
    start = lib.live_allocations()
    yield start
    gc.collect()
    assert lib.live_allocations() == start


# Rust calls a Python function: values


def test_callbacks_visits_every_word_in_order():
    words = []
    assert for_each_word("  to be\tor\nnot  ", words.append) == 4
    assert words == ["to", "be", "or", "not"]


def test_callbacks_words_arrive_as_str_copies():
    words = []
    for_each_word("Zoë café 東京", words.append)
    assert words == ["Zoë", "café", "東京"]
    assert all(type(word) is str for word in words)


def test_callbacks_a_true_result_stops_rust():
    words = []

    def visit(word: str) -> bool:
        words.append(word)
        return word == "b"

    assert for_each_word("a b c d", visit) == 2
    assert words == ["a", "b"]


def test_callbacks_no_words_no_calls():
    calls = []
    assert for_each_word("", calls.append) == 0
    assert for_each_word(" \n\t ", calls.append) == 0
    assert calls == []


def test_callbacks_raw_callback_gets_bytes_and_its_result_counts(capsys):
    text = b"to be or not to be"
    assert (
        lib.for_each_word(text, len(text), callbacks.print_word, ffi.NULL) == 3
    )
    assert capsys.readouterr().out.splitlines() == [
        "  Python got b'to'",
        "  Python got b'be'",
        "  Python got b'or'",
    ]


def test_callbacks_a_null_callback_only_counts():
    text = b"to be or not to be"
    assert lib.for_each_word(text, len(text), ffi.NULL, ffi.NULL) == 6


def test_callbacks_bad_text_is_a_status_and_no_call_is_made():
    calls = []

    @ffi.callback("OnWord")
    def record(word, length, user_data):
        calls.append(ffi.unpack(word, length))
        return GO_ON

    assert lib.for_each_word(ffi.NULL, 3, record, ffi.NULL) == lib.WORDS_NULL
    bad = b"ok \xff"
    assert lib.for_each_word(bad, len(bad), record, ffi.NULL) == (
        lib.WORDS_NOT_UTF8
    )
    assert calls == []


def test_callbacks_the_wrapper_turns_statuses_into_errors():
    call = callbacks._Call(print)
    assert callbacks._result(3, call) == 3
    with pytest.raises(ValueError, match="NULL"):
        callbacks._result(lib.WORDS_NULL, call)
    with pytest.raises(ValueError, match="UTF-8"):
        callbacks._result(lib.WORDS_NOT_UTF8, call)


def test_callbacks_the_visitor_must_be_callable():
    with pytest.raises(TypeError, match="not callable"):
        for_each_word("a", None)
    with pytest.raises(TypeError, match="not callable"):
        Tokenizer("print")


def test_callbacks_text_must_be_str():
    with pytest.raises(TypeError, match="expected str, got bytes"):
        for_each_word(b"a b", print)
    with pytest.raises(TypeError, match="expected str, got bytes"):
        Tokenizer(print).run(b"a b")
    with pytest.raises(UnicodeEncodeError):
        for_each_word("\ud800", print)


# Handles


def test_callbacks_a_handle_round_trips_to_the_same_object():
    marker = object()
    handle = ffi.new_handle(marker)
    assert ffi.typeof(handle) is ffi.typeof("void *")
    assert ffi.from_handle(handle) is marker
    # The void * value is what Rust passes back: a cast copy works too.
    assert ffi.from_handle(ffi.cast("void *", handle)) is marker


def test_callbacks_two_handles_for_one_object_differ():
    marker = object()
    first, second = ffi.new_handle(marker), ffi.new_handle(marker)
    assert first != second
    assert ffi.from_handle(first) is ffi.from_handle(second) is marker


def test_callbacks_rust_passes_user_data_back_untouched():
    seen = []

    @ffi.callback("OnWord")
    def remember(word, length, user_data):
        seen.append(ffi.from_handle(user_data))
        return GO_ON

    state = {"name": "state"}
    handle = ffi.new_handle(state)
    text = b"a b c"
    assert lib.for_each_word(text, len(text), remember, handle) == 3
    assert seen == [state] * 3
    assert all(item is state for item in seen)


def test_callbacks_nested_calls_keep_their_own_state():
    outer = []

    def visit(word: str) -> None:
        inner = []
        for_each_word(" ".join(word), inner.append)  # Rust inside Rust
        outer.append(inner)

    assert for_each_word("ab cde", visit) == 2
    assert outer == [["a", "b"], ["c", "d", "e"]]


# Exceptions in a callback


@pytest.fixture
def python_prints_unraisable(monkeypatch):
    """Python's own hook, which prints; pytest's would collect instead."""
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)


def test_callbacks_default_prints_and_returns_zero(
    capsys, python_prints_unraisable
):
    text = b"1 2 three 4"
    numbers = []
    handle = ffi.new_handle(numbers)
    visited = lib.for_each_word(
        text, len(text), callbacks.add_number_default, handle
    )
    assert visited == 4  # 0 means "go on": Rust visited every word
    assert numbers == [1, 2, 4]
    stderr = capsys.readouterr().err
    assert "from cffi callback <function add_number at 0x" in stderr
    assert "Traceback (most recent call last):" in stderr
    assert "ValueError: invalid literal for int() with base 10: b'three'" in (
        stderr
    )


def test_callbacks_error_argument_stops_but_still_prints(
    capsys, python_prints_unraisable
):
    text = b"1 2 three 4"
    numbers = []
    handle = ffi.new_handle(numbers)
    visited = lib.for_each_word(
        text, len(text), callbacks.add_number_or_stop, handle
    )
    assert visited == 3  # STOP after the third word
    assert numbers == [1, 2]
    assert "b'three'" in capsys.readouterr().err


def test_callbacks_onerror_stops_rust_and_the_wrapper_raises(capsys):
    numbers = []
    with pytest.raises(ValueError, match="'three'") as raised:
        for_each_word("1 2 three 4", lambda word: numbers.append(int(word)))
    assert numbers == [1, 2]
    assert capsys.readouterr().err == ""  # onerror handled it: no print
    # The original traceback is kept: it ends in the visitor.
    names = []
    traceback = raised.value.__traceback__
    while traceback is not None:
        names.append(traceback.tb_frame.f_code.co_name)
        traceback = traceback.tb_next
    assert "_visit_word" in names
    assert names[-1] == "<lambda>"


def test_callbacks_any_exception_type_is_raised_again():
    class Custom(Exception):
        pass

    def visit(word: str) -> None:
        raise Custom(word)

    with pytest.raises(Custom, match="first"):
        for_each_word("first second", visit)


def test_callbacks_after_an_error_the_next_call_works():
    with pytest.raises(ZeroDivisionError):
        for_each_word("x", lambda word: 1 / 0)
    words = []
    assert for_each_word("y z", words.append) == 2
    assert words == ["y", "z"]


def test_callbacks_errors_mode_output(capsys, python_prints_unraisable):
    callbacks.errors()
    out = capsys.readouterr().out
    assert "  Rust visited 4 words, Python got [1, 2, 4]" in out
    assert "  | Exception ignored from cffi callback <function add_number" in (
        out
    )
    assert " at 0x…>:" in out  # the address is hidden
    assert "  Rust visited 3 words, Python got [1, 2]" in out
    assert "  stderr: the same lines" in out
    assert "ValueError: invalid literal for int() with base 10: 'three'" in (
        out
    )
    assert out.endswith("  Python got [1, 2]\n  stderr: nothing\n")


# A stored callback: the Tokenizer


def test_callbacks_a_tokenizer_calls_back_on_every_run(no_leak):
    seen = []
    tokenizer = Tokenizer(seen.append)
    assert tokenizer.run("to be or") == 3
    assert tokenizer.run("not to be") == 3
    assert seen == ["to", "be", "or", "not", "to", "be"]
    assert lib.live_allocations() == no_leak + 1
    del tokenizer
    assert lib.live_allocations() == no_leak


def test_callbacks_a_tokenizer_raises_its_callbacks_error(no_leak):
    numbers = []
    tokenizer = Tokenizer(lambda word: numbers.append(int(word)))
    with pytest.raises(ValueError, match="'forty'"):
        tokenizer.run("42 forty 2")
    assert numbers == [42]  # Rust stopped at the error
    assert tokenizer.run("1 2") == 2  # the next run starts afresh
    assert numbers == [42, 1, 2]


def test_callbacks_an_error_leaves_no_reference_cycle():
    tokenizer = Tokenizer(int)
    alive = weakref.ref(tokenizer)
    with pytest.raises(ValueError):
        tokenizer.run("x")
    del tokenizer  # no gc.collect(): reference counting alone frees it
    assert alive() is None


def test_callbacks_each_run_raises_its_own_error_on_any_thread(no_leak):
    # cffi releases the GIL during tokenizer_run: runs of one Tokenizer on
    # several threads overlap. Each must raise its own error, or none.

    def visit(word: str) -> None:
        if word.startswith("bad"):
            raise ValueError(word)

    tokenizer = Tokenizer(visit)
    runs = 100

    def expected(worker: int, run: int) -> int | str:
        return 3 if (worker + run) % 2 else f"bad-{worker}-{run}"

    def work(worker: int, got: list) -> None:
        for run in range(runs):
            bad = expected(worker, run)
            text = "a b c" if bad == 3 else f"a {bad} c"
            try:
                got.append(tokenizer.run(text))
            except ValueError as error:
                got.append(str(error))

    got = {worker: [] for worker in range(4)}
    threads = [
        threading.Thread(target=work, args=(worker, got[worker]))
        for worker in got
    ]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    for worker, results in got.items():
        assert results == [expected(worker, run) for run in range(runs)]


def test_callbacks_another_threads_run_never_takes_this_runs_error(no_leak):
    # The window, made certain: thread A's callback has kept its error and
    # Rust has not returned yet; thread B runs the same Tokenizer from start
    # to end in that window (cffi released the GIL, so any thread may).
    def visit(word: str) -> None:
        if word == "bad":
            raise ValueError("A's error")

    tokenizer = Tokenizer(visit)
    outcomes = {}

    def run(name: str, text: str) -> None:
        outcomes[name] = outcome(lambda: tokenizer.run(text))

    def run_b_when_a_kept_its_error(frame, event, arg):
        if event == "return" and frame.f_code is keep_error_code:
            b = threading.Thread(target=run, args=("B", "x y"))
            b.start()
            b.join()
        return run_b_when_a_kept_its_error

    def trace_a(frame, event, arg):
        if frame.f_code is keep_error_code:
            return run_b_when_a_kept_its_error
        return None

    keep_error_code = callbacks._keep_error.__code__

    def run_a() -> None:
        sys.settrace(trace_a)  # this thread only
        run("A", "ok bad never")

    a = threading.Thread(target=run_a)
    a.start()
    a.join()
    assert outcomes == {"A": "ValueError: A's error", "B": "2"}


def test_callbacks_an_error_with_no_frame_is_left_for_cffi_to_print():
    # cffi passes traceback=None when converting the result failed; there
    # is no frame to find the run in, so the handler re-raises and cffi
    # prints it (the run stops with no exception). _visit_word returns
    # only STOP or GO_ON, so cffi's conversion never fails there.
    error = TypeError("an int is required")
    with pytest.raises(TypeError, match="an int is required"):
        callbacks._keep_error(TypeError, error, None)


def test_callbacks_any_non_zero_result_stops_rust():
    # The doc comment: 0 goes on, any other value stops (not only 1).
    for value in (1, -1, 2, -(2**31), 2**31 - 1):

        @ffi.callback("OnWord")
        def stop_at_b(word, length, user_data, value=value):
            return value if ffi.unpack(word, length) == b"b" else GO_ON

        text = b"a b c"
        assert lib.for_each_word(text, len(text), stop_at_b, ffi.NULL) == 2


def test_callbacks_any_true_result_stops_a_tokenizer(no_leak):
    tokenizer = Tokenizer(int)  # int("42") is 42: a true value
    assert tokenizer.run("42 forty") == 1


def test_callbacks_a_tokenizer_keeps_its_handle_alive(no_leak):
    seen = []
    tokenizer = Tokenizer(seen.append)
    handle = tokenizer._handle
    del seen
    gc.collect()
    # Nothing but the Tokenizer refers to the list now, through the handle.
    assert tokenizer.run("a b") == 2
    assert ffi.from_handle(handle).visit.__self__ == ["a", "b"]


def test_callbacks_freeing_a_tokenizer_calls_nothing(no_leak):
    calls = []
    tokenizer = Tokenizer(calls.append)
    del tokenizer  # ffi.gc calls tokenizer_free
    assert calls == []


def test_callbacks_tokenizer_new_refuses_a_null_callback(no_leak):
    assert lib.tokenizer_new(ffi.NULL, ffi.NULL) == ffi.NULL
    assert lib.tokenizer_run(ffi.NULL, b"a", 1) == lib.WORDS_NULL
    lib.tokenizer_free(ffi.NULL)  # a no-op


def test_callbacks_tokenizer_run_reports_bad_text(no_leak):
    tokenizer = Tokenizer(print)
    with pytest.raises(ValueError, match="NULL"):
        callbacks._result(
            lib.tokenizer_run(tokenizer._tokenizer, ffi.NULL, 1),
            tokenizer._call,
        )
    status = lib.tokenizer_run(tokenizer._tokenizer, b"\xff", 1)
    assert status == lib.WORDS_NOT_UTF8


def test_callbacks_run_mode_output(capsys, no_leak):
    callbacks.run()
    out = capsys.readouterr().out.splitlines()
    assert out[:7] == [
        "tokenizer.run('to be or') -> 3",
        "tokenizer.run('not to be') -> 3",
        "seen: ['to', 'be', 'or', 'not', 'to', 'be']",
        "parse.run('42 forty-two 7') raised: invalid literal for int()"
        " with base 10: 'forty-two'",
        "numbers: [42]",
        "live allocations: +2",
        "after del: +0",
    ]


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc/self/maps"
)
def test_callbacks_live_in_writable_executable_memory():
    # The module made its callbacks at import: their memory is rwx.
    assert callbacks.writable_executable_mappings() >= 1


# A dangling callback


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and platform.machine() == "x86_64"),
    reason="depends on how cffi reuses freed callback memory on Linux x86-64",
)
def test_callbacks_a_freed_callback_is_reused_by_the_next_one():
    # In a child process: calling freed memory is undefined behaviour.
    done = run_script("dangling", cwd=HERE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "tokenizer_run(tokenizer, 'to be'):",
        "  shout() got b'TO'",
        "  shout() got b'BE'",
    ]


def test_callbacks_the_script_runs_from_another_folder(tmp_path):
    done = run_script("first", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout.splitlines()[-1] == "for_each_word(text, NULL) returned 6"
    )


def test_callbacks_stop_and_go_on_are_what_rust_expects():
    assert (GO_ON, STOP) == (0, 1)
