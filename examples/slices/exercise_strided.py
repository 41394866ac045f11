"""Exercise: scale every other element of an array, in place.

Run it: python examples/slices/exercise_strided.py
It prints FAIL and the reason until `scale_view` is right, then PASS.
"""

import numpy as np

from slices import scale


# ANCHOR: task
def scale_view(view: np.ndarray, factor: float) -> None:
    """Multiply every element of `view` by `factor`, in place, with Rust.

    `view` may be a strided view such as values[::2], which Rust cannot
    take as one pointer and a length: scale() refuses it.
    """
    scale(view, factor)
    # ANCHOR_END: task


def check(scale_view=scale_view) -> None:
    """Print PASS, or FAIL and the reason."""
    values = np.arange(6, dtype=np.float64)
    try:
        scale_view(values[::2], 10.0)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    expected = [0.0, 1.0, 20.0, 3.0, 40.0, 5.0]
    if values.tolist() != expected:
        print(f"FAIL: the array is {values.tolist()}, not {expected}")
    else:
        print(f"PASS: scale_view(values[::2], 10) gave {values.tolist()}")


if __name__ == "__main__":
    check()
