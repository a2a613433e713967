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
#include "coder_int.h"

#include <stdio.h>
#include <stdlib.h>

/* True when token P lies in a "when" clause that follows token I and
 * tells where the act happened ("killed 23 people late Sunday when they
 * blew themselves up in Tel Aviv"): "when" between them and no other
 * clause, reporting verb or comma. */
static bool when_clause(const coder *c, uint32_t i, uint32_t p) {
  bool when = false;
  for (uint32_t k = i; k < p && k < c->n; k++) {
    if (tok_is(c, k, "when"))
      when = true;
    else if (word_is(c, k, W_SAY) || tok_is(c, k, ",") ||
             (k > i && c->clause[k] != c->clause[k - 1] && !when))
      return false;
  }
  return when;
}

/* For a violent pattern whose object is no actor ("struck targets in the
 * city of Saravan"): the country of the first place after token I in the
 * match's clause, as a territory actor (arena memory), or NULL. */
static const actor_m *place_target(const coder *c, uint32_t i,
                                   const match *m) {
  for (size_t k = 0; k < c->m.nplaces; k++) {
    const place_m *p = &c->m.places[k];
    bool when = c->clause[p->t0] != m->cl && when_clause(c, i, p->t0);
    if (p->t0 < i || p->t0 >= i + TARGET_WINDOW * (when ? 2 : 1) ||
        (c->clause[p->t0] != m->cl && !when))
      continue;
    const lex_entry *x = p->within ? p->within : p->e;
    const lex_entry *ctry = x->iso2 ? casus__country2(c->e, x->iso2) : NULL;
    bool one = true; /* every reading in one country ("Abidjan") */
    for (const lex_entry *y = p->e->next; y && one; y = y->next)
      one = y->iso2 && x->iso2 && !strcmp(y->iso2, x->iso2);
    if (!ctry || (!one && !p->within))
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

/* True when ROLE is an agent whose country the text must state: armed
 * non-state groups ("gunmen" are of no country the sentence happens to
 * name) and international ones. */
static bool stateless_role(const char *role) {
  static const char *const r[] = {"REB", "INS", "SEP", "RAD", "UAF",
                                  "SPY", "PKO", "IGO", "NGO", "IMG"};
  for (size_t k = 0; k < sizeof r / sizeof *r; k++)
    if (!strcmp(role, r[k]))
      return true;
  return false;
}

/* The country entry of a place or country actor starting at token I, or
 * NULL. */
static const lex_entry *country_at(const coder *c, uint32_t i) {
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *y = &c->m.actors[a];
    if (y->t0 == i && y->iso2 && !y->pronoun && !y->pair)
      return casus__country2(c->e, y->iso2);
  }
  /* A city only after a preposition ("in Sivas"): a capitalised word
   * that is also some town's name ("President Prosper") is no place. */
  for (size_t k = 0; k < c->m.nplaces; k++) {
    const place_m *p = &c->m.places[k];
    /* a town named right after is no container: "Cumhuriyet University"
     * is not in University, Florida */
    const lex_entry *w = p->within && p->within->kind != LX_CITY
                             ? p->within
                             : NULL;
    const lex_entry *x = w ? w : p->e;
    bool sure = p->e->kind != LX_CITY || w ||
                (i > 0 && word_is(c, i - 1, W_PREP));
    bool one = true; /* every reading in one country ("Sivas") */
    for (const lex_entry *y = p->e->next; y && one && !w; y = y->next)
      one = y->iso2 && x->iso2 && !strcmp(y->iso2, x->iso2);
    if (p->t0 == i && x->iso2 && one && sure)
      return casus__country2(c->e, x->iso2);
  }
  return NULL;
}

/* True when Y is a government of this sentence at home, not one's
 * representation abroad ("the American embassy"). */
static bool home_authorities(const coder *c, const actor_m *y) {
  if (!y || !y->iso2 || !y->role || strcmp(y->role, "GOV") ||
      !own_actor(c, y))
    return false;
  for (uint32_t k = y->t0; k < y->t1 + 1 && k < c->n; k++)
    if (tok_is(c, k, "embassy") || tok_is(c, k, "embassies") ||
        tok_is(c, k, "consulate") || tok_is(c, k, "mission"))
      return false;
  return true;
}

/* True when X, an armed group of no stated country, is the TARGET of a
 * concession (ROOT 08) by the government OTHER: a government yields to
 * its own rebels ("the Mozambique government accepted demands from
 * Shona rebels"). */
static bool conceded_to(const actor_m *x, const actor_m *other, int root,
                        bool target) {
  return target && root == 8 && other && other->iso2 && other->role &&
         !strcmp(other->role, "GOV") &&
         (!strcmp(x->role, "REB") || !strcmp(x->role, "INS") ||
          !strcmp(x->role, "SEP"));
}

/* The country a role of no stated country belongs to (NULL: none): the
 * place after "in", "of" or "from" right after it ("rebels in the Ivory
 * Coast", "the president of Armenia"); for a state or civil role, else
 * the first country the sentence names outside the other participant
 * OTHER; else, in a domestic event (ROOT not a cooperative one, where
 * "President Obama" met Moroccan diplomats), the other participant's
 * country: "President Museveni banned Ugandan opposition candidates",
 * "police dispersed demonstrators" (a target: only a civil role). */
static const lex_entry *home_country(const coder *c, const actor_m *x,
                                     const actor_m *other, int root,
                                     bool target) {
  uint32_t k = x->t1;
  for (size_t a = 0; a < c->m.nactors; a++) {
    const actor_m *y = &c->m.actors[a];
    if (y->t0 == k && y->iso2 && y->rule && !strcmp(y->rule, "people.txt"))
      return casus__country2(c->e, y->iso2); /* "President Laurent Gbagbo" */
  }
  if (tok_is(c, k, "in") || tok_is(c, k, "of") || tok_is(c, k, "from")) {
    k++;
    if (tok_is(c, k, "the"))
      k++;
    const lex_entry *ce = country_at(c, k);
    if (ce)
      return ce;
  }
  /* "a newspaper based in Christian east Beirut", "a group based in
   * Trinidad": the first place within four words */
  if (tok_is(c, k, "based") && tok_is(c, k + 1, "in")) {
    for (uint32_t j = k + 2; j < k + 6 && j < c->n; j++) {
      const lex_entry *ce = country_at(c, j);
      if (ce)
        return ce;
      if (c->t[j].flags & CASUS_TOK_PUNCT)
        break;
    }
  }
  /* "militants loyal to Iraq's Al-Qaeda frontman": whom they follow */
  if (tok_is(c, x->t1, "loyal") && tok_is(c, x->t1 + 1, "to")) {
    const lex_entry *ce = country_at(c, x->t1 + 2);
    if (ce)
      return ce;
  }
  /* "Islamic fundamentalists continued their hunger strike to demand
   * the resignation of Algerian President X": protesters of no stated
   * country are of the state whose authorities they protest against */
  if (!target && root == 14 && home_authorities(c, other))
    return casus__country2(c->e, other->iso2);
  if (conceded_to(x, other, root, target))
    return casus__country2(c->e, other->iso2);
  if (stateless_role(x->role))
    return NULL;
  for (uint32_t i = 0; i < c->n; i++) {
    bool skip = (i >= x->t0 && i < x->t1) ||
                (own_actor(c, other) && i >= other->t0 && i < other->t1);
    const lex_entry *ce = skip ? NULL : country_at(c, i);
    if (ce)
      return ce;
  }
  bool civil = strcmp(x->role, "GOV") && strcmp(x->role, "MIL") &&
               strcmp(x->role, "COP");
  /* ... but facing a non-state actor of a country ("rebels in the Ivory
   * Coast dismissed an appeal from President X", "Fijian rebels will
   * release Prime Minister X") a state role is that country's */
  bool nonstate = other && other->iso2 && other->role && !other->code &&
                  strcmp(other->role, "GOV") && strcmp(other->role, "MIL") &&
                  strcmp(other->role, "COP");
  if (!other || !other->iso2 ||
      (((root >= 3 && root <= 7) || (target && !civil)) && !nonstate))
    return NULL;
  return casus__country2(c->e, other->iso2);
}

/* An ethnic group named by a nationality ("ethnic Albanians demonstrated
 * in Serbia") is of the country it lives in, not of the nation-state of
 * that name: X with the first other country the sentence names, the
 * other participant's included (an arena copy), or X when there is
 * none. */
static const actor_m *ethnic_home(coder *c, const actor_m *x) {
  for (uint32_t i = 0; i < c->n; i++) {
    bool skip = (i >= x->t0 && i < x->t1) ||
                (i > 0 && tok_is(c, i - 1, "ethnic"));
    const lex_entry *ce = skip ? NULL : country_at(c, i);
    if (!ce || !ce->iso3 || !strcmp(ce->iso3, x->iso3))
      continue;
    actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
    if (!a)
      return x;
    *a = *x;
    a->iso3 = ce->iso3;
    a->iso2 = ce->iso2;
    a->rule = "actor:ethnic+sentence-country";
    return a;
  }
  return x;
}

/* X, or when X is a role of this sentence with no country ("President
 * Yoweri Museveni", "demonstrators"), a copy (arena memory) with the
 * country home_country gives it.  OTHER is the event's other
 * participant, ROOT its CAMEO root, TARGET whether X is the target. */
static const actor_m *with_home(coder *c, const actor_m *x,
                                const actor_m *other, int root,
                                bool target) {
  if (x && x->iso3 && !x->code && own_actor(c, x) && x->t0 > 0 &&
      tok_is(c, x->t0 - 1, "ethnic"))
    return ethnic_home(c, x);
  if (!x || x->iso3 || x->code || !x->role || !own_actor(c, x) ||
      x->pronoun || x->pair || x->evnoun || x->territory)
    return x;
  const lex_entry *ce = home_country(c, x, other, root, target);
  if (!ce || !ce->iso3)
    return x;
  actor_m *a = casus__arena_alloc(&c->d->arena, sizeof *a);
  if (!a)
    return x;
  *a = *x;
  a->iso3 = ce->iso3;
  a->iso2 = ce->iso2;
  a->rule = "actor:role+sentence-country";
  return a;
}

/* True when pattern word W is a TABARI stem inside a phrase ("real~",
 * dict_tabari.c) that begins token I ("really"). */
static bool stem_of(const coder *c, uint32_t i, const char *w) {
  size_t n = strlen(w);
  if (n > 1 && w[n - 1] == '=') /* "resolution=": that word only */
    return c->t[i].nlen == n - 1 && !strncmp(c->t[i].norm, w, n - 1);
  return n > 1 && w[n - 1] == '~' && c->t[i].nlen >= n - 1 &&
         !strncmp(c->t[i].norm, w, n - 1);
}

/* True when one of EL's alternatives matches the lemmas at token I; *LEN
 * is its length in tokens. */
static bool words_at(const coder *c, const pat_elem *el, uint32_t i,
                     uint32_t *len) {
  unsigned char b = (unsigned char)c->ti[i].lemma[0];
  unsigned char nb = (unsigned char)c->t[i].norm[0]; /* TABARI stems */
  if (el->has_first && !(el->first[b >> 5] & (1u << (b & 31))) &&
      !(el->first[nb >> 5] & (1u << (nb & 31))))
    return false; /* no alternative starts with these bytes (speed) */
  for (int a = 0; a < el->nalts; a++) {
    const pat_alt *alt = &el->alts[a];
    if (i + (uint32_t)alt->n > c->n)
      continue;
    int k;
    for (k = 0; k < alt->n; k++) {
      const char *w = alt->lemmas[k];
      uint32_t t = i + (uint32_t)k;
      const char *l = c->ti[t].lemma;
      if ((l[0] != w[0] || strcmp(l, w)) &&
          (w[0] != c->t[t].norm[0] || !stem_of(c, t, w)))
        break;
    }
    if (k == alt->n) {
      *len = (uint32_t)alt->n;
      return true;
    }
  }
  return false;
}

/* True when token I is a currency sign ("$", "£", "€"). */
static bool currency(const coder *c, uint32_t i) {
  return tok_is(c, i, "$") || tok_is(c, i, "\xc2\xa3") ||
         tok_is(c, i, "\xe2\x82\xac");
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
        (ei == p->anchor || cl == m->cl || opens || p->dict)) {
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
    if (casus__dict_tabari(p) && el->gap == 3 && ei + 1 < p->nelems &&
        (p->elems[ei + 1].kind == PE_TARGET ||
         (p->elems[ei + 1].kind == PE_GAP && p->elems[ei + 1].gap == 3)))
      /* TABARI "^ +", "^ ^ +": dict_code.c */
      return match_from(c, p, ei + 1, casus__dict_skip(c, i), m);
    for (int g = casus__petr_gap_min(c, p, el, i); /* PETRARCH '^' */
         g <= el->gap && i + (uint32_t)g <= c->n; g++) {
      uint32_t j = i + (uint32_t)g;
      if (g && (j - 1 >= c->n ||
                (!p->dict && (c->clause[j - 1] != m->cl ||
                              ((c->t[j - 1].flags & CASUS_TOK_PUNCT) &&
                               !tok_is(c, j - 1, "-") &&
                               !currency(c, j - 1))))))
        break; /* a hyphen is inside a word: "a 30-day state of siege";
                  an amount: "delivered $50,000 worth of goods" */
      if (match_from(c, p, ei + 1, j, m))
        return true;
    }
    return false;
  case PE_SOURCE:
  case PE_TARGET: {
    const actor_m *ev = NULL;
    int s = el->kind == PE_SOURCE ? 0 : 1;
    uint32_t h = casus__skip_hedge(c, i);
    uint16_t cl = h > i ? c->clause[h] : m->cl;
    const actor_m *x =
        !p->dict ? casus__object_after(c, h, cl, &ev)
        : s == 1 ? casus__dict_target(c, p, h, m->t0, ei == p->nelems - 1,
                                      &ev)
                 : casus__dict_after(c, h, false, &ev);
    /* "struck targets in the city of X"; for other codes the place must
     * follow a locative preposition: "imposed a curfew in Abidjan",
     * "demonstrated in the northern city of Kirkuk". */
    if (!x && !ev && el->kind == PE_TARGET && ei == p->nelems - 1 &&
        (casus__root_of(p->cameo) >= 18 ||
         (h > 0 && word_is(c, h - 1, W_PREP)) ||
         word_is(c, casus__skip_adjuncts(c, NULL, h), W_PREP)))
      x = place_target(c, h, m);
    if (!x && ev && s == 1 && ei == p->nelems - 1) {
      m->target_ev = ev;
      return true;
    }
    /* A claimed event whose object is no actor: the accuser ("accused X
     * of shelling its territory"), else no target ("denied that it had
     * bombed the village"). */
    if (!x && s == 1 && ei == p->nelems - 1 && !p->dict &&
        casus__root_of(p->cameo) >= 14 &&
        (strcmp(casus__claim_for_root(&c->cl, casus__root_of(p->cameo)),
                "actual") ||
         strcmp(c->cl.polarity, "asserted"))) {
      if (!c->cl.patient) {
        m->open_target = true;
        return true;
      }
      x = c->cl.patient;
    }
    if (!x && p->dict && ei == p->nelems - 1 && casus__petr_one_sided(c))
      return true; /* PETRARCH require_dyad = false: one actor will do */
    if (!x)
      return false;
    m->slot[s] = x;
    uint32_t next = x->t1 > i ? x->t1 : i;
    const actor_m *y = casus__coordinated(c, x);
    for (; y; y = casus__coordinated(c, y))
      next = y->t1; /* "urged Pakistan and Iran to ..." */
    if (match_from(c, p, ei + 1, next, m))
      return true;
    /* "released Palestinian prisoners": the actor's role word is the
     * pattern's next word ("$T prisoners") */
    if (!p->dict && ei + 1 < p->nelems &&
        p->elems[ei + 1].kind == PE_WORDS && next == x->t1 &&
        x->t1 > x->t0 + 1 && x->t1 > i + 1 &&
        match_from(c, p, ei + 1, x->t1 - 1, m))
      return true;
    /* "X on Monday launched", "President Todor Zhivkov today signed" */
    uint32_t after = ei + 1 < p->nelems && !p->dict
                         ? casus__skip_adjuncts(c, x, next)
                         : next;
    if (after > next && match_from(c, p, ei + 1, after, m))
      return true;
    m->slot[s] = NULL;
    return false;
  }
  default:
    return false;
  }
}

/* True when the killing word at token I tells the toll of an attack
 * rather than an event of its own: a participle (", killing 12
 * civilians") or a verb after the sentence already coded a violent
 * event ("shelled the town and killed five"). */
static bool toll_of_attack(const coder *c, uint32_t i) {
  const casus_token *t = &c->t[i];
  if (t->nlen > 4 && !strcmp(t->norm + t->nlen - 3, "ing"))
    return true;
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *ev = &c->d->events[k];
    if (!ev->n_mentions || ev->mentions[ev->n_mentions - 1].sentence != c->si)
      break;
    if (c->work[k].root >= 18)
      return true;
  }
  return false;
}

/* True when the event of pattern P anchored at token I embeds another
 * that is coded in its own right: a threat ("threatened to strike X":
 * 138 and the strike as a threat), an intention ("will provide aid": 033
 * and the aid as future), an accusation ("accused X of shelling Y"). */
static bool embeds(const coder *c, const pattern *p, uint32_t i) {
  int root = casus__root_of(p->cameo);
  return root == 13 || (root == 3 && word_is(c, i, W_MODAL)) ||
         (root == 11 && !strcmp(c->ti[i].lemma, "accuse"));
}

/* casus__verb_reading (VERB) or casus__passive_at of anchor token I,
 * memoised in C for the patterns tried at I (speed). */
static inline bool anchor_reads(coder *c, uint32_t i, bool verb) {
  if (c->memo_tok != i || c->memo_si != c->si) {
    c->memo_tok = i;
    c->memo_si = c->si;
    c->memo_verb = c->memo_passive = -1;
  }
  int8_t *v = verb ? &c->memo_verb : &c->memo_passive;
  if (*v < 0)
    *v = (int8_t)(verb ? casus__verb_reading(c, i) : casus__passive_at(c, i));
  return *v;
}

/* casus__anchors(c->e, LEMMA), through c->anchor_memo. */
static const void *anchors_of(coder *c, const char *lemma) {
  uintptr_t h = (uintptr_t)lemma;
  size_t slot = (size_t)((h >> 3) ^ (h >> 11)) %
                CASUS_ARRAY_LEN(c->anchor_memo);
  if (c->anchor_memo[slot].lemma != lemma) {
    c->anchor_memo[slot].lemma = lemma;
    c->anchor_memo[slot].node = casus__anchors(c->e, lemma);
  }
  return c->anchor_memo[slot].node;
}

static bool try_pattern(coder *c, const pattern *p, uint32_t i, match *m) {
  if (!p->dict && word_is(c, i, W_KILL) && !c->cl.agent &&
      strcmp(c->cl.modality, "denied") && toll_of_attack(c, i))
    return false; /* but "accused X of killing", "denied killing" */
  if (p->anchor > 0 && p->elems[p->anchor - 1].kind != PE_WORDS &&
      p->elems[p->anchor - 1].kind != PE_GAP &&
      !(p->dict && (casus__dict_verb(c, i) || casus__petr_verb(c, i))) &&
      !(casus__dict_tabari(p) && casus__tabari_verb(c, i)) &&
      !anchor_reads(c, i, true))
    return false;
  if (p->dict && !casus__petr_form_ok(c, p, i)) /* "left": LEFT's block */
    return false;
  if (!casus__tabari_form_ok(c, p, i)) /* "left": LEFT_, not LEAVE */
    return false;
  if (casus__dict_tabari(p) && casus__is_verb(c->e, c->ti[i].lemma) &&
      !casus__tabari_verb(c, i))
    return false; /* "the restore", "about To Restore": a noun */
  if (p->anchor > 0 && p->elems[p->anchor - 1].kind == PE_SOURCE &&
      !casus__dict_tabari(p) && !(p->dict && casus__petr_mode(c)) &&
      anchor_reads(c, i, false))
    return false; /* casus__petr_passive, casus__tabari_passive swap roles */
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
    const actor_m *x =
        p->dict ? casus__dict_subject(c, i)
        : (c->cl.agent && el->kind == PE_SOURCE)
            ? c->cl.agent /* "accused X of V-ing": X */
            : casus__subject_of(c, i, el->kind == PE_TARGET);
    if (!x && !(p->dict && casus__petr_one_sided(c)))
      return false;
    m->slot[el->kind == PE_SOURCE ? 0 : 1] = x;
  }
  if (p->dict) {
    casus__dict_roles(c, m);
    casus__petr_passive(c, i, m);
  }
  if (casus__dict_tabari(p))
    casus__tabari_passive(c, m, i);
  return true;
}

/* Codes one event per source and target of M when they are coordinated
 * ("Saudi Arabia and Qatar urged Pakistan and Iran"). */
static int code_dyads(coder *c, const match *m, const char *modality) {
  if (m->p->dict) /* agents carried through lists: dict_code.c */
    return casus__dict_dyads(c, m, modality);
  const actor_m *targets[8];
  int nt = 0;
  targets[nt++] = m->slot[1];
  for (const actor_m *y = casus__coordinated(c, m->slot[1]); y && nt < 8;
       y = casus__coordinated(c, y))
    targets[nt++] = y;
  if (nt == 1) {
    const actor_m *y = casus__verbless_conjunct(c, m->slot[1]);
    if (y)
      targets[nt++] = y;
  }
  int rc = CASUS_OK;
  const actor_m *src = m->slot[0];
  do { /* once with an unknown source */
    match sm = *m;
    int root = casus__root_of(m->p->cameo);
    for (int k = 0; k < nt && !rc; k++) {
      const actor_m *t = with_home(c, targets[k], src, root, true);
      sm.slot[0] = with_home(c, src, t, root, false);
      rc = casus__new_event(c, &sm, t, modality);
    }
    src = src ? casus__coordinated(c, src) : NULL;
  } while (src && !rc);
  return rc;
}

/* Codes M whose target is an event noun ("condemned the strikes"): the
 * target is the author of the strikes it refers to. */
static int code_event_noun(coder *c, const match *m, const char *modality) {
  const casus_actor *ref = casus__event_referent(c, m->target_ev, m->slot[0]);
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
  return casus__new_event(c, m, &t, modality);
}

/* An actor (arena memory) for the authorities of the country of ISO3 --
 * whom a protest of no stated target is against -- with RULE as its
 * provenance, or NULL. */
static const actor_m *authorities_of(coder *c, const char *iso3,
                                     const char *rule) {
  const lex_entry *ce = iso3 ? casus__country(c->e, iso3) : NULL;
  actor_m *a = ce ? casus__arena_alloc(&c->d->arena, sizeof *a) : NULL;
  if (!a)
    return NULL;
  a->iso3 = ce->iso3;
  a->iso2 = ce->iso2;
  a->role = "GOV";
  a->evdate = -1;
  a->rule = rule;
  return a;
}

/* True when CAMEO code CODE eases or threatens political freedoms
 * (0811, 0812, 1321): done by a state to its own people. */
static bool freedoms_code(const char *code) {
  return !strcmp(code, "0811") || !strcmp(code, "0812") ||
         !strcmp(code, "1321");
}

/* The country of ISO3 as an actor of no role (arena memory), or NULL:
 * the people of a state whose freedoms its government eases or threatens
 * ("will no longer tolerate rallies", "took steps to enhance political
 * freedoms"). */
static const actor_m *country_of(coder *c, const char *iso3) {
  const lex_entry *ce = casus__country(c->e, iso3);
  actor_m *a = ce ? casus__arena_alloc(&c->d->arena, sizeof *a) : NULL;
  if (!a)
    return NULL;
  a->iso3 = ce->iso3;
  a->iso2 = ce->iso2;
  a->evdate = -1;
  a->rule = "actor:freedoms-own-country";
  return a;
}

/* True when A is a non-state actor of a country: rebels, militants,
 * the opposition, an ethnic group living there ("ethnic Albanians" of
 * Macedonia). */
static bool domestic_nonstate(const actor_m *a) {
  if (!a || !a->iso3 || a->code || a->territory || a->pronoun)
    return false;
  if (a->rule && !strcmp(a->rule, "actor:ethnic+sentence-country"))
    return true;
  static const char *const r[] = {"REB", "INS", "SEP", "RAD", "OPP"};
  for (size_t k = 0; a->role && k < sizeof r / sizeof *r; k++)
    if (!strcmp(a->role, r[k]))
      return true;
  return false;
}

/* The implicit target (arena memory, or NULL) of a targetless threat
 * (13) or military yielding (087: ceasefire, demobilization, surrender)
 * by a non-state group of a country: that country's authorities, whom
 * it fights ("ethnic Albanians have sworn to fight", "guerrillas in
 * Macedonia have been demobilized").  A state's own threat of no stated
 * target stays without one. */
static const actor_m *insurgent_target(coder *c, const match *m,
                                       const actor_m *src) {
  int root = casus__root_of(m->p->cameo);
  if ((root != 13 && strncmp(m->p->cameo, "087", 3)) ||
      !domestic_nonstate(src))
    return NULL;
  return authorities_of(c, src->iso3, "actor:insurgency-authorities");
}

/* The actor a targetless protest M by SRC is said to be against, later
 * in its clause ("threw stones during demonstrations against the alleged
 * violations by the Israeli military"): the first actor of another
 * country within eight words after "against"; else NULL. */
static const actor_m *protested_against(coder *c, const match *m,
                                        const actor_m *src) {
  for (uint32_t k = m->t1; k < c->n && c->clause[k] == m->cl; k++) {
    if (!tok_is(c, k, "against"))
      continue;
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (x->t0 <= k || x->t0 > k + 8)
        continue;
      if (casus__closed_between(c, k, x->t0) || !casus__agentive(x) ||
          x->pronoun || !x->iso3 || (src && src->iso3 &&
                                     !strcmp(src->iso3, x->iso3)))
        return NULL;
      return x;
    }
    return NULL;
  }
  return NULL;
}

/* The actor a threat M by SRC is made on the condition of ("...
 * if|unless X ..."), or NULL. */
static const actor_m *condition_actor(coder *c, const match *m,
                                      const actor_m *src) {
  for (uint32_t k = m->t1; k + 1 < c->n; k++) {
    if (word_is(c, k, W_SAY))
      break;
    if (!tok_is(c, k, "unless") && !tok_is(c, k, "if"))
      continue;
    const actor_m *ev = NULL;
    const actor_m *x = casus__object_after(c, k + 1, c->clause[k + 1], &ev);
    x = with_home(c, x, src, 13, true);
    if (x && x->iso3 && x != src && casus__agentive(x))
      return x;
    break;
  }
  return NULL;
}

/* The implicit target of a targetless match M (NULL: none).  Dissent --
 * protests (14), easing dissent (082), threats of it (133) -- is against
 * the authorities: those of the place it happens in ("demonstrated in
 * Kirkuk"), else of the protesters' own country ("Egyptian demonstrators
 * rioted").  A threat (13) made on a condition names its target there:
 * "threatened to stop the talks if the United States ...", "... unless
 * Israel rescinded". */
static const actor_m *implicit_target(coder *c, const match *m,
                                      const actor_m *src) {
  int root = casus__root_of(m->p->cameo);
  bool dissent = root == 14 || !strncmp(m->p->cameo, "082", 3) ||
                 !strncmp(m->p->cameo, "133", 3);
  if (root == 13) {
    const actor_m *x = condition_actor(c, m, src);
    if (x)
      return x;
  }
  if (freedoms_code(m->p->cameo))
    return src && src->iso3 ? country_of(c, src->iso3) : NULL;
  if (!dissent)
    return insurgent_target(c, m, src);
  const actor_m *against = protested_against(c, m, src);
  if (against)
    return against;
  const actor_m *pl = place_target(c, m->t1, m);
  if (pl)
    return authorities_of(c, pl->iso3, "actor:protest-authorities-place");
  return authorities_of(c, src ? src->iso3 : NULL,
                        "actor:protest-authorities-own");
}

/* A promise made on a condition "unless" is a threat: "Nigeria will
 * withdraw its force from Chad unless ...".  Returns P itself, or a copy
 * (arena memory) coded 130 with the id "<id>+unless". */
static const pattern *unless_threat(coder *c, const match *m) {
  const pattern *p = m->p;
  if (p->dict || casus__root_of(p->cameo) != 3)
    return p;
  uint32_t k = m->t1;
  while (k < c->n && !tok_is(c, k, "unless") && !word_is(c, k, W_SAY))
    k++;
  if (k >= c->n || !tok_is(c, k, "unless"))
    return p;
  pattern *q = casus__arena_alloc(&c->d->arena, sizeof *q);
  char id[96];
  snprintf(id, sizeof id, "%s+unless", p->id);
  const char *qid = casus__arena_strndup(&c->d->arena, id, strlen(id));
  if (!q || !qid)
    return p;
  *q = *p;
  q->id = qid;
  snprintf(q->cameo, sizeof q->cameo, "%s", "130");
  return q;
}

/* Turns match M into events, or into suppressed events when it is not
 * asserted. */
static int code_match(coder *c, match *m) {
  m->p = unless_threat(c, m);
  /* "X and Y will sign", "X and Y have not met": the claim is the verb's,
   * not the anchor's ("and") */
  if (tok_is(c, m->t0, "and") && own_actor(c, m->slot[1])) {
    uint32_t v = m->slot[1]->t1;
    while (v + 1 < m->t1 &&
           (word_is(c, v, W_MODAL) || word_is(c, v, W_NEG) ||
            word_is(c, v, W_INTENT) || tok_is(c, v, "to") ||
            !strcmp(c->ti[v].lemma, "be") ||
            !strcmp(c->ti[v].lemma, "have") || tok_is(c, v, "do") ||
            tok_is(c, v, "did") || tok_is(c, v, "does")))
      v++;
    casus__claim_at(c, v, &c->cl);
  }
  const actor_m *src = m->slot[0];
  int root = casus__root_of(m->p->cameo);
  const char *modality = m->p->dict ? c->cl.modality
                                    : casus__claim_for_root(&c->cl, root);
  m->polarity = strcmp(modality, "denied") ? c->cl.polarity : "negated";
  bool one = m->p->dict && casus__petr_one_sided(c); /* require_dyad */
  if (!m->slot[0] && !one &&
      (!m->p->sourceless || !casus__sentence_specific(c)))
    return CASUS_OK;
  if (m->slot[1] && m->slot[1]->pair) {
    const actor_m *two[2];
    int rc = CASUS_OK;
    match hm = *m;
    hm.slot[0] = with_home(c, src, NULL, root, false);
    if (casus__find_pair(c, m->slot[1]->t0, two))
      for (int k = 0; k < 2 && !rc; k++)
        rc = casus__new_event(c, &hm, two[k], modality);
    return rc;
  }
  if (m->slot[1] && m->p->reverse) { /* paired codes: both directions */
    match r = *m;
    r.p = m->p->reverse;
    r.slot[0] = m->slot[1];
    r.slot[1] = m->slot[0];
    int rc = code_dyads(c, m, modality);
    return rc || !r.slot[1] ? rc : code_dyads(c, &r, modality);
  }
  if (root == 13 && m->slot[1] && m->slot[1]->territory) {
    /* "threatened to ban voting in East Jerusalem if Hamas ran": the
     * condition names whom the threat is against, not the place */
    const actor_m *cond = condition_actor(c, m, src);
    if (cond)
      m->slot[1] = cond;
  }
  if (m->slot[1])
    return code_dyads(c, m, modality);
  match hm = *m;
  if (one) /* PETRARCH: the actor as named, no implicit target */
    return casus__new_event(c, &hm, NULL, modality);
  hm.slot[0] = with_home(c, src, NULL, root, false);
  if (m->target_ev)
    return code_event_noun(c, &hm, modality);
  /* "the workers rioted": against the authorities */
  return casus__new_event(c, &hm, implicit_target(c, &hm, hm.slot[0]),
                          modality);
}

/* True when the words of elements [EI, nelems) of P match from token I,
 * its actors left out (a TABARI discard needs none). */
static bool words_only(const coder *c, const pattern *p, int ei,
                       uint32_t i) {
  if (ei == p->nelems)
    return true;
  const pat_elem *el = &p->elems[ei];
  uint32_t len = 0;
  switch (el->kind) {
  case PE_WORDS:
    if (i < c->n && words_at(c, el, i, &len) &&
        words_only(c, p, ei + 1, i + len))
      return true;
    return el->optional && words_only(c, p, ei + 1, i);
  case PE_GAP:
    for (int g = 0; g <= el->gap && i + (uint32_t)g <= c->n; g++)
      if (words_only(c, p, ei + 1, i + (uint32_t)g))
        return true;
    return false;
  default:
    return words_only(c, p, ei + 1, i);
  }
}

/* True when a TABARI discard ("KAN_WA_MA_KAN [###]") or complexity
 * ("WHEN_PEACE_COMES [+++]") pattern matches in the sentence: TABARI
 * codes nothing in it. */
static bool dict_dropped(coder *c) {
  for (uint32_t i = 0; i < c->n; i++) {
    const void *node = casus__anchors(c->e, c->ti[i].lemma);
    while (node) {
      const pattern *p = NULL;
      node = casus__anchor_next(node, &p);
      if (p->dict && (p->cameo[0] == '#' || p->cameo[0] == '+') &&
          words_only(c, p, p->anchor, i))
        return true;
    }
  }
  return false;
}

#define STEM_LISTS 12

/* The pattern lists anchored at token I into LISTS: its lemma's, then
 * with STEMS (TABARI patterns, dict_tabari.c) those of the very word
 * ("planes=") and of the stems it begins with ("recent~" for
 * "recently"), longest first.  Returns how many. */
static int anchor_lists(coder *c, uint32_t i, bool stems,
                        const void *lists[STEM_LISTS]) {
  int n = 0;
  const void *l = anchors_of(c, c->ti[i].lemma);
  if (l)
    lists[n++] = l;
  const casus_token *t = &c->t[i];
  if (!stems || t->nlen < 3 || t->nlen > 40)
    return n;
  char k[48];
  memcpy(k, t->norm, t->nlen);
  k[t->nlen] = '=';
  k[t->nlen + 1] = '\0';
  if ((l = casus__anchors(c->e, k)) != NULL)
    lists[n++] = l;
  for (size_t len = t->nlen; len >= 3 && n < STEM_LISTS; len--) {
    memcpy(k, t->norm, len);
    k[len] = '~';
    k[len + 1] = '\0';
    if ((l = casus__anchors(c->e, k)) != NULL)
      lists[n++] = l;
  }
  return n;
}

/* Matches every pattern anchored in the sentence; for each anchor token
 * the first pattern that codes wins (patterns are ordered specific
 * first). */
static int code_sentence(coder *c) {
  if (c->e->dopt && casus__dict_short(c)) /* TABARI: MINIMUM WORDS */
    return CASUS_OK;
  int discard = casus__petr_discarded(c); /* PETRARCH discards */
  if (discard == 2)
    c->discard_story = 1;
  if (discard)
    return CASUS_OK;
  if (c->e->dopt && casus__dict_complex(c)) /* TABARI: COMPLEX: */
    return CASUS_OK;
  if (c->e->dopt && dict_dropped(c)) /* TABARI: [###], [+++] */
    return CASUS_OK;
  bool stems = casus__map_get(c->e->strings, "tabari:stems", 12) != NULL;
  for (uint32_t i = 0; i < c->n; i++) {
    uint32_t matched_end = 0;
    bool is_time = c->m.used[i] == USED_TIME; /* "on March 3": no march */
    bool cut = c->e->dopt && casus__dict_cut(c, i); /* TABARI COMMA: */
    const void *lists[STEM_LISTS];
    int nl = anchor_lists(c, i, stems, lists);
    if (nl)
      casus__claim_at(c, i, &c->cl);
    c->memo_tok = UINT32_MAX; /* nothing memoised for token I yet */
    for (int li = 0; li < nl && !matched_end; li++) {
      for (const void *node = lists[li]; node;) {
        const pattern *p = NULL;
        node = casus__anchor_next(node, &p);
        if ((is_time && !p->dict) || (cut && p->dict) ||
            (p->dict && (p->cameo[0] == '#' || p->cameo[0] == '+')))
          continue;
        match m;
        if (!try_pattern(c, p, i, &m))
          continue;
        if (p->null_code) { /* a TABARI blocker: this verb codes nothing */
          matched_end = m.t1;
          break;
        }
        bool one = p->dict && casus__petr_one_sided(c) &&
                   (m.slot[0] || m.slot[1]); /* PETRARCH require_dyad */
        if (!one && ((!m.slot[0] && !p->sourceless) ||
                     (!m.slot[1] && !m.target_ev && !p->targetless &&
                      !m.open_target)))
          continue;
        if (!casus__petr_dyad_ok(c, &m)) /* PETRARCH require_dyad */
          continue;
        size_t made = c->sent_events, held = c->d->nsuppressed;
        claim saved = c->cl;
        int rc = code_match(c, &m);
        c->cl = saved;
        if (rc)
          return rc;
        if (c->sent_events > made || c->d->nsuppressed > held) {
          matched_end = m.t1;
          if (p->dict) /* TABARI codes the first event of a clause */
            matched_end = casus__dict_clause_end(c, m.t1);
          else if (embeds(c, p, i))
            matched_end = i + 1;
          break;
        }
      }
    }
    /* Words a pattern consumed anchor nothing else ("willing to mediate"
     * is one event, not also "mediate"). */
    if (matched_end > i + 1)
      i = matched_end - 1;
  }
  return CASUS_OK;
}

static void advance_anchor(coder *c) {
  const actor_m *two[2];
  if (casus__pair_here(c, c->n, two)) {
    c->last_pair[0] = two[0];
    c->last_pair[1] = two[1];
  }
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (!t->vague && !t->after && !t->before && t->day >= 0)
      c->anchor = t->day;
  }
  for (size_t a = 0; a < c->m.nactors; a++) {
    if (casus__agentive(&c->m.actors[a]) && !c->m.actors[a].pronoun) {
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
    /* A "sentence" longer than any real one (a table, a list without
     * stops) is coded on its first SENT_MAX_TOKENS tokens only: matching
     * is quadratic in the worst case and must stay bounded. */
    casus_sentence s = d->seg.sents[si];
    if (s.ntok > SENT_MAX_TOKENS)
      s.ntok = SENT_MAX_TOKENS;
    c.s = &d->seg.sents[si];
    c.t = d->seg.toks + s.tok;
    c.n = s.ntok;
    c.sent_events = 0;
    c.ti = ti + s.tok;
    rc = casus__recognize(e, d, &s, c.ti, c.anchor, &c.m);
    for (size_t a = 0; !rc && a < c.m.nactors; a++)
      c.m.actors[a].sent = si + 1;
    if (!rc && e->dopt) /* TABARI actor phrases with gaps: dict_code.c */
      rc = casus__dict_gapped(&c);
    if (!rc)
      rc = casus__mark_clauses(&c);
    size_t before = d->nevents;
    if (!rc)
      rc = code_sentence(&c);
    if (!rc)
      rc = casus__attach_sentence_counts(&c);
    if (!rc && d->nevents == before && !c.sent_events)
      rc = casus__elaborate(&c);
    if (!rc)
      advance_anchor(&c);
  }
  casus__free(c.work);
  if (c.discard_story) { /* PETRARCH "+PHRASE": the story codes nothing */
    d->nevents = 0;
    d->nsuppressed = 0;
  }
  if (!rc)
    rc = casus__attribute_events(e, d);
  if (!rc)
    rc = casus__find_quotes(e, d);
  if (rc)
    casus__err(err, rc, d->article_id, 0, "coding failed: %s",
               casus_strerror(rc));
  return rc;
}
