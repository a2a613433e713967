/* fuzz_fuse.c -- fuzz target: bytes as a few articles run through the
 * pipeline and fused (casus_fuser_*), then the JSON of every live fused
 * event and story, a flush up to a date and a final flush.
 *
 * Articles are separated by lines "%%"; an article whose first line
 * starts with a date "YYYY-MM-DD" takes it as its publication date and
 * the rest of that line as its outlet (else 2024-01-18, "Fuzz Wire").  At
 * most 8 articles.  The engine is opened once, from $CASUS_DATA or the
 * built-in data directory.  Invalid JSON, a story or event that breaks
 * its invariants, or events flushed after stories abort. */
#include "casus.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARTICLES 8

static casus_engine *engine(void) {
  static casus_engine *e;
  if (!e) {
    casus_error err;
    if (casus_engine_open(NULL, &e, &err))
      abort();
  }
  return e;
}

/* Aborts unless JSON[...] is one valid JSON object; frees it. */
static void check_json(char *json) {
  json_error_t je;
  json_t *j = json_loads(json, 0, &je);
  if (!j || !json_is_object(j))
    abort();
  json_decref(j);
  casus_free(json);
}

static void check_event(const casus_fuser *f, const casus_event *ev) {
  /* num_articles may be 0: an event only a near-duplicate reports (the
   * copy dated otherwise, so its relative date differs) counts none. */
  if (!ev || ev->n_mentions == 0 || !ev->mentions || ev->num_articles < 0 ||
      ev->confidence < 0 || ev->confidence > 1 ||
      (ev->first_reported[0] && ev->last_reported[0] &&
       strcmp(ev->first_reported, ev->last_reported) > 0))
    abort();
  for (size_t i = 0; i < ev->n_mentions; i++)
    if (!ev->mentions[i].article ||
        ev->mentions[i].start > ev->mentions[i].end)
      abort();
  char *json = NULL;
  if (casus_fuser_event_to_json(f, ev, &json) != CASUS_OK)
    abort();
  check_json(json);
}

static void check_story(const casus_fuser *f, const casus_story *st) {
  if (!st || st->n_articles == 0 || strcmp(st->first, st->last) > 0 ||
      st->num_articles > (int)st->n_articles)
    abort();
  char *json = NULL;
  if (casus_fuser_story_to_json(f, st, &json) != CASUS_OK)
    abort();
  check_json(json);
}

typedef struct flush_ctx {
  bool story_seen;
  size_t events, stories;
} flush_ctx;

static int on_flush(const casus_fuser *f, const casus_event *ev,
                    const casus_story *st, void *ctx) {
  flush_ctx *c = ctx;
  if ((ev && st) || (!ev && !st))
    abort();
  if (ev) {
    if (c->story_seen)
      abort();  /* events come before the stories */
    check_event(f, ev);
    c->events++;
  } else {
    c->story_seen = true;
    check_story(f, st);
    c->stories++;
  }
  return 0;
}

/* True when S[0..N) starts with a date YYYY-MM-DD of plausible fields. */
static bool dated(const char *s, size_t n) {
  if (n < 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
      return false;
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Codes article I, text P[0..N), and adds it to F. */
static void add_article(casus_fuser *f, int i, const char *p, size_t n) {
  char id[16], date[11] = "2024-01-18", source[48] = "Fuzz Wire";
  snprintf(id, sizeof id, "a%d", i);
  const char *nl = memchr(p, '\n', n);
  size_t first = nl ? (size_t)(nl - p) : n;
  if (dated(p, first)) {
    memcpy(date, p, 10);
    size_t k = first - 10 < sizeof source - 1 ? first - 10 : sizeof source - 1;
    if (k > 1) {  /* printable ASCII: articles hold UTF-8 only */
      for (size_t j = 0; j + 1 < k; j++)
        source[j] = p[11 + j] >= ' ' && p[11 + j] <= '~' ? p[11 + j] : '?';
      source[k - 1] = '\0';
    }
    p += first;
    n -= first;
  }
  char *text = malloc(n + 1);
  if (!text)
    abort();
  memcpy(text, p, n);
  text[n] = '\0';
  char url[64];
  snprintf(url, sizeof url, "https://fuzz.example/%s", id);
  casus_article a = {id, url, source, date, "en", NULL, text, n, id};
  casus_doc *d = NULL;
  casus_error err;
  if (casus_doc_process(engine(), &a, &d, &err) == CASUS_OK) {
    int rc = casus_fuser_add(f, &a, d, &err);
    if (rc != CASUS_OK && rc != CASUS_ENOMEM)
      abort();
    casus_doc_free(d);
  }
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  casus_fuse_opts o = {3, 0, engine()};
  casus_fuser *f = NULL;
  if (casus_fuser_open(&o, &f))
    abort();
  const char *p = (const char *)data, *end = p + size;
  for (int i = 0; i < MAX_ARTICLES && p < end; i++) {
    const char *sep = p;
    const char *cut = NULL;
    while ((sep = memchr(sep, '%', (size_t)(end - sep))) != NULL) {
      if (end - sep >= 2 && sep[1] == '%' && (sep == p || sep[-1] == '\n') &&
          (end - sep == 2 || sep[2] == '\n')) {
        cut = sep;
        break;
      }
      sep++;
    }
    size_t n = cut ? (size_t)(cut - p) : (size_t)(end - p);
    add_article(f, i, p, n);
    p = cut ? cut + 2 + (end - cut > 2) : end;
  }
  for (size_t i = 0; i < casus_fuser_event_count(f); i++)
    check_event(f, casus_fuser_event(f, i));
  for (size_t i = 0; i < casus_fuser_story_count(f); i++)
    check_story(f, casus_fuser_story(f, i));
  if (casus_fuser_event(f, casus_fuser_event_count(f)) ||
      casus_fuser_story(f, casus_fuser_story_count(f)))
    abort();
  flush_ctx c = {false, 0, 0};
  if (casus_fuser_flush(f, "2024-01-20", on_flush, &c))
    abort();
  c.story_seen = false;
  if (casus_fuser_flush(f, NULL, on_flush, &c))
    abort();
  if (casus_fuser_event_count(f) || casus_fuser_story_count(f))
    abort();  /* a full flush leaves nothing live */
  casus_fuser_close(f);
  return 0;
}
