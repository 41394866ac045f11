"""The solution of exercise_version.py."""

from exercise_version import check


# ANCHOR: solution
def require_version(lib) -> None:
    """Compare the header's constant with the library's own answer."""
    built, declared = lib.summary_version(), lib.SUMMARY_VERSION
    if built != declared:
        raise ImportError(
            f"the library is version {built}, its declarations {declared}:"
            " regenerate bindings.h or rebuild the library"
        )
    # ANCHOR_END: solution


if __name__ == "__main__":
    check(require_version)
