"""Wrong: Point fixed, but Circle's fields still in the wrong order."""

from exercise_declaration import check

DECLARATIONS = """
    typedef struct { double x, y; } Point;
    typedef struct { double radius; Point center; } Circle;
"""

if __name__ == "__main__":
    check(DECLARATIONS)
