/* petrarch_mode.c -- what coding with PETRARCH's dictionaries adds to
 * coding with TABARI's (dict_code.c), standing in for what PETRARCH reads
 * off its parse tree (docs/accuracy.md):
 *
 *  - discards: a sentence holding a phrase of the discards file codes
 *    nothing; a '+' phrase ("+TYPHOON") drops the whole story;
 *  - the config file (PETR_config.ini "key = value" lines; the unit
 *    records' <Config> elements): require_dyad = false codes an imported
 *    pattern with one actor ("a senior official said": ---GOV/---/023),
 *    comma_* the comma clauses left out, agents_append (casus' own key)
 *    every agent of a noun phrase, as PETRARCH-1;
 *  - actors: lone agents "---GOV", prefix agents ("MSF [NGO~]" NGOARN),
 *    coordination past articles and modifiers, a country's phrase
 *    carrying its agent, agents times countries;
 *  - clauses: passives with "by", a verb after an actor's noun phrase,
 *    the subject of a clause a comma opens, '^' skipping a noun phrase,
 *    verb blocks told apart by the word's form ("--- LEFT ---").
 *
 * The loader calls casus__petr_* (dict_petrarch.c, dict_tabari.c); the
 * coder's hooks (coder.c, dict_code.c, event.c) do something only when
 * PETRARCH dictionaries were loaded (e->dopt->petrarch). */
#include "coder_int.h"
#include "dict_int.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#define PHRASE_WORDS 16

/* The engine's dictionary options, made (with no comma clause cut and
 * nothing else set: casus' behaviour without options) when there are
 * none; NULL when out of memory. */
dict_opts *casus__petr_opts(dict_ld *ld) {
  dict_opts *o = ld->e->dopt;
  if (!o) {
    o = casus__arena_alloc(&ld->e->arena, sizeof *o);
    if (!o)
      return NULL;
    memset(o, 0, sizeof *o);
    for (int k = 0; k < 6; k++)
      o->comma[k] = k % 2 ? 0 : 255; /* MIN > MAX: never */
    ld->e->dopt = o;
  }
  o->petrarch = 1;
  return o;
}

/* See dict_int.h.  Only for PETRARCH files ("petrarch:" rules): a
 * TABARI import must not get options before its .options file. */
int casus__petr_prefix_agent(dict_ld *ld, const char *rule) {
  if (!rule || strncmp(rule, "petrarch:", 9))
    return CASUS_OK;
  dict_opts *o = casus__petr_opts(ld);
  if (!o)
    return CASUS_ENOMEM;
  if (o->nprefix == o->capprefix) { /* arena memory: copy on growth */
    size_t cap = o->capprefix ? 2 * o->capprefix : 16;
    const char **n = casus__arena_alloc(&ld->e->arena, cap * sizeof *n);
    if (!n)
      return CASUS_ENOMEM;
    if (o->nprefix)
      memcpy(n, o->prefix_rules, o->nprefix * sizeof *n);
    o->prefix_rules = n;
    o->capprefix = cap;
  }
  o->prefix_rules[o->nprefix++] = rule;
  return CASUS_OK;
}

/* True when RULE is that of a prefix agent. */
static bool prefix_rule(const coder *c, const char *rule) {
  const dict_opts *o = c->e->dopt;
  for (size_t k = 0; o && rule && k < o->nprefix; k++)
    if (!strcmp(o->prefix_rules[k], rule))
      return true;
  return false;
}

/* True when actor X's agent is a prefix agent. */
static bool prefix_agent(const coder *c, const actor_m *x) {
  return prefix_rule(c, x->rule);
}

/* One line of a discards file: "+WORLD GOLF CHAMPIONSHIPS" (story) or
 * "BASEBALL" (sentence); words are separated by blanks or '_'. */
int casus__petr_discard_line(dict_ld *ld, const char *line) {
  dict_opts *o = casus__petr_opts(ld);
  if (!o)
    return CASUS_ENOMEM;
  const char *p = line;
  while (*p == ' ' || *p == '\t')
    p++;
  bool story = *p == '+';
  if (story)
    p++;
  const char *w[PHRASE_WORDS];
  size_t len[PHRASE_WORDS];
  int n = 0;
  while (*p && n < PHRASE_WORDS) {
    while (*p == ' ' || *p == '\t' || *p == '_')
      p++;
    const char *q = p;
    while (*q && *q != ' ' && *q != '\t' && *q != '_')
      q++;
    if (q > p) {
      w[n] = p;
      len[n++] = (size_t)(q - p);
    }
    p = q;
  }
  if (!n)
    return CASUS_OK;
  casus_arena *a = &ld->e->arena;
  if (o->ndiscards == o->capdiscards) { /* arena memory: copy on growth */
    size_t cap = o->capdiscards ? 2 * o->capdiscards : 16;
    dict_discard *nd = casus__arena_alloc(a, cap * sizeof *nd);
    if (!nd)
      return CASUS_ENOMEM;
    if (o->ndiscards)
      memcpy(nd, o->discards, o->ndiscards * sizeof *nd);
    o->discards = nd;
    o->capdiscards = cap;
  }
  dict_discard *d = (dict_discard *)&o->discards[o->ndiscards];
  d->w = casus__arena_alloc(a, (size_t)n * sizeof *d->w);
  if (!d->w)
    return CASUS_ENOMEM;
  for (int k = 0; k < n; k++) {
    char buf[128];
    size_t fl = casus__fold(w[k], len[k], buf, sizeof buf);
    d->w[k] = casus__arena_strndup(a, buf, fl);
    if (!d->w[k])
      return CASUS_ENOMEM;
  }
  d->n = (uint8_t)n;
  d->story = story;
  o->ndiscards++;
  return CASUS_OK;
}

/* True when S (lower case) is "true" or "yes" or "1" (after blanks). */
static bool truth(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return !strncmp(s, "true", 4) || !strncmp(s, "yes", 3) || *s == '1';
}

/* One line of a PETRARCH config file: "require_dyad = False",
 * "comma_emax = 8" ("key: value" too); other keys are ignored.  Returns
 * CASUS_OK or CASUS_ENOMEM. */
int casus__petr_config_line(dict_ld *ld, const char *line) {
  static const char *const COMMA[6] = {"comma_min", "comma_max",
                                       "comma_emin", "comma_emax",
                                       "comma_bmin", "comma_bmax"};
  dict_opts *o = casus__petr_opts(ld);
  if (!o)
    return CASUS_ENOMEM;
  char u[256];
  size_t n = 0;
  for (; line[n] && n + 1 < sizeof u; n++)
    u[n] = (char)tolower((unsigned char)line[n]);
  u[n] = '\0';
  char *sep = strpbrk(u, "=:");
  if (!sep)
    return CASUS_OK;
  char *k = sep;
  while (k > u && (k[-1] == ' ' || k[-1] == '\t'))
    k--;
  *k = '\0';
  const char *v = sep + 1;
  if (!strcmp(u, "require_dyad")) {
    o->one_sided = !truth(v);
    return CASUS_OK;
  }
  if (!strcmp(u, "agents_append")) { /* casus' own key */
    o->agents_append = truth(v);
    return CASUS_OK;
  }
  for (int i = 0; i < 6; i++)
    if (!strcmp(u, COMMA[i])) {
      long x = strtol(v, NULL, 10);
      o->comma[i] = x < 0 ? 0 : x > 255 ? 255 : (int)x;
    }
  return CASUS_OK;
}

/* 0 when the current sentence holds no discard phrase, 1 when it holds a
 * sentence discard, 2 when a story discard. */
int casus__petr_discarded(const coder *c) {
  const dict_opts *o = c->e->dopt;
  if (!o || !o->ndiscards)
    return 0;
  int found = 0;
  for (uint32_t i = 0; i < c->n; i++)
    for (size_t k = 0; k < o->ndiscards; k++) {
      const dict_discard *d = &o->discards[k];
      uint32_t j = 0;
      while (j < d->n && i + j < c->n && !strcmp(c->t[i + j].norm, d->w[j]))
        j++;
      if (j == d->n) {
        if (d->story)
          return 2;
        found = 1;
      }
    }
  return found;
}

/* True when an imported pattern may code with one actor (require_dyad =
 * false). */
bool casus__petr_one_sided(const coder *c) {
  return c->e->dopt && c->e->dopt->one_sided;
}

/* True when PETRARCH dictionaries are in use. */
bool casus__petr_mode(const coder *c) {
  return c->e->dopt && c->e->dopt->petrarch;
}

/* True when X may be a PETRARCH source: no event noun, no "the two
 * countries", no lone possessive. */
static bool petr_fills(const actor_m *x) {
  if (x->evnoun || x->pair)
    return false;
  return !(x->possessive && x->pronoun && !x->role);
}

/* The source PETRARCH's parse gives the verb at token I when a comma
 * before it closes a stretch holding a verb of its own ("Arnor will
 * restore ties with Gondor, a senior official said"): the first actor
 * between the last comma before I and I.  NULL when there is none; *NONE
 * is then set when words stand there (the verb's subject is no actor),
 * or, with no verb before the comma, when a personal pronoun does ("On
 * improvement of health centres, he said"); else the TABARI rule
 * (dict_code.c) applies. */
const actor_m *casus__petr_subject(const coder *c, uint32_t i, bool *none) {
  *none = false;
  if (!casus__petr_mode(c))
    return NULL;
  uint32_t k = i;
  while (k > 0 && !tok_is(c, k - 1, ","))
    k--;
  if (k == 0)
    return NULL;
  if (!casus__verb_between(c, 0, k - 1)) {
    /* "On improvement of health centres, he said": a personal pronoun
     * that is no actor is the subject */
    *none = k + 1 == i &&
            (tok_is(c, k, "he") || tok_is(c, k, "she") ||
             tok_is(c, k, "we") || tok_is(c, k, "i") || tok_is(c, k, "you"));
    return NULL;
  }
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 >= k && x->t1 <= i && petr_fills(x) && !x->pronoun)
      return x;
  }
  for (uint32_t j = k; j < i && !*none; j++)
    *none = !(c->t[j].flags & CASUS_TOK_PUNCT);
  return NULL;
}

/* False when PETRARCH would not code match M of an imported pattern: one
 * of its actors is missing and require_dyad is on (the default). */
bool casus__petr_dyad_ok(const coder *c, const match *m) {
  if (!m->p->dict || !casus__petr_mode(c))
    return true;
  if (c->e->dopt->one_sided)
    return m->slot[0] || m->slot[1];
  return m->slot[0] && (m->slot[1] || m->target_ev);
}

/* True when token K is a plain word that may stand between a passive
 * participle and "by": "opposed earlier by", "fiercely opposed by". */
static bool plain_word(const coder *c, uint32_t k) {
  return k < c->n && !(c->t[k].flags & (CASUS_TOK_PUNCT | CASUS_TOK_CAP)) &&
         !c->ti[k].lex && !casus__is_verb(c->e, c->ti[k].lemma);
}

/* PETRARCH's passive (its parse reads the "by" phrase as the agent):
 * when the verb at token I of match M of an imported pattern is a
 * passive participle followed by "by" and the target M found stands
 * right after "by" ("Eriador was opposed earlier by Osgiliath"), the
 * target is the source and the subject the target: swaps M's slots. */
void casus__petr_passive(const coder *c, uint32_t i, match *m) {
  if (!m->p->dict || !casus__petr_mode(c) || !m->slot[0] || !m->slot[1] ||
      !own_actor(c, m->slot[1]) || !casus__passive_at(c, i))
    return;
  uint32_t k = i + 1;
  while (k < i + 3 && plain_word(c, k) && !tok_is(c, k, "by"))
    k++;
  if (!tok_is(c, k, "by"))
    return;
  k++;
  if (tok_is(c, k, "the"))
    k++;
  if (m->slot[1]->t0 != k)
    return;
  const actor_m *x = m->slot[0];
  m->slot[0] = m->slot[1];
  m->slot[1] = x;
}

/* The actor coordinated with X as PETRARCH's parse reads a list of noun
 * phrases: casus__coordinated, else after ",", "and" or ", and", past
 * "the" and up to three plain modifiers ("Fornost and the evil awful
 * Gondor", "Evil Mordor, the awful Fornost, and good Gondor"); after a
 * bare comma only inside a list (the actor followed by "," or "and").
 * NULL: none. */
const actor_m *casus__petr_coordinated(const coder *c, const actor_m *x) {
  const actor_m *y = casus__coordinated(c, x);
  if (y || !casus__petr_mode(c) || !own_actor(c, x))
    return y;
  uint32_t k = x->t1;
  bool comma = tok_is(c, k, ",");
  if (comma)
    k++;
  if (tok_is(c, k, "and")) {
    k++;
    comma = false; /* ", and": the list's last */
  } else if (!comma) {
    return NULL;
  }
  if (tok_is(c, k, "the"))
    k++;
  uint32_t s = k;
  while (k < s + 3 && k < c->n && !c->ti[k].lex &&
         !(c->t[k].flags & CASUS_TOK_PUNCT) && !tok_is(c, k, "and") &&
         !casus__is_verb(c->e, c->ti[k].lemma) && !word_is(c, k, W_PREP))
    k++;
  for (size_t a = (size_t)(x - c->m.actors) + 1; a < c->m.nactors; a++) {
    y = &c->m.actors[a];
    if (y->t0 > k)
      break;
    if (y->t0 >= s && petr_fills(y) && !y->pronoun &&
        (y->iso3 || y->code || (y->role && x->role)) &&
        (!comma || tok_is(c, y->t1, ",") || tok_is(c, y->t1, "and")))
      return y;
  }
  return NULL;
}

/* The role-only actor (an agent of no country: "minister") of the
 * current sentence starting at token K, or NULL. */
static const actor_m *role_at(const coder *c, uint32_t k) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *y = &c->m.actors[a];
    if (y->t0 == k && y->role && !y->iso3 && !y->code && !y->pronoun &&
        !y->evnoun && !y->pair)
      return y;
  }
  return NULL;
}

/* True when token K is a word that may stand inside a noun phrase
 * between its owner and its head: a plain word, "and". */
static bool np_word(const coder *c, uint32_t k) {
  return plain_word(c, k) && !word_is(c, k, W_PREP);
}

/* X as the noun phrase PETRARCH's parse gives it: a country whose
 * phrase goes on to an agent ("Ithilen's awful and evil minister
 * Calimehtar": ITHGOV) carries that agent (an arena copy); else X.
 * NULL when out of memory. */
const actor_m *casus__petr_np(const coder *c, const actor_m *x) {
  if (!casus__petr_mode(c) || !own_actor(c, x))
    return x;
  if (x->role && !x->iso3 && !x->code && prefix_agent(c, x)) {
    /* "MSF Arnor": a prefix agent before its country, NGOARN */
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *y = &c->m.actors[a];
      if (y->t0 != x->t1 || !y->iso3 || y->code || y->pronoun ||
          strchr(y->iso3, '/')) /* several codes ("[FRO/BIL]") */
        continue;
      char code[32];
      int n = snprintf(code, sizeof code, "%s%s%s", x->role, y->iso3,
                       y->role ? y->role : "");
      actor_m *z = casus__arena_alloc(&c->d->arena, sizeof *z);
      if (n < 0 || (size_t)n >= sizeof code || !z)
        return n < 0 || (size_t)n >= sizeof code ? x : NULL;
      *z = *y;
      z->t0 = x->t0;
      z->code = casus__arena_strndup(&c->d->arena, code, (size_t)n);
      return z->code ? z : NULL;
    }
    return x;
  }
  if (!x->iso3 || x->role || x->code || x->pronoun)
    return x;
  uint32_t k = x->t1;
  if (tok_is(c, k, "'s"))
    k++;
  uint32_t s = k;
  const actor_m *y = NULL;
  while (k < s + 4 && k < c->n && !(y = role_at(c, k)) && np_word(c, k))
    k++;
  if (!y || k == s)
    return x; /* none, or right after it: the recognizer composed it */
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return NULL;
  *a = *x;
  a->role = y->role;
  a->t1 = y->t1;
  return a;
}

/* The role actor (an agent) of the current sentence starting at token K,
 * whether or not the recognizer gave it a country ("officials in
 * Fornost"), or NULL. */
static const actor_m *any_role_at(const coder *c, uint32_t k) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *y = &c->m.actors[a];
    if (y->t0 == k && y->role && !y->code && !y->pronoun && !y->evnoun &&
        !y->pair)
      return y;
  }
  return NULL;
}

/* "Lawmakers and officials in Fornost and Gondor": agents of no country
 * joined by "and", then "in", "of" or "from" and a list of countries
 * (the recognizer may have read "officials in Fornost" as one actor) --
 * PETRARCH codes each agent with each country.  Fills OUT (at most MAX,
 * arena copies) and returns the count; 0 when X does not start such a
 * phrase, -1 when out of memory. */
int casus__petr_roles(const coder *c, const actor_m *x, const actor_m **out,
                      int max) {
  if (!casus__petr_mode(c) || !own_actor(c, x) || role_at(c, x->t0) != x)
    return 0;
  const actor_m *roles[4];
  int nr = 0;
  roles[nr++] = x;
  uint32_t k = x->t1;
  while (nr < 4 && !roles[nr - 1]->iso3 && tok_is(c, k, "and") &&
         any_role_at(c, k + 1)) {
    roles[nr] = any_role_at(c, k + 1);
    k = roles[nr++]->t1;
  }
  if (nr < 2)
    return 0;
  const actor_m *y = NULL; /* the first country */
  if (roles[nr - 1]->iso3) {
    y = roles[nr - 1];
  } else if (tok_is(c, k, "in") || tok_is(c, k, "of") ||
             tok_is(c, k, "from")) {
    k += 1 + tok_is(c, k + 1, "the");
    for (size_t a = 0; a < c->m.nactors && !y; a++)
      if (c->m.actors[a].t0 == k && c->m.actors[a].iso3 &&
          !c->m.actors[a].role && !c->m.actors[a].pronoun)
        y = &c->m.actors[a];
  }
  int n = 0;
  for (; y && n < max; y = casus__petr_coordinated(c, y))
    for (int r = 0; r < nr && n < max; r++) {
      actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
      if (!a)
        return -1;
      *a = *y;
      a->role = roles[r]->role;
      out[n++] = a;
    }
  return n;
}

/* True when the word at token I is a verb for an imported pattern as
 * PETRARCH's parse reads it: an actor's noun phrase goes on to it through
 * at most three words that are no verb, preposition, clause word or
 * punctuation ("the primary official news agency WFNA said"). */
bool casus__petr_verb(const coder *c, uint32_t i) {
  if (!casus__petr_mode(c))
    return false;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 >= i || x->t1 + 3 < i || !petr_fills(x) || x->possessive)
      continue;
    uint32_t k = x->t1;
    while (k < i && !(c->t[k].flags & CASUS_TOK_PUNCT) &&
           !word_is(c, k, W_PREP) && !word_is(c, k, W_CLAUSE) &&
           !casus__is_verb(c->e, c->ti[k].lemma) && !c->ti[k].lex)
      k++;
    if (k == i)
      return true;
  }
  return false;
}

/* The token after the words that may end a noun phrase from token K on
 * (at most three: no verb, preposition, clause word, punctuation or
 * lexicon word: "news agency WFNA"). */
static uint32_t np_end(const coder *c, uint32_t k) {
  uint32_t j = k;
  while (j < k + 3 && j < c->n && !(c->t[j].flags & CASUS_TOK_PUNCT) &&
         !word_is(c, j, W_PREP) && !word_is(c, j, W_CLAUSE) &&
         !casus__is_verb(c->e, c->ti[j].lemma) && !c->ti[j].lex)
    j++;
  return j;
}

/* True when the stretch after the comma at token K opens with a clause
 * of its own: articles and plain words, an actor, and its verb right
 * after its noun phrase (", a senior Bree official said").  *X: that
 * actor. */
static bool new_clause(const coder *c, uint32_t k, const actor_m **x) {
  uint32_t s = k + 1;
  while (s < k + 4 && np_word(c, s) && !role_at(c, s))
    s++;
  *x = NULL;
  for (size_t a = 0; a < c->m.nactors && !*x; a++)
    if (c->m.actors[a].t0 == s && petr_fills(&c->m.actors[a]) &&
        !c->m.actors[a].pronoun)
      *x = &c->m.actors[a];
  if (!*x)
    return false;
  uint32_t j = np_end(c, (*x)->t1);
  return j < c->n && casus__is_verb(c->e, c->ti[j].lemma);
}

/* True when actor X, found after the verb at token I, is rather the
 * subject of a clause of its own that a comma opens ("Calenardhon crowds
 * burned down its embassy, a senior official said"): PETRARCH's parse
 * gives the verb no object there. */
bool casus__petr_other_subject(const coder *c, uint32_t i,
                               const actor_m *x) {
  if (!casus__petr_mode(c) || !own_actor(c, x) || x->t0 <= i)
    return false;
  for (uint32_t k = x->t0; k-- > i;) {
    const actor_m *y;
    if (tok_is(c, k, ","))
      return new_clause(c, k, &y) && y == x;
  }
  return false;
}

/* Where the clause of the event coded at token I ends for PETRARCH,
 * which codes the verb phrases of its parse: at the first comma after I
 * that opens a clause of its own (new_clause); C->n when none (or not in
 * PETRARCH mode). */
uint32_t casus__petr_clause_end(const coder *c, uint32_t i) {
  if (!casus__petr_mode(c))
    return c->n;
  for (uint32_t k = i; k < c->n; k++) {
    const actor_m *x;
    if (tok_is(c, k, ",") && new_clause(c, k, &x))
      return k + 1;
  }
  return c->n;
}

/* The fewest tokens gap EL of pattern P must skip from token I:
 * PETRARCH's '^' skips a noun phrase ("- * IFTAR IN ^ +": "Iftar in
 * Osgiliath with the leaders of Gondor" targets Gondor; "- * AT ^ +":
 * "warned at the Gondor of the Prince" targets the Prince): an article
 * and the actor after it, else a word.  dict_tabari.c writes '^' as
 * "*3", the only gap of that length in an imported pattern. */
int casus__petr_gap_min(const coder *c, const pattern *p,
                        const pat_elem *el, uint32_t i) {
  if (!p->dict || el->gap != 3 || !casus__petr_mode(c))
    return 0;
  uint32_t k = i;
  if (tok_is(c, k, "the") || tok_is(c, k, "a") || tok_is(c, k, "an"))
    k++;
  for (size_t a = 0; a < c->m.nactors; a++)
    if (c->m.actors[a].t0 == k && c->m.actors[a].t1 > i &&
        c->m.actors[a].t1 - i <= 3)
      return (int)(c->m.actors[a].t1 - i);
  return 1;
}

/* The longest PETRARCH agent entry whose phrase starts at token J and
 * ends before token END (NULL: none). */
static const lex_entry *agent_at(const coder *c, uint32_t j, uint32_t end) {
  for (uint32_t len = end - j < 5 ? end - j : 5; len > 0; len--) {
    char form[256];
    size_t o = 0;
    for (uint32_t k = j; k < j + len && o + 1 < sizeof form; k++) {
      int n = snprintf(form + o, sizeof form - o, "%s%s", k > j ? " " : "",
                       c->t[k].norm);
      if (n < 0 || (size_t)n >= sizeof form - o)
        return NULL;
      o += (size_t)n;
    }
    for (const lex_entry *x = casus__lex_find(c->e, form); x; x = x->next)
      if (x->kind == LX_ROLE && x->code && x->rule &&
          !strncmp(x->rule, "petrarch:", 9))
        return x;
  }
  return NULL;
}

/* With agents_append (PETRARCH-1): X coded with every agent its words
 * hold, each where it starts ("Gondor's main opposition group": MAIN
 * OPPOSITION GROUP and OPPOSITION GROUP, GONMOPOPP), prefix agents before
 * the country ("human rights activists in Arnor": SGMHGMARN), each code
 * once.  An arena copy, or X itself; NULL when out of memory. */
const actor_m *casus__petr_agents(const coder *c, const actor_m *x) {
  const dict_opts *o = c->e->dopt;
  if (!casus__petr_mode(c) || !o->agents_append || !own_actor(c, x) ||
      !x->role || x->code || x->pronoun || x->t1 > c->n ||
      (x->iso3 && strchr(x->iso3, '/')))
    return x;
  char pre[64] = "", suf[64] = "";
  size_t np = 0, ns = 0;
  int found = 0;
  for (uint32_t j = x->t0; j < x->t1; j++) {
    const lex_entry *a = agent_at(c, j, x->t1);
    if (!a || strstr(pre, a->code) || strstr(suf, a->code))
      continue;
    found++;
    size_t n = strlen(a->code);
    if (prefix_rule(c, a->rule) && np + n < sizeof pre) {
      memmove(pre + n, pre, np + 1); /* each prefix before the last */
      memcpy(pre, a->code, n);
      np += n;
    } else if (!prefix_rule(c, a->rule) && ns + n < sizeof suf) {
      memcpy(suf + ns, a->code, n + 1);
      ns += n;
    }
  }
  if (found < 2)
    return x; /* one agent: as the recognizer coded it */
  char code[160];
  int n = snprintf(code, sizeof code, "%s%s%s", pre, x->iso3 ? x->iso3 : "",
                   suf);
  if (n < 0 || (size_t)n >= sizeof code)
    return x;
  actor_m *z = casus__arena_alloc(&c->d->arena, sizeof *z);
  if (!z)
    return NULL;
  *z = *x;
  z->code = casus__arena_strndup(&c->d->arena, code, (size_t)n);
  return z->code ? z : NULL;
}

/* See dict_int.h.  Every header closes the block before it. */
int casus__petr_block(dict_ld *ld, const char *header) {
  dict_opts *o = casus__petr_opts(ld);
  if (!o)
    return CASUS_ENOMEM;
  dict_block *last = o->nblocks ? (dict_block *)&o->blocks[o->nblocks - 1]
                                : NULL;
  if (last && last->to == LONG_MAX && last->base == ld->base)
    last->to = ld->line;
  const char *p = header;
  while (*p == ' ' || *p == '\t' || *p == '-')
    p++;
  char form[64];
  size_t n = 0;
  for (; p[n] && !strchr(" \t[", p[n]) && n + 1 < sizeof form; n++)
    form[n] = (char)tolower((unsigned char)p[n]);
  form[n] = '\0';
  if (!n || strchr(form, '_') || strchr(form, '-'))
    return CASUS_OK;
  const char *lemma = casus__lemma(ld->e, form, n);
  if (!lemma || !strcmp(lemma, form))
    return CASUS_OK; /* a base form: its regular forms are its own */
  casus_arena *a = &ld->e->arena;
  if (o->nblocks == o->capblocks) { /* arena memory: copy on growth */
    size_t cap = o->capblocks ? 2 * o->capblocks : 16;
    dict_block *b = casus__arena_alloc(a, cap * sizeof *b);
    if (!b)
      return CASUS_ENOMEM;
    if (o->nblocks)
      memcpy(b, o->blocks, o->nblocks * sizeof *b);
    o->blocks = b;
    o->capblocks = cap;
  }
  dict_block *b = (dict_block *)&o->blocks[o->nblocks];
  b->base = ld->base;
  b->from = ld->line;
  b->to = LONG_MAX;
  b->form = casus__arena_strndup(a, form, n);
  if (!b->form)
    return CASUS_ENOMEM;
  o->nblocks++;
  return CASUS_OK;
}

/* False when imported pattern P must not code the verb at token I
 * because PETRARCH tells its blocks apart by the word's form: "left" is
 * the block "--- LEFT [032:033] ---", not "--- LEAVE [012] ---", and
 * LEFT's patterns code no other form of "leave".  A pattern anchored on
 * another word ("- + WAS * DEAD IN $") is not concerned. */
bool casus__petr_form_ok(const coder *c, const pattern *p, uint32_t i) {
  const dict_opts *o = c->e->dopt;
  if (!o || !o->nblocks || !o->petrarch || strncmp(p->id, "petrarch:", 9))
    return true;
  const char *t = c->t[i].norm;
  const char *colon = strrchr(p->id, ':');
  const char *base = p->id + 9;
  size_t bl = colon && colon > base ? (size_t)(colon - base) : 0;
  long line = colon ? strtol(colon + 1, NULL, 10) : -1;
  bool exact = false;
  for (size_t k = 0; k < o->nblocks; k++) {
    const dict_block *b = &o->blocks[k];
    bool mine = bl && !strncmp(b->base, base, bl) && !b->base[bl] &&
                line >= b->from && line < b->to; /* P is of B */
    bool same = !strcmp(b->form, t);
    if (!mine && !same)
      continue;
    bool verb = !strcmp(casus__lemma(c->e, b->form, strlen(b->form)),
                        c->ti[i].lemma); /* I is a form of B's verb */
    if (mine)
      return !verb || same;
    exact = exact || verb;
  }
  return !exact;
}
