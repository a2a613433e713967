/* fuzz_dyads.c -- fuzz target: bytes as lines of event JSON given to
 * casus_dyads_add (each line one event, as `casus dyads --events` reads
 * them), at both dyad levels; then finish, every dyad's JSON, period and
 * totals.  The JSON written must parse (jansson) and every dyad must keep
 * its invariants (counts, series inside the period, exchanges dated in
 * order); anything else aborts so the fuzzer reports it. */
#include "casus.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless dyad Y of a handle whose period is FROM..TO is sound. */
static void check_dyad(const casus_dyad *y, const char *from,
                       const char *to) {
  if (!y || !y->source || !y->target || y->events == 0 ||
      y->hostile > y->events || y->nseries == 0 || !y->series)
    abort();
  size_t sum = 0;
  for (size_t i = 0; i < y->nseries; i++) {
    const casus_dyad_day *d = &y->series[i];
    if (strlen(d->date) != 10 || strcmp(d->date, from) < 0 ||
        strcmp(d->date, to) > 0 || d->hostile > d->events ||
        (i && strcmp(y->series[i - 1].date, d->date) >= 0))
      abort();
    sum += d->events;
  }
  if (sum != y->events || strcmp(y->first, y->series[0].date) ||
      strcmp(y->last, y->series[y->nseries - 1].date))
    abort();
  for (size_t i = 0; i < y->ntft; i++) {
    const casus_tit_for_tat *t = &y->tft[i];
    if (t->days < 1 || strcmp(t->act.date, t->reply.date) >= 0)
      abort();
  }
}

static void run(const uint8_t *data, size_t size, int level, int window) {
  casus_dyads_opts o = {level, window, NULL, NULL};
  casus_dyads *d = NULL;
  casus_error err;
  if (casus_dyads_open(&o, &d, &err))
    abort();
  const char *p = (const char *)data, *end = p + size;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    int rc = casus_dyads_add(d, p, n, &err);
    if (rc != CASUS_OK && rc != CASUS_EPARSE && rc != CASUS_EFIELD &&
        rc != CASUS_ETOOBIG)
      abort();
    p += n + 1;
  }
  if (casus_dyads_finish(d, &err) == CASUS_OK) {
    char from[11], to[11];
    casus_dyads_period(d, from, to);
    size_t added = 0, kept = 0;
    casus_dyads_totals(d, &added, &kept);
    if (kept > added || (casus_dyads_count(d) && !from[0]))
      abort();
    for (size_t i = 0; i < casus_dyads_count(d); i++) {
      check_dyad(casus_dyads_get(d, i), from, to);
      char *json = NULL;
      if (casus_dyad_to_json(d, i, &json) != CASUS_OK)
        abort();
      json_error_t je;
      json_t *j = json_loads(json, 0, &je);
      if (!j)
        abort();  /* the writer produced invalid JSON */
      json_decref(j);
      casus_free(json);
    }
    if (casus_dyads_get(d, casus_dyads_count(d)) != NULL)
      abort();
    if (casus_dyads_add(d, "{}", 2, &err) != CASUS_EINVAL)
      abort();
  }
  casus_dyads_close(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  run(data, size, CASUS_DYAD_COUNTRY, 0);
  run(data, size, CASUS_DYAD_ACTOR, 2);
  return 0;
}
