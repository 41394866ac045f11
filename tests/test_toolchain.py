"""The Rust toolchain is pinned, and the documentation names the pin."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pinned() -> dict:
    text = (ROOT / "rust-toolchain.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["toolchain"]


def test_the_toolchain_is_one_release_with_rustfmt_and_clippy():
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned()["channel"])
    assert {"rustfmt", "clippy"} <= set(pinned()["components"])


def test_readme_and_introduction_name_the_pinned_version():
    version = f"Rust {pinned()['channel']}"
    for page in ("README.md", "src/introduction.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert version in " ".join(text.split()), page  # across line breaks
        assert "rust-toolchain.toml" in text, page
