/* counts_test.c -- acceptance tests of casualty and quantity counts: the
 * recognizer's count mentions (lib/recognize) and the "counts" array of
 * the event JSON (docs/json.md).
 *
 * Kinds (killed, wounded, arrested, displaced, missing, kidnapped),
 * qualifiers (at least, around, more than, up to, nearly, dozens,
 * thousands), who (people, civilians, women, children, soldiers,
 * militants, foreign nationals), numbers in words and digits; "three
 * women and four children ... among the nine people killed" keeps the
 * total and the breakdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "engine_int.h"
#include "test_util.h"

typedef struct want {
  long value;
  const char *qualifier;  /* NULL: exact */
  const char *who;        /* category */
  const char *kind;
  int foreign;
} want;

typedef struct count_case {
  const char *text;
  size_t n;
  want w[3];
} count_case;

static const count_case cases[] = {
    {"At least 12 civilians were wounded in the blast.", 1,
     {{12, "at least", "civilians", "wounded", 0}}},
    {"Around 90 people were killed in the attack.", 1,
     {{90, "around", "people", "killed", 0}}},
    {"More than 40 militants were arrested.", 1,
     {{40, "more than", "militants", "arrested", 0}}},
    {"Up to 3,000 people were displaced by the fighting.", 1,
     {{3000, "up to", "people", "displaced", 0}}},
    {"Dozens of villagers were abducted.", 1,
     {{24, "dozens", "civilians", "kidnapped", 0}}},
    {"Thousands of people fled the town.", 1,
     {{2000, "thousands", "people", "displaced", 0}}},
    {"Seven soldiers are missing after the attack.", 1,
     {{7, NULL, "security", "missing", 0}}},
    {"Police detained 15 protesters on Monday.", 1,
     {{15, NULL, "civilians", "arrested", 0}}},
    {"Gunmen kidnapped 20 students from a school.", 1,
     {{20, NULL, "civilians", "kidnapped", 0}}},
    {"Nearly two hundred people were injured.", 1,
     {{200, "nearly", "people", "wounded", 0}}},
    {"Twenty-one children were killed.", 1,
     {{21, NULL, "children", "killed", 0}}},
    {"Seven foreign nationals were killed.", 1,
     {{7, NULL, "people", "killed", 1}}},
    {"Three women and four children, all of whom were non-Iranian, were "
     "among the nine people killed.", 3,
     {{3, NULL, "women", "killed", 1},
      {4, NULL, "children", "killed", 1},
      {9, NULL, "people", "killed", -1}}},
    {"The strike killed 5 soldiers and wounded 11 civilians.", 2,
     {{5, NULL, "security", "killed", 0},
      {11, NULL, "civilians", "wounded", 0}}},
};

static bool same(const char *a, const char *b) {
  return a ? b && !strcmp(a, b) : !b;
}

static void test_count_kinds(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const count_case *c = &cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    tok_info *ti = NULL;
    sent_m m;
    memset(&m, 0, sizeof m);
    assert_int_equal(casus__tok_info(e, d, &ti), CASUS_OK);
    const casus_sentence *s = &d->seg.sents[0];
    assert_int_equal(casus__recognize(e, d, s, ti + s->tok, d->published,
                                      &m),
                     CASUS_OK);
    bool ok = m.ncounts == c->n;
    for (size_t k = 0; ok && k < c->n; k++) {
      const count_m *x = &m.counts[k];
      const want *w = &c->w[k];
      ok = x->value == w->value && same(x->qualifier, w->qualifier) &&
           same(x->category, w->who) && same(x->kind, w->kind) &&
           (w->foreign < 0 || !!x->foreign == !!w->foreign) &&
           x->t1 > x->t0 && x->t1 <= s->ntok;
    }
    if (!ok) {
      print_error("counts %zu \"%s\": want %zu, got %zu:", i, c->text, c->n,
                  m.ncounts);
      for (size_t k = 0; k < m.ncounts; k++)
        print_error(" [%ld %s %s %s f%d]", m.counts[k].value,
                    m.counts[k].qualifier ? m.counts[k].qualifier : "-",
                    m.counts[k].category ? m.counts[k].category : "-",
                    m.counts[k].kind ? m.counts[k].kind : "-",
                    m.counts[k].foreign);
      print_error("\n");
    }
    casus_doc_free(d);
    assert_true(ok);
  }
}

/* The event JSON: "counts" lists every count of the event (fatalities
 * keep the killed total and breakdown). */
static void test_counts_json(void **state) {
  const casus_engine *e = *state;
  static const char TEXT[] =
      "Pakistan launched air strikes on Iran, killing nine people, "
      "including three women and four children. Around 20 people were "
      "wounded.";
  static const struct {
    const char *kind;
    long number;
    const char *qualifier;
    const char *who;
    const char *text;
  } want_counts[] = {
      {"killed", 9, NULL, "people", "nine people"},
      {"killed", 3, NULL, "women", "three women"},
      {"killed", 4, NULL, "children", "four children"},
      {"wounded", 20, "around", "people", "Around 20 people"},
  };
  casus_doc *d = NULL;
  assert_int_equal(tu_process(e, TEXT, NULL, &d), CASUS_OK);
  assert_true(d->nevents >= 1);
  char *js = NULL;
  assert_int_equal(casus_event_to_json(d, &d->events[0], &js), CASUS_OK);
  json_error_t jerr;
  json_t *j = json_loads(js, 0, &jerr);
  assert_non_null(j);
  json_t *f = json_object_get(j, "fatalities");
  assert_int_equal(json_integer_value(json_object_get(f, "best")), 9);
  json_t *b = json_object_get(f, "breakdown");
  assert_int_equal(json_integer_value(json_object_get(b, "women")), 3);
  assert_int_equal(json_integer_value(json_object_get(b, "children")), 4);
  json_t *a = json_object_get(j, "counts");
  assert_true(json_is_array(a));
  if (json_array_size(a) != CASUS_ARRAY_LEN(want_counts))
    print_error("counts: %s\n", js);
  assert_int_equal(json_array_size(a), CASUS_ARRAY_LEN(want_counts));
  for (size_t i = 0; i < CASUS_ARRAY_LEN(want_counts); i++) {
    json_t *x = json_array_get(a, i);
    const char *q = json_string_value(json_object_get(x, "qualifier"));
    bool ok = same(json_string_value(json_object_get(x, "kind")),
                   want_counts[i].kind) &&
              json_integer_value(json_object_get(x, "number")) ==
                  want_counts[i].number &&
              same(q, want_counts[i].qualifier) &&
              same(json_string_value(json_object_get(x, "who")),
                   want_counts[i].who) &&
              same(json_string_value(json_object_get(x, "text")),
                   want_counts[i].text);
    uint32_t start = (uint32_t)json_integer_value(json_object_get(x,
                                                                  "start"));
    ok = ok && start == tu_off(TEXT, want_counts[i].text);
    if (!ok)
      print_error("count %zu: %s\n", i, js);
    assert_true(ok);
  }
  json_decref(j);
  casus_free(js);
  casus_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_count_kinds),
      cmocka_unit_test(test_counts_json),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
