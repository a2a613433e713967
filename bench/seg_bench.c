/* seg_bench.c -- throughput of the segmentation stage (casus__segment).
 *
 * Not a test.  Segments the seed articles (one kept span per line), as
 * the pipeline does, many times over, and reports sentences/s, tokens/s
 * and MB/s (of article text) for two shapes of input, three runs each:
 *   per-doc   one casus__segment call per article (fresh arena each time);
 *   one-call  the seeds' text repeated REPS times, segmented in one call.
 *
 * Times are CPU seconds of the process (user + system).
 *
 * Build and run from the repository root (optimized, no sanitizers):
 *   cc -std=c17 -O2 -DNDEBUG -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib \
 *     bench/seg_bench.c lib/util/?*.c lib/segment/?*.c \
 *     $(pkg-config --cflags --libs icu-uc icu-i18n libutf8proc jansson) \
 *     -o /tmp/seg_bench
 *   /tmp/seg_bench [seeds.jsonl] [abbreviations.txt] [reps]
 * Defaults: ../shared/seeds/seeds.jsonl data/abbreviations.txt 10000. */
#include "casus_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXDOCS 64
#define MAXPARA 256

typedef struct doc {
  char *text;
  size_t len;
  casus_span keep[MAXPARA];
  size_t nkeep;
} doc;

/* Returns the CPU time of the process: steadier than wall time on a shared
 * machine. */
static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Splits D's text into one kept span per line. */
static void split_lines(doc *d) {
  uint32_t start = 0;
  d->nkeep = 0;
  for (uint32_t i = 0; i <= d->len && d->nkeep < MAXPARA; i++) {
    if (i < d->len && d->text[i] != '\n')
      continue;
    d->keep[d->nkeep++] = (casus_span){start, i};
    start = i + 1;
  }
}

/* Returns the number of articles read from PATH into DOCS. */
static size_t load_docs(const char *path, doc *docs) {
  FILE *f = fopen(path, "r");
  size_t n = 0;
  if (!f)
    return 0;
  while (n < MAXDOCS) {
    json_error_t jerr;
    json_t *j = json_loadf(f, JSON_DISABLE_EOF_CHECK, &jerr);
    if (!j)
      break;
    const char *t = json_string_value(json_object_get(j, "text"));
    if (t) {
      docs[n].text = strdup(t);
      docs[n].len = strlen(t);
      split_lines(&docs[n]);
      n++;
    }
    json_decref(j);
  }
  fclose(f);
  return n;
}

static void report(const char *what, double secs, size_t sents, size_t toks,
                   size_t bytes) {
  printf("%-9s %8.3f s  %10.0f sentences/s  %11.0f tokens/s  %7.2f MB/s\n",
         what, secs, (double)sents / secs, (double)toks / secs,
         (double)bytes / secs / 1e6);
}

/* One call per article, REPS rounds over all articles. */
static int bench_per_doc(const casus_abbrev *ab, doc *docs, size_t ndocs,
                         long reps) {
  size_t sents = 0, toks = 0, bytes = 0;
  double t0 = now();
  for (long r = 0; r < reps; r++) {
    for (size_t i = 0; i < ndocs; i++) {
      casus_arena a;
      casus_segmented seg;
      casus__arena_init(&a);
      int rc = casus__segment(ab, docs[i].text, docs[i].len, docs[i].keep,
                              docs[i].nkeep, &a, &seg, NULL);
      if (rc)
        return rc;
      sents += seg.nsents;
      toks += seg.ntoks;
      bytes += docs[i].len;
      casus__arena_free(&a);
    }
  }
  report("per-doc", now() - t0, sents, toks, bytes);
  return 0;
}

/* The articles concatenated REPS times, segmented in one call. */
static int bench_one_call(const casus_abbrev *ab, doc *docs, size_t ndocs,
                          long reps) {
  casus_buf b = {0};
  casus_span *keep = NULL;
  size_t nkeep = 0, cap = 0;
  int rc = 0;
  for (long r = 0; r < reps && !rc; r++) {
    for (size_t i = 0; i < ndocs && !rc; i++) {
      size_t base = b.len;
      rc = casus__buf_append(&b, docs[i].text, docs[i].len);
      if (!rc)
        rc = casus__buf_append(&b, "\n", 1);
      if (!rc)
        rc = casus__grow((void **)&keep, &cap, nkeep + docs[i].nkeep,
                         sizeof *keep);
      for (size_t k = 0; !rc && k < docs[i].nkeep; k++)
        keep[nkeep++] = (casus_span){(uint32_t)(base + docs[i].keep[k].start),
                                     (uint32_t)(base + docs[i].keep[k].end)};
    }
  }
  if (!rc) {
    casus_arena a;
    casus_segmented seg;
    casus__arena_init(&a);
    double t0 = now();
    rc = casus__segment(ab, b.data, b.len, keep, nkeep, &a, &seg, NULL);
    if (!rc)
      report("one-call", now() - t0, seg.nsents, seg.ntoks, b.len);
    casus__arena_free(&a);
  }
  casus__buf_free(&b);
  casus__free(keep);
  return rc;
}

int main(int argc, char **argv) {
  const char *seeds = argc > 1 ? argv[1] : "../shared/seeds/seeds.jsonl";
  const char *abbr = argc > 2 ? argv[2] : "data/abbreviations.txt";
  long reps = argc > 3 ? strtol(argv[3], NULL, 10) : 10000;
  doc docs[MAXDOCS];
  casus_abbrev *ab = NULL;
  casus_error err;
  size_t ndocs = load_docs(seeds, docs);
  if (!ndocs || reps <= 0) {
    fprintf(stderr, "seg_bench: no articles in %s\n", seeds);
    return 1;
  }
  if (casus__abbrev_load(abbr, &ab, &err)) {
    fprintf(stderr, "seg_bench: %s: %s\n", abbr, err.msg);
    return 1;
  }
  printf("%zu articles x %ld, 3 runs each\n", ndocs, reps);
  int rc = 0;
  for (int i = 0; i < 3 && !rc; i++)
    rc = bench_per_doc(ab, docs, ndocs, reps);
  for (int i = 0; i < 3 && !rc; i++)
    rc = bench_one_call(ab, docs, ndocs, reps);
  if (rc)
    fprintf(stderr, "seg_bench: %s\n", casus_strerror(rc));
  casus__abbrev_free(ab);
  for (size_t i = 0; i < ndocs; i++)
    free(docs[i].text);
  return rc ? 1 : 0;
}
