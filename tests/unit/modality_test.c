/* modality_test.c -- claims, modality and polarity (lib/code/modality.c),
 * attribution (lib/code/attrib.c) and quotations.
 *
 * Each case is a sentence and the event it must code: its CAMEO root, its
 * modality and polarity, and whether it is counted (an asserted, actual
 * event goes to casus_doc_event, any other to casus_doc_suppressed).  Each
 * kind has a positive row and a negative one (the same verb, asserted). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

typedef struct mod_case {
  const char *text;
  const char *root;      /* CAMEO root the event has ("19") */
  const char *modality;  /* its modality */
  const char *polarity;  /* its polarity */
} mod_case;

static const mod_case cases[] = {
    /* actual, asserted: the negative row of every kind below */
    {"Pakistan struck Iran on Thursday.", "19", "actual", "asserted"},
    {"Pakistan reportedly struck Iran on Thursday.", "19", "actual",
     "asserted"},
    {"Iran recalled its ambassador from Pakistan.", "16", "actual",
     "asserted"},
    {"Iran's president visited Pakistan last week.", "04", "actual",
     "asserted"},
    /* negated */
    {"Pakistan did not strike Iran on Thursday.", "19", "actual", "negated"},
    {"Pakistan has not recalled its ambassador from Iran.", "16", "actual",
     "negated"},
    {"Russian troops never shelled Ukraine.", "19", "actual", "negated"},
    {"No Pakistani aircraft struck Iran on Thursday.", "19", "actual",
     "negated"},
    {"Egypt and Israel have not signed any new agreement.", "05", "actual",
     "negated"},
    /* a negation in the condition does not reach the main clause */
    {"Pakistan will recall its ambassador from Iran if Iran does not "
     "apologise.",
     "16", "conditional", "asserted"},
    /* denied */
    {"Pakistan denied carrying out strikes in Iran.", "19", "denied",
     "negated"},
    {"Russia denied that its forces had shelled Ukraine.", "19", "denied",
     "negated"},
    {"Pakistan rejected claims that it had bombed the village.", "19",
     "denied", "negated"},
    {"The Taliban denied any role in the attack on Pakistani soldiers.",
     "19", "denied", "negated"},
    /* alleged: the accused is the agent, the accusation its own event */
    {"Iran accused Pakistan of attacking its border posts.", "19", "alleged",
     "asserted"},
    {"Iran accused Pakistan of attacking its border posts.", "11", "actual",
     "asserted"},
    {"Pakistan allegedly struck Iran on Thursday.", "19", "alleged",
     "asserted"},
    /* threat: the embedded event, and the threat itself (13) */
    {"Iran threatened to strike Pakistan.", "19", "threat", "asserted"},
    {"Iran threatened to strike Pakistan.", "13", "actual", "asserted"},
    {"Pakistan vowed to retaliate against Iran for the strike.", "19",
     "threat", "asserted"},
    {"Azerbaijan warned it would strike Armenia if provoked.", "19",
     "threat", "asserted"},
    /* intent */
    {"Iran's foreign minister plans to visit Pakistan next week.", "04",
     "intent", "asserted"},
    {"Japan plans to send humanitarian aid to Turkey.", "07", "intent",
     "asserted"},
    {"Turkey and Syria aim to sign a trade agreement this year.", "05",
     "intent", "asserted"},
    /* future */
    {"Iran's president will visit Pakistan next month.", "04", "future",
     "asserted"},
    {"The Iranian president is expected to visit Pakistan.", "04", "future",
     "asserted"},
    {"Armenia and Azerbaijan are expected to sign a peace treaty.", "05",
     "future", "asserted"},
    /* conditional */
    {"If Iran strikes Pakistan again, Pakistan will retaliate.", "19",
     "conditional", "asserted"},
    {"Should Israel attack Lebanon, Hezbollah would respond with force.",
     "19", "conditional", "asserted"},
    {"In case of another attack, India will strike Pakistan.", "19",
     "conditional", "asserted"},
    /* hypothetical */
    {"Did Pakistan strike Iran on Thursday?", "19", "hypothetical",
     "asserted"},
    {"Analysts say Pakistan could strike Iran again.", "19", "hypothetical",
     "asserted"},
    {"There is a possibility that Pakistan will attack Iran.", "19",
     "hypothetical", "asserted"},
};

/* The event of root ROOT among D's events (*COUNTED true) or suppressed
 * ones, NULL when none. */
static const casus_event *find_root(const casus_doc *d, const char *root,
                                    const char *modality, bool *counted) {
  for (int pass = 0; pass < 2; pass++) {
    size_t n = pass ? casus_doc_suppressed_count(d) : casus_doc_event_count(d);
    for (size_t i = 0; i < n; i++) {
      const casus_event *ev =
          pass ? casus_doc_suppressed(d, i) : casus_doc_event(d, i);
      if (!strncmp(ev->cameo, root, 2) && !strcmp(ev->modality, modality)) {
        *counted = !pass;
        return ev;
      }
    }
  }
  return NULL;
}

static void test_modality(void **state) {
  const casus_engine *e = *state;
  int bad = 0;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const mod_case *c = &cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    bool counted = false;
    const casus_event *ev = find_root(d, c->root, c->modality, &counted);
    bool want_counted = !strcmp(c->modality, "actual") &&
                        !strcmp(c->polarity, "asserted");
    if (!ev || strcmp(ev->polarity, c->polarity) || counted != want_counted) {
      printf("  FAIL %s: want %s %s/%s (%s), got %s\n", c->text, c->root,
             c->modality, c->polarity,
             want_counted ? "counted" : "suppressed",
             ev ? ev->polarity : "no such event");
      bad++;
    }
    /* Nothing that is not asserted as actual is ever counted. */
    for (size_t k = 0; k < casus_doc_event_count(d); k++) {
      const casus_event *x = casus_doc_event(d, k);
      assert_string_equal(x->modality, "actual");
      assert_string_equal(x->polarity, "asserted");
    }
    for (size_t k = 0; k < casus_doc_suppressed_count(d); k++) {
      const casus_event *x = casus_doc_suppressed(d, k);
      assert_true(strcmp(x->modality, "actual") ||
                  strcmp(x->polarity, "asserted"));
    }
    casus_doc_free(d);
  }
  assert_int_equal(bad, 0);
}

typedef struct attr_case {
  const char *text;
  const char *name;  /* the attribution of the first event, NULL none */
  const char *code;
} attr_case;

static const attr_case attr_cases[] = {
    {"Pakistan struck Iran on Thursday, Iranian state media reported.",
     "Iranian state media", "IRNMED"},
    {"According to Pakistan's foreign ministry, Pakistan struck Iran on "
     "Thursday.",
     "Pakistan's foreign ministry", "PAKGOV"},
    {"Iranian state media reported that Pakistan struck Iran on Thursday.",
     "Iranian state media", "IRNMED"},
    {"Pakistan struck Iran on Thursday.", NULL, NULL},
};

static void test_attribution(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(attr_cases); i++) {
    const attr_case *c = &attr_cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    assert_true(casus_doc_event_count(d) >= 1);
    const casus_event *ev = casus_doc_event(d, 0);
    if (!c->name) {
      assert_null(ev->attribution);
    } else {
      assert_non_null(ev->attribution);
      assert_string_equal(ev->attribution->name, c->name);
      assert_string_equal(ev->attribution->code, c->code);
      size_t len;
      const char *t = casus_doc_text(d, &len);
      assert_true(ev->attribution->end <= len);
      assert_memory_equal(t + ev->attribution->start, c->name,
                          strlen(c->name));
      /* and the JSON says so, right after modality and polarity */
      char *json = NULL;
      assert_int_equal(casus_event_to_json(d, ev, &json), CASUS_OK);
      const char *m = strstr(json, "\"modality\":\"actual\",\"polarity\":"
                                   "\"asserted\",\"attribution\":{\"name\":");
      assert_non_null(m);
      casus_free(json);
    }
    casus_doc_free(d);
  }
}

typedef struct quote_case {
  const char *text;
  size_t n;             /* quotations found */
  const char *quoted;   /* the first one's words */
  const char *speaker;  /* its speaker, NULL none */
  const char *code;
} quote_case;

static const quote_case quote_cases[] = {
    {"\"We will respond to any attack on our soil,\" Pakistan's foreign "
     "ministry said.",
     1, "We will respond to any attack on our soil,",
     "Pakistan's foreign ministry", "PAKGOV"},
    {"Iran's foreign minister said: \xe2\x80\x9cPakistan is our neighbour "
     "and friend.\xe2\x80\x9d",
     1, "Pakistan is our neighbour and friend.", "Iran's foreign minister",
     "IRNGOV"},
    /* a scare-quoted term is no quotation */
    {"Iran struck an Israeli \"espionage centre\" in Erbil.", 0, NULL, NULL,
     NULL},
    {"\"The strikes were a blatant violation of our sovereignty and of "
     "international law.\"",
     1, "The strikes were a blatant violation of our sovereignty and of "
        "international law.",
     NULL, NULL},
};

static void test_quotes(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(quote_cases); i++) {
    const quote_case *c = &quote_cases[i];
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, c->text, NULL, &d), CASUS_OK);
    assert_int_equal(casus_doc_quote_count(d), c->n);
    assert_null(casus_doc_quote(d, c->n));
    if (c->n) {
      const casus_quote *q = casus_doc_quote(d, 0);
      size_t len;
      const char *t = casus_doc_text(d, &len);
      assert_int_equal(q->end - q->start, strlen(c->quoted));
      assert_memory_equal(t + q->start, c->quoted, strlen(c->quoted));
      if (c->speaker) {
        assert_non_null(q->speaker);
        assert_string_equal(q->speaker, c->speaker);
        assert_string_equal(q->speaker_code, c->code);
      } else {
        assert_null(q->speaker);
      }
      char *json = NULL;
      assert_int_equal(casus_quote_to_json(d, q, &json), CASUS_OK);
      json_t *j = json_loads(json, 0, NULL);
      assert_non_null(j);
      assert_string_equal(json_string_value(json_object_get(j, "text")),
                          c->quoted);
      json_decref(j);
      casus_free(json);
    }
    casus_doc_free(d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_modality),
      cmocka_unit_test(test_attribution),
      cmocka_unit_test(test_quotes),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
