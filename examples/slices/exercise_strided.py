"""Exercise: scale every other element of an array, in place.

Run it: python examples/slices/exercise_strided.py
It prints FAIL and the reason until `scale_view` is right, then PASS.
"""

import numpy as np

import slices
from ffi_book import RecordingLib, lib_replaced
from slices import scale


# ANCHOR: task
def scale_view(view: np.ndarray, factor: float) -> None:
    """Multiply every element of `view` by `factor`, in place, with Rust.

    `view` may be a strided view such as values[::2], which Rust cannot
    take as one pointer and a length: scale() refuses it.
    """
    scale(view, factor)
    # ANCHOR_END: task


class ScaleRecorder(RecordingLib):
    """Stands in for slices.lib: records the values each scale_f64 call
    left in its buffer as Rust returned. With `factor` set, Rust is asked
    to multiply by that factor instead of the one it was given: a result
    that only Rust's output, not the answer's own arithmetic, can match."""

    def __init__(self, real_lib, factor=None):
        super().__init__(real_lib)
        self.factor, self.outputs = factor, []

    def __getattr__(self, name):
        function = super().__getattr__(name)
        if name != "scale_f64":
            return function

        def scale_f64(data, n, factor):
            asked = factor if self.factor is None else self.factor
            status = function(data, n, asked)
            if status == 0:  # OK: Rust wrote the buffer
                self.outputs += [data[i] for i in range(n)]
            return status

        return scale_f64


def run(scale_view, recording: ScaleRecorder) -> list[float]:
    """The array after scale_view(values[::2], 10.0), with `recording` in
    place of slices.lib and of any name the answer's module bound to it
    (`from slices import lib`)."""
    values = np.arange(6, dtype=np.float64)
    with lib_replaced(slices, scale_view, recording):
        scale_view(values[::2], 10.0)
    return values.tolist()


def check(scale_view=scale_view) -> None:
    """Print PASS, or FAIL and the reason. The result alone proves
    nothing (numpy can scale a view by itself): the check records what
    Rust's scale_f64 left in memory, in any number of calls, and runs
    scale_view once more with a Rust that multiplies by 7 instead."""
    real, by_7 = ScaleRecorder(slices.lib), ScaleRecorder(slices.lib, 7.0)
    try:
        values = run(scale_view, real)
        values_by_7 = run(scale_view, by_7)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    expected = [0.0, 1.0, 20.0, 3.0, 40.0, 5.0]
    rust_wrote = sorted(real.outputs)
    if values != expected:
        print(f"FAIL: the array is {values}, not {expected}")
    elif rust_wrote != [0.0, 20.0, 40.0]:
        print(f"FAIL: Rust's scale_f64 wrote {rust_wrote}, not [0, 20, 40]")
    elif values_by_7[::2] != [0.0, 14.0, 28.0]:
        print(
            f"FAIL: with a Rust that multiplies by 7, the view holds"
            f" {values_by_7[::2]}, not Rust's [0, 14, 28]: the values"
            " must come from Rust"
        )
    else:
        print(f"PASS: Rust scaled [0, 2, 4], the view gave {values}")


if __name__ == "__main__":
    check()
