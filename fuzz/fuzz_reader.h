/* fuzz_reader.h -- the drain loop shared by the reader fuzz targets
 * (fuzz_jsonl, fuzz_html, fuzz_txt).
 *
 * fuzz_drain() opens the bytes with casus_reader_open_mem and reads
 * articles until CASUS_DONE or a cap.  Each article read is handed to the
 * target's own check, which aborts on a malformed one; an error return
 * that comes with an article, or whose casus_error code differs from the
 * return code, aborts here.  static inline so that each target includes
 * it without unused-function warnings. */
#ifndef CASUS_FUZZ_READER_H
#define CASUS_FUZZ_READER_H

#include "casus.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* A target's check of one article A read with options O: returns if A is
 * well formed, aborts otherwise. */
typedef void (*fuzz_check_fn)(const casus_article *a,
                              const casus_read_opts *o);

/* Reads DATA[0..SIZE) as the file NAME with options O, at most MAX
 * articles, passing each to CHECK; returns quietly when the reader cannot
 * be opened.  Aborts on an inconsistent error (see the file comment). */
static inline void fuzz_drain(const uint8_t *data, size_t size,
                              const char *name, const casus_read_opts *o,
                              int max, fuzz_check_fn check) {
  casus_reader *r = NULL;
  casus_error e;
  if (casus_reader_open_mem(data, size, name, o, &r, &e))
    return;
  for (int i = 0; i < max; i++) {
    casus_article *a = NULL;
    int rc = casus_reader_next(r, &a, &e);
    if (rc == CASUS_DONE)
      break;
    if (rc == CASUS_OK)
      check(a, o);
    else if (a || e.code != rc)
      abort();
    casus_article_free(a);
  }
  casus_reader_close(r);
}

#endif /* CASUS_FUZZ_READER_H */
