"""Wrong: copies api_mode.h's field order, which the task forbids."""

from exercise_layout import check

READING = "typedef struct { uint32_t sensor; float celsius; } Reading;"

if __name__ == "__main__":
    check(READING)
