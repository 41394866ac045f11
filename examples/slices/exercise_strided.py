"""Exercise: scale every other element of an array, in place.

Run it: python examples/slices/exercise_strided.py
It prints FAIL and the reason until `scale_view` is right, then PASS.
"""

import numpy as np

import slices
from ffi_book import RecordingLib
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
    """Print PASS, or FAIL and the reason. The result alone proves
    nothing (numpy can scale a view by itself): the check records what
    Rust's scale_f64 received and did, through slices.lib."""
    values = np.arange(6, dtype=np.float64)
    recording = RecordingLib(slices.lib)
    slices.lib = recording  # scale() looks it up on every call
    try:
        scale_view(values[::2], 10.0)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    finally:
        slices.lib = recording.real_lib
    expected = [0.0, 1.0, 20.0, 3.0, 40.0, 5.0]
    # What each scale_f64 left in the memory it was given: Rust's work.
    scaled = [
        list(args[0])[: args[1]]
        for name, args, _ in recording.calls
        if name == "scale_f64"
    ]
    if values.tolist() != expected:
        print(f"FAIL: the array is {values.tolist()}, not {expected}")
    elif scaled != [[0.0, 20.0, 40.0]]:
        print(f"FAIL: Rust's scale_f64 calls left {scaled}, not [[0, 20, 40]]")
    else:
        print(f"PASS: Rust scaled [0, 2, 4], the view gave {values.tolist()}")


if __name__ == "__main__":
    check()
