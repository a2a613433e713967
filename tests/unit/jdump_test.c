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

/* casus__json_real of V with PRECISION: what json_dumps prints. */
static void check_real(double v, int precision, const char *want) {
  casus_buf b = {0};
  assert_int_equal(casus__json_real(&b, v, precision), CASUS_OK);
  json_t *x = json_real(v);
  assert_non_null(x);
  char *ref = json_dumps(x, JSON_COMPACT | JSON_ENCODE_ANY |
                                JSON_REAL_PRECISION(precision));
  assert_non_null(ref);
  assert_string_equal(b.data, ref);
  if (want)
    assert_string_equal(b.data, want);
  free(ref);
  json_decref(x);
  casus__buf_free(&b);
}

typedef struct real_case {
  double v;
  int precision;
  const char *want;
} real_case;

/* Reals printed without snprintf (short decimals) and with it, at the
 * edges of the short form: exponents, 10 digits, rounding, -0. */
static void test_real_forms(void **state) {
  (void)state;
  static const real_case cases[] = {
    {3.4, 10, "3.4"},          {-10.0, 10, "-10.0"},
    {0.5, 10, "0.5"},          {-0.25, 10, "-0.25"},
    {0.0, 10, "0.0"},          {-0.0, 10, "-0.0"},
    {0.0001, 10, "0.0001"},    {0.00001, 10, "1e-5"},
    {0.00012345, 10, "0.00012345"}, {1234.5678901, 10, "1234.56789"},
    {9999999999.0, 10, "9999999999.0"}, {12345678901.0, 10, "1.23456789e10"},
    {29.4709, 10, "29.4709"},  {-122.4194, 10, "-122.4194"},
    {0.1 + 0.2, 10, "0.3"},    {0.1 + 0.2, 17, "0.30000000000000004"},
    {3.4, 17, "3.3999999999999999"}, {2.5, 17, "2.5"},
    {1.0 / 3.0, 10, "0.3333333333"}, {2.675, 3, "2.67"},
    {0.125, 2, "0.12"},        {99.95, 3, "100.0"},
    {1e15, 15, "1e15"},        {123456.7, 6, "123457.0"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_real(cases[i].v, cases[i].precision, cases[i].want);
}

/* Many short decimals and arbitrary doubles at several precisions agree
 * with jansson (a fixed pseudo-random sequence). */
static void test_real_sweep(void **state) {
  (void)state;
  static const int precisions[] = {10, 6, 15, 17, 1};
  static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  uint64_t x = 88172645463325252u;
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double v;
    if (i % 3 == 2) { /* any double of a wide range */
      uint64_t bits = (x & 0x800FFFFFFFFFFFFFu) |
                      ((0x3C0u + (x >> 52) % 0x80u) << 52);
      memcpy(&v, &bits, sizeof v);
    } else {          /* k / 10^d */
      long long k = (long long)(x % 20000000000u) - 10000000000LL;
      v = (double)(k >> (i % 20)) / p10[(x >> 40) % 9];
    }
    check_real(v, precisions[i % 5], NULL);
  }
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

/* Strings of every length up to 40 with one byte to escape (or none, or
 * a UTF-8 sequence) at every position: the 8-byte scan must find it. */
static void test_escape_positions(void **state) {
  (void)state;
  static const char *const specials[] = {"\"", "\\", "\n", "\x1f", "\x01",
                                         "\xc3\xa9", "\x7f", "/", "!", " "};
  for (size_t len = 0; len <= 40; len++)
    for (size_t at = 0; at <= len; at++)
      for (size_t k = 0; k < sizeof specials / sizeof *specials; k++) {
        char s[64];
        memset(s, 'a' + (char)(len % 26), len);
        size_t sl = strlen(specials[k]);
        memcpy(s + at, specials[k], sl);
        s[at + sl > len ? at + sl : len] = '\0';
        json_t *v = json_string(s);
        check(v, NULL);
        json_decref(v);
      }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_texts),
    cmocka_unit_test(test_reals),
    cmocka_unit_test(test_long_string),
    cmocka_unit_test(test_real_forms),
    cmocka_unit_test(test_real_sweep),
    cmocka_unit_test(test_escape_positions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
