"""The C declarations of the textstats library, and the loaded library.

Every exported function starts with `textstats_`, every status constant
with `TEXTSTATS_`: the prefix keeps them apart from other libraries' names
and lets the checks tell functions from constants.
"""

from cffi import FFI

from ffi_book import library_path

# ANCHOR: cdef
CDEF = """
    #define TEXTSTATS_OK 0
    #define TEXTSTATS_NULL_POINTER 1
    #define TEXTSTATS_INVALID_UTF8 2

    typedef struct {
        uint64_t bytes, chars, words, lines;
        uint32_t longest_word;
    } TextStats;

    int32_t textstats_count_words(const char *text, size_t len,
                                  uint64_t *out);
    int32_t textstats_count_chars(const char *text, size_t len,
                                  uint64_t *out);
    int32_t textstats_analyze(const char *text, size_t len,
                              TextStats *out);
    const char *textstats_status_message(int32_t status);
    size_t textstats_stats_layout(size_t *out, size_t capacity);
"""
# ANCHOR_END: cdef

ffi = FFI()
ffi.cdef(CDEF)
lib = ffi.dlopen(str(library_path("contributing_binding")))
