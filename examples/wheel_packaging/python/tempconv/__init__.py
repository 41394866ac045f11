"""Temperature conversions in Rust, for Python.

The Rust functions are in `tempconv._native`: a cffi module that maturin
generates (ABI mode), or a C extension that setuptools compiles (API
mode). This file is the same for both.
"""

# ANCHOR: wrapper
from tempconv._native import lib

ABSOLUTE_ZERO_C = -273.15
ABSOLUTE_ZERO_F = -459.67


def celsius_to_fahrenheit(celsius: float) -> float:
    """Degrees Celsius to degrees Fahrenheit."""
    if celsius < ABSOLUTE_ZERO_C:
        raise ValueError(f"{celsius} °C is below absolute zero")
    return lib.celsius_to_fahrenheit(celsius)


def fahrenheit_to_celsius(fahrenheit: float) -> float:
    """Degrees Fahrenheit to degrees Celsius."""
    if fahrenheit < ABSOLUTE_ZERO_F:
        raise ValueError(f"{fahrenheit} °F is below absolute zero")
    return lib.fahrenheit_to_celsius(fahrenheit)


# ANCHOR_END: wrapper
