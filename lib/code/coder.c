/* coder.c -- turns recognized sentences into CAMEO events.
 *
 * For each sentence: patterns anchored on a token's lemma are matched
 * forward from the anchor; a source slot before the anchor is the subject
 * of the clause (its leftmost actor), a target slot after it is the first
 * actor within the clause.  Pronouns resolve to the subject of the
 * reporting clause or of the previous sentence; "the strikes" resolves to
 * the actor of the latest matching strike.  An event inside a conditional
 * clause, or governed by a modal or a negation, is not asserted and is
 * kept aside as suppressed.
 *
 * Sentences that add details without an actor of their own ("Missiles hit
 * a village near Saravan", "nine people were killed") elaborate the latest
 * compatible violent event: its place is refined, its fatalities merged.
 * Mentions of one event within an article (same dyad, same root, same or
 * unstated date) merge into one record with several mentions.
 *
 * Invariant: work[i] describes d->events[i]. */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_WINDOW 10
#define MAX_SLOTS 4

typedef struct ev_work {
  uint8_t dated;        /* the date came from the text */
  uint8_t place_rank;   /* 0 none, 1 country, 2 admin1, 3 city */
  long gen_min, gen_max;
  long foreign_sum;
  int root;
  long day;
} ev_work;

typedef struct coder {
  const casus_engine *e;
  casus_doc *d;
  ev_work *work;
  size_t capwork;
  /* current sentence */
  uint32_t si;
  const casus_sentence *s;
  const casus_token *t;
  const tok_info *ti;    /* per token: word classes and lemma */
  uint32_t n;
  sent_m m;
  uint16_t *clause;      /* clause number of each token */
  uint8_t *closes;       /* 1 on a comma that ends a subordinate clause */
  long anchor;           /* the last date the text gave */
  const actor_m *last_subject; /* of the previous sentence */
  const actor_m *last_pair[2];  /* the latest "X and Y" of countries */
  sent_m last_m;
  size_t focus;          /* latest violent event, or SIZE_MAX */
  size_t sent_events;    /* events created by this sentence */
} coder;

typedef struct match {
  const actor_m *slot[2];  /* 0 source, 1 target */
  uint16_t cl;             /* the clause the match is in ("demand that"
                              moves it into the "that" clause) */
  uint32_t t0, t1;         /* trigger token span */
  const actor_m *target_ev;/* target named by an event noun */
  const pattern *p;
} match;

static bool tok_is(const coder *c, uint32_t i, const char *w) {
  return i < c->n && !strcmp(c->t[i].norm, w);
}

static bool word_is(const coder *c, uint32_t i, int cls) {
  return i < c->n && (c->ti[i].cls & (1u << cls));
}

/* ---------------------------------------------------------------- clauses */

/* Numbers the clauses of the sentence: a new clause starts at a clause
 * word (that, which, after, if...), after a reporting verb, at ; : and
 * quotes, and at ", and" / ", but". */
static int mark_clauses(coder *c) {
  c->clause = casus__arena_alloc(&c->d->arena, sizeof(uint16_t) * (c->n + 1));
  c->closes = casus__arena_alloc(&c->d->arena, c->n + 1);
  if (!c->clause || !c->closes)
    return CASUS_ENOMEM;
  uint16_t k = 0;
  bool sub = false; /* inside "After X struck Y," / "If X ...," */
  for (uint32_t i = 0; i < c->n; i++) {
    const casus_token *t = &c->t[i];
    bool sub_ends = sub && i && tok_is(c, i - 1, ",");
    /* A quote mark opens a clause after punctuation or a reporting verb
     * ('..., "We will" he said'), not around a scare-quoted phrase (an
     * Israeli "espionage centre"). */
    bool quote = (t->flags & CASUS_TOK_QUOTE) &&
                 (i == 0 || (c->t[i - 1].flags & CASUS_TOK_PUNCT) ||
                  word_is(c, i - 1, W_SAY));
    bool starts = word_is(c, i, W_CLAUSE) || word_is(c, i, W_COND) ||
                  quote || tok_is(c, i, ";") ||
                  tok_is(c, i, ":") || sub_ends ||
                  (i && word_is(c, i - 1, W_SAY)) ||
                  (i && tok_is(c, i - 1, ",") &&
                   (tok_is(c, i, "and") || tok_is(c, i, "but"))) ||
                  (tok_is(c, i, "and") && i + 1 < c->n &&
                   (tok_is(c, i + 1, "we") || tok_is(c, i + 1, "they") ||
                    tok_is(c, i + 1, "he") || tok_is(c, i + 1, "she") ||
                    tok_is(c, i + 1, "it")));
    if (sub_ends) {
      c->closes[i - 1] = 1;
      sub = false;
    }
    if (word_is(c, i, W_SUBORD) || word_is(c, i, W_COND))
      sub = true;
    if (starts && i)
      k++;
    c->clause[i] = k;
  }
  return CASUS_OK;
}

static uint32_t clause_start(const coder *c, uint32_t i) {
  while (i > 0 && c->clause[i - 1] == c->clause[i])
    i--;
  return i;
}

/* ---------------------------------------------------------------- actors */

static bool agentive(const actor_m *a) {
  return !a->territory && !a->evnoun;
}

static bool tok_is(const coder *c, uint32_t i, const char *w);
static const actor_m *coordinated(const coder *c, const actor_m *x);
static int root_of(const char *cameo);

/* Resolves a pronoun: the subject of the reporting clause before it in
 * this sentence, else the previous sentence's subject. */
static const actor_m *resolve_pronoun(const coder *c, const actor_m *p) {
  for (uint32_t i = p->t0; i > 0; i--) {
    if (!word_is(c, i - 1, W_SAY))
      continue;
    uint32_t cs = clause_start(c, i - 1);
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (x->t0 >= cs && x->t1 <= i - 1 && agentive(x) && !x->pronoun)
        return x;
    }
  }
  return c->last_subject;
}

/* The subject of the clause holding token I: its leftmost agent actor
 * before I (or a territory, "Pakistani border posts", when PLACE_OK). */
static const actor_m *subject_of(const coder *c, uint32_t i, bool place_ok) {
  uint32_t cs = clause_start(c, i);
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 < cs || x->t1 > i || !(agentive(x) || (place_ok &&
                                                     x->territory)))
      continue;
    if (x->possessive && !x->role)
      continue;
    return x->pronoun && !x->possessive ? resolve_pronoun(c, x) : x;
  }
  /* A coordinated verb phrase (", and called on"), a participle
   * (", summoning") or an infinitive ("to strike") shares the subject of
   * the sentence's first clause. */
  bool shared = (cs > 0 && tok_is(c, cs, "and")) ||
                (i > 0 && tok_is(c, i - 1, ",")) ||
                (i > 0 && tok_is(c, i - 1, "to"));
  if (!shared)
    return NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (c->clause[x->t0] != c->clause[0] || x->t1 > i)
      break;
    if (agentive(x))
      return x->pronoun ? resolve_pronoun(c, x) : x;
  }
  return NULL;
}

/* The first actor after token I within clause CL and the window. */
static const actor_m *object_after(const coder *c, uint32_t i, uint16_t cl,
                                   const actor_m **evnoun) {
  *evnoun = NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 < i)
      continue;
    if (x->t0 >= i + TARGET_WINDOW)
      break;
    bool crossed = false;
    for (uint32_t k = i; k < x->t0; k++)
      if (c->clause[k] != cl || word_is(c, k, W_SAY))
        crossed = true;
    if (crossed)
      break;
    if (x->possessive)
      continue; /* "its ambassador": the source's own */
    if (x->evnoun) {
      *evnoun = x; /* "condemned Thursday's strikes": the strikes' author */
      return NULL;
    }
    return x->pronoun ? resolve_pronoun(c, x) : x;
  }
  return NULL;
}

/* --------------------------------------------------------------- matching */

/* For a violent pattern whose object is no actor ("struck targets in the
 * city of Saravan"): the country of the first place after token I in the
 * match's clause, as a territory actor (arena memory), or NULL. */
static const actor_m *place_target(const coder *c, uint32_t i,
                                   const match *m) {
  for (size_t k = 0; k < c->m.nplaces; k++) {
    const place_m *p = &c->m.places[k];
    if (p->t0 < i || p->t0 >= i + TARGET_WINDOW || c->clause[p->t0] != m->cl)
      continue;
    const lex_entry *x = p->within ? p->within : p->e;
    const lex_entry *ctry = x->iso2 ? casus__country2(c->e, x->iso2) : NULL;
    if (!ctry || (p->e->next && !p->within))
      return NULL; /* an ambiguous name: no guess */
    actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
    if (!a)
      return NULL;
    a->t0 = p->t0;
    a->t1 = p->t1;
    a->iso3 = ctry->iso3;
    a->iso2 = ctry->iso2;
    a->territory = 1;
    a->evdate = -1;
    a->rule = "actor:place-country";
    return a;
  }
  return NULL;
}

/* Skips a hedge before an object: "struck what it said were X", "what it
 * called X", "what it described as X"; returns the token after it (I when
 * there is none). */
static uint32_t skip_hedge(const coder *c, uint32_t i) {
  if (!tok_is(c, i, "what"))
    return i;
  bool said = false;
  for (uint32_t k = i + 1; k < c->n && k < i + 6; k++) {
    const char *l = c->ti[k].lemma;
    if (word_is(c, k, W_SAY) || !strcmp(c->t[k].norm, "called") ||
        !strcmp(c->t[k].norm, "described") ||
        !strcmp(c->t[k].norm, "termed"))
      said = true;
    else if (said && (!strcmp(l, "be") || tok_is(c, k, "as")))
      return k + 1;
    else if (said)
      return k;
  }
  return i;
}

static bool words_at(const coder *c, const pat_elem *el, uint32_t i,
                     uint32_t *len) {
  for (int a = 0; a < el->nalts; a++) {
    const pat_alt *alt = &el->alts[a];
    if (i + (uint32_t)alt->n > c->n)
      continue;
    int k;
    for (k = 0; k < alt->n; k++) {
      if (strcmp(c->ti[i + (uint32_t)k].lemma, alt->lemmas[k]))
        break;
    }
    if (k == alt->n) {
      *len = (uint32_t)alt->n;
      return true;
    }
  }
  return false;
}

/* Matches elements [ei, nelems) of P from token I; fills M. */
static bool match_from(const coder *c, const pattern *p, int ei, uint32_t i,
                       match *m) {
  if (ei == p->nelems)
    return true;
  const pat_elem *el = &p->elems[ei];
  uint32_t len = 0;
  switch (el->kind) {
  case PE_WORDS: {
    /* called on X to "exercise restraint": a quote mark opens no clause
     * here */
    uint16_t cl = i < c->n ? c->clause[i] : 0;
    while (ei != p->anchor && i < c->n && (c->t[i].flags & CASUS_TOK_QUOTE))
      i++;
    if (i < c->n && i > 0 && (c->t[i - 1].flags & CASUS_TOK_QUOTE))
      cl = m->cl == c->clause[i] ? cl : m->cl;
    else if (i < c->n)
      cl = c->clause[i];
    bool opens = i < c->n && (word_is(c, i, W_CLAUSE) || word_is(c, i, W_COND));
    if (i < c->n && words_at(c, el, i, &len) &&
        (ei == p->anchor || cl == m->cl || opens)) {
      uint32_t save = m->t1;
      uint16_t save_cl = m->cl;
      if (i + len > m->t1)
        m->t1 = i + len;
      m->cl = c->clause[i + len - 1];
      if (match_from(c, p, ei + 1, i + len, m))
        return true;
      m->t1 = save;
      m->cl = save_cl;
    }
    return el->optional && match_from(c, p, ei + 1, i, m);
  }
  case PE_GAP:
    for (int g = 0; g <= el->gap && i + (uint32_t)g <= c->n; g++) {
      uint32_t j = i + (uint32_t)g;
      if (g && (j - 1 >= c->n || c->clause[j - 1] != m->cl ||
                (c->t[j - 1].flags & CASUS_TOK_PUNCT)))
        break;
      if (match_from(c, p, ei + 1, j, m))
        return true;
    }
    return false;
  case PE_SOURCE:
  case PE_TARGET: {
    const actor_m *ev = NULL;
    uint32_t h = skip_hedge(c, i);
    const actor_m *x = object_after(c, h, h > i ? c->clause[h] : m->cl, &ev);
    if (!x && !ev && el->kind == PE_TARGET && ei == p->nelems - 1 &&
        root_of(p->cameo) >= 18)
      x = place_target(c, h, m); /* "struck targets in the city of X" */
    int s = el->kind == PE_SOURCE ? 0 : 1;
    if (!x && ev && s == 1 && ei == p->nelems - 1) {
      m->target_ev = ev;
      return true;
    }
    if (!x)
      return false;
    m->slot[s] = x;
    uint32_t next = x->t1 > i ? x->t1 : i;
    for (const actor_m *y = coordinated(c, x); y; y = coordinated(c, y))
      next = y->t1; /* "urged Pakistan and Iran to ..." */
    if (match_from(c, p, ei + 1, next, m))
      return true;
    m->slot[s] = NULL;
    return false;
  }
  default:
    return false;
  }
}

/* True when an agent actor ends right before token I. */
static bool actor_ends_at(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++)
    if (c->m.actors[a].t1 == i && agentive(&c->m.actors[a]))
      return true;
  return false;
}

/* A verb pattern's anchor must read as a verb: "Iran struck", "Tehran
 * strongly denounced", "to strike", "had attacked", ", summoning" -- not
 * "Thursday's strikes", "a missile attack" or "State targets in Syria". */
static bool verb_reading(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  if (t->nlen > 1 && t->norm[t->nlen - 1] == 's' && i + 1 < c->n &&
      (word_is(c, i + 1, W_PREP) || (c->t[i + 1].flags & CASUS_TOK_PUNCT)))
    return false; /* a plural noun: "targets in", "strikes." */
  if (i == 0 || !strcmp(c->ti[i].lemma, "be") ||
      !strcmp(c->ti[i].lemma, "have"))
    return true;
  const casus_token *p = &c->t[i - 1];
  if (actor_ends_at(c, i) || (p->flags & CASUS_TOK_PUNCT))
    return true;
  /* "French National Assembly president Laurent Fabius held": a name
   * between the actor and the verb. */
  uint32_t k = i;
  while (k > 0 && (c->t[k - 1].flags & CASUS_TOK_CAP) &&
         !c->ti[k - 1].lex && !actor_ends_at(c, k))
    k--;
  if (k < i && actor_ends_at(c, k))
    return true;
  if (p->nlen > 3 && !strcmp(p->norm + p->nlen - 2, "ly"))
    return true; /* an adverb */
  if (t->nlen > 4 && !strcmp(t->norm + t->nlen - 3, "ing") &&
      word_is(c, i - 1, W_PREP))
    return true; /* a gerund: "in carrying out" */
  const char *l = c->ti[i - 1].lemma;
  return !strcmp(l, "be") || !strcmp(l, "have") || !strcmp(l, "do") ||
         !strcmp(p->norm, "to") || !strcmp(p->norm, "and") ||
         !strcmp(p->norm, "or") || !strcmp(p->norm, "also") ||
         word_is(c, i - 1, W_MODAL) || word_is(c, i - 1, W_NEG) ||
         word_is(c, i - 1, W_CLAUSE);
}

/* Tries pattern P anchored at token I. */
/* True when token I is a participle in the passive voice: "were bombed",
 * "was visited" (an active pattern must not read it as "X bombed Y"). */
static bool passive_at(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  if (!strcmp(c->ti[i].lemma, t->norm) ||
      (t->nlen > 3 && !strcmp(t->norm + t->nlen - 3, "ing")))
    return false; /* a base form or a gerund */
  for (uint32_t k = i; k-- > 0 && k + 3 >= i;) {
    if (!strcmp(c->ti[k].lemma, "be"))
      return true;
    const casus_token *p = &c->t[k];
    if (!(p->nlen > 3 && !strcmp(p->norm + p->nlen - 2, "ly")) &&
        !word_is(c, k, W_NEG))
      return false;
  }
  return false;
}

static bool try_pattern(const coder *c, const pattern *p, uint32_t i,
                        match *m) {
  if (p->anchor > 0 && p->elems[p->anchor - 1].kind != PE_WORDS &&
      p->elems[p->anchor - 1].kind != PE_GAP && !verb_reading(c, i))
    return false;
  if (p->anchor > 0 && p->elems[p->anchor - 1].kind == PE_SOURCE &&
      passive_at(c, i))
    return false;
  memset(m, 0, sizeof *m);
  m->p = p;
  m->t0 = i;
  m->t1 = i;
  m->cl = c->clause[i];
  if (!match_from(c, p, p->anchor, i, m))
    return false;
  for (int ei = 0; ei < p->anchor; ei++) {
    const pat_elem *el = &p->elems[ei];
    if (el->kind != PE_SOURCE && el->kind != PE_TARGET)
      continue;
    const actor_m *x = subject_of(c, i, el->kind == PE_TARGET);
    if (!x)
      return false;
    m->slot[el->kind == PE_SOURCE ? 0 : 1] = x;
  }
  return true;
}

/* ---------------------------------------------------------------- modality */

static const char *modality_of(const coder *c, uint32_t trig) {
  uint32_t cs = clause_start(c, trig);
  if (c->n && tok_is(c, c->n - 1, "?"))
    return "hypothetical"; /* "Did Pakistan strike Iran?" */
  if (word_is(c, cs, W_COND))
    return "conditional";
  for (uint32_t k = cs; k < trig; k++)
    if (word_is(c, k, W_COND))
      return "conditional";
  if (trig > 0 && tok_is(c, trig - 1, "to"))
    for (uint32_t k = cs; k + 1 < trig; k++)
      if (word_is(c, k, W_INTENT))
        return "intent"; /* "their goal was to target", "plans to" */
  uint32_t from = trig > 4 ? trig - 4 : 0;
  if (from < cs)
    from = cs;
  for (uint32_t k = from; k < trig; k++) {
    if (word_is(c, k, W_NEG))
      return "negated";
    if (word_is(c, k, W_MODAL))
      return "future";
  }
  return "actual";
}

/* ------------------------------------------------------------ event parts */

static const char *span_dup(coder *c, uint32_t t0, uint32_t t1) {
  uint32_t b = c->t[t0].start, e = c->t[t1 - 1].end;
  return casus__arena_strndup(&c->d->arena, c->d->clean.text + b, e - b);
}

static int fill_actor(coder *c, const actor_m *a, casus_actor *out) {
  memset(out, 0, sizeof *out);
  if (!a)
    return CASUS_OK;
  out->country = a->iso3;
  out->role = a->role;
  if (a->code) {
    out->code = a->code;
  } else if (a->iso3 || a->role) {
    char code[16];
    snprintf(code, sizeof code, "%s%s", a->iso3 ? a->iso3 : "",
             a->role ? a->role : "");
    out->code = casus__arena_strndup(&c->d->arena, code, strlen(code));
  }
  /* A pronoun resolved elsewhere keeps its own surface (provenance). */
  if (a->t1 > a->t0 && a->t1 <= c->n && a >= c->m.actors &&
      a < c->m.actors + c->m.nactors) {
    out->name = span_dup(c, a->t0, a->t1);
    out->prov.start = c->t[a->t0].start;
    out->prov.end = c->t[a->t1 - 1].end;
  } else {
    const lex_entry *ce = a->iso3 ? casus__country(c->e, a->iso3) : NULL;
    out->name = ce ? ce->name : a->code;
  }
  out->prov.rule = a->rule;
  return (out->code || !a->iso3) ? CASUS_OK : CASUS_ENOMEM;
}

static int place_rank(const lex_entry *x) {
  switch (x->kind) {
  case LX_CITY: return 3;
  case LX_ADMIN1: return 2;
  case LX_COUNTRY: return 1;
  default: return 0;
  }
}

/* The entry of P's candidates in country ISO2: a city unless the text
 * says "province" ("Kerman" is the city, "Kerman province" the admin1),
 * else the admin1, else the country. */
static const lex_entry *entry_in(const place_m *p, const char *iso2) {
  const lex_entry *city = NULL, *admin = NULL, *ctry = NULL;
  for (const lex_entry *x = p->e; x; x = x->next) {
    if (x->iso2 != iso2)
      continue;
    if (x->kind == LX_CITY && !city)
      city = x;
    else if (x->kind == LX_ADMIN1 && !admin)
      admin = x;
    else if (x->kind == LX_COUNTRY && !ctry)
      ctry = x;
  }
  if (p->admin_word && admin)
    return admin;
  if (ctry && ctry->form != CF_CAPITAL)
    return ctry;
  return city ? city : admin ? admin : ctry;
}

/* Chooses among same-named candidates the one in a country the context
 * names (WITHIN, then the ISO2 hints, then the sentence's actors), else
 * the only country a candidate is in. */
static const lex_entry *pick_place(const coder *c, const place_m *p,
                                   const char *hint1, const char *hint2) {
  const char *want[3] = {p->within ? p->within->iso2 : NULL, hint1, hint2};
  for (int k = 0; k < 3; k++) {
    const lex_entry *x = want[k] ? entry_in(p, want[k]) : NULL;
    if (x)
      return x;
  }
  for (size_t a = 0; a < c->m.nactors; a++) {
    const lex_entry *x = c->m.actors[a].iso2
                             ? entry_in(p, c->m.actors[a].iso2)
                             : NULL;
    if (x)
      return x;
  }
  for (const lex_entry *x = p->e->next; x; x = x->next)
    if (x->iso2 != p->e->iso2)
      return NULL; /* candidates in several countries: no guess */
  return entry_in(p, p->e->iso2);
}

static void fill_place(coder *c, const place_m *p, const lex_entry *x,
                       casus_place *out) {
  memset(out, 0, sizeof *out);
  out->country = x->iso2;
  out->lat = x->lat;
  out->lon = x->lon;
  out->has_coords = x->has_coords;
  out->prov.start = c->t[p->t0].start;
  out->prov.end = c->t[p->t1 - 1].end;
  out->prov.rule = x->rule;
  switch (x->kind) {
  case LX_CITY:
    out->name = x->name;
    out->admin1 = x->admin1;
    out->precision = "city";
    break;
  case LX_ADMIN1:
    out->name = x->name;
    out->admin1 = x->name;
    out->precision = "admin1";
    break;
  default: {
    const lex_entry *ce = casus__country(c->e, x->iso3);
    out->name = ce ? ce->name : x->name;
    out->precision = "country";
    if (x->form == CF_CAPITAL) {
      out->name = x->name;
      out->precision = "city";
      out->has_coords = 0;
    }
  }
  }
}

/* Refines event EI's place with the best place of the sentence: first
 * among those after token FROM in clause CL (-1: any clause), then after
 * FROM, then anywhere; in COUNTRY when given. */
static void attach_place(coder *c, size_t ei, uint32_t from, int cl,
                         const char *country) {
  casus_event *ev = &c->d->events[ei];
  ev_work *w = &c->work[ei];
  const place_m *best = NULL;
  const lex_entry *bx = NULL;
  const lex_entry *tc = ev->actor2.country
                            ? casus__country(c->e, ev->actor2.country)
                            : NULL;
  const char *target2 = tc ? tc->iso2 : NULL;
  for (int pass = cl < 0 ? 1 : 0; pass < 3 && !best; pass++) {
    for (size_t k = 0; k < c->m.nplaces; k++) {
      const place_m *p = &c->m.places[k];
      if (pass < 2 && p->t0 < from)
        continue;
      if (pass == 0 && c->clause[p->t0] != cl)
        continue;
      uint32_t at = c->t[p->t0].start;
      if (ev->actor1.prov.end > ev->actor1.prov.start &&
          at >= ev->actor1.prov.start && at < ev->actor1.prov.end)
        continue; /* "struck by Pakistan": the source, not the place */
      const lex_entry *x = pick_place(c, p, target2, country);
      if (!x)
        continue;
      if (country && x->iso2 != country)
        continue;
      if (!bx || place_rank(x) > place_rank(bx)) {
        best = p;
        bx = x;
      }
      if (pass > 0 && cl >= 0)
        break; /* outside the clause: the nearest place, not the finest */
    }
  }
  if (!bx)
    return;
  int r = place_rank(bx);
  if (r <= w->place_rank)
    return;
  if (w->place_rank && ev->place.country && ev->place.country != bx->iso2)
    return;
  fill_place(c, best, bx, &ev->place);
  w->place_rank = (uint8_t)r;
}

/* Merges the killed counts of the sentence into event EI: all of them when
 * OWNER is NULL, else those with OWNER[k] == EI. */
static void attach_counts(coder *c, size_t ei, const size_t *owner) {
  casus_event *ev = &c->d->events[ei];
  casus_fatalities *f = &ev->fatalities;
  ev_work *w = &c->work[ei];
  long foreign = 0;
  for (size_t k = 0; k < c->m.ncounts; k++) {
    const count_m *m = &c->m.counts[k];
    if (!m->killed || (owner && owner[k] != ei))
      continue;
    const char *cat = m->category;
    bool generic = !strcmp(cat, "people") && !m->foreign;
    long *slot = NULL;
    if (!strcmp(cat, "women"))
      slot = &f->women;
    else if (!strcmp(cat, "children"))
      slot = &f->children;
    else if (!strcmp(cat, "civilians"))
      slot = &f->civilians;
    else if (!strcmp(cat, "militants"))
      slot = &f->militants;
    else if (!strcmp(cat, "security"))
      slot = &f->security;
    if (slot && m->value > *slot)
      *slot = m->value;
    if (m->foreign)
      foreign += m->value;
    if (generic) {
      if (w->gen_min < 0 || m->value < w->gen_min)
        w->gen_min = m->value;
      if (m->value > w->gen_max)
        w->gen_max = m->value;
    }
    if (m->qual == 3 && m->value > f->high)
      f->high = m->value;
    if (!f->prov.rule) {
      f->prov.start = c->t[m->t0].start;
      f->prov.end = c->t[m->t1 - 1].end;
      f->prov.rule = "count:killed";
    }
  }
  if (foreign > w->foreign_sum)
    w->foreign_sum = foreign;
  if (w->foreign_sum > 0)
    f->foreign = w->foreign_sum;
  long cat_max = -1;
  long cats[] = {f->women, f->children, f->civilians, f->militants,
                 f->security, f->foreign};
  for (size_t k = 0; k < CASUS_ARRAY_LEN(cats); k++)
    if (cats[k] > cat_max)
      cat_max = cats[k];
  if (f->women > 0 && f->children > 0 && f->women + f->children > cat_max)
    cat_max = f->women + f->children;
  if (w->gen_max >= 0) {
    f->best = w->gen_max > cat_max ? w->gen_max : cat_max;
    f->low = w->gen_min;
  } else if (cat_max >= 0) {
    f->best = cat_max;
    f->low = cat_max;
  }
}

/* The mention of tokens [T0, T1) of the current sentence. */
static casus_mention mention_of(const coder *c, uint32_t t0, uint32_t t1,
                                const char *rule) {
  casus_mention m;
  m.article = c->d->article_id;
  m.sentence = c->si;
  m.start = c->s->start;
  m.end = c->s->end;
  m.trigger_start = c->t[t0].start;
  m.trigger_end = c->t[t1 - 1].end;
  m.rule = rule;
  return m;
}

static int add_mention(coder *c, size_t ei, uint32_t t0, uint32_t t1,
                       const char *rule) {
  casus_event *ev = &c->d->events[ei];
  for (size_t k = 0; k < ev->n_mentions; k++)
    if (ev->mentions[k].sentence == c->si &&
        ev->mentions[k].trigger_start == c->t[t0].start)
      return CASUS_OK;
  casus_mention *ms = casus__arena_alloc(&c->d->arena,
                                         sizeof *ms * (ev->n_mentions + 1));
  if (!ms)
    return CASUS_ENOMEM;
  if (ev->n_mentions)
    memcpy(ms, ev->mentions, sizeof *ms * ev->n_mentions);
  ms[ev->n_mentions] = mention_of(c, t0, t1, rule);
  ev->mentions = ms;
  ev->n_mentions++;
  ev->num_mentions = (int)ev->n_mentions;
  return CASUS_OK;
}

/* ------------------------------------------------------------------- dates */

/* True when a comma ending a subordinate clause lies in [A, B): "Two days
 * after Iran struck Pakistan, Pakistan struck Iran" -- the shift of the
 * "after" clause does not reach the main clause. */
static bool closed_between(const coder *c, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b && k < c->n; k++)
    if (c->closes[k])
      return true;
  return false;
}

/* Dates event at trigger TRIG: "N days after" before it shifts back from
 * the sentence's date; else the sentence's first date; else the
 * publication date. */
static void event_date(coder *c, uint32_t trig, casus_event *ev,
                       ev_work *w) {
  const time_m *main = NULL, *shift = NULL, *vague = NULL;
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (t->vague)
      vague = vague ? vague : t;
    else if ((t->after || t->before) && t->t1 <= trig &&
             !closed_between(c, t->t1, trig))
      shift = t;
    else if (!t->after && !t->before && !main)
      main = t;
  }
  long day = c->d->published;
  const char *prec = "day";
  const char *rule = "date:published";
  const time_m *src = NULL;
  if (shift) {
    long base = main ? main->day : c->anchor;
    day = shift->after ? base - shift->shift : base + shift->shift;
    rule = shift->rule;
    src = shift;
  } else if (main) {
    day = main->day;
    prec = main->precision;
    rule = main->rule;
    src = main;
  } else if (vague) {
    prec = "month";
    rule = vague->rule;
    src = vague;
  }
  casus__format_date(day, ev->date);
  ev->date_precision = prec;
  ev->date_prov.rule = rule;
  if (src) {
    ev->date_prov.start = c->t[src->t0].start;
    ev->date_prov.end = c->t[src->t1 - 1].end;
  }
  w->dated = src != NULL && !vague;
  w->day = day;
}

/* ------------------------------------------------------------------ events */

static int root_of(const char *cameo) {
  return (cameo[0] - '0') * 10 + (cameo[1] - '0');
}

/* An earlier event of this doc that this one repeats, or SIZE_MAX. */
static size_t coreferent(const coder *c, const casus_event *ev,
                         const ev_work *w) {
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    const ev_work *ow = &c->work[k];
    if (ow->root != w->root || o->actor1.country != ev->actor1.country ||
        o->actor2.country != ev->actor2.country || !ev->actor1.country)
      continue;
    if (strcmp(o->cameo, ev->cameo) && (ow->root < 18 || w->root < 18))
      continue;
    bool same_sentence = false;
    for (size_t mi = 0; mi < o->n_mentions; mi++)
      same_sentence |= o->mentions[mi].sentence == c->si;
    if (same_sentence)
      continue;
    if (ow->day == w->day || !w->dated || !ow->dated)
      return k;
  }
  return SIZE_MAX;
}

static int new_event(coder *c, const match *m, const actor_m *target,
                     const char *modality) {
  casus_event ev;
  memset(&ev, 0, sizeof ev);
  ev_work w = {0};
  w.gen_min = w.gen_max = -1;
  const cameo_code *cc = casus__cameo_find(c->e, m->p->cameo);
  snprintf(ev.cameo, sizeof ev.cameo, "%s", m->p->cameo);
  ev.cameo_name = cc ? cc->name : NULL;
  ev.goldstein = cc ? cc->goldstein : 0;
  ev.quad_class = cc ? cc->quad : 0;
  ev.modality = modality;
  w.root = root_of(ev.cameo);
  int rc = fill_actor(c, m->slot[0], &ev.actor1);
  if (!rc)
    rc = fill_actor(c, target, &ev.actor2);
  if (rc)
    return rc;
  /* Self-directed: "Iran ... Iran" with the same role is not an event. */
  if (ev.actor1.country == ev.actor2.country && ev.actor1.role ==
      ev.actor2.role && ev.actor1.code && ev.actor2.code &&
      !strcmp(ev.actor1.code, ev.actor2.code))
    return CASUS_OK;
  event_date(c, m->t0, &ev, &w);
  casus_fatalities *f = &ev.fatalities;
  f->low = f->best = f->high = CASUS_UNKNOWN;
  f->women = f->children = f->civilians = CASUS_UNKNOWN;
  f->foreign = f->militants = f->security = CASUS_UNKNOWN;
  ev.num_sources = 1;
  ev.num_articles = 1;
  char rule[96];
  snprintf(rule, sizeof rule, "pattern:%s", m->p->id);
  const char *rid = casus__arena_strndup(&c->d->arena, rule, strlen(rule));
  if (!rid)
    return CASUS_ENOMEM;
  char key[256];
  snprintf(key, sizeof key, "%s|%u|%u|%s|%s|%s", c->d->article_id, c->si,
           c->t[m->t0].start, ev.cameo, ev.actor1.code ? ev.actor1.code : "",
           ev.actor2.code ? ev.actor2.code : "");
  snprintf(ev.event_id, sizeof ev.event_id, "%016llx",
           (unsigned long long)casus__hash(key, strlen(key)));
  if (strcmp(modality, "actual")) {
    /* Kept with its evidence for --explain and --all. */
    casus_mention *mm = casus__arena_alloc(&c->d->arena, sizeof *mm);
    if (!mm)
      return CASUS_ENOMEM;
    *mm = mention_of(c, m->t0, m->t1, rid);
    ev.mentions = mm;
    ev.n_mentions = 1;
    ev.num_mentions = 1;
    return casus__doc_add_suppressed(c->d, &ev);
  }
  size_t ei = coreferent(c, &ev, &w);
  if (ei == SIZE_MAX) {
    if (casus__grow((void **)&c->work, &c->capwork, c->d->nevents + 1,
                    sizeof *c->work))
      return CASUS_ENOMEM;
    rc = casus__doc_add_event(c->d, &ev);
    if (rc)
      return rc;
    ei = c->d->nevents - 1;
    c->work[ei] = w;
  } else if (w.dated && !c->work[ei].dated) {
    casus_event *o = &c->d->events[ei];
    memcpy(o->date, ev.date, sizeof o->date);
    o->date_precision = ev.date_precision;
    o->date_prov = ev.date_prov;
    c->work[ei].dated = 1;
    c->work[ei].day = w.day;
  }
  rc = add_mention(c, ei, m->t0, m->t1, rid);
  if (rc)
    return rc;
  if (w.root >= 14 && w.root != 16) {
    /* The place that goes with the target: "targets in Syria, and an
     * Israeli centre in Iraq's Erbil". */
    bool here = target >= c->m.actors &&
                target < c->m.actors + c->m.nactors && target->t0 >= m->t1;
    attach_place(c, ei, m->t1, c->clause[here ? target->t0 : m->t0], NULL);
    casus_event *o = &c->d->events[ei];
    const lex_entry *tc = target->iso2 ? casus__country2(c->e, target->iso2)
                                       : NULL;
    if (!o->place.name && tc) { /* "Iran was struck": somewhere in Iran */
      o->place.name = tc->name;
      o->place.country = tc->iso2;
      o->place.lat = tc->lat;
      o->place.lon = tc->lon;
      o->place.has_coords = tc->has_coords;
      o->place.precision = "country";
      o->place.prov = o->actor2.prov;
      o->place.prov.rule = "place:target-country";
      c->work[ei].place_rank = 1;
    }
  }
  if (w.root >= 18)
    c->focus = ei;
  c->sent_events++;
  return CASUS_OK;
}

/* Resolves "the strikes" to the actor of the latest violent event not by
 * SOURCE, on DAY when the noun carries a date. */
static const casus_actor *event_referent(const coder *c, const actor_m *ev,
                                         const actor_m *source) {
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    if (c->work[k].root < 18)
      continue;
    if (source && o->actor1.country == source->iso3)
      continue;
    if (ev->evdate >= 0 && c->work[k].day != ev->evdate)
      continue;
    return &o->actor1;
  }
  return NULL;
}

/* The actor coordinated with X ("Pakistan and Iran"), or NULL. */
static const actor_m *coordinated(const coder *c, const actor_m *x) {
  if (x < c->m.actors || x >= c->m.actors + c->m.nactors)
    return NULL;
  if (!(tok_is(c, x->t1, "and") || tok_is(c, x->t1, ",")))
    return NULL;
  bool comma = tok_is(c, x->t1, ",");
  /* "Iran and Pakistan", "Hamas and Hezbollah" -- but "the Iranian
   * ambassador and special representative" is one person. */
  for (const actor_m *y = x + 1; y < c->m.actors + c->m.nactors; y++)
    if (y->t0 == x->t1 + 1 && agentive(y) && !y->pronoun && !y->pair &&
        (y->iso3 || y->code) &&
        (!comma || tok_is(c, y->t1, ",") || tok_is(c, y->t1, "and") ||
         tok_is(c, y->t1, "or")))
      return y; /* a comma only inside a list: "Iran, Iraq and Syria" */
  return NULL;
}

/* A second object after ", and" with no verb of its own: "Iran struck
 * targets in Syria, and an Israeli centre in Erbil" -- the conjunct's
 * first actor, or NULL when the conjunct has a verb (a new clause). */
static const actor_m *verbless_conjunct(const coder *c, const actor_m *x) {
  if (x < c->m.actors || x >= c->m.actors + c->m.nactors)
    return NULL;
  uint32_t k = x->t1;
  while (k + 1 < c->n && !(tok_is(c, k, ",") && tok_is(c, k + 1, "and")))
    k++;
  if (k + 1 >= c->n)
    return NULL;
  const actor_m *y = NULL;
  for (uint32_t j = k + 2; j < c->n; j++) {
    const char *l = c->ti[j].lemma;
    if (!strcmp(l, "be") || !strcmp(l, "have") || word_is(c, j, W_SAY) ||
        word_is(c, j, W_CLAUSE) || word_is(c, j, W_MODAL) ||
        casus__anchors(c->e, l))
      return NULL;
  }
  for (const actor_m *a = x + 1; a < c->m.actors + c->m.nactors && !y; a++)
    if (a->t0 > k + 1 && !a->pronoun && !a->evnoun && !a->pair)
      y = a;
  return y;
}

/* The latest "X and Y" pair of countries before token I in this
 * sentence. */
static bool pair_here(const coder *c, uint32_t i, const actor_m *out[2]) {
  for (size_t a = c->m.nactors; a-- > 0;) {
    const actor_m *x = &c->m.actors[a];
    const actor_m *y = x->t1 <= i ? coordinated(c, x) : NULL;
    if (y && x->iso3 && y->iso3 && x->iso3 != y->iso3) {
      out[0] = x;
      out[1] = y;
      return true;
    }
  }
  return false;
}

/* What "the two countries" before token I means: the latest "X and Y"
 * in this sentence, else in earlier ones, else the latest event's dyad. */
static bool find_pair(const coder *c, uint32_t i, const actor_m *out[2]) {
  if (pair_here(c, i, out))
    return true;
  out[0] = c->last_pair[0];
  out[1] = c->last_pair[1];
  if (out[0])
    return true;
  /* No "X and Y" yet: the two sides of the latest event. */
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    if (!o->actor1.country || !o->actor2.country ||
        o->actor1.country == o->actor2.country)
      continue;
    actor_m *two = casus__arena_alloc(&c->d->arena, 2 * sizeof *two);
    if (!two)
      return false;
    const char *iso[2] = {o->actor1.country, o->actor2.country};
    for (int j = 0; j < 2; j++) {
      const lex_entry *ce = casus__country(c->e, iso[j]);
      two[j].iso3 = iso[j];
      two[j].iso2 = ce ? ce->iso2 : NULL;
      two[j].evdate = -1;
      two[j].rule = "anaphora:latest-dyad";
      out[j] = &two[j];
    }
    return true;
  }
  return false;
}

/* True when the sentence reports people killed or gives a date: what makes
 * an unattributed attack ("the 3 January attack on Kerman which killed
 * around 90 people") worth a record. */
static bool sentence_specific(const coder *c) {
  for (size_t k = 0; k < c->m.ncounts; k++)
    if (c->m.counts[k].killed)
      return true;
  for (size_t k = 0; k < c->m.ntimes; k++)
    if (!c->m.times[k].vague && !c->m.times[k].after &&
        !c->m.times[k].before)
      return true;
  return false;
}

static int code_match(coder *c, match *m) {
  const char *modality = modality_of(c, m->t0);
  int root = root_of(m->p->cameo);
  if (!strcmp(modality, "intent") && (root == 3 || root == 13))
    modality = "actual"; /* intent and threats are what these codes code */
  if (!m->slot[0] && (!m->p->sourceless || !sentence_specific(c)))
    return CASUS_OK;
  if (m->slot[1] && m->slot[1]->pair) {
    const actor_m *two[2];
    int rc = CASUS_OK;
    if (find_pair(c, m->slot[1]->t0, two))
      for (int k = 0; k < 2 && !rc; k++)
        rc = new_event(c, m, two[k], modality);
    return rc;
  }
  if (m->slot[1]) {
    /* "Saudi Arabia and Qatar urged Pakistan and Iran": one event per
     * source and target. */
    const actor_m *targets[8];
    int nt = 0;
    targets[nt++] = m->slot[1];
    for (const actor_m *y = coordinated(c, m->slot[1]); y && nt < 8;
         y = coordinated(c, y))
      targets[nt++] = y;
    if (nt == 1) {
      const actor_m *y = verbless_conjunct(c, m->slot[1]);
      if (y)
        targets[nt++] = y;
    }
    int rc = CASUS_OK;
    const actor_m *src = m->slot[0];
    do { /* once with an unknown source */
      match sm = *m;
      sm.slot[0] = src;
      for (int k = 0; k < nt && !rc; k++)
        rc = new_event(c, &sm, targets[k], modality);
      src = src ? coordinated(c, src) : NULL;
    } while (src && !rc);
    return rc;
  }
  if (!m->target_ev)
    return CASUS_OK;
  const casus_actor *ref = event_referent(c, m->target_ev, m->slot[0]);
  if (!ref || !ref->country)
    return CASUS_OK;
  actor_m t = {0};
  t.t0 = m->target_ev->t0;
  t.t1 = m->target_ev->t1;
  t.iso3 = ref->country;
  const lex_entry *ce = casus__country(c->e, ref->country);
  t.iso2 = ce ? ce->iso2 : NULL;
  t.role = ref->role;
  t.rule = "anaphora:event-noun";
  t.evdate = -1;
  return new_event(c, m, &t, modality);
}

/* Matches every pattern anchored in the sentence; for each anchor token
 * the first pattern that codes wins (patterns are ordered specific
 * first). */
static int code_sentence(coder *c) {
  for (uint32_t i = 0; i < c->n; i++) {
    uint32_t matched_end = 0;
    const char *lemma = c->ti[i].lemma;
    const void *node = casus__anchors(c->e, lemma);
    while (node) {
      const pattern *p = NULL;
      node = casus__anchor_next(node, &p);
      match m;
      if (!try_pattern(c, p, i, &m))
        continue;
      if ((!m.slot[0] && !p->sourceless) || (!m.slot[1] && !m.target_ev))
        continue;
      size_t made = c->sent_events, held = c->d->nsuppressed;
      int rc = code_match(c, &m);
      if (rc)
        return rc;
      if (c->sent_events > made || c->d->nsuppressed > held) {
        matched_end = m.t1;
        break;
      }
    }
    /* Words a pattern consumed anchor nothing else ("willing to mediate"
     * is one event, not also "mediate"). */
    if (matched_end > i + 1)
      i = matched_end - 1;
  }
  return CASUS_OK;
}

/* Each killed count of the sentence goes to the violent event of this
 * sentence whose trigger comes last before it (or the first one). */
static int attach_sentence_counts(coder *c) {
  if (!c->m.ncounts)
    return CASUS_OK;
  size_t *owner = casus__arena_alloc(&c->d->arena,
                                     sizeof *owner * c->m.ncounts);
  if (!owner)
    return CASUS_ENOMEM;
  for (size_t k = 0; k < c->m.ncounts; k++) {
    uint32_t at = c->t[c->m.counts[k].t0].start;
    size_t pick = SIZE_MAX;
    uint32_t pick_at = 0;
    for (size_t ei = 0; ei < c->d->nevents; ei++) {
      const casus_event *ev = &c->d->events[ei];
      if (c->work[ei].root < 18)
        continue;
      for (size_t mi = 0; mi < ev->n_mentions; mi++) {
        const casus_mention *mm = &ev->mentions[mi];
        if (mm->sentence != c->si || !strcmp(mm->rule, "elaboration"))
          continue;
        bool better = pick == SIZE_MAX ||
                      (mm->trigger_start <= at &&
                       (pick_at > at || mm->trigger_start >= pick_at));
        if (better) {
          pick = ei;
          pick_at = mm->trigger_start;
        }
      }
    }
    owner[k] = pick;
  }
  for (size_t ei = 0; ei < c->d->nevents; ei++)
    for (size_t k = 0; k < c->m.ncounts; k++)
      if (owner[k] == ei) {
        attach_counts(c, ei, owner);
        break;
      }
  return CASUS_OK;
}

/* A sentence without a violent event of its own that names a place or
 * killed counts elaborates the latest compatible violent event. */
static int elaborate(coder *c) {
  if (c->focus == SIZE_MAX)
    return CASUS_OK;
  bool killed = false;
  for (size_t k = 0; k < c->m.ncounts; k++)
    killed |= c->m.counts[k].killed;
  const char *country = NULL;
  for (size_t k = 0; k < c->m.nplaces && !country; k++) {
    const lex_entry *x = pick_place(c, &c->m.places[k], NULL, NULL);
    if (x && x->kind != LX_COUNTRY)
      country = x->iso2;
  }
  bool violent = killed;
  for (uint32_t i = 0; i < c->n && !violent; i++) {
    const char *l = c->ti[i].lemma;
    violent = !strcmp(l, "hit") || !strcmp(l, "strike") ||
              !strcmp(l, "attack") || !strcmp(l, "missile");
  }
  if (!violent || (!killed && !country))
    return CASUS_OK;
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (!t->vague && !t->after && !t->before &&
        t->day != c->work[c->focus].day)
      return CASUS_OK; /* "the 3 January attack": another event */
  }
  /* The event the sentence elaborates: the latest violent one whose
   * target or place is in the sentence's country, preferring one whose
   * source the sentence names ("launched by Pakistan"). */
  size_t ei = c->focus;
  int best = -1;
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    if (c->work[k].root < 18)
      continue;
    const lex_entry *tc = o->actor2.country
                              ? casus__country(c->e, o->actor2.country)
                              : NULL;
    int score = 0;
    if (country && ((tc && tc->iso2 == country) ||
                    o->place.country == country))
      score += 2;
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (o->actor1.country && x->iso3 == o->actor1.country && x->t0 > 0 &&
          tok_is(c, x->t0 - 1, "by"))
        score += 2; /* "a missile attack launched by Pakistan" */
    }
    if (k == c->focus)
      score += 1;
    if (score > best) {
      best = score;
      ei = k;
    }
  }
  attach_place(c, ei, 0, -1, country);
  attach_counts(c, ei, NULL);
  c->focus = ei;
  return add_mention(c, ei, 0, c->n, "elaboration");
}

static void advance_anchor(coder *c) {
  const actor_m *two[2];
  if (pair_here(c, c->n, two)) {
    c->last_pair[0] = two[0];
    c->last_pair[1] = two[1];
  }
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (!t->vague && !t->after && !t->before && t->day >= 0)
      c->anchor = t->day;
  }
  for (size_t a = 0; a < c->m.nactors; a++) {
    if (agentive(&c->m.actors[a]) && !c->m.actors[a].pronoun) {
      c->last_subject = &c->m.actors[a];
      break;
    }
  }
}

int casus__code(const casus_engine *e, casus_doc *d, casus_error *err) {
  coder c = {0};
  c.e = e;
  c.d = d;
  c.anchor = d->published;
  c.focus = SIZE_MAX;
  tok_info *ti = NULL;
  int rc = casus__tok_info(e, d, &ti);
  for (uint32_t si = 0; si < d->seg.nsents && !rc; si++) {
    c.si = si;
    c.s = &d->seg.sents[si];
    c.t = d->seg.toks + c.s->tok;
    c.n = c.s->ntok;
    c.sent_events = 0;
    c.ti = ti + c.s->tok;
    rc = casus__recognize(e, d, c.s, c.ti, c.anchor, &c.m);
    if (!rc)
      rc = mark_clauses(&c);
    size_t before = d->nevents;
    if (!rc)
      rc = code_sentence(&c);
    if (!rc)
      rc = attach_sentence_counts(&c);
    if (!rc && d->nevents == before && !c.sent_events)
      rc = elaborate(&c);
    if (!rc)
      advance_anchor(&c);
  }
  casus__free(c.work);
  if (rc)
    casus__err(err, rc, d->article_id, 0, "coding failed: %s",
               casus_strerror(rc));
  return rc;
}
