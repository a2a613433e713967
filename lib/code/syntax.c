/* syntax.c -- the shallow syntax the coder needs: clauses (a "that",
 * "after" or reporting verb opens one; a comma closes an "After X," clause),
 * the subject and object of a verb, pronouns and "the two countries",
 * coordination ("Pakistan and Iran"), whether a word reads as a verb, and
 * (whether a statement is asserted is modality.c's). */
#include "coder_int.h"

#include <stdio.h>
#include <string.h>

/* True when token I is a pronoun of data/roles.txt ("and we have"). */
static bool is_pronoun(const coder *c, uint32_t i) {
  return i < c->n && c->ti[i].lex && c->ti[i].lex->kind == LX_PRONOUN;
}

/* Numbers the clauses of the sentence: a new clause starts at a clause
 * word (that, which, after, if...), after a reporting verb, at ; : and
 * quotes, and at ", and" / ", but". */
int casus__mark_clauses(coder *c) {
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
                  (tok_is(c, i, "and") && is_pronoun(c, i + 1));
    if (sub_ends) {
      c->closes[i - 1] = 1;
      sub = false;
    }
    if (word_is(c, i, W_SUBORD) || word_is(c, i, W_COND) ||
        (i && tok_is(c, i - 1, ",") && word_is(c, i, W_CLAUSE)))
      sub = true; /* ", which could face sanctions," closes at its comma */
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

bool casus__agentive(const actor_m *a) {
  return !a->territory && !a->evnoun;
}

/* Resolves a pronoun: the subject of the reporting clause before it in
 * this sentence, else the previous sentence's subject. */
/* True when token K reports the clause that holds the pronoun at P0: a
 * reporting verb ("said"), or a verb of announcing right before the
 * pronoun, its "that" or a date ("announced Wednesday it would"). */
static bool reports_at(const coder *c, uint32_t k, uint32_t p0) {
  if (word_is(c, k, W_SAY))
    return true;
  static const char *const v[] = {"announce", "confirm", "declare",
                                  "insist",   "claim",   "state",
                                  "admit",    "vow",     "pledge",
                                  "deny",     "warn",    "threaten",
                                  "reject",   "dismiss"};
  bool verb = false;
  for (size_t j = 0; j < sizeof v / sizeof *v && !verb; j++)
    verb = c->ti[k].lemma[0] == v[j][0] && /* speed: 1st byte */
           !strcmp(c->ti[k].lemma, v[j]) && strcmp(c->t[k].norm, v[j]);
  uint32_t n = k + 1;
  while (n < p0 && (c->m.used[n] == USED_TIME ||
                    (tok_is(c, n, "on") && n + 1 < p0 &&
                     c->m.used[n + 1] == USED_TIME)))
    n++; /* "announced on Sunday that he" */
  if (n + 1 < p0 && (tok_is(c, n, "claims") || tok_is(c, n, "reports") ||
                     tok_is(c, n, "allegations")))
    n++; /* "rejected claims that it" */
  return verb && (n == p0 || (n + 1 == p0 && tok_is(c, n, "that")));
}

static const actor_m *resolve_pronoun(const coder *c, const actor_m *p) {
  for (uint32_t i = p->t0; i > 0; i--) {
    if (!reports_at(c, i - 1, p->t0))
      continue;
    uint32_t cs = clause_start(c, i - 1);
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (x->t0 >= cs && x->t1 <= i - 1 && casus__agentive(x) && !x->pronoun)
        return x;
    }
  }
  return c->last_subject;
}

/* "its forces": the role X names, with the country of the pronoun's
 * antecedent (an arena copy), or X itself when there is none. */
static const actor_m *owned(const coder *c, const actor_m *x) {
  const actor_m *owner = resolve_pronoun(c, x);
  if (!owner || !owner->iso3)
    return x;
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return x;
  *a = *x;
  a->iso3 = owner->iso3;
  a->iso2 = owner->iso2;
  a->pronoun = 0;
  a->possessive = 0;
  return a;
}

/* True when a word in [A, B) reads as the verb of some pattern. */
bool casus__verb_between(const coder *c, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b; k++)
    if (casus__is_verb(c->e, c->ti[k].lemma) && casus__verb_reading(c, k))
      return true;
  return false;
}

/* True when actor X is the country of an affiliation adjective
 * ("pro-Iranian Hizbollah", "anti-Syrian journalist", "Iranian-backed
 * militias"): no actor. */
static bool affiliation(const coder *c, const actor_m *x) {
  static const char *const after[] = {"backed",    "sponsored", "supported",
                                      "funded",    "allied",    "aligned"};
  if (x->t0 >= 2 && tok_is(c, x->t0 - 1, "-") &&
      (tok_is(c, x->t0 - 2, "pro") || tok_is(c, x->t0 - 2, "anti")))
    return true;
  for (size_t k = 0; k < sizeof after / sizeof *after; k++)
    if (x->t1 + 1 < c->n && tok_is(c, x->t1, "-") &&
        tok_is(c, x->t1 + 1, after[k]))
      return true; /* "the Iranian-backed Hezbollah" */
  return false;
}

static bool is_adverb(const coder *c, uint32_t i);

/* True when the verb at token I is the second of two coordinated verb
 * phrases with one subject ("kidnapped 16 advisers and exploded a series
 * of bombs"): "and" right before it, or an adverb between. */
static bool vp_conjunct(const coder *c, uint32_t i) {
  uint32_t k = i;
  while (k > 0 && k + 3 > i && is_adverb(c, k - 1))
    k--;
  return k > 0 && tok_is(c, k - 1, "and");
}

/* The subject of the clause holding token I: its leftmost agent actor
 * before I (or a territory, "Pakistani border posts", when PLACE_OK). */
const actor_m *casus__subject_of(const coder *c, uint32_t i, bool place_ok) {
  uint32_t cs = clause_start(c, i);
  const actor_m *found = NULL, *first = NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    bool fits = casus__agentive(x) || (place_ok && x->territory);
    if (x->t0 < cs || x->t1 > i || !fits || affiliation(c, x))
      continue;
    if (x->possessive && !x->role)
      continue;
    /* The leftmost actor, unless another verb stands between it and I:
     * "Iran attacked Pakistan and Pakistan attacked Iran" -- then the
     * nearest actor before I. */
    found = x;
    if (!first)
      first = x;
    if (!casus__verb_between(c, x->t1, i))
      break;
  }
  if (found != first && vp_conjunct(c, i))
    found = first; /* "rebels kidnapped advisers and exploded bombs" */
  if (found && found->pronoun && found->possessive)
    return owned(c, found); /* "Pakistan said its forces struck" */
  if (found)
    return found->pronoun ? resolve_pronoun(c, found) : found;
  /* A coordinated verb phrase (", and called on", ", but was still
   * refusing"), a participle
   * (", summoning") or an infinitive ("to strike") shares the subject of
   * the sentence's first clause. */
  bool shared = (cs > 0 && (tok_is(c, cs, "and") ||
                            tok_is(c, cs, "but"))) ||
                (i > 0 && tok_is(c, i - 1, ",")) ||
                (i > 0 && tok_is(c, i - 1, "to"));
  if (!shared)
    return NULL;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (c->clause[x->t0] != c->clause[0] || x->t1 > i)
      break;
    if (casus__agentive(x))
      return x->pronoun ? resolve_pronoun(c, x) : x;
  }
  return NULL;
}

/* The first actor after token I within clause CL and the window. */
const actor_m *casus__object_after(const coder *c, uint32_t i, uint16_t cl,
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
    if (x->possessive || affiliation(c, x))
      continue; /* "its ambassador": the source's own */
    if (x->evnoun && x->t0 > 0 && tok_is(c, x->t0 - 1, "to") &&
        x->t1 == x->t0 + 1)
      continue; /* "refused to attack X": a verb, not "the attack" */
    if (x->evnoun) {
      *evnoun = x; /* "condemned Thursday's strikes": the strikes' author */
      return NULL;
    }
    return x->pronoun ? resolve_pronoun(c, x) : x;
  }
  return NULL;
}

/* True when an agent actor ends right before token I. */
static bool actor_ends_at(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++)
    if (c->m.actors[a].t1 == i && casus__agentive(&c->m.actors[a]))
      return true;
  return false;
}

/* True when token I is an adverb: "strongly", "again", "today". */
static bool is_adverb(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  return (t->nlen > 3 && !strcmp(t->norm + t->nlen - 2, "ly")) ||
         word_is(c, i, W_ADVERB);
}

/* True when an actor of the sentence covers token K. */
static bool in_actor(const coder *c, uint32_t k) {
  for (size_t a = 0; a < c->m.nactors; a++)
    if (c->m.actors[a].t0 <= k && c->m.actors[a].t1 > k)
      return true;
  return false;
}

/* True when token K can be a word of a person's name after a role
 * ("President Prosper Avril", "Secretary of State Warren Christopher"):
 * capitalised, no actor, and no lexicon entry but a town's (many
 * first names are some town's name). */
static bool name_word(const coder *c, uint32_t k) {
  if (!(c->t[k].flags & CASUS_TOK_CAP) || (c->t[k].flags & CASUS_TOK_PUNCT))
    return false;
  for (const lex_entry *x = c->ti[k].lex; x; x = x->next)
    if (x->kind != LX_CITY)
      return false;
  return !in_actor(c, k);
}

/* True when a role actor ("President", "Secretary of State") ends right
 * before token I. */
static bool role_ends_at(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 == i && x->role && !x->code && !x->pronoun)
      return true;
  }
  return false;
}

/* How many tokens right before token K may stand between a subject and
 * its verb (0: none): an unknown name, an adverb, a date expression, or a
 * place with its preposition. */
static uint32_t skippable_before(const coder *c, uint32_t k) {
  const casus_token *p = &c->t[k - 1];
  for (size_t a = 0; a < c->m.ntimes; a++)
    if (c->m.times[a].t1 == k) {
      uint32_t t0 = c->m.times[a].t0;
      return k - (t0 > 0 && tok_is(c, t0 - 1, "on") ? t0 - 1 : t0);
    }
  for (size_t a = 0; a < c->m.nplaces; a++) {
    uint32_t t0 = c->m.places[a].t0;
    if (c->m.places[a].admin_word && c->m.places[a].t1 + 1 == k)
      return 1; /* "the government of Sindh province ordered" */
    if (in_actor(c, t0))
      continue; /* "Secretary of State Smith": no place "State Smith" */
    if (c->m.places[a].t1 == k && t0 > 0 && word_is(c, t0 - 1, W_PREP))
      return k - (t0 - 1);
  }
  if (((p->flags & CASUS_TOK_CAP) && !c->ti[k - 1].lex) ||
      (name_word(c, k - 1) && k >= 2 &&
       (name_word(c, k - 2) || role_ends_at(c, k - 1))))
    return 1;
  return is_adverb(c, k - 1) ? 1 : 0;
}

/* The token after the words that may follow actor X before its verb:
 * the name of a role ("President Todor Zhivkov"), a date ("on Monday",
 * "today") and adverbs ("again", "reportedly"); I when there are none. */
uint32_t casus__skip_adjuncts(const coder *c, const actor_m *x, uint32_t i) {
  uint32_t k = i;
  if (x && x->role && !x->code) {
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *y = &c->m.actors[a];
      if (y->t0 == k && y->rule && !strcmp(y->rule, "people.txt"))
        k = y->t1; /* "President Todor Zhivkov": a known holder */
    }
    while (k < i + 4 && k < c->n && name_word(c, k) &&
           (!c->ti[k].lex || (k + 1 < c->n && name_word(c, k + 1))))
      k++;
  }
  for (int guard = 0; guard < 4 && k < c->n; guard++) {
    uint32_t j = k;
    if (tok_is(c, j, "on") && j + 1 < c->n && c->m.used[j + 1] == USED_TIME)
      j++;
    while (j < c->n && c->m.used[j] == USED_TIME)
      j++;
    if (j == k && is_adverb(c, k) && !word_is(c, k, W_MODAL))
      j++;
    if (j == k)
      break;
    k = j;
  }
  return k < c->n && c->clause[k] == c->clause[i < c->n ? i : c->n - 1]
             ? k
             : i;
}

/* A verb pattern's anchor must read as a verb: "Iran struck", "Tehran
 * strongly denounced", "to strike", "had attacked", ", summoning" -- not
 * "Thursday's strikes", "a missile attack" or "State targets in Syria". */
bool casus__verb_reading(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  if (t->nlen > 1 && t->norm[t->nlen - 1] == 's' && i + 1 < c->n &&
      (word_is(c, i + 1, W_PREP) || (c->t[i + 1].flags & CASUS_TOK_PUNCT)))
    return false; /* a plural noun: "targets in", "strikes." */
  if (i == 0 || !strcmp(c->ti[i].lemma, "be") ||
      !strcmp(c->ti[i].lemma, "have"))
    return true;
  const casus_token *p = &c->t[i - 1];
  if (tok_is(c, i - 1, "-"))
    return false; /* "long-threatened", "Iran-backed": an adjective */
  if (tok_is(c, i - 1, "its") || tok_is(c, i - 1, "their") ||
      tok_is(c, i - 1, "his") || tok_is(c, i - 1, "her") ||
      tok_is(c, i - 1, "our"))
    return false; /* "kept its pledge", "their strike": a noun */
  if (actor_ends_at(c, i) || (p->flags & CASUS_TOK_PUNCT))
    return true;
  /* Between the subject and its verb may stand a name ("president Laurent
   * Fabius held"), an adverb ("strongly", "again"), a date ("on Tuesday")
   * or a place ("police in Jericho arrested"). */
  uint32_t k = i;
  while (k > 0 && k + 8 > i && !actor_ends_at(c, k)) {
    uint32_t back = skippable_before(c, k);
    if (!back)
      break;
    k -= back;
  }
  if (k < i && actor_ends_at(c, k))
    return true;
  if (is_adverb(c, i - 1))
    return true;
  if (t->nlen > 4 && !strcmp(t->norm + t->nlen - 3, "ing") &&
      word_is(c, i - 1, W_PREP))
    return true; /* a gerund: "in carrying out" */
  const char *l = c->ti[i - 1].lemma;
  return !strcmp(l, "be") || !strcmp(l, "have") || !strcmp(l, "do") ||
         !strcmp(p->norm, "to") || !strcmp(p->norm, "and") ||
         !strcmp(p->norm, "or") ||
         word_is(c, i - 1, W_MODAL) || word_is(c, i - 1, W_NEG) ||
         word_is(c, i - 1, W_CLAUSE);
}

/* True when token I is a participle in the passive voice: "were bombed",
 * "was visited" (an active pattern must not read it as "X bombed Y"). */
bool casus__passive_at(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  if (!strcmp(c->ti[i].lemma, t->norm) ||
      (t->nlen > 3 && !strcmp(t->norm + t->nlen - 3, "ing")))
    return false; /* a base form or a gerund */
  for (uint32_t k = i; k-- > 0 && k + 3 >= i;) {
    if (!strcmp(c->ti[k].lemma, "be"))
      return true;
    if (!is_adverb(c, k) && !word_is(c, k, W_NEG))
      return false;
  }
  return false;
}

/* The actor coordinated with X ("Pakistan and Iran"), or NULL. */
const actor_m *casus__coordinated(const coder *c, const actor_m *x) {
  if (!own_actor(c, x))
    return NULL;
  uint32_t e = x->t1;
  /* "Libyan leader Muammar Gaddafi and Bulgarian President Todor
   * Zhivkov": a role's name stands before the conjunction. */
  while (e < x->t1 + 4 && e < c->n && (c->t[e].flags & CASUS_TOK_CAP) &&
         !c->ti[e].lex && !(c->t[e].flags & CASUS_TOK_PUNCT) && x->role &&
         !x->code)
    e++;
  if (!(tok_is(c, e, "and") || tok_is(c, e, ",")))
    return NULL;
  bool comma = tok_is(c, e, ",");
  /* "the government and the ELN rebels": an actor whose span leaves out
   * its article (a group's alias) still starts the conjunct. */
  uint32_t s = e + 1;
  if (s + 1 < c->n && tok_is(c, s, "the"))
    s++;
  /* "Iran and Pakistan", "Hamas and Hezbollah" -- but "the Iranian
   * ambassador and special representative" is one person. */
  for (size_t k = (size_t)(x - c->m.actors) + 1; k < c->m.nactors; k++) {
    const actor_m *y = &c->m.actors[k];
    if ((y->t0 == e + 1 || y->t0 == s) && casus__agentive(y) &&
        !y->pronoun && !y->pair && (y->iso3 || y->code) &&
        (!comma || tok_is(c, y->t1, ",") || tok_is(c, y->t1, "and") ||
         tok_is(c, y->t1, "or")))
      return y; /* a comma only inside a list: "Iran, Iraq and Syria" */
  }
  return NULL;
}

/* A second object after ", and" with no verb of its own: "Iran struck
 * targets in Syria, and an Israeli centre in Erbil" -- the conjunct's
 * first actor, or NULL when the conjunct has a verb (a new clause). */
const actor_m *casus__verbless_conjunct(const coder *c, const actor_m *x) {
  if (!own_actor(c, x))
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
  for (size_t i = (size_t)(x - c->m.actors) + 1; i < c->m.nactors && !y;
       i++) {
    const actor_m *a = &c->m.actors[i];
    if (a->t0 > k + 1 && !a->pronoun && !a->evnoun && !a->pair)
      y = a;
  }
  return y;
}

/* The latest "X and Y" pair of countries before token I in this
 * sentence. */
bool casus__pair_here(const coder *c, uint32_t i, const actor_m *out[2]) {
  for (size_t a = c->m.nactors; a-- > 0;) {
    const actor_m *x = &c->m.actors[a];
    const actor_m *y = x->t1 <= i ? casus__coordinated(c, x) : NULL;
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
bool casus__find_pair(const coder *c, uint32_t i, const actor_m *out[2]) {
  if (casus__pair_here(c, i, out))
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

/* Skips a hedge before an object: "struck what it said were X", "what it
 * called X", "what it described as X"; returns the token after it (I when
 * there is none). */
uint32_t casus__skip_hedge(const coder *c, uint32_t i) {
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

/* True when a comma ending a subordinate clause lies in [A, B): "Two days
 * after Iran struck Pakistan, Pakistan struck Iran" -- the shift of the
 * "after" clause does not reach the main clause. */
bool casus__closed_between(const coder *c, uint32_t a, uint32_t b) {
  for (uint32_t k = a; k < b && k < c->n; k++)
    if (c->closes[k])
      return true;
  return false;
}
