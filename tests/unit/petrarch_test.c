/* petrarch_test.c -- coding with PETRARCH dictionaries
 * (lib/code/petrarch_mode.c) on small dictionaries written here
 * (fictional names, no line of the peers' files): discards, the config
 * file (require_dyad, agents_append), passives with "by", coordinated
 * actors past modifiers, a country's noun phrase carrying its agent,
 * agents times countries, verbs after a noun phrase, clauses opened by a
 * comma, '^' skips, prefix agents, actors of several codes, blocks
 * headed by irregular forms and "---" lone agents.  Each behaviour
 * has a sentence that codes and one that must not code that way. */
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

static const char ACTORS[] = "NUMENOR [NUM]\n"
                             "UMBAR_ [UMB]\n"
                             "HARAD_ [HAR]\n"
                             "THE_ISLES [ISL/TOL]\n";

static const char AGENTS[] = "ADMIRAL [~NAV]\n"
                             "HARBOUR_MASTER [~GOVPRT]\n"
                             "MAIN_HARBOUR_MASTER [~MHM]\n"
                             "ELDAR_ [ELF~]\n";

static const char VERBS[] = "--- CONDEMN [122] ---\n"
                            "CONDEMN\n"
                            "\n"
                            "--- SAY [023] ---\n"
                            "SAY\n"
                            "SAID\n"
                            "\n"
                            "--- WARN [160] ---\n"
                            "WARN\n"
                            "- * AT ^ + [163]\n"
                            "\n"
                            "--- LEAVE [012] ---\n"
                            "LEAVE\n"
                            "\n"
                            "--- LEFT [032] ---\n"
                            "LEFT\n";

static const char DISCARDS[] = "FOOTBALL\n+TYPHOON\n";

static char tmpdir[512];
static char paths[5][600];

static const char *write_dict(int i, const char *name, const char *text) {
  return tu_write_in(paths[i], tmpdir, name, text);
}

static int setup(void **state) {
  (void)state;
  if (tu_mkdtemp(tmpdir, sizeof tmpdir, "petr"))
    return -1;
  write_dict(0, "PETR.t.actors.txt", ACTORS);
  write_dict(1, "PETR.t.agents.txt", AGENTS);
  write_dict(2, "PETR.t.verbs.txt", VERBS);
  write_dict(3, "PETR.t.discards.txt", DISCARDS);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rm_rf(tmpdir);
  return 0;
}

typedef struct ev_exp {
  const char *a1, *a2, *cameo; /* NULL cameo ends the list; "---": none */
} ev_exp;

typedef struct petr_case {
  const char *config; /* PETRARCH config lines, "" for none */
  const char *text;
  ev_exp ev[4];       /* every event, exactly */
} petr_case;

static const petr_case CASES[] = {
    /* discards: a sentence phrase drops the sentence, '+' the story */
    {"", "Numenor condemned Umbar.", {{"NUM", "UMB", "122"}}},
    {"", "Numenor condemned Umbar after the football match.", {{0}}},
    {"", "Numenor condemned Umbar. Harad condemned Umbar after a typhoon.",
     {{0}}},
    /* require_dyad: by default both actors, else one will do */
    {"", "The admiral said on Monday.", {{0}}},
    {"require_dyad = False\n", "The admiral said on Monday.",
     {{"---NAV", "---", "023"}}},
    /* a lone agent is "---NAV" */
    {"", "The admirals condemned Umbar.", {{"---NAV", "UMB", "122"}}},
    /* passives: "by" makes the agent the source */
    {"", "Umbar was condemned by Numenor.", {{"NUM", "UMB", "122"}}},
    {"", "Umbar condemned Numenor.", {{"UMB", "NUM", "122"}}},
    /* coordination past an article and modifiers; "with" is none */
    {"", "Numenor and the evil awful Harad condemned Umbar.",
     {{"NUM", "UMB", "122"}, {"HAR", "UMB", "122"}}},
    {"", "Numenor with the evil awful Harad condemned Umbar.",
     {{"NUM", "UMB", "122"}}},
    /* a country's noun phrase carries its agent, within four words */
    {"", "Numenor's awful and evil admiral condemned Umbar.",
     {{"NUMNAV", "UMB", "122"}}},
    {"", "Numenor's very awful and evil old admiral condemned Umbar.",
     {{"NUM", "UMB", "122"}}},
    /* agents times countries */
    {"", "Admirals and harbour masters of Numenor and Harad condemned Umbar.",
     {{"NUMNAV", "UMB", "122"}, {"NUMGOVPRT", "UMB", "122"},
      {"HARNAV", "UMB", "122"}, {"HARGOVPRT", "UMB", "122"}}},
    /* a verb after the actor's noun phrase */
    {"", "The admiral fleet agency condemned Umbar.",
     {{"---NAV", "UMB", "122"}}},
    {"", "The admiral of the fleet agency condemned Umbar.", {{0}}},
    /* an actor opening its own clause after a comma is no target; a
     * comma clause of its own is coded too */
    {"", "Numenor condemned the gorgons, the admirals of Harad said.",
     {{0}}},
    {"", "Numenor condemned Umbar, the admirals of Harad said of Numenor.",
     {{"NUM", "UMB", "122"}, {"HARNAV", "NUM", "023"}}},
    /* '^' skips an article and its actor */
    {"", "Numenor warned at the Harad of Umbar.", {{"NUM", "UMB", "163"}}},
    {"", "Numenor warned Harad of Umbar.", {{"NUM", "HAR", "160"}}},
    /* an actor of several codes: one event per code, as source or
     * target; other actors stay one */
    {"", "The Isles condemned Umbar.",
     {{"ISL", "UMB", "122"}, {"TOL", "UMB", "122"}}},
    {"", "Umbar condemned the Isles.",
     {{"UMB", "ISL", "122"}, {"UMB", "TOL", "122"}}},
    /* a block headed by an irregular form codes that form only */
    {"", "Numenor left for Umbar.", {{"NUM", "UMB", "032"}}},
    {"", "Numenor leaves for Umbar.", {{"NUM", "UMB", "012"}}},
    /* a prefix agent goes before its country */
    {"", "Eldar Numenor condemned Umbar.", {{"ELFNUM", "UMB", "122"}}},
    /* agents_append: every agent of the noun phrase */
    {"", "Numenor's main harbour master condemned Umbar.",
     {{"NUMMHM", "UMB", "122"}}},
    {"agents_append = true\n",
     "Numenor's main harbour master condemned Umbar.",
     {{"NUMMHMGOVPRT", "UMB", "122"}}},
};

static const char *code_or(const char *s) { return s ? s : "---"; }

static bool has(const casus_doc *d, const ev_exp *x) {
  for (size_t i = 0; i < casus_doc_event_count(d); i++) {
    const casus_event *ev = casus_doc_event(d, i);
    if (!strcmp(code_or(ev->actor1.code), x->a1) &&
        !strcmp(code_or(ev->actor2.code), x->a2) &&
        !strcmp(ev->cameo, x->cameo))
      return true;
  }
  return false;
}

static void test_coding(void **state) {
  (void)state;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(CASES); k++) {
    const petr_case *c = &CASES[k];
    const char *dicts[] = {paths[0], paths[1], paths[2], paths[3],
                           write_dict(4, "t.config.ini", c->config), NULL};
    casus_engine_opts o = {CASUS_DATADIR, dicts, 1};
    casus_engine *e = NULL;
    casus_error err;
    assert_int_equal(casus_engine_open2(&o, &e, &err), CASUS_OK);
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    size_t want = 0;
    for (; want < 4 && c->ev[want].cameo; want++)
      if (!has(d, &c->ev[want]))
        fail_msg("%s\"%s\": no %s/%s/%s", c->config, c->text,
                 c->ev[want].a1, c->ev[want].a2, c->ev[want].cameo);
    size_t n = casus_doc_event_count(d);
    if (n != want) {
      const casus_event *ev = n ? casus_doc_event(d, 0) : NULL;
      fail_msg("%s\"%s\": %zu events, want %zu (first %s/%s/%s)", c->config,
               c->text, n, want, ev ? code_or(ev->actor1.code) : "-",
               ev ? code_or(ev->actor2.code) : "-", ev ? ev->cameo : "-");
    }
    casus_doc_free(d);
    casus_engine_close(e);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_coding),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
