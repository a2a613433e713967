/* fuzz_txt.c -- fuzz target: bytes read as a plain-text article through
 * casus_reader_open_mem.  Every article returned must be well formed;
 * anything else aborts so the fuzzer reports it. */
#include "fuzz_reader.h"

#include <stdbool.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless A is a well-formed article; when the format was forced
 * to txt (O->format set), its date must be 2024-01-18. */
static void check(const casus_article *a, const casus_read_opts *o) {
  bool txt = o->format != NULL;
  if (!a->id || !a->text || !a->published ||
      (txt && strcmp(a->published, "2024-01-18") != 0) ||
      memchr(a->text, '\0', a->text_len) ||
      (a->title && strlen(a->title) >= 200))
    abort();
}

static void drain(const uint8_t *data, size_t size, const char *format,
                  const char *published) {
  casus_read_opts o = {.format = format, .published = published,
                       .source = "Fuzz"};
  fuzz_drain(data, size, "fuzz.txt", &o, 4, check);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, "txt", "2024-01-18T10:00:00Z");
  drain(data, size, "txt", NULL);
  drain(data, size, NULL, "2024-01-18");  /* sniffed format */
  return 0;
}
