/* dates_test.c -- acceptance tests of date recognition (lib/recognize
 * time code) and of event dating, with the publication weekday varied.
 *
 * Every relative expression kind of the lexicon issue: weekdays ("on
 * Thursday" is the last Thursday on or before publication; after "will"
 * or "next", the coming one), "N days after/before", "a day earlier",
 * "N days later", "earlier this week", "last week", "last month", "on 3
 * January", "January 3, 2024", numeric dates ("on 13/1", "3/1" reported
 * ambiguous, not guessed), each under publication dates that fall on
 * different weekdays and across month and year ends.  Then whole
 * articles: an event anchored to another event ("two days after Tehran
 * struck") keeps the shift from that event's date. */
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

enum { F_AFTER = 1, F_BEFORE = 2, F_ANCHOR = 4, F_VAGUE = 8 };

typedef struct date_case {
  const char *pub;        /* publication date */
  const char *text;
  const char *at;         /* the time starts where this text starts */
  const char *anchor;     /* the text's last date, NULL: publication */
  const char *day;        /* expected day, NULL: none (after/before) */
  const char *precision;
  const char *rule;
  int flags;
  long shift;             /* F_AFTER/F_BEFORE/F_ANCHOR */
} date_case;

/* Publication days: 2024-01-18 Thu, 2024-01-15 Mon, 2024-01-21 Sun,
 * 2024-03-02 Sat (after a leap day), 2025-01-01 Wed (a new year). */
static const date_case cases[] = {
    /* weekdays, past */
    {"2024-01-18", "Iran struck Pakistan on Thursday.", "Thursday", NULL,
     "2024-01-18", "day", "date:weekday", 0, 0},
    {"2024-01-18", "Iran struck Pakistan on Tuesday.", "Tuesday", NULL,
     "2024-01-16", "day", "date:weekday", 0, 0},
    {"2024-01-15", "Iran struck Pakistan on Thursday.", "Thursday", NULL,
     "2024-01-11", "day", "date:weekday", 0, 0},
    {"2024-01-15", "Iran struck Pakistan on Monday.", "Monday", NULL,
     "2024-01-15", "day", "date:weekday", 0, 0},
    {"2024-01-15", "Iran struck Pakistan on Sunday.", "Sunday", NULL,
     "2024-01-14", "day", "date:weekday", 0, 0},
    {"2024-01-21", "Iran struck Pakistan on Saturday.", "Saturday", NULL,
     "2024-01-20", "day", "date:weekday", 0, 0},
    {"2024-01-21", "Iran struck Pakistan last Sunday.", "Sunday", NULL,
     "2024-01-14", "day", "date:weekday", 0, 0},
    {"2024-03-02", "Iran struck Pakistan on Thursday.", "Thursday", NULL,
     "2024-02-29", "day", "date:weekday", 0, 0},
    {"2025-01-01", "Iran struck Pakistan on Friday.", "Friday", NULL,
     "2024-12-27", "day", "date:weekday", 0, 0},
    /* weekdays, future */
    {"2024-01-18", "Iran will hold talks with Pakistan on Monday.",
     "Monday", NULL, "2024-01-22", "day", "date:weekday-next", 0, 0},
    {"2024-01-18", "Talks will resume on Thursday.", "Thursday", NULL,
     "2024-01-18", "day", "date:weekday-next", 0, 0},
    {"2024-01-18", "Iran meets Pakistan next Thursday.", "Thursday", NULL,
     "2024-01-25", "day", "date:weekday-next", 0, 0},
    {"2024-03-02", "The envoys will meet on Monday.", "Monday", NULL,
     "2024-03-04", "day", "date:weekday-next", 0, 0},
    {"2024-01-18", "Iran said on Monday it will retaliate.", "Monday", NULL,
     "2024-01-15", "day", "date:weekday", 0, 0},
    /* explicit dates */
    {"2024-01-18", "Iran struck Pakistan on 3 January.", "3 January", NULL,
     "2024-01-03", "day", "date:explicit", 0, 0},
    {"2025-01-01", "Iran struck Pakistan on 30 December.", "30 December",
     NULL, "2024-12-30", "day", "date:explicit", 0, 0},
    {"2024-03-02", "Iran struck Pakistan on January 3, 2024.", "January 3",
     NULL, "2024-01-03", "day", "date:explicit", 0, 0},
    {"2024-01-18", "The talks of January 3, 2023 failed.", "January 3",
     NULL, "2023-01-03", "day", "date:explicit", 0, 0},
    /* numeric dates */
    {"2024-01-18", "Iran struck Pakistan on 13/1.", "13/1", NULL,
     "2024-01-13", "day", "date:numeric", 0, 0},
    {"2024-01-18", "Iran struck Pakistan on 1/13/2024.", "1/13", NULL,
     "2024-01-13", "day", "date:numeric", 0, 0},
    {"2024-03-02", "Iran struck Pakistan on 3/1.", "3/1", NULL, NULL, NULL,
     "date:ambiguous", F_VAGUE, 0},
    {"2024-03-02", "Iran struck Pakistan on 3/1/2024.", "3/1", NULL, NULL,
     NULL, "date:ambiguous", F_VAGUE, 0},
    /* relative to the publication date */
    {"2024-01-18", "Iran struck Pakistan yesterday.", "yesterday", NULL,
     "2024-01-17", "day", "date:relative-day", 0, 0},
    {"2024-03-02", "Iran struck Pakistan two days ago.", "two days", NULL,
     "2024-02-29", "day", "date:n-days-ago", 0, 0},
    {"2024-01-18", "Iran struck Pakistan earlier this week.",
     "earlier this week", NULL, "2024-01-15", "week", "date:relative-week",
     0, 0},
    {"2024-01-21", "Iran struck Pakistan earlier this week.",
     "earlier this week", NULL, "2024-01-15", "week", "date:relative-week",
     0, 0},
    {"2025-01-01", "Iran struck Pakistan earlier this week.",
     "earlier this week", NULL, "2024-12-30", "week", "date:relative-week",
     0, 0},
    {"2024-01-15", "Iran struck Pakistan last week.", "last week", NULL,
     "2024-01-08", "week", "date:relative-week", 0, 0},
    {"2024-01-18", "Iran struck Pakistan last month.", "last month", NULL,
     "2023-12-01", "month", "date:relative-month", 0, 0},
    {"2024-03-02", "Iran struck Pakistan last month.", "last month", NULL,
     "2024-02-01", "month", "date:relative-month", 0, 0},
    /* relative to another date or event */
    {"2024-01-18", "Pakistan struck Iran two days after Tehran struck.",
     "two days", NULL, NULL, NULL, "date:n-days-after", F_AFTER, 2},
    {"2024-01-18", "Two days after the strike, Pakistan hit back.",
     "Two days", NULL, NULL, NULL, "date:n-days-after", F_AFTER, 2},
    {"2024-01-18", "A week before the strike, Iran warned Pakistan.",
     "A week", NULL, NULL, NULL, "date:n-days-before", F_BEFORE, 7},
    {"2024-01-18", "A day earlier, Iran struck Iraq.", "A day", "2024-01-16",
     "2024-01-15", "day", "date:n-days-earlier", F_ANCHOR, 1},
    {"2024-03-02", "A day earlier, Iran struck Iraq.", "A day", "2024-03-01",
     "2024-02-29", "day", "date:n-days-earlier", F_ANCHOR, 1},
    {"2024-01-21", "Three days later, Pakistan struck Iran.", "Three days",
     "2024-01-16", "2024-01-19", "day", "date:n-days-earlier", F_ANCHOR,
     -3},
};

/* Recognizes the sentence of TEXT (published PUB) holding AT with anchor
 * ANCHOR and returns the time that starts at AT, or NULL; *D and *M get
 * the doc and mentions (the caller frees *D). */
static const time_m *time_at(const casus_engine *e, const date_case *c,
                             casus_doc **d, sent_m *m) {
  if (tu_process(e, c->text, c->pub, d))
    return NULL;
  long off = tu_find(*d, c->at);
  long anchor = (*d)->published;
  tok_info *ti = NULL;
  if (off < 0 || (c->anchor && !casus__parse_iso_date(c->anchor, &anchor)) ||
      casus__tok_info(e, *d, &ti))
    return NULL;
  for (size_t i = 0; i < (*d)->seg.nsents; i++) {
    const casus_sentence *s = &(*d)->seg.sents[i];
    if ((uint32_t)off < s->start || (uint32_t)off >= s->end)
      continue;
    memset(m, 0, sizeof *m);
    if (casus__recognize(e, *d, s, ti + s->tok, anchor, m))
      return NULL;
    const casus_token *t = (*d)->seg.toks + s->tok;
    for (size_t k = 0; k < m->ntimes; k++)
      if (t[m->times[k].t0].start == (uint32_t)off)
        return &m->times[k];
  }
  return NULL;
}

static void test_date_kinds(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    const date_case *c = &cases[i];
    casus_doc *d = NULL;
    sent_m m;
    const time_m *t = time_at(e, c, &d, &m);
    char day[11] = "";
    if (t && t->day >= 0 && !t->after && !t->before && !t->vague)
      casus__format_date(t->day, day);
    bool ok = t && (c->day ? !strcmp(day, c->day) : !*day) &&
              (!c->precision ||
               (t->precision && !strcmp(t->precision, c->precision))) &&
              t->rule && !strcmp(t->rule, c->rule) &&
              !!(c->flags & F_AFTER) == !!t->after &&
              !!(c->flags & F_BEFORE) == !!t->before &&
              !!(c->flags & F_ANCHOR) == !!t->anchor_rel &&
              !!(c->flags & F_VAGUE) == !!t->vague &&
              (!(c->flags & (F_AFTER | F_BEFORE | F_ANCHOR)) ||
               t->shift == c->shift);
    if (!ok)
      print_error("date %zu (pub %s) \"%s\" @ %s: want %s %s %s; got %s "
                  "%s %s after=%d before=%d rel=%d shift=%ld vague=%d\n", i,
                  c->pub, c->text, c->at, c->day ? c->day : "-",
                  c->precision ? c->precision : "-", c->rule,
                  t ? day : "(no time)", t && t->precision ? t->precision
                                                           : "-",
                  t && t->rule ? t->rule : "-", t ? t->after : 0,
                  t ? t->before : 0, t ? t->anchor_rel : 0,
                  t ? t->shift : 0, t ? t->vague : 0);
    casus_doc_free(d);
    assert_true(ok);
  }
}

/* Whole articles: the date of the first event of each, and its rule. */
static void test_event_dates(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *pub;
    const char *text;
    const char *cameo;  /* the event checked */
    const char *date;
    const char *rule;
  } arts[] = {
      /* the anchor is another event: two days after Tuesday's strike */
      {"2024-01-19",
       "Iran struck Pakistan on Tuesday. Pakistan launched air strikes on "
       "Iran two days after Tehran struck.", "195", "2024-01-18",
       "date:n-days-after"},
      {"2024-01-21",
       "Iran struck Pakistan on Tuesday. A day earlier, Iran struck Iraq.",
       "190", "2024-01-16", "date:weekday"},
      {"2024-01-21",
       "Iran struck Pakistan on Tuesday. A day earlier, Iran struck Iraq.",
       NULL, "2024-01-15", "date:n-days-earlier"},
      {"2024-03-02", "Iran struck Pakistan on 3/1.", "190", "2024-03-02",
       "date:ambiguous"},
      {"2024-03-02", "Iran struck Pakistan on Thursday.", "190",
       "2024-02-29", "date:weekday"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(arts); i++) {
    casus_doc *d = NULL;
    assert_int_equal(tu_process(e, arts[i].text, arts[i].pub, &d),
                     CASUS_OK);
    /* the first event with the cameo code; a NULL code: the last event
     * (the second sentence's) */
    const casus_event *ev = NULL;
    for (size_t k = 0; k < d->nevents; k++)
      if (!arts[i].cameo ? true
                         : !ev && !strcmp(d->events[k].cameo, arts[i].cameo))
        ev = &d->events[k];
    bool ok = ev && !strcmp(ev->date, arts[i].date) && ev->date_prov.rule &&
              !strcmp(ev->date_prov.rule, arts[i].rule);
    if (!ok)
      print_error("article %zu: want %s %s; got %s %s (%zu events)\n", i,
                  arts[i].date, arts[i].rule, ev ? ev->date : "-",
                  ev && ev->date_prov.rule ? ev->date_prov.rule : "-",
                  d->nevents);
    casus_doc_free(d);
    assert_true(ok);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_date_kinds),
      cmocka_unit_test(test_event_dates),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
