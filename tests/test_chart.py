"""scripts/chart.py draws a table's own numbers; check_book.py rejects a
chart that differs from the table above it."""

import html
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import chart  # noqa: E402 (after the path)
import check_book  # noqa: E402
import example  # noqa: E402

# The shape of call_cost.py's first table and threads_and_gil.py's.
CALLS = """\
add(1, 2), min of 7 interleaved runs of 200,000 calls
                                   ns/call  vs Python
Python function                         50       1.0x
PyO3, keeps the GIL                     40       0.8x
cffi <API> & "mode"                    150       3.0x
In this run:
- PyO3, keeps the GIL: 1.2x faster than Python function
"""
THREADS = """\
One call of work_ms(200) alone: 201 ms
4 threads, one call each, in units of that one call:
  cffi          1.0x
  ctypes.PyDLL  4.0x
"""
# What outputs.py's VARIES leaves of CALLS in a committed copy.
MASKED = """\
add(1, 2), min of 7 interleaved runs of 200,000 calls
                                   ns/call  vs Python
Python function<varies><varies>x
PyO3, keeps the GIL<varies><varies>x
"""


def widths(svg: str) -> dict[str, float]:
    return {
        html.unescape(m["label"]): float(m["width"])
        for m in check_book.CHART_BAR.finditer(svg)
        if m["width"]
    }


def test_the_table_is_read_by_its_column_name():
    table = chart.find_table(CALLS, "ns/call")
    assert table["title"].startswith("add(1, 2), min of 7")
    assert table["column"] == "ns/call"
    assert table["rows"] == [
        ("Python function", "50"),
        ("PyO3, keeps the GIL", "40"),
        ('cffi <API> & "mode"', "150"),
    ]
    assert chart.find_table(CALLS, "vs Python")["rows"][1] == (
        "PyO3, keeps the GIL",
        "0.8x",
    )


def test_a_header_without_column_names_charts_the_first_number():
    table = chart.find_table(THREADS, "units")
    assert table["rows"] == [("cffi", "1.0x"), ("ctypes.PyDLL", "4.0x")]
    assert table["column"] == ""


def test_bar_lengths_are_proportional_to_the_values_from_zero():
    svg = chart.chart_of_output(CALLS, "demo", "ns/call")
    drawn = widths(svg)
    assert drawn["Python function"] / 50 == pytest.approx(
        drawn['cffi <API> & "mode"'] / 150, abs=0.01
    )
    assert drawn["PyO3, keeps the GIL"] == pytest.approx(
        drawn["Python function"] * 40 / 50, abs=0.1
    )
    # Every bar starts at the same x, the 0 of the scale.
    starts = set(re.findall(r'<rect x="([\d.]+)"', svg))
    assert len(starts) == 1


def test_labels_and_values_are_escaped_and_written_as_text():
    svg = chart.chart_of_output(CALLS, "demo", "ns/call")
    assert "cffi &lt;API&gt; &amp; &quot;mode&quot;" in svg
    assert "<API>" not in svg
    assert re.search(r">150</text></g>", svg)  # the value, on its bar
    assert "<title>" in svg and 'role="img"' in svg and "aria-label=" in svg
    assert "var(--links)" in svg and "currentColor" in svg
    assert "#000" not in svg and "black" not in svg and "white" not in svg
    assert "\n\n" not in svg  # Markdown keeps it one HTML block


def test_a_masked_table_draws_no_bars_and_says_why():
    svg = chart.chart_of_output(MASKED, "demo", "ns/call")
    assert "<rect" not in svg
    assert "masked" in svg
    assert 'data-value="&lt;varies&gt;"' in svg


def test_no_table_is_an_error():
    with pytest.raises(chart.TableError):
        chart.find_table("nothing to chart\n", "ns/call")
    with pytest.raises(chart.TableError):
        chart.find_table(CALLS.splitlines()[0] + "\n", "ns/call")


def page(table: str, svg: str) -> str:
    """A built page: the output block, then the chart after it."""
    escaped = table.replace("&", "&amp;").replace("<", "&lt;")
    return (
        f'<pre><code class="language-console">{escaped}</code></pre>\n'
        f"<p>The chart:</p>\n{svg}"
    )


def test_the_check_accepts_a_chart_of_the_table_above_it():
    svg = chart.chart_of_output(CALLS, "demo", "ns/call")
    assert check_book.chart_problems(page(CALLS, svg)) == []
    masked = chart.chart_of_output(MASKED, "demo", "ns/call")
    assert check_book.chart_problems(page(MASKED, masked)) == []


@pytest.mark.parametrize(
    "doctor, reason",
    [
        (lambda s: s.replace('data-value="150"', 'data-value="15"'), "differ"),
        (
            lambda s: re.sub(r'(<rect [^>]*width=")', r"\g<1>1", s, count=1),
            "proportional",
        ),
        (
            lambda s: s.replace('data-label="PyO3', 'data-label="PyO4'),
            "differ",
        ),
        (
            lambda s: re.sub(r'<g class="bar" data-label="cffi.*\n', "", s),
            "2 bars for 3 rows",
        ),
    ],
)
def test_the_check_rejects_a_doctored_chart(doctor, reason):
    svg = doctor(chart.chart_of_output(CALLS, "demo", "ns/call"))
    problems = check_book.chart_problems(page(CALLS, svg))
    assert any(reason in problem for problem in problems), problems


def test_the_check_rejects_a_chart_of_another_run():
    svg = chart.chart_of_output(CALLS, "demo", "ns/call")
    other_run = CALLS.replace("  50  ", "  51  ")
    problems = check_book.chart_problems(page(other_run, svg))
    assert problems and "('Python function', '50')" in problems[0]


def test_the_check_rejects_a_chart_without_its_table_above():
    svg = chart.chart_of_output(CALLS, "demo", "ns/call")
    problems = check_book.chart_problems(page(THREADS, svg))
    assert problems and "no table" in problems[0]


def test_the_runner_draws_the_last_output_of_the_same_command(
    tmp_path, monkeypatch
):
    """--chart runs nothing: it reads what the command without --chart
    printed last, and fails when there is none (a failed run removes it)."""
    monkeypatch.delenv("FFI_BOOK_CACHE", raising=False)
    monkeypatch.delenv("FFI_BOOK_ONLY", raising=False)
    monkeypatch.setenv("CARGO_TARGET_DIR", str(tmp_path))
    args = example.parse_args(["--chart", "ns/call", "no_such_example"])
    with pytest.raises(example.ExampleError, match="must come before"):
        example.run(args)
    last = Path(example.output_file(["no_such_example"], "last"))
    last.parent.mkdir(parents=True)
    last.write_text(CALLS)
    assert example.run(args) == chart.chart_of_output(
        CALLS, "no_such_example", "ns/call"
    )
    with pytest.raises(example.ExampleError):
        example.run(example.parse_args(["no_such_example"]))
    assert not last.exists()


def test_a_chart_is_never_kept_nor_read_from_a_committed_copy(monkeypatch):
    monkeypatch.setenv("FFI_BOOK_CACHE", "1")
    monkeypatch.setenv("FFI_BOOK_ONLY", "another_chapter")
    argv = ["--chart", "ns/call", "call_cost"]
    assert example.kept_output(argv) is None
    assert example.committed_output(argv) is None
    assert example.example_of(argv) == "call_cost"


def test_a_committed_copy_masks_the_numbers_and_keeps_the_labels():
    """outputs.py's VARIES: the committed table still names its rows
    (the chart of a committed copy shows them), and a chart's copy masks
    its bars only."""
    import outputs

    table = (
        "                           elements  ns/element   vs loop\n"
        "Rust, 8 totals           10,000,000        1.28    0.028x\n"
        "PyO3, keeps the GIL       1,000,000       78.00    1.100x\n"
    )
    masked = outputs.masked("call_cost", table)
    assert chart.find_table(masked, "ns/element")["rows"] == [
        ("Rust, 8 totals", "<varies>"),
        ("PyO3, keeps the GIL", "<varies>"),
    ]
    svg = chart.chart_of_output(table, "call_cost", "ns/element")
    copy = outputs.masked("--chart ns/element call_cost", svg)
    assert "1.28" not in copy and "<rect" not in copy
    assert copy.count("data-value=<varies>") == 2
    assert 'data-label="Rust, 8 totals"' in copy
    assert copy.splitlines()[:4] == svg.splitlines()[:4]
