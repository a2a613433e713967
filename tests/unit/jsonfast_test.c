/* jsonfast_test.c -- unit tests of the reader's fast JSON path
 * (lib/read/jsonfast.c): which records it takes and which it hands to
 * jansson, and that what it takes equals json_loadb's object, with the
 * decoded "text" checked byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "casus_int.h"
#include "read/read_int.h"

static const struct {
  const char *in;
  bool taken;       /* the fast path parses it (else it declines) */
  const char *text; /* its decoded "text" when taken, NULL: none/null */
  size_t text_len;
} CASES[] = {
  {"{}", true, NULL, 0},
  {" \t{ \"text\" : \"a b\" }\r\n", true, "a b", 3},
  {"{\"text\":\"x\",\"text\":\"y\"}", true, "y", 1},
  {"{\"text\":\"x\",\"title\":null}", true, "x", 1},
  {"{\"text\":null}", true, NULL, 0},
  {"{\"text\":\"\\\"q\\\" \\\\ \\/ \\n\\t\"}", true, "\"q\" \\ / \n\t", 10},
  {"{\"text\":\"caf\\u00e9\"}", true, "caf\xc3\xa9", 5},
  {"{\"text\":\"\\ud83d\\ude00\"}", true, "\xf0\x9f\x98\x80", 4},
  {"{\"te\\u0078t\":\"k\"}", true, "k", 1},
  {"{\"text\":\"\xe2\x80\x9cq\xe2\x80\x9d\"}", true,
   "\xe2\x80\x9cq\xe2\x80\x9d", 7},
  /* declined: jansson decides (and rejects most of these) */
  {"{\"text\":\"\\u0000\"}", false, NULL, 0},
  {"{\"text\":\"\\ud83d\"}", false, NULL, 0},
  {"{\"text\":\"\\udc00x\"}", false, NULL, 0},
  {"{\"text\":\"\xc0\xaf\"}", false, NULL, 0},
  {"{\"text\":\"\xed\xa0\x80\"}", false, NULL, 0},
  {"{\"text\":\"\xf4\x90\x80\x80\"}", false, NULL, 0},
  {"{\"text\":\"a\tb\"}", false, NULL, 0},
  {"{\"text\":\"a\\x\"}", false, NULL, 0},
  {"{\"text\":\"\\u12\"}", false, NULL, 0},
  {"{\"id\":12,\"text\":\"x\"}", false, NULL, 0},
  {"{\"text\":true}", false, NULL, 0},
  {"{\"text\":{\"a\":\"b\"}}", false, NULL, 0},
  {"{\"text\":\"x\",}", false, NULL, 0},
  {"{\"text\":\"x\"} y", false, NULL, 0},
  {"{\"text\":nullx}", false, NULL, 0},
  {"{\"text\":\"x", false, NULL, 0},
  {"[\"x\"]", false, NULL, 0},
  {"\xef\xbb\xbf{\"text\":\"x\"}", false, NULL, 0},
  {"", false, NULL, 0},
};

static void test_cases(void **state) {
  (void)state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(CASES); i++) {
    const char *in = CASES[i].in;
    json_t *fast = casus__json_fast(in, strlen(in));
    if (!CASES[i].taken) {
      if (fast)
        fail_msg("case %zu: taken, expected declined", i);
      continue;
    }
    if (!fast)
      fail_msg("case %zu: declined, expected taken", i);
    json_error_t je;
    json_t *ref = json_loadb(in, strlen(in), 0, &je);
    assert_non_null(ref);
    assert_true(json_equal(fast, ref));
    json_t *t = json_object_get(fast, "text");
    if (CASES[i].text) {
      assert_true(json_is_string(t));
      assert_int_equal(json_string_length(t), CASES[i].text_len);
      assert_memory_equal(json_string_value(t), CASES[i].text,
                          CASES[i].text_len);
    } else {
      assert_true(!t || json_is_null(t));
    }
    json_decref(ref);
    json_decref(fast);
  }
}

/* A declined record still reads as before: the errors are jansson's. */
static void test_errors_from_jansson(void **state) {
  (void)state;
  static const struct {
    const char *in;
    int code;
  } ERR[] = {
      {"{\"text\":\"\xc0\xaf\"}", CASUS_EUTF8},
      {"{\"text\":\"x\",}", CASUS_EPARSE},
      {"{\"text\":\"\\u0000\"}", CASUS_EPARSE},
  };
  casus_rctx c = {"t.jsonl", 1, 0, "2024-01-01", NULL, "en", NULL};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(ERR); i++) {
    casus_article *a = NULL;
    casus_error err = {0};
    int rc = casus__jsonl_record(&c, ERR[i].in, strlen(ERR[i].in), &a, &err);
    assert_int_equal(rc, ERR[i].code);
    assert_null(a);
    assert_non_null(strstr(err.msg, "invalid JSON"));
  }
  casus_article *a = NULL;
  const char *ok = "{\"text\":\"caf\\u00e9\",\"id\":\"k\"}";
  assert_int_equal(casus__jsonl_record(&c, ok, strlen(ok), &a, NULL),
                   CASUS_OK);
  assert_string_equal(a->text, "caf\xc3\xa9");
  assert_string_equal(a->id, "k");
  assert_string_equal(a->published, "2024-01-01");
  casus_article_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),
      cmocka_unit_test(test_errors_from_jansson),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
