"""Draw a table that an example printed as a bar chart, in inline SVG.

The runner calls this for `example.py --chart COLUMN ...` (see
scripts/example.py): the chart is drawn from the output that the page's
table shows, never from a second run. scripts/check_book.py reads the
table and the chart back from the built page and compares them.

A table is a header line, then rows: a label, then numbers separated by
spaces (a number may end with `x`, a ratio; `<varies>` stands for a
number masked in a committed copy, see scripts/outputs.py). COLUMN
selects the first header line that contains it: the column of that name
when the header names its columns (`ns/call  vs Python`), else the rows'
first number. The line above a header of column names is the title.

The SVG uses mdBook's theme variables (`--fg`, `--links`) and
`currentColor`, so it reads in the light and dark themes and in print.
"""

import html
import re

NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
MASKED = "<varies>"
ROW = re.compile(
    rf"^(?P<label>.*?\S)(?P<cells>(?:(?:\s+{NUMBER}|\s*{MASKED})x?)+)\s*$"
)
CELL = re.compile(rf"{NUMBER}x?|{MASKED}x?")

WIDTH = 640  # the SVG's own units; it scales down to the page's width
CHAR = 7.5  # a generous width of one character at FONT_SIZE, in units
FONT_SIZE = 13
ROW_HEIGHT = 22
BAR_HEIGHT = 14
TOP = 28  # room for the title
VALUE_ROOM = 80  # room right of the longest bar for its value


class TableError(Exception):
    """The output has no table that the chart's COLUMN selects."""


def find_table(text: str, column: str) -> dict:
    """{"title", "column", "rows": [(label, cell)]} of the first table
    whose header contains `column`; a cell is the text the table shows."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if column not in line or ROW.match(line):
            continue
        names = [n for n in re.split(r"\s{2,}", line.strip()) if n]
        position = names.index(column) if column in names else 0
        if column in names:
            above = [x for x in lines[:index] if x.strip()]
            title = above[-1].strip() if above else column
            unit = column
        else:
            title, unit = line.strip().rstrip(":"), ""
        rows = []
        for row_line in lines[index + 1 :]:
            match = ROW.match(row_line)
            if not match:
                break
            cells = CELL.findall(match["cells"])
            if position >= len(cells):
                break
            rows.append((match["label"].strip(), cells[position]))
        if rows:
            return {"title": title, "column": unit, "rows": rows}
    raise TableError(f"no table with a header containing {column!r}")


def value_of(cell: str) -> float | None:
    """The number a cell shows; None when masked."""
    if MASKED in cell:
        return None
    return float(cell.rstrip("x").replace(",", ""))


def bar_chart(table: dict, source: str, selector: str) -> str:
    """The table as an HTML <figure> holding one SVG: one bar per row,
    its length proportional to the value (the scale starts at 0), the
    value written at its end. No blank line: Markdown keeps it as HTML."""
    rows = table["rows"]
    values = [value_of(cell) for _, cell in rows]
    known = [v for v in values if v is not None]
    largest = max(known, default=0.0)
    label_room = 12 + CHAR * max(len(label) for label, _ in rows)
    span = WIDTH - label_room - VALUE_ROOM
    scale = span / largest if largest > 0 else 0.0
    masked = len(known) < len(values)
    height = TOP + ROW_HEIGHT * len(rows) + (44 if masked else 26)
    unit = f" ({table['column']})" if table["column"] else ""
    title = f"{table['title']}{unit}, bars from 0"
    e = html.escape
    out = [
        f'<figure class="ffi-chart" data-source="{e(source)}"'
        f' data-table="{e(selector)}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img"'
        f' aria-label="{e(title)}" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}"'
        f' style="max-width: 100%; height: auto; color: var(--fg);'
        f' font-size: {FONT_SIZE}px">',
        f"<title>{e(title)}</title>",
        f'<text x="0" y="16" fill="currentColor"'
        f' font-weight="bold">{e(title)}</text>',
    ]
    for index, ((label, cell), value) in enumerate(
        zip(rows, values, strict=True)
    ):
        top = TOP + ROW_HEIGHT * index
        middle = top + ROW_HEIGHT / 2 + 4
        out.append(
            f'<text class="label" x="{label_room - 8:.0f}" y="{middle:.0f}"'
            f' text-anchor="end" fill="currentColor">{e(label)}</text>'
        )
        if value is None:
            bar = (
                f'<text x="{label_room + 4:.0f}" y="{middle:.0f}"'
                ' fill="currentColor">(masked)</text>'
            )
        else:
            length = value * scale
            bar = (
                f'<rect x="{label_room:.0f}"'
                f' y="{top + (ROW_HEIGHT - BAR_HEIGHT) / 2:.0f}"'
                f' width="{length:.1f}" height="{BAR_HEIGHT}"'
                ' style="fill: var(--links)"/>'
                f'<text x="{label_room + length + 4:.1f}" y="{middle:.0f}"'
                f' fill="currentColor">{e(cell)}</text>'
            )
        out.append(
            f'<g class="bar" data-label="{e(label)}"'
            f' data-value="{e(cell)}">{bar}</g>'
        )
    bottom = TOP + ROW_HEIGHT * len(rows)
    out.append(
        f'<line x1="{label_room:.0f}" y1="{TOP}" x2="{label_room:.0f}"'
        f' y2="{bottom}" stroke="currentColor"/>'
    )
    out.append(
        f'<text x="{label_room:.0f}" y="{bottom + 16}" text-anchor="middle"'
        f' fill="currentColor">0</text>'
    )
    if masked:
        out.append(
            f'<text x="0" y="{bottom + 36}" fill="currentColor">'
            "This build shows the committed copy of the output, whose"
            " measurements are masked: no bars.</text>"
        )
    out += ["</svg>", "</figure>"]
    return "\n".join(out) + "\n"


def chart_of_output(output: str, source: str, column: str) -> str:
    return bar_chart(find_table(output, column), source, column)
