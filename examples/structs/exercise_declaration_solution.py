"""The solution of exercise_declaration.py."""

from exercise_declaration import check

# ANCHOR: solution
DECLARATIONS = """
    typedef struct { double x, y; } Point;
    typedef struct { Point center; double radius; } Circle;
"""
# ANCHOR_END: solution

if __name__ == "__main__":
    check(DECLARATIONS)
