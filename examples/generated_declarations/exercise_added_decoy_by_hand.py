"""Wrong: the declaration typed into bindings.h instead of regenerated."""

from pathlib import Path

from exercise_added import check

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
    old = (crate / "bindings.h").read_text(encoding="utf-8")
    declaration = "double summary_range(const struct Summary *summary);"
    return f"{old}\n{declaration}\n"


if __name__ == "__main__":
    check(ADDED, regenerated_header)
