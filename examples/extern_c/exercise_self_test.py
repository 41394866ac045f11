"""Exercise: test each function with known values, and name the wrong ones.

Run it: python examples/extern_c/exercise_self_test.py
It prints FAIL and the reason until `wrong_functions` is right, then PASS.
"""

from collections.abc import Mapping
from types import SimpleNamespace

from extern_c import lib as extern_c_lib


# ANCHOR: task
def wrong_functions(lib) -> list[str]:
    """Call lib's add_two, add_two_rust_abi, midpoint and midpoint_rust_abi
    once each, with arguments whose answer you know; return the names of
    those that answer wrong, in that order. (Leave scaled_sum_rust_abi
    alone: it crashes the process.) The check also runs this on stand-ins
    for lib whose wrong functions you cannot know in advance."""
    wrong = []
    if lib.add_two(10) != 12:
        wrong.append("add_two")
    return wrong
    # ANCHOR_END: task


NAMES = ["add_two", "add_two_rust_abi", "midpoint", "midpoint_rust_abi"]
RUST_ABI = [name for name in NAMES if name.endswith("_rust_abi")]


def _xy(point) -> tuple[float, float]:
    """A point's coordinates, from a dict, a tuple or list, or a struct:
    what cffi accepts for a struct argument."""
    if isinstance(point, Mapping):
        return point["x"], point["y"]
    if isinstance(point, (tuple, list)):
        return point[0], point[1]
    return point.x, point.y


def _midpoint(a, b) -> SimpleNamespace:
    (ax, ay), (bx, by) = _xy(a), _xy(b)
    return SimpleNamespace(x=(ax + bx) / 2, y=(ay + by) / 2)


def _wrong_x(a, b) -> SimpleNamespace:
    """A midpoint wrong in x only: a's x."""
    return SimpleNamespace(x=_xy(a)[0], y=_midpoint(a, b).y)


def _wrong_y(a, b) -> SimpleNamespace:
    """A midpoint wrong in y only: a's y."""
    return SimpleNamespace(x=_midpoint(a, b).x, y=_xy(a)[1])


def stand_in(wrong: list[str], wrong_midpoint) -> SimpleNamespace:
    """A lib whose functions in `wrong` answer wrong, the others right;
    its wrong midpoints answer with `wrong_midpoint`."""
    right = {"add_two": lambda x: x + 2, "midpoint": _midpoint}
    bad = {"add_two": lambda x: x * 7 + 1, "midpoint": wrong_midpoint}
    functions = {}
    for name in NAMES:
        kind = name.removesuffix("_rust_abi")
        functions[name] = (bad if name in wrong else right)[kind]
    return SimpleNamespace(**functions)


# Each stand-in's wrong functions, and how its midpoints are wrong: in
# one coordinate only, x or y, so that a test must check both.
STAND_INS = [
    (["midpoint_rust_abi"], _wrong_y),
    (["midpoint_rust_abi"], _wrong_x),
    (["add_two", "midpoint"], _wrong_y),
    ([], _wrong_x),
    (["add_two_rust_abi", "midpoint", "midpoint_rust_abi"], _wrong_x),
]


def check(wrong_functions=wrong_functions) -> None:
    """Print PASS, or FAIL and the reason."""
    try:
        for wrong, wrong_midpoint in STAND_INS:
            found = wrong_functions(stand_in(wrong, wrong_midpoint))
            if found != wrong:
                print(
                    f"FAIL: on a stand-in whose wrong functions are {wrong},"
                    f" wrong_functions returned {found}"
                )
                return
        found = wrong_functions(extern_c_lib)
    except Exception as error:
        print(f"FAIL: {type(error).__name__}: {error}")
        return
    # On the real library, the extern "C" functions answer right on every
    # platform: a test that calls them wrong tests itself, not the library.
    in_order = found == sorted(found, key=NAMES.index)
    if not set(found) <= set(RUST_ABI) or not in_order:
        print(
            f"FAIL: on the real library, wrong_functions returned {found};"
            f" only {RUST_ABI} may be wrong there: add_two and midpoint are"
            ' extern "C" and answer right (compare values, not objects)'
        )
        return
    print(
        f"PASS: right on {len(STAND_INS)} stand-ins; on this machine,"
        f" wrong: {found}"
    )


if __name__ == "__main__":
    check()
