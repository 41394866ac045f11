"""Copy stdin to stderr, hiding what changes from run to run in a panic.

numbers.py sends its stderr through this filter before it makes Rust
panic, so that the book shows the same text on every build. It changes
three things, and keeps every other line exactly as Rust wrote it:

- the thread's id in "thread '<unnamed>' (12345) panicked" becomes "<id>";
- "/rustc/<commit>/library/...", where the Rust compiler's own sources
  were built, becomes "<rust>/library/...";
- the lines of a stack backtrace, full of addresses that change with every
  run, become one line saying how many were hidden.
"""

import re
import sys

THREAD_ID = re.compile(r"^(thread '[^']*') \(\d+\)", re.M)
RUST_SOURCES = re.compile(r"/rustc/[0-9a-f]{40}/")
BACKTRACE = "stack backtrace:"
FRAME = re.compile(r"^ +(\d+:|at ) ?")


def tidy(text: str) -> str:
    text = THREAD_ID.sub(r"\1 (<id>)", text)
    text = RUST_SOURCES.sub("<rust>/", text)
    lines, frames, in_backtrace = [], 0, False
    for line in text.splitlines():
        if in_backtrace and FRAME.match(line):
            frames += line.lstrip()[0].isdigit()
            continue
        if in_backtrace:
            lines.append(f"   [{frames} frames hidden]")
            in_backtrace = False
        lines.append(line)
        if line == BACKTRACE:
            in_backtrace, frames = True, 0
    if in_backtrace:
        lines.append(f"   [{frames} frames hidden]")
    return "".join(f"{line}\n" for line in lines)


if __name__ == "__main__":
    sys.stderr.write(tidy(sys.stdin.read()))
