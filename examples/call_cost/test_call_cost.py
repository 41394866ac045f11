"""The call_cost example computes right answers; its timings are not tested.

Timings belong on the page, measured by the script, never in assertions.
"""

import os

import numpy as np
import pytest

import call_cost

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="links with -rpath (Linux, macOS)"
)


@pytest.fixture(scope="module")
def release():
    return call_cost.cargo_release()


def test_every_way_to_call_add_returns_3(release):
    namespaces = call_cost.call_namespaces(release)
    for name, (statement, namespace) in namespaces.items():
        assert eval(statement, dict(namespace)) == 3, name


def test_every_way_to_sum_is_exact(release):
    values = np.arange(1000, dtype=np.float64)
    ways = call_cost.sum_ways(release, values, sample=100)
    for name, way in ways.items():
        count = 100 if name in call_cost.LOOPS else 1000
        assert way() == count * (count - 1) / 2, name


def test_sum_f64_of_null_or_empty_is_zero(release):
    ffi = call_cost.FFI()
    ffi.cdef(call_cost.DECLARATIONS)
    lib = ffi.dlopen(str(release / call_cost.library_filename("call_cost")))
    assert lib.sum_f64(ffi.NULL, 10) == 0.0
    empty = np.zeros(0)
    assert lib.sum_f64(ffi.from_buffer("double[]", empty), 0) == 0.0


def test_add_wraps_instead_of_overflowing(release):
    module = call_cost.pyo3_module()
    assert module.add(2**63 - 1, 1) == -(2**63)
    with pytest.raises(OverflowError):
        module.add(2**63, 0)
