"""Wrong: extern "C" without no_mangle: cbindgen and the library skip it."""

from pathlib import Path

import generated_declarations as gd
from exercise_added import check

ADDED = """
/// The spread of a summary: `max - min`; NaN if `summary` is NULL.
///
/// # Safety
///
/// `summary` is NULL or points to a readable `Summary`.
pub unsafe extern "C" fn summary_range(summary: *const Summary) -> f64 {
    // SAFETY: NULL or a readable Summary (the caller's contract).
    match unsafe { summary.as_ref() } {
        Some(summary) => summary.max - summary.min,
        None => f64::NAN,
    }
}
"""


def regenerated_header(crate: Path) -> str:
    return gd.generate(crate, crate / "cbindgen.toml")


if __name__ == "__main__":
    check(ADDED, regenerated_header)
