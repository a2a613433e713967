/* json_test.c -- the event JSON contract (docs/json.md), field by field.
 *
 * Events are built by hand on a test doc; the JSON is parsed back with
 * jansson and every field is compared with the value the contract says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "casus_int.h"
#include "test_util.h"

/* Two sentences; the first starts with a two-byte character, so byte and
 * character offsets differ. */
static const char TEXT[] =
  "\xC3\x89lite Pakistani troops attacked militants in Quetta on Monday. "
  "Five people were killed, including two children.";

/* Returns the byte offset of NEEDLE in TEXT (the test fails if absent). */
static uint32_t off(const char *needle) { return tu_off(TEXT, needle); }

/* Fills EV with a fully known event whose mentions are M[0..2). */
static void full_event(casus_event *ev, casus_mention m[2]) {
  memset(ev, 0, sizeof *ev);
  memcpy(ev->event_id, "a1b2c3d4e5f60718", 17);
  memcpy(ev->date, "2024-03-04", 11);
  ev->date_precision = "day";
  ev->date_prov = (casus_prov){off("Monday"), off("Monday") + 6,
                               "date:weekday"};
  ev->actor1 = (casus_actor){"PAKMIL", "PAK", "MIL", "Pakistani troops",
                             {off("Pakistani"), off(" attacked"),
                              "actor:country-adj+role"}};
  ev->actor2 = (casus_actor){"REB", NULL, "REB", "militants",
                             {off("militants"), off(" in Quetta"),
                              "actor:role"}};
  memcpy(ev->cameo, "190", 4);
  ev->cameo_name = "Use conventional military force";
  ev->goldstein = -10.0;
  ev->quad_class = 4;
  ev->modality = "actual";
  ev->place = (casus_place){"Quetta", "PK", "Balochistan", NULL, 30.18,
                            66.99, 1, "city",
                            {off("Quetta"), off(" on Monday"),
                             "place:city"}, "exact", 0};
  ev->fatalities = (casus_fatalities){5, 5, 5, CASUS_UNKNOWN, 2,
                                      CASUS_UNKNOWN, CASUS_UNKNOWN,
                                      CASUS_UNKNOWN, CASUS_UNKNOWN,
                                      {off("Five"), off(" were"),
                                       "fatal:number-people"}};
  ev->num_sources = 1;
  ev->num_articles = 1;
  ev->num_mentions = 2;
  m[0] = (casus_mention){"art-1", 0, 0, off(" Five"), off("attacked"),
                         off(" militants"), "pattern:attack"};
  m[1] = (casus_mention){"art-1", 1, off("Five"), (uint32_t)strlen(TEXT),
                         off("were killed"), off(", including"),
                         "pattern:kill"};
  ev->mentions = m;
  ev->n_mentions = 2;
}

/* Returns the parsed JSON of EV on doc D (the caller decrefs). */
static json_t *to_json(const casus_doc *d, const casus_event *ev) {
  char *s = NULL;
  assert_int_equal(casus_event_to_json(d, ev, &s), CASUS_OK);
  assert_non_null(s);
  assert_null(strchr(s, '\n'));
  json_error_t jerr;
  json_t *j = json_loads(s, 0, &jerr);
  casus_free(s);
  assert_non_null(j);
  return j;
}

/* Asserts that O[K] is the string WANT, or JSON null when WANT is NULL. */
static void want_str(const json_t *o, const char *k, const char *want) {
  json_t *v = json_object_get(o, k);
  assert_non_null(v);
  if (!want) {
    assert_true(json_is_null(v));
    return;
  }
  assert_true(json_is_string(v));
  assert_string_equal(json_string_value(v), want);
}

/* Asserts that O[K] is the integer WANT. */
static void want_int(const json_t *o, const char *k, long want) {
  json_t *v = json_object_get(o, k);
  assert_true(json_is_integer(v));
  assert_int_equal(json_integer_value(v), want);
}

/* Asserts that O[K] is JSON null. */
static void want_null(const json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  assert_non_null(v);
  assert_true(json_is_null(v));
}

/* Returns TEXT[start, end) as a new string (caller frees). */
static char *cut(uint32_t start, uint32_t end) {
  char *s = malloc(end - start + 1);
  assert_non_null(s);
  memcpy(s, TEXT + start, end - start);
  s[end - start] = '\0';
  return s;
}

static casus_doc *new_doc(void) {
  casus_doc *d = casus__doc_new_for_test("art-1", TEXT);
  assert_non_null(d);
  return d;
}

static void test_top_level_fields(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  json_t *j = to_json(d, &ev);
  want_str(j, "event_id", "a1b2c3d4e5f60718");
  want_str(j, "date", "2024-03-04");
  want_str(j, "date_precision", "day");
  want_str(j, "cameo", "190");
  want_str(j, "cameo_name", "Use conventional military force");
  assert_true(json_is_real(json_object_get(j, "goldstein")));
  assert_true(json_real_value(json_object_get(j, "goldstein")) == -10.0);
  want_int(j, "quad_class", 4);
  want_str(j, "modality", "actual");
  want_int(j, "num_sources", 1);
  want_int(j, "num_articles", 1);
  want_int(j, "num_mentions", 2);
  json_t *a1 = json_object_get(j, "actor1");
  want_str(a1, "code", "PAKMIL");
  want_str(a1, "country", "PAK");
  want_str(a1, "role", "MIL");
  want_str(a1, "name", "Pakistani troops");
  json_t *a2 = json_object_get(j, "actor2");
  want_str(a2, "code", "REB");
  want_null(a2, "country");
  json_t *p = json_object_get(j, "place");
  want_str(p, "name", "Quetta");
  want_str(p, "country", "PK");
  want_str(p, "admin1", "Balochistan");
  want_null(p, "admin2");
  assert_true(json_real_value(json_object_get(p, "lat")) == 30.18);
  assert_true(json_real_value(json_object_get(p, "lon")) == 66.99);
  want_str(p, "precision", "city");
  json_decref(j);
  casus_doc_free(d);
}

/* The keys come in the documented order (docs/json.md). */
static void test_key_order(void **state) {
  (void)state;
  static const char *const keys[] = {
    "event_id", "date", "date_precision", "actor1", "actor2", "cameo",
    "cameo_name", "goldstein", "quad_class", "plover", "acled",
    "modality", "polarity", "attribution", "place",
    "fatalities", "num_sources", "num_articles", "num_mentions",
    "mentions", "provenance", "counts"};
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  json_t *j = to_json(d, &ev);
  size_t i = 0;
  for (void *it = json_object_iter(j); it;
       it = json_object_iter_next(j, it)) {
    assert_true(i < CASUS_ARRAY_LEN(keys));
    assert_string_equal(json_object_iter_key(it), keys[i]);
    i++;
  }
  assert_int_equal(i, CASUS_ARRAY_LEN(keys));
  json_decref(j);
  casus_doc_free(d);
}

/* Output is raw UTF-8, compact, and the CAMEO code is never a number. */
static void test_raw_text(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  char *s = NULL;
  assert_int_equal(casus_event_to_json(d, &ev, &s), CASUS_OK);
  assert_non_null(strstr(s, "{\"event_id\":\"a1b2c3d4e5f60718\","));
  assert_non_null(strstr(s, "\"text\":\"\xC3\x89lite Pakistani"));
  assert_null(strstr(s, "\\u00"));
  assert_non_null(strstr(s, "\"cameo\":\"190\""));
  assert_non_null(strstr(s, "\"goldstein\":-10.0,"));
  assert_null(strstr(s, ": "));
  casus_free(s);
  casus_doc_free(d);
}

static void test_cameo_stays_string(void **state) {
  (void)state;
  static const struct {
    const char *code;
    const char *want;
  } cases[] = {
    {"010", "010"}, {"0256", "0256"}, {"195", "195"}, {"20", "20"},
    {"", NULL},
  };
  casus_doc *d = new_doc();
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_event ev;
    casus_mention m[2];
    full_event(&ev, m);
    memset(ev.cameo, 0, sizeof ev.cameo);
    memcpy(ev.cameo, cases[i].code, strlen(cases[i].code));
    json_t *j = to_json(d, &ev);
    want_str(j, "cameo", cases[i].want);
    json_decref(j);
  }
  casus_doc_free(d);
}

/* Unknown values are null; an actor with nothing known is null; a place
 * without a name keeps the object with every field null. */
static void test_unknowns_are_null(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  memset(&ev, 0, sizeof ev);
  memcpy(ev.event_id, "ffff", 5);
  memcpy(ev.cameo, "010", 4);
  ev.actor1.name = "someone";
  ev.place.country = "PK";  /* ignored: the place has no name */
  ev.place.has_coords = 1;
  ev.fatalities = (casus_fatalities){CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, {0, 0, NULL}};
  json_t *j = to_json(d, &ev);
  want_null(j, "date");
  want_null(j, "date_precision");
  want_null(j, "actor2");
  want_null(j, "cameo_name");
  want_null(j, "modality");
  json_t *a1 = json_object_get(j, "actor1");
  want_null(a1, "code");
  want_null(a1, "country");
  want_null(a1, "role");
  want_str(a1, "name", "someone");
  static const char *const pkeys[] = {"name", "country", "admin1", "admin2",
                                      "lat", "lon", "precision",
                                      "geo_precision", "geonameid",
                                      "feature", "country3", "admin1_code",
                                      "admin2_code"};
  json_t *p = json_object_get(j, "place");
  assert_true(json_is_object(p));
  assert_int_equal(json_object_size(p), CASUS_ARRAY_LEN(pkeys));
  for (size_t i = 0; i < CASUS_ARRAY_LEN(pkeys); i++)
    want_null(p, pkeys[i]);
  json_t *f = json_object_get(j, "fatalities");
  want_null(f, "low");
  want_null(f, "best");
  want_null(f, "high");
  assert_int_equal(json_object_size(json_object_get(f, "breakdown")), 0);
  assert_int_equal(json_array_size(json_object_get(j, "mentions")), 0);
  assert_int_equal(json_object_size(json_object_get(j, "provenance")), 0);
  json_decref(j);
  casus_doc_free(d);
}

/* Coordinates are null unless has_coords, even for a named place. */
static void test_place_without_coords(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  ev.place.has_coords = 0;
  json_t *j = to_json(d, &ev);
  json_t *p = json_object_get(j, "place");
  want_str(p, "name", "Quetta");
  want_null(p, "lat");
  want_null(p, "lon");
  json_decref(j);
  casus_doc_free(d);
}

static void test_fatalities_breakdown(void **state) {
  (void)state;
  static const char *const keys[] = {"women", "children", "civilians",
                                     "foreign", "militants", "security"};
  static const struct {
    long v[6];
    long want[6]; /* -1: key absent */
  } cases[] = {
    {{-1, 2, -1, -1, -1, -1}, {-1, 2, -1, -1, -1, -1}},
    {{0, 0, 7, -1, 3, 1}, {0, 0, 7, -1, 3, 1}},
    {{-1, -1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1, -1}},
  };
  casus_doc *d = new_doc();
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_event ev;
    casus_mention m[2];
    full_event(&ev, m);
    casus_fatalities *f = &ev.fatalities;
    long *slots[] = {&f->women, &f->children, &f->civilians, &f->foreign,
                     &f->militants, &f->security};
    for (size_t k = 0; k < 6; k++)
      *slots[k] = cases[i].v[k];
    json_t *j = to_json(d, &ev);
    json_t *fj = json_object_get(j, "fatalities");
    want_int(fj, "low", 5);
    want_int(fj, "best", 5);
    want_int(fj, "high", 5);
    json_t *b = json_object_get(fj, "breakdown");
    for (size_t k = 0; k < 6; k++) {
      if (cases[i].want[k] < 0)
        assert_null(json_object_get(b, keys[k]));
      else
        want_int(b, keys[k], cases[i].want[k]);
    }
    json_decref(j);
  }
  casus_doc_free(d);
}

/* Mention text is exactly the sentence bytes; the trigger likewise. */
static void test_mentions(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  json_t *j = to_json(d, &ev);
  json_t *ms = json_object_get(j, "mentions");
  assert_int_equal(json_array_size(ms), 2);
  for (size_t i = 0; i < 2; i++) {
    json_t *o = json_array_get(ms, i);
    want_str(o, "article", "art-1");
    want_int(o, "sentence", (long)m[i].sentence);
    want_int(o, "start", m[i].start);
    want_int(o, "end", m[i].end);
    want_str(o, "rule", m[i].rule);
    char *sent = cut(m[i].start, m[i].end);
    want_str(o, "text", sent);
    free(sent);
    json_t *t = json_object_get(o, "trigger");
    want_int(t, "start", m[i].trigger_start);
    want_int(t, "end", m[i].trigger_end);
    char *trig = cut(m[i].trigger_start, m[i].trigger_end);
    want_str(t, "text", trig);
    free(trig);
  }
  json_t *m0 = json_array_get(ms, 0);
  want_str(m0, "text",
           "\xC3\x89lite Pakistani troops attacked militants in Quetta "
           "on Monday.");
  want_str(json_object_get(m0, "trigger"), "text", "attacked");
  json_decref(j);
  casus_doc_free(d);
}

static void test_provenance(void **state) {
  (void)state;
  static const struct {
    const char *key, *text, *rule;
  } cases[] = {
    {"date", "Monday", "date:weekday"},
    {"actor1", "Pakistani troops", "actor:country-adj+role"},
    {"actor2", "militants", "actor:role"},
    {"place", "Quetta", "place:city"},
    {"fatalities", "Five people", "fatal:number-people"},
  };
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  json_t *j = to_json(d, &ev);
  json_t *pv = json_object_get(j, "provenance");
  assert_int_equal(json_object_size(pv), CASUS_ARRAY_LEN(cases));
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    json_t *e = json_object_get(pv, cases[i].key);
    assert_non_null(e);
    want_int(e, "start", off(cases[i].text));
    want_int(e, "end", off(cases[i].text) + (long)strlen(cases[i].text));
    want_str(e, "text", cases[i].text);
    want_str(e, "rule", cases[i].rule);
  }
  json_decref(j);
  /* A defaulted date has an empty span: its text is "". */
  ev.date_prov = (casus_prov){0, 0, "date:published"};
  ev.actor2.prov.rule = NULL;
  j = to_json(d, &ev);
  pv = json_object_get(j, "provenance");
  assert_null(json_object_get(pv, "actor2"));
  want_str(json_object_get(pv, "date"), "text", "");
  want_str(json_object_get(pv, "date"), "rule", "date:published");
  json_decref(j);
  casus_doc_free(d);
}

/* A span outside the text gives null text rather than reading past it; a
 * span cutting a UTF-8 sequence is refused. */
static void test_bad_spans(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  m[1].end = (uint32_t)strlen(TEXT) + 10;
  json_t *j = to_json(d, &ev);
  want_null(json_array_get(json_object_get(j, "mentions"), 1), "text");
  json_decref(j);
  full_event(&ev, m);
  m[0].start = 1;  /* inside the two-byte \xC3\x89 */
  char *s = (char *)"sentinel";
  assert_int_equal(casus_event_to_json(d, &ev, &s), CASUS_EUTF8);
  assert_null(s);
  casus_doc_free(d);
}

static void test_bad_args(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  char *s = NULL;
  assert_int_equal(casus_event_to_json(NULL, &ev, &s), CASUS_EINVAL);
  assert_int_equal(casus_event_to_json(d, NULL, &s), CASUS_EINVAL);
  assert_int_equal(casus_event_to_json(d, &ev, NULL), CASUS_EINVAL);
  ev.mentions = NULL;
  assert_int_equal(casus_event_to_json(d, &ev, &s), CASUS_EINVAL);
  assert_null(s);
  casus_doc_free(d);
}

/* Allocation N alone fails (tu_alloc_install_nth), for N = 0, 1, ...
 * until the call succeeds. */
static void test_oom(void **state) {
  (void)state;
  casus_doc *d = new_doc();
  casus_event ev;
  casus_mention m[2];
  full_event(&ev, m);
  int rc = CASUS_ENOMEM;
  long n;
  for (n = 0; rc == CASUS_ENOMEM && n < 100; n++) {
    tu_alloc_install_nth(n);
    char *s = NULL;
    rc = casus_event_to_json(d, &ev, &s);
    tu_alloc_restore();
    if (rc == CASUS_ENOMEM)
      assert_null(s);
    casus_free(s);
  }
  assert_int_equal(rc, CASUS_OK);
  assert_true(n >= 2);  /* at least one allocation was made to fail */
  casus_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_top_level_fields),
    cmocka_unit_test(test_key_order),
    cmocka_unit_test(test_raw_text),
    cmocka_unit_test(test_cameo_stays_string),
    cmocka_unit_test(test_unknowns_are_null),
    cmocka_unit_test(test_place_without_coords),
    cmocka_unit_test(test_fatalities_breakdown),
    cmocka_unit_test(test_mentions),
    cmocka_unit_test(test_provenance),
    cmocka_unit_test(test_bad_spans),
    cmocka_unit_test(test_bad_args),
    cmocka_unit_test(test_oom),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
