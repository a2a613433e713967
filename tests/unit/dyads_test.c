/* dyads_test.c -- casus_dyads_*: daily series of a dyad, tit-for-tat on
 * hand-made events (the seeds' IRN-PAK chain among them), the window's
 * edges, escalation index values, skipped events, the JSON form, and
 * failing allocations. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

/* A hand-made event: actor codes (the country is their first 3 letters),
 * CAMEO, Goldstein, quad class, fatalities best (-1: null) and PLOVER
 * type (NULL: none). */
typedef struct tev {
  const char *id, *date, *src, *tgt, *cameo;
  double g;
  int quad;
  long fat;
  const char *plover;
} tev;

/* Writes EV as event JSON into OUT[CAP]. */
static void tev_json(const tev *e, char *out, size_t cap) {
  char fat[32], plover[64];
  if (e->fat >= 0)
    snprintf(fat, sizeof fat, "%ld", e->fat);
  else
    snprintf(fat, sizeof fat, "null");
  if (e->plover)
    snprintf(plover, sizeof plover, "\"%s\"", e->plover);
  else
    snprintf(plover, sizeof plover, "null");
  int n = snprintf(out, cap,
                   "{\"event_id\":\"%s\",\"date\":\"%s\","
                   "\"actor1\":{\"code\":\"%s\",\"country\":\"%.3s\"},"
                   "\"actor2\":{\"code\":\"%s\",\"country\":\"%.3s\"},"
                   "\"cameo\":\"%s\",\"goldstein\":%g,\"quad_class\":%d,"
                   "\"plover\":{\"type\":%s},"
                   "\"fatalities\":{\"best\":%s}}",
                   e->id, e->date, e->src, e->src, e->tgt, e->tgt, e->cameo,
                   e->g, e->quad, plover, fat);
  assert_true(n > 0 && (size_t)n < cap);
}

/* Opens dyads with OPTS, adds EVS[0..N) and finishes; returns the status
 * of the first failing call (the handle is then closed, *OUT NULL). */
static int build(const casus_dyads_opts *opts, const tev *evs, size_t n,
                 casus_dyads **out) {
  casus_error err;
  *out = NULL;
  casus_dyads *d = NULL;
  int rc = casus_dyads_open(opts, &d, &err);
  for (size_t i = 0; !rc && i < n; i++) {
    char json[1024];
    tev_json(&evs[i], json, sizeof json);
    rc = casus_dyads_add(d, json, strlen(json), &err);
  }
  if (!rc)
    rc = casus_dyads_finish(d, &err);
  if (rc)
    casus_dyads_close(d);
  else
    *out = d;
  return rc;
}

/* The ranked dyad SRC -> TGT, failing the test when absent. */
static const casus_dyad *find(const casus_dyads *d, const char *src,
                              const char *tgt) {
  for (size_t i = 0; i < casus_dyads_count(d); i++) {
    const casus_dyad *y = casus_dyads_get(d, i);
    if (!strcmp(y->source, src) && !strcmp(y->target, tgt))
      return y;
  }
  fail_msg("no dyad %s -> %s", src, tgt);
  return NULL;
}

/* The seeds, by hand: Iran strikes Pakistan on the 16th (2 dead),
 * Pakistan accuses Iran and recalls its ambassador on the 17th, Iran
 * denounces Pakistan and Pakistan strikes back on the 18th (9 dead).
 * Iran's strike is reported twice (two outlets, unfused). */
static const tev SEEDS[] = {
    {"e1", "2024-01-16", "IRNGOV", "PAK", "190", -10, 4, 2, NULL},
    {"e1b", "2024-01-16", "IRN", "PAK", "190", -10, 4, -1, NULL},
    {"e2", "2024-01-17", "PAK", "IRN", "161", -4, 4, -1, NULL},
    {"e5", "2024-01-17", "PAKGOV", "IRN", "112", -2, 3, -1, NULL},
    {"e3", "2024-01-18", "IRNGOV", "PAK", "111", -2, 3, -1, NULL},
    {"e4", "2024-01-18", "PAK", "IRN", "195", -10, 4, 9, NULL},
};

static void test_seeds_chain(void **state) {
  (void)state;
  casus_dyads *d = NULL;
  assert_int_equal(build(NULL, SEEDS, CASUS_ARRAY_LEN(SEEDS), &d), 0);
  assert_int_equal(casus_dyads_count(d), 2);
  const casus_dyad *y = casus_dyads_get(d, 0);
  assert_string_equal(y->source, "PAK"); /* the most escalating */
  assert_string_equal(y->target, "IRN");
  const casus_dyad *x = find(d, "IRN", "PAK");
  for (int k = 0; k < 2; k++) {
    const casus_dyad *z = k ? y : x; /* both sides list the exchange */
    assert_int_equal(z->ntft, 1);
    assert_int_equal(z->reciprocity, 1);
    const casus_tit_for_tat *t = &z->tft[0];
    assert_string_equal(t->act.event_id, "e1"); /* 2 dead beats null */
    assert_string_equal(t->act.date, "2024-01-16");
    assert_string_equal(t->act.source, "IRN");
    assert_string_equal(t->reply.event_id, "e4");
    assert_string_equal(t->reply.date, "2024-01-18");
    assert_string_equal(t->reply.cameo, "195");
    assert_int_equal(t->days, 2);
    static const struct {
      const char *id, *date, *src, *cameo;
    } between[] = {{"e5", "2024-01-17", "PAK", "112"},
                   {"e2", "2024-01-17", "PAK", "161"},
                   {"e3", "2024-01-18", "IRN", "111"}};
    assert_int_equal(t->nbetween, CASUS_ARRAY_LEN(between));
    for (size_t i = 0; i < CASUS_ARRAY_LEN(between); i++) {
      assert_string_equal(t->between[i].event_id, between[i].id);
      assert_string_equal(t->between[i].date, between[i].date);
      assert_string_equal(t->between[i].source, between[i].src);
      assert_string_equal(t->between[i].cameo, between[i].cameo);
    }
  }
  casus_dyads_close(d);
}

/* Period 16..18: first half the 16th, second half the 17th and 18th,
 * each rescaled to 1.5 days.  IRN->PAK: conflict 20 (its strike
 * reported twice) then 2 (-> 30 and 1.5),
 * one exchange, 2 dead then none; PAK->IRN: 0 then 16 (-> 12), one
 * exchange, 9 dead in the second half. */
static void test_escalation_values(void **state) {
  (void)state;
  casus_dyads *d = NULL;
  assert_int_equal(build(NULL, SEEDS, CASUS_ARRAY_LEN(SEEDS), &d), 0);
  const struct {
    const char *src, *tgt;
    double c1, c2, esc;
  } want[] = {
      {"IRN", "PAK", 30.0, 1.5, 1.5 - 30.0 + 5.0 - 2.0 * log(3.0)},
      {"PAK", "IRN", 0.0, 12.0, 12.0 + 5.0 + 2.0 * log(10.0)},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(want); i++) {
    const casus_dyad *y = find(d, want[i].src, want[i].tgt);
    assert_true(fabs(y->conflict1 - want[i].c1) < 1e-9);
    assert_true(fabs(y->conflict2 - want[i].c2) < 1e-9);
    assert_true(fabs(y->escalation - want[i].esc) < 1e-9);
  }
  char from[11], to[11];
  casus_dyads_period(d, from, to);
  assert_string_equal(from, "2024-01-16");
  assert_string_equal(to, "2024-01-18");
  casus_dyads_close(d);
}

static void test_daily_series(void **state) {
  (void)state;
  static const tev evs[] = {
      {"a", "2024-03-01", "USAMIL", "RUS", "190", -10, 4, 5, "ASSAULT"},
      {"b", "2024-03-01", "USAGOV", "RUSGOV", "111", -2, 3, -1, NULL},
      {"c", "2024-03-01", "USA", "RUS", "193", -10, 4, 3, "ASSAULT"},
      {"d", "2024-03-03", "USA", "RUS", "042", 1.9, 1, -1, NULL},
      {"d", "2024-03-03", "USA", "RUS", "042", 1.9, 1, -1, NULL}, /* again */
      {"e", "2024-03-02", "USA", "", "190", -10, 4, 1, NULL}, /* no target */
  };
  casus_dyads *d = NULL;
  assert_int_equal(build(NULL, evs, CASUS_ARRAY_LEN(evs), &d), 0);
  size_t added, kept;
  casus_dyads_totals(d, &added, &kept);
  assert_int_equal(added, 6);
  assert_int_equal(kept, 4);
  assert_int_equal(casus_dyads_count(d), 1);
  const casus_dyad *y = find(d, "USA", "RUS");
  assert_int_equal(y->events, 4);
  assert_int_equal(y->hostile, 2);
  assert_int_equal(y->fatalities, 8);
  assert_string_equal(y->first, "2024-03-01");
  assert_string_equal(y->last, "2024-03-03");
  assert_int_equal(y->nseries, 2);
  const casus_dyad_day *s = y->series;
  assert_string_equal(s[0].date, "2024-03-01");
  assert_int_equal(s[0].events, 3);
  assert_int_equal(s[0].hostile, 2);
  assert_int_equal(s[0].quad[4], 2);
  assert_int_equal(s[0].quad[3], 1);
  assert_int_equal(s[0].ntypes, 2);
  assert_string_equal(s[0].types[0].key, "11"); /* CAMEO root: no PLOVER */
  assert_int_equal(s[0].types[0].n, 1);
  assert_string_equal(s[0].types[1].key, "ASSAULT");
  assert_int_equal(s[0].types[1].n, 2);
  assert_true(fabs(s[0].goldstein_sum + 22.0) < 1e-9);
  assert_true(fabs(s[0].goldstein_mean + 22.0 / 3.0) < 1e-9);
  assert_int_equal(s[0].fatalities, 8);
  assert_string_equal(s[1].date, "2024-03-03");
  assert_int_equal(s[1].events, 1);
  assert_int_equal(s[1].quad[1], 1);
  assert_int_equal(s[1].fatalities, CASUS_UNKNOWN);
  assert_string_equal(s[1].types[0].key, "04");
  assert_int_equal(y->ntft, 0);
  casus_dyads_close(d);
}

/* One hostile act A->B on day 0, maybe a second on day NEXT_A, and B's
 * act on day REPLY (CAMEO, quad), with window W: the exchanges found and
 * the day of the act that was answered. */
static void test_window_edges(void **state) {
  (void)state;
  static const struct {
    int reply, window, next_a;
    const char *cameo;
    int quad;
    size_t n;
    int act_day;
  } rows[] = {
      {0, 7, -1, "190", 4, 0, 0}, /* same day: order unknown */
      {1, 7, -1, "190", 4, 1, 0},
      {7, 7, -1, "190", 4, 1, 0}, /* the window's last day */
      {8, 7, -1, "190", 4, 0, 0},
      {1, 1, -1, "190", 4, 1, 0},
      {2, 1, -1, "190", 4, 0, 0},
      {3, 7, 2, "190", 4, 1, 2},  /* answers the latest provocation */
      {2, 7, 2, "190", 4, 1, 0},  /* same day as A's next: the earlier */
      {3, 7, -1, "111", 3, 0, 0}, /* a denunciation is no reply */
      {3, 7, -1, "161", 4, 1, 0}, /* recalling an envoy is */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    char dates[3][11];
    casus__format_date(19723, dates[0]); /* 2024-01-01 */
    casus__format_date(19723 + rows[i].reply, dates[1]);
    casus__format_date(19723 + (rows[i].next_a < 0 ? 0 : rows[i].next_a),
                       dates[2]);
    tev evs[3] = {
        {"a0", dates[0], "AAA", "BBB", "190", -10, 4, -1, NULL},
        {"b", dates[1], "BBB", "AAA", rows[i].cameo, -5, rows[i].quad, -1,
         NULL},
        {"a1", dates[2], "AAA", "BBB", "190", -10, 4, -1, NULL},
    };
    casus_dyads_opts o = {.window = rows[i].window};
    casus_dyads *d = NULL;
    assert_int_equal(build(&o, evs, rows[i].next_a < 0 ? 2 : 3, &d), 0);
    const casus_dyad *y = find(d, "AAA", "BBB");
    if (y->ntft != rows[i].n)
      fail_msg("row %zu: %zu exchanges, want %zu", i, y->ntft, rows[i].n);
    if (rows[i].n) {
      char want[11];
      casus__format_date(19723 + rows[i].act_day, want);
      assert_string_equal(y->tft[0].act.date, want);
      assert_string_equal(y->tft[0].reply.event_id, "b");
    }
    casus_dyads_close(d);
  }
}

static void test_period_and_errors(void **state) {
  (void)state;
  casus_dyads_opts o = {.from = "2024-01-17", .to = "2024-01-17"};
  casus_dyads *d = NULL;
  assert_int_equal(build(&o, SEEDS, CASUS_ARRAY_LEN(SEEDS), &d), 0);
  size_t added, kept;
  casus_dyads_totals(d, &added, &kept);
  assert_int_equal(kept, 2);
  casus_error err;
  assert_int_equal(casus_dyads_add(d, "{}", 2, &err), CASUS_EINVAL);
  casus_dyads_close(d);

  static const struct {
    casus_dyads_opts o;
    int rc;
  } bad[] = {
      {{.from = "2024-13-01"}, CASUS_EDATE},
      {{.to = "yesterday"}, CASUS_EDATE},
      {{.level = 7}, CASUS_EINVAL},
      {{.window = -1}, CASUS_EINVAL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(bad); i++) {
    d = (casus_dyads *)&err; /* must be reset to NULL */
    assert_int_equal(casus_dyads_open(&bad[i].o, &d, &err), bad[i].rc);
    assert_null(d);
  }
  assert_int_equal(casus_dyads_open(NULL, &d, &err), 0);
  static const char *const notjson[] = {"", "[1]", "{\"date\":", "42"};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(notjson); i++)
    assert_int_equal(casus_dyads_add(d, notjson[i], strlen(notjson[i]), &err),
                     CASUS_EPARSE);
  assert_int_equal(casus_dyads_finish(d, &err), 0);
  assert_int_equal(casus_dyads_count(d), 0);
  char from[11], to[11];
  casus_dyads_period(d, from, to);
  assert_string_equal(from, "");
  assert_null(casus_dyads_get(d, 0));
  char *json = NULL;
  assert_int_equal(casus_dyad_to_json(d, 0, &json), CASUS_EINVAL);
  casus_dyads_close(d);
}

static void test_json(void **state) {
  (void)state;
  casus_dyads *d = NULL;
  assert_int_equal(build(NULL, SEEDS, CASUS_ARRAY_LEN(SEEDS), &d), 0);
  char *s = NULL;
  assert_int_equal(casus_dyad_to_json(d, 0, &s), 0);
  json_error_t je;
  json_t *o = json_loads(s, 0, &je);
  casus_free(s);
  assert_non_null(o);
  static const struct {
    const char *path, *want;
  } rows[] = {
      {"source", "PAK"},
      {"target", "IRN"},
      {"level", "country"},
      {"first", "2024-01-17"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++)
    assert_string_equal(json_string_value(json_object_get(o, rows[i].path)),
                        rows[i].want);
  assert_int_equal(json_integer_value(json_object_get(o, "rank")), 1);
  assert_true(fabs(json_real_value(json_object_get(o, "escalation")) -
                   21.605) < 1e-9);
  json_t *t = json_array_get(json_object_get(o, "tit_for_tat"), 0);
  assert_string_equal(json_string_value(json_object_get(
                          json_object_get(t, "reply"), "cameo")),
                      "195");
  assert_int_equal(json_array_size(json_object_get(t, "between")), 3);
  json_t *day = json_array_get(json_object_get(o, "series"), 1);
  assert_int_equal(json_integer_value(json_object_get(day, "fatalities")),
                   9);
  json_decref(o);
  casus_dyads_close(d);
}

/* Found by fuzz_dyads: a Goldstein value off the scale made the sums and
 * the index infinite (the JSON of the dyad failed as "out of memory") and
 * two huge fatality counts overflowed their sum.  Off-scale values count
 * as unknown (0), counts are clamped to 10^9. */
static void test_absurd_values(void **state) {
  (void)state;
  static const struct {
    const char *line;
    double gsum;  /* goldstein_sum of the dyad ISR -> PSE */
    long fat;     /* its fatalities */
  } cases[] = {
      {"{\"date\":\"2024-01-01\",\"actor1\":{\"code\":\"ISR\"},"
       "\"actor2\":{\"code\":\"PSE\"},\"cameo\":\"190\","
       "\"goldstein\":1e308}", 0.0, CASUS_UNKNOWN},
      {"{\"date\":\"2024-01-02\",\"actor1\":{\"code\":\"ISR\"},"
       "\"actor2\":{\"code\":\"PSE\"},\"cameo\":\"190\","
       "\"goldstein\":-1e308,\"fatalities\":{\"best\":"
       "9223372036854775807}}", 0.0, 1000000000L},
      {"{\"date\":\"2024-01-03\",\"actor1\":{\"code\":\"ISR\"},"
       "\"actor2\":{\"code\":\"PSE\"},\"cameo\":\"190\","
       "\"goldstein\":-10,\"fatalities\":{\"best\":"
       "9223372036854775807}}", -10.0, 2000000000L},
  };
  casus_dyads_opts o = {.level = CASUS_DYAD_ACTOR};
  for (size_t n = 1; n <= CASUS_ARRAY_LEN(cases); n++) {
    casus_dyads *d = NULL;
    casus_error err;
    assert_int_equal(casus_dyads_open(&o, &d, &err), 0);
    for (size_t i = 0; i < n; i++)
      assert_int_equal(casus_dyads_add(d, cases[i].line,
                                       strlen(cases[i].line), &err), 0);
    assert_int_equal(casus_dyads_finish(d, &err), 0);
    const casus_dyad *y = find(d, "ISR", "PSE");
    assert_true(fabs(y->goldstein_sum - cases[n - 1].gsum) < 1e-9);
    assert_int_equal(y->fatalities, cases[n - 1].fat);
    assert_true(isfinite(y->escalation));
    char *s = NULL;
    assert_int_equal(casus_dyad_to_json(d, 0, &s), 0);
    json_error_t je;
    json_t *j = json_loads(s, 0, &je);
    assert_non_null(j);
    json_decref(j);
    casus_free(s);
    casus_dyads_close(d);
  }
}

/* Every allocation failing in turn gives CASUS_ENOMEM and leaks
 * nothing; the loop ends when the build succeeds. */
static void test_oom(void **state) {
  (void)state;
  for (long n = 0;; n++) {
    tu_alloc_install_nth(n);
    casus_dyads *d = NULL;
    int rc = build(NULL, SEEDS, CASUS_ARRAY_LEN(SEEDS), &d);
    casus_dyads_close(d);
    long live = tu_live;
    tu_alloc_restore();
    assert_int_equal(live, 0);
    if (!rc)
      break;
    assert_int_equal(rc, CASUS_ENOMEM);
    assert_true(n < 10000);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_seeds_chain),
      cmocka_unit_test(test_escalation_values),
      cmocka_unit_test(test_daily_series),
      cmocka_unit_test(test_window_edges),
      cmocka_unit_test(test_period_and_errors),
      cmocka_unit_test(test_json),
      cmocka_unit_test(test_oom),
      cmocka_unit_test(test_absurd_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
