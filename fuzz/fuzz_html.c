/* fuzz_html.c -- fuzz target: bytes read as an HTML page through
 * casus_reader_open_mem.  Every article returned must be well formed;
 * anything else aborts so the fuzzer reports it. */
#include "fuzz_reader.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless A has the fields every HTML article must have. */
static void check(const casus_article *a, const casus_read_opts *o) {
  (void)o;
  if (!a->id || !a->text || !a->language || !a->origin ||
      strlen(a->text) != a->text_len || strlen(a->published) != 10)
    abort();
}

static void drain(const uint8_t *data, size_t size, const char *published) {
  casus_read_opts o = {.format = "html", .published = published};
  fuzz_drain(data, size, "fuzz.html", &o, 4, check);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, NULL);
  drain(data, size, "2024-01-18");
  return 0;
}
