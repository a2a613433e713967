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

/* The first actor at or after token I (NULL: none); *EVNOUN is never
 * set. */
const actor_m *casus__dict_after(const coder *c, uint32_t i,
                                 const actor_m **evnoun) {
  *evnoun = NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 < i || !fills(x))
      continue;
    return x->pronoun ? antecedent(c, x) : x;
  }
  return NULL;
}

/* The source of a verb at token I: the first actor of the sentence that
 * ends before I (NULL: none). */
const actor_m *casus__dict_subject(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > i)
      break;
    if (!fills(x))
      continue;
    return x->pronoun ? antecedent(c, x) : x;
  }
  return NULL;
}

/* Where the clause holding token I ends, as TABARI divides a compound
 * sentence: at "and", "but" or ";" followed by the verb of a pattern
 * ("condemned the attack and promised aid"); C->n when it does not. */
uint32_t casus__dict_clause_end(const coder *c, uint32_t i) {
  for (uint32_t k = i; k + 1 < c->n; k++) {
    if (!tok_is(c, k, "and") && !tok_is(c, k, "but") && !tok_is(c, k, ";"))
      continue;
    for (uint32_t v = k + 1; v < c->n && v < k + 3; v++)
      if (casus__is_verb(c->e, c->ti[v].lemma))
        return k + 1;
  }
  return c->n;
}
