/* lexicon_test.c -- the lexicon over whole data sets, and the place
 * resolver (lib/recognize/lexicon.c).
 *
 * Coverage: every ISO 3166-1 name (Debian iso-codes) resolves to its
 * country; every world-countries English demonym to its country (a
 * demonym several countries share to one of them); every GeoNames admin1
 * name to its own admin1 code.  Resolution: the traps of the lexicon issue
 * and tests/data/places.tsv (news sentences with the place they name)
 * through recognition and casus__place_resolve; at least 95% of the list
 * must resolve to the expected GeoNames id (or country + admin1). */
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

#define ISO_JSON "/usr/share/iso-codes/json/iso_3166-1.json"
#define WC_JSON CASUS_DATADIR "/../../npm/node_modules/world-countries/" \
                              "countries.json"

/* The first country entry of CANDS that is not a capital, or NULL. */
static const lex_entry *first_country(const lex_entry *cands, int form) {
  for (const lex_entry *x = cands; x; x = x->next)
    if (x->kind == LX_COUNTRY && (form ? x->form == form
                                       : x->form != CF_CAPITAL))
      return x;
  return NULL;
}

static bool has_country(const lex_entry *cands, const char *iso3) {
  for (const lex_entry *x = cands; x; x = x->next)
    if (x->kind == LX_COUNTRY && x->iso3 && !strcmp(x->iso3, iso3))
      return true;
  return false;
}

/* --------------------------------------------------- ISO names, demonyms */

static void test_iso_names(void **state) {
  const casus_engine *e = *state;
  json_error_t jerr;
  json_t *root = json_load_file(ISO_JSON, 0, &jerr);
  assert_non_null(root);
  json_t *list = json_object_get(root, "3166-1");
  assert_true(json_array_size(list) >= 249);
  static const char *const KEYS[] = {"name", "official_name", "common_name"};
  size_t total = 0, ok = 0, i;
  json_t *c;
  json_array_foreach(list, i, c) {
    const char *iso3 = json_string_value(json_object_get(c, "alpha_3"));
    assert_non_null(iso3);
    for (size_t k = 0; k < CASUS_ARRAY_LEN(KEYS); k++) {
      const char *form = json_string_value(json_object_get(c, KEYS[k]));
      if (!form)
        continue;
      total++;
      const lex_entry *cands = casus__place_find(e, form);
      const lex_entry *x = casus__place_pick(cands, NULL, 0, false);
      const lex_entry *a = first_country(casus__lex_find(e, form), 0);
      if (x && x->kind == LX_COUNTRY && !strcmp(x->iso3, iso3) && a &&
          !strcmp(a->iso3, iso3))
        ok++;
      else
        print_error("ISO name \"%s\" (%s): place %s, actor %s\n", form, iso3,
                    x && x->iso3 ? x->iso3 : "-", a ? a->iso3 : "-");
    }
  }
  printf("[ INFO     ] ISO 3166-1 names resolved: %zu/%zu\n", ok, total);
  json_decref(root);
  assert_true(total >= 400);
  assert_int_equal(ok, total);
}

/* Counts how many world-countries entries give demonym FORM. */
static size_t demonym_users(json_t *list, const char *form) {
  size_t n = 0, i;
  json_t *c;
  json_array_foreach(list, i, c) {
    json_t *eng = json_object_get(json_object_get(c, "demonyms"), "eng");
    const char *m = json_string_value(json_object_get(eng, "m"));
    const char *f = json_string_value(json_object_get(eng, "f"));
    if ((m && !strcmp(m, form)) || (f && !strcmp(f, form)))
      n++;
  }
  return n;
}

static void test_demonyms(void **state) {
  const casus_engine *e = *state;
  json_error_t jerr;
  json_t *list = json_load_file(WC_JSON, 0, &jerr);
  if (!list)
    print_error("%s: %s\n", WC_JSON, jerr.text);
  assert_non_null(list);
  size_t total = 0, ok = 0, shared = 0, i;
  json_t *c;
  json_array_foreach(list, i, c) {
    const char *iso3 = json_string_value(json_object_get(c, "cca3"));
    json_t *eng = json_object_get(json_object_get(c, "demonyms"), "eng");
    for (int g = 0; g < 2; g++) {
      const char *form =
          json_string_value(json_object_get(eng, g ? "f" : "m"));
      if (!form || !*form || (g && !strcmp(form, json_string_value(
                                             json_object_get(eng, "m")))))
        continue;
      total++;
      const lex_entry *cands = casus__lex_find(e, form);
      /* "Djibouti" is name and demonym: either kind of entry will do. */
      const lex_entry *x = first_country(cands, 0);
      bool good = x && !strcmp(x->iso3, iso3);
      if (!good && demonym_users(list, form) > 1 && has_country(cands, iso3)) {
        shared++; /* "Dominican": DOM and DMA; one of them wins */
        good = true;
      }
      if (good)
        ok++;
      else
        print_error("demonym \"%s\" (%s): got %s\n", form, iso3,
                    x ? x->iso3 : "-");
    }
  }
  printf("[ INFO     ] demonyms resolved: %zu/%zu (%zu shared by several "
         "countries)\n", ok, total, shared);
  json_decref(list);
  assert_true(total >= 240);
  assert_int_equal(ok, total);
}

/* ------------------------------------------------------- admin1 names */

typedef struct a1_ctx {
  const casus_engine *e;
  size_t total, ok, shared;
} a1_ctx;

static int admin1_row(char **f, int nf, long line, void *ctx) {
  (void)line;
  a1_ctx *c = ctx;
  if (nf < 3)
    return CASUS_EDATA;
  c->total++;
  const char *hint[1] = {f[0]};
  const lex_entry *cands = casus__place_find(c->e, f[2]);
  const lex_entry *x = casus__place_pick(cands, hint, 1, true);
  bool good = x && x->kind == LX_ADMIN1 && !strcmp(x->iso2, f[0]) &&
              !strcmp(x->admin1_code, f[1]);
  /* Two admin1 of one country share the name ("Moscow": the city and the
   * oblast; "Sofia", "Almaty"): the name must reach this one and resolve
   * to one of them. */
  for (const lex_entry *y = cands; !good && y; y = y->next)
    if (y->kind == LX_ADMIN1 && !strcmp(y->iso2, f[0]) &&
        !strcmp(y->admin1_code, f[1]) && x && x->kind == LX_ADMIN1 &&
        !strcmp(x->iso2, f[0]))
      good = ++c->shared > 0;
  if (good)
    c->ok++;
  else
    print_error("admin1 %s.%s \"%s\": got %s %s %s\n", f[0], f[1], f[2],
                x && x->iso2 ? x->iso2 : "-",
                x && x->admin1_code ? x->admin1_code : "-",
                x ? x->name : "-");
  return 0;
}

static void test_admin1_names(void **state) {
  a1_ctx c = {*state, 0, 0, 0};
  casus_error err;
  assert_int_equal(casus__tsv_file(CASUS_DATADIR "/gen/admin1_info.tsv", 8,
                                   admin1_row, &c, &err),
                   CASUS_OK);
  printf("[ INFO     ] GeoNames admin1 names resolved: %zu/%zu (%zu share "
         "their name with another admin1 of the country)\n", c.ok, c.total,
         c.shared);
  assert_true(c.total >= 3800);
  assert_int_equal(c.ok, c.total);
}

/* ---------------------------------------------------------- resolution */

typedef struct resolved {
  casus_doc *d;
  sent_m m;
  place_res r;
  bool found;  /* a place mention starts at the marker */
} resolved;

/* Recognizes the sentence of TEXT holding MENTION and resolves the place
 * mention that starts there.  False when the pipeline fails. */
static bool resolve(const casus_engine *e, const char *text,
                    const char *mention, resolved *out) {
  memset(out, 0, sizeof *out);
  if (tu_process(e, text, NULL, &out->d))
    return false;
  long at = tu_find(out->d, mention);
  const casus_sentence *s = NULL;
  for (size_t i = 0; at >= 0 && i < out->d->seg.nsents; i++)
    if ((uint32_t)at >= out->d->seg.sents[i].start &&
        (uint32_t)at < out->d->seg.sents[i].end)
      s = &out->d->seg.sents[i];
  if (!s)
    return true;
  tok_info *ti = NULL;
  if (casus__tok_info(e, out->d, &ti) ||
      casus__recognize(e, out->d, s, ti + s->tok, out->d->published,
                       &out->m))
    return false;
  const casus_token *t = out->d->seg.toks + s->tok;
  for (size_t k = 0; k < out->m.nplaces; k++) {
    if (t[out->m.places[k].t0].start != (uint32_t)at)
      continue;
    out->found = true;
    out->r = casus__place_resolve(&out->m, k, NULL, 0);
  }
  return true;
}

/* True when resolution R matches: GeoNames id GID when non-zero, else
 * country ISO2 and admin1 code A1 (NULL/"": any) and kind KIND (0: any). */
static bool matches(const resolved *r, uint32_t gid, const char *iso2,
                    const char *a1, int kind) {
  const lex_entry *x = r->r.x;
  if (!r->found || !x)
    return false;
  if (gid)
    return x->geonameid == gid;
  if (!x->iso2 || strcmp(x->iso2, iso2))
    return false;
  if (a1 && *a1 && (!x->admin1_code || strcmp(x->admin1_code, a1)))
    return false;
  return !kind || x->kind == kind;
}

typedef struct trap_case {
  const char *text;
  const char *mention;
  const char *iso2;
  const char *admin1;   /* GeoNames admin1 code, NULL: any */
  int kind;             /* LX_CITY, LX_ADMIN1, LX_COUNTRY; 0: any */
  int precision;        /* PREC_*; 0: any */
  double lat, lon;      /* when lat != 0: within 0.05 degrees */
} trap_case;

static const trap_case traps[] = {
    /* Saravan is also an alternate name of Salavan in Laos. */
    {"Gunmen attacked a border post near the city of Saravan in Iran's "
     "Sistan-Baluchestan province.", "Saravan", "IR", "04", LX_CITY,
     PREC_NEAR, 27.37, 62.33},
    {"Militants killed two guards in Saravan, Iran, on Tuesday.", "Saravan",
     "IR", "04", LX_CITY, PREC_EXACT, 27.37, 62.33},
    {"Floods hit villages in Saravan in southern Laos.", "Saravan", "LA",
     NULL, LX_CITY, 0, 15.72, 106.42},
    /* Islamabad is an alternate name of places in Bangladesh and India. */
    {"Protesters gathered in Islamabad on Friday.", "Islamabad", "PK", "08",
     LX_CITY, PREC_EXACT, 33.72, 73.04},
    {"Talks were held in Islamabad with Afghan envoys.", "Islamabad", "PK",
     NULL, 0, 0, 0, 0},
    /* Tehran must not become Tiran, which lists "Tehran" as an alias. */
    {"A rally was held in Tehran on Sunday.", "Tehran", "IR", "26", 0,
     PREC_EXACT, 0, 0},
    {"Officials in Tehran and Baghdad met.", "Tehran", "IR", "26", 0, 0, 0,
     0},
    /* The ISO name is "Arbil"; news writes Erbil, Irbil, Hawler. */
    {"A drone hit a base near Erbil, Iraq.", "Erbil", "IQ", "11", LX_CITY,
     PREC_NEAR, 36.19, 44.01},
    {"Rockets struck Irbil airport.", "Irbil", "IQ", "11", LX_CITY, 0, 36.19,
     44.01},
    {"The governor of Arbil province resigned.", "Arbil", "IQ", "11",
     LX_ADMIN1, PREC_ADMIN1, 0, 0},
    /* Kerman in an Iran article is Kerman, Iran, not Kerman, California. */
    {"Iran said a blast in Kerman killed dozens.", "Kerman", "IR", "29",
     LX_CITY, PREC_EXACT, 30.28, 57.08},
    {"A blast in Kerman killed dozens of Iranians.", "Kerman", "IR", "29",
     LX_CITY, 0, 30.28, 57.08},
    {"Police in Kerman, California, arrested a man.", "Kerman", "US", "CA",
     LX_CITY, 0, 36.72, -120.06},
    {"Officials in Kerman province said.", "Kerman", "IR", "29", LX_ADMIN1,
     PREC_ADMIN1, 0, 0},
    /* One province, however it is written. */
    {"Clashes broke out in Sistan-o-Baluchistan on Monday.",
     "Sistan-o-Baluchistan", "IR", "04", LX_ADMIN1, PREC_ADMIN1, 0, 0},
    {"Clashes broke out in Sistan-Baluchestan on Monday.",
     "Sistan-Baluchestan", "IR", "04", LX_ADMIN1, 0, 0, 0},
    {"Clashes broke out in Sistan and Baluchestan province on Monday.",
     "Sistan and Baluchestan", "IR", "04", LX_ADMIN1, 0, 0, 0},
    {"Clashes broke out in Sistan va Baluchestan on Monday.",
     "Sistan va Baluchestan", "IR", "04", LX_ADMIN1, 0, 0, 0},
    {"Clashes broke out in Sistan and Baluchistan province.",
     "Sistan and Baluchistan", "IR", "04", LX_ADMIN1, 0, 0, 0},
    /* The seeds. */
    {"Pakistan said militants in Balochistan were behind it.", "Balochistan",
     "PK", "02", LX_ADMIN1, PREC_ADMIN1, 0, 0},
    {"Iran struck targets in Pakistan's Balochistan.", "Balochistan", "PK",
     "02", LX_ADMIN1, 0, 0, 0},
    {"The strikes hit villages in Pakistan on Wednesday.", "Pakistan", "PK",
     NULL, LX_COUNTRY, PREC_COUNTRY, 30, 70},
};

static void test_traps(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(traps); i++) {
    const trap_case *c = &traps[i];
    resolved r;
    assert_true(resolve(e, c->text, c->mention, &r));
    bool ok = matches(&r, 0, c->iso2, c->admin1, c->kind) &&
              (!c->precision || r.r.precision == c->precision);
    if (ok && c->lat != 0)
      ok = r.r.x->has_coords && r.r.x->lat > c->lat - 0.05 &&
           r.r.x->lat < c->lat + 0.05 && r.r.x->lon > c->lon - 0.05 &&
           r.r.x->lon < c->lon + 0.05;
    if (!ok)
      print_error("trap %zu \"%s\" @ %s: want %s %s kind %d prec %d; got "
                  "%s %s %s kind %d prec %d %.2f,%.2f\n", i, c->text,
                  c->mention, c->iso2, c->admin1 ? c->admin1 : "-", c->kind,
                  c->precision, r.r.x ? r.r.x->name : "-",
                  r.r.x && r.r.x->iso2 ? r.r.x->iso2 : "-",
                  r.r.x && r.r.x->admin1_code ? r.r.x->admin1_code : "-",
                  r.r.x ? r.r.x->kind : 0, r.r.precision,
                  r.r.x ? (double)r.r.x->lat : 0.0,
                  r.r.x ? (double)r.r.x->lon : 0.0);
    casus_doc_free(r.d);
    assert_true(ok);
  }
}

/* tests/data/places.tsv: sentence, mention, GeoNames id (0: none, then
 * country and admin1 decide), ISO2, admin1 code, note. */
typedef struct pl_ctx {
  const casus_engine *e;
  size_t total, ok;
} pl_ctx;

static int place_row(char **f, int nf, long line, void *ctx) {
  pl_ctx *c = ctx;
  if (nf < 5)
    return CASUS_EDATA;
  resolved r;
  if (!resolve(c->e, f[0], f[1], &r))
    return CASUS_EDATA;
  c->total++;
  uint32_t gid = (uint32_t)strtoul(f[2], NULL, 10);
  if (matches(&r, gid, f[3], f[4], 0))
    c->ok++;
  else
    printf("[ MISS     ] places.tsv:%ld %s: want %s %s %s; got %s %s %s "
           "%u%s\n", line, f[1], f[2], f[3], f[4],
           r.r.x ? r.r.x->name : "-",
           r.r.x && r.r.x->iso2 ? r.r.x->iso2 : "-",
           r.r.x && r.r.x->admin1_code ? r.r.x->admin1_code : "-",
           r.r.x ? r.r.x->geonameid : 0, r.found ? "" : " (not found)");
  casus_doc_free(r.d);
  return 0;
}

static void test_places_list(void **state) {
  pl_ctx c = {*state, 0, 0};
  casus_error err;
  assert_int_equal(casus__tsv_file(CASUS_SRCDIR "/tests/data/places.tsv", 6,
                                   place_row, &c, &err),
                   CASUS_OK);
  printf("[ INFO     ] places.tsv resolved: %zu/%zu (%.1f%%)\n", c.ok,
         c.total, c.total ? 100.0 * (double)c.ok / (double)c.total : 0.0);
  assert_true(c.total >= 200);
  assert_true(c.ok * 100 >= c.total * 95);
}

/* Words that are some town's name but not meant as one, and the same
 * names when the text does mean the place.  ISO2 NULL: no place may be
 * recognized at the mention; else it resolves into ISO2 with KIND. */
static void test_not_places(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *text, *mention;
    const char *iso2;
    int kind;
  } cases[] = {
      /* "Line" is Lin'e (CN) without its apostrophe, "Control" El Control
       * (MX) without its article: derived forms in a name */
      {"Troops exchanged fire along the Line of Control on Monday.", "Line",
       NULL, 0},
      {"Troops exchanged fire along the Line of Control on Monday.",
       "Control", NULL, 0},
      {"Indian troops fired across the Line of Control.", "Control", NULL, 0},
      /* common words and given names (data/place_words.txt) */
      {"Gunmen attacked students at the University on Monday.", "University",
       NULL, 0},
      {"Police arrested protesters in Prosper on Monday.", "Prosper", NULL,
       0},
      {"The talks were held in Independence Hall.", "Independence", NULL, 0},
      {"He spoke in Congress on Tuesday.", "Congress", NULL, 0},
      {"Rebels attacked a convoy in Union on Monday.", "Union", NULL, 0},
      {"She met voters in Hope on Friday.", "Hope", NULL, 0},
      /* ... a place when its country or state follows */
      {"Police arrested protesters in Prosper, Texas, on Monday.", "Prosper",
       "US", LX_CITY},
      {"A storm hit Independence, Missouri.", "Independence", "US",
       LX_CITY},
      /* alternate names still resolve after a preposition or place verb */
      {"Rockets struck Irbil on Monday.", "Irbil", "IQ", LX_CITY},
      {"Turkish jets struck militants near Hawler on Monday.", "Hawler", "IQ",
       LX_CITY},
      {"Fighting broke out in Raqqa on Monday.", "Raqqa", "SY", LX_CITY},
      /* a place the gazetteer lacks in the country the text names: that
       * country, not a namesake 7,000 km away (Palma, Spain) */
      {"Insurgents attacked Palma in northern Mozambique.", "Palma", "MZ",
       LX_COUNTRY},
      {"Insurgents attacked Palma, Mozambique.", "Palma", "MZ", LX_COUNTRY},
      /* ... but a namesake next door stays ("Congo" is the Republic) */
      {"Rebels seized Goma in eastern Congo.", "Goma", "CD", LX_CITY},
      {"Police in Kerman, California, arrested a man.", "Kerman", "US",
       LX_CITY},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    resolved r;
    assert_true(resolve(e, cases[i].text, cases[i].mention, &r));
    bool ok = cases[i].iso2 ? matches(&r, 0, cases[i].iso2, NULL,
                                      cases[i].kind)
                            : !r.found;
    if (!ok)
      print_error("not_places %zu \"%s\" @ %s: want %s; got %s %s %s\n",
                  i, cases[i].text, cases[i].mention,
                  cases[i].iso2 ? cases[i].iso2 : "no place",
                  r.found ? "found" : "not found",
                  r.r.x ? r.r.x->name : "-",
                  r.r.x && r.r.x->iso2 ? r.r.x->iso2 : "-");
    casus_doc_free(r.d);
    assert_true(ok);
  }
}

/* casus__place_pick on its own: hints, population, admin words. */
static void test_pick(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *form;
    const char *hint;  /* NULL: none */
    bool admin_word;
    const char *iso2;
    int kind;
  } cases[] = {
      {"Tehran", NULL, false, "IR", 0},
      {"Kerman", NULL, false, "IR", LX_CITY},
      {"Kerman", "US", false, "US", LX_CITY},
      {"Kerman", "IR", true, "IR", LX_ADMIN1},
      {"Punjab", "PK", false, "PK", LX_ADMIN1},
      {"Iran", "PK", false, "IR", LX_COUNTRY},
      {"Saravan", "IR", false, "IR", LX_CITY},
      {"Saravan", "LA", false, "LA", LX_CITY},
      {"Saravan", NULL, false, "IR", LX_CITY},
      {"Erbil", NULL, false, "IQ", LX_CITY},
      {"Sistan-o-Baluchistan", NULL, false, "IR", LX_ADMIN1},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const char *h[1] = {cases[i].hint};
    const lex_entry *x = casus__place_pick(casus__place_find(e,
                                                             cases[i].form),
                                           h, cases[i].hint ? 1 : 0,
                                           cases[i].admin_word);
    bool ok = x && x->iso2 && !strcmp(x->iso2, cases[i].iso2) &&
              (!cases[i].kind || x->kind == cases[i].kind);
    if (!ok)
      print_error("pick %zu %s: got %s %s kind %d\n", i, cases[i].form,
                  x ? x->name : "-", x && x->iso2 ? x->iso2 : "-",
                  x ? x->kind : 0);
    assert_true(ok);
  }
  assert_null(casus__place_pick(NULL, NULL, 0, false));
}

/* ------------------------------------------------------- coded places */

/* True when A and B are both NULL or equal strings. */
static bool same_str(const char *a, const char *b) {
  return a && b ? !strcmp(a, b) : a == b;
}

/* The coder places events with the resolver: population ranking without
 * a hint ("Kerman" alone is the Iranian city), the geo-precision string
 * and the admin2 name reach casus_event. */
static void test_coded_places(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *text;
    const char *iso2;
    const char *name;       /* NULL: don't check */
    const char *admin2;     /* NULL: none expected */
    const char *geo;        /* geo_precision */
    const char *precision;  /* precision */
    uint32_t gid;           /* 0: don't check */
    const char *feature, *country3, *a1code, *a2code; /* NULL: null */
  } cases[] = {
      {"Pakistani troops attacked militants in Quetta on Monday.", "PK",
       "Quetta", "Quetta District", "exact", "city", 1167528, "PPLA", "PAK",
       "02", "1167527"},
      {"Pakistan launched air strikes on a village near the city of "
       "Saravan in Iran.", "IR", "Sar\xC4\x81v\xC4\x81n", NULL, "near",
       "city", 0, "PPL", "IRN", "04", NULL},
      {"Gunmen attacked a police station in Kerman on Monday.", "IR",
       "Kerman", NULL, "exact", "city", 128234, "PPLA", "IRN", "29", NULL},
      {"Iranian forces attacked militants in Sistan and Baluchestan "
       "province.", "IR", "Sistan and Baluchestan", NULL, "admin1", "admin1",
       0, "ADM1", "IRN", "04", NULL},
      {"Iran launched missile strikes on Pakistan.", "PK", NULL, NULL,
       "country", "country", 0, "PCLI", "PAK", NULL, NULL},
      {"Turkish troops attacked militants in Erbil on Monday.", "IQ", "Erbil",
       "Arbil", "exact", "city", 95446, "PPLA", "IRQ", "11", "95444"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, cases[i].text, NULL, &d), CASUS_OK);
    const casus_place *p = d->nevents ? &d->events[0].place : NULL;
    bool ok = p && p->country && !strcmp(p->country, cases[i].iso2) &&
              (!cases[i].name || (p->name &&
                                  !strcmp(p->name, cases[i].name))) &&
              (cases[i].admin2 ? p->admin2 &&
                                     !strcmp(p->admin2, cases[i].admin2)
                               : !p->admin2) &&
              p->geo_precision &&
              !strcmp(p->geo_precision, cases[i].geo) && p->precision &&
              !strcmp(p->precision, cases[i].precision) &&
              (!cases[i].gid || p->geonameid == cases[i].gid) &&
              same_str(p->feature, cases[i].feature) &&
              same_str(p->country3, cases[i].country3) &&
              same_str(p->admin1_code, cases[i].a1code) &&
              same_str(p->admin2_code, cases[i].a2code);
    if (!ok)
      print_error("coded place %zu \"%s\": got %s %s a2=%s %s/%s %u "
                  "%s %s %s %s\n", i,
                  cases[i].text, p && p->name ? p->name : "-",
                  p && p->country ? p->country : "-",
                  p && p->admin2 ? p->admin2 : "-",
                  p && p->geo_precision ? p->geo_precision : "-",
                  p && p->precision ? p->precision : "-",
                  p ? p->geonameid : 0,
                  p && p->feature ? p->feature : "-",
                  p && p->country3 ? p->country3 : "-",
                  p && p->admin1_code ? p->admin1_code : "-",
                  p && p->admin2_code ? p->admin2_code : "-");
    casus_doc_free(d);
    assert_true(ok);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_iso_names),
      cmocka_unit_test(test_demonyms),
      cmocka_unit_test(test_admin1_names),
      cmocka_unit_test(test_pick),
      cmocka_unit_test(test_traps),
      cmocka_unit_test(test_not_places),
      cmocka_unit_test(test_places_list),
      cmocka_unit_test(test_coded_places),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
