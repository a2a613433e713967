/* dict_code.c -- how the coder reads the roles of an imported pattern
 * (TABARI/PETRARCH verbs files, lib/code/dict_tabari.c).
 *
 * Those dictionaries were written for TABARI's shallow matcher, not for
 * casus' clauses: the words of a pattern may stand anywhere in the
 * sentence in their order, the source is the first actor of the sentence
 * before the verb, the target the first actor after it, wherever it is,
 * and a pronoun is the first actor named before it (else the previous
 * sentence's subject).  coder.c calls these for patterns flagged `dict`;
 * casus' own patterns never come here. */
#include "coder_int.h"

/* True when X may fill a role: an agent or a territory, not "its" alone,
 * "the strikes" or "the two countries". */
static bool fills(const actor_m *x) {
  if (x->evnoun || x->pair)
    return false;
  return !(x->possessive && x->pronoun && !x->role);
}

/* The antecedent of pronoun P: the first actor before it in the sentence
 * that is no pronoun, else the previous sentence's subject. */
static const actor_m *antecedent(const coder *c, const actor_m *p) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > p->t0)
      break;
    if (fills(x) && !x->pronoun)
      return x;
  }
  return c->last_subject;
}

/* True when token K stands in a comma-delimited clause that TABARI leaves
 * out (.options COMMA:).  Internal clauses first, left to right: one of
 * MIN..MAX tokens between two commas goes with its opening comma; then
 * the terminal clause (after the last comma left, to the full stop, which
 * counts) of EMIN..EMAX tokens and the initial one (before the first) of
 * BMIN..BMAX. */
bool casus__dict_cut(const coder *c, uint32_t k) {
  const dict_opts *o = c->e->dopt;
  if (!o || k >= c->n)
    return false;
  uint32_t first = c->n, last = c->n; /* commas left after the internal
                                         clauses went */
  uint32_t prev = c->n;                /* the open comma, if any */
  for (uint32_t i = 0; i < c->n; i++) {
    if (!tok_is(c, i, ","))
      continue;
    if (prev < c->n) {
      int n = (int)(i - prev - 1);
      if (n >= o->comma[0] && n <= o->comma[1]) {
        if (k >= prev && k < i)
          return true;
        prev = i; /* the closing comma opens the next clause */
        continue;
      }
      if (first == c->n)
        first = prev;
      last = prev;
    }
    prev = i;
  }
  if (prev < c->n) {
    if (first == c->n)
      first = prev;
    last = prev;
  }
  if (last == c->n)
    return false;
  int nt = (int)(c->n - last - 1), ni = (int)first;
  bool stop = tok_is(c, c->n - 1, ".");
  if (stop && casus__petr_mode(c))
    nt--; /* PETRARCH counts the words of its parse: no full stop */
  if (stop && k > last && nt >= o->comma[2] && nt <= o->comma[3])
    return true;
  return k < first && ni >= o->comma[4] && ni <= o->comma[5];
}

/* An actor made up for the TABARI default code CODE ("DEFSRC"), in the
 * document's arena; NULL when out of memory. */
static const actor_m *made_up(const coder *c, const char *code) {
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return NULL;
  memset(a, 0, sizeof *a);
  a->code = code;
  a->evdate = -1;
  a->rule = "tabari:options:default";
  return a;
}

/* The first actor at or after token I (NULL: none); *EVNOUN is never
 * set.  A TARGET with none: the .options default target, if any. */
const actor_m *casus__dict_after(const coder *c, uint32_t i, bool target,
                                 const actor_m **evnoun) {
  *evnoun = NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 < i || !fills(x) || casus__dict_cut(c, x->t0))
      continue;
    /* "in its dealings with Rohan": a possessive pronoun is no target */
    if (target && x->pronoun && x->t1 == x->t0 + 1 &&
        (tok_is(c, x->t0, "its") || tok_is(c, x->t0, "their")))
      continue;
    if (target && casus__petr_other_subject(c, i, x)) /* petrarch_mode.c */
      break;
    return x->pronoun ? antecedent(c, x) : x;
  }
  const dict_opts *o = c->e->dopt;
  return target && o && o->def_tar ? made_up(c, o->def_tar) : NULL;
}

/* The source of a verb at token I: the first actor of the sentence that
 * ends before I; with none, the .options default source (PRIOR), else
 * with a default set the first actor after the verb (TABARI looks ahead
 * when PRIOR is off), else NULL. */
const actor_m *casus__dict_subject(const coder *c, uint32_t i) {
  bool none = false;
  const actor_m *ps = casus__petr_subject(c, i, &none); /* petrarch_mode.c */
  if (ps || none)
    return ps;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > i)
      break;
    if (!fills(x) || casus__dict_cut(c, x->t0))
      continue;
    return x->pronoun ? antecedent(c, x) : x;
  }
  const dict_opts *o = c->e->dopt;
  if (!o || !o->def_src)
    return NULL;
  if (o->src_prior)
    return made_up(c, o->def_src);
  const actor_m *ev;
  const actor_m *x = casus__dict_after(c, i, false, &ev);
  return x ? x : made_up(c, o->def_src);
}

/* After a match of an imported pattern: a source found after the verb is
 * no target too; the target is then the next actor (or the default). */
void casus__dict_roles(const coder *c, match *m) {
  const dict_opts *o = c->e->dopt;
  if (!o || !o->def_src || o->src_prior)
    return;
  if (m->slot[0] && m->slot[0] == m->slot[1] && own_actor(c, m->slot[0])) {
    const actor_m *ev;
    m->slot[1] = casus__dict_after(c, m->slot[0]->t1, true, &ev);
  }
}

/* True when the sentence is shorter than the .options MINIMUM WORDS
 * (words, not punctuation; "Gondor's" is one word): TABARI codes nothing
 * in it. */
bool casus__dict_short(const coder *c) {
  const dict_opts *o = c->e->dopt;
  if (!o || o->min_words <= 0)
    return false;
  int n = 0;
  for (uint32_t k = 0; k < c->n; k++)
    if (!(c->t[k].flags & CASUS_TOK_PUNCT) && strcmp(c->t[k].norm, "'s"))
      n++;
  return n < o->min_words;
}

/* Where the clause holding token I ends, as TABARI divides a compound
 * sentence: at "and", "but" or ";" followed by the verb of a pattern
 * ("condemned the attack and promised aid"); C->n when it does not.
 * SET: CODE BY SENTENCE ends it at the sentence's end, CODE ALL at I. */
uint32_t casus__dict_clause_end(const coder *c, uint32_t i) {
  const dict_opts *o = c->e->dopt;
  if (o && o->code_by == 1) /* SET: CODE BY SENTENCE */
    return c->n;
  if (o && o->code_by == 2) /* SET: CODE ALL */
    return i;
  uint32_t pe = casus__petr_clause_end(c, i); /* petrarch_mode.c */
  if (pe < c->n)
    return pe;
  for (uint32_t k = i; k + 1 < c->n; k++) {
    if (!tok_is(c, k, "and") && !tok_is(c, k, "but") && !tok_is(c, k, ";"))
      continue;
    for (uint32_t v = k + 1; v < c->n && v < k + 3; v++)
      if (casus__is_verb(c->e, c->ti[v].lemma))
        return k + 1;
  }
  return c->n;
}

/* True when the word at I, which casus would read as a plural noun
 * ("departs from", "deplores."), is a verb for an imported pattern:
 * TABARI reads no parts of speech, a verb form right after the sentence's
 * first actor is the verb. */
bool casus__dict_verb(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > i)
      break;
    if (x->t1 == i && fills(x) && !x->possessive)
      return true;
  }
  return false;
}

/* The actor mention of the current sentence that starts at token K and
 * names a country or group without an agent, or NULL. */
static const actor_m *bare_at(const coder *c, uint32_t k) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *y = &c->m.actors[a];
    if (y->t0 == k && (y->iso3 || y->code) && !y->role && !y->pronoun)
      return y;
  }
  return NULL;
}

static bool links(const coder *c, uint32_t k) {
  return tok_is(c, k, "of") || tok_is(c, k, "from") || tok_is(c, k, "in");
}

/* An arena copy of Y with agent ROLE (NULL: out of memory). */
static const actor_m *with_role(const coder *c, const actor_m *y,
                                const char *role) {
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return NULL;
  *a = *y;
  a->role = role;
  return a;
}

/* The actors role X of an imported pattern stands for, into OUT (at most
 * MAX): X and the actors coordinated with it.  A lone agent before "of",
 * "from" or "in" goes with the actor after it ("soldiers from Gondor"
 * GONMIL); with CARRY (PETRARCH) an agent carries through the list ("the
 * ambassadors of Arnor, Osgiliath and Gondor" ARNGOV OSGGOV GONGOV,
 * "lawmakers in Fornost and Gondor").  Returns the count, -1 when out of
 * memory. */
static int expand(const coder *c, const actor_m *x, bool carry,
                  const actor_m **out, int max) {
  const actor_m *orig = x; /* the mention itself: lists go on from it */
  if (carry) { /* PETRARCH noun phrases: petrarch_mode.c */
    int nr = casus__petr_roles(c, x, out, max);
    if (nr)
      return nr;
    x = casus__petr_np(c, x);
    if (x)
      x = casus__petr_agents(c, x);
    if (!x)
      return -1;
  }
  const actor_m *head = x;
  const char *role = NULL;
  if (own_actor(c, x) && x->role && !x->iso3 && !x->code &&
      links(c, x->t1)) {
    const actor_m *y = bare_at(c, x->t1 + 1);
    if (y) {
      role = x->role;
      head = y;
    }
  } else if (carry && own_actor(c, x) && x->role && x->iso3) {
    for (uint32_t k = x->t0; k + 1 < x->t1 && !role; k++)
      if (links(c, k))
        role = x->role; /* "ambassadors of Arnor": one mention */
  }
  int n = 0;
  for (const actor_m *y = head; y && n < max;) {
    const actor_m *z = y;
    if (role && !y->role && y->iso3 && (carry || y == head))
      z = with_role(c, y, role);
    if (!z)
      return -1;
    n = carry ? casus__petr_push(c, z, out, n, max) : (out[n] = z, n + 1);
    if (n < 0)
      return -1;
    const actor_m *from = y == x ? orig : y;
    y = carry ? casus__petr_coordinated(c, from) : casus__coordinated(c, from);
  }
  return n;
}

/* Codes match M of an imported pattern: one event per source and target
 * its roles stand for (see expand). */
int casus__dict_dyads(coder *c, const match *m, const char *modality) {
  const actor_m *src[8], *tgt[8];
  bool carry = !strncmp(m->p->id, "petrarch:", 9); /* TABARI does not */
  int ns = m->slot[0] ? expand(c, m->slot[0], carry, src, 8) : 1;
  int nt = expand(c, m->slot[1], carry, tgt, 8);
  if (ns < 0 || nt < 0)
    return CASUS_ENOMEM;
  if (!m->slot[0])
    src[0] = NULL;
  if (nt == 1) {
    const actor_m *y = casus__verbless_conjunct(c, m->slot[1]);
    if (y)
      tgt[nt++] = y;
  }
  int rc = CASUS_OK;
  for (int i = 0; i < ns && !rc; i++) {
    match sm = *m;
    sm.slot[0] = src[i];
    for (int k = 0; k < nt && !rc; k++)
      rc = casus__new_event(c, &sm, tgt[k], modality);
  }
  return rc;
}
