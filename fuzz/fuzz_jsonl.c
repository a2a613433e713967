/* fuzz_jsonl.c -- fuzz target: bytes read as JSON Lines, then as a .json
 * document, through casus_reader_open_mem.  Every article returned must be
 * well formed; anything else aborts so the fuzzer reports it. */
#include "fuzz_reader.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless A has the fields every article must have. */
static void check(const casus_article *a, const casus_read_opts *o) {
  (void)o;
  if (!a->id || !a->text || !a->published || !a->language || !a->origin)
    abort();
  if (strlen(a->text) != a->text_len || strlen(a->published) != 10)
    abort();
}

static void drain(const uint8_t *data, size_t size, const char *format,
                  size_t max) {
  casus_read_opts o = {.format = format, .max_record = max};
  fuzz_drain(data, size, "fuzz.jsonl", &o, 100000, check);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, "jsonl", 0);
  drain(data, size, "jsonl", 64);
  drain(data, size, "json", 0);
  return 0;
}
