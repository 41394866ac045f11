"""Wrong: Rust scales a contiguous copy, which is never written back."""

import numpy as np

from exercise_strided import check
from slices import scale


def scale_view(view: np.ndarray, factor: float) -> None:
    scale(np.ascontiguousarray(view), factor)


if __name__ == "__main__":
    check(scale_view)
