"""Wrong: a safe extern "C" fn that dereferences its pointer argument."""

from pathlib import Path

import generated_declarations as gd
from exercise_added import check

ADDED = """
/// The spread of a summary: `max - min`; NaN if `summary` is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn summary_range(summary: *const Summary) -> f64 {
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


if __name__ == "__main__":
    check(ADDED, regenerated_header)
