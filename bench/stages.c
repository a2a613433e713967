/* stages.c -- CPU time of each stage of the casus pipeline over a corpus:
 * read, clean, segment, recognize, code, JSON output, store.
 *
 * bench/run builds and runs it; by hand:
 *
 *   cc -O2 -std=c17 -Iinclude -Ilib bench/stages.c build-bench/libcasus.a \
 *      $(pkg-config --libs jansson libxml-2.0 sqlite3 zlib icu-uc \
 *      icu-i18n libexttextcat libutf8proc) -lm -lpthread -o stages
 *   ./stages CORPUS.jsonl [DB]
 *
 * It runs each article through the same steps as casus_doc_process
 * (lib/code/process.c), timing each with the thread's CPU clock.
 * "recognize" is measured by a second pass of casus__tok_info and
 * casus__recognize over every sentence after casus__code (which calls
 * them itself), so that both run on warm caches; "code" is casus__code
 * minus that, i.e. clauses, patterns and events.  The split is an
 * estimate; the sum of the stages is what the pipeline costs.
 * With DB, the articles are also stored (casus_store_put, one
 * transaction per 1000 articles).  Prints one JSON object on stdout:
 * seconds per stage, articles, sentences, bytes of text, events.
 */
#define _POSIX_C_SOURCE 200809L
#include "engine_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

enum { S_READ, S_CLEAN, S_SEGMENT, S_RECOGNIZE, S_CODE, S_JSON, S_STORE,
       S_N };
static const char *const stage_names[S_N] = {
  "read", "clean", "segment", "recognize", "code", "json", "store"};

/* Returns the thread's CPU time in seconds. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs the recognizer alone over D's sentences (as casus__code does,
 * with the publication date as the anchor).  Returns 0 or an error. */
static int recognize_all(const casus_engine *e, casus_doc *d) {
  tok_info *ti = NULL;
  int rc = casus__tok_info(e, d, &ti);
  for (size_t si = 0; si < d->seg.nsents && !rc; si++) {
    casus_sentence s = d->seg.sents[si];
    sent_m m;
    rc = casus__recognize(e, d, &s, ti + s.tok, d->published, &m);
  }
  return rc;
}

typedef struct totals {
  double t[S_N];
  long articles, sentences, events, rejected;
  unsigned long long bytes;
} totals;

/* Codes article A through every stage, adding times and counts to T.
 * Returns 0, or an error code (the article is counted as rejected). */
static int one_article(const casus_engine *e, casus_store *st,
                       const casus_article *a, totals *t, long *in_batch) {
  long day;
  if (!a->published || !casus__parse_iso_date(a->published, &day) ||
      !a->text || !a->text_len)
    return CASUS_EINVAL;
  casus_error err;
  double t0 = cpu_now();
  casus_doc *d = casus__doc_new();
  if (!d)
    return CASUS_ENOMEM;
  d->published = day;
  const char *id = a->id ? a->id : "?";
  d->article_id = casus__arena_strndup(&d->arena, id, strlen(id));
  if (a->source)
    d->source = casus__arena_strndup(&d->arena, a->source,
                                     strlen(a->source));
  int rc = casus__clean(e->langid, e->chrome, a->language, a->text,
                        a->text_len, &d->arena, &d->clean, &err);
  double t1 = cpu_now();
  if (!rc)
    rc = casus__segment(e->abbrev, d->clean.text, d->clean.len,
                        d->clean.keep, d->clean.nkeep, &d->arena, &d->seg,
                        &err);
  double t2 = cpu_now();
  if (!rc)
    rc = casus__code(e, d, &err);
  double t3 = cpu_now();
  /* The recognizer again, on warm caches as it ran inside casus__code. */
  if (!rc)
    rc = recognize_all(e, d);
  double t4 = cpu_now();
  for (size_t i = 0; !rc && i < d->nevents; i++) {
    char *json = NULL;
    rc = casus_event_to_json(d, &d->events[i], &json);
    casus_free(json);
  }
  double t5 = cpu_now();
  if (!rc && st) {
    int inserted;
    if (!*in_batch)
      rc = casus_store_begin(st, &err);
    if (!rc)
      rc = casus_store_put(st, a, d, &inserted, &err);
    if (!rc && ++*in_batch >= 1000) {
      rc = casus_store_commit(st, &err);
      *in_batch = 0;
    }
  }
  double t6 = cpu_now();
  t->t[S_CLEAN] += t1 - t0;
  t->t[S_SEGMENT] += t2 - t1;
  t->t[S_RECOGNIZE] += t4 - t3;
  t->t[S_CODE] += (t3 - t2) - (t4 - t3);
  t->t[S_JSON] += t5 - t4;
  t->t[S_STORE] += t6 - t5;
  if (!rc) {
    t->sentences += (long)d->seg.nsents;
    t->events += (long)d->nevents;
    t->bytes += a->text_len;
  }
  casus_doc_free(d);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: stages CORPUS.jsonl [DB]\n");
    return 2;
  }
  casus_error err;
  casus_engine *e = NULL;
  casus_reader *r = NULL;
  casus_store *st = NULL;
  totals t = {0};
  long in_batch = 0;
  int status = 2;
  double l0 = cpu_now();
  if (casus_engine_open(NULL, &e, &err))
    goto done;
  double load = cpu_now() - l0;
  if (argc == 3 && casus_store_open(argv[2], &st, &err))
    goto done;
  if (casus_reader_open(argv[1], NULL, &r, &err))
    goto done;
  for (;;) {
    casus_article *a = NULL;
    double r0 = cpu_now();
    int rc = casus_reader_next(r, &a, &err);
    t.t[S_READ] += cpu_now() - r0;
    if (rc == CASUS_DONE)
      break;
    if (rc) {
      t.rejected++;
      continue;
    }
    if (one_article(e, st, a, &t, &in_batch))
      t.rejected++;
    else
      t.articles++;
    casus_article_free(a);
  }
  if (st && in_batch) {
    double c0 = cpu_now();
    if (casus_store_commit(st, &err))
      goto done;
    t.t[S_STORE] += cpu_now() - c0;
  }
  printf("{\"engine_load_s\": %.6f, \"articles\": %ld, \"rejected\": %ld, "
         "\"sentences\": %ld, \"events\": %ld, \"bytes\": %llu, "
         "\"stages_s\": {",
         load, t.articles, t.rejected, t.sentences, t.events, t.bytes);
  for (int i = 0; i < S_N; i++)
    if (i != S_STORE || st)
      printf("%s\"%s\": %.6f", i ? ", " : "", stage_names[i], t.t[i]);
  printf("}}\n");
  status = 0;
done:
  if (status)
    fprintf(stderr, "stages: %s\n", err.msg[0] ? err.msg : "failed");
  casus_reader_close(r);
  casus_store_close(st);
  casus_engine_close(e);
  return status;
}
