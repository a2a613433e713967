/* fuzz_jsonl.c -- fuzz target: bytes read as JSON Lines, then as a .json
 * document, through casus_reader_open_mem.  Every article returned must be
 * well formed; anything else aborts so the fuzzer reports it. */
#include "casus.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless A has the fields every article must have. */
static void check(const casus_article *a) {
  if (!a->id || !a->text || !a->published || !a->language || !a->origin)
    abort();
  if (strlen(a->text) != a->text_len || strlen(a->published) != 10)
    abort();
}

static void drain(const uint8_t *data, size_t size, const char *format,
                  size_t max) {
  casus_read_opts o = {.format = format, .max_record = max};
  casus_reader *r = NULL;
  casus_error e;
  if (casus_reader_open_mem(data, size, "fuzz.jsonl", &o, &r, &e))
    return;
  for (int i = 0; i < 100000; i++) {
    casus_article *a = NULL;
    int rc = casus_reader_next(r, &a, &e);
    if (rc == CASUS_DONE)
      break;
    if (rc == CASUS_OK)
      check(a);
    else if (a || e.code != rc)
      abort();
    casus_article_free(a);
  }
  casus_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, "jsonl", 0);
  drain(data, size, "jsonl", 64);
  drain(data, size, "json", 0);
  return 0;
}
