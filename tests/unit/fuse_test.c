/* fuse_test.c -- the fuser (lib/fuse): compatibility rules, near-duplicate
 * detection, story clustering, event fusion with fatalities reconciled and
 * discrepancies (and subsets that are none), determinism, streaming flush
 * and allocation failures.
 *
 * Most cases run short wire-style reports through the whole pipeline
 * (engine from the built data directory) and then the fuser, and state
 * what must come out: how many fused events and stories, and for the
 * probed event its counts, fatalities and disputed fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fuse/fuse_int.h"
#include "test_util.h"

#define U CASUS_UNKNOWN

/* ------------------------------------------------------ compatibility */

typedef struct actor_case {
  casus_actor a, b;
  int want;
} actor_case;

static void test_actor_compat(void **state) {
  (void)state;
  static const actor_case cases[] = {
      {{"PAK", "PAK", NULL, "Pakistan", {0}}, {"PAK", "PAK", NULL, "x", {0}},
       2},
      {{"PAK", "PAK", NULL, NULL, {0}}, {"PAKMIL", "PAK", "MIL", NULL, {0}},
       1}, /* a role refines a country */
      {{"PAKGOV", "PAK", "GOV", NULL, {0}},
       {"PAKMIL", "PAK", "MIL", NULL, {0}}, 1}, /* government, military */
      {{"PAKCOP", "PAK", "COP", NULL, {0}},
       {"PAKMIL", "PAK", "MIL", NULL, {0}}, -1},
      {{"IRNSEP", "IRN", "SEP", NULL, {0}},
       {"IRNREB", "IRN", "REB", NULL, {0}}, 1}, /* armed groups */
      {{"PAK", "PAK", NULL, NULL, {0}}, {"IRN", "IRN", NULL, NULL, {0}}, -1},
      {{"IMGISI", NULL, NULL, NULL, {0}}, {"TAL", NULL, NULL, NULL, {0}},
       -1}, /* two named groups */
      {{"IMGISI", NULL, NULL, NULL, {0}}, {NULL, NULL, NULL, NULL, {0}}, 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    int got = casus__actor_compat(&cases[i].a, &cases[i].b);
    if (got != cases[i].want)
      fail_msg("actor case %zu: got %d, want %d", i, got, cases[i].want);
    assert_int_equal(casus__actor_compat(&cases[i].b, &cases[i].a), got);
  }
}

typedef struct place_case {
  casus_place a, b;
  int want;
} place_case;

#define CITY(n, c, a1, la, lo) {n, c, a1, NULL, la, lo, 1, "city", {0}}
#define ADM1(n, c) {n, c, n, NULL, 0, 0, 0, "admin1", {0}}
#define CTRY(n, c) {n, c, NULL, NULL, 0, 0, 0, "country", {0}}

static void test_place_compat(void **state) {
  (void)state;
  static const place_case cases[] = {
      {CITY("Saravan", "IR", "Sistan and Baluchestan", 27.4, 62.3),
       ADM1("Sistan and Baluchestan", "IR"), 1}, /* containment */
      {CITY("Saravan", "IR", "Sistan and Baluchestan", 27.4, 62.3),
       CTRY("Iran", "IR"), 1},
      {CITY("Saravan", "IR", "Sistan and Baluchestan", 27.4, 62.3),
       CITY("Saravan", "IR", "Sistan and Baluchestan", 27.4, 62.3), 2},
      {CITY("Quetta", "PK", "Balochistan", 30.2, 67.0),
       CITY("Peshawar", "PK", "Khyber Pakhtunkhwa", 34.0, 71.6), -1},
      {CITY("Quetta", "PK", "Balochistan", 30.2, 67.0),
       ADM1("Sindh", "PK"), -1},
      {CITY("Quetta", "PK", "Balochistan", 30.2, 67.0), CTRY("Iran", "IR"),
       -1},
      {CITY("Quetta", "PK", "Balochistan", 30.2, 67.0),
       {NULL, NULL, NULL, NULL, 0, 0, 0, NULL, {0}}, 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    int got = casus__place_compat(&cases[i].a, &cases[i].b);
    if (got != cases[i].want)
      fail_msg("place case %zu: got %d, want %d", i, got, cases[i].want);
    assert_int_equal(casus__place_compat(&cases[i].b, &cases[i].a), got);
  }
}

static void test_date_compat(void **state) {
  (void)state;
  static const struct {
    long a0, a1, b0, b1;
    int want;
  } cases[] = {
      {10, 10, 10, 10, 2},  /* the same day */
      {10, 10, 11, 11, -1}, /* two days */
      {10, 10, 0, 30, 1},   /* a day inside its month */
      {10, 16, 40, 70, -1}, /* a week outside the month */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++)
    assert_int_equal(casus__date_compat(cases[i].a0, cases[i].a1,
                                        cases[i].b0, cases[i].b1),
                     cases[i].want);
}

/* -------------------------------------------------------- whole reports */

typedef struct report {
  const char *id, *source, *published, *text;
} report;

typedef struct fuse_case {
  const char *name;
  report in[3];
  size_t events, stories;  /* fused events and stories expected */
  /* The probed event: the first with this actor1 country and cameo. */
  const char *a1, *cameo;
  int sources, articles, mentions;
  long low, best, high, acled;
  const char *disputed;  /* field of the only discrepancy, NULL none */
  const char *dup_of;    /* duplicate_of of the last mention, NULL none */
} fuse_case;

#define STRIKE "Pakistani troops attacked militants in Quetta on Tuesday"
#define DUP                                                                 \
  STRIKE ", killing nine people, officials said. The operation began "     \
         "before dawn in the outskirts of the city and lasted several "     \
         "hours. Security forces said the militants belonged to a banned "  \
         "separatist group operating in the province."

static const fuse_case cases[] = {
    {"one event, two outlets",
     {{"a1", "Reuters", "2024-03-05", STRIKE ", killing nine people."},
      {"a2", "Dawn", "2024-03-05",
       "Pakistani soldiers attacked militants in Quetta on Tuesday, killing "
       "nine people, the army said."}},
     1, 1, "PAK", "190", 2, 2, 2, 9, 9, 9, 9, NULL, NULL},
    {"conflicting figures: 9 vs 12",
     {{"b1", "Reuters", "2024-03-05", STRIKE ", killing nine people."},
      {"b2", "Dawn", "2024-03-05",
       STRIKE ", killing 12 people, according to local officials."}},
     1, 1, "PAK", "190", 2, 2, 2, 9, 9, 12, 9, "fatalities", NULL},
    {"a breakdown is a subset: 9 killed and 7 foreigners",
     {{"c1", "Reuters", "2024-01-18",
       "Pakistan launched air strikes on Iran on Thursday, killing nine "
       "people in Saravan."},
      {"c2", "AFP", "2024-01-18",
       "Pakistan launched air strikes on Iran on Thursday. Seven foreign "
       "nationals were killed in the strikes in Saravan."}},
     1, 1, "PAK", "195", 2, 2, 3, 9, 9, 9, 9, NULL, NULL},
    {"a city inside the province named elsewhere",
     {{"f1", "Reuters", "2024-01-18",
       "Pakistan struck Iran near Saravan on Thursday."},
      {"f2", "AFP", "2024-01-18",
       "Pakistan struck Iran in Sistan and Baluchestan province on "
       "Thursday."}},
     1, 1, "PAK", "190", 2, 2, 2, U, U, U, U, NULL, NULL},
    {"two days, two events",
     {{"d1", "Reuters", "2024-03-08",
       "Pakistani troops attacked militants in Quetta on Monday."},
      {"d2", "Dawn", "2024-03-08",
       "Pakistani troops attacked militants in Quetta on Thursday."}},
     2, 1, "PAK", "190", 1, 1, 1, U, U, U, U, NULL, NULL},
    {"same day, same country, two cities: two events",
     {{"e1", "Reuters", "2024-03-05",
       "Militants attacked police in Quetta on Tuesday, killing four "
       "officers."},
      {"e2", "Dawn", "2024-03-05",
       "Militants attacked police in Peshawar on Tuesday, killing two "
       "officers."}},
     2, 1, NULL, "190", 1, 1, 1, 4, 4, 4, 4, NULL, NULL},
    {"one story, dates a day apart: a date discrepancy",
     {{"g1", "Reuters", "2024-03-07", STRIKE "."},
      {"g2", "Dawn", "2024-03-07",
       "Pakistani troops attacked militants in Quetta on Wednesday."}},
     1, 1, "PAK", "190", 2, 2, 2, U, U, U, U, "date", NULL},
    {"a near-duplicate is listed, not counted",
     {{"h1", "Reuters", "2024-03-05", DUP},
      {"h2", "Yahoo", "2024-03-05", DUP " Copyright Yahoo."}},
     1, 1, "PAK", "190", 1, 1, 2, 9, 9, 9, 9, NULL, "h1"},
    {"unrelated reports: two stories",
     {{"i1", "Reuters", "2024-03-05", STRIKE "."},
      {"i2", "AFP", "2024-03-05",
       "China urged Japan to exercise restraint on Tuesday."}},
     2, 2, "PAK", "190", 1, 1, 1, U, U, U, U, NULL, NULL},
};

/* Processes report R into a doc (caller frees). */
static casus_doc *process(const casus_engine *e, const report *r,
                          casus_article *a) {
  memset(a, 0, sizeof *a);
  a->id = (char *)r->id;
  a->source = (char *)r->source;
  a->published = (char *)r->published;
  a->language = (char *)"en";
  a->text = (char *)r->text;
  a->text_len = strlen(r->text);
  casus_doc *d = NULL;
  casus_error err;
  if (casus_doc_process(e, a, &d, &err))
    fail_msg("%s: %s", r->id, err.msg);
  return d;
}

/* Fuses the reports of C into a new fuser (caller closes). */
static casus_fuser *fuse_reports(const casus_engine *e, const report *in,
                                 size_t n) {
  casus_fuse_opts o = {0, 0, e};
  casus_fuser *f = NULL;
  assert_int_equal(casus_fuser_open(&o, &f), CASUS_OK);
  for (size_t i = 0; i < n && in[i].id; i++) {
    casus_article a;
    casus_doc *d = process(e, &in[i], &a);
    casus_error err;
    assert_int_equal(casus_fuser_add(f, &a, d, &err), CASUS_OK);
    casus_doc_free(d);
  }
  return f;
}

static void test_fusion_cases(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const fuse_case *c = &cases[i];
    casus_fuser *f = fuse_reports(e, c->in, 3);
    if (casus_fuser_event_count(f) != c->events ||
        casus_fuser_story_count(f) != c->stories)
      fail_msg("%s: %zu events, %zu stories; want %zu, %zu", c->name,
               casus_fuser_event_count(f), casus_fuser_story_count(f),
               c->events, c->stories);
    const casus_event *ev = NULL;
    for (size_t k = 0; k < casus_fuser_event_count(f) && !ev; k++) {
      const casus_event *x = casus_fuser_event(f, k);
      if (((!c->a1 && !x->actor1.country) ||
           (c->a1 && x->actor1.country &&
            !strcmp(x->actor1.country, c->a1))) &&
          !strcmp(x->cameo, c->cameo))
        ev = x;
    }
    if (!ev)
      fail_msg("%s: no %s %s event", c->name, c->a1, c->cameo);
    const casus_fatalities *fa = &ev->fatalities;
    long got[] = {ev->num_sources, ev->num_articles, ev->num_mentions,
                  fa->low, fa->best, fa->high, fa->acled};
    long want[] = {c->sources, c->articles, c->mentions, c->low, c->best,
                   c->high, c->acled};
    static const char *const what[] = {"num_sources", "num_articles",
                                       "num_mentions", "low", "best",
                                       "high", "acled"};
    for (size_t k = 0; k < CASUS_ARRAY_LEN(got); k++)
      if (got[k] != want[k])
        fail_msg("%s: %s %ld, want %ld", c->name, what[k], got[k], want[k]);
    if (c->disputed) {
      if (ev->n_discrepancies != 1 ||
          strcmp(ev->discrepancies[0].field, c->disputed) ||
          ev->discrepancies[0].n_claims != 2)
        fail_msg("%s: want one discrepancy on %s with 2 claims", c->name,
                 c->disputed);
    } else if (ev->n_discrepancies) {
      fail_msg("%s: unexpected discrepancy on %s", c->name,
               ev->discrepancies[0].field);
    }
    const char *dup = ev->mentions[ev->n_mentions - 1].duplicate_of;
    if (!c->dup_of != !dup || (dup && strcmp(dup, c->dup_of)))
      fail_msg("%s: duplicate_of %s, want %s", c->name, dup ? dup : "null",
               c->dup_of ? c->dup_of : "null");
    assert_true(ev->confidence > 0 && ev->confidence <= 1);
    /* The JSON has the 0.2.0 keys and every claim's text is its span. */
    char *json = NULL;
    assert_int_equal(casus_fuser_event_to_json(f, ev, &json), CASUS_OK);
    json_t *j = json_loads(json, 0, NULL);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "num_sources")),
                     c->sources);
    assert_non_null(json_object_get(j, "story_id"));
    json_t *ds = json_object_get(j, "discrepancies");
    assert_int_equal(json_array_size(ds), c->disputed ? 1 : 0);
    if (c->disputed && !strcmp(c->disputed, "fatalities")) {
      json_t *cl = json_object_get(json_array_get(ds, 0), "claims");
      assert_string_equal(
          json_string_value(json_object_get(json_array_get(cl, 1), "text")),
          "12 people");
      assert_string_equal(json_string_value(json_object_get(
                              json_array_get(cl, 1), "attribution")),
                          "local officials");
    }
    json_decref(j);
    casus_free(json);
    casus_fuser_close(f);
  }
}

/* -------------------------------------------------------------- seeds */

/* Fuses the seed articles; returns the fuser. */
static casus_fuser *fuse_seeds(const casus_engine *e) {
  json_t *seeds = tu_seeds();
  casus_fuse_opts o = {0, 0, e};
  casus_fuser *f = NULL;
  assert_int_equal(casus_fuser_open(&o, &f), CASUS_OK);
  size_t i;
  json_t *s;
  json_array_foreach(seeds, i, s) {
    casus_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)json_string_value(json_object_get(s, "id"));
    a.source = (char *)json_string_value(json_object_get(s, "source"));
    a.published = (char *)json_string_value(json_object_get(s, "published"));
    a.title = (char *)json_string_value(json_object_get(s, "title"));
    a.language = (char *)"en";
    a.text = (char *)json_string_value(json_object_get(s, "text"));
    a.text_len = strlen(a.text);
    casus_doc *d = NULL;
    casus_error err;
    assert_int_equal(casus_doc_process(e, &a, &d, &err), CASUS_OK);
    assert_int_equal(casus_fuser_add(f, &a, d, &err), CASUS_OK);
    casus_doc_free(d);
  }
  json_decref(seeds);
  return f;
}

/* Appends every event's and story's JSON to OUT. */
static int collect(const casus_fuser *f, const casus_event *ev,
                   const casus_story *st, void *ctx) {
  casus_buf *out = ctx;
  char *json = NULL;
  int rc = ev ? casus_fuser_event_to_json(f, ev, &json)
              : casus_fuser_story_to_json(f, st, &json);
  if (!rc)
    rc = casus__buf_printf(out, "%s\n", json);
  casus_free(json);
  return rc;
}

static void test_seeds(void **state) {
  const casus_engine *e = *state;
  casus_fuser *f = fuse_seeds(e);
  assert_int_equal(casus_fuser_story_count(f), 1);
  const casus_story *st = casus_fuser_story(f, 0);
  assert_int_equal(st->num_articles, 2);
  assert_int_equal(st->num_sources, 2); /* the unnamed outlet counts */
  const casus_event *s1 = NULL;
  for (size_t k = 0; k < casus_fuser_event_count(f); k++) {
    const casus_event *x = casus_fuser_event(f, k);
    if (!strcmp(x->cameo, "195") && !strcmp(x->date, "2024-01-18"))
      s1 = x;
  }
  assert_non_null(s1);
  assert_string_equal(s1->actor1.country, "PAK");
  assert_string_equal(s1->actor2.country, "IRN");
  assert_int_equal(s1->num_sources, 2);
  assert_int_equal(s1->fatalities.best, 9);
  assert_int_equal(s1->fatalities.women, 3);
  assert_int_equal(s1->fatalities.children, 4);
  assert_int_equal(s1->fatalities.foreign, 7);
  assert_int_equal(s1->n_discrepancies, 0);
  assert_string_equal(s1->place.admin1, "Sistan and Baluchestan");
  assert_string_equal(s1->story_id, st->story_id);
  casus_fuser_close(f);
}

/* The same input gives the same output, ids included. */
static void test_determinism(void **state) {
  const casus_engine *e = *state;
  casus_buf out[2] = {{0}, {0}};
  for (int r = 0; r < 2; r++) {
    casus_fuser *f = fuse_seeds(e);
    assert_int_equal(casus_fuser_flush(f, NULL, collect, &out[r]), CASUS_OK);
    assert_int_equal(casus_fuser_event_count(f), 0);
    casus_fuser_close(f);
  }
  assert_true(out[0].len > 1000);
  assert_string_equal(out[0].data, out[1].data);
  casus__buf_free(&out[0]);
  casus__buf_free(&out[1]);
}

/* Counts what a flush emits. */
static int count_cb(const casus_fuser *f, const casus_event *ev,
                    const casus_story *st, void *ctx) {
  (void)f;
  (void)st;
  size_t *n = ctx;
  n[ev ? 0 : 1]++;
  return 0;
}

/* A date-ordered stream: what closed more than a window before the flush
 * date is emitted and freed; later reports still fuse with what is
 * live. */
static void test_streaming_flush(void **state) {
  const casus_engine *e = *state;
  static const report in[] = {
      {"s1", "Reuters", "2024-03-01",
       "Pakistani troops attacked militants in Quetta on Friday."},
      {"s2", "Dawn", "2024-03-10",
       "China urged Japan to exercise restraint on Sunday."},
      {"s3", "AFP", "2024-03-11",
       "On Sunday, China urged Japan to exercise restraint."},
  };
  static const struct {
    const char *before;
    size_t events, stories, live_events;
  } steps[] = {
      {"2024-03-04", 0, 0, 1}, /* 03-01 + 3 days is not before 03-04 */
      {"2024-03-05", 1, 1, 0},
      {"2024-03-14", 0, 0, 0},
  };
  casus_fuser *f = fuse_reports(e, in, 1);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(steps); i++) {
    size_t n[2] = {0, 0};
    assert_int_equal(casus_fuser_flush(f, steps[i].before, count_cb, n),
                     CASUS_OK);
    assert_int_equal(n[0], steps[i].events);
    assert_int_equal(n[1], steps[i].stories);
    assert_int_equal(casus_fuser_event_count(f), steps[i].live_events);
  }
  for (size_t i = 1; i < 3; i++) {
    casus_article a;
    casus_doc *d = process(e, &in[i], &a);
    assert_int_equal(casus_fuser_add(f, &a, d, NULL), CASUS_OK);
    casus_doc_free(d);
  }
  assert_int_equal(casus_fuser_event_count(f), 1); /* s2 and s3 fused */
  assert_int_equal(casus_fuser_event(f, 0)->num_sources, 2);
  size_t n[2] = {0, 0};
  assert_int_equal(casus_fuser_flush(f, "bad", count_cb, n), CASUS_EINVAL);
  assert_int_equal(casus_fuser_flush(f, NULL, count_cb, n), CASUS_OK);
  assert_int_equal(n[0], 1);
  assert_int_equal(n[1], 1);
  casus_fuser_close(f);
}

/* A story that goes on for weeks: one report a day, flushed daily as
 * `casus code` does.  The fuser holds only the articles of the last
 * windows, yet the story, emitted at the end, lists every article. */
static void test_long_story_bounded(void **state) {
  const casus_engine *e = *state;
  casus_fuser *f = NULL;
  casus_fuse_opts o = {3, 0, e};
  assert_int_equal(casus_fuser_open(&o, &f), CASUS_OK);
  size_t n[2] = {0, 0}, most = 0;
  for (int day = 1; day <= 28; day++) {
    char id[16], pub[16], text[160], before[16];
    snprintf(id, sizeof id, "q%02d", day);
    snprintf(pub, sizeof pub, "2024-03-%02d", day);
    snprintf(text, sizeof text,
             "Pakistani troops attacked militants in Quetta on March %d, "
             "killing %d people, the Balochistan government said.",
             day, day + 2);
    report r = {id, day % 2 ? "Reuters" : "Dawn", pub, text};
    casus_article a;
    casus_doc *d = process(e, &r, &a);
    assert_int_equal(casus_fuser_add(f, &a, d, NULL), CASUS_OK);
    casus_doc_free(d);
    snprintf(before, sizeof before, "2024-03-%02d", day > 3 ? day - 3 : 1);
    assert_int_equal(casus_fuser_flush(f, before, count_cb, n), CASUS_OK);
    size_t live = casus__fuser_live_articles(f);
    most = live > most ? live : most;
  }
  assert_true(most <= 8); /* about two windows of days */
  assert_int_equal(n[1], 0); /* the story is still open */
  assert_true(n[0] >= 20);   /* one event a day, emitted as days close */
  assert_int_equal(casus_fuser_story_count(f), 1);
  const casus_story *st = casus_fuser_story(f, 0);
  assert_int_equal(st->n_articles, 28);
  assert_string_equal(st->articles[0].id, "q01");
  assert_string_equal(st->first, "2024-03-01");
  assert_int_equal(st->num_sources, 2);
  char *json = NULL;
  assert_int_equal(casus_fuser_story_to_json(f, st, &json), CASUS_OK);
  assert_non_null(strstr(json, "\"q01\""));
  casus_free(json);
  assert_int_equal(casus_fuser_flush(f, NULL, count_cb, n), CASUS_OK);
  assert_int_equal(n[0], 28);
  assert_int_equal(n[1], 1);
  casus_fuser_close(f);
}


/* Arrival bounds (docs/fusion.md §5): every article is published the
 * same day, so no date ever closes anything; the fuser still closes
 * what none of the last FUSE_IDLE_ARRIVALS (3,072) articles joined and
 * what started FUSE_SPAN_ARRIVALS (6,144) articles before, checked every
 * FUSE_IDLE_EVERY (1,024) articles, and nothing before the 4,096th.
 * Quetta is reported by articles 1-100, Kabul by the rest. */
static void test_arrival_bounded(void **state) {
  static const char *const quetta =
      "Pakistani troops attacked militants in Quetta on March 4, killing "
      "5 people, the Balochistan government said.";
  static const char *const kabul =
      "Afghan troops attacked militants in Kabul on March 4, killing 7 "
      "people, the Afghan government said.";
  enum { IDLE = FUSE_IDLE_ARRIVALS + FUSE_IDLE_EVERY,
         SPAN = FUSE_SPAN_ARRIVALS + FUSE_IDLE_EVERY };
  static const struct {
    size_t upto;            /* articles added by then */
    size_t events, stories; /* emitted by then */
  } steps[] = {
      {100, 0, 0},
      {IDLE - 1, 0, 0}, /* nothing closes before the 4,096th */
      {IDLE, 1, 1},     /* Quetta went idle (last report: article 100) */
      {SPAN - 1, 1, 1},
      {SPAN, 2, 2},     /* Kabul's event and story started 6,144 before */
      {SPAN + 100, 2, 2},
  };
  const casus_engine *e = *state;
  casus_fuser *f = NULL;
  casus_fuse_opts o = {3, 0, e};
  assert_int_equal(casus_fuser_open(&o, &f), CASUS_OK);
  size_t n[2] = {0, 0}, most = 0, added = 0;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(steps); i++) {
    for (; added < steps[i].upto; added++) {
      char id[32];
      snprintf(id, sizeof id, "r%05zu", added + 1);
      report r = {id, added % 2 ? "Reuters" : "Dawn", "2024-03-05",
                  added < 100 ? quetta : kabul};
      casus_article a;
      casus_doc *d = process(e, &r, &a);
      assert_int_equal(casus_fuser_add(f, &a, d, NULL), CASUS_OK);
      casus_doc_free(d);
      assert_int_equal(casus_fuser_flush_idle(f, count_cb, n), CASUS_OK);
      size_t live = casus__fuser_live_articles(f);
      most = live > most ? live : most;
    }
    assert_int_equal(n[0], steps[i].events);
    assert_int_equal(n[1], steps[i].stories);
  }
  /* Kabul's articles of the last 3,072, the 64 its first event kept and
   * up to 1,024 added between two checks. */
  assert_true(most >= FUSE_IDLE_ARRIVALS);
  assert_true(most <= FUSE_IDLE_ARRIVALS + FUSE_IDLE_EVERY + 64 + 100);
  assert_int_equal(casus_fuser_flush(f, NULL, count_cb, n), CASUS_OK);
  assert_int_equal(n[0], 3); /* Kabul's reports after that: a new one */
  assert_int_equal(n[1], 3);
  assert_int_equal(casus_fuser_flush_idle(NULL, count_cb, n), CASUS_EINVAL);
  casus_fuser_close(f);
}

/* A copy outlives its original: the original is flushed and freed first,
 * and the copy still names it. */
static void test_duplicate_outlives_original(void **state) {
  const casus_engine *e = *state;
  static const report in[] = {
      {"h1", "Reuters", "2024-03-05", DUP},
      {"h2", "Yahoo", "2024-03-12", DUP},
  };
  casus_fuser *f = fuse_reports(e, in, 2);
  assert_int_equal(casus_fuser_event_count(f), 2); /* two Tuesdays */
  size_t n[2] = {0, 0};
  assert_int_equal(casus_fuser_flush(f, "2024-03-10", count_cb, n), 0);
  assert_int_equal(n[0], 1);
  assert_int_equal(casus__fuser_live_articles(f), 1); /* h1 is gone */
  casus_buf out = {0};
  assert_int_equal(casus_fuser_flush(f, NULL, collect, &out), CASUS_OK);
  assert_non_null(strstr(out.data, "\"article\":\"h2\""));
  assert_non_null(strstr(out.data, "\"duplicate_of\":\"h1\""));
  casus__buf_free(&out);
  casus_fuser_close(f);
}

/* An event reported by more outlets than it keeps: the counts, reporting
 * dates and fatality bounds cover every report, the mentions listed only
 * the kept ones, and the fuser holds no more than the kept articles. */
static void test_member_cap(void **state) {
  const casus_engine *e = *state;
  casus_fuser *f = NULL;
  casus_fuse_opts o = {3, 0, e};
  assert_int_equal(casus_fuser_open(&o, &f), CASUS_OK);
  static const struct {
    int reports;
    int last_dead;   /* the last report's toll */
    long high, acled;
  } cases_[] = {
      {FUSE_MAX_MEMBERS + 6, 12, 12, 9},
      {FUSE_MAX_MEMBERS + 6, 7, 9, 7},
  };
  for (size_t c = 0; c < CASUS_ARRAY_LEN(cases_); c++) {
    for (int i = 0; i < cases_[c].reports; i++) {
      char id[32], src[32], text[200];
      snprintf(id, sizeof id, "m%zu-%03d", c, i);
      snprintf(src, sizeof src, "Outlet %d", i);
      int dead = i + 1 == cases_[c].reports ? cases_[c].last_dead : 9;
      snprintf(text, sizeof text,
               "Pakistani troops attacked militants in Quetta on Tuesday, "
               "killing %d people.", dead);
      report r = {id, src, i < 40 ? "2024-03-05" : "2024-03-06", text};
      casus_article a;
      casus_doc *d = process(e, &r, &a);
      assert_int_equal(casus_fuser_add(f, &a, d, NULL), CASUS_OK);
      casus_doc_free(d);
    }
    assert_int_equal(casus_fuser_event_count(f), 1);
    assert_true(casus__fuser_live_articles(f) <= (size_t)cases_[c].reports);
    const casus_event *ev = casus_fuser_event(f, 0);
    long got[] = {ev->num_articles, ev->num_sources, ev->num_mentions,
                  (long)ev->n_mentions, ev->fatalities.best,
                  ev->fatalities.high, ev->fatalities.acled};
    long want[] = {cases_[c].reports, cases_[c].reports, cases_[c].reports,
                   FUSE_MAX_MEMBERS, 9, cases_[c].high, cases_[c].acled};
    for (size_t k = 0; k < CASUS_ARRAY_LEN(got); k++)
      if (got[k] != want[k])
        fail_msg("case %zu, value %zu: %ld, want %ld", c, k, got[k],
                 want[k]);
    assert_string_equal(ev->first_reported, "2024-03-05");
    assert_string_equal(ev->last_reported, "2024-03-06");
    size_t n[2] = {0, 0};
    assert_int_equal(casus_fuser_flush(f, NULL, count_cb, n), CASUS_OK);
    assert_int_equal(casus__fuser_live_articles(f), 0);
  }
  casus_fuser_close(f);
}

/* Failing each allocation in turn never crashes or leaks. */
static void test_alloc_failures(void **state) {
  const casus_engine *e = *state;
  casus_article a[2];
  casus_doc *d[2];
  d[0] = process(e, &cases[1].in[0], &a[0]);
  d[1] = process(e, &cases[1].in[1], &a[1]);
  long n;
  for (n = 0; n < 5000; n++) {
    tu_alloc_install_nth(n);
    casus_fuser *f = NULL;
    int rc = casus_fuser_open(NULL, &f);
    for (int k = 0; k < 2 && !rc; k++)
      rc = casus_fuser_add(f, &a[k], d[k], NULL);
    if (!rc)
      rc = casus_fuser_flush(f, NULL, NULL, NULL);
    casus_fuser_close(f);
    long calls = tu_calls, live = tu_live;
    tu_alloc_restore();
    assert_int_equal(live, 0);
    if (rc)
      assert_int_equal(rc, CASUS_ENOMEM);
    if (n >= calls)
      break; /* nothing failed: every allocation has been tried */
  }
  assert_true(n > 20);
  casus_doc_free(d[0]);
  casus_doc_free(d[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_actor_compat),
      cmocka_unit_test(test_place_compat),
      cmocka_unit_test(test_date_compat),
      cmocka_unit_test(test_fusion_cases),
      cmocka_unit_test(test_seeds),
      cmocka_unit_test(test_determinism),
      cmocka_unit_test(test_streaming_flush),
      cmocka_unit_test(test_long_story_bounded),
      cmocka_unit_test(test_arrival_bounded),
      cmocka_unit_test(test_duplicate_outlives_original),
      cmocka_unit_test(test_member_cap),
      cmocka_unit_test(test_alloc_failures),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
