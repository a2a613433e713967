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

#include <stdio.h>

/* True when X may fill a role: an agent or a territory, not "its" alone,
 * "the strikes" or "the two countries". */
static bool fills(const actor_m *x) {
  if (x->evnoun || x->pair)
    return false;
  return !(x->possessive && x->pronoun && !x->role);
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && !strcmp(a, b));
}

/* True when actors A and B carry the same code (ARN and ARN). */
static bool same_code(const actor_m *a, const actor_m *b) {
  return a && b && (a->iso3 || a->code) && same_str(a->iso3, b->iso3) &&
         same_str(a->role, b->role) && same_str(a->code, b->code);
}

/* The antecedent of pronoun P: the first actor before it in the sentence
 * that is no pronoun, else the previous sentence's subject (with TABARI
 * options, its actor without the agent); arena memory or the coder's. */
static const actor_m *antecedent(const coder *c, const actor_m *p) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > p->t0)
      break;
    if (fills(x) && !x->pronoun)
      return x;
  }
  const actor_m *l = c->last_subject;
  if (!l || !l->role || !l->iso3 || !c->e->dopt)
    return l;
  /* TABARI forwards the previous sentence's actor, not its agent ("He
   * has also asked Gondor": FOR, not FORGOVPRS) */
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return l;
  *a = *l;
  a->role = NULL;
  return a;
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

/* The first actor at or after token I that may fill a role (a TARGET
 * is no bare "its"), or NULL. */
static const actor_m *after(const coder *c, uint32_t i, int target) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 < i || !fills(x) || casus__dict_cut(c, x->t0))
      continue;
    /* "in its dealings with Rohan": a possessive pronoun is no target;
     * for TABARI (TARGET 2) not with its noun either ("burned down its
     * embassy, a senior Bree official said") */
    if (target && x->pronoun &&
        (x->t1 == x->t0 + 1 || target > 1) &&
        (tok_is(c, x->t0, "its") || tok_is(c, x->t0, "their") ||
         (target > 1 && tok_is(c, x->t0, "his"))))
      continue;
    if (target && casus__petr_other_subject(c, i, x)) /* petrarch_mode.c */
      return NULL;
    return x->pronoun ? antecedent(c, x) : x;
  }
  return NULL;
}

/* The first actor at or after token I (NULL: none); *EVNOUN is never
 * set.  A TARGET with none: the .options default target, if any. */
const actor_m *casus__dict_after(const coder *c, uint32_t i, bool target,
                                 const actor_m **evnoun) {
  *evnoun = NULL;
  const actor_m *x = after(c, i, target);
  const dict_opts *o = c->e->dopt;
  return !x && target && o && o->def_tar ? made_up(c, o->def_tar) : x;
}

/* Where the clause holding token I starts, as TABARI divides a compound
 * sentence: after the last "and", "but" or ";" before I that follows a
 * verb of a pattern ("Elrond urged Bree to chill out and Gondor asked
 * him": the second clause starts at "Gondor"; "Elrond and Gondor urged":
 * no verb before the "and"; "Lawmakers in Fornost and Gondor": a
 * pattern's "$S in" makes no verb of a preposition); 0 under SET: CODE
 * BY SENTENCE. */
static uint32_t clause_start(const coder *c, uint32_t i) {
  const dict_opts *o = c->e->dopt;
  if (o && o->code_by == 1)
    return 0;
  uint32_t start = 0;
  bool verb = false;
  for (uint32_t k = 0; k < i && k < c->n; k++) {
    if (verb && (tok_is(c, k, "and") || tok_is(c, k, "but") ||
                 tok_is(c, k, ";"))) {
      start = k + 1;
      verb = false;
    } else if (casus__is_verb(c->e, c->ti[k].lemma) &&
               !word_is(c, k, W_PREP)) { /* "in": a pattern's, no verb */
      verb = true;
    }
  }
  return start;
}

/* The first actor that may fill a role in tokens [FROM, I), pronouns
 * resolved, or NULL. */
static const actor_m *first_in(const coder *c, uint32_t from, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > i)
      break;
    if (x->t0 < from || !fills(x) || casus__dict_cut(c, x->t0))
      continue;
    return x->pronoun ? antecedent(c, x) : x;
  }
  return NULL;
}

/* The target of a verb at token V that has no actor after it, as TABARI
 * finds it: the actor of V's clause that comes after its source and
 * before V ("then it requested that Elrond assist with ...": Elrond),
 * else NULL. */
static const actor_m *target_before(const coder *c, uint32_t v) {
  uint32_t cs = clause_start(c, v);
  bool source = false;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t1 > v)
      break;
    if (x->t0 < cs || !fills(x) || casus__dict_cut(c, x->t0))
      continue;
    if (!source) {
      source = true;
      continue;
    }
    return x->pronoun ? antecedent(c, x) : x;
  }
  return NULL;
}

/* The target of imported pattern element at token I, the pattern's verb
 * at V (LAST: the element ends the pattern): the first actor at or after
 * I that is not the verb's source ("urged Bree to assist him": him is
 * the source); for a last element with none, the .options default target
 * under AFTER, else the actor between the clause's source and V
 * (target_before), else the default target; NULL when none.  P: the
 * pattern (PETRARCH's take the first actor after I or the default). */
const actor_m *casus__dict_target(const coder *c, const pattern *p,
                                  uint32_t i, uint32_t v, bool last,
                                  const actor_m **evnoun) {
  if (strncmp(p->id, "tabari:", 7)) /* PETRARCH: as before */
    return casus__dict_after(c, i, true, evnoun);
  *evnoun = NULL;
  const actor_m *x = after(c, i, 2);
  /* "urged Bree to assist him": a target that is the source is none */
  const actor_m *s = last ? casus__dict_subject(c, v) : NULL;
  if (x && s && s->t1 <= v && same_code(x, s))
    x = NULL;
  if (x || !last)
    return x;
  const dict_opts *o = c->e->dopt;
  if (o && o->def_tar && o->tar_after)
    return made_up(c, o->def_tar);
  x = target_before(c, v);
  if (!x && o && o->def_tar)
    x = made_up(c, o->def_tar);
  return x;
}

/* The source of a verb at token I: the first actor of its clause (see
 * clause_start) that ends before I, else the first actor of the sentence
 * (TABARI forwards the subject: "condemned the attack and promised aid");
 * with none, the .options default source (PRIOR), else with a default set
 * the first actor after the verb (TABARI looks ahead when PRIOR is off),
 * else NULL. */
const actor_m *casus__dict_subject(const coder *c, uint32_t i) {
  bool none = false;
  const actor_m *ps = casus__petr_subject(c, i, &none); /* petrarch_mode.c */
  if (ps || none)
    return ps;
  const actor_m *x = first_in(c, clause_start(c, i), i);
  if (!x)
    x = first_in(c, 0, i);
  if (x)
    return x;
  const dict_opts *o = c->e->dopt;
  if (!o || !o->def_src)
    return NULL;
  if (o->src_prior)
    return made_up(c, o->def_src);
  const actor_m *ev;
  x = casus__dict_after(c, i, false, &ev);
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

/* True when token K is a one-word form of a TABARI verb (dict_tabari.c
 * interns them as "tabari-verb:FORM"). */
static bool tabari_verb_form(const coder *c, uint32_t k) {
  char key[300];
  int n = snprintf(key, sizeof key, "tabari-verb:%s", c->t[k].norm);
  return n > 0 && (size_t)n < sizeof key &&
         casus__map_get(c->e->strings, key, (size_t)n) != NULL;
}

/* True when the string A SEP B is interned. */
static bool interned3(const coder *c, const char *a, const char *sep,
                      const char *b) {
  char key[700];
  int n = snprintf(key, sizeof key, "%s%s%s", a, sep, b);
  return n > 0 && (size_t)n < sizeof key &&
         casus__map_get(c->e->strings, key, (size_t)n) != NULL;
}

/* False when TABARI pattern P must not read the word at I because of a
 * literal irregular verb form (dict_tabari.c): "LEFT_ [032:033]" reads
 * "left" and not "leave"; "LEAVE [012]" then not "left". */
bool casus__tabari_form_ok(const coder *c, const pattern *p, uint32_t i) {
  if (!casus__dict_tabari(p))
    return true;
  char id[600];
  int n = snprintf(id, sizeof id, "tabari-lit-id:%s", p->id);
  if (n <= 0 || (size_t)n >= sizeof id)
    return true;
  if (interned3(c, id, "=", c->t[i].norm))
    return true; /* P is the literal form's own */
  if (interned3(c, "tabari-lit:", "", c->t[i].norm))
    return false; /* "left" under LEAVE */
  return !interned3(c, id, ":", c->ti[i].lemma); /* "leave" under LEFT_ */
}

/* True when the sentence holds a phrase of the verbs file's <TIME> block
 * coded "[###]" or "[+++]" (dict_tabari.c interns "tabari-time:w1 w2";
 * up to 6 words, punctuation between them ends the phrase). */
static bool time_phrase(const coder *c) {
  for (uint32_t k = 0; k < c->n; k++) {
    char key[300];
    size_t o = 0;
    int n = snprintf(key, sizeof key, "tabari-time:");
    if (n < 0)
      return false;
    o = (size_t)n;
    for (uint32_t j = k; j < c->n && j < k + 6; j++) {
      if (!(c->t[j].flags & CASUS_TOK_WORD))
        break;
      n = snprintf(key + o, sizeof key - o, "%s%s", j > k ? " " : "",
                   c->t[j].norm);
      if (n < 0 || (size_t)n >= sizeof key - o)
        break;
      o += (size_t)n;
      if (casus__map_get(c->e->strings, key, o))
        return true;
    }
  }
  return false;
}

/* True when TABARI leaves the sentence uncoded: it names an actor coded
 * "[###]" (discard) or "[+++]" (complex), or it is too complex (.options
 * COMPLEX:): NOACTPRIOR and no actor before its first verb ("When peace
 * comes, Arnor will ..."), more than VERBS[n] verbs or CONJ[n]
 * conjunctions. */
bool casus__dict_complex(const coder *c) {
  const dict_opts *o = c->e->dopt;
  if (!o)
    return false;
  for (size_t a = 0; a < c->m.nactors; a++) { /* "[###]", "[+++]" */
    const char *x = c->m.actors[a].iso3;
    if (x && (!strcmp(x, "###") || !strcmp(x, "+++")))
      return true;
  }
  if (time_phrase(c))
    return true;
  int verbs = 0, conj = 0;
  bool first = true;
  for (uint32_t k = 0; k < c->n; k++) {
    if (tok_is(c, k, "and") || tok_is(c, k, "or") || tok_is(c, k, "but"))
      conj++;
    if (!tabari_verb_form(c, k) || !casus__tabari_verb(c, k))
      continue;
    verbs++;
    if (first && o->noactprior && !first_in(c, 0, k) &&
        !(c->m.nactors && c->m.actors[0].t0 < k))
      return true;
    first = false;
  }
  return (o->complex_verbs > 0 && verbs > o->complex_verbs) ||
         (o->complex_conj > 0 && conj > o->complex_conj);
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
    /* "and then it requested that Elrond assist": after "then" or a
     * pronoun, a TABARI verb a few words on */
    bool then = tok_is(c, k + 1, "then") ||
                (c->ti[k + 1].lex && c->ti[k + 1].lex->kind == LX_PRONOUN);
    for (uint32_t v = k + 1; v < c->n && v < (then ? k + 7 : k + 3) &&
                             !tok_is(c, v, ",");
         v++)
      if (casus__is_verb(c->e, c->ti[v].lemma) &&
          (v < k + 3 || tabari_verb_form(c, v)))
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
    if (!fills(x) || x->possessive)
      continue;
    if (x->t1 == i)
      return true;
    /* "Ithilen's militia vowed": the rest of the actor's noun phrase,
     * words no pattern reads as verbs */
    uint32_t k = x->t1;
    if (tok_is(c, k, "'s"))
      k++;
    if (k == x->t1 || i - k > 2)
      continue;
    while (k < i && (c->t[k].flags & CASUS_TOK_WORD) &&
           !casus__is_verb(c->e, c->ti[k].lemma) &&
           !word_is(c, k, W_CLAUSE))
      k++;
    if (k == i)
      return true;
  }
  return false;
}

/* True when P was imported from a TABARI verbs file. */
bool casus__dict_tabari(const pattern *p) {
  return p->dict && !strncmp(p->id, "tabari:", 7);
}

/* True when the word at I may be the verb of a TABARI pattern.  TABARI
 * reads no parts of speech: any form of a verb is one ("crowds burned
 * down"), except where TABARI shifts it to a noun: after a determiner
 * ("the restore") or capitalized inside the sentence ("about To
 * Restore"). */
bool casus__tabari_verb(const coder *c, uint32_t i) {
  if (i > 0 && (tok_is(c, i - 1, "the") || tok_is(c, i - 1, "a") ||
                tok_is(c, i - 1, "an")))
    return false;
  if (i > 0 && (c->t[i].flags & CASUS_TOK_CAP) &&
      !(c->t[i].flags & CASUS_TOK_UPPER) &&
      !(c->t[i - 1].flags & CASUS_TOK_QUOTE) && !tok_is(c, i - 1, "."))
    return false;
  return true;
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

/* An actor with several codes ("THE_SHIRE [FRO/BIL/SAM]": dict_tabari.c
 * keeps them whole in its iso3): one arena copy of X per code into OUT
 * (at most MAX), each with X's own agent when its code has none.
 * Returns the count, -1 when out of memory. */
static int split_codes(const coder *c, const actor_m *x, const actor_m **out,
                       int max) {
  int n = 0;
  for (const char *p = x->iso3; *p && n < max;) {
    const char *e = strchr(p, '/');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
    const char *iso3 = casus__arena_strndup(&c->d->arena, p, len < 3 ? len
                                                                    : 3);
    const char *role = len > 3 ? casus__arena_strndup(&c->d->arena, p + 3,
                                                      len - 3)
                               : x->role;
    if (!a || !iso3 || (len > 3 && !role))
      return -1;
    *a = *x;
    a->iso3 = iso3;
    a->role = role;
    out[n++] = a;
    p = e ? e + 1 : p + len;
  }
  return n;
}

/* The actor coordinated with X as TABARI reads a compound: after "and",
 * "or", "nor", a comma or ", and", past up to three words that are no
 * verbs or names ("Fornost and the evil awful Gondor", "Evil Mordor, the
 * awful Fornost, and good Gondor", "Neither Galadriel nor Gollum"); NULL
 * when none. */
static const actor_m *tabari_coordinated(const coder *c, const actor_m *x) {
  if (!own_actor(c, x))
    return NULL;
  uint32_t k = x->t1;
  bool comma = tok_is(c, k, ",");
  if (!comma && !tok_is(c, k, "and") && !tok_is(c, k, "or") &&
      !tok_is(c, k, "nor"))
    return NULL;
  k++;
  if (comma && (tok_is(c, k, "and") || tok_is(c, k, "or"))) {
    k++;
    comma = false; /* ", and": the list's last member */
  }
  for (uint32_t end = k + 4; k < end && k < c->n; k++) {
    for (size_t a = (size_t)(x - c->m.actors) + 1; a < c->m.nactors; a++) {
      const actor_m *y = &c->m.actors[a];
      if (y->t0 > k)
        break;
      if (y->t0 != k)
        continue;
      /* a comma only inside a list: not "with Arnor, the Dagolathi news
       * agency reported" */
      bool list = !comma || tok_is(c, y->t1, ",") ||
                  tok_is(c, y->t1, "and") || tok_is(c, y->t1, "or");
      return list && fills(y) && !y->pronoun && (y->iso3 || y->code) ? y
                                                                     : NULL;
    }
    if (!(c->t[k].flags & CASUS_TOK_WORD) || tabari_verb_form(c, k) ||
        casus__is_verb(c->e, c->ti[k].lemma) ||
        ((c->t[k].flags & CASUS_TOK_CAP) && !tok_is(c, k, "the")))
      return NULL;
  }
  return NULL;
}

/* The actors role X of an imported pattern stands for, into OUT (at most
 * MAX): X and the actors coordinated with it.  A lone agent before "of",
 * "from" or "in" goes with the actor after it ("soldiers from Gondor"
 * GONMIL); with CARRY (PETRARCH) an agent carries through the list ("the
 * ambassadors of Arnor, Osgiliath and Gondor" ARNGOV OSGGOV GONGOV,
 * "lawmakers in Fornost and Gondor"); TABARI: its compounds (see
 * tabari_coordinated).  Returns the count, -1 when out of memory. */
static int expand(const coder *c, const actor_m *x, bool carry,
                  bool tabari, const actor_m **out, int max) {
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
    /* "[FRO/BIL/SAM]": one actor per code */
    int k = z->iso3 && strchr(z->iso3, '/')
                ? split_codes(c, z, out + n, max - n)
                : 0;
    if (k < 0)
      return -1;
    if (!k)
      out[n++] = z;
    n += k;
    const actor_m *from = y == x ? orig : y;
    y = carry    ? casus__petr_coordinated(c, from)
        : tabari ? tabari_coordinated(c, from)
                 : casus__coordinated(c, from);
  }
  return n;
}

/* Codes match M of an imported pattern: one event per source and target
 * its roles stand for (see expand). */
int casus__dict_dyads(coder *c, const match *m, const char *modality) {
  const actor_m *src[8], *tgt[8];
  bool carry = !strncmp(m->p->id, "petrarch:", 9); /* TABARI does not */
  bool tabari = casus__dict_tabari(m->p);
  int ns = m->slot[0] ? expand(c, m->slot[0], carry, tabari, src, 8) : 1;
  int nt = expand(c, m->slot[1], carry, tabari, tgt, 8);
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
      if (!same_code(src[i], tgt[k])) /* TABARI codes no X/X event */
        rc = casus__new_event(c, &sm, tgt[k], modality);
  }
  return rc;
}

/* ------------------------------------------------ gapped actor phrases */

#define GAP_MAX 12 /* tokens between two words of a gapped phrase */

/* Matches word W of a gapped phrase (its tokens separated by spaces; a
 * text "_" may join them: "Dol_Amroth") at token K; STEM: its last token
 * may be the start of the text's ("Rohans" for ROHAN).  Returns the token
 * after it, 0 when it does not match. */
static uint32_t gap_word(const coder *c, const char *w, bool stem,
                         uint32_t k) {
  while (*w) {
    const char *e = strchr(w, ' ');
    size_t n = e ? (size_t)(e - w) : strlen(w);
    if (k >= c->n)
      return 0;
    const casus_token *t = &c->t[k];
    bool last = !e;
    if (!(t->nlen == n && !memcmp(t->norm, w, n)) &&
        !(last && stem && t->nlen > n && t->nlen <= n + 3 &&
          !memcmp(t->norm, w, n)))
      return 0;
    k++;
    if (!e)
      break;
    w = e + 1;
    if (tok_is(c, k, "_"))
      k++;
  }
  return k;
}

/* Where gapped phrase G matches from token I: *WORDS gets one bit per
 * token of its words (at most 64 tokens from I); returns the token after
 * its last word, 0 when it does not match. */
static uint32_t gap_match(const coder *c, const dict_gap *g, uint32_t i,
                          uint64_t *words) {
  uint32_t k = gap_word(c, g->words[0], g->stem && g->nwords == 1, i);
  if (!k)
    return 0;
  *words = 0;
  for (uint32_t t = i; t < k && t - i < 64; t++)
    *words |= (uint64_t)1 << (t - i);
  for (int w = 1; w < g->nwords; w++) {
    uint32_t e = 0, j;
    for (j = k; j < c->n && j <= k + GAP_MAX && !e; j++)
      if (!tok_is(c, j, ".") && !tok_is(c, j, ";"))
        e = gap_word(c, g->words[w], g->stem && w == g->nwords - 1, j);
      else
        break;
    if (!e)
      return 0;
    for (uint32_t t = j - 1; t < e && t - i < 64; t++)
      *words |= (uint64_t)1 << (t - i);
    k = e;
  }
  return k - i <= 64 ? k : 0;
}

/* Adds to the sentence's actors the TABARI actor phrases whose words
 * stand apart ("Al \"The Weasel\" Gore", "the Prince of Dol_Amroth",
 * "Ithilen state-run television"): a match drops the actors found on its
 * words, unless one of them is as long (the phrase with '_' wins: "Al
 * Gore" is AL_GORE); a phrase whose code is null on the article's date
 * only drops them.  Returns 0 or CASUS_ENOMEM. */
int casus__dict_gapped(coder *c) {
  const dict_opts *o = c->e->dopt;
  if (!o || !o->gapped)
    return CASUS_OK;
  for (uint32_t i = 0; i < c->n; i++) {
    const dict_gap *best = NULL;
    uint32_t best_end = 0;
    uint64_t best_words = 0;
    for (const dict_gap *g = o->gapped; g; g = g->next) {
      uint64_t w = 0;
      uint32_t e = gap_match(c, g, i, &w);
      if (e > best_end) {
        best = g;
        best_end = e;
        best_words = w;
      }
    }
    if (!best)
      continue;
    bool longer = false;
    for (size_t a = 0; a < c->m.nactors && !longer; a++)
      longer = c->m.actors[a].t0 == i && c->m.actors[a].t1 >= best_end;
    if (longer)
      continue;
    actor_m *out = casus__arena_alloc(&c->d->arena,
                                      (c->m.nactors + 1) * sizeof *out);
    if (!out)
      return CASUS_ENOMEM;
    size_t n = 0;
    bool put = false;
    actor_m na = {0};
    na.t0 = i;
    na.t1 = best_end;
    na.iso3 = best->x->iso3;
    na.role = best->x->code;
    if (best->x->dated)
      casus__lex_dated(best->x, c->d->published, &na.iso3, &na.role);
    na.rule = best->x->rule;
    na.evdate = -1;
    na.sent = c->si + 1;
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (x->t0 >= i && x->t0 < best_end && x->t0 - i < 64 &&
          (best_words >> (x->t0 - i) & 1))
        continue; /* on the phrase's words */
      if (!put && x->t0 >= i) {
        if (na.iso3) /* a null code ("[--- <950630]"): a noun */
          out[n++] = na;
        put = true;
      }
      out[n++] = *x;
    }
    if (!put && na.iso3)
      out[n++] = na;
    c->m.actors = out;
    c->m.nactors = n;
    i = best_end - 1;
  }
  return CASUS_OK;
}

/* TABARI's passive voice: a verb at I after a form of "be" and followed,
 * past an adverb, by "by" ("Eriador was opposed earlier by Osgiliath")
 * codes the actor after "by" as the source, the subject as the target:
 * swaps M's roles. */
void casus__tabari_passive(const coder *c, match *m, uint32_t i) {
  if (!m->slot[0] || !m->slot[1] || !casus__passive_at(c, i))
    return;
  uint32_t k = i + 1;
  while (k < c->n && k < i + 3 && !tok_is(c, k, "by") &&
         (c->t[k].flags & CASUS_TOK_WORD) && !c->ti[k].lex)
    k++;
  if (!tok_is(c, k, "by") || m->slot[1]->t0 != k + 1 ||
      m->slot[0]->t1 > i)
    return;
  const actor_m *t = m->slot[0];
  m->slot[0] = m->slot[1];
  m->slot[1] = t;
}

/* TABARI's skip "^" before a target ("WARN - * AT ^ +"): the phrase at
 * token I is skipped, actor and all ("warned at the Gondor of the Prince
 * of Dol_Amroth": the target is Dol_Amroth).  Returns the token after
 * the first actor that starts within three tokens of I (and its "of"
 * actor: "the leaders of Gondor"), else I. */
uint32_t casus__dict_skip(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *x = &c->m.actors[a];
    if (x->t0 >= i && x->t0 <= i + 3) {
      /* "the leaders of Gondor": the noun phrase */
      const actor_m *y = a + 1 < c->m.nactors ? x + 1 : NULL;
      if (y && tok_is(c, x->t1, "of") && y->t0 == x->t1 + 1)
        return y->t1;
      return x->t1;
    }
    if (x->t0 > i + 3)
      break;
  }
  return i;
}
