/* fuzz_export.c -- fuzz target: bytes given as one event's JSON to every
 * exporter.  Any return code is fine; crashes, leaks and sanitizer reports
 * are not.  The exporters read the data directory built in (CASUS_DATA
 * overrides it). */
#include "casus.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sink(const char *buf, size_t len, void *ctx) {
  (void)buf;
  *(size_t *)ctx += len;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const formats[] = {"jsonl", "gdelt", "gdelt-mentions",
                                        "acled", "ucdp", "plover"};
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    size_t n = 0;
    casus_export_opts o = {sink, &n, NULL, 0};
    casus_exporter *x = NULL;
    casus_error err;
    if (casus_exporter_open(formats[i], &o, &x, &err))
      abort(); /* the data directory is missing: not a finding */
    casus_exporter_add(x, (const char *)data, size, &err);
    casus_exporter_finish(x, &err);
    casus_exporter_close(x);
  }
  return 0;
}
