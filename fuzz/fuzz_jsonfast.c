/* fuzz_jsonfast.c -- differential fuzz target for the reader's fast JSON
 * path (lib/read/jsonfast.c): whenever casus__json_fast accepts the bytes,
 * json_loadb(bytes, 0) must accept them too and return an equal value
 * (json_equal: same keys, same string bytes, same nulls); a decline is
 * always allowed, since the reader then uses json_loadb itself.  The input
 * is tried as it is and as the "text" of a flat record, so that mutations
 * exercise the string decoder even from short inputs. */
#include "read/read_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless the fast path agrees with jansson on S[0..N). */
static void differ(const char *s, size_t n) {
  json_t *fast = casus__json_fast(s, n);
  if (!fast)
    return;
  json_error_t je;
  json_t *ref = json_loadb(s, n, 0, &je);
  if (!ref || !json_equal(fast, ref))
    abort();
  json_decref(ref);
  json_decref(fast);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  differ((const char *)data, size);
  static const char pre[] = "{\"id\": \"x\", \"text\": \"";
  static const char post[] = "\", \"title\": null}";
  size_t n = sizeof pre - 1 + size + sizeof post - 1;
  char *rec = malloc(n);
  if (!rec)
    return 0;
  memcpy(rec, pre, sizeof pre - 1);
  if (size)
    memcpy(rec + sizeof pre - 1, data, size);
  memcpy(rec + sizeof pre - 1 + size, post, sizeof post - 1);
  differ(rec, n);
  free(rec);
  return 0;
}
