/* recognize.c -- finds the actors, places, dates and counts of a sentence.
 *
 * Everything is driven by the engine's dictionaries: phrases are matched
 * longest-first on the joined token norms, then composed: a country or
 * demonym followed by role words is one actor ("Pakistan's foreign
 * ministry" = PAK GOV), a role followed by "of"/"in" and a country takes
 * that country ("the Foreign Ministry of ... Afghanistan" = AFG GOV).
 * Times are resolved against the article's publication date (and, for "a
 * day earlier", against the last date the text gave).  All mentions are
 * token spans; nothing is copied. */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEYBUF 512

typedef struct rctx {
  const casus_engine *e;
  casus_doc *d;
  const casus_token *t;  /* the sentence's tokens */
  const tok_info *ti;    /* and what the dictionaries say of them */
  uint32_t n;            /* their count */
  long pub, anchor;
  sent_m *out;
  uint8_t *used;         /* tokens consumed by times/counts */
  size_t capa, capp, capt, capc;
} rctx;

/* Joins the norms of tokens [i, i+n) with spaces into BUF. */
static size_t join(const rctx *c, uint32_t i, uint32_t n, char *buf,
                   size_t cap) {
  size_t o = 0;
  for (uint32_t k = i; k < i + n; k++) {
    const casus_token *t = &c->t[k];
    if (o + t->nlen + 2 >= cap)
      return 0;
    if (k > i)
      buf[o++] = ' ';
    memcpy(buf + o, t->norm, t->nlen);
    o += t->nlen;
  }
  buf[o] = '\0';
  return o;
}

/* Appends token I's norm to the key BUF[0..*KL) (space-separated);
 * returns false when it does not fit. */
static bool extend(const rctx *c, uint32_t i, char *buf, size_t cap,
                   size_t *kl) {
  const casus_token *t = &c->t[i];
  if (*kl + t->nlen + 2 >= cap)
    return false;
  if (*kl)
    buf[(*kl)++] = ' ';
  memcpy(buf + *kl, t->norm, t->nlen);
  *kl += t->nlen;
  buf[*kl] = '\0';
  return true;
}

static bool is_cap(const rctx *c, uint32_t i) {
  return i < c->n && (c->t[i].flags & CASUS_TOK_CAP);
}

/* True when token I's norm is W.  The first byte is compared before the
 * length: most calls fail there, without a strlen. */
static inline bool tok_is(const rctx *c, uint32_t i, const char *w) {
  return i < c->n && c->t[i].norm[0] == w[0] && c->t[i].nlen == strlen(w) &&
         !strcmp(c->t[i].norm, w);
}

static inline bool word_is(const rctx *c, uint32_t i, int cls, long *v) {
  if (i >= c->n || !(c->ti[i].cls & (1u << cls)))
    return false;
  return !v || casus__word_is(c->e, c->t[i].norm, c->t[i].nlen, cls, v);
}

/* phrase_is for a token that starts a longer phrase of class CLS. */
static uint32_t phrase_long(const rctx *c, uint32_t i, int cls, long *v) {
  char buf[KEYBUF];
  size_t kl = 0;
  uint32_t best = 0;
  if (!extend(c, i, buf, sizeof buf, &kl))
    return 0;
  /* The first token alone: its tok_info says what the maps would (it is
   * a wprefix, or we would not be here), so only a value needs a lookup. */
  if (word_is(c, i, cls, v))
    best = 1;
  for (uint32_t n = 2; n <= LEX_MAX_TOKENS && i + n <= c->n; n++) {
    if (!extend(c, i + n - 1, buf, sizeof buf, &kl))
      break;
    if (casus__word_is(c->e, buf, kl, cls, v))
      best = n;
    if (!casus__is_prefix(c->e->wprefixes, buf, kl))
      break;
  }
  return best; /* *v was set by the longest match: later misses keep it */
}

/* Longest phrase of class CLS starting at I; returns its length in tokens
 * (0: none) and its value.  Inline: most tokens start no phrase of CLS,
 * which the token's class bits tell without a call. */
static inline uint32_t phrase_is(const rctx *c, uint32_t i, int cls,
                                 long *v) {
  if (i >= c->n)
    return 0;
  uint32_t bit = 1u << cls;
  if (c->ti[i].wcls & bit)
    return phrase_long(c, i, cls, v);
  /* One word at most: its classes are known. */
  if (!(c->ti[i].cls & bit))
    return 0;
  return !v || casus__word_is(c->e, c->t[i].norm, c->t[i].nlen, cls, v);
}

/* ---------------------------------------------------------- lexicon hits */

/* Whether entry X may match tokens [I, I+N): a proper name needs a
 * capital letter somewhere ("al-Shabaab", "Turkey" but not "turkey"). */
static bool entry_ok(const rctx *c, const lex_entry *x, uint32_t i,
                     uint32_t n) {
  if (x->need_cap == 2) {
    for (uint32_t k = i; k < i + n; k++)
      if ((c->t[k].flags & CASUS_TOK_WORD) &&
          !(c->t[k].flags & CASUS_TOK_UPPER))
        return false;
  } else if (x->need_cap) {
    bool cap = false;
    for (uint32_t k = i; k < i + n && !cap; k++)
      cap = is_cap(c, k);
    if (!cap)
      return false;
  }
  /* "non-Iranian" is not an actor. */
  if (x->kind == LX_COUNTRY && i >= 2 && tok_is(c, i - 1, "-") &&
      tok_is(c, i - 2, "non"))
    return false;
  return true;
}

/* lex_at for a token that is a lexicon phrase or starts one. */
static const lex_entry *lex_from(const rctx *c, uint32_t i, uint32_t *len) {
  char buf[KEYBUF];
  size_t kl = 0;
  const lex_entry *best = NULL;
  for (uint32_t n = 1; n <= LEX_MAX_TOKENS && i + n <= c->n; n++) {
    if (!extend(c, i + n - 1, buf, sizeof buf, &kl))
      break;
    /* One token: tok_info holds its lex entries and prefix bit. */
    const lex_entry *x = n == 1 ? c->ti[i].lex
                                : casus__map_get(c->e->lex, buf, kl);
    for (; x; x = x->next) {
      if (entry_ok(c, x, i, n)) {
        *len = n;
        best = x;
        break;
      }
    }
    if (n == 1 ? !c->ti[i].prefix
               : !casus__is_prefix(c->e->prefixes, buf, kl))
      break;
  }
  return best;
}

/* The longest lexicon entry that may match at token I (its length in
 * *LEN), or NULL.  Inline: most tokens start no lexicon phrase. */
static inline const lex_entry *lex_at(const rctx *c, uint32_t i,
                                      uint32_t *len) {
  if (i >= c->n || (!c->ti[i].lex && !c->ti[i].prefix))
    return NULL;
  return lex_from(c, i, len);
}

/* ------------------------------------------------------------------ push */

#define PUSH(c, arr, cnt, cap, val)                                       \
  do {                                                                    \
    if ((cnt) + 1 > (cap)) {                                              \
      size_t nc = (cap) ? (cap) * 2 : 8;                                  \
      void *np = casus__arena_alloc(&(c)->d->arena, nc * sizeof *(arr));  \
      if (!np)                                                            \
        return CASUS_ENOMEM;                                              \
      if (cnt)                                                            \
        memcpy(np, (arr), (cnt) * sizeof *(arr));                         \
      (arr) = np;                                                         \
      (cap) = nc;                                                         \
    }                                                                     \
    (arr)[(cnt)++] = (val);                                               \
  } while (0)

/* ---------------------------------------------------------------- actors */

/* The most specific role of the run of role words that starts with X and
 * goes on at token J ("foreign ministry spokesperson"; an unknown name may
 * sit inside the run: "separatist Baloch militants"); *END is the token
 * after the run. */
static const lex_entry *role_run(const rctx *c, const lex_entry *x,
                                 uint32_t j, uint32_t *end) {
  const lex_entry *best = x;
  while (x->kind == LX_ROLE) { /* a place or event noun has no run */
    uint32_t len = 0;
    const lex_entry *y = lex_at(c, j, &len);
    if (!y && is_cap(c, j) && !(c->t[j].flags & CASUS_TOK_PUNCT)) {
      y = lex_at(c, j + 1, &len);
      len++;
    }
    if (!y || y->kind != LX_ROLE)
      break;
    if (y->rank > best->rank)
      best = y;
    j += len;
  }
  *end = j;
  return best;
}

/* Returns the role (or place or event noun) at token I, skipping up to
 * SKIP adjectives that are not actors, setting *END past its run; NULL
 * when none. */
static const lex_entry *role_after(const rctx *c, uint32_t i, int skip,
                                   uint32_t *end) {
  for (int s = 0; s <= skip && i < c->n; s++, i++) {
    uint32_t len = 0;
    const lex_entry *x = lex_at(c, i, &len);
    if (x && (x->kind == LX_ROLE || x->kind == LX_PLACENOUN ||
              x->kind == LX_EVNOUN))
      return role_run(c, x, i + len, end);
    if (x || (c->t[i].flags & (CASUS_TOK_PUNCT | CASUS_TOK_NUM)) ||
        word_is(c, i, W_CLAUSE, NULL) || word_is(c, i, W_PREP, NULL) ||
        word_is(c, i, W_DET, NULL))
      return NULL;
  }
  return NULL;
}

static int find_place_at(rctx *c, uint32_t i, uint32_t *len,
                         const lex_entry **out);
static bool doubtful_city(const rctx *c, const lex_entry *x, uint32_t i,
                          uint32_t len);

/* True when the name of candidates X, ending before token K, names a
 * war rather than a place ("its Gulf war with Iraq": not the Gulf
 * province of Papua New Guinea): followed by "war" and no country among
 * its readings ("the Iraq war" keeps Iraq). */
static bool war_name(const rctx *c, const lex_entry *x, uint32_t k) {
  if (!tok_is(c, k, "war") && !tok_is(c, k, "wars"))
    return false;
  for (; x; x = x->next)
    if (x->kind == LX_COUNTRY)
      return false;
  return true;
}

/* True when the sentence names the country of ISO2 outside token I. */
static bool names_country(const rctx *c, const char *iso2, uint32_t i) {
  for (uint32_t j = 0; j < c->n; j++)
    for (const lex_entry *z = j == i ? NULL : c->ti[j].lex; z; z = z->next)
      if (z->kind == LX_COUNTRY && z->form != CF_CAPITAL && z->iso2 &&
          !strcmp(z->iso2, iso2))
        return true;
  return false;
}

/* The country entry of a town in another country that shares the name of
 * the capital X at token I, when the sentence names that country and not
 * the capital's ("rival militias in Tripoli ... the north Lebanese
 * port": Tripoli of Lebanon, not Libya's capital); else NULL. */
static const lex_entry *namesake_town(rctx *c, const lex_entry *x,
                                      uint32_t i) {
  if (!x->iso2 || names_country(c, x->iso2, i))
    return NULL;
  uint32_t len = 0;
  const lex_entry *pl = NULL;
  if (find_place_at(c, i, &len, &pl) || len != 1)
    return NULL;
  for (const lex_entry *y = pl; y; y = y->next)
    if (y->kind == LX_CITY && y->iso2 && strcmp(y->iso2, x->iso2) &&
        names_country(c, y->iso2, i))
      return casus__country2(c->e, y->iso2);
  return NULL;
}

/* A role phrase followed, after at most two plain words, by
 * "of/in/inside [the] ... COUNTRY or PLACE" within a few tokens takes that
 * country ("militants inside Iran", "hideouts of armed groups in the
 * Sistan-Baluchistan province of Iran"); returns the token after the
 * country or place, or 0. */
static uint32_t country_after(rctx *c, uint32_t i, const lex_entry **ctry) {
  /* ... but not a verb: "the army withdrew troops from Iraq". */
  for (int skip = 0; skip < 2 && i < c->n && !is_cap(c, i) &&
                     (c->t[i].flags & CASUS_TOK_WORD) &&
                     !word_is(c, i, W_PREP, NULL) &&
                     !word_is(c, i, W_CLAUSE, NULL) &&
                     !casus__anchors(c->e, c->ti[i].lemma);
       skip++)
    i++;
  /* Not "from": "withdrew troops from Iraq" names a place left, not the
   * troops' country. */
  if (!(tok_is(c, i, "of") || tok_is(c, i, "in") || tok_is(c, i, "inside") ||
        tok_is(c, i, "within") || tok_is(c, i, "throughout") ||
        tok_is(c, i, "across")))
    return 0;
  for (uint32_t j = i + 1; j < c->n && j <= i + 6; j++) {
    if ((c->t[j].flags & CASUS_TOK_PUNCT && !tok_is(c, j, "-")) ||
        word_is(c, j, W_SAY, NULL) || word_is(c, j, W_CLAUSE, NULL) ||
        casus__anchors(c->e, c->ti[j].lemma))
      return 0; /* "officials in Karachi said Iranian forces..." */
    uint32_t len = 0;
    const lex_entry *x = lex_at(c, j, &len);
    if (x && x->kind == LX_COUNTRY && x->form != CF_DEMONYM) {
      const lex_entry *town =
          len == 1 && x->form == CF_CAPITAL ? namesake_town(c, x, j) : NULL;
      *ctry = town ? town : x;
      return j + len;
    }
    uint32_t l2 = 0;
    const lex_entry *pn = x && x->form == CF_DEMONYM ? lex_at(c, j + len, &l2)
                                                     : NULL;
    if (pn && pn->kind == LX_PLACENOUN) { /* "in the Iranian city of X" */
      *ctry = x;
      return j + len + l2;
    }
    if (x && x->kind != LX_ADMIN1 && x->kind != LX_CITY)
      continue;
    const lex_entry *pl = NULL;
    if (is_cap(c, j))
      find_place_at(c, j, &len, &pl);
    /* "the government of President Prosper Avril": a town's name right
     * after a title is the holder's name */
    const lex_entry *title =
        j > 0 && is_cap(c, j - 1) ? c->ti[j - 1].lex : NULL;
    if (pl && pl->kind == LX_CITY && title && title->kind == LX_ROLE)
      continue;
    if (pl && (pl->kind == LX_ADMIN1 || pl->kind == LX_CITY) && !pl->next &&
        !doubtful_city(c, pl, j, len) && !war_name(c, pl, j + len)) {
      const lex_entry *ce = casus__country2(c->e, pl->iso2);
      if (ce) {
        *ctry = ce;
        return j + len;
      }
    }
  }
  return 0;
}

static int add_actor(rctx *c, actor_m a) {
  PUSH(c, c->out->actors, c->out->nactors, c->capa, a);
  return CASUS_OK;
}

/* Applies the ROLE word that follows an actor head at tokens [I, I+LEN)
 * (run ending at END): an agent ("Pakistan's foreign ministry"), a place
 * ("Pakistani territory") or an event the actor owns ("Iran's strikes"). */
static void apply_role(actor_m *a, const lex_entry *head,
                       const lex_entry *role, uint32_t i, uint32_t len,
                       uint32_t end) {
  a->t1 = end;
  if (role->kind == LX_PLACENOUN) {
    a->territory = 1;
    a->role = NULL;
  } else if (role->kind == LX_EVNOUN) {
    a->evnoun = a->pronoun ? 1 : 0;
    a->t1 = head->kind == LX_COUNTRY ? i + len : end;
  } else {
    a->role = role->code;
    a->rule = role->rule;
  }
}

/* "the Saudi-led coalition", "US-led forces": the leader's forces when
 * the word at token J names a military alliance or a role; A (its head
 * before J - 2) then spans it. */
static void led_force(const rctx *c, uint32_t j, actor_m *a) {
  uint32_t end = 0;
  const lex_entry *role = role_after(c, j, 1, &end);
  if (role && role->kind == LX_ROLE) {
    a->role = role->code;
    a->rule = role->rule;
    a->t1 = end;
    return;
  }
  static const char *const force[] = {"coalition", "alliance", "force",
                                      "operation", "campaign", "mission"};
  for (uint32_t k = j; k < j + 2 && k < c->n; k++)
    for (size_t f = 0; f < sizeof force / sizeof *force; f++)
      if (tok_is(c, k, force[f])) {
        a->role = "MIL";
        a->t1 = k + 1;
        return;
      }
}

static bool compass(const rctx *c, uint32_t i);
static bool compass_adj(const rctx *c, uint32_t i);

/* Composes the actor whose head is lexicon entry X at tokens [I, I+LEN).
 * Returns the token after the actor. */
static uint32_t compose(rctx *c, const lex_entry *x, uint32_t i, uint32_t len,
                        actor_m *a) {
  memset(a, 0, sizeof *a);
  a->t0 = i;
  a->t1 = i + len;
  a->evdate = -1;
  a->rule = x->rule;
  uint32_t j = i + len;
  uint32_t end = 0;
  const lex_entry *role = NULL;
  switch (x->kind) {
  case LX_COUNTRY: {
    a->iso3 = x->iso3;
    a->iso2 = x->iso2;
    a->role = x->code; /* imported dictionaries: ITHMIL is ITH + MIL */
    if (x->dated)
      casus__lex_dated(x, c->pub, &a->iso3, &a->role);
    /* "in Kabul", "in East Jerusalem", "in northern Baghdad" */
    uint32_t q = i > 1 && (compass(c, i - 1) || compass_adj(c, i - 1))
                     ? i - 1
                     : i;
    bool located = q > 0 && word_is(c, q - 1, W_PREP, NULL);
    const lex_entry *town = len == 1 && x->form == CF_CAPITAL
                                ? namesake_town(c, x, i)
                                : NULL;
    if (town) { /* Tripoli, "the north Lebanese port": a place */
      a->iso3 = town->iso3;
      a->iso2 = town->iso2;
      a->role = NULL;
      a->territory = 1;
      a->rule = "actor:namesake-town-country";
      return a->t1;
    }
    if (x->form == CF_CAPITAL && !located)
      a->role = "GOV"; /* "Tehran said": the government */
    else if (x->form == CF_CAPITAL)
      a->territory = 1; /* "a mosque in Kabul": a place */
    /* "Pakistan's high-ranking military", "Iranian state media", but not
     * "Pakistan used killer drones": a name takes adjectives before its
     * role only through a possessive. */
    bool poss = tok_is(c, j, "'s") || tok_is(c, j, "'");
    role = role_after(c, j + poss, poss || x->form == CF_DEMONYM ? 2 : 0,
                      &end);
    if (!role && tok_is(c, j, "-") && tok_is(c, j + 1, "led"))
      led_force(c, j + 2, a); /* "the Saudi-led coalition" */
    break;
  }
  case LX_GROUP:
    a->iso3 = x->iso3;
    a->iso2 = x->iso2;
    a->code = x->code;
    a->role = x->admin1;
    if (x->dated) /* people.txt: GOV while in office */
      casus__lex_dated(x, c->pub, &a->iso3, &a->role);
    if (tok_is(c, j, "(")) { /* "Hizbollah (Party of God) group" */
      uint32_t k = j + 1;
      while (k < c->n && k < j + 8 && !tok_is(c, k, ")") &&
             !tok_is(c, k, "("))
        k++;
      if (tok_is(c, k, ")") && k > j + 1 &&
          (tok_is(c, k + 1, "group") || tok_is(c, k + 1, "movement")))
        j = k + 1;
    }
    if (tok_is(c, j, "group") || tok_is(c, j, "movement") ||
        tok_is(c, j, "organization") || tok_is(c, j, "organisation"))
      a->t1 = j + 1;
    else if ((role = role_after(c, j, 0, &end)) != NULL &&
             role->kind == LX_ROLE &&
             (!strcmp(role->code, "REB") || !strcmp(role->code, "INS") ||
              !strcmp(role->code, "MIL")))
      a->t1 = end; /* "the ELN rebels", "Taliban fighters": the group */
    return a->t1;
  case LX_PRONOUN: {
    a->pronoun = 1;
    /* "its forces", "their two envoys" -- but "they will release Prime
     * Minister X" is no role of theirs. */
    const char *w = c->t[i].norm;
    bool owner = !strcmp(w, "its") || !strcmp(w, "their") ||
                 !strcmp(w, "his") || !strcmp(w, "her") || !strcmp(w, "our");
    role = owner ? role_after(c, j, 2, &end) : NULL;
    a->possessive = role != NULL && role->kind == LX_ROLE;
    break;
  }
  case LX_ROLE:
    if (!strcmp(x->code, "PAIR")) {
      a->pair = 1;
      return a->t1;
    }
    a->role = role_run(c, x, j, &a->t1)->code;
    break;
  case LX_EVNOUN:
    a->evnoun = 1;
    return a->t1;
  default:
    return a->t1;
  }
  if (role)
    apply_role(a, x, role, i, len, end);
  if (!a->iso3 && !a->pronoun && !a->evnoun) {
    const lex_entry *ctry = NULL;
    uint32_t k = country_after(c, a->t1, &ctry);
    if (k) {
      a->iso3 = ctry->iso3;
      a->iso2 = ctry->iso2;
      a->t1 = k;
    }
  }
  return a->t1;
}

/* True when the demonym X at token I is a compass adjective ("Western",
 * "Central") that names a part of the country or place right after it
 * ("Western Cambodia", "Northern Mali"), not a region. */
static bool compass_part(rctx *c, const lex_entry *x, uint32_t i) {
  if (x->kind != LX_COUNTRY || x->form != CF_DEMONYM ||
      !compass_adj(c, i) || !is_cap(c, i + 1))
    return false;
  uint32_t len = 0;
  const lex_entry *y = lex_at(c, i + 1, &len);
  if (y && y->kind == LX_COUNTRY && y->form != CF_DEMONYM)
    return true;
  const lex_entry *pl = NULL;
  return !find_place_at(c, i + 1, &len, &pl) && pl && len > 0;
}

/* True when tokens from K make a group's name a qualifier of the country
 * that follows ("NATO-member Norway", "EU-member Cyprus"). */
static bool membership(const rctx *c, uint32_t k) {
  return tok_is(c, k, "-") &&
         (tok_is(c, k + 1, "member") || tok_is(c, k + 1, "members")) &&
         k + 2 < c->n && is_cap(c, k + 2);
}

static int find_actors(rctx *c) {
  uint32_t i = 0;
  while (i < c->n) {
    uint32_t len = 0;
    const lex_entry *x = lex_at(c, i, &len);
    if (!x || x->kind == LX_ADMIN1 || x->kind == LX_CITY ||
        x->kind == LX_PLACENOUN) {
      i += len ? len : 1;
      continue;
    }
    if (len == 1 && compass_part(c, x, i)) {
      i++; /* "in Western Cambodia": no "Western powers" */
      continue;
    }
    if (x->kind == LX_GROUP && membership(c, i + len)) {
      i += len + 2; /* "NATO-member Norway": Norway */
      continue;
    }
    actor_m a;
    uint32_t next = compose(c, x, i, len, &a);
    int rc = add_actor(c, a);
    if (rc)
      return rc;
    i = next > i ? next : i + 1;
  }
  return CASUS_OK;
}

/* ---------------------------------------------------------------- places */

/* Longest place name starting at I: capitalized words joined by
 * connectors ("Sistan-o-Baluchistan", "Sistan and Baluchestan"). */
static int find_place_at(rctx *c, uint32_t i, uint32_t *len,
                         const lex_entry **out) {
  char raw[KEYBUF], key[KEYBUF], skel[KEYBUF];
  *out = NULL;
  uint32_t best = 0;
  uint32_t j = i;
  while (j < c->n && j < i + 7) {
    bool connector = tok_is(c, j, "-") || word_is(c, j, W_CONNECT, NULL);
    /* a short lowercase particle inside a name: Port-au-Prince, Cox's
     * Bazar, Mocimboa da Praia */
    if (!connector && j > i && !is_cap(c, j) && c->t[j].nlen <= 3 &&
        j + 1 < c->n && (is_cap(c, j + 1) || tok_is(c, j + 1, "-")) &&
        !word_is(c, j, W_PREP, NULL))
      connector = true;
    if (!connector && !is_cap(c, j))
      break;
    j++;
    if (connector || !is_cap(c, j - 1))
      continue;
    /* Candidate [i, j), optionally followed by a connector noun such as
     * "province" (part of the key's dropped words). */
    size_t rl = join(c, i, j - i, raw, sizeof raw);
    size_t kl = rl ? casus__place_key(c->e, raw, rl, key, sizeof key) : 0;
    if (!kl)
      continue;
    const lex_entry *x = casus__map_get(c->e->places, key, kl);
    if (!x && j - i >= 1) {
      size_t sl = casus__skeleton(key, skel, sizeof skel);
      if (sl >= 5)
        x = casus__map_get(c->e->skeletons, skel, sl);
    }
    if (x) {
      best = j - i;
      *out = x;
    }
    if (!x && !casus__is_prefix(c->e->pprefixes, key, kl))
      break; /* no place name starts this way */
  }
  *len = best;
  return CASUS_OK;
}

/* True when token I is a compass word or "outskirts" ("north of"). */
static bool compass(const rctx *c, uint32_t i) {
  return tok_is(c, i, "north") || tok_is(c, i, "south") ||
         tok_is(c, i, "east") || tok_is(c, i, "west") ||
         tok_is(c, i, "northeast") || tok_is(c, i, "northwest") ||
         tok_is(c, i, "southeast") || tok_is(c, i, "southwest") ||
         tok_is(c, i, "outskirts");
}

static bool locative(const rctx *c, uint32_t i) {
  for (uint32_t k = 1; k <= 3 && k <= i; k++) {
    uint32_t p = i - k;
    if (word_is(c, p, W_PREP, NULL))
      return true;
    /* "troops entered Kandahar", "rebels seized Goma" (by lemma) */
    const char *lemma = c->ti[p].lemma;
    if (k == 1 && lemma &&
        casus__word_is(c->e, lemma, strlen(lemma), W_PLACEVERB, NULL))
      return true;
    if (!(word_is(c, p, W_DET, NULL) || tok_is(c, p, "of") ||
          tok_is(c, p, "city") || tok_is(c, p, "town") ||
          tok_is(c, p, "village") || tok_is(c, p, "province") ||
          tok_is(c, p, "'s") || is_cap(c, p)))
      return false;
  }
  return false;
}

/* True when token I is a compass adjective ("in northern Mozambique"). */
static bool compass_adj(const rctx *c, uint32_t i) {
  static const char *const w[] = {
      "northern", "southern", "eastern", "western", "central",
      "northeastern", "northwestern", "southeastern", "southwestern"};
  for (size_t k = 0; k < CASUS_ARRAY_LEN(w); k++)
    if (tok_is(c, i, w[k]))
      return true;
  return false;
}

/* The first country (not a capital) or admin1 among the entries X, or
 * NULL. */
static const lex_entry *region_of(const lex_entry *x) {
  for (; x; x = x->next)
    if (x->kind == LX_ADMIN1 ||
        (x->kind == LX_COUNTRY && x->form != CF_CAPITAL && x->iso2))
      return x;
  return NULL;
}

/* True when every candidate of X is a city. */
static bool cities_only(const lex_entry *x) {
  for (; x; x = x->next)
    if (x->kind != LX_CITY)
      return false;
  return true;
}

/* True when some candidate of X is named by tokens [I, I+LEN) itself, not
 * by an alternate name or a form derived from its name ("Line" is
 * "Lin'e" without its apostrophe, "Control" "El Control" without its
 * article). */
static bool own_name(const rctx *c, const lex_entry *x, uint32_t i,
                     uint32_t len) {
  char raw[KEYBUF], key[KEYBUF], k2[KEYBUF];
  size_t rl = join(c, i, len, raw, sizeof raw);
  size_t kl = rl ? casus__place_key(c->e, raw, rl, key, sizeof key) : 0;
  for (; x && kl; x = x->next) {
    if (x->alt || !x->name)
      continue;
    size_t l2 = casus__place_key(c->e, x->name, strlen(x->name), k2,
                                 sizeof k2);
    if (l2 == kl && !memcmp(k2, key, kl))
      return true;
  }
  return false;
}

/* True when a locative preposition or a place verb comes right before
 * token I, with at most an article and "city/town/village of" between
 * ("in the town of X", "entered X"): the evidence a name known only by an
 * alternate or derived form needs. */
static bool locative_strict(const rctx *c, uint32_t i) {
  uint32_t p = i;
  while (p > 0 && i - p < 4 &&
         (word_is(c, p - 1, W_DET, NULL) || tok_is(c, p - 1, "city") ||
          tok_is(c, p - 1, "town") || tok_is(c, p - 1, "village") ||
          (tok_is(c, p - 1, "of") && p >= 2 &&
           (tok_is(c, p - 2, "city") || tok_is(c, p - 2, "town") ||
            tok_is(c, p - 2, "village")))))
    p--;
  if (p == 0)
    return false;
  if (word_is(c, p - 1, W_PREP, NULL))
    return true;
  const char *lemma = c->ti[p - 1].lemma;
  return lemma &&
         casus__word_is(c->e, lemma, strlen(lemma), W_PLACEVERB, NULL);
}

/* True when the city candidates X of tokens [I, I+LEN) are doubtful
 * without more evidence: a common word or given name (place_words.txt),
 * or a name known only by an alternate or derived form. */
static bool doubtful_city(const rctx *c, const lex_entry *x, uint32_t i,
                          uint32_t len) {
  if (!cities_only(x))
    return false;
  return (len == 1 && word_is(c, i, W_NOTPLACE, NULL)) ||
         !own_name(c, x, i, len);
}

/* The country or admin1 named right after the place [I, I+LEN) ("...
 * province of Iran", "Saravan, Iran", "Palma in northern Mozambique") or
 * before it ("Pakistan's Balochistan"), or NULL; *FIRM tells whether the
 * text says the place lies in it (see place_m.within_firm). */
static const lex_entry *within_at(rctx *c, uint32_t i, uint32_t len,
                                  bool *firm) {
  *firm = false;
  uint32_t k = i + len;
  while (k < c->n && (word_is(c, k, W_CONNECT, NULL)))
    k++;
  bool comma = tok_is(c, k, ",");
  bool in_of = tok_is(c, k, "of") || tok_is(c, k, "in");
  if (comma || in_of)
    k++;
  if (in_of && compass_adj(c, k))
    k++;
  uint32_t l2 = 0;
  const lex_entry *w = NULL;
  if (is_cap(c, k) && c->used[k] != USED_TIME)
    find_place_at(c, k, &l2, &w);
  if (w) {
    /* "X, Iran." / "X, Iran, ..." but not "X, Pakistan said" */
    uint32_t e = k + l2;
    bool ends = e >= c->n || tok_is(c, e, ",") || tok_is(c, e, ".") ||
                tok_is(c, e, ";") || tok_is(c, e, ")") ||
                tok_is(c, e, "province") || tok_is(c, e, "state") ||
                tok_is(c, e, "region") || tok_is(c, e, "governorate");
    *firm = region_of(w) && (in_of || (comma && ends));
    return w;
  }
  if (i >= 2 && tok_is(c, i - 1, "'s")) {
    find_place_at(c, i - 2, &l2, &w);
    if (w && l2 == 1) {
      *firm = region_of(w) != NULL;
      return w;
    }
  }
  return NULL;
}

static int find_places(rctx *c) {
  uint32_t i = 0;
  while (i < c->n) {
    uint32_t len = 0;
    const lex_entry *x = NULL;
    if (is_cap(c, i) && c->used[i] != USED_TIME) /* not "in May" */
      find_place_at(c, i, &len, &x);
    if (!x) {
      i++;
      continue;
    }
    /* Cities need a locative context; admin1 and countries do not.  A
     * name known only as an alternate that runs on into a capitalized
     * word is part of another name ("the Rapid Support Forces": "Rapid"
     * is an alternate name of Rapid City). */
    bool ok = true;
    bool only_alt = true;
    for (const lex_entry *y = x; y && only_alt; y = y->next)
      only_alt = y->alt;
    if (only_alt && i + len < c->n && is_cap(c, i + len)) {
      i += len;
      continue;
    }
    if (war_name(c, x, i + len)) {
      i += len;
      continue;
    }
    bool firm = false;
    const lex_entry *within = within_at(c, i, len, &firm);
    if (cities_only(x) && !(within && region_of(within))) {
      /* Without its country or province next to it, a common word or
       * given name is no city ("at the University", "President
       * Prosper"), and a name known only by an alternate or derived form
       * needs a preposition right before it and must not run on into
       * another name ("the Line of Control": "Line" is Lin'e, "Control"
       * El Control). */
      bool reject = len == 1 && word_is(c, i, W_NOTPLACE, NULL);
      if (!reject && doubtful_city(c, x, i, len))
        reject = !locative_strict(c, i) ||
                 (i > 1 && tok_is(c, i - 1, "of") && is_cap(c, i - 2)) ||
                 is_cap(c, i + len) ||
                 (tok_is(c, i + len, "of") && is_cap(c, i + len + 1));
      if (reject) {
        i += len;
        continue;
      }
    }
    if (x->kind == LX_CITY) {
      ok = locative(c, i);
      for (const lex_entry *y = x; y; y = y->next)
        if (y->kind != LX_CITY)
          ok = true;
    }
    if (ok) {
      place_m p = {i, i + len, x, within, 0, 0, firm};
      /* "near Saravan", "near the city of Saravan", "outside Kabul", "40
       * km north of Quetta" */
      uint32_t q = i;
      while (q >= 2 && i - q < 4 &&
             (tok_is(c, q - 1, "city") || tok_is(c, q - 1, "town") ||
              tok_is(c, q - 1, "village") || word_is(c, q - 1, W_DET, NULL) ||
              (tok_is(c, q - 1, "of") && !compass(c, q - 2))))
        q--;
      if (q < i && !tok_is(c, q - 1, "near") && !tok_is(c, q - 1, "outside"))
        q = i;
      p.near = q >= 1 && (tok_is(c, q - 1, "near") ||
                          tok_is(c, q - 1, "outside") ||
                          tok_is(c, q - 1, "nearby") ||
                          (tok_is(c, q - 1, "of") && q >= 2 &&
                           compass(c, q - 2)) ||
                          (tok_is(c, q - 1, "to") && q >= 2 &&
                           tok_is(c, q - 2, "close")) ||
                          (tok_is(c, q - 1, "from") && q >= 2 &&
                           (tok_is(c, q - 2, "km") ||
                            tok_is(c, q - 2, "kilometres") ||
                            tok_is(c, q - 2, "miles"))));
      p.admin_word = tok_is(c, i + len, "province") ||
                     tok_is(c, i + len, "region") ||
                     tok_is(c, i + len, "governorate") ||
                     tok_is(c, i + len, "state") ||
                     (len > 1 && (tok_is(c, i + len - 1, "province")));
      PUSH(c, c->out->places, c->out->nplaces, c->capp, p);
    }
    i += len;
  }
  return CASUS_OK;
}

/* ---------------------------------------------------------------- counts */

/* Parses a number at I ("9", "1,000", "nine", "twenty-one", "two
 * hundred", "a"); returns tokens used (0: none) and the value. */
static uint32_t parse_number_at(const rctx *c, uint32_t i, long *value,
                                bool allow_a) {
  const casus_token *t = &c->t[i];
  long v = 0;
  uint32_t k = i;
  if (t->flags & CASUS_TOK_NUM) {
    for (uint16_t p = 0; p < t->nlen; p++) {
      char ch = t->norm[p];
      if (ch == ',')
        continue;
      if (ch < '0' || ch > '9' || v > 100000000)
        return 0;
      v = v * 10 + (ch - '0');
    }
    k++;
  } else if ((k = i + phrase_is(c, i, W_NUMBER, &v)) > i) {
    long u; /* "nine", "a dozen", "twenty-one" */
    if (tok_is(c, k, "-") && word_is(c, k + 1, W_NUMBER, &u) && u < 10) {
      v += u;
      k += 2;
    }
  } else if (allow_a && (tok_is(c, i, "a") || tok_is(c, i, "an"))) {
    v = 1; /* "a day earlier" */
    k++;
  } else {
    return 0;
  }
  long m;
  while (word_is(c, k, W_MULT, &m)) {
    if (m <= 0 || v > 1000000000L / m)
      return 0; /* no count or date is this large */
    v *= m;
    k++;
  }
  *value = v;
  return k - i;
}

/* parse_number_at, inline for what most tokens are: no digit, no number
 * word or phrase, no "a"/"an" when ALLOW_A. */
static inline uint32_t parse_number(const rctx *c, uint32_t i, long *value,
                                    bool allow_a) {
  if (i >= c->n)
    return 0;
  uint32_t bit = 1u << W_NUMBER;
  if (!(c->t[i].flags & CASUS_TOK_NUM) &&
      !((c->ti[i].cls | c->ti[i].wcls) & bit) &&
      !(allow_a && c->t[i].norm[0] == 'a'))
    return 0;
  return parse_number_at(c, i, value, allow_a);
}

static const char *person_category(const rctx *c, uint32_t i) {
  for (const word_class *w = casus__word_classes(c->e, c->t[i].norm,
                                                 c->t[i].nlen);
       w; w = w->next)
    if (w->cls == W_PERSON)
      return w->extra ? w->extra : "people";
  return NULL;
}

/* Marks the counts of the sentence as killed when the nearest casualty
 * word is a kill word, and foreign when a foreign qualifier follows. */
static void count_context(rctx *c, count_m *m) {
  uint32_t best = UINT32_MAX;
  long kind = -1;
  for (uint32_t k = 0; k < c->n; k++) {
    long v;
    if (!word_is(c, k, W_KILL, &v))
      continue;
    uint32_t dist = k >= m->t1 ? k - m->t1 : m->t0 - k;
    if (dist < best) {
      best = dist;
      kind = v;
    }
  }
  static const char *const KINDS[] = {"killed", "wounded", "arrested",
                                      "displaced", "missing", "kidnapped"};
  m->killed = kind == 0;
  m->kind = kind >= 0 && kind < (long)CASUS_ARRAY_LEN(KINDS) ? KINDS[kind]
                                                              : NULL;
  for (uint32_t k = m->t1; k < c->n && k < m->t1 + 12; k++)
    if (word_is(c, k, W_FOREIGN, NULL) ||
        (tok_is(c, k, "non") && tok_is(c, k + 1, "-")))
      m->foreign = 1;
}

/* "dozens", "scores", "hundreds", "thousands" (before "of" or a person
 * noun): the smallest number the word allows (two dozen, two score, two
 * hundred, two thousand), else 0. */
static long vague_plural(const rctx *c, uint32_t i) {
  static const struct {
    const char *w;
    long v;
  } P[] = {{"dozens", 24}, {"scores", 40}, {"hundreds", 200},
           {"thousands", 2000}, {"tens", 20}};
  /* every word above ends in 's' */
  if (i >= c->n || !c->t[i].nlen || c->t[i].norm[c->t[i].nlen - 1] != 's')
    return 0;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(P); k++)
    if (tok_is(c, i, P[k].w))
      return P[k].v;
  return 0;
}

static int find_counts(rctx *c) {
  for (uint32_t i = 0; i < c->n; i++) {
    if (c->used[i])
      continue;
    int qual = 0;
    uint32_t q = 0;
    if ((q = phrase_is(c, i, W_ATLEAST, NULL)))
      qual = 1;
    else if ((q = phrase_is(c, i, W_APPROX, NULL)))
      qual = 2;
    else if ((q = phrase_is(c, i, W_ATMOST, NULL)))
      qual = 3;
    long v = 0;
    uint32_t nl = parse_number(c, i + q, &v, false);
    long vague = q ? 0 : vague_plural(c, i);
    if (vague) { /* "dozens of people": at least two dozen */
      v = vague;
      q = 1;
      nl = tok_is(c, i + 1, "of") ? 1 : 0;
      qual = 4;
    }
    if (!nl && !vague) {
      continue;
    }
    uint32_t j = i + q + nl;
    /* the noun: "people", "foreign nationals", "Pakistani soldiers" */
    const char *cat = NULL;
    bool foreign = false;
    uint32_t k;
    for (k = j; k < c->n && k < j + 3; k++) {
      cat = person_category(c, k);
      if (cat)
        break;
      if (word_is(c, k, W_FOREIGN, NULL))
        foreign = true;
      else if (!(c->t[k].flags & CASUS_TOK_WORD))
        break;
    }
    if (!cat) {
      i = j - 1;
      continue;
    }
    count_m m;
    memset(&m, 0, sizeof m);
    m.t0 = i;
    m.t1 = k + 1;
    m.value = v;
    m.qual = qual;
    m.category = cat;
    m.foreign = foreign;
    if (q) {
      char buf[64];
      size_t o = 0;
      for (uint32_t u = i; u < i + q && u < c->n; u++) {
        size_t l = c->t[u].nlen;
        if (o + l + 2 > sizeof buf)
          break;
        if (o)
          buf[o++] = ' ';
        memcpy(buf + o, c->t[u].norm, l);
        o += l;
      }
      m.qualifier = casus__arena_strndup(&c->d->arena, buf, o);
      if (!m.qualifier)
        return CASUS_ENOMEM;
    }
    count_context(c, &m);
    if (foreign)
      m.foreign = 1;
    PUSH(c, c->out->counts, c->out->ncounts, c->capc, m);
    for (uint32_t u = i; u <= k; u++)
      c->used[u] = USED_COUNT;
    i = k;
  }
  return CASUS_OK;
}

/* ----------------------------------------------------------------- times */

static int weekday_of(long day) { return (int)(((day + 3) % 7 + 7) % 7) + 1; }

static int add_time(rctx *c, time_m tm) {
  for (uint32_t u = tm.t0; u < tm.t1 && u < c->n; u++)
    c->used[u] = USED_TIME;
  PUSH(c, c->out->times, c->out->ntimes, c->capt, tm);
  return CASUS_OK;
}

/* The day number of D M Y into *DAY (Y 0: the year of publication, or the
 * one before when the date would fall over a week after it); false for
 * an impossible date. */
static bool dated(const rctx *c, long y, long m, long d, long *day) {
  int py, pm, pd;
  casus__civil_from_days(c->pub, &py, &pm, &pd);
  if (!y) {
    y = py;
    if (casus__days_from_civil((int)y, (int)m, (int)d) > c->pub + 7)
      y--;
  }
  char iso[16];
  snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld", y % 10000, m % 100, d % 100);
  return casus__parse_iso_date(iso, day);
}

/* "3 January [2024]", "January 3[, 2024]", "Jan. 3": returns tokens used. */
static uint32_t parse_dmy(const rctx *c, uint32_t i, long *day) {
  long d = 0, m = 0, y = 0;
  uint32_t k = i;
  uint32_t nl;
  if ((c->t[i].flags & CASUS_TOK_NUM) && word_is(c, i + 1, W_MONTH, &m)) {
    parse_number(c, i, &d, false);
    k = i + 2;
  } else if (word_is(c, i, W_MONTH, &m) && i + 1 < c->n &&
             (c->t[i + 1].flags & CASUS_TOK_NUM)) {
    parse_number(c, i + 1, &d, false);
    k = i + 2;
  } else {
    return 0;
  }
  if (d < 1 || d > 31)
    return 0;
  uint32_t yk = tok_is(c, k, ",") ? k + 1 : k;
  if (yk < c->n && (c->t[yk].flags & CASUS_TOK_NUM) &&
      (nl = parse_number(c, yk, &y, false)) && y >= 1900 && y <= 2100)
    k = yk + 1;
  return dated(c, y, m, d, day) ? k - i : 0;
}

/* "in January", "last March", "January 2023", "in 2023": month or year
 * precision, dated to its first day (a month later than the publication
 * is last year's).  Returns the tokens used (0: none). */
static uint32_t month_or_year(const rctx *c, uint32_t i, long *day,
                              const char **precision) {
  int py, pm, pd;
  long m = 0, y = 0;
  bool lead = i > 0 && word_is(c, i - 1, W_MONTHLEAD, NULL);
  bool month = word_is(c, i, W_MONTH, &m) && is_cap(c, i);
  if (!month && !lead)
    return 0; /* the common case: no calendar arithmetic */
  casus__civil_from_days(c->pub, &py, &pm, &pd);
  if (month) {
    uint32_t n = 1;
    if (i + 1 < c->n && (c->t[i + 1].flags & CASUS_TOK_NUM) &&
        parse_number(c, i + 1, &y, false) && y >= 1900 && y <= 2100)
      n = 2;
    else if (!lead)
      return 0; /* "May" alone is too often not a month */
    else
      y = py - (m > pm);
    *day = casus__days_from_civil((int)y, (int)m, 1);
    *precision = "month";
    return n;
  }
  if (lead && tok_is(c, i - 1, "in") && (c->t[i].flags & CASUS_TOK_NUM) &&
      c->t[i].nlen == 4 && parse_number(c, i, &y, false) && y >= 1900 &&
      y <= py) {
    *day = casus__days_from_civil((int)y, 1, 1);
    *precision = "year";
    return 1;
  }
  return 0;
}

/* True when a future auxiliary ("will", "'ll", "shall") comes before
 * token I in its clause: "Iran will hold talks on Monday". */
static bool future_before(const rctx *c, uint32_t i) {
  for (uint32_t k = i; k-- > 0 && k + 12 > i;) {
    if (c->t[k].flags & CASUS_TOK_PUNCT && !tok_is(c, k, "-"))
      return false;
    if (tok_is(c, k, "will") || tok_is(c, k, "'ll") || tok_is(c, k, "shall"))
      return true;
  }
  return false;
}

/* True when tokens I and I+1 touch (no space between them). */
static bool touching(const rctx *c, uint32_t i) {
  return i + 1 < c->n && c->t[i].end == c->t[i + 1].start;
}

/* A small integer token at I (digits only), else -1. */
static long small_int(const rctx *c, uint32_t i) {
  if (i >= c->n || !(c->t[i].flags & CASUS_TOK_NUM) ||
      (c->t[i].flags & CASUS_TOK_WORD) || c->t[i].nlen > 4)
    return -1;
  long v = 0;
  for (uint16_t p = 0; p < c->t[i].nlen; p++) {
    char ch = c->t[i].norm[p];
    if (ch < '0' || ch > '9')
      return -1;
    v = v * 10 + (ch - '0');
  }
  return v;
}

/* "on 13/1", "3/1/2024", "1/13/2024": a numeric date, after "on" or with
 * a year ("24/7" and "1/3 of" are not dates).  Day-first or month-first
 * is decided by a part above 12; when both parts could be the month
 * ("3/1") *DAY is -1: the date is reported ambiguous, not guessed.
 * Returns the tokens used (0: none). */
static uint32_t parse_slash(const rctx *c, uint32_t i, long *day) {
  long a = small_int(c, i);
  if (a < 1)
    return 0; /* most tokens: no need to look further */
  long b = small_int(c, i + 2), y = 0;
  if (b < 1 || !tok_is(c, i + 1, "/") || !touching(c, i) ||
      !touching(c, i + 1))
    return 0;
  uint32_t n = 3;
  if (tok_is(c, i + 3, "/") && touching(c, i + 2) && touching(c, i + 3)) {
    y = small_int(c, i + 4);
    if (y >= 0 && y < 100)
      y += 2000;
    if (y < 1900 || y > 2100)
      return 0;
    n = 5;
  }
  if (!y && !(i && tok_is(c, i - 1, "on")))
    return 0;
  long d, m;
  if (a > 12 && b <= 12) {
    d = a;
    m = b;
  } else if (b > 12 && a <= 12) {
    d = b;
    m = a;
  } else if (a == b && a <= 12) {
    d = m = a;
  } else if (a <= 12 && b <= 12) {
    *day = -1;
    return n;
  } else {
    return 0;
  }
  if (d > 31)
    return 0;
  return dated(c, y, m, d, day) ? n : 0;
}

/* A named time at token I: "3 January", "Thursday", "yesterday", "earlier
 * this week", "last month", "recently".  Fills TM (t0, precision preset);
 * returns false when there is none. */
static bool time_named(const rctx *c, uint32_t i, time_m *tm) {
  long v = 0;
  uint32_t l;
  if ((l = parse_dmy(c, i, &tm->day))) {
    tm->rule = "date:explicit";
  } else if (word_is(c, i, W_WEEKDAY, &v)) {
    bool next = i && tok_is(c, i - 1, "next");
    if (next || future_before(c, i)) {
      /* "will meet on Monday", "next Monday": the coming one */
      long ahead = (v - weekday_of(c->pub) + 7) % 7;
      if (!ahead && next)
        ahead = 7;
      tm->day = c->pub + ahead;
      tm->rule = "date:weekday-next";
    } else {
      long back = (weekday_of(c->pub) - v + 7) % 7;
      if (!back && i && tok_is(c, i - 1, "last"))
        back = 7;
      tm->day = c->pub - back;
      tm->rule = "date:weekday";
    }
    l = 1;
  } else if ((l = parse_slash(c, i, &tm->day))) {
    tm->rule = "date:numeric";
    if (tm->day < 0) { /* "3/1": 3 January or 1 March */
      tm->vague = 1;
      tm->rule = "date:ambiguous";
    }
  } else if ((l = phrase_is(c, i, W_DAYREL, &v))) {
    tm->day = c->pub + v;
    tm->rule = "date:relative-day";
  } else if ((l = phrase_is(c, i, W_WEEKREL, &v))) {
    tm->day = c->pub - (weekday_of(c->pub) - 1) + 7 * v; /* a Monday */
    tm->precision = "week";
    tm->rule = "date:relative-week";
  } else if ((l = phrase_is(c, i, W_MONTHREL, &v))) {
    int y, m, d;
    casus__civil_from_days(c->pub, &y, &m, &d);
    m += (int)v;
    if (m < 1) {
      m += 12;
      y--;
    }
    tm->day = casus__days_from_civil(y, m, 1);
    tm->precision = "month";
    tm->rule = "date:relative-month";
  } else if ((l = phrase_is(c, i, W_VAGUE, NULL))) {
    tm->vague = 1;
    tm->day = -1;
    tm->rule = "date:vague";
  } else if ((l = month_or_year(c, i, &tm->day, &tm->precision))) {
    tm->rule = "date:month-year";
  } else {
    return false;
  }
  tm->t1 = i + l;
  return true;
}

/* A relative time at token I: "two days after" (the clause that follows
 * is that much before the sentence's date), "a day earlier" (before the
 * last date the text gave), "three days ago". */
static bool time_relative(const rctx *c, uint32_t i, time_m *tm) {
  long n = 0, unit = 0;
  uint32_t l = parse_number(c, i, &n, true);
  if (!l || !word_is(c, i + l, W_UNIT, &unit))
    return false;
  uint32_t k = i + l + 1;
  if (n > 36500 / (unit > 0 ? unit : 1))
    return false; /* a century: not a date */
  tm->shift = n * unit;
  tm->t1 = k + 1;
  if (tok_is(c, k, "after")) {
    tm->after = 1;
    tm->rule = "date:n-days-after";
  } else if (tok_is(c, k, "before")) {
    tm->before = 1;
    tm->rule = "date:n-days-before";
  } else if (tok_is(c, k, "ago")) {
    tm->day = c->pub - tm->shift;
    tm->rule = "date:n-days-ago";
  } else if (tok_is(c, k, "earlier") || tok_is(c, k, "later")) {
    tm->anchor_rel = 1;
    if (tok_is(c, k, "later"))
      tm->shift = -tm->shift;
    tm->day = c->anchor - tm->shift;
    tm->rule = "date:n-days-earlier";
  } else {
    return false;
  }
  return true;
}

static int find_times(rctx *c) {
  for (uint32_t i = 0; i < c->n; i++) {
    time_m tm = {0};
    tm.t0 = i;
    tm.precision = "day";
    if (!time_named(c, i, &tm) && !time_relative(c, i, &tm))
      continue;
    int rc = add_time(c, tm);
    if (rc)
      return rc;
    i = tm.t1 - 1;
  }
  return CASUS_OK;
}

/* casus__tokens_build: the one-word keys of each map, gathered into one
 * tok_info per word (engine arena). */
typedef struct tok_build {
  casus_engine *e;
  int which;  /* 0 words, 1 lemmas, 2 lex, 3 prefixes, 4 wprefixes
                 (5: a words phrase, for its first word) */
  int rc;
} tok_build;

static void tok_gather(const char *key, size_t klen, void *value, void *ctx) {
  tok_build *b = ctx;
  if (b->rc)
    return;
  const char *sp = memchr(key, ' ', klen);
  bool phrase = sp && b->which == 0; /* sets its first word's wcls */
  if (phrase)
    klen = (size_t)(sp - key);
  else if (sp)
    return;
  void **slot = casus__map_slot(b->e->tokens, key, klen);
  tok_info *ti = slot ? *slot : NULL;
  if (slot && !ti) {
    ti = casus__arena_alloc(&b->e->arena, sizeof *ti);
    *slot = ti;
  }
  if (!ti) {
    b->rc = CASUS_ENOMEM;
    return;
  }
  switch (phrase ? 5 : b->which) {
  case 0:
    for (const word_class *w = value; w; w = w->next)
      if (w->cls >= 0 && w->cls < 32)
        ti->cls |= 1u << w->cls;
    break;
  case 5:
    for (const word_class *w = value; w; w = w->next)
      if (w->cls >= 0 && w->cls < 32)
        ti->wcls |= 1u << w->cls;
    break;
  case 1: ti->lemma = value; break;
  case 2: ti->lex = value; break;
  case 3: ti->prefix = true; break;
  default: ti->wprefix = true; break;
  }
}

int casus__tokens_build(casus_engine *e) {
  const casus_map *maps[] = {e->words, e->lemmas, e->lex, e->prefixes,
                             e->wprefixes};
  tok_build b = {e, 0, CASUS_OK};
  for (int i = 0; i < 5 && !b.rc; i++) {
    b.which = i;
    casus__map_each(maps[i], tok_gather, &b);
  }
  return b.rc;
}

int casus__tok_info(const casus_engine *e, casus_doc *d, tok_info **out) {
  tok_info *ti = casus__arena_alloc(&d->arena,
                                    sizeof *ti * (d->seg.ntoks + 1));
  if (!ti)
    return CASUS_ENOMEM;
  for (size_t i = 0; i < d->seg.ntoks; i++) {
    const casus_token *t = &d->seg.toks[i];
    const tok_info *known = casus__map_get(e->tokens, t->norm, t->nlen);
    if (known)
      ti[i] = *known;
    if (!ti[i].lemma)
      ti[i].lemma = t->norm;
  }
  *out = ti;
  return CASUS_OK;
}

int casus__recognize(const casus_engine *e, casus_doc *d,
                     const casus_sentence *s, const tok_info *ti,
                     long anchor_day, sent_m *out) {
  memset(out, 0, sizeof *out);
  rctx c = {0};
  c.e = e;
  c.d = d;
  c.ti = ti;
  c.t = d->seg.toks + s->tok;
  c.n = s->ntok;
  c.pub = d->published;
  c.anchor = anchor_day;
  c.out = out;
  c.used = casus__arena_alloc(&d->arena, c.n + 1);
  if (!c.used)
    return CASUS_ENOMEM;
  out->used = c.used;
  int rc = find_times(&c);
  if (!rc)
    rc = find_counts(&c);
  if (!rc)
    rc = find_actors(&c);
  if (!rc)
    rc = find_places(&c);
  /* An event noun's own date: "Thursday's strikes". */
  for (size_t a = 0; a < out->nactors; a++) {
    actor_m *am = &out->actors[a];
    if (!am->evnoun)
      continue;
    for (size_t t = 0; t < out->ntimes; t++)
      if (out->times[t].t1 <= am->t0 && out->times[t].t1 + 2 >= am->t0 &&
          !out->times[t].vague)
        am->evdate = out->times[t].day;
  }
  return rc;
}
