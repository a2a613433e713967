/* util_test.c -- lib/util: folding, UTF-8 checks, calendar dates, the
 * hash map, capped buffers, the arena, the TSV reader and the behaviour
 * of all of these when allocation fails.
 *
 * Cases are tables of {input, expected}; a row marked known_bug is
 * skipped with a printed note (the bug is reported to the lead). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "casus_int.h"
#include "test_util.h"

/* ------------------------------------------------------------------ fold */

typedef struct fold_case {
  const char *in;
  size_t outcap;     /* 0: 256 */
  const char *want;
  const char *known_bug;
} fold_case;

static void test_fold(void **state) {
  (void)state;
  static const fold_case cases[] = {
    {"PAKISTAN", 0, "pakistan", NULL},
    {"Iran's Foreign Ministry", 0, "iran's foreign ministry", NULL},
    {"Sar\xC4\x81v\xC4\x81n", 0, "saravan", NULL},               /* ā */
    {"S\xC4\xABst\xC4\x81n va Bal\xC5\xAB" "chest\xC4\x81n", 0,
     "sistan va baluchestan", NULL},
    {"Pakistan\xE2\x80\x99s", 0, "pakistan's", NULL},           /* ’ */
    {"\xE2\x80\x98hi\xE2\x80\x99", 0, "'hi'", NULL},            /* ‘’ */
    {"\xE2\x80\x9Cquotes\xE2\x80\x9D", 0, "\"quotes\"", NULL},  /* “” */
    {"\xC2\xABguillemets\xC2\xBB", 0, "\"guillemets\"", NULL},  /* «» */
    {"a\xE2\x80\x93" "b\xE2\x80\x94" "c", 0, "a-b-c", NULL},    /* – — */
    {"x\xE2\x88\x92y", 0, "x-y", NULL},                         /* minus */
    {"a\xC2\xA0" "b", 0, "a b", NULL},                          /* NBSP */
    {"a\xE2\x80\xAF" "b", 0, "a b", NULL},                      /* NNBSP */
    {"charg\xC3\xA9 d'affaires", 0, "charge d'affaires", NULL}, /* é NFC */
    {"charge\xCC\x81", 0, "charge", NULL},                      /* e + ◌́ */
    {"\xC3\x84RZTE", 0, "arzte", NULL},                         /* Ä */
    {"Stra\xC3\x9F" "e", 0, "strasse", NULL},                   /* ß */
    {"\xEF\xAC\x81nal", 0, "final", NULL},                      /* ﬁ */
    {"a\xFF" "b", 0, "ab", NULL},              /* invalid byte dropped */
    {"", 0, "", NULL},
    {"Pakistan", 5, "paki", NULL},             /* truncated, NUL kept */
    {"Pakistan", 1, "", NULL},
    {"Sar\xC4\x81v\xC4\x81n", 4, "sar", NULL},
    /* Truncation must give a prefix of the full fold: a multi-byte
     * character that does not fit ends the output. */
    {"a\xE4\xB8\xAD" "b", 3, "a", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const fold_case *c = &cases[i];
    char out[256];
    size_t cap = c->outcap ? c->outcap : sizeof out;
    memset(out, 'X', sizeof out);
    size_t n = casus__fold(c->in, strlen(c->in), out, cap);
    bool ok = n == strlen(c->want) && !strcmp(out, c->want);
    if (c->known_bug) {
      char what[128];
      snprintf(what, sizeof what, "fold row %zu", i);
      tu_known_bug(what, c->known_bug, out, ok);
      continue;
    }
    if (!ok)
      print_error("fold row %zu: got \"%s\" (%zu), want \"%s\"\n", i, out,
                  n, c->want);
    assert_string_equal(out, c->want);
    assert_int_equal(n, strlen(c->want));
    assert_true(n < cap);
  }
  char none[1] = {'X'};
  assert_int_equal(casus__fold("abc", 3, none, 0), 0);
  assert_int_equal(none[0], 'X'); /* outcap 0: nothing written */
}

/* ------------------------------------------------------------------ utf8 */

typedef struct utf8_case {
  const char *s;
  size_t n;  /* 0: strlen */
  bool valid;
} utf8_case;

static void test_utf8_valid(void **state) {
  (void)state;
  static const utf8_case cases[] = {
    {"", 0, true},
    {"plain ascii", 0, true},
    {"Sar\xC4\x81v\xC4\x81n", 0, true},
    {"\xE2\x80\x99", 0, true},
    {"\xF0\x9F\x98\x80", 0, true},   /* U+1F600 */
    {"\xF4\x8F\xBF\xBF", 0, true},   /* U+10FFFF */
    {"a\0b", 3, true},               /* NUL is valid UTF-8 */
    {"\xC3", 0, false},              /* truncated */
    {"\xE2\x80", 0, false},          /* truncated */
    {"\xC0\xAF", 0, false},          /* overlong '/' */
    {"\xE0\x80\xAF", 0, false},      /* overlong */
    {"\xED\xA0\x80", 0, false},      /* surrogate D800 */
    {"\xF4\x90\x80\x80", 0, false},  /* > U+10FFFF */
    {"\xFF", 0, false},
    {"\x80", 0, false},              /* lone continuation */
    {"ok\xC3\xA9ok\xE9", 0, false},  /* Latin-1 é at the end */
    {"\xC3\xA9", 1, false},          /* length cuts the sequence */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const utf8_case *c = &cases[i];
    size_t n = c->n ? c->n : strlen(c->s);
    if (casus__utf8_valid(c->s, n) != c->valid)
      print_error("utf8 row %zu: want %d\n", i, c->valid);
    assert_int_equal(casus__utf8_valid(c->s, n), c->valid);
  }
}

/* ----------------------------------------------------------------- dates */

typedef struct civil_case {
  int y, m, d;
  long days;
} civil_case;

static void test_civil_known(void **state) {
  (void)state;
  static const civil_case cases[] = {
    {1970, 1, 1, 0},          {1969, 12, 31, -1},
    {2024, 1, 18, 19740},     {2024, 2, 29, 19782},
    {2000, 3, 1, 11017},      {1900, 1, 1, -25567},
    {2100, 12, 31, 47846},    {1, 1, 1, -719162},
    {9999, 12, 31, 2932896},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const civil_case *c = &cases[i];
    assert_int_equal(casus__days_from_civil(c->y, c->m, c->d), c->days);
    int y, m, d;
    casus__civil_from_days(c->days, &y, &m, &d);
    assert_int_equal(y, c->y);
    assert_int_equal(m, c->m);
    assert_int_equal(d, c->d);
  }
}

/* Every day of 1900..2100 maps to consecutive day numbers and back. */
static void test_civil_round_trip(void **state) {
  (void)state;
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  long expect = casus__days_from_civil(1900, 1, 1);
  long n = 0;
  for (int y = 1900; y <= 2100; y++) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12; m++) {
      int last = dm[m - 1] + (m == 2 && leap);
      for (int d = 1; d <= last; d++) {
        long days = casus__days_from_civil(y, m, d);
        if (days != expect)
          fail_msg("%04d-%02d-%02d: %ld, want %ld", y, m, d, days, expect);
        int yy, mm, dd;
        casus__civil_from_days(days, &yy, &mm, &dd);
        if (yy != y || mm != m || dd != d)
          fail_msg("%ld -> %04d-%02d-%02d, want %04d-%02d-%02d", days, yy,
                   mm, dd, y, m, d);
        expect++;
        n++;
      }
    }
  }
  assert_int_equal(n, 73414); /* 201 years, 49 leap days */
}

typedef struct iso_case {
  const char *s;
  bool ok;
  long days;
} iso_case;

static void test_parse_iso_date(void **state) {
  (void)state;
  static const iso_case cases[] = {
    {"2024-01-18", true, 19740},
    {"1970-01-01", true, 0},
    {"2024-02-29", true, 19782},
    {"2000-02-29", true, 11016},
    {"2024-01-18T10:00:00Z", true, 19740},
    {"2024-01-18 10:00", true, 19740},
    {"2024-01-18t10:00", true, 19740},
    {"2023-02-29", false, 0},
    {"1900-02-29", false, 0},
    {"2024-13-01", false, 0},
    {"2024-00-10", false, 0},
    {"2024-01-00", false, 0},
    {"2024-01-32", false, 0},
    {"2024-04-31", false, 0},
    {"0000-01-01", false, 0},
    {"2024-01-18x", false, 0},
    {"2024/01/18", false, 0},
    {"2024-1-18", false, 0},
    {"24-01-18", false, 0},
    {"2024-01-1", false, 0},
    {"abcd-ef-gh", false, 0},
    {"January 18", false, 0},
    {"", false, 0},
    {"-024-01-18", false, 0},
    {"2024-+1-18", false, 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const iso_case *c = &cases[i];
    long days = -12345;
    bool ok = casus__parse_iso_date(c->s, &days);
    if (ok != c->ok)
      print_error("parse_iso_date(\"%s\") = %d, want %d\n", c->s, ok, c->ok);
    assert_int_equal(ok, c->ok);
    if (c->ok)
      assert_int_equal(days, c->days);
    else
      assert_int_equal(days, -12345); /* untouched on failure */
  }
  long days = 7;
  assert_false(casus__parse_iso_date(NULL, &days));
  assert_int_equal(days, 7);
}

typedef struct fmt_case {
  long days;
  const char *want;
} fmt_case;

static void test_format_date(void **state) {
  (void)state;
  static const fmt_case cases[] = {
    {0, "1970-01-01"},      {-1, "1969-12-31"},
    {19740, "2024-01-18"},  {19782, "2024-02-29"},
    {-25567, "1900-01-01"}, {47846, "2100-12-31"},
    {2932896, "9999-12-31"}, {-719162, "0001-01-01"},
    {2932897, ""},          /* year 10000: does not fit */
    {-719163, "0000-12-31"}, /* year 0 still has 4 digits */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    char out[11];
    memset(out, 'X', sizeof out);
    casus__format_date(cases[i].days, out);
    assert_string_equal(out, cases[i].want);
  }
  /* Round trip through the parser for a few years of days. */
  for (long d = 19000; d < 20500; d++) {
    char out[11];
    long back = -1;
    casus__format_date(d, out);
    assert_true(casus__parse_iso_date(out, &back));
    assert_int_equal(back, d);
  }
}

/* ------------------------------------------------------------------- map */

#define MAP_N 100000

static void test_map(void **state) {
  (void)state;
  casus_map *m = casus__map_new();
  assert_non_null(m);
  assert_int_equal(casus__map_count(m), 0);
  assert_null(casus__map_get(m, "absent", 6));
  char key[32];
  for (long i = 0; i < MAP_N; i++) {
    int n = snprintf(key, sizeof key, "key:%ld", i);
    void **slot = casus__map_slot(m, key, (size_t)n);
    assert_non_null(slot);
    assert_null(*slot); /* new */
    *slot = (void *)(intptr_t)(i + 1);
  }
  assert_int_equal(casus__map_count(m), MAP_N);
  for (long i = 0; i < MAP_N; i++) {
    int n = snprintf(key, sizeof key, "key:%ld", i);
    assert_int_equal((intptr_t)casus__map_get(m, key, (size_t)n), i + 1);
  }
  /* Existing key: the same slot, count unchanged. */
  void **again = casus__map_slot(m, "key:42", 6);
  assert_non_null(again);
  assert_int_equal((intptr_t)*again, 43);
  assert_int_equal(casus__map_count(m), MAP_N);
  /* Missing keys, prefixes and length-delimited keys. */
  assert_null(casus__map_get(m, "key:100000", 10));
  assert_null(casus__map_get(m, "key:", 4));
  assert_null(casus__map_get(m, "key:4", 4)); /* "key:" by length */
  assert_int_equal((intptr_t)casus__map_get(m, "key:12345678", 8), 1235);
  /* The empty key and keys with a NUL byte are ordinary keys. */
  void **e = casus__map_slot(m, "", 0);
  assert_non_null(e);
  *e = (void *)(intptr_t)-5;
  void **z = casus__map_slot(m, "a\0b", 3);
  assert_non_null(z);
  *z = (void *)(intptr_t)-6;
  assert_int_equal((intptr_t)casus__map_get(m, "", 0), -5);
  assert_int_equal((intptr_t)casus__map_get(m, "a\0b", 3), -6);
  assert_null(casus__map_get(m, "a", 1));
  assert_int_equal(casus__map_count(m), MAP_N + 2);
  casus__map_free(m);
  casus__map_free(NULL);
}

typedef struct hash_case {
  const char *s;
  uint64_t want;
} hash_case;

static void test_hash(void **state) {
  (void)state;
  /* FNV-1a 64 reference vectors (offset basis 14695981039346656037). */
  static const hash_case cases[] = {
    {"", 0xcbf29ce484222325ULL},
    {"a", 0xaf63dc4c8601ec8cULL},
    {"foobar", 0x85944171f73967e8ULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++)
    assert_int_equal(casus__hash(cases[i].s, strlen(cases[i].s)),
                     cases[i].want);
  /* Whatever the basis, equal input gives equal hashes and one changed
   * byte changes the hash. */
  assert_true(casus__hash("Iran", 4) == casus__hash("Iran", 4));
  assert_true(casus__hash("Iran", 4) != casus__hash("Iran", 3));
  assert_true(casus__hash("ab", 2) != casus__hash("ba", 2));
}

/* The map's key hash is stored in compiled images: its values must not
 * change (these are the byte-at-a-time definition's, every tail length
 * from 0 to 7 and keys of one to three 8-byte steps). */
static void test_map_keyhash(void **state) {
  (void)state;
  static const hash_case cases[] = {
    {"", 0xfd537b01720dfab4ULL},
    {"a", 0x7575d1266a533859ULL},
    {"of", 0xeba41f3d0559c66fULL},
    {"the", 0x08b9f1a448255556ULL},
    {"Iran", 0x2eefc8fecfd8455dULL},
    {"kabul", 0xa3263e0c9a5aa6ffULL},
    {"police", 0x754cb117df6f0df9ULL},
    {"islamic", 0x91243b0da5f66e6aULL},
    {"pakistan", 0x149ad4678f0e18f5ULL},
    {"foreign ministry", 0xbf784ec8f4974599ULL},
    {"sistan o baluchistan", 0x5008bfd83af33b86ULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++)
    assert_int_equal(casus__map_keyhash(cases[i].s, strlen(cases[i].s)),
                     cases[i].want);
}

/* ------------------------------------------------------------------- buf */

static void test_buf(void **state) {
  (void)state;
  casus_buf b = {0};
  b.max = 10;
  assert_int_equal(casus__buf_append(&b, "abcdef", 6), CASUS_OK);
  assert_int_equal(casus__buf_append(&b, "ghijk", 5), CASUS_ETOOBIG);
  assert_int_equal(b.len, 6);
  assert_string_equal(b.data, "abcdef");
  assert_int_equal(casus__buf_append(&b, "ghij", 4), CASUS_OK);
  assert_int_equal(b.len, 10);
  assert_string_equal(b.data, "abcdefghij");
  assert_int_equal(casus__buf_append(&b, "k", 1), CASUS_ETOOBIG);
  assert_int_equal(casus__buf_append(&b, "", 0), CASUS_OK);
  assert_int_equal(casus__buf_printf(&b, "%d", 1), CASUS_ETOOBIG);
  assert_string_equal(b.data, "abcdefghij");
  casus__buf_free(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);

  /* No cap: growth, printf longer than the 256-byte fast path. */
  casus_buf u = {0};
  char big[1000];
  memset(big, 'z', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(casus__buf_printf(&u, "<%s>%d", big, 42), CASUS_OK);
  assert_int_equal(u.len, 999 + 4);
  assert_int_equal(u.data[0], '<');
  assert_int_equal(u.data[1000], '>');
  assert_string_equal(u.data + 1001, "42");
  for (int i = 0; i < 10000; i++)
    assert_int_equal(casus__buf_append(&u, "x", 1), CASUS_OK);
  assert_int_equal(u.len, 11003);
  assert_int_equal(u.data[u.len], '\0');
  assert_true(u.cap > u.len);
  casus__buf_free(&u);

  /* Appending nothing to an empty buffer gives "" (used by slurp). */
  casus_buf e = {0};
  assert_int_equal(casus__buf_append(&e, "", 0), CASUS_OK);
  assert_non_null(e.data);
  assert_string_equal(e.data, "");
  casus__buf_free(&e);
}

/* ----------------------------------------------------------------- arena */

static void test_arena(void **state) {
  (void)state;
  enum { N = 20000 };
  casus_arena a;
  casus__arena_init(&a);
  unsigned char **ptr = calloc(N, sizeof *ptr);
  size_t *len = calloc(N, sizeof *len);
  assert_non_null(ptr);
  assert_non_null(len);
  for (size_t i = 0; i < N; i++) {
    len[i] = i % 7 == 0 ? 0 : (i * 37) % 301 + 1;
    if (i == 5000)
      len[i] = 200000; /* bigger than a block */
    ptr[i] = casus__arena_alloc(&a, len[i]);
    assert_non_null(ptr[i]);
    assert_int_equal((uintptr_t)ptr[i] % 16, 0);
    for (size_t k = 0; k < len[i]; k++)
      assert_int_equal(ptr[i][k], 0); /* zeroed */
    memset(ptr[i], (int)(i & 0xff), len[i]);
  }
  /* Nothing overlaps: every block still holds its own pattern. */
  for (size_t i = 0; i < N; i++)
    for (size_t k = 0; k < len[i]; k++)
      if (ptr[i][k] != (unsigned char)(i & 0xff))
        fail_msg("arena block %zu byte %zu overwritten", i, k);
  assert_true(a.total >= 200000);
  free(ptr);
  free(len);

  char *s = casus__arena_strndup(&a, "Saravan, Iran", 7);
  assert_non_null(s);
  assert_string_equal(s, "Saravan");
  char *e = casus__arena_strndup(&a, "", 0);
  assert_non_null(e);
  assert_string_equal(e, "");
  assert_null(casus__arena_alloc(&a, SIZE_MAX));
  assert_null(casus__arena_alloc(&a, SIZE_MAX - 8));
  casus__arena_free(&a);
  assert_null(a.head);
  assert_int_equal(a.total, 0);
  casus__arena_free(&a); /* twice is harmless */
}

/* --------------------------------------------------------------- tsv_each */

typedef struct tsv_row {
  long lineno;
  int nf;
  const char *f[4];
} tsv_row;

typedef struct tsv_seen {
  tsv_row rows[16];
  char store[16][4][64];
  int n;
  int stop_at;  /* return 99 on this row (1-based), 0: never */
} tsv_seen;

static int tsv_collect(char **f, int nf, long lineno, void *ctx) {
  tsv_seen *s = ctx;
  if (s->n >= 16)
    return -1;
  tsv_row *r = &s->rows[s->n];
  r->lineno = lineno;
  r->nf = nf;
  for (int i = 0; i < nf && i < 4; i++) {
    snprintf(s->store[s->n][i], sizeof s->store[s->n][i], "%s", f[i]);
    r->f[i] = s->store[s->n][i];
  }
  s->n++;
  return s->n == s->stop_at ? 99 : 0;
}

typedef struct tsv_case {
  const char *in;
  int maxf;
  int stop_at;
  int rc;
  int nrows;
  tsv_row rows[6];
} tsv_case;

static void test_tsv_each(void **state) {
  (void)state;
  static const tsv_case cases[] = {
    {"# comment\n\na\tb\tc\r\n  x \t y  \n\r\nlast\tline", 3, 0, 0, 3,
     {{3, 3, {"a", "b", "c"}},
      {4, 2, {"x", "y"}},
      {6, 2, {"last", "line"}}}},
    /* maxf: the rest of the line stays in the last field */
    {"a\tb\tc\td\n", 2, 0, 0, 1, {{1, 2, {"a", "b\tc\td"}}}},
    {"a\tb\n", 1, 0, 0, 1, {{1, 1, {"a\tb"}}}},
    /* an indented comment, an empty field */
    {"   # indented comment\nk\t\tv\n", 4, 0, 0, 1,
     {{2, 3, {"k", "", "v"}}}},
    /* CRLF only, blank lines only */
    {"\r\n\r\n  \r\n", 3, 0, 0, 0, {{0, 0, {NULL}}}},
    {"", 3, 0, 0, 0, {{0, 0, {NULL}}}},
    /* no trailing newline, one field */
    {"solo", 3, 0, 0, 1, {{1, 1, {"solo"}}}},
    /* the callback's non-zero result stops the walk */
    {"a\nb\nc\n", 3, 2, 99, 2, {{1, 1, {"a"}}, {2, 1, {"b"}}}},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const tsv_case *c = &cases[i];
    char *buf = casus__strdup(c->in);
    assert_non_null(buf);
    tsv_seen seen;
    memset(&seen, 0, sizeof seen);
    seen.stop_at = c->stop_at;
    int rc = casus__tsv_each(buf, c->maxf, tsv_collect, &seen);
    assert_int_equal(rc, c->rc);
    if (seen.n != c->nrows)
      print_error("tsv row %zu: %d lines, want %d\n", i, seen.n, c->nrows);
    assert_int_equal(seen.n, c->nrows);
    for (int r = 0; r < c->nrows; r++) {
      assert_int_equal(seen.rows[r].lineno, c->rows[r].lineno);
      assert_int_equal(seen.rows[r].nf, c->rows[r].nf);
      for (int k = 0; k < c->rows[r].nf; k++)
        assert_string_equal(seen.rows[r].f[k], c->rows[r].f[k]);
    }
    casus__free(buf);
  }
}

/* ------------------------------------------------------------------- OOM */

static void test_alloc_basics(void **state) {
  (void)state;
  assert_null(casus__calloc(SIZE_MAX / 2, 4)); /* overflow */
  char *s = casus__strndup("abcdef", 3);
  assert_non_null(s);
  assert_string_equal(s, "abc");
  casus__free(s);
  assert_null(casus__strdup(NULL));
  casus__free(NULL);
  int *arr = NULL;
  size_t cap = 0;
  assert_int_equal(casus__grow((void **)&arr, &cap, 3, sizeof *arr), 0);
  assert_true(cap >= 3);
  size_t old = cap;
  assert_int_equal(casus__grow((void **)&arr, &cap, 2, sizeof *arr), 0);
  assert_int_equal(cap, old);
  assert_int_equal(casus__grow((void **)&arr, &cap, 100, sizeof *arr), 0);
  assert_true(cap >= 100);
  arr[99] = 7;
  casus__free(arr);
}

static void test_oom_map_new(void **state) {
  (void)state;
  /* Fail the 1st, then the 2nd allocation of map_new: NULL, no leak. */
  for (long k = 0; k < 2; k++) {
    tu_alloc_install(k);
    casus_map *m = casus__map_new();
    long live = tu_live;
    tu_alloc_restore();
    assert_null(m);
    assert_int_equal(live, 0);
  }
  tu_alloc_install(2);
  casus_map *m = casus__map_new();
  tu_alloc_restore();
  assert_non_null(m);
  tu_alloc_install(-1);
  casus__map_free(m); /* frees through our allocator: 2 blocks */
  long live = tu_live;
  tu_alloc_restore();
  assert_int_equal(live, -2);
}

/* Fills a map until allocation N fails: the failing slot call returns NULL,
 * the keys inserted before are intact, and freeing leaves nothing. */
static void test_oom_map_slot(void **state) {
  (void)state;
  for (long k = 2; k < 12; k++) {
    tu_alloc_install(k);
    casus_map *m = casus__map_new();
    assert_non_null(m);
    long inserted = 0;
    char key[32];
    for (long i = 0; i < 5000; i++) {
      int n = snprintf(key, sizeof key, "k%ld", i);
      void **slot = casus__map_slot(m, key, (size_t)n);
      if (!slot)
        break;
      *slot = (void *)(intptr_t)(i + 1);
      inserted++;
    }
    assert_true(inserted < 5000);
    assert_int_equal(casus__map_count(m), (size_t)inserted);
    for (long i = 0; i < inserted; i++) {
      int n = snprintf(key, sizeof key, "k%ld", i);
      assert_int_equal((intptr_t)casus__map_get(m, key, (size_t)n), i + 1);
    }
    casus__map_free(m);
    long live = tu_live;
    tu_alloc_restore();
    if (live)
      fail_msg("fail after %ld: %ld blocks leaked", k, live);
  }
}

static void test_oom_misc(void **state) {
  (void)state;
  tu_alloc_install(0);
  char *s = casus__strndup("abc", 3);
  char *d = casus__strdup("abc");
  casus_arena a;
  casus__arena_init(&a);
  void *p = casus__arena_alloc(&a, 10);
  char *as = casus__arena_strndup(&a, "x", 1);
  casus_buf b = {0};
  int brc = casus__buf_append(&b, "x", 1);
  int prc = casus__buf_printf(&b, "%d", 5);
  int *arr = NULL;
  size_t cap = 0;
  int grc = casus__grow((void **)&arr, &cap, 4, sizeof *arr);
  void *c = casus__calloc(4, 4);
  long live = tu_live;
  long calls = tu_calls;
  tu_alloc_restore();
  assert_null(s);
  assert_null(d);
  assert_null(p);
  assert_null(as);
  assert_null(a.head);
  assert_int_equal(brc, CASUS_ENOMEM);
  assert_int_equal(prc, CASUS_ENOMEM);
  assert_null(b.data);
  assert_int_equal(grc, CASUS_ENOMEM);
  assert_null(arr);
  assert_int_equal(cap, 0);
  assert_null(c);
  assert_int_equal(live, 0);
  assert_true(calls >= 8);

  /* A failing grow keeps the old array. */
  int *keep = NULL;
  size_t kcap = 0;
  assert_int_equal(casus__grow((void **)&keep, &kcap, 2, sizeof *keep), 0);
  keep[0] = 11;
  size_t before = kcap;
  tu_alloc_install(0);
  int rc = casus__grow((void **)&keep, &kcap, 1000, sizeof *keep);
  tu_alloc_restore();
  assert_int_equal(rc, CASUS_ENOMEM);
  assert_int_equal(kcap, before);
  assert_non_null(keep);
  assert_int_equal(keep[0], 11);
  casus__free(keep);

  /* A buffer whose growth fails keeps its content. */
  casus_buf g = {0};
  assert_int_equal(casus__buf_append(&g, "hello", 5), CASUS_OK);
  char big[600];
  memset(big, 'b', sizeof big);
  tu_alloc_install(0);
  rc = casus__buf_append(&g, big, sizeof big);
  tu_alloc_restore();
  assert_int_equal(rc, CASUS_ENOMEM);
  assert_int_equal(g.len, 5);
  assert_string_equal(g.data, "hello");
  casus__buf_free(&g);
}

/* slurp under OOM and on a missing file: a clean error, nothing leaked. */
static void test_slurp(void **state) {
  (void)state;
  char path[1024];
  snprintf(path, sizeof path, "%s/words.txt", CASUS_DATADIR);
  char *buf = NULL;
  size_t len = 0;
  casus_error err;
  assert_int_equal(casus__slurp(path, &buf, &len, &err), CASUS_OK);
  assert_true(len > 100);
  assert_int_equal(strlen(buf), len);
  casus__free(buf);
  buf = NULL;
  assert_int_equal(casus__slurp("/nonexistent/casus", &buf, &len, &err),
                   CASUS_EIO);
  assert_null(buf);
  assert_int_equal(err.code, CASUS_EIO);
  assert_string_equal(err.file, "/nonexistent/casus");
  tu_alloc_install(0);
  int rc = casus__slurp(path, &buf, &len, &err);
  long live = tu_live;
  tu_alloc_restore();
  assert_int_equal(rc, CASUS_ENOMEM);
  assert_null(buf);
  assert_int_equal(live, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fold),
    cmocka_unit_test(test_utf8_valid),
    cmocka_unit_test(test_civil_known),
    cmocka_unit_test(test_civil_round_trip),
    cmocka_unit_test(test_parse_iso_date),
    cmocka_unit_test(test_format_date),
    cmocka_unit_test(test_map),
    cmocka_unit_test(test_hash),
    cmocka_unit_test(test_map_keyhash),
    cmocka_unit_test(test_buf),
    cmocka_unit_test(test_arena),
    cmocka_unit_test(test_tsv_each),
    cmocka_unit_test(test_alloc_basics),
    cmocka_unit_test(test_oom_map_new),
    cmocka_unit_test(test_oom_map_slot),
    cmocka_unit_test(test_oom_misc),
    cmocka_unit_test(test_slurp),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
