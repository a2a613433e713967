/* fuzz_txt.c -- fuzz target: bytes read as a plain-text article through
 * casus_reader_open_mem.  Every article returned must be well formed;
 * anything else aborts so the fuzzer reports it. */
#include "casus.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void drain(const uint8_t *data, size_t size, const char *format,
                  const char *published) {
  bool txt = format != NULL;
  casus_read_opts o = {.format = format, .published = published,
                       .source = "Fuzz"};
  casus_reader *r = NULL;
  casus_error e;
  if (casus_reader_open_mem(data, size, "fuzz.txt", &o, &r, &e))
    return;
  for (int i = 0; i < 4; i++) {
    casus_article *a = NULL;
    int rc = casus_reader_next(r, &a, &e);
    if (rc == CASUS_DONE)
      break;
    if (rc == CASUS_OK) {
      if (!a->id || !a->text || !a->published ||
          (txt && strcmp(a->published, "2024-01-18") != 0) ||
          memchr(a->text, '\0', a->text_len) ||
          (a->title && strlen(a->title) >= 200))
        abort();
    } else if (a || e.code != rc) {
      abort();
    }
    casus_article_free(a);
  }
  casus_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  drain(data, size, "txt", "2024-01-18T10:00:00Z");
  drain(data, size, "txt", NULL);
  drain(data, size, NULL, "2024-01-18");  /* sniffed format */
  return 0;
}
