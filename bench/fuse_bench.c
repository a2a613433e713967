/* fuse_bench.c -- CPU time of story clustering and event fusion (the
 * casus_fuser_* calls) over a corpus, apart from coding, and the peak
 * memory of the whole pipeline.
 *
 * bench/fusion builds and runs it; by hand:
 *
 *   cc -O2 -std=c17 -Iinclude -Ilib bench/fuse_bench.c build-rel/libcasus.a \
 *      $(pkg-config --libs jansson libxml-2.0 sqlite3 zlib icu-uc \
 *      icu-i18n libexttextcat libutf8proc) -lm -lpthread -o fuse_bench
 *   ./fuse_bench CORPUS.jsonl [WINDOW]
 *
 * Each article is coded (casus_doc_process), then given to the fuser;
 * whenever the newest publication date advances, what closed before
 * newest - WINDOW is flushed, its events and stories written as JSON
 * (and dropped), as `casus code` does.  The input should be in date
 * order.  Prints one JSON object on stdout: articles, seconds of coding,
 * of fusing (casus_fuser_add + flush, without the JSON), of the JSON,
 * fused events and stories, the most articles and events the fuser held
 * at once, and the peak RSS in KB.
 */
#define _POSIX_C_SOURCE 200809L
#include "../lib/fuse/fuse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Returns the thread's CPU time in seconds. */
static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct totals {
  double code, fuse, json;
  long articles, rejected, events, stories;
  size_t live_max, events_max;
} totals;

/* Writes a flushed event or story as JSON (timed apart) and drops it. */
static int on_fused(const casus_fuser *f, const casus_event *ev,
                    const casus_story *st, void *ctx) {
  totals *t = ctx;
  double t0 = cpu_now();
  char *json = NULL;
  int rc = ev ? casus_fuser_event_to_json(f, ev, &json)
              : casus_fuser_story_to_json(f, st, &json);
  casus_free(json);
  t->events += ev != NULL;
  t->stories += st != NULL;
  t->json += cpu_now() - t0;
  t->fuse -= cpu_now() - t0; /* inside a flush: not fusion time */
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: fuse_bench CORPUS.jsonl [WINDOW]\n");
    return 2;
  }
  int window = argc == 3 ? (int)strtol(argv[2], NULL, 10) : 3;
  casus_error err;
  memset(&err, 0, sizeof err);
  casus_engine *e = NULL;
  casus_reader *r = NULL;
  casus_fuser *f = NULL;
  totals t;
  memset(&t, 0, sizeof t);
  int status = 2;
  long newest = 0;
  if (casus_engine_open(NULL, &e, &err))
    goto done;
  casus_fuse_opts o = {window, 0, e};
  if (casus_fuser_open(&o, &f) || casus_reader_open(argv[1], NULL, &r, &err))
    goto done;
  for (;;) {
    casus_article *a = NULL;
    int rc = casus_reader_next(r, &a, &err);
    if (rc == CASUS_DONE)
      break;
    if (rc) {
      t.rejected++;
      continue;
    }
    casus_doc *d = NULL;
    double t0 = cpu_now();
    rc = casus_doc_process(e, a, &d, NULL);
    double t1 = cpu_now();
    t.code += t1 - t0;
    if (!rc)
      rc = casus_fuser_add(f, a, d, &err);
    long day = 0;
    if (!rc && a->published && casus__parse_iso_date(a->published, &day) &&
        day > newest) {
      newest = day;
      char before[11];
      casus__format_date(day - window, before);
      rc = casus_fuser_flush(f, before, on_fused, &t);
    }
    t.fuse += cpu_now() - t1;
    size_t live = casus__fuser_live_articles(f);
    t.live_max = live > t.live_max ? live : t.live_max;
    size_t nev = casus_fuser_event_count(f);
    t.events_max = nev > t.events_max ? nev : t.events_max;
    t.articles += !rc;
    t.rejected += rc != 0;
    casus_doc_free(d);
    casus_article_free(a);
  }
  double t0 = cpu_now();
  if (casus_fuser_flush(f, NULL, on_fused, &t))
    goto done;
  t.fuse += cpu_now() - t0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("{\"articles\": %ld, \"rejected\": %ld, \"code_s\": %.3f, "
         "\"fuse_s\": %.3f, \"json_s\": %.3f, \"events\": %ld, "
         "\"stories\": %ld, \"live_articles_max\": %zu, "
         "\"live_events_max\": %zu, \"max_rss_kb\": %ld}\n",
         t.articles, t.rejected, t.code, t.fuse, t.json, t.events,
         t.stories, t.live_max, t.events_max, ru.ru_maxrss);
  status = 0;
done:
  if (status)
    fprintf(stderr, "fuse_bench: %s\n", err.msg[0] ? err.msg : "failed");
  casus_reader_close(r);
  casus_fuser_close(f);
  casus_engine_close(e);
  return status;
}
