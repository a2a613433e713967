/* actors_test.c -- the actor lexicon (lib/recognize/lexicon.c) over its
 * whole data files, and actor phrases as the recognizer composes them.
 *
 * Data sets: every phrase and alias of data/groups.txt resolves to its
 * code; the file holds at least 150 non-state armed groups (agent REB,
 * INS, SEP, UAF or CRM), each with a source note; every phrase of
 * data/regions.txt resolves to its CAMEO region code; the French, Spanish
 * and Arabic country names (countries.tsv tr:* rows) resolve to their
 * country unless they collide with English or another country.
 * Composition: a table of sentences, each with the actor expected where a
 * marker starts (country, agent, code). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_int.h"
#include "test_util.h"

/* True when the entries of FORM hold one with code CODE (a group) or
 * country ISO3 (a country or region form). */
static bool form_has(const casus_engine *e, const char *form,
                     const char *code, const char *iso3) {
  for (const lex_entry *x = casus__lex_find(e, form); x; x = x->next) {
    if (code && x->kind == LX_GROUP && x->code && !strcmp(x->code, code))
      return true;
    if (iso3 && x->kind == LX_COUNTRY && x->iso3 && !strcmp(x->iso3, iso3))
      return true;
  }
  return false;
}

/* ------------------------------------------------------------ groups.txt */

typedef struct groups_ctx {
  const casus_engine *e;
  size_t rows, forms, ok, armed, sourced;
} groups_ctx;

static int group_row(char **f, int nf, long line, void *ctx) {
  groups_ctx *c = ctx;
  if (nf < 5)
    return CASUS_EDATA;
  c->rows++;
  static const char *const ARMED[] = {"REB", "INS", "SEP", "UAF", "CRM"};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(ARMED); i++)
    c->armed += !strcmp(f[3], ARMED[i]);
  c->sourced += strlen(f[4]) >= 10;
  c->forms++;
  if (form_has(c->e, f[0], f[1], NULL))
    c->ok++;
  else
    printf("[ MISS     ] groups.txt:%ld %s: not %s\n", line, f[0], f[1]);
  for (char *a = nf > 5 ? f[5] : NULL; a && *a;) {
    char *bar = strchr(a, '|');
    if (bar)
      *bar = '\0';
    c->forms++;
    if (form_has(c->e, a, f[1], NULL))
      c->ok++;
    else
      printf("[ MISS     ] groups.txt:%ld alias %s: not %s\n", line, a,
             f[1]);
    a = bar ? bar + 1 : NULL;
  }
  return 0;
}

static void test_groups_file(void **state) {
  groups_ctx c = {*state, 0, 0, 0, 0, 0};
  casus_error err;
  assert_int_equal(casus__tsv_file(CASUS_SRCDIR "/data/groups.txt", 6,
                                   group_row, &c, &err),
                   CASUS_OK);
  printf("[ INFO     ] groups.txt: %zu rows, %zu armed groups, %zu/%zu "
         "forms resolve\n", c.rows, c.armed, c.ok, c.forms);
  assert_true(c.armed >= 150);
  assert_int_equal(c.sourced, c.rows);
  assert_int_equal(c.ok, c.forms);
}

/* ----------------------------------------------------------- regions.txt */

typedef struct regions_ctx {
  const casus_engine *e;
  size_t rows, ok;
} regions_ctx;

static int region_row(char **f, int nf, long line, void *ctx) {
  regions_ctx *c = ctx;
  if (nf < 4)
    return CASUS_EDATA;
  c->rows++;
  if (form_has(c->e, f[0], NULL, f[1]))
    c->ok++;
  else
    printf("[ MISS     ] regions.txt:%ld %s: not %s\n", line, f[0], f[1]);
  return 0;
}

static void test_regions_file(void **state) {
  regions_ctx c = {*state, 0, 0};
  casus_error err;
  assert_int_equal(casus__tsv_file(CASUS_SRCDIR "/data/regions.txt", 4,
                                   region_row, &c, &err),
                   CASUS_OK);
  assert_true(c.rows >= 40);
  assert_int_equal(c.ok, c.rows);
}

/* ------------------------------------------------- translated countries */

typedef struct tr_ctx {
  const casus_engine *e;
  size_t rows, own, other;
} tr_ctx;

/* Counts the tr:* rows whose form resolves to their own country first
 * (OWN) and to another country's translation first (OTHER: a form two
 * countries share goes to the first). */
static int tr_row(char **f, int nf, long line, void *ctx) {
  tr_ctx *c = ctx;
  (void)line;
  if (nf < 4 || strncmp(f[2], "tr:", 3))
    return 0;
  c->rows++;
  const lex_entry *x = casus__lex_find(c->e, f[3]);
  while (x && x->kind != LX_COUNTRY)
    x = x->next;
  if (!x)
    return 0;
  if (!strcmp(x->iso3, f[0]))
    c->own++;
  else if (x->rule && !strncmp(x->rule, "countries.tsv:tr:", 17)) {
    c->other++;
    printf("[ INFO     ] tr %s %s -> %s\n", f[0], f[3], x->iso3);
  }
  return 0;
}

static void test_translations(void **state) {
  const casus_engine *e = *state;
  tr_ctx c = {e, 0, 0, 0};
  casus_error err;
  assert_int_equal(casus__tsv_file(CASUS_DATADIR "/gen/countries.tsv", 4,
                                   tr_row, &c, &err),
                   CASUS_OK);
  printf("[ INFO     ] translated country names: %zu/%zu resolve to their "
         "country\n", c.own, c.rows);
  assert_true(c.rows >= 1200);
  assert_true(c.own * 100 >= c.rows * 90);
  assert_true(c.other <= 1); /* "Saint-Martin": French for both MAF and
                                SXM; the first row keeps it */
  static const struct {
    const char *form;
    const char *iso3;  /* NULL: no country form */
  } cases[] = {
      {"Allemagne", "DEU"},   {"Alemania", "DEU"},
      {"Pakist\xC3\xA1n", "PAK"},
      {"\xD8\xA5\xD9\x8A\xD8\xB1\xD8\xA7\xD9\x86", "IRN"}, /* Iran */
      {"\xD8\xA8\xD8\xA7\xD9\x83\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86", "PAK"},
      {"Royaume-Uni", "GBR"}, {"Estados Unidos", "USA"},
      {"Marruecos", "MAR"},   {"Tch\xC3\xA9quie", "CZE"},
      {"Grenade", NULL},      /* French for Grenada: an English word */
      {"Chili", NULL},        /* French for Chile */
      {"Granada", NULL},      /* Spanish for Grenada: a city of Spain */
      {"Salvador", NULL},     /* Spanish short form: a Brazilian city */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const lex_entry *x = casus__lex_find(e, cases[i].form);
    while (x && x->kind != LX_COUNTRY)
      x = x->next;
    bool ok = cases[i].iso3 ? x && !strcmp(x->iso3, cases[i].iso3) : !x;
    if (!ok)
      print_error("translation %s: want %s, got %s\n", cases[i].form,
                  cases[i].iso3 ? cases[i].iso3 : "none",
                  x ? x->iso3 : "none");
    assert_true(ok);
  }
}

/* ------------------------------------------------------------ composing */

typedef struct actor_case {
  const char *text;
  const char *at;    /* the actor starts where this text starts */
  const char *iso3;  /* NULL: none */
  const char *role;  /* NULL: none */
  const char *code;  /* group code; NULL: not checked */
} actor_case;

static const actor_case actor_cases[] = {
    {"Pakistan's foreign ministry condemned the attack.", "Pakistan's",
     "PAK", "GOV", NULL},
    {"Iranian state media reported the attack.", "Iranian", "IRN", "MED",
     NULL},
    {"Tehran said the strike was a violation.", "Tehran", "IRN", "GOV",
     NULL},
    {"Islamabad recalled its ambassador.", "Islamabad", "PAK", "GOV", NULL},
    {"The Baloch Liberation Army claimed the attack.", "Baloch", "PAK",
     "SEP", "PAKSEP"},
    {"Police blamed the BLA for the blast.", "BLA", "PAK", "SEP", "PAKSEP"},
    {"Hay'at Tahrir al-Sham fighters seized the town.", "Hay", "SYR",
     "REB", "SYRREB"},
    {"ISWAP fighters attacked a base in Borno.", "ISWAP", "NGA", "INS",
     "NGAINS"},
    {"The Houthis fired a missile at the ship.", "Houthis", "YEM", "REB",
     "YEMREB"},
    {"Ansar Allah said it fired the missile.", "Ansar", "YEM", "REB",
     "YEMREB"},
    {"Kataib Hezbollah denied the attack.", "Kataib", "IRQ", "UAF",
     "IRQUAF"},
    {"Al-Shabaab claimed the bombing in Mogadishu.", "Al-Shabaab", "SOM",
     "INS", "SOMINS"},
    {"JNIM fighters ambushed the convoy.", "JNIM", "MLI", "INS", "ALQ"},
    {"The M23 rebels took Goma.", "M23", "COD", "REB", "CODREB"},
    {"The Tamil Tigers were defeated in 2009.", "Tamil", "LKA", "SEP",
     "LKASEP"},
    {"The WHO warned of cholera.", "WHO", NULL, "IGO", "WHO"},
    {"UNHCR said 5,000 people fled.", "UNHCR", NULL, "IGO", "HCR"},
    {"The Shanghai Cooperation Organisation met in Astana.", "Shanghai",
     NULL, "IGO", "ASAIGO"},
    {"The Organisation of Islamic Cooperation condemned the raid.",
     "Organisation", NULL, "IGO", "OIC"},
    {"The ICRC called for access.", "ICRC", NULL, "NGO", "IRC"},
    {"African leaders met in Addis Ababa.", "African", "AFR", "GOV", NULL},
    {"West African troops were deployed.", "West", "WAF", "MIL", NULL},
    {"Western officials criticised the vote.", "Western", "WST", "GOV",
     NULL},
    {"Middle East envoys met in Doha.", "Middle", "MEA", "GOV", NULL},
    {"Alemania conden\xC3\xB3 el ataque.", "Alemania", "DEU", NULL, NULL},
};

/* The actor of TEXT that starts at the first occurrence of AT, NULL when
 * none; *D gets the doc (the caller frees it). */
static const actor_m *actor_at(const casus_engine *e, const char *text,
                               const char *at, casus_doc **d, sent_m *m) {
  if (tu_process(e, text, NULL, d))
    return NULL;
  long off = tu_find(*d, at);
  tok_info *ti = NULL;
  if (off < 0 || casus__tok_info(e, *d, &ti))
    return NULL;
  for (size_t i = 0; i < (*d)->seg.nsents; i++) {
    const casus_sentence *s = &(*d)->seg.sents[i];
    if ((uint32_t)off < s->start || (uint32_t)off >= s->end)
      continue;
    memset(m, 0, sizeof *m);
    if (casus__recognize(e, *d, s, ti + s->tok, (*d)->published, m))
      return NULL;
    const casus_token *t = (*d)->seg.toks + s->tok;
    for (size_t k = 0; k < m->nactors; k++)
      if (t[m->actors[k].t0].start == (uint32_t)off)
        return &m->actors[k];
  }
  return NULL;
}

static bool same(const char *a, const char *b) {
  return a ? b && !strcmp(a, b) : !b;
}

static void test_compose(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(actor_cases); i++) {
    const actor_case *c = &actor_cases[i];
    casus_doc *d = NULL;
    sent_m m;
    const actor_m *a = actor_at(e, c->text, c->at, &d, &m);
    bool ok = a && same(c->iso3, a->iso3) && same(c->role, a->role) &&
              (!c->code || same(c->code, a->code));
    if (!ok)
      print_error("actor %zu \"%s\" @ %s: want %s %s %s; got %s %s %s\n", i,
                  c->text, c->at, c->iso3 ? c->iso3 : "-",
                  c->role ? c->role : "-", c->code ? c->code : "-",
                  a && a->iso3 ? a->iso3 : "-", a && a->role ? a->role : "-",
                  a && a->code ? a->code : (a ? "-" : "(no actor)"));
    casus_doc_free(d);
    assert_true(ok);
  }
}

/* Words that look like a name but are not an actor. */
static void test_not_actors(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *text;
    const char *at;
  } cases[] = {
      {"Who fired the missile is unclear.", "Who"},
      {"Grenade attacks rose in the city.", "Grenade"},
      {"Fact checkers disputed the claim.", "Fact"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    casus_doc *d = NULL;
    sent_m m;
    const actor_m *a = actor_at(e, cases[i].text, cases[i].at, &d, &m);
    if (a)
      print_error("not an actor: \"%s\" @ %s got %s %s\n", cases[i].text,
                  cases[i].at, a->iso3 ? a->iso3 : "-",
                  a->code ? a->code : "-");
    casus_doc_free(d);
    assert_null(a);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_groups_file),
      cmocka_unit_test(test_regions_file),
      cmocka_unit_test(test_translations),
      cmocka_unit_test(test_compose),
      cmocka_unit_test(test_not_actors),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
