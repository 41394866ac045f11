"""Render one of the book's diagrams, src/diagrams/NAME.dot, as inline SVG.

A chapter shows a diagram with a line of its own (outside any code block):

    <!-- cmdrun --strict python ../scripts/diagram.py slices-ownership -->

mdbook-cmdrun runs it at build time and puts what it prints into the page:
a <figure> holding the SVG that Graphviz's `dot` draws, with no blank line
in it (Markdown would end the HTML block there). Nothing is fetched when
the page is read.

The SVG is made to fit every mdBook theme, and to be the same on every
build on one machine:
- Graphviz's comments (its version, each node's name) and the per-element
  <title>s go; ids are prefixed with NAME, unique on the print page;
- black becomes `currentColor`, the page's text colour (var(--fg)), in
  the light and the dark themes alike; the white background goes, so the
  page's shows. Any other colour in a .dot file is an error: the .dot
  file gives the element a class instead (rust-side, python-side, free,
  ub), and STYLE, inside the SVG, colours each class with mdBook's theme
  variables;
- text stays SVG text (searchable, selectable, printed sharp), one
  <text> per line of a label, which the browser lays out with its fonts.

Exits 1, naming the diagram, when `dot` is missing (run scripts/setup) or
fails: --strict then writes "cmdrun error" into the page, which
scripts/check_book.py turns into a failed check.

Usage: python scripts/diagram.py NAME
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIAGRAMS = ROOT / "src" / "diagrams"


class DiagramError(Exception):
    """The diagram cannot be drawn as the book expects."""


# What each class means, in the colours of the reader's theme. Rules of
# a stylesheet override the fill and stroke attributes Graphviz writes.
STYLE = """\
svg.diagram .rust-side > polygon { fill: var(--quote-bg); }
svg.diagram .python-side > polygon { fill: var(--theme-hover); }
svg.diagram .node > polygon { fill: var(--bg); }
svg.diagram .edge.free path { stroke: var(--links); }
svg.diagram .edge.free polygon { stroke: var(--links); fill: var(--links); }
svg.diagram .edge.free text { fill: var(--links); }
svg.diagram .node.ub > polygon { stroke: var(--warning-border); }
"""
# Graphviz's colour names, as it writes them, and what they become.
COLOURS = {"black": "currentColor", "none": "none", "transparent": "none"}
COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
PROLOG = re.compile(r"<\?xml.*?\?>\n?|<!DOCTYPE.*?>\n?", re.S)
BACKGROUND = re.compile(
    r'<polygon fill="white" stroke="(?:transparent|none)"[^>]*/>\n?'
)
TITLE = re.compile(r"<title>.*?</title>\n?", re.S)
COLOUR = re.compile(r'\b(fill|stroke)="([^"]*)"')
TEXT = re.compile(r"<text\b(?![^>]*\bfill=)")
SVG_TAG = re.compile(r"<svg\b[^>]*>")
SIZE = re.compile(r'\b(width|height)="([\d.]+)pt"')
ID = re.compile(r'\bid="([^"]*)"')
NODE = re.compile(r'(<g id="[^"]*" class="node[^"]*">\n)(.*?)(</g>)', re.S)
POINTS = re.compile(r'<polygon[^>]*\bpoints="([^"]*)"')
RUN = re.compile(
    r'<text fill="currentColor" text-anchor="start" x="[-\d.]+"'
    r' y="(?P<y>[-\d.]+)" font-family="(?P<font>[^"]*)"'
    r' font-size="(?P<size>[\d.]+)">(?P<text>[^<]*)</text>\n'
)


def one_text_per_line(svg: str) -> str:
    """Graphviz places each font run of an HTML-like label (a name in
    monospace inside a sentence) at an x it measured with its own fonts:
    with the reader's fonts, runs would overlap or leave gaps. Each line
    becomes one <text>, centred in its node, with a <tspan> per run, so
    the browser lays the runs out with the fonts it has."""

    def node(match: re.Match) -> str:
        start, body, end = match.groups()
        shape = POINTS.search(body)
        runs = list(RUN.finditer(body))
        if not shape or not runs:
            return match[0]
        xs = [float(p.split(",")[0]) for p in shape[1].split()]
        centre = f"{(min(xs) + max(xs)) / 2:g}"
        lines: dict[str, list[re.Match]] = {}
        for run in runs:
            lines.setdefault(run["y"], []).append(run)
        merged = ""
        for y, line in lines.items():
            spans = "".join(
                f'<tspan font-family="{r["font"]}">{r["text"]}</tspan>'
                for r in line
            )
            merged += (
                f'<text fill="currentColor" text-anchor="middle" x="{centre}"'
                f' y="{y}" font-size="{line[0]["size"]}">{spans}</text>\n'
            )
        body = RUN.sub("", body)
        return start + body + merged + end

    return NODE.sub(node, svg)


def themed(svg: str, name: str) -> str:
    """Graphviz's SVG made deterministic, and coloured by the theme."""
    svg = PROLOG.sub("", COMMENT.sub("", svg))
    svg = svg.replace("&#45;", "-")  # Graphviz's escape of every hyphen
    titles = TITLE.findall(svg)
    svg = TITLE.sub("", svg)
    svg = BACKGROUND.sub("", svg, count=1)

    def colour(match: re.Match) -> str:
        attribute, value = match.groups()
        if value not in COLOURS:
            raise DiagramError(
                f"src/diagrams/{name}.dot: {attribute} {value!r}: give the"
                " element a class instead (see STYLE in scripts/diagram.py),"
                " so that the theme colours it"
            )
        return f'{attribute}="{COLOURS[value]}"'

    svg = COLOUR.sub(colour, svg)
    svg = TEXT.sub('<text fill="currentColor"', svg)
    svg = one_text_per_line(svg)
    svg = ID.sub(lambda m: f'id="{name}-{m[1]}"', svg)
    svg_tag = SVG_TAG.search(svg)
    if svg_tag is None:
        raise DiagramError(f"src/diagrams/{name}.dot: dot wrote no <svg>")
    # The size in CSS pixels (1pt = 4/3 px); narrower on a narrow screen.
    tag = SIZE.sub(
        lambda m: f'{m[1]}="{round(float(m[2]) * 4 / 3)}"', svg_tag[0]
    )
    title = titles[0] if titles else f"<title>{name}</title>\n"
    tag = tag.replace(
        "<svg",
        f'<svg class="diagram" role="img" aria-labelledby="{name}-title"'
        ' style="max-width: 100%; height: auto"',
        1,
    )
    title = title.replace("<title>", f'<title id="{name}-title">', 1)
    svg = (
        svg[: svg_tag.start()]
        + tag.replace(" \n", " ").replace("\n", " ")
        + f"\n{title}<style>\n{STYLE}</style>"
        + svg[svg_tag.end() :]
    )
    lines = [line.rstrip() for line in svg.strip().splitlines()]
    # No blank line: it would end the HTML block in Markdown.
    return "\n".join(line for line in lines if line) + "\n"


def dot_command() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(
            "Graphviz's `dot` is not installed: run scripts/setup (Debian,"
            " Ubuntu: apt-get install graphviz)"
        )
    return dot


def render(name: str, folder: Path | None = None) -> str:
    """The <figure> a page shows for src/diagrams/NAME.dot (NAME.dot of
    `folder`)."""
    source = (folder or DIAGRAMS) / f"{name}.dot"
    if not source.is_file():
        raise DiagramError(f"there is no src/diagrams/{name}.dot")
    done = subprocess.run(
        [dot_command(), "-Tsvg", source],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    # dot warns on stderr (an unknown attribute, a colour it does not
    # know) and still draws: a warning is an error here.
    if done.returncode != 0 or done.stderr.strip():
        raise DiagramError(
            f"dot failed on src/diagrams/{name}.dot:\n{done.stderr}"
        )
    svg = themed(done.stdout, name)
    # No side margins: the page is narrow enough for a wide diagram.
    return (
        f'<figure class="diagram" id="{name}" style="margin: 1em 0">\n'
        f"{svg}</figure>\n"
    )


def kept_path(name: str, dot: str) -> tuple[Path, str] | None:
    """Under scripts/serve (FFI_BOOK_CACHE=1) each rebuild runs every
    cmdrun line: keep the figure, keyed by the .dot file, this script and
    the dot program, and draw again only when one of them changed."""
    if os.environ.get("FFI_BOOK_CACHE") != "1":
        return None
    key = hashlib.sha256()
    for path in (Path(__file__), DIAGRAMS / f"{name}.dot"):
        key.update(path.read_bytes() if path.is_file() else b"")
    stat = os.stat(dot)
    key.update(f"{dot} {stat.st_size} {stat.st_mtime_ns}".encode())
    target = os.environ.get("CARGO_TARGET_DIR") or "target"
    return ROOT / target / "diagrams" / f"{name}.svg", key.hexdigest()


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python scripts/diagram.py NAME", file=sys.stderr)
        return 2
    name = sys.argv[1]
    try:
        kept = kept_path(name, dot_command())
        if kept and kept[0].is_file():
            key, _, figure = (
                kept[0].read_text(encoding="utf-8").partition("\n")
            )
            if key == kept[1]:
                sys.stdout.write(figure)
                return 0
        figure = render(name)
    except DiagramError as error:
        print(f"diagram {name}: {error}", file=sys.stderr)
        return 1
    if kept:
        kept[0].parent.mkdir(parents=True, exist_ok=True)
        kept[0].write_text(f"{kept[1]}\n{figure}", encoding="utf-8")
    sys.stdout.write(figure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
