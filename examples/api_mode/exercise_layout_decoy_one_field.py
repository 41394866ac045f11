"""Wrong: declares celsius only, with `...;` for the rest of the struct."""

from exercise_layout import check

READING = "typedef struct { float celsius; ...; } Reading;"

if __name__ == "__main__":
    check(READING)
