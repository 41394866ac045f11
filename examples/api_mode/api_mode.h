/* The api_mode library's functions, declared in C by hand, from
   src/lib.rs. The C compiler reads this file; cffi's cdef does not. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t sensor;
    float celsius;
} Reading;

double mean_celsius(const Reading *readings, size_t len);

typedef bool (*KeepReading)(Reading reading, void *context);
size_t count_where(const Reading *readings, size_t len, KeepReading keep,
                   void *context);
