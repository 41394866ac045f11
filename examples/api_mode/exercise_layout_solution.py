"""The solution of exercise_layout.py."""

from exercise_layout import check

# ANCHOR: solution
READING = "typedef struct { float celsius; uint32_t sensor; ...; } Reading;"
# ANCHOR_END: solution

if __name__ == "__main__":
    check(READING)
