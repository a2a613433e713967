/* dict_test.c -- the TABARI and PETRARCH dictionary importers on small
 * dictionaries written here (fictional names, no line of the peers'
 * files): actors with synonyms, codes on their own lines and date
 * restrictions, agents, PETRARCH substitutions, verbs with synsets, word
 * alternatives and paired codes; then sentences coded with them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "code/dict_int.h"
#include "test_util.h"

static const char ACTORS[] =
    "; test actors\n"
    "NUMENOR [NUM]\n"
    "UMBAR_ [UMB] ; exact: no endings\n"
    "HARAD\n"
    "+HARADRIM\n"
    "\t[HAR]\n"
    "KHAND [KHN <950101] [KHNREB >950101]\n"
    "NOBODY [---]\n"
    "<NOUN>\n"
    "SHIPWRIGHTS\n"
    "</NOUN>\n"
    "<! -- a malformed comment opens no block -->\n"
    "GONDOLIN_ [GDL]\n";

static const char AGENTS[] = "ADMIRAL_ [~NAV] ;sea\nHARBOUR_MASTER [~GOVPRT]\n";

static const char VERBS[] =
    "<SYNSETS>\n"
    "&FLEET\n"
    "+SHIPS\n"
    "+WAR_GALLEYS\n"
    "</SYNSETS>\n"
    "BLOCKAD [191]\n"
    "- * &FLEET [192]\n"
    "CONDEMN  [122]\n"
    "- FIERCELY * [123]\n"
    "RAID_ [190:191]\n"
    "{ RAIDED_ }\n"
    "SALUTE  [---]\n"
    "- * { FLAG | BANNER } [051]\n"
    "PARLEY [031]\n"
    "- * NEVER [---]\n"
    "SCORN_ [121]\n";

/* PETRARCH: a substitution agent, a verb block with two forms. */
static const char P_AGENTS[] =
    "!PERSON! = MAN, MEN\n"
    "SEA!PERSON! [~NAV] # sailors\n";
static const char P_VERBS[] =
    "&ARMS\n"
    "+SPEARS\n"
    "+HORSE ARCHERS\n"
    "\n"
    "--- WARN [160] ---\n"
    "WARN\n"
    "CAUTION\n"
    "- * AGAINST &ARMS [162]\n";
static const char P_DISCARDS[] = "FOOTBALL\n+TYPHOON\n";

static char tmpdir[512];
static char paths[8][600];

static const char *write_dict(int i, const char *name, const char *text) {
  return tu_write_in(paths[i], tmpdir, name, text);
}

static int setup(void **state) {
  static const char *const names[] = {"t.actors",     "t.agents",
                                      "t.verbs",      "p.agents.txt",
                                      "p.verbs.txt",  "p.discards.txt"};
  const char *const texts[] = {ACTORS,   AGENTS,  VERBS,
                               P_AGENTS, P_VERBS, P_DISCARDS};
  return tu_dict_engine_setup(state, tmpdir, sizeof tmpdir, "dict", paths,
                              names, texts, 6);
}

static int teardown(void **state) {
  casus_engine_close(*state);
  tu_rm_rf(tmpdir);
  return 0;
}

typedef struct dict_case {
  const char *text;
  const char *published;
  tu_ev ev[3];
} dict_case;

static const dict_case CASES[] = {
    /* plain verb stem and actors */
    {"Numenor blockaded Umbar.", NULL, {{"NUM", "UMB", "191"}}},
    /* a pattern with a synset: "- * &FLEET" */
    {"Numenor blockaded the war galleys of Umbar.", NULL,
     {{"NUM", "UMB", "192"}}},
    /* a lower pattern: "- FIERCELY *" */
    {"Numenor fiercely condemned Umbar.", NULL,
     {{"NUM", "UMB", "123"}}},
    /* synonym whose code sits on its own line; actor stem ending */
    {"The Haradrim condemned Numenor.", NULL, {{"HAR", "NUM", "122"}}},
    {"Haradians condemned Numenor.", NULL, {{"HAR", "NUM", "122"}}},
    /* UMBAR_ is exact: "Umbarian" is no actor */
    {"Umbarian captains condemned Numenor.", NULL, {{NULL, NULL, NULL}}},
    /* date-restricted codes */
    {"Khand condemned Numenor.", "1994-06-01", {{"KHN", "NUM", "122"}}},
    {"Khand condemned Numenor.", "1996-06-01", {{"KHNREB", "NUM", "122"}}},
    /* an agent composes with its actor */
    {"Numenor's admiral condemned Umbar.", NULL, {{"NUMNAV", "UMB", "122"}}},
    /* paired codes: both directions */
    {"Numenor raided Umbar.", NULL,
     {{"NUM", "UMB", "190"}, {"UMB", "NUM", "191"}}},
    /* a null-coded verb codes only through its pattern's alternatives */
    {"Numenor saluted Umbar.", NULL, {{NULL, NULL, NULL}}},
    {"Numenor saluted the banner of Umbar.", NULL, {{"NUM", "UMB", "051"}}},
    /* PETRARCH: a substituted agent, a block's second form, a synset */
    {"Numenor's seamen warned Umbar.", NULL, {{"NUMNAV", "UMB", "160"}}},
    {"Numenor cautioned Umbar.", NULL, {{"NUM", "UMB", "160"}}},
    {"Numenor warned against horse archers from Umbar.", NULL,
     {{"NUM", "UMB", "162"}}},
    /* imported patterns match as TABARI does: a lower word far from the
     * verb, across commas */
    {"Numenor fiercely, after a long debate in the council of the kings "
     "of the west and of the south, condemned Umbar.", NULL,
     {{"NUM", "UMB", "123"}}},
    /* ... the target is the first actor after the verb, however far */
    {"Numenor condemned, in a long statement read out at the harbour on "
     "the first day of the council, Umbar.", NULL,
     {{"NUM", "UMB", "122"}}},
    /* ... a null-coded pattern blocks its verb */
    {"Numenor parleyed with Umbar.", NULL, {{"NUM", "UMB", "031"}}},
    {"Numenor parleyed never with Umbar.", NULL, {{NULL, NULL, NULL}}},
    /* ... one event per clause; "and" before a verb opens a clause */
    {"Numenor condemned Umbar after it blockaded Harad.", NULL,
     {{"NUM", "UMB", "122"}}},
    {"Numenor condemned Umbar and blockaded Harad.", NULL,
     {{"NUM", "UMB", "122"}, {"NUM", "HAR", "191"}}},
    /* ... a project codes with its own actors: casus' countries are out */
    {"Pakistan condemned Umbar.", NULL, {{NULL, NULL, NULL}}},
    /* an actor after a malformed comment line is read */
    {"Gondolin condemned Umbar.", NULL, {{"GDL", "UMB", "122"}}},
    /* "SCORN_": the regular endings, even where casus sees a noun */
    {"Numenor scornes Umbar.", NULL, {{"NUM", "UMB", "121"}}},
    {"Numenor scorns from Umbar.", NULL, {{"NUM", "UMB", "121"}}},
    /* a lone agent before "from" goes with the actor after it */
    {"Admirals from Numenor condemned Umbar.", NULL,
     {{"NUMNAV", "UMB", "122"}}},
    /* a PETRARCH pattern carries the agent through a list; TABARI's not */
    {"The admirals of Numenor and Harad warned Umbar.", NULL,
     {{"NUMNAV", "UMB", "160"}, {"HARNAV", "UMB", "160"}}},
    {"The admirals of Numenor and Harad condemned Umbar.", NULL,
     {{"NUMNAV", "UMB", "122"}, {"HAR", "UMB", "122"}}},
};

static void test_coding(void **state) {
  const casus_engine *e = *state;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(CASES); k++) {
    const dict_case *c = &CASES[k];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, c->published, &d), CASUS_OK);
    tu_expect_events(d, "", c->text, c->ev, 3);
    casus_doc_free(d);
  }
}

/* TABARI .options settings, each set with the dictionaries above. */
typedef struct opt_case {
  const char *options; /* the .options file */
  const char *text;
  tu_ev ev[3];
} opt_case;

static const opt_case OPT_CASES[] = {
    /* DEFAULT: a source before the verb (PRIOR), a target after it */
    {"DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER\n",
     "The gorgons have condemned Umbar.", {{"DEFSRC", "UMB", "122"}}},
    {"DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER\n",
     "Numenor condemned the gorgons.", {{"NUM", "DEFTAR", "122"}}},
    /* without PRIOR the source is the first actor after the verb */
    {"DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER\n",
     "The gorgons have condemned Umbar.", {{"UMB", "DEFTAR", "122"}}},
    /* DEFAULT: OFF drops them */
    {"DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR]\nDEFAULT: OFF\n",
     "Numenor condemned the gorgons.", {{NULL, NULL, NULL}}},
    /* CONVERT AGENT: a lone agent is "~CODE" */
    {"SET: CONVERT AGENT = TRUE\n", "The harbour masters condemned Umbar.",
     {{"~GOVPRT", "UMB", "122"}}},
    {"SET: CONVERT AGENT = TRUE\nSET: CONVERT AGENT = FALSE\n",
     "The harbour masters condemned Umbar.", {{"GOVPRT", "UMB", "122"}}},
    /* CODE BY SENTENCE: the first event only; CODE ALL: every verb */
    {"SET: CODE BY SENTENCE\n", "Numenor condemned Umbar and blockaded Harad.",
     {{"NUM", "UMB", "122"}}},
    {"SET: CODE ALL\n", "Numenor condemned Umbar after it blockaded Harad.",
     {{"NUM", "UMB", "122"}, {"NUM", "HAR", "191"}}},
    /* MINIMUM WORDS */
    {"SET: MINIMUM WORDS = 4\n", "Numenor blockaded Umbar.",
     {{NULL, NULL, NULL}}},
    {"SET: MINIMUM WORDS = 3\n", "Numenor blockaded Umbar.",
     {{"NUM", "UMB", "191"}}},
    /* COMMA: an internal clause of 2..10 tokens and a terminal one of
     * 2..10 with its stop are left out (TABARI's defaults) */
    {"SET: LABEL = TRUE\n",
     "Numenor condemned, after a short debate in Harad, Umbar on the "
     "first day of the long council of the west.",
     {{"NUM", "UMB", "122"}}},
    {"DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER\n",
     "Numenor condemned the gorgons, an envoy of Harad said.",
     {{"NUM", "DEFTAR", "122"}}},
    {"COMMA: OFF\n", "Numenor condemned the gorgons, an envoy of Harad said.",
     {{"NUM", "HAR", "122"}}},
};

static void test_options(void **state) {
  (void)state;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(OPT_CASES); k++) {
    const opt_case *c = &OPT_CASES[k];
    const char *dicts[] = {paths[0], paths[1], paths[2],
                           write_dict(6, "t.options", c->options), NULL};
    casus_engine_opts o = {CASUS_DATADIR, dicts, 1};
    casus_engine *e = NULL;
    casus_error err;
    assert_int_equal(casus_engine_open2(&o, &e, &err), CASUS_OK);
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    tu_expect_events(d, c->options, c->text, c->ev, 3);
    casus_doc_free(d);
    casus_engine_close(e);
  }
}

/* Provenance names the dictionary file and line. */
static void test_provenance(void **state) {
  casus_doc *d = NULL;
  assert_int_equal(tu_process(*state, "Numenor blockaded Umbar.", NULL, &d),
                   CASUS_OK);
  assert_int_equal(casus_doc_event_count(d), 1);
  const casus_event *ev = casus_doc_event(d, 0);
  assert_string_equal(ev->actor1.prov.rule, "tabari:t.actors:2");
  assert_string_equal(ev->actor2.prov.rule, "tabari:t.actors:3");
  assert_non_null(strstr(ev->mentions[0].rule, "tabari:t.verbs:6"));
  casus_doc_free(d);
}

static void test_clean(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
    int xml_after;
  } rows[] = {
      {"GONDOR [GON] ;pas 1991", "GONDOR [GON]", 0},
      {"ENT [### <890101] [ENT]", "ENT [### <890101] [ENT]", 0},
      {"# commented out", "", 0},
      {"WARN [160] # note", "WARN [160]", 0},
      {"A <!-- x --> B", "A  B", 0},
      {"A <!-- open", "A", 1},
      {"line\r", "line", 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    char buf[128];
    snprintf(buf, sizeof buf, "%s", rows[i].in);
    int xml = 0;
    assert_string_equal(casus__dict_clean(buf, &xml), rows[i].out);
    assert_int_equal(xml, rows[i].xml_after);
  }
  char cont[] = "still inside --> AFTER";
  int xml = 1;
  assert_string_equal(casus__dict_clean(cont, &xml), " AFTER");
  assert_int_equal(xml, 0);
}

static void test_kind(void **state) {
  (void)state;
  static const struct {
    const char *path;
    dict_kind k;
  } rows[] = {
      {"x/Validate.project", DK_PROJECT},
      {"TABARI.Demo.actors", DK_ACTORS},
      {"PETR.Validate.actors.txt", DK_ACTORS},
      {"Validate.agents", DK_AGENTS},
      {"CAMEO.2.0.txt", DK_VERBS},
      {"CAMEO.verbpatterns.150430.txt", DK_VERBS},
      {"PETR.Validate.discards.txt", DK_DISCARDS},
      {"Validate.options", DK_OPTIONS},
      {"notes.txt", DK_UNKNOWN},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++)
    assert_int_equal(casus__dict_kind(rows[i].path), rows[i].k);
}

static void test_errors(void **state) {
  (void)state;
  static const struct {
    const char *path;
    int rc;
  } rows[] = {
      {"/nonexistent/x.actors", CASUS_EIO},
      {"/nonexistent/notes.txt", CASUS_EINVAL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    const char *dicts[] = {rows[i].path, NULL};
    casus_engine_opts o = {CASUS_DATADIR, dicts, 0};
    casus_engine *e = (casus_engine *)1;
    casus_error err;
    assert_int_equal(casus_engine_open2(&o, &e, &err), rows[i].rc);
    assert_null(e);
    assert_non_null(strstr(err.file, "nonexistent"));
  }
  /* A project naming a missing file: the error names the project's line
   * and the file (before, only the file, at line 0). */
  const char *proj = write_dict(6, "bad.project",
                                "; a project\n<actorsfile> t.actors\n"
                                "<verbsfile> gone.verbs\n");
  const char *dicts[] = {proj, NULL};
  casus_engine_opts o = {CASUS_DATADIR, dicts, 1};
  casus_engine *e = (casus_engine *)1;
  casus_error err;
  assert_int_equal(casus_engine_open2(&o, &e, &err), CASUS_EIO);
  assert_null(e);
  assert_string_equal(err.file, proj);
  assert_int_equal(err.line, 3);
  assert_non_null(strstr(err.msg, "gone.verbs"));
  /* A binary file (a NUL byte) named like a dictionary: its line. */
  static const char BIN[] = "NUMENOR [NUM]\nUM\0\x01\xff [X]\n";
  char bin[600];
  snprintf(bin, sizeof bin, "%s/bin.actors", tmpdir);
  tu_write_file(bin, BIN, sizeof BIN - 1);
  dicts[0] = bin;
  o.replace_patterns = 0;
  e = (casus_engine *)1;
  assert_int_equal(casus_engine_open2(&o, &e, &err), CASUS_EBINARY);
  assert_null(e);
  assert_string_equal(err.file, bin);
  assert_int_equal(err.line, 2);
  assert_non_null(strstr(err.msg, "column 3"));
  remove(bin);
  /* Found by fuzz_dict: a verb of 64+ letters ending in E or Y wrote past
   * the stem buffer of its inflections (patterns.c). */
  char longv[600];
  snprintf(longv, sizeof longv, "%s/long.verbs", tmpdir);
  tu_write_str(longv, "RAID_ [190:191]\n"
                      "{ OUTRAGEOUSLYOVERWHELMINGLYUNBELIEVABLYLONGANDWINDI"
                      "NGLYINTERMINABLYREPEATEDLYRAIDDE_ }\n");
  dicts[0] = longv;
  e = NULL;
  assert_int_equal(casus_engine_open2(&o, &e, &err), CASUS_OK);
  assert_non_null(e);
  casus_engine_close(e);
  remove(longv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_coding),
      cmocka_unit_test(test_options),
      cmocka_unit_test(test_provenance),
      cmocka_unit_test(test_clean),
      cmocka_unit_test(test_kind),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
