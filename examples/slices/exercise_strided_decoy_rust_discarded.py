"""Wrong: Rust scales a copy, but the view gets numpy's own product."""

import numpy as np

from exercise_strided import check
from slices import scale


def scale_view(view: np.ndarray, factor: float) -> None:
    scale(np.ascontiguousarray(view), factor)  # Rust's result is dropped
    view *= factor


if __name__ == "__main__":
    check(scale_view)
