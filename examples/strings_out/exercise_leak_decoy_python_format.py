"""Wrong: formats in Python, so nothing leaks because Rust never runs."""

from exercise_leak import check
from strings_out import lib


def format_all(values: list[float], lib=lib) -> list[str]:
    return [f"{value:.1f} °C" for value in values]


if __name__ == "__main__":
    check(format_all)
