"""What the "Errors and panics" chapter says, asserted."""

import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import errors_and_panics as example
from errors_and_panics import (
    RustPanic,
    check,
    ffi,
    lib,
    parse_duration,
    per_part,
)
from ffi_book import library_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PANIC_AT = r"Rust panicked at examples/errors_and_panics/src/lib\.rs:\d+:\d+"


@pytest.fixture
def no_leak():
    """Fail the test if Rust's live allocations do not return to start."""
    per_part(1, 1)  # the first guarded call installs the hook, for good
    gc.collect()
    start = lib.live_allocations()
    yield
    per_part(1, 1)  # a successful call empties this thread's slot
    gc.collect()
    assert lib.live_allocations() == start


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h30m", 5400),
        ("90s", 90),
        ("2d1s", 172_801),
        ("1m1m", 120),
        (b"45m", 2700),
        ("0s", 0),
        ("18446744073709551615s", 2**64 - 1),
    ],
)
def test_errors_parse_duration_returns_seconds(text, seconds, no_leak):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("90", '"90" is not a duration: 90 has no unit'),
        ("1w", """"1w" is not a duration: unknown unit 'w'"""),
        ("", '"" is not a duration: it is empty'),
        ("h", '"h" is not a duration: no number at "h"'),
        ("1h 30m", '"1h 30m" is not a duration: no number at " 30m"'),
        ("-1s", '"-1s" is not a duration: no number at "-1s"'),
        ("1é", """"1é" is not a duration: unknown unit 'é'"""),
    ],
)
def test_errors_invalid_durations_raise_value_error(text, message, no_leak):
    with pytest.raises(ValueError) as raised:
        parse_duration(text)
    assert type(raised.value) is ValueError
    assert str(raised.value) == message


@pytest.mark.parametrize(
    "text", ["18446744073709551616s", "300000000000000d", "9" * 30 + "s"]
)
def test_errors_too_long_raises_overflow_error(text, no_leak):
    with pytest.raises(OverflowError) as raised:
        parse_duration(text)
    assert str(raised.value) == f'"{text}" does not fit in 64-bit seconds'


def test_errors_bytes_that_are_not_utf8_raise_unicode_error(no_leak):
    with pytest.raises(UnicodeError) as raised:
        parse_duration(b"1\xffs")
    assert str(raised.value) == (
        "the text is not UTF-8: invalid utf-8 sequence of 1 bytes from index 1"
    )
    assert isinstance(raised.value, ValueError)


def test_errors_null_raises_type_error(no_leak):
    seconds = ffi.new("uint64_t *", 7)
    with pytest.raises(TypeError, match=r"^a pointer argument is NULL$"):
        check(lib.parse_duration(ffi.NULL, seconds))
    with pytest.raises(TypeError, match=r"^a pointer argument is NULL$"):
        check(lib.parse_duration(b"1s", ffi.NULL))
    with pytest.raises(TypeError, match=r"^a pointer argument is NULL$"):
        check(lib.per_part(10, 2, ffi.NULL))
    assert seconds[0] == 7


def test_errors_a_nul_byte_is_refused_before_rust(no_leak):
    with pytest.raises(ValueError, match="C would stop reading at the NUL"):
        parse_duration(b"1h\x0030m")
    with pytest.raises(ValueError, match="C would stop reading at the NUL"):
        parse_duration("1h\x0030m")


@pytest.mark.parametrize(
    ("value", "name"),
    [(90, "int"), (None, "NoneType"), ([b"1", b"s"], "list")],
)
def test_errors_a_non_text_raises_type_error(value, name):
    with pytest.raises(
        TypeError, match=f"^expected str or bytes, not {name}$"
    ):
        parse_duration(value)


def test_errors_a_surrogate_cannot_be_encoded():
    with pytest.raises(UnicodeEncodeError):
        parse_duration("1\ud800s")


def test_errors_an_error_leaves_the_out_parameter_alone(no_leak):
    seconds = ffi.new("uint64_t *", 7)
    assert lib.parse_duration(b"1w", seconds) == lib.STATUS_INVALID
    assert seconds[0] == 7


def test_errors_every_status_has_its_exception():
    statuses = {
        lib.STATUS_NULL: TypeError,
        lib.STATUS_NOT_UTF8: UnicodeError,
        lib.STATUS_INVALID: ValueError,
        lib.STATUS_TOO_LONG: OverflowError,
        lib.STATUS_PANIC: RustPanic,
        lib.STATUS_POISONED: RustPanic,
    }
    assert example.EXCEPTIONS == statuses
    assert issubclass(RustPanic, RuntimeError)


def test_errors_an_unknown_status_raises_runtime_error(no_leak):
    lib.parse_duration(b"1w", ffi.new("uint64_t *"))  # leaves a message
    with pytest.raises(RuntimeError, match=r'^unknown status 99: "1w"'):
        check(99)
    check(lib.STATUS_OK)  # no exception


def test_errors_the_message_follows_the_last_call_only(no_leak):
    seconds = ffi.new("uint64_t *")
    assert lib.parse_duration(b"1w", seconds) == lib.STATUS_INVALID
    size = lib.last_error_message(ffi.NULL, 0)
    assert size == len(""""1w" is not a duration: unknown unit 'w'""") + 1
    small = ffi.new("char[]", b"###")
    assert lib.last_error_message(small, 4) == size  # too small: untouched
    assert ffi.string(small) == b"###"
    assert lib.parse_duration(b"1s", seconds) == lib.STATUS_OK
    assert lib.last_error_message(ffi.NULL, 0) == 0  # cleared by success
    large = ffi.new("char[]", b"#" * 99)
    assert lib.last_error_message(large, 100) == 0
    assert ffi.string(large) == b"#" * 99  # nothing written


def test_errors_each_thread_has_its_own_message(no_leak):
    # The main thread fails, then another thread fails differently: the
    # main thread's message is still its own.
    seconds = ffi.new("uint64_t *")
    assert lib.parse_duration(b"1w", seconds) == lib.STATUS_INVALID
    seen = []

    def other_thread():
        with pytest.raises(OverflowError) as raised:
            parse_duration("300000000000000d")
        seen.append(str(raised.value))

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert seen == ['"300000000000000d" does not fit in 64-bit seconds']
    with pytest.raises(ValueError, match="unknown unit 'w'"):
        check(lib.STATUS_INVALID)


# Panics


def test_errors_a_caught_panic_raises_rust_panic(no_leak):
    assert per_part(5400, 4) == 1350
    with pytest.raises(RustPanic, match=PANIC_AT + ": attempt to divide by"):
        per_part(5400, 0)
    assert per_part(5400, 3) == 1800  # the library still works


def test_errors_a_caught_panic_leaves_the_result_alone(no_leak):
    result = ffi.new("uint64_t *", 7)
    assert lib.per_part(5400, 0, result) == lib.STATUS_PANIC
    assert result[0] == 7


def run_script(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "errors_and_panics.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_errors_a_caught_panic_prints_nothing_on_stderr():
    done = run_script("panic")
    assert done.returncode == 0
    assert done.stderr == ""
    assert "live allocations: +0" in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGABRT is POSIX")
def test_errors_an_unguarded_panic_aborts_python():
    done = run_script("abort")
    assert done.returncode == -6  # killed by SIGABRT
    assert done.stdout == ">>> lib.per_part_unguarded(5400, 0)\n"
    assert "attempt to divide by zero" in done.stderr
    assert "panic in a function that cannot unwind" in done.stderr
    assert "thread caused non-unwinding panic. aborting." in done.stderr


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="unwinding as on Linux"
)
def test_errors_a_c_unwind_panic_still_aborts_python():
    done = run_script("c-unwind")
    assert done.returncode == -6  # killed by SIGABRT
    assert done.stdout == ">>> lib.per_part_c_unwind(5400, 0)\n"
    assert "attempt to divide by zero" in done.stderr
    assert "cannot unwind" not in done.stderr
    assert "failed to initiate panic, error 5, aborting" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="SIGABRT is POSIX")
def test_errors_the_quiet_hook_leaves_other_panics_loud():
    # After a caught panic installed the quiet hook, a panic outside the
    # guard still gets Rust's default message before the abort.
    code = (
        "from errors_and_panics import lib, per_part, RustPanic\n"
        "try:\n    per_part(1, 0)\nexcept RustPanic:\n"
        "    print('caught', flush=True)\n"
        "lib.per_part_unguarded(1, 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=HERE,
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout) == (-6, "caught\n")
    assert "panicked at examples/errors_and_panics/src/lib.rs" in done.stderr
    assert "attempt to divide by zero" in done.stderr


def test_errors_the_script_runs_from_any_folder(tmp_path, capsys):
    example.show_errors()
    done = run_script("errors", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == capsys.readouterr().out
    assert "UnicodeError: the text is not UTF-8" in done.stdout


def test_errors_an_unknown_mode_names_the_modes():
    done = run_script("nonsense")
    assert done.returncode == 1
    assert "unknown mode 'nonsense'; the modes are errors, panic" in (
        done.stderr
    )


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="binutils' nm on ELF"
)
def test_errors_each_rust_library_has_its_own_panic_hook():
    for crate in ["errors_and_panics", "scalars"]:
        symbols = subprocess.run(
            ["nm", "--demangle", str(library_path(crate))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        hooks = [
            line.split()[1:] for line in symbols if "panicking::HOOK" in line
        ]
        # "b": a private (local) static, defined inside this library.
        assert hooks == [["b", "std::panicking::HOOK"]], crate


# A method that takes &mut: poisoned after a panic


def test_errors_a_plan_sums_what_it_is_given(no_leak):
    plan = example.Plan()
    plan.add("1h")
    plan.add("30m")
    with pytest.raises(ValueError, match="unknown unit 'x'"):
        plan.add("1x")  # an error changes nothing
    plan.repeat(3)
    assert plan.total == 3 * 5400
    del plan  # ffi.gc calls plan_free: no_leak checks it


def test_errors_a_plan_refuses_what_parse_duration_refuses(no_leak):
    plan = example.Plan()
    with pytest.raises(ValueError, match="stop reading at the NUL"):
        plan.add("1h\x0030m")  # C would see "1h" only
    with pytest.raises(TypeError, match="expected str or bytes"):
        plan.add(["1h"])
    plan.add(b"1m")
    assert plan.total == 60


def test_errors_a_plan_makes_a_second_call_wait(paused_call, no_leak):
    # Rust takes &mut Plan: a call from another thread must wait for the
    # one under way, or two &mut to one Plan exist at once (lost parts).
    paused = paused_call(example, "plan_add")
    plan = example.Plan()
    adder = threading.Thread(target=plan.add, args=("1h",))
    adder.start()
    paused.wait_inside()  # plan_add is running, and waits
    totals = []
    reader = threading.Thread(target=lambda: totals.append(plan.total))
    reader.start()
    # With the lock, plan.total cannot return while plan_add runs: this
    # waits the full half second. Without it, it returns at once.
    reader.join(0.5)
    overlapped = not reader.is_alive()
    paused.release()
    adder.join()
    reader.join()
    assert not overlapped, "plan.total ran during plan.add"
    assert totals == [3600]


def test_errors_a_total_that_overflows_panics_and_poisons(no_leak):
    # Every part fits after the repeat (3 * 2**62 < 2**64), their sum does
    # not: a plain sum() would wrap in a release build and say Ok.
    plan = example.Plan()
    plan.add(f"{2**62}s")
    plan.add(f"{2**62}s")
    with pytest.raises(RustPanic, match="the total overflowed"):
        plan.repeat(3)
    with pytest.raises(RustPanic, match="earlier call panicked"):
        _ = plan.total


def test_errors_a_panic_poisons_the_plan_for_good(no_leak):
    plan = example.Plan()
    plan.add("1s")
    plan.add("1h")
    with pytest.raises(RustPanic, match="a part overflowed"):
        plan.repeat(2**53)  # 1s fits, 1h overflows: half-changed
    with pytest.raises(RustPanic, match="earlier call panicked"):
        _ = plan.total
    with pytest.raises(RustPanic, match="earlier call panicked"):
        plan.add("1s")
    with pytest.raises(RustPanic, match="earlier call panicked"):
        plan.repeat(1)


def test_errors_plan_functions_refuse_null(no_leak):
    total = ffi.new("uint64_t *")
    assert lib.plan_total(ffi.NULL, total) == lib.STATUS_NULL
    assert lib.plan_add(ffi.NULL, b"1s") == lib.STATUS_NULL
    assert lib.plan_repeat(ffi.NULL, 2) == lib.STATUS_NULL
    plan = lib.plan_new()
    assert lib.plan_add(plan, ffi.NULL) == lib.STATUS_NULL
    assert lib.plan_total(plan, ffi.NULL) == lib.STATUS_NULL
    assert lib.plan_add(plan, b"\xff") == lib.STATUS_NOT_UTF8
    assert lib.plan_add(plan, b"18446744073709551615s") == lib.STATUS_OK
    assert lib.plan_add(plan, b"1s") == lib.STATUS_TOO_LONG
    assert lib.plan_total(plan, total) == lib.STATUS_OK
    assert total[0] == 2**64 - 1  # the failed add changed nothing...
    assert lib.plan_repeat(plan, 1) == lib.STATUS_OK  # sums the parts
    assert lib.plan_total(plan, total) == lib.STATUS_OK
    assert total[0] == 2**64 - 1  # ...not even the parts
    lib.plan_free(plan)
    lib.plan_free(ffi.NULL)


def test_errors_poison_mode_output(capsys):
    example.show_poisoned_plan()
    out = capsys.readouterr().out.splitlines()
    assert out[:8] == [
        ">>> plan.add('1s')",
        "None",
        ">>> plan.add('1h')",
        "None",
        ">>> plan.repeat(2)",
        "None",
        ">>> plan.total",
        "7202",
    ]
    assert out[8] == ">>> plan.repeat(2**52)"
    assert out[9].startswith("RustPanic: Rust panicked at ")
    assert out[9].endswith(": a part overflowed")
    assert out[10:] == [
        ">>> plan.total",
        "RustPanic: an earlier call panicked while changing this plan",
        ">>> plan.add('1s')",
        "RustPanic: an earlier call panicked while changing this plan",
    ]
