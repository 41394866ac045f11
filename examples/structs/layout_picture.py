"""Draw every struct's bytes, as Rust and cffi each report them, in SVG.

Prints one HTML <figure> for the chapter (scripts/example.py --html): for
each struct a bar per side, Rust's offsets and sizes (`offset_of!`,
`size_of`, read through `layout_row`) above cffi's (`cffi_layout`: each
field's offset from `ffi.typeof(...).fields`, its size from `ffi.sizeof`),
each field at its offset, the padding between fields dashed. Nothing is
drawn by hand: change a field and the picture changes.
"""

from html import escape

from structs import cffi_layout, ffi, rust_layout

WIDTH = 640  # the SVG's units; the page scales it to its width
LEFT = 48  # room for "Rust" and "cffi" left of the bars
BAR = 22  # the height of one side's bar
FONT = 13
CHAR = 7.5  # the width of one character, generously


def pieces(layout: dict, type_name: str) -> list[tuple[str, int, int]]:
    """(name, offset, size) of every field of `type_name`, in offset
    order, with "padding" for the bytes that belong to no field."""
    size = layout[type_name][1]
    fields = sorted(
        (offset, field_size, name.split(".")[1])
        for name, (offset, field_size, _) in layout.items()
        if name.startswith(type_name + ".")
    )
    result, end = [], 0
    for offset, field_size, name in fields:
        if offset > end:
            result.append(("padding", end, offset - end))
        result.append((name, offset, field_size))
        end = offset + field_size
    if size > end:
        result.append(("padding", end, size - end))
    return result


def side(layout: dict, type_name: str, who: str, top: float) -> list[str]:
    """One side's bar: each piece at its offset, scaled to the width."""
    size = layout[type_name][1]
    scale = (WIDTH - LEFT - 2) / size
    out = [
        f'<text x="0" y="{top + 15:.0f}" fill="currentColor">{who}</text>',
        f'<g class="layout" data-side="{who}" data-struct="{type_name}"'
        f' data-size="{size}">',
    ]
    for name, offset, length in pieces(layout, type_name):
        x, width = LEFT + offset * scale, length * scale
        if name == "padding":
            look = 'fill="none" stroke-dasharray="4 3"'
        else:
            look = 'style="fill: var(--links); fill-opacity: 0.3"'
        out.append(
            f'<rect data-field="{name}" data-offset="{offset}"'
            f' data-size="{length}" x="{x:.1f}" y="{top}"'
            f' width="{width:.1f}" height="{BAR}" stroke="currentColor"'
            f" {look}/>"
        )
        words = f"{name} {length}" if name == "padding" else name
        if CHAR * len(words) + 6 <= width:  # else the labels below say it
            out.append(
                f'<text x="{x + width / 2:.1f}" y="{top + 15:.0f}"'
                f' text-anchor="middle" fill="currentColor">'
                f"{escape(words)}</text>"
            )
    out.append("</g>")
    return out


def struct_picture(type_name: str, top: float) -> tuple[list[str], float]:
    """Both sides of one struct, its title above and its offsets below;
    the SVG lines and the height they take."""
    rust, cffi = rust_layout(), cffi_layout(ffi)
    size, align = rust[type_name][1:]
    out = [
        f'<text x="0" y="{top + 14:.0f}" fill="currentColor"'
        f' font-weight="bold">{type_name}: {size} bytes, aligned to'
        f" {align} (cffi: {cffi[type_name][1]} bytes, aligned to"
        f" {cffi[type_name][2]})</text>"
    ]
    out += side(rust, type_name, "Rust", top + 22)
    out += side(cffi, type_name, "cffi", top + 22 + BAR + 4)
    scale = (WIDTH - LEFT - 2) / size
    below = top + 22 + 2 * BAR + 4 + 14
    ticks = sorted({o for _, o, _ in pieces(rust, type_name)} | {size})
    for offset in ticks:
        anchor = "end" if offset == size else "start"
        out.append(
            f'<text x="{LEFT + offset * scale:.1f}" y="{below:.0f}"'
            f' text-anchor="{anchor}" fill="currentColor"'
            f' font-size="11">{offset}</text>'
        )
    narrow = [
        (name, offset, length)
        for name, offset, length in pieces(rust, type_name)
        if CHAR * len(name if name != "padding" else f"{name} {length}") + 6
        > length * scale
    ]
    for line, (name, offset, length) in enumerate(narrow, start=1):
        words = f"{name} {length}" if name == "padding" else name
        out.append(
            f'<text x="{LEFT + offset * scale:.1f}"'
            f' y="{below + 15 * line:.0f}" fill="currentColor">'
            f"{escape(words)}: bytes {offset} to {offset + length - 1}"
            "</text>"
        )
    return out, 22 + 2 * BAR + 4 + 14 + 15 * len(narrow) + 18


def picture() -> str:
    names = [name for name in rust_layout() if "." not in name]
    body, top = [], 0.0
    for type_name in names:
        lines, height = struct_picture(type_name, top)
        body += lines
        top += height
    title = (
        "The bytes of each struct: fields at their offsets, padding"
        " dashed, as Rust and as cffi report them"
    )
    return "\n".join(
        [
            '<figure class="ffi-layout">',
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img"'
            f' aria-label="{title}" viewBox="0 0 {WIDTH} {top:.0f}"'
            f' width="{WIDTH}" height="{top:.0f}"'
            f' style="max-width: 100%; height: auto; color: var(--fg);'
            f' font-size: {FONT}px">',
            f"<title>{title}</title>",
            *body,
            "</svg>",
            "</figure>",
        ]
    )


if __name__ == "__main__":
    print(picture())
