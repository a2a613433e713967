/* recognize_test.c -- the recognizer (lib/recognize): actors, places,
 * times and counts of one sentence.
 *
 * Each case is a small article published 2024-01-18 (a Thursday) run
 * through casus_doc_process; the sentence holding the case's marker is
 * then recognized again with casus__recognize (after casus__tok_info) and
 * the mention that starts at the marker is compared with the expected
 * values.  A row marked
 * known_bug is skipped with a printed note (the bug is reported). */
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

/* A recognized sentence of a processed doc. */
typedef struct rec {
  casus_doc *d;
  const casus_sentence *s;
  const casus_token *t;  /* the sentence's tokens */
  sent_m m;
} rec;

/* Processes TEXT and recognizes the sentence holding byte AT (or sentence
 * 0 when AT < 0) with anchor day ANCHOR (-1: the publication date).
 * Returns false when anything fails. */
static bool rec_run(const casus_engine *e, const char *text, const char *at,
                    const char *anchor, rec *r) {
  memset(r, 0, sizeof *r);
  if (tu_process(e, text, NULL, &r->d))
    return false;
  long off = at ? tu_find(r->d, at) : 0;
  if (off < 0) {
    print_error("marker \"%s\" not in the cleaned text\n", at);
    return false;
  }
  for (size_t i = 0; i < r->d->seg.nsents; i++) {
    const casus_sentence *s = &r->d->seg.sents[i];
    if ((uint32_t)off >= s->start && (uint32_t)off < s->end)
      r->s = s;
  }
  if (!r->s)
    return false;
  long day = r->d->published;
  if (anchor && !casus__parse_iso_date(anchor, &day))
    return false;
  r->t = r->d->seg.toks + r->s->tok;
  tok_info *ti = NULL;
  if (casus__tok_info(e, r->d, &ti) != CASUS_OK)
    return false;
  return casus__recognize(e, r->d, r->s, ti + r->s->tok, day, &r->m) ==
         CASUS_OK;
}

static void rec_free(rec *r) { casus_doc_free(r->d); }

/* Byte span of tokens [t0, t1) of the sentence. */
static uint32_t tok_start(const rec *r, uint32_t t0) {
  return r->t[t0].start;
}

static uint32_t tok_end(const rec *r, uint32_t t1) {
  return r->t[t1 - 1].end;
}

/* Writes a readable list of the sentence's actors into OUT. */
static void dump_actors(const rec *r, char *out, size_t cap) {
  size_t o = 0;
  const char *text = r->d->clean.text;
  out[0] = '\0';
  for (size_t i = 0; i < r->m.nactors && o < cap; i++) {
    const actor_m *a = &r->m.actors[i];
    uint32_t b = tok_start(r, a->t0), en = tok_end(r, a->t1);
    int n = snprintf(out + o, cap - o, "[%.*s: %s %s %s%s%s%s%s] ",
                     (int)(en - b), text + b, a->iso3 ? a->iso3 : "-",
                     a->role ? a->role : "-", a->code ? a->code : "-",
                     a->territory ? " terr" : "", a->pronoun ? " pron" : "",
                     a->evnoun ? " ev" : "", a->pair ? " pair" : "");
    if (n < 0)
      break;
    o += (size_t)n;
  }
}

/* ---------------------------------------------------------------- actors */

enum {
  A_TERR = 1,  /* territory */
  A_PRON = 2,  /* pronoun */
  A_EV = 4,    /* event noun */
  A_PAIR = 8,  /* "the two countries" */
  A_ABSENT = 16 /* no actor overlaps the marker */
};

typedef struct actor_case {
  const char *text;
  const char *at;      /* the actor starts where this text starts */
  const char *iso3;    /* expected country, NULL: none */
  const char *role;    /* expected agent, NULL: none */
  const char *code;    /* expected group code, NULL: none */
  int flags;
  const char *end;     /* when set, the actor ends where this text ends */
  const char *known_bug;
} actor_case;

static const actor_case actor_cases[] = {
  {"Pakistan's foreign ministry condemned the attack.", "Pakistan's",
   "PAK", "GOV", NULL, 0, "ministry", NULL},
  {"Iranian state media reported the attack.", "Iranian", "IRN", "MED",
   NULL, 0, "media", NULL},
  {"Tehran said the strike was a violation.", "Tehran", "IRN", "GOV", NULL,
   0, "Tehran", NULL},
  {"Islamabad's charge d'affaires was summoned.", "Islamabad", "PAK", "GOV",
   NULL, 0, "affaires", NULL},
  {"Islamabad's charg\xC3\xA9 d\xE2\x80\x99" "affaires was summoned.",
   "Islamabad", "PAK", "GOV", NULL, 0, "affaires", NULL},
  {"The Foreign Ministry of the Islamic Emirate of Afghanistan called for "
   "restraint.", "Foreign Ministry", "AFG", "GOV", NULL, 0, "Afghanistan",
   NULL},
  {"Separatist Baloch militants inside Iran attacked the post.",
   "Separatist", "IRN", "SEP", NULL, 0, "Iran", NULL},
  {"Iran struck separatist Baloch militants inside Iran.", "separatist",
   "IRN", "SEP", NULL, 0, "Iran.", NULL},
  {"The Baloch Liberation Army claimed the attack.", "Baloch", "PAK", "SEP",
   "PAKSEP", 0, "Army", NULL},
  {"Jaish al-Adl claimed the attack.", "Jaish", "IRN", "SEP", "IRNSEP", 0,
   "Adl", NULL},
  {"The Taliban said it was ready.", "Taliban", "AFG", "REB", "TAL", 0,
   "Taliban", NULL},
  {"The United Nations called for calm.", "United", NULL, "IGO", "UNO", 0,
   "Nations", NULL},
  {"Three women, all of whom were non-Iranian, died.", "Iranian", NULL,
   NULL, NULL, A_ABSENT, NULL, NULL},
  {"Iran struck Pakistani territory on Tuesday.", "Pakistani", "PAK", NULL,
   NULL, A_TERR, "territory", NULL},
  {"Missiles violated Iranian airspace.", "Iranian", "IRN", NULL, NULL,
   A_TERR, "airspace", NULL},
  {"The Pakistani military said it struck hideouts.", "Pakistani", "PAK",
   "MIL", NULL, 0, "military", NULL},
  {"The Pakistani military said it struck hideouts.", "it struck", NULL,
   NULL, NULL, A_PRON, NULL, NULL},
  {"Iran's Revolutionary Guards fired missiles.", "Iran's", "IRN", "MIL",
   NULL, 0, "Guards", NULL},
  {"Pakistani security forces were deployed.", "Pakistani", "PAK", "MIL",
   NULL, 0, "forces", NULL},
  {"Iranian police arrested the men.", "Iranian", "IRN", "COP", NULL, 0,
   "police", NULL},
  {"Pakistan's prime minister met the envoy.", "Pakistan's", "PAK", "GOV",
   NULL, 0, "minister", NULL},
  {"Iran condemned the strikes.", "strikes", NULL, NULL, NULL, A_EV,
   NULL, NULL},
  {"Tensions rose between the two countries.", "the two", NULL, NULL, NULL,
   A_PAIR, "countries", NULL},
  {"The strike killed militants in the Sistan-Baluchestan province of "
   "Iran.", "militants", "IRN", "REB", NULL, 0, NULL, NULL},
  {"IRAN condemned the attack.", "IRAN", "IRN", NULL, NULL, 0, "IRAN",
   NULL},
  {"Pakistan\xE2\x80\x99s foreign office said so.", "Pakistan", "PAK", "GOV",
   NULL, 0, "office", NULL},
};

static void test_actors(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(actor_cases); i++) {
    const actor_case *c = &actor_cases[i];
    rec r;
    assert_true(rec_run(e, c->text, c->at, NULL, &r));
    long at = tu_find(r.d, c->at);
    long end = -1;
    if (c->end) {
      const char *p = strstr(r.d->clean.text + at, c->end);
      assert_non_null(p);
      end = (long)(p - r.d->clean.text) + (long)strlen(c->end);
      if (c->end[strlen(c->end) - 1] == '.')
        end--; /* "Iran." marks the last occurrence's end */
    }
    const actor_m *hit = NULL;
    bool overlap = false;
    for (size_t k = 0; k < r.m.nactors; k++) {
      const actor_m *a = &r.m.actors[k];
      uint32_t b = tok_start(&r, a->t0), en = tok_end(&r, a->t1);
      if (b == (uint32_t)at && !hit)
        hit = a;
      if (b < (uint32_t)at + strlen(c->at) && en > (uint32_t)at)
        overlap = true;
      if ((c->flags & A_ABSENT) && a->iso3)
        overlap = true; /* "non-Iranian": no country actor at all */
    }
    bool ok;
    if (c->flags & A_ABSENT) {
      ok = !overlap;
    } else {
      ok = hit != NULL;
      if (ok) {
        uint32_t en = tok_end(&r, hit->t1);
        ok = (c->iso3 ? hit->iso3 && !strcmp(hit->iso3, c->iso3)
                      : !hit->iso3) &&
             (c->role ? hit->role && !strcmp(hit->role, c->role)
                      : !hit->role || (c->flags & (A_PRON | A_EV | A_PAIR))) &&
             (!c->code || (hit->code && !strcmp(hit->code, c->code))) &&
             !!(c->flags & A_TERR) == !!hit->territory &&
             !!(c->flags & A_PRON) == !!hit->pronoun &&
             !!(c->flags & A_EV) == !!hit->evnoun &&
             !!(c->flags & A_PAIR) == !!hit->pair &&
             (end < 0 || en == (uint32_t)end);
      }
    }
    char seen[1024];
    dump_actors(&r, seen, sizeof seen);
    if (c->known_bug) {
      char what[200];
      snprintf(what, sizeof what, "actor \"%s\" @ \"%s\"", c->text, c->at);
      tu_known_bug(what, c->known_bug, seen, ok);
    } else if (!ok) {
      print_error("actor row %zu \"%s\" @ \"%s\": want %s %s %s flags %d; "
                  "got %s\n", i, c->text, c->at, c->iso3 ? c->iso3 : "-",
                  c->role ? c->role : "-", c->code ? c->code : "-",
                  c->flags, seen);
    }
    rec_free(&r);
    if (!c->known_bug)
      assert_true(ok);
  }
}

/* ---------------------------------------------------------------- places */

typedef struct place_case {
  const char *text;
  const char *at;      /* the place starts here */
  const char *end;     /* and ends where this ends (NULL: don't check) */
  const char *iso2;    /* a candidate in this country */
  int kind;            /* LX_CITY, LX_ADMIN1, LX_COUNTRY */
  const char *admin1;  /* its admin1 (cities) or name (admin1), or NULL */
  const char *within;  /* iso2 of the place named right after, or NULL */
  const char *known_bug;
} place_case;

static const place_case place_cases[] = {
  {"Missiles hit a village near the city of Saravan.", "Saravan", "Saravan",
   "IR", LX_CITY, "Sistan and Baluchestan", NULL, NULL},
  {"Missiles hit a village in Sar\xC4\x81v\xC4\x81n.", "Sar", "n.", "IR",
   LX_CITY, "Sistan and Baluchestan", NULL, NULL},
  {"The strike hit Sistan-Baluchestan on Tuesday.", "Sistan",
   "Baluchestan", "IR", LX_ADMIN1, "Sistan and Baluchestan", NULL, NULL},
  {"The strike hit Sistan and Baluchestan on Tuesday.", "Sistan",
   "Baluchestan", "IR", LX_ADMIN1, "Sistan and Baluchestan", NULL, NULL},
  {"The strike hit Sistan-o-Baluchistan province on Tuesday.", "Sistan",
   NULL, "IR", LX_ADMIN1, "Sistan and Baluchestan", NULL, NULL},
  {"The strike hit Sistan-Baluchistan on Tuesday.", "Sistan",
   "Baluchistan", "IR", LX_ADMIN1, "Sistan and Baluchestan", NULL, NULL},
  {"The strike hit Sistan va Baluchestan on Tuesday.", "Sistan",
   "Baluchestan", "IR", LX_ADMIN1, "Sistan and Baluchestan", NULL, NULL},
  {"Militants in the Sistan-Baluchestan province of Iran were hit.",
   "Sistan", NULL, "IR", LX_ADMIN1, "Sistan and Baluchestan", "IR", NULL},
  {"Iran struck Pakistan's Balochistan province.", "Balochistan", NULL,
   "PK", LX_ADMIN1, "Balochistan", "PK", NULL},
  {"Iran struck a village in Balochistan.", "Balochistan", "Balochistan",
   "PK", LX_ADMIN1, "Balochistan", NULL, NULL},
  {"Missiles hit Iraq's Erbil on Monday.", "Erbil", "Erbil", "IQ", LX_CITY,
   NULL, "IQ", NULL},
  {"Missiles hit the Iranian city of Kerman.", "Kerman", "Kerman", "IR",
   LX_CITY, NULL, NULL, NULL},
  {"Missiles hit the town of Panjgur in Balochistan.", "Panjgur", "Panjgur",
   "PK", LX_CITY, "Balochistan", "PK", NULL},
  {"Troops were sent to Pakistan.", "Pakistan", "Pakistan", "PK",
   LX_COUNTRY, NULL, NULL, NULL},
};

/* True when place list X holds an entry of KIND in ISO2 (with ADMIN1). */
static bool has_candidate(const lex_entry *x, const place_case *c) {
  for (; x; x = x->next) {
    if (x->kind != c->kind || !x->iso2 || strcmp(x->iso2, c->iso2))
      continue;
    if (c->admin1 && c->kind == LX_CITY &&
        (!x->admin1 || strcmp(x->admin1, c->admin1)))
      continue;
    if (c->admin1 && c->kind == LX_ADMIN1 &&
        (!x->name || strcmp(x->name, c->admin1)))
      continue;
    return true;
  }
  return false;
}

static void dump_places(const rec *r, char *out, size_t cap) {
  size_t o = 0;
  const char *text = r->d->clean.text;
  out[0] = '\0';
  for (size_t i = 0; i < r->m.nplaces && o < cap; i++) {
    const place_m *p = &r->m.places[i];
    uint32_t b = tok_start(r, p->t0), en = tok_end(r, p->t1);
    int n = snprintf(out + o, cap - o, "[%.*s:", (int)(en - b), text + b);
    if (n < 0)
      return;
    o += (size_t)n;
    for (const lex_entry *x = p->e; x && o < cap; x = x->next) {
      n = snprintf(out + o, cap - o, " %s/%d/%s", x->iso2 ? x->iso2 : "-",
                   x->kind, x->admin1 ? x->admin1 : (x->name ? x->name : ""));
      if (n < 0)
        return;
      o += (size_t)n;
    }
    if (o < cap) {
      n = snprintf(out + o, cap - o, " within %s] ",
                   p->within && p->within->iso2 ? p->within->iso2 : "-");
      if (n < 0)
        return;
      o += (size_t)n;
    }
  }
}

static void test_places(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(place_cases); i++) {
    const place_case *c = &place_cases[i];
    rec r;
    assert_true(rec_run(e, c->text, c->at, NULL, &r));
    long at = tu_find(&*r.d, c->at);
    long end = -1;
    if (c->end) {
      const char *p = strstr(r.d->clean.text + at, c->end);
      assert_non_null(p);
      end = (long)(p - r.d->clean.text) + (long)strlen(c->end);
      if (c->end[strlen(c->end) - 1] == '.')
        end--;
    }
    bool ok = false;
    for (size_t k = 0; k < r.m.nplaces && !ok; k++) {
      const place_m *p = &r.m.places[k];
      if (tok_start(&r, p->t0) != (uint32_t)at)
        continue;
      ok = has_candidate(p->e, c) &&
           (end < 0 || tok_end(&r, p->t1) == (uint32_t)end) &&
           (!c->within || (p->within && p->within->iso2 &&
                           !strcmp(p->within->iso2, c->within)));
    }
    char seen[2048];
    dump_places(&r, seen, sizeof seen);
    if (c->known_bug) {
      char what[200];
      snprintf(what, sizeof what, "place \"%s\" @ \"%s\"", c->text, c->at);
      tu_known_bug(what, c->known_bug, seen, ok);
    } else if (!ok) {
      print_error("place row %zu \"%s\": want %s kind %d %s; got %s\n", i,
                  c->text, c->iso2, c->kind, c->admin1 ? c->admin1 : "",
                  seen);
    }
    rec_free(&r);
    if (!c->known_bug)
      assert_true(ok);
  }
}

/* ----------------------------------------------------------------- times */

enum { T_AFTER = 1, T_BEFORE = 2, T_ANCHOR = 4, T_VAGUE = 8, T_NONE = 16 };

typedef struct time_case {
  const char *text;
  const char *at;         /* the time starts here */
  const char *anchor;     /* anchor day passed to recognize, NULL: pub */
  const char *day;        /* expected day, NULL: don't check */
  const char *precision;  /* NULL: don't check */
  int flags;
  long shift;
  const char *rule;       /* NULL: don't check */
  const char *known_bug;
} time_case;

static const time_case time_cases[] = {
  {"Pakistan struck Iran on Thursday.", "Thursday", NULL, "2024-01-18",
   "day", 0, 0, "date:weekday", NULL},
  {"Iran struck Pakistan on Tuesday.", "Tuesday", NULL, "2024-01-16", "day",
   0, 0, "date:weekday", NULL},
  {"Iran struck Pakistan on Monday.", "Monday", NULL, "2024-01-15", "day", 0,
   0, "date:weekday", NULL},
  {"Iran struck Pakistan on Friday.", "Friday", NULL, "2024-01-12", "day", 0,
   0, "date:weekday", NULL},
  {"Iran struck Pakistan last Thursday.", "Thursday", NULL, "2024-01-11",
   "day", 0, 0, "date:weekday", NULL},
  {"Iran will meet Pakistan next Monday.", "Monday", NULL, "2024-01-22",
   "day", 0, 0, "date:weekday-next", NULL},
  {"Iran struck Pakistan yesterday.", "yesterday", NULL, "2024-01-17", "day",
   0, 0, "date:relative-day", NULL},
  {"Iran struck Pakistan today.", "today", NULL, "2024-01-18", "day", 0, 0,
   "date:relative-day", NULL},
  {"Iran struck Pakistan last night.", "last night", NULL, "2024-01-17",
   "day", 0, 0, "date:relative-day", NULL},
  {"Iran struck Pakistan on 3 January.", "3 January", NULL, "2024-01-03",
   "day", 0, 0, "date:explicit", NULL},
  {"Iran struck Pakistan on January 3, 2023.", "January 3", NULL,
   "2023-01-03", "day", 0, 0, "date:explicit", NULL},
  {"Iran struck Pakistan on 16 January 2024.", "16 January", NULL,
   "2024-01-16", "day", 0, 0, "date:explicit", NULL},
  {"Iran struck Pakistan on Dec. 28.", "Dec.", NULL, "2023-12-28", "day", 0,
   0, "date:explicit", NULL},
  {"Iran struck Pakistan on December 28.", "December", NULL, "2023-12-28",
   "day", 0, 0, "date:explicit", NULL},
  {"Iran struck Pakistan on Jan. 16.", "Jan.", NULL, "2024-01-16", "day", 0,
   0, "date:explicit", NULL},
  {"Iran struck Pakistan three days ago.", "three days", NULL, "2024-01-15",
   "day", 0, 3, "date:n-days-ago", NULL},
  {"Two days after the strike, Pakistan hit back.", "Two days", NULL, NULL,
   NULL, T_AFTER, 2, "date:n-days-after", NULL},
  {"Pakistan retaliated two days after Iran struck.", "two days", NULL, NULL,
   NULL, T_AFTER, 2, "date:n-days-after", NULL},
  {"A week before the strike, Iran warned Pakistan.", "A week", NULL, NULL,
   NULL, T_BEFORE, 7, "date:n-days-before", NULL},
  {"Iran struck Pakistan on 16 January. A day earlier, Iran struck Iraq.",
   "A day", "2024-01-16", "2024-01-15", "day", T_ANCHOR, 1,
   "date:n-days-earlier", NULL},
  {"Iran struck Pakistan on 16 January. Two days later, Pakistan struck "
   "Iran.", "Two days", "2024-01-16", "2024-01-18", "day", T_ANCHOR, -2,
   "date:n-days-earlier", NULL},
  {"Iran struck Pakistan earlier this week.", "earlier this week", NULL,
   "2024-01-15", "week", 0, 0, "date:relative-week", NULL},
  {"Iran struck Pakistan last week.", "last week", NULL, "2024-01-08",
   "week", 0, 0, "date:relative-week", NULL},
  {"Iran struck Pakistan last month.", "last month", NULL, "2023-12-01",
   "month", 0, 0, "date:relative-month", NULL},
  {"Iran struck Pakistan earlier this month.", "earlier this month", NULL,
   "2024-01-01", "month", 0, 0, "date:relative-month", NULL},
  {"Relations have recently soured.", "recently", NULL, NULL, NULL, T_VAGUE,
   0, "date:vague", NULL},
  {"Militants have attacked the area in recent years.", "in recent years",
   NULL, NULL, NULL, T_VAGUE, 0, "date:vague", NULL},
};

static void dump_times(const rec *r, char *out, size_t cap) {
  size_t o = 0;
  const char *text = r->d->clean.text;
  out[0] = '\0';
  for (size_t i = 0; i < r->m.ntimes && o < cap; i++) {
    const time_m *t = &r->m.times[i];
    char day[11] = "-";
    if (t->day >= 0)
      casus__format_date(t->day, day);
    uint32_t b = tok_start(r, t->t0), en = tok_end(r, t->t1);
    int n = snprintf(out + o, cap - o,
                     "[%.*s: %s %s after=%d before=%d rel=%d shift=%ld "
                     "vague=%d %s] ", (int)(en - b), text + b, day,
                     t->precision ? t->precision : "-", t->after, t->before,
                     t->anchor_rel, t->shift, t->vague,
                     t->rule ? t->rule : "-");
    if (n < 0)
      return;
    o += (size_t)n;
  }
}

static bool time_ok(const rec *r, const time_m *t, const time_case *c) {
  char day[11] = "";
  if (t->day >= 0)
    casus__format_date(t->day, day);
  return (!c->day || !strcmp(day, c->day)) &&
         (!c->precision ||
          (t->precision && !strcmp(t->precision, c->precision))) &&
         !!(c->flags & T_AFTER) == !!t->after &&
         !!(c->flags & T_BEFORE) == !!t->before &&
         !!(c->flags & T_ANCHOR) == !!t->anchor_rel &&
         !!(c->flags & T_VAGUE) == !!t->vague &&
         (!(c->flags & (T_AFTER | T_BEFORE | T_ANCHOR)) ||
          t->shift == c->shift) &&
         (!c->rule || (t->rule && !strcmp(t->rule, c->rule))) &&
         t->t1 > t->t0 && t->t1 <= r->s->ntok;
}

static void test_times(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(time_cases); i++) {
    const time_case *c = &time_cases[i];
    rec r;
    assert_true(rec_run(e, c->text, c->at, c->anchor, &r));
    long at = tu_find(r.d, c->at);
    bool ok;
    const time_m *hit = NULL;
    for (size_t k = 0; k < r.m.ntimes; k++)
      if (tok_start(&r, r.m.times[k].t0) == (uint32_t)at)
        hit = &r.m.times[k];
    if (c->flags & T_NONE)
      ok = r.m.ntimes == 0;
    else
      ok = hit && time_ok(&r, hit, c);
    char seen[1024];
    dump_times(&r, seen, sizeof seen);
    if (c->known_bug) {
      char what[200];
      snprintf(what, sizeof what, "time \"%s\" @ \"%s\"", c->text, c->at);
      tu_known_bug(what, c->known_bug, seen, ok);
    } else if (!ok) {
      print_error("time row %zu \"%s\" @ \"%s\": want %s %s flags %d "
                  "shift %ld; got %s\n", i, c->text, c->at,
                  c->day ? c->day : "-", c->precision ? c->precision : "-",
                  c->flags, c->shift, seen);
    }
    rec_free(&r);
    if (!c->known_bug)
      assert_true(ok);
  }
}

/* ---------------------------------------------------------------- counts */

typedef struct count_exp {
  long value;
  int qual;             /* 0 exact, 1 at least, 2 approx, 3 at most */
  const char *category;
  int killed;
  int foreign;          /* -1: don't check */
} count_exp;

typedef struct count_case {
  const char *text;
  int n;                /* expected number of counts */
  count_exp c[3];
  const char *known_bug;
} count_case;

static const count_case count_cases[] = {
  {"The strike killed at least nine people.", 1,
   {{9, 1, "people", 1, 0}}, NULL},
  {"The attack, killing at least nine people, drew condemnation.", 1,
   {{9, 1, "people", 1, 0}}, NULL},
  {"Three women and four children, all of whom were non-Iranian, were "
   "among the nine people killed.", 3,
   {{3, 0, "women", 1, 1}, {4, 0, "children", 1, 1},
    {9, 0, "people", 1, -1}}, NULL},
  {"7 foreign nationals, including 3 women and 4 children were killed.", 3,
   {{7, 0, "people", 1, 1}, {3, 0, "women", 1, -1},
    {4, 0, "children", 1, -1}}, NULL},
  {"Around 90 people were killed in the attack.", 1,
   {{90, 2, "people", 1, 0}}, NULL},
  {"The blast wounded 12 people.", 1, {{12, 0, "people", 0, 0}}, NULL},
  {"The explosion injured 5 civilians.", 1, {{5, 0, "civilians", 0, 0}},
   NULL},
  {"1,200 soldiers were killed.", 1, {{1200, 0, "security", 1, 0}}, NULL},
  {"Two hundred people died.", 1, {{200, 0, "people", 1, 0}}, NULL},
  {"Up to 30 civilians were killed.", 1, {{30, 3, "civilians", 1, 0}},
   NULL},
  {"More than 40 militants were killed.", 1, {{40, 1, "militants", 1, 0}},
   NULL},
  {"Twenty-one militants were killed.", 1, {{21, 0, "militants", 1, 0}},
   NULL},
  {"Nearly a dozen villagers were killed.", 1,
   {{12, 2, "civilians", 1, 0}},
   NULL},
  {"The strikes killed two children and wounded three women.", 2,
   {{2, 0, "children", 1, 0}, {3, 0, "women", 0, 0}}, NULL},
  {"Iran struck 2 targets on Tuesday.", 0, {{0, 0, NULL, 0, 0}}, NULL},
  {"Iran struck Pakistan on 16 January 2024.", 0, {{0, 0, NULL, 0, 0}},
   NULL},
};

static void dump_counts(const rec *r, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (size_t i = 0; i < r->m.ncounts && o < cap; i++) {
    const count_m *m = &r->m.counts[i];
    int n = snprintf(out + o, cap - o, "[%ld q%d %s killed=%d foreign=%d] ",
                     m->value, m->qual, m->category ? m->category : "-",
                     m->killed, m->foreign);
    if (n < 0)
      return;
    o += (size_t)n;
  }
}

static void test_counts(void **state) {
  const casus_engine *e = *state;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(count_cases); i++) {
    const count_case *c = &count_cases[i];
    rec r;
    assert_true(rec_run(e, c->text, NULL, NULL, &r));
    bool ok = r.m.ncounts == (size_t)c->n;
    for (int k = 0; ok && k < c->n; k++) {
      const count_m *m = &r.m.counts[k];
      const count_exp *x = &c->c[k];
      ok = m->value == x->value && m->qual == x->qual && m->category &&
           !strcmp(m->category, x->category) &&
           !!m->killed == !!x->killed &&
           (x->foreign < 0 || !!m->foreign == !!x->foreign) &&
           m->t1 > m->t0 && m->t1 <= r.s->ntok;
    }
    char seen[1024];
    dump_counts(&r, seen, sizeof seen);
    if (c->known_bug) {
      char what[200];
      snprintf(what, sizeof what, "counts \"%s\"", c->text);
      tu_known_bug(what, c->known_bug, seen, ok);
    } else if (!ok) {
      print_error("count row %zu \"%s\": got %s\n", i, c->text, seen);
    }
    rec_free(&r);
    if (!c->known_bug)
      assert_true(ok);
  }
}

/* Every mention's token span lies inside its sentence, on a sentence made
 * of everything at once. */
static void test_spans(void **state) {
  const casus_engine *e = *state;
  rec r;
  assert_true(rec_run(e,
                      "On Tuesday, Iran's Revolutionary Guards struck "
                      "militants of the Baloch Liberation Army in the city "
                      "of Saravan in Sistan-Baluchestan, killing at least "
                      "nine people, including 3 women and 4 children, two "
                      "days after Iranian state media said recently that "
                      "Pakistan's foreign ministry summoned it.",
                      NULL, NULL, &r));
  assert_true(r.m.nactors >= 4);
  assert_true(r.m.nplaces >= 2);
  assert_true(r.m.ntimes >= 3);
  assert_true(r.m.ncounts >= 3);
  uint32_t n = r.s->ntok;
  for (size_t k = 0; k < r.m.nactors; k++)
    assert_true(r.m.actors[k].t0 < r.m.actors[k].t1 &&
                r.m.actors[k].t1 <= n);
  for (size_t k = 0; k < r.m.nplaces; k++)
    assert_true(r.m.places[k].t0 < r.m.places[k].t1 &&
                r.m.places[k].t1 <= n);
  for (size_t k = 0; k < r.m.ntimes; k++)
    assert_true(r.m.times[k].t0 < r.m.times[k].t1 && r.m.times[k].t1 <= n);
  for (size_t k = 0; k < r.m.ncounts; k++)
    assert_true(r.m.counts[k].t0 < r.m.counts[k].t1 &&
                r.m.counts[k].t1 <= n);
  /* Times and counts do not overlap one another. */
  for (size_t a = 0; a < r.m.ntimes; a++)
    for (size_t b = 0; b < r.m.ncounts; b++)
      assert_true(r.m.times[a].t1 <= r.m.counts[b].t0 ||
                  r.m.counts[b].t1 <= r.m.times[a].t0);
  rec_free(&r);
}

/* An event noun carries its own date: "Thursday's strikes" -> 2024-01-18,
 * "Tuesday's attack" -> 2024-01-16; a bare "the strikes" has none. */
static void test_evnoun_date(void **state) {
  const casus_engine *e = *state;
  static const struct {
    const char *text, *at, *day;
  } rows[] = {
    {"Iran condemned Thursday's strikes.", "strikes", "2024-01-18"},
    {"Pakistan condemned Tuesday's attack.", "attack", "2024-01-16"},
    {"Iran condemned the strikes.", "strikes", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(rows); i++) {
    rec r;
    assert_true(rec_run(e, rows[i].text, rows[i].at, NULL, &r));
    long at = tu_find(r.d, rows[i].at);
    const actor_m *hit = NULL;
    for (size_t k = 0; k < r.m.nactors; k++)
      if (tok_start(&r, r.m.actors[k].t0) == (uint32_t)at)
        hit = &r.m.actors[k];
    bool ok = hit && hit->evnoun;
    char day[11] = "";
    if (ok && hit->evdate >= 0)
      casus__format_date(hit->evdate, day);
    rec_free(&r);
    if (!ok)
      fail_msg("\"%s\": no event noun at \"%s\"", rows[i].text,
               rows[i].at);
    assert_string_equal(day, rows[i].day ? rows[i].day : "");
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_actors),
    cmocka_unit_test(test_places),
    cmocka_unit_test(test_times),
    cmocka_unit_test(test_counts),
    cmocka_unit_test(test_spans),
    cmocka_unit_test(test_evnoun_date),
  };
  return cmocka_run_group_tests(tests, tu_engine_setup, tu_engine_teardown);
}
