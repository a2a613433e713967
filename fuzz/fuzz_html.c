/* fuzz_html.c -- fuzz target: bytes read as an HTML page through
 * casus_reader_open_mem.  Every article returned must be well formed;
 * anything else aborts so the fuzzer reports it. */
#include "casus.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(const uint8_t *data, size_t size, const char *published) {
  casus_read_opts o = {.format = "html", .published = published};
  casus_reader *r = NULL;
  casus_error e;
  if (casus_reader_open_mem(data, size, "fuzz.html", &o, &r, &e))
    return;
  for (int i = 0; i < 4; i++) {
    casus_article *a = NULL;
    int rc = casus_reader_next(r, &a, &e);
    if (rc == CASUS_DONE)
      break;
    if (rc == CASUS_OK) {
      if (!a->id || !a->text || !a->language || !a->origin ||
          strlen(a->text) != a->text_len || strlen(a->published) != 10)
        abort();
    } else if (a || e.code != rc) {
      abort();
    }
    casus_article_free(a);
  }
  casus_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, NULL);
  drain(data, size, "2024-01-18");
  return 0;
}
