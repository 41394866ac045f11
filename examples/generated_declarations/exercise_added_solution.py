"""The solution of exercise_added.py."""

from pathlib import Path

import generated_declarations as gd
from exercise_added import check

# ANCHOR: solution
ADDED = """
/// The spread of a summary: `max - min`; NaN if `summary` is NULL.
///
/// # Safety
///
/// `summary` is NULL or points to a readable `Summary`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn summary_range(summary: *const Summary) -> f64 {
    // SAFETY: NULL or a readable Summary (the caller's contract).
    match unsafe { summary.as_ref() } {
        Some(summary) => summary.max - summary.min,
        None => f64::NAN,
    }
}
"""


def regenerated_header(crate: Path) -> str:
    """What cbindgen writes for the crate as it is now."""
    return gd.generate(crate, crate / "cbindgen.toml")
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(ADDED, regenerated_header)
