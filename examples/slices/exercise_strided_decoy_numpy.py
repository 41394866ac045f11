"""Wrong: numpy scales the view by itself, and Rust is never called."""

import numpy as np

from exercise_strided import check


def scale_view(view: np.ndarray, factor: float) -> None:
    view *= factor


if __name__ == "__main__":
    check(scale_view)
