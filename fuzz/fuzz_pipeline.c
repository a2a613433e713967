/* fuzz_pipeline.c -- fuzz target: bytes as the text of one article run
 * through the whole pipeline (clean, segment, recognize, code) and every
 * event written as JSON.  The engine is opened once, from $CASUS_DATA or
 * the built-in data directory.  A crash, a sanitizer report or an event
 * whose spans leave the text aborts. */
#include "casus.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static casus_engine *engine(void) {
  static casus_engine *e;
  if (!e) {
    casus_error err;
    if (casus_engine_open(NULL, &e, &err))
      abort();
  }
  return e;
}

static void check_event(const casus_doc *d, const casus_event *ev,
                        size_t len) {
  for (size_t m = 0; m < ev->n_mentions; m++) {
    const casus_mention *mm = &ev->mentions[m];
    if (mm->start > mm->end || mm->end > len ||
        mm->trigger_start < mm->start || mm->trigger_end > mm->end)
      abort();
  }
  char *json = NULL;
  if (casus_event_to_json(d, ev, &json) == CASUS_OK)
    casus_free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  casus_article a;
  memset(&a, 0, sizeof a);
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  a.id = "fuzz";
  a.published = "2024-01-18";
  a.language = "en";
  a.text = text;
  a.text_len = size;
  casus_doc *d = NULL;
  casus_error err;
  if (casus_doc_process(engine(), &a, &d, &err) == CASUS_OK) {
    size_t len = 0;
    casus_doc_text(d, &len);
    for (size_t i = 0; i < casus_doc_event_count(d); i++)
      check_event(d, casus_doc_event(d, i), len);
    for (size_t i = 0; i < casus_doc_suppressed_count(d); i++)
      check_event(d, casus_doc_suppressed(d, i), len);
    casus_doc_free(d);
  }
  free(text);
  return 0;
}
