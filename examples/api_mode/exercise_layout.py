"""Exercise: let the C compiler tell cffi where a struct's fields are.

Run it: python examples/api_mode/exercise_layout.py
It prints FAIL and the reason until `READING` is right, then PASS.
"""

import hashlib

from api_mode import BUILD, compile_module, load_module

# ANCHOR: task
# api_mode.h says: typedef struct { uint32_t sensor; float celsius; } Reading;
# This declaration lists the fields in another order, and ABI mode would
# believe it. Fix it WITHOUT reordering the fields: in API mode, cffi can
# ask the C compiler for the layout.
READING = "typedef struct { float celsius; uint32_t sensor; } Reading;"
# ANCHOR_END: task
FUNCTIONS = "double mean_celsius(const Reading *readings, size_t len);"


def check(reading: str = READING) -> None:
    """Print PASS, or FAIL and the reason."""
    cdef = reading + FUNCTIONS
    folder = BUILD / "exercise" / hashlib.sha256(cdef.encode()).hexdigest()
    try:
        module = load_module(compile_module("_layout_exercise", cdef, folder))
        pairs = [  # a sensor number that only a uint32_t holds
            {"sensor": 3_000_000_000, "celsius": 21.5},
            {"sensor": 2, "celsius": 23.5},
        ]
        readings = module.ffi.new("Reading[]", pairs)
        mean = module.lib.mean_celsius(readings, len(pairs))
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    declared = [name for name, _ in module.ffi.typeof("Reading").fields]
    if declared != ["celsius", "sensor"]:
        print(f"FAIL: the fields are declared as {declared}: keep the order")
    elif mean != 22.5:
        print(f"FAIL: mean_celsius returned {mean}, not 22.5")
    else:
        print("PASS: mean_celsius returned 22.5 with the compiler's layout")


if __name__ == "__main__":
    check()
