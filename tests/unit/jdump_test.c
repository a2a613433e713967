/* jdump_test.c -- lib/util/jdump.c: casus__json_dump prints exactly what
 * jansson's json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(10)) prints
 * (the event output depends on it byte for byte), for strings with every
 * kind of escape, integers, reals, nested containers and key order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "casus_int.h"

#define FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* Returns casus__json_dump of V (casus__malloc'd); fails the test when it
 * does not agree with json_dumps or with WANT (when not NULL). */
static void check(json_t *v, const char *want) {
  assert_non_null(v);
  casus_buf b = {0};
  assert_int_equal(casus__json_dump(v, 10, &b), CASUS_OK);
  char *ref = json_dumps(v, FLAGS | JSON_ENCODE_ANY);
  assert_non_null(ref);
  assert_string_equal(b.data, ref);
  if (want)
    assert_string_equal(b.data, want);
  free(ref);
  casus__buf_free(&b);
}

typedef struct text_case {
  const char *json;  /* parsed with json_loads */
  const char *want;  /* compact output */
} text_case;

static void test_texts(void **state) {
  (void)state;
  static const text_case cases[] = {
    {"{}", "{}"},
    {"[]", "[]"},
    {"{\"b\": 1, \"a\": [1, 2, {\"z\": null, \"y\": true}], \"c\": false}",
     "{\"b\":1,\"a\":[1,2,{\"z\":null,\"y\":true}],\"c\":false}"},
    {"[\"quote \\\" backslash \\\\ slash /\"]",
     "[\"quote \\\" backslash \\\\ slash /\"]"},
    {"[\"\\b\\f\\n\\r\\t \\u0001 \\u001f \\u007f\"]",
     "[\"\\b\\f\\n\\r\\t \\u0001 \\u001F \x7f\"]"},
    {"[\"caf\\u00e9 \\u2019 \\ud83d\\ude00\"]",
     "[\"caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80\"]"},
    {"{\"k\\n\\\"ey\": \"\"}", "{\"k\\n\\\"ey\":\"\"}"},
    {"[-9223372036854775808, 0, 42, -7]",
     "[-9223372036854775808,0,42,-7]"},
    {"[3.4, -10.0, 0.1, 1e21, 1e-7, 33.123456789012, 2.5e-300, 100.0]",
     "[3.4,-10.0,0.1,1e21,1e-7,33.12345679,2.5e-300,100.0]"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    json_error_t e;
    json_t *v = json_loads(cases[i].json, JSON_DECODE_ANY, &e);
    check(v, cases[i].want);
    json_decref(v);
  }
}

/* Reals as the exporters make them: coordinates and Goldstein scores. */
static void test_reals(void **state) {
  (void)state;
  static const double reals[] = {
    0.0, -0.0, 1.0, -2.0, 3.4, 7.0, -9.5, 34.5553, 69.2075, -122.4194,
    1234567890.0, 12345678901.0, 1e100, -1e-100, 0.000123, 1.0 / 3.0,
  };
  for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
    json_t *v = json_pack("{s:f}", "x", reals[i]);
    check(v, NULL);
    json_decref(v);
  }
  json_t *v = json_pack("{s:f,s:f}", "lat", 34.5553, "lon", -122.4194);
  check(v, "{\"lat\":34.5553,\"lon\":-122.4194}");
  json_decref(v);
}

/* A long string with escapes at both ends and in runs. */
static void test_long_string(void **state) {
  (void)state;
  char s[3000];
  for (size_t i = 0; i < sizeof s - 1; i++)
    s[i] = "ab\"c\\d\ne \x01"[i % 11];
  s[sizeof s - 1] = '\0';
  json_t *v = json_pack("[s]", s);
  check(v, NULL);
  json_decref(v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_texts),
    cmocka_unit_test(test_reals),
    cmocka_unit_test(test_long_string),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
