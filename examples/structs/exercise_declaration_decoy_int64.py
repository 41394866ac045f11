"""Wrong: int64_t fields have double's size and place, not its meaning."""

from exercise_declaration import check

DECLARATIONS = """
    typedef struct { int64_t x, y; } Point;
    typedef struct { Point center; int64_t radius; } Circle;
"""

if __name__ == "__main__":
    check(DECLARATIONS)
