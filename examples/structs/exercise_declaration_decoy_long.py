"""Wrong: long is 8 bytes on Linux and macOS, and still not a double."""

from exercise_declaration import check

DECLARATIONS = """
    typedef struct { long x, y; } Point;
    typedef struct { Point center; long radius; } Circle;
"""

if __name__ == "__main__":
    check(DECLARATIONS)
