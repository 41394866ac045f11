"""Wrong: one call into Rust for show, and numpy does the real work."""

import numpy as np

from exercise_strided import check
from slices import scale


def scale_view(view: np.ndarray, factor: float) -> None:
    scale(np.zeros(3), factor)
    view *= factor


if __name__ == "__main__":
    check(scale_view)
