"""What the "Opaque objects" chapter says, asserted."""

import copy
import gc
import pickle
import threading
import weakref

import pytest

import exercise_error_path
import opaque_objects
from opaque_objects import WordCounter, ffi, lib


@pytest.fixture
def no_leak():
    """Fail the test if Rust's live allocations do not return to start."""
    gc.collect()
    start = lib.live_allocations()
    yield start
    gc.collect()
    assert lib.live_allocations() == start


# Values


def test_opaque_counts_words_in_lowercase_across_texts(no_leak):
    with WordCounter() as counter:
        counter.add("The cat sat on the mat.")
        counter.add("THE END")
        assert counter.total == 8
        assert counter["the"] == counter["The"] == counter["THE"] == 3
        assert counter["cat"] == 1
        assert counter["dog"] == 0
        assert counter["the cat"] == 0  # not one word


def test_opaque_words_are_runs_of_letters_and_digits(no_leak):
    with WordCounter() as counter:
        counter.add("it's 2 o'clock, Zoë—café!")
        # it, s, 2, o, clock, zoë, café
        assert counter.total == 7
        assert counter["zoë"] == counter["CAFÉ"] == 1
        assert counter["2"] == counter["s"] == 1


def test_opaque_an_empty_text_counts_nothing(no_leak):
    with WordCounter() as counter:
        counter.add("")
        counter.add(" ,.;! ")
        assert counter.total == 0
        assert counter[""] == 0


# Ownership and leaks


def test_opaque_each_distinct_word_is_one_allocation(no_leak):
    counter = WordCounter()
    assert lib.live_allocations() == no_leak + 1  # the counter itself
    counter.add("the cat sat on the mat")  # 5 distinct words
    # The counter, its hash table and one String per distinct word.
    assert lib.live_allocations() == no_leak + 2 + 5
    counter.add("the cat")  # nothing new to store
    assert lib.live_allocations() == no_leak + 2 + 5
    counter.close()
    assert lib.live_allocations() == no_leak


def test_opaque_del_frees_through_ffi_gc(no_leak):
    counter = WordCounter()
    counter.add("a b c")
    del counter  # CPython: the last reference is gone, ffi.gc runs now
    assert lib.live_allocations() == no_leak


def test_opaque_with_block_frees_at_its_end(no_leak):
    with WordCounter() as counter:
        counter.add("a b c")
        assert not counter.closed
    assert counter.closed
    assert lib.live_allocations() == no_leak


def test_opaque_with_block_frees_when_the_block_raises(no_leak):
    with pytest.raises(KeyError), WordCounter() as counter:
        counter.add("a b c")
        raise KeyError("boom")
    assert counter.closed
    assert lib.live_allocations() == no_leak


def test_opaque_close_inside_with_is_fine(no_leak):
    with WordCounter() as counter:
        counter.close()  # __exit__ closes again: a no-op
    assert counter.closed


def test_opaque_a_counter_in_a_reference_cycle_is_freed_by_gc(no_leak):
    counter = WordCounter()
    counter.add("x y")
    counter.myself = counter  # a cycle: only the cyclic GC can free it
    del counter
    gc.collect()
    assert lib.live_allocations() == no_leak


# Misuse


def test_opaque_use_after_close_raises(no_leak):
    counter = WordCounter()
    counter.close()
    with pytest.raises(ValueError, match="closed"):
        counter.add("again")
    with pytest.raises(ValueError, match="closed"):
        counter["again"]
    with pytest.raises(ValueError, match="closed"):
        counter.total  # noqa: B018 (the property's error is the test)


def test_opaque_double_close_is_a_no_op_not_a_second_free(no_leak):
    counter = WordCounter()
    counter.add("a b")
    counter.close()
    counter.close()
    counter.close()
    # A second counter_free would drive the count below its start (or
    # crash): it stays exactly at the start.
    assert lib.live_allocations() == no_leak
    del counter
    gc.collect()
    assert lib.live_allocations() == no_leak


def test_opaque_with_on_a_closed_counter_raises(no_leak):
    counter = WordCounter()
    counter.close()
    with pytest.raises(ValueError, match="closed"), counter:
        pass


def test_opaque_only_str_is_accepted(no_leak):
    with WordCounter() as counter:
        for bad in (b"bytes", None, 42):
            with pytest.raises(TypeError, match="expected str"):
                counter.add(bad)
            with pytest.raises(TypeError, match="expected str"):
                counter[bad]


def test_opaque_a_lone_surrogate_cannot_be_encoded(no_leak):
    with WordCounter() as counter:
        with pytest.raises(UnicodeEncodeError):
            counter.add("bad \ud800")
        assert counter.total == 0


def test_opaque_a_nul_character_is_just_a_separator(no_leak):
    # The length travels with the pointer: a NUL does not end the text.
    with WordCounter() as counter:
        counter.add("before\0after")
        assert counter.total == 2
        assert counter["after"] == 1


# Raw calls: statuses, NULL and the opaque type


def test_opaque_raw_calls_report_null_and_bad_utf8(no_leak):
    counter = lib.counter_new()
    count = ffi.new("uint64_t *", 7)
    try:
        assert lib.counter_add(ffi.NULL, b"a", 1) == lib.STATUS_NULL
        assert lib.counter_add(counter, ffi.NULL, 1) == lib.STATUS_NULL
        assert lib.counter_add(counter, b"caf\xe9", 4) == lib.STATUS_NOT_UTF8
        assert lib.counter_total(counter) == 0  # nothing was counted
        assert lib.counter_count(ffi.NULL, b"a", 1, count) == lib.STATUS_NULL
        status = lib.counter_count(counter, b"a", 1, ffi.NULL)
        assert status == lib.STATUS_NULL
        status = lib.counter_count(counter, b"\xff", 1, count)
        assert status == lib.STATUS_NOT_UTF8
        assert count[0] == 7  # never written on an error
        assert lib.counter_total(ffi.NULL) == 0
    finally:
        lib.counter_free(counter)
    lib.counter_free(ffi.NULL)  # a no-op


def test_opaque_the_wrapper_turns_statuses_into_errors():
    opaque_objects.check(lib.STATUS_OK)
    with pytest.raises(ValueError, match="NULL"):
        opaque_objects.check(lib.STATUS_NULL)
    with pytest.raises(ValueError, match="UTF-8"):
        opaque_objects.check(lib.STATUS_NOT_UTF8)
    with pytest.raises(RuntimeError, match="unknown status 9"):
        opaque_objects.check(9)


def test_opaque_cffi_knows_only_the_name(no_leak):
    counter = lib.counter_new()
    try:
        assert ffi.typeof(counter) is ffi.typeof("WordCounter *")
        with pytest.raises(ValueError, match="unknown size"):
            ffi.sizeof("WordCounter")
        with pytest.raises(AttributeError, match="opaque"):
            counter.total  # noqa: B018
        with pytest.raises(TypeError, match="unknown size"):
            ffi.new("WordCounter *")
        with pytest.raises(TypeError, match="pointer to same type"):
            lib.counter_total(ffi.new("int *"))
        with pytest.raises(TypeError):
            lib.counter_total(None)
    finally:
        lib.counter_free(counter)


# Threads


def test_opaque_threads_can_share_a_counter(no_leak):
    with WordCounter() as counter:

        def add_many() -> None:
            for _ in range(200):
                counter.add("one two three")

        threads = [threading.Thread(target=add_many) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert counter.total == 4 * 200 * 3
        assert counter["two"] == 4 * 200


def test_opaque_close_waits_for_a_call_in_another_thread(paused_call, no_leak):
    paused = paused_call(opaque_objects, "counter_add")
    counter = WordCounter()
    adder = threading.Thread(target=counter.add, args=("a b c",))
    adder.start()
    paused.wait_inside()  # counter_add is running, and waits
    closed = threading.Event()

    def close() -> None:
        counter.close()
        closed.set()

    closer = threading.Thread(target=close)
    closer.start()
    # With the lock, close() cannot return while counter_add runs: this
    # waits the full half second. Without it, close() frees the counter
    # under the call and returns at once.
    freed_under_it = closed.wait(0.5)
    # A freed counter must not reach Rust: the call then returns OK.
    paused.release(instead=lib.STATUS_OK if freed_under_it else None)
    adder.join()
    closer.join()
    assert not freed_under_it, "close() freed a counter in use"
    assert counter.closed
    assert lib.live_allocations() == no_leak


# The chapter's outputs


def lines(capsys) -> list[str]:
    return [line.rstrip() for line in capsys.readouterr().out.splitlines()]


def test_opaque_lifecycle_mode(capsys, no_leak):
    opaque_objects.lifecycle()
    assert lines(capsys) == [
        "after WordCounter():         live allocations +1",
        "after counter.add(...):      live allocations +7",
        "counter.total                -> 6",
        "counter['THE']               -> 2",
        "counter.close()              -> None",
        "counter.closed               -> True",
        "counter.add('again')         -> ValueError: this WordCounter is"
        " closed",
        "counter['the']               -> ValueError: this WordCounter is"
        " closed",
        "counter.close() again        -> None",
        "after close():               live allocations +0",
    ]


def test_opaque_opaque_mode(capsys, no_leak):
    opaque_objects.opaque()
    out = lines(capsys)
    assert out[0] == "ffi.typeof(counter)          -> <ctype 'WordCounter *'>"
    assert "counter_total(NULL)          -> 0" in out
    assert "counter_add(NULL, ...)       -> 1" in out
    assert "counter_free(NULL)           -> None" in out


def test_opaque_with_mode(capsys, no_leak):
    opaque_objects.with_block()
    assert lines(capsys) == [
        "inside the with block: 6 words, live allocations +6",
        "after the with block:  closed=True, live allocations +0",
        "a counter in a variable:     live allocations +6",
        "after del counter:           live allocations +0",
        "after an exception:    closed=True, live allocations +0",
    ]


# Copies, and a child that borrows its parent


@pytest.mark.parametrize("make_copy", [copy.copy, copy.deepcopy, pickle.dumps])
def test_opaque_a_counter_cannot_be_copied_or_pickled(no_leak, make_copy):
    with WordCounter() as counter:
        with pytest.raises(TypeError, match="cannot copy or pickle"):
            make_copy(counter)
        with pytest.raises(TypeError, match="cannot copy or pickle"):
            make_copy(counter.words())


def test_opaque_words_are_copies_of_every_word_and_count(no_leak):
    with WordCounter() as counter:
        counter.add("b a B c b")
        words = counter.words()
        assert sorted(words) == [("a", 1), ("b", 3), ("c", 1)]
        with pytest.raises(StopIteration):
            next(words)  # an ended iterator stays ended
        assert list(WordCounter().words()) == []


def test_opaque_an_iterator_keeps_its_counter_alive(no_leak):
    counter = WordCounter()
    counter.add("to be")
    alive = weakref.ref(counter)
    words = counter.words()
    del counter
    gc.collect()
    assert alive() is not None  # the child holds its parent
    assert sorted(words) == [("be", 1), ("to", 1)]
    del words
    assert alive() is None  # reference counting frees both, child first


def test_opaque_closing_the_counter_ends_its_iterators(no_leak):
    counter = WordCounter()
    counter.add("to be")
    first, second = counter.words(), counter.words()
    next(first)
    counter.close()
    for words in (first, second):
        with pytest.raises(ValueError, match="WordCounter was closed"):
            next(words)
    assert lib.live_allocations() == no_leak  # both iterators freed


def test_opaque_adding_ends_its_iterators(no_leak):
    with WordCounter() as counter:
        counter.add("to be")
        words = counter.words()
        counter.add("more")
        with pytest.raises(ValueError, match="WordCounter was changed"):
            next(words)
        assert len(list(counter.words())) == 3  # a new one sees the change


def test_opaque_an_iterator_and_its_counter_in_a_cycle_are_freed(no_leak):
    counter = WordCounter()
    counter.add("to be")
    words = counter.words()
    counter.cycle = words  # the collector frees both, in any order
    del counter, words
    gc.collect()  # no_leak checks that both went back to Rust


def test_opaque_the_counter_may_be_freed_before_its_iterator(no_leak):
    # What ffi.gc does when a Words holds the last reference to its
    # counter: the instance dict drops _parent before _iter.
    counter = lib.counter_new()
    data = b"to be"
    assert lib.counter_add(counter, data, len(data)) == lib.STATUS_OK
    words = lib.counter_words(counter)
    lib.counter_free(counter)
    lib.word_iter_free(words)  # reads nothing of the freed counter


def test_opaque_raw_iterator_calls_report_null_and_end_writing_nothing(
    no_leak,
):
    sentinel = ffi.new("char[]", b"#")
    word = ffi.new("const char **", sentinel)
    length, count = ffi.new("size_t *", 99), ffi.new("uint64_t *", 99)

    def untouched() -> bool:
        return (word[0], length[0], count[0]) == (sentinel, 99, 99)

    assert lib.counter_words(ffi.NULL) == ffi.NULL
    assert lib.word_iter_next(ffi.NULL, word, length, count) == (
        lib.STATUS_NULL
    )
    assert untouched()
    counter = lib.counter_new()
    words = lib.counter_words(counter)
    assert lib.word_iter_next(words, ffi.NULL, length, count) == (
        lib.STATUS_NULL
    )
    assert untouched()
    assert lib.word_iter_next(words, word, length, count) == lib.STATUS_END
    assert untouched()
    lib.word_iter_free(words)
    lib.word_iter_free(ffi.NULL)
    lib.counter_free(counter)


def test_opaque_children_mode(capsys, no_leak):
    opaque_objects.children()
    assert capsys.readouterr().out.splitlines() == [
        "copy.copy(counter)           -> TypeError: cannot copy or pickle"
        " a WordCounter",
        "pickle.dumps(counter)        -> TypeError: cannot copy or pickle"
        " a WordCounter",
        "sorted(counter.words())      -> [('be', 2), ('not', 1), ('or', 1),"
        " ('to', 2)]",
        "sorted(words_alone())        -> [('be', 2), ('not', 1), ('or', 1),"
        " ('to', 2)]",
        "next(words) after add        -> ValueError: its WordCounter was"
        " changed",
        "next(words) after close      -> ValueError: its WordCounter was"
        " closed",
        "live allocations: +0",
    ]


# The exercise's check


def test_opaque_exercise_judges_the_error_path_on_its_own(capsys, no_leak):
    """An answer that closes the counter on an error, and on a return lets
    its last reference free it, is right: the check's records of the calls
    must not keep the returned counter alive and blame the error path."""

    def words_in(lines: list[str]) -> int:
        counter = WordCounter()
        try:
            for line in lines:
                counter.add(line)
        except BaseException:
            counter.close()
            raise
        return counter.total

    exercise_error_path.check(words_in)
    assert capsys.readouterr().out.startswith("PASS: ")
