/* export_test.c -- the ontology (CAMEO/PLOVER/ACLED of every code) and the
 * exporters (docs/export.md): each export is parsed back and checked field
 * by field, column counts against the reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "engine_int.h"

/* ---------------------------------------------------------- helpers */

static casus_engine *engine(void) {
  static casus_engine *e;
  if (!e) {
    casus_error err;
    assert_int_equal(casus_engine_open(CASUS_DATADIR, &e, &err), CASUS_OK);
  }
  return e;
}

/* Write callback appending to a casus_buf. */
static int to_buf(const char *s, size_t n, void *ctx) {
  return casus__buf_append(ctx, s, n);
}

static int fail_write(const char *s, size_t n, void *ctx) {
  (void)s, (void)n, (void)ctx;
  return -1;
}

/* Exports the events EVS (NULL-terminated JSON texts) as FORMAT into OUT
 * (caller frees); returns the written count. */
static size_t export(const char *format, const char *const *evs,
                     casus_buf *out) {
  casus_exporter *x = NULL;
  casus_error err;
  casus_export_opts o = {to_buf, out, CASUS_DATADIR, 0};
  memset(out, 0, sizeof *out);
  assert_int_equal(casus_exporter_open(format, &o, &x, &err), CASUS_OK);
  for (size_t i = 0; evs[i]; i++)
    assert_int_equal(casus_exporter_add(x, evs[i], strlen(evs[i]), &err),
                     CASUS_OK);
  assert_int_equal(casus_exporter_finish(x, &err), CASUS_OK);
  size_t w, s;
  casus_exporter_counts(x, &w, &s);
  casus_exporter_close(x);
  return w;
}

#define MAXF 64
#define MAXR 8

/* A parsed table: rows of fields (copies in one buffer). */
typedef struct table {
  char *f[MAXR][MAXF];
  int nf[MAXR];
  int nr;
  char store[65536];
} table;

/* Splits TSV text into rows and fields. */
static void parse_tsv(const char *s, table *t) {
  memset(t, 0, sizeof *t);
  snprintf(t->store, sizeof t->store, "%s", s);
  char *p = t->store;
  while (*p && t->nr < MAXR) {
    char *nl = strchr(p, '\n');
    assert_non_null(nl);
    *nl = '\0';
    int r = t->nr++;
    for (char *q = p;;) {
      char *tab = strchr(q, '\t');
      assert_true(t->nf[r] < MAXF);
      t->f[r][t->nf[r]++] = q;
      if (!tab)
        break;
      *tab = '\0';
      q = tab + 1;
    }
    p = nl + 1;
  }
}

/* Parses RFC 4180 CSV text (quoted fields, doubled quotes). */
static void parse_csv(const char *s, table *t) {
  memset(t, 0, sizeof *t);
  char *w = t->store;
  int r = 0;
  t->f[0][0] = w;
  t->nf[0] = 1;
  bool quoted = false;
  for (const char *p = s; *p; p++) {
    if (quoted) {
      if (*p == '"' && p[1] == '"')
        *w++ = *p++;
      else if (*p == '"')
        quoted = false;
      else
        *w++ = *p;
    } else if (*p == '"') {
      quoted = true;
    } else if (*p == ',') {
      *w++ = '\0';
      t->f[r][t->nf[r]++] = w;
    } else if (*p == '\n') {
      *w++ = '\0';
      if (!p[1])
        break;
      r++;
      assert_true(r < MAXR);
      t->f[r][0] = w;
      t->nf[r] = 1;
    } else {
      *w++ = *p;
    }
  }
  *w = '\0';
  t->nr = r + 1;
}

/* Column index of NAME in header row 0 (fails when absent). */
static int col(const table *t, const char *name) {
  for (int i = 0; i < t->nf[0]; i++)
    if (!strcmp(t->f[0][i], name))
      return i;
  fail_msg("no column %s", name);
  return -1;
}

/* ---------------------------------------------------------- ontology */

/* Every code of the reference table, with its Goldstein value and quad
 * class; codes stay strings ("010" is not "10"). */
static void test_all_codes(void **state) {
  (void)state;
  casus_engine *e = engine();
  FILE *f = fopen(CASUS_SHARED "/reference/cameo/cameo_eventcodes_goldstein"
                               ".tsv", "r");
  assert_non_null(f);
  char line[512];
  size_t n = 0, plover = 0, acled = 0;
  while (fgets(line, sizeof line, f)) {
    char code[8], name[256];
    int digits, quad;
    char root[4], base[5];
    double g;
    if (sscanf(line, "%7[0-9]\t%d\t%3s\t%4s\t%d\t%lf\t%255[^\n]", code,
               &digits, root, base, &quad, &g, name) != 7)
      continue;
    const cameo_code *c = casus__cameo_find(e, code);
    assert_non_null(c);
    assert_string_equal(c->code, code);
    assert_int_equal(c->quad, quad);
    assert_true(c->goldstein == g);
    assert_string_equal(c->name, name);
    /* PLOVER drops CAMEO 01 and 02 (the documented null); every other
     * code has a type. */
    bool dropped = !strncmp(code, "01", 2) || !strncmp(code, "02", 2);
    assert_true(dropped ? c->plover_type == NULL : c->plover_type != NULL);
    plover += c->plover_type != NULL;
    acled += c->acled_type != NULL;
    n++;
  }
  fclose(f);
  assert_int_equal(n, 311);
  assert_int_equal(plover, 272);
  assert_int_equal(acled, 66);
  printf("ontology: %zu codes, %zu with PLOVER, %zu with ACLED\n", n, plover,
         acled);
  /* the binary search's edges, and codes that are not in the table */
  static const struct {
    const char *code;
    bool found;
  } rows[] = {{"01", true},  {"010", true},  {"2042", true}, {"20", true},
              {"0", false},  {"00", false},  {"99", false},  {"2043", false},
              {"", false},   {"0100", false}, {"01x", false}};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    const cameo_code *c = casus__cameo_find(e, rows[i].code);
    assert_int_equal(c != NULL, rows[i].found);
    if (c)
      assert_string_equal(c->code, rows[i].code);
  }
}

/* The quirks of GDELT's tables, repaired, and selected mappings. */
static void test_ontology_table(void **state) {
  (void)state;
  static const struct {
    const char *code, *name;
    double goldstein;
    int quad;
    const char *ptype, *pmode, *pctx, *atype, *asub;
  } rows[] = {
    {"010", "Make statement, not specified below", 0.0, 1, NULL, NULL, NULL,
     NULL, NULL},
    {"10", "DEMAND", -5.0, 3, "REQUEST", NULL, NULL, NULL, NULL},
    {"106", "Demand withdrawal", -5.0, 3, "REQUEST", "yield", "military",
     NULL, NULL},
    {"1056", "Demand de-escalation of military engagement", -5.0, 3,
     "REQUEST", "yield", "military", NULL, NULL},
    {"044", "Meet at a 'third' location", 2.5, 1, "CONSULT", "third-party",
     NULL, NULL, NULL},
    {"195", "Employ aerial weapons", -10.0, 4, "ASSAULT", "aerial",
     "military", "Explosions/Remote violence", "Air/drone strike"},
    {"194", "Fight with artillery and tanks", -10.0, 4, "ASSAULT",
     "heavy-weapons", "military", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"},
    {"145", "Protest violently, riot", -7.5, 4, "PROTEST", "riot", NULL,
     "Riots", "Violent demonstration"},
    {"141", "Demonstrate or rally", -6.5, 4, "PROTEST", "demo", NULL,
     "Protests", "Peaceful protest"},
    {"1831", "Carry out suicide bombing", -10.0, 4, "ASSAULT",
     "suicide-attack", NULL, "Explosions/Remote violence", "Suicide bomb"},
    {"173", "Arrest, detain, or charge with legal action", -5.0, 4, "COERCE",
     "arrest", "legal", "Strategic developments", "Arrests"},
    {"0871", "Declare truce, ceasefire", 9.0, 2, "RETREAT", "ceasefire",
     "military", "Strategic developments", "Agreement"},
    {"1124", "Accuse of war crimes", -2.0, 3, "ACCUSE", "allege",
     "military;legal", NULL, NULL},
    {"20", "USE UNCONVENTIONAL MASS VIOLENCE", -10.0, 4, "ASSAULT",
     "unconventional", NULL, "Violence against civilians", "Attack"},
  };
  casus_engine *e = engine();
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    const cameo_code *c = casus__cameo_find(e, rows[i].code);
    assert_non_null(c);
    assert_string_equal(c->name, rows[i].name);
    assert_true(c->goldstein == rows[i].goldstein);
    assert_int_equal(c->quad, rows[i].quad);
#define EQ(got, want)                   \
  if (want)                             \
    assert_string_equal(got, want);     \
  else                                  \
    assert_null(got)
    EQ(c->plover_type, rows[i].ptype);
    EQ(c->plover_mode, rows[i].pmode);
    EQ(c->plover_context, rows[i].pctx);
    EQ(c->acled_type, rows[i].atype);
    EQ(c->acled_subtype, rows[i].asub);
  }
}

/* A pattern override refines a violent event only. */
static void test_pattern_override(void **state) {
  (void)state;
  static const struct {
    const char *code, *pattern, *sub;
  } rows[] = {
    {"195", "fight.missile", "Shelling/artillery/missile attack"},
    {"195", "fight.airstrike", "Air/drone strike"},
    {"195", NULL, "Air/drone strike"},
    {"111", "fight.missile", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    casus_event ev;
    memset(&ev, 0, sizeof ev);
    snprintf(ev.cameo, sizeof ev.cameo, "%s", rows[i].code);
    casus__ontology_apply(engine(), rows[i].pattern, &ev);
    EQ(ev.acled_subtype, rows[i].sub);
  }
}

/* ---------------------------------------------------------- exports */

/* A fused event in the 0.2.0 shape: two sources, a discrepancy. */
static const char FUSED[] =
  "{\"event_id\":\"5a98b7fef8339960\",\"date\":\"2024-01-18\","
  "\"date_precision\":\"day\","
  "\"actor1\":{\"code\":\"PAK\",\"country\":\"PAK\",\"role\":null,"
  "\"name\":\"Pakistan\"},"
  "\"actor2\":{\"code\":\"IRN\",\"country\":\"IRN\",\"role\":null,"
  "\"name\":\"Iran\"},"
  "\"cameo\":\"195\",\"cameo_name\":\"Employ aerial weapons\","
  "\"goldstein\":-10.0,\"quad_class\":4,"
  "\"plover\":{\"type\":\"ASSAULT\",\"mode\":\"aerial\","
  "\"context\":[\"military\"]},"
  "\"acled\":{\"event_type\":\"Explosions/Remote violence\","
  "\"sub_event_type\":\"Air/drone strike\"},"
  "\"modality\":\"actual\",\"polarity\":\"asserted\","
  "\"attribution\":{\"name\":\"Iranian state media\"},"
  "\"place\":{\"name\":\"Saravan\",\"country\":\"IR\","
  "\"admin1\":\"Sistan and Baluchestan\",\"admin2\":null,"
  "\"lat\":27.3709,\"lon\":62.331,\"precision\":\"city\"},"
  "\"fatalities\":{\"low\":9,\"best\":9,\"high\":12,\"acled\":7,"
  "\"breakdown\":{\"women\":3,\"children\":4,\"foreign\":7}},"
  "\"num_sources\":2,\"num_articles\":2,\"num_mentions\":2,"
  "\"story_id\":\"s1\",\"first_reported\":\"2024-01-18\","
  "\"last_reported\":\"2024-01-19\",\"confidence\":0.9,"
  "\"discrepancies\":[{\"field\":\"fatalities\",\"claims\":["
  "{\"value\":\"9\",\"source\":\"Middle East Eye\"},"
  "{\"value\":\"12\",\"source\":\"Tolo, News\"}]}],"
  "\"mentions\":["
  "{\"article\":\"a1\",\"sentence\":0,\"start\":0,\"end\":50,"
  "\"text\":\"Pakistan launched air strikes on Iran\","
  "\"rule\":\"pattern:fight.airstrike\","
  "\"trigger\":{\"start\":9,\"end\":41,\"text\":\"launched air strikes\"},"
  "\"source\":\"Middle East Eye\",\"url\":\"https://mee.example/a1\","
  "\"published\":\"2024-01-18\",\"duplicate_of\":null},"
  "{\"article\":\"a2\",\"sentence\":3,\"start\":100,\"end\":160,"
  "\"text\":\"Pakistani jets struck Saravan\","
  "\"rule\":\"pattern:fight.strike\","
  "\"trigger\":{\"start\":115,\"end\":121,\"text\":\"struck\"},"
  "\"source\":\"Tolo, News\",\"url\":\"https://tolo.example/a2\","
  "\"published\":\"2024-01-19\",\"duplicate_of\":null}],"
  "\"provenance\":{\"actor1\":{\"start\":0,\"end\":8,\"text\":\"Pakistan\","
  "\"rule\":\"countries.tsv:name\",\"article\":\"a1\"},"
  "\"actor2\":{\"start\":33,\"end\":37,\"text\":\"Iran\","
  "\"rule\":\"countries.tsv:name\",\"article\":\"a1\"}}}";

/* A 0.1.0 event of casus code: no fusion keys, one article, a statement
 * (not ACLED, no PLOVER type, no deaths). */
static const char PLAIN[] =
  "{\"event_id\":\"00000000000000ff\",\"date\":\"2024-01-18\","
  "\"date_precision\":\"day\",\"actor1\":{\"code\":\"AFGGOV\","
  "\"country\":\"AFG\",\"role\":\"GOV\",\"name\":\"Kabul\"},"
  "\"actor2\":null,\"cameo\":\"0256\",\"cameo_name\":\"Appeal\","
  "\"goldstein\":3.0,\"quad_class\":1,\"modality\":\"actual\","
  "\"place\":{\"name\":null},\"fatalities\":{\"low\":null,\"best\":null,"
  "\"high\":null,\"breakdown\":{}},\"num_sources\":1,\"num_articles\":1,"
  "\"num_mentions\":1,\"mentions\":[{\"article\":\"b1\",\"sentence\":2,"
  "\"start\":5,\"end\":9,\"rule\":\"pattern:appeal.restraint\","
  "\"trigger\":{\"start\":6,\"end\":8}}],\"provenance\":{}}";

/* GDELT 1.0 column names of the reference header (58), mapped to their
 * 2.0 index: 2.0 adds an ADM2Code after each ADM1Code (61 columns). */
static int gdelt2_index(const char *name) {
  FILE *f = fopen(CASUS_SHARED "/reference/cameo/CSV.header.fieldids.txt",
                  "r");
  assert_non_null(f);
  char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  int added = 0, idx = -1, count = 0;
  for (char *tok = buf; *tok;) {
    size_t len = strcspn(tok, "\t\r\n");
    char nm[64];
    snprintf(nm, sizeof nm, "%.*s", (int)len, tok);
    tok += len;
    tok += strspn(tok, "\t\r\n");
    long v = strtol(tok, &tok, 10);
    tok += strspn(tok, "\t\r\n");
    if (!strcmp(nm, name))
      idx = (int)v + added;
    if (strstr(nm, "ADM1Code"))
      added++;
    count++;
  }
  assert_int_equal(count, 58);
  assert_int_equal(58 + added, 61);
  return idx;
}

static void test_gdelt_events(void **state) {
  (void)state;
  static const struct {
    const char *column, *want;
  } cols[] = {
    {"GLOBALEVENTID", "408010622849202582"}, {"SQLDATE", "20240118"},
    {"MonthYear", "202401"}, {"Year", "2024"}, {"FractionDate", "2024.1315"},
    {"Actor1Code", "PAK"}, {"Actor1Name", "PAKISTAN"},
    {"Actor1CountryCode", "PAK"}, {"Actor2Code", "IRN"},
    {"Actor2CountryCode", "IRN"}, {"IsRootEvent", "1"},
    {"EventCode", "195"}, {"EventBaseCode", "195"}, {"EventRootCode", "19"},
    {"QuadClass", "4"}, {"GoldsteinScale", "-10.0"}, {"NumMentions", "2"},
    {"NumSources", "2"}, {"NumArticles", "2"}, {"AvgTone", ""},
    {"Actor1Geo_Type", "0"}, {"ActionGeo_Type", "4"},
    {"ActionGeo_FullName", "Saravan, Sistan and Baluchestan, Iran"},
    {"ActionGeo_CountryCode", "IR"}, {"ActionGeo_ADM1Code", "IR04"},
    {"ActionGeo_Lat", "27.3709"}, {"ActionGeo_Long", "62.3310"},
    {"DATEADDED", "20240118000000"},
    {"SOURCEURL", "https://mee.example/a1"},
  };
  const char *evs[] = {FUSED, PLAIN, NULL};
  casus_buf out;
  assert_int_equal(export("gdelt", evs, &out), 2);
  table t;
  parse_tsv(out.data, &t);
  assert_int_equal(t.nr, 2);
  assert_int_equal(t.nf[0], 61);
  assert_int_equal(t.nf[1], 61);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cols); i++) {
    int k = gdelt2_index(cols[i].column);
    assert_true(k >= 0);
    assert_string_equal(t.f[0][k], cols[i].want);
  }
  /* ADM2Code (2.0 only) sits right after ActionGeo_ADM1Code: empty. */
  assert_string_equal(t.f[0][gdelt2_index("ActionGeo_ADM1Code") + 1], "");
  /* The 0.1.0 event: no place, citation-only source, root code of 0256. */
  assert_string_equal(t.f[1][gdelt2_index("EventRootCode")], "02");
  assert_string_equal(t.f[1][gdelt2_index("EventBaseCode")], "025");
  assert_string_equal(t.f[1][gdelt2_index("ActionGeo_Type")], "0");
  assert_string_equal(t.f[1][gdelt2_index("SOURCEURL")], "b1");
  assert_string_equal(t.f[1][gdelt2_index("Actor2Code")], "");
  casus__buf_free(&out);
}

static void test_gdelt_mentions(void **state) {
  (void)state;
  static const char *const want[2][16] = {
    {"408010622849202582", "20240118000000", "20240118000000", "1",
     "Middle East Eye", "https://mee.example/a1", "1", "0", "33", "9", "1",
     "90", "", "", "", ""},
    {"408010622849202582", "20240118000000", "20240119000000", "1",
     "Tolo, News", "https://tolo.example/a2", "4", "-1", "-1", "115", "1",
     "90", "", "", "", ""},
  };
  const char *evs[] = {FUSED, NULL};
  casus_buf out;
  export("gdelt-mentions", evs, &out);
  table t;
  parse_tsv(out.data, &t);
  assert_int_equal(t.nr, 2);
  for (int r = 0; r < 2; r++) {
    assert_int_equal(t.nf[r], 16);
    for (int i = 0; i < 16; i++)
      assert_string_equal(t.f[r][i], want[r][i]);
  }
  casus__buf_free(&out);
}

static void test_acled(void **state) {
  (void)state;
  static const struct {
    const char *column, *want;
  } cols[] = {
    {"event_id_cnty", "IRN49202582"}, {"event_date", "2024-01-18"},
    {"year", "2024"}, {"time_precision", "1"},
    {"disorder_type", "Political violence"},
    {"event_type", "Explosions/Remote violence"},
    {"sub_event_type", "Air/drone strike"},
    {"actor1", "Military Forces of Pakistan"},
    {"inter1", "External/Other forces"}, {"actor2", "Civilians (Iran)"},
    {"inter2", "Civilians"},
    {"interaction", "Civilians-External/Other forces"},
    {"civilian_targeting", "Civilians targeted"}, {"country", "Iran"},
    {"admin1", "Sistan and Baluchestan"}, {"location", "Saravan"},
    {"latitude", "27.3709"}, {"longitude", "62.3310"},
    {"geo_precision", "1"}, {"source", "Middle East Eye; Tolo, News"},
    {"fatalities", "7"},
  };
  const char *evs[] = {FUSED, PLAIN, NULL};
  casus_buf out;
  assert_int_equal(export("acled", evs, &out), 1);  /* PLAIN skipped */
  table t;
  parse_csv(out.data, &t);
  assert_int_equal(t.nr, 2);
  assert_int_equal(t.nf[0], 31);
  assert_int_equal(t.nf[1], 31);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cols); i++)
    assert_string_equal(t.f[1][col(&t, cols[i].column)], cols[i].want);
  const char *notes = t.f[1][col(&t, "notes")];
  assert_non_null(strstr(notes, "Sources disagree on fatalities: 9 "
                                "(Middle East Eye); 12 (Tolo, News)"));
  casus__buf_free(&out);
}

static void test_ucdp(void **state) {
  (void)state;
  static const struct {
    const char *column, *want;
  } cols[] = {
    {"id", "408010622849202582"}, {"relid", "5a98b7fef8339960"},
    {"year", "2024"}, {"type_of_violence", "1"},
    {"side_a", "Government of Pakistan"}, {"side_b", "Government of Iran"},
    {"dyad_name", "Government of Pakistan - Government of Iran"},
    {"number_of_sources", "2"}, {"source_article", "a1; a2"},
    {"source_office", "Middle East Eye; Tolo, News"},
    {"source_date", "2024-01-18; 2024-01-19"},
    {"source_original", "Iranian state media"}, {"where_prec", "1"},
    {"where_coordinates", "Saravan"}, {"adm_1", "Sistan and Baluchestan"},
    {"latitude", "27.3709"}, {"longitude", "62.331"},
    {"geom_wkt", "POINT (62.331 27.3709)"}, {"priogrid_gid", "168965"},
    {"country", "Iran"}, {"date_prec", "1"}, {"date_start", "2024-01-18"},
    {"date_end", "2024-01-18"}, {"deaths_unknown", "9"}, {"best", "9"},
    {"low", "9"}, {"high", "12"},
  };
  const char *evs[] = {FUSED, PLAIN, NULL};
  casus_buf out;
  assert_int_equal(export("ucdp", evs, &out), 1);
  table t;
  parse_csv(out.data, &t);
  assert_int_equal(t.nf[0], 49);
  assert_int_equal(t.nf[1], 49);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cols); i++)
    assert_string_equal(t.f[1][col(&t, cols[i].column)], cols[i].want);
  casus__buf_free(&out);
}

static void test_plover(void **state) {
  (void)state;
  const char *evs[] = {FUSED, PLAIN, NULL};
  casus_buf out;
  assert_int_equal(export("plover", evs, &out), 1);  /* 02x: no PLOVER */
  json_error_t e;
  json_t *r = json_loads(out.data, JSON_DISABLE_EOF_CHECK, &e);
  assert_non_null(r);
  const char *want[][2] = {
    {"/id", "5a98b7fef8339960"}, {"/date", "2024-01-18"},
    {"/event/0", "ASSAULT"}, {"/mode/0", "aerial"},
    {"/context/0", "military"}, {"/actor/0/code", "PAK"},
    {"/recipient/0/code", "IRN"}, {"/event_loc/country_code", "IRN"},
    {"/event_loc/province", "Sistan and Baluchestan"},
    {"/event_text/1", "struck"}, {"/link", "s1"},
    {"/cite_info/url", "https://mee.example/a1"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(want); i++) {
    json_t *v = r;
    for (const char *p = want[i][0]; v && *p == '/';) {
      p++;
      size_t n = strcspn(p, "/");
      v = json_is_array(v) ? json_array_get(v, strtoul(p, NULL, 10))
                           : json_object_getn(v, p, n);
      p += n;
    }
    assert_non_null(v);
    assert_string_equal(json_string_value(v), want[i][1]);
  }
  assert_int_equal(json_integer_value(json_object_get(r, "quad_code")), 4);
  assert_int_equal(json_integer_value(json_object_get(
                       json_object_get(r, "size"), "dead")), 9);
  json_decref(r);
  casus__buf_free(&out);
}

/* jsonl passes records through unchanged, one per line. */
static void test_jsonl(void **state) {
  (void)state;
  const char *evs[] = {FUSED, PLAIN, NULL};
  casus_buf out;
  assert_int_equal(export("jsonl", evs, &out), 2);
  size_t n = strlen(FUSED);
  assert_memory_equal(out.data, FUSED, n);
  assert_int_equal(out.data[n], '\n');
  assert_memory_equal(out.data + n + 1, PLAIN, strlen(PLAIN));
  assert_string_equal(out.data + n + 1 + strlen(PLAIN), "\n");
  casus__buf_free(&out);
}

/* Non-actual events are skipped in the field's formats. */
static void test_skips_non_actual(void **state) {
  (void)state;
  static const char *const formats[] = {"gdelt", "acled", "ucdp", "plover"};
  char threat[sizeof FUSED + 32];
  snprintf(threat, sizeof threat, "%s", FUSED);
  char *m = strstr(threat, "\"modality\":\"actual\"");
  assert_non_null(m);
  memcpy(m + 12, "threat", 6);
  const char *evs[] = {threat, NULL};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(formats); i++) {
    casus_buf out;
    assert_int_equal(export(formats[i], evs, &out), 0);
    casus__buf_free(&out);
  }
}

/* Bad input and bad arguments are reported, not crashed on. */
static void test_errors(void **state) {
  (void)state;
  casus_buf out = {0};
  casus_error err;
  casus_exporter *x = NULL;
  casus_export_opts o = {to_buf, &out, CASUS_DATADIR, 0};
  assert_int_equal(casus_exporter_open("csv", &o, &x, &err), CASUS_EINVAL);
  assert_null(x);
  assert_int_equal(casus_exporter_open("gdelt", NULL, &x, &err),
                   CASUS_EINVAL);
  casus_export_opts bad = {to_buf, &out, "/nonexistent", 0};
  assert_int_equal(casus_exporter_open("acled", &bad, &x, &err),
                   CASUS_EDATA);
  assert_int_equal(casus_exporter_open("gdelt", &o, &x, &err), CASUS_OK);
  static const struct {
    const char *in;
    int rc;
  } rows[] = {
    {"{", CASUS_EPARSE}, {"[1,2]", CASUS_EFIELD}, {"{\"a\":1}", CASUS_EFIELD},
    {"", CASUS_EPARSE}, {"{\"event_id\":\"x\"}", CASUS_OK},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++)
    assert_int_equal(casus_exporter_add(x, rows[i].in, strlen(rows[i].in),
                                        &err), rows[i].rc);
  size_t w, s;
  casus_exporter_counts(x, &w, &s);
  assert_int_equal(w + s, 1);
  casus_exporter_close(x);
  /* A failing writer: CASUS_EIO, at add and at finish. */
  casus_export_opts f = {fail_write, NULL, CASUS_DATADIR, 0};
  assert_int_equal(casus_exporter_open("jsonl", &f, &x, &err), CASUS_OK);
  assert_int_equal(casus_exporter_add(x, PLAIN, strlen(PLAIN), &err),
                   CASUS_EIO);
  assert_int_equal(casus_exporter_finish(x, &err), CASUS_EIO);
  casus_exporter_close(x);
  assert_int_equal(casus_exporter_open("acled", &f, &x, &err), CASUS_EIO);
  casus__buf_free(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_all_codes),
    cmocka_unit_test(test_ontology_table),
    cmocka_unit_test(test_pattern_override),
    cmocka_unit_test(test_gdelt_events),
    cmocka_unit_test(test_gdelt_mentions),
    cmocka_unit_test(test_acled),
    cmocka_unit_test(test_ucdp),
    cmocka_unit_test(test_plover),
    cmocka_unit_test(test_jsonl),
    cmocka_unit_test(test_skips_non_actual),
    cmocka_unit_test(test_errors),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  casus_engine_close(engine());
  return rc;
}
