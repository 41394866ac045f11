"""Wrong: count_chars declared as void textstats_count_chars(void)."""

from exercise_planted import check

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
    void textstats_count_chars(void);
    int32_t textstats_analyze(const char *text, size_t len,
                              TextStats *out);
    const char *textstats_status_message(int32_t status);
    size_t textstats_stats_layout(size_t *out, size_t capacity);
"""

if __name__ == "__main__":
    check(CDEF)
