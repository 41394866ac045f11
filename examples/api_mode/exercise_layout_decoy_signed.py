"""Wrong: declares sensor as int32_t, where api_mode.h says uint32_t."""

from exercise_layout import check

READING = "typedef struct { float celsius; int32_t sensor; ...; } Reading;"

if __name__ == "__main__":
    check(READING)
