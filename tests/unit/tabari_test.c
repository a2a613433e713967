/* tabari_test.c -- TABARI's documented coding behaviours in dictionary
 * mode (lib/code/dict_code.c, dict_tabari.c), on a small project written
 * here (fictional names, no line of the peers' files): actor codes with
 * digits and dates, phrases whose words stand apart, connectors in the
 * text, noun endings, several codes, clauses and their subjects, object
 * pronouns, passives, noun shifts, compounds, discards, COMPLEX:, the skip "^",
 * stems inside patterns and synsets, pattern order.  Each behaviour has a
 * sentence that must code and one that must not (or codes otherwise). */
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
    "NUMENOR [NUM]\n"
    "UMBAR_ [UMB]\n"
    "HARAD [HAR]\n"
    "KHAND [KHN]\n"
    "ZARN [ZR1 <911226] [ZR2]\n"     /* digits in codes, a date */
    "SAL_GORN [SGN]\n"               /* words together */
    "SAL GORN [TEN]\n"               /* words apart */
    "LORD BELFAL_AS [--- <950630] [BFL]\n"
    "MOUSE= [MUS]\n"                 /* no ending at all */
    "WESTMARCH [WMA/WMB]\n"          /* two codes */
    "NAZGUL [###]\n"                 /* a discard */
    "ORCWAR [+++]\n";                /* too complex */

static const char AGENTS[] = "ENVOY_ [~GOV]\n";

static const char VERBS[] =
    "&COIN\n"
    "+GOLDEN_DUCAT\n"
    "+SILVER MARK_\n"
    "CONDEMN  [122]\n"
    "- * REAL~_ANGRY [123]\n"
    "BLOCKAD [191]\n"
    "- * RIVER_ [193]\n"
    "- * HARBOUR [194]\n"
    "URGE [102]\n"
    "ASK [090]\n"
    "HELP [092]\n"
    "WARN [160]\n"
    "- * AT ^ + [162]\n"
    "PAY [070]\n"
    "- * &COIN [903]\n"
    "- * CROWN [071]\n"
    "- * { HEAVY TOLL | BLOOD PRICE } [074]\n" /* words apart */
    "VOW [170]\n"
    "- * RESIST { TO THE END | TO THE LAST }  [113]\n"
    "- * RESIST { TO THE END OF THE AGE }  [115]\n"
    "LEAVE [012]\n"
    "LEFT_ [032]\n" /* a literal form: "left" is LEFT_'s, not LEAVE's */
    "PLAY [040]\n"
    "- * SOCCERBALL [###]\n"
    "<TIME>\n"
    "DOOMS_DAY [###]\n"
    "NEXT_AGE [+7]\n"
    "</TIME>\n";

static const char OPTIONS[] = "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR\n";

static char tmpdir[512];
static char paths[5][600];

static int setup(void **state) {
  static const char *const names[] = {"t.actors", "t.agents", "t.verbs",
                                      "t.options"};
  const char *const texts[] = {ACTORS, AGENTS, VERBS, OPTIONS};
  return tu_dict_engine_setup(state, tmpdir, sizeof tmpdir, "tabari", paths,
                              names, texts, 4);
}

static int teardown(void **state) {
  casus_engine_close(*state);
  tu_rm_rf(tmpdir);
  return 0;
}

typedef struct tabari_case {
  const char *text;
  const char *published; /* NULL: the test default */
  tu_ev ev[3];
} tabari_case;

#define NONE {{NULL, NULL, NULL}}

static const tabari_case CASES[] = {
    /* codes holding digits, restricted by date */
    {"Zarn condemned Numenor.", "1990-06-01", {{"ZR1", "NUM", "122"}}},
    {"Zarn condemned Numenor.", "1995-06-01", {{"ZR2", "NUM", "122"}}},
    /* a phrase with '_' needs its words together, one with a space lets
     * words stand between; together, the '_' phrase wins */
    {"Numenor condemned Sal Gorn.", NULL, {{"NUM", "SGN", "122"}}},
    {"Numenor condemned Sal \"the Fox\" Gorn.", NULL,
     {{"NUM", "TEN", "122"}}},
    {"Numenor condemned Sal.", NULL, NONE},
    /* the text may carry the connector, or a hyphen */
    {"Numenor condemned Sal_Gorn.", NULL, {{"NUM", "SGN", "122"}}},
    {"Numenor condemned Sal-Gorn.", NULL, {{"NUM", "SGN", "122"}}},
    /* a null code on the article's date makes the phrase a noun */
    {"Numenor condemned the Lord of Belfal_as in Harad.", "1996-01-01",
     {{"NUM", "BFL", "122"}}},
    {"Numenor condemned the Lord of Belfal_as in Harad.", "1994-01-01",
     {{"NUM", "HAR", "122"}}},
    /* noun endings: "_" takes the plural s, "=" nothing; no case */
    {"Numenor condemned the Umbars.", NULL, {{"NUM", "UMB", "122"}}},
    {"Mouses condemned Umbar.", NULL, NONE},
    {"numenor condemned umbar.", NULL, {{"NUM", "UMB", "122"}}},
    /* an actor with two codes: one event each */
    {"Westmarch condemned Umbar.", NULL,
     {{"WMA", "UMB", "122"}, {"WMB", "UMB", "122"}}},
    {"The Westmarchians condemned Umbar.", NULL,
     {{"WMA", "UMB", "122"}, {"WMB", "UMB", "122"}}},
    {"West March condemned Umbar.", NULL, NONE},
    /* a second clause ("but" after a verb) has its own subject */
    {"Numenor condemned Umbar but Harad blockaded Khand.", NULL,
     {{"NUM", "UMB", "122"}, {"HAR", "KHN", "191"}}},
    {"Numenor and Harad condemned Umbar.", NULL,
     {{"NUM", "UMB", "122"}, {"HAR", "UMB", "122"}}},
    /* object pronouns; a target that is the source is none: the actor
     * between the source and the verb */
    {"Numenor urged Umbar to wait and Harad asked him to leave.", NULL,
     {{"NUM", "UMB", "102"}, {"HAR", "NUM", "090"}}},
    {"Numenor urged Umbar and then it requested that Harad help with ships.",
     NULL, {{"NUM", "UMB", "102"}, {"NUM", "HAR", "092"}}},
    /* the passive voice */
    {"Umbar was condemned by Numenor.", NULL, {{"NUM", "UMB", "122"}}},
    {"Numenor left Umbar.", NULL, {{"NUM", "UMB", "032"}}},
    {"Numenor leaves Umbar.", NULL, {{"NUM", "UMB", "012"}}},
    {"Umbar was fiercely condemned by Numenor.", NULL,
     {{"NUM", "UMB", "122"}}},
    {"Umbar condemned Numenor.", NULL, {{"UMB", "NUM", "122"}}},
    /* a verb after a determiner or capitalized is a noun */
    {"Numenor is about the condemn of Umbar.", NULL, NONE},
    {"Numenor is about To Condemn Umbar.", NULL, NONE},
    {"Numenor then Condemned Umbar.", NULL, NONE},
    {"Numenor then condemned Umbar.", NULL, {{"NUM", "UMB", "122"}}},
    /* a verb after the subject's noun phrase */
    {"Numenor's fleet vowed to resist Umbar.", NULL,
     {{"NUM", "UMB", "170"}}},
    /* compounds past determiners and adjectives; a bare comma only in a
     * list */
    {"Numenor and the proud Harad condemned Umbar.", NULL,
     {{"NUM", "UMB", "122"}, {"HAR", "UMB", "122"}}},
    {"Numenor and the old Khand blockaded Umbar.", NULL,
     {{"NUM", "UMB", "191"}, {"KHN", "UMB", "191"}}},
    {"Numenor blockaded Umbar, the Harad envoy said.", NULL,
     {{"NUM", "UMB", "191"}}},
    /* discards: an actor or a pattern coded ### or +++ */
    {"Numenor condemned Umbar and the Nazgul.", NULL, NONE},
    {"Numenor condemned Umbar over the orcwar.", NULL, NONE},
    {"Numenor played soccerball with Umbar.", NULL, NONE},
    {"Numenor played with Umbar.", NULL, {{"NUM", "UMB", "040"}}},
    /* a <TIME> phrase coded [###] discards its sentence */
    {"Numenor condemned Umbar on dooms day.", NULL, NONE},
    {"Numenor condemned Umbar on the next age.", NULL,
     {{"NUM", "UMB", "122"}}},
    /* an alternative whose words stand apart */
    {"Numenor paid a heavy war toll to Umbar.", NULL,
     {{"NUM", "UMB", "074"}}},
    {"Numenor paid a war toll to Umbar.", NULL, {{"NUM", "UMB", "070"}}},
    /* COMPLEX: NOACTPRIOR: no actor before the first verb */
    {"Condemning the raid, Numenor blockaded Umbar.", NULL, NONE},
    {"On Monday Numenor blockaded Umbar.", NULL,
     {{"NUM", "UMB", "191"}}},
    /* "^ +": the phrase after "at" is skipped */
    {"Numenor warned at the Harad of the Lord of Umbar.", NULL,
     {{"NUM", "UMB", "162"}}},
    {"Numenor warned Harad.", NULL, {{"NUM", "HAR", "160"}}},
    /* "REAL~_ANGRY": a stem inside a pattern */
    {"Numenor condemned really angry Umbar.", NULL, {{"NUM", "UMB", "123"}}},
    {"Numenor condemned angry Umbar.", NULL, {{"NUM", "UMB", "122"}}},
    /* a verb stem reads any word it begins */
    {"Numenor blockadeth Umbar.", NULL, {{"NUM", "UMB", "191"}}},
    {"Numenor blockhead Umbar.", NULL, NONE},
    /* a pattern word ending in '_' is that word only, another a stem */
    {"Numenor blockaded the river of Umbar.", NULL, {{"NUM", "UMB", "193"}}},
    {"Numenor blockaded the rivers of Umbar.", NULL, {{"NUM", "UMB", "191"}}},
    {"Numenor blockaded the harbours of Umbar.", NULL,
     {{"NUM", "UMB", "194"}}},
    /* synset members are stems; a literal word outweighs a synset */
    {"Numenor paid golden ducats to Umbar.", NULL,
     {{"NUM", "UMB", "903"}}},
    {"Numenor paid crowns to Umbar.", NULL, {{"NUM", "UMB", "071"}}},
    {"Numenor paid to Umbar.", NULL, {{"NUM", "UMB", "070"}}},
    /* the longest alternative first */
    {"Numenor vowed to resist to the end of the age Umbar.", NULL,
     {{"NUM", "UMB", "115"}}},
    {"Numenor vowed to resist to the end Umbar.", NULL,
     {{"NUM", "UMB", "113"}}},
};

static void test_behaviours(void **state) {
  const casus_engine *e = *state;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(CASES); k++) {
    const tabari_case *c = &CASES[k];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, c->published, &d), CASUS_OK);
    tu_expect_events(d, "", c->text, c->ev, 3);
    casus_doc_free(d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_behaviours),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
