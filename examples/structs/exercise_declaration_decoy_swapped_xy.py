"""Wrong: the right types and sizes, with x and y in each other's place."""

from exercise_declaration import check

DECLARATIONS = """
    typedef struct { double y, x; } Point;
    typedef struct { Point center; double radius; } Circle;
"""

if __name__ == "__main__":
    check(DECLARATIONS)
