/* attrib.c -- who a text says reports an event: "according to X", "X
 * said/reported/claimed", "Iranian state media reported that ..."; and the
 * quotations of a doc with their speakers (like GDELT GKG quotations).  One
 * implementation for the coder (each event of a doc, suppressed ones
 * included, gets the attribution of the first of its mentions' sentences
 * that names one, else of the sentence nearest its first mention in the
 * paragraph) and the fuser (which copies the event's).  The code of the
 * source comes from the engine's lexicon: the country of a country form
 * and the agent of a role phrase ("Pakistan's foreign ministry" ->
 * PAKGOV). */
#include "engine_int.h"

#include <stdio.h>
#include <string.h>

/* True when token T is a reporting verb. */
static bool say_word(const casus_token *t) {
  if (t->nlen < 3 || t->nlen > 9)
    return false;
  switch (t->norm[0]) { /* the initials of the words below (speed) */
  case 's': case 'r': case 't': case 'a': case 'c': case 'q': case 'w':
    break;
  default:
    return false;
  }
  static const char *const words[] = {
      "said", "says", "say", "reported", "reports", "told", "announced",
      "claimed", "claims", "stated", "confirmed", "quoted", "cited",
      "wrote", "writes", "reads"};
  for (size_t k = 0; k < CASUS_ARRAY_LEN(words); k++)
    if (t->norm[0] == words[k][0] && !strcmp(t->norm, words[k]))
      return true;
  return false;
}

/* True when token T's folded form is W. */
static bool tok_is(const casus_token *t, const char *w) {
  return t->norm[0] == w[0] && !strcmp(t->norm, w); /* speed: 1st byte */
}

/* True when token T is a role word of the engine ("officials"). */
static bool role_word(const casus_engine *e, const casus_token *t) {
  if (!e)
    return false;
  for (const lex_entry *x = casus__map_get(e->lex, t->norm, t->nlen); x;
       x = x->next)
    if (x->kind == LX_ROLE)
      return true;
  return false;
}

/* Finds in sentence SI of D a reporting source: "according to X" or
 * "X said/reported" where X has a name or a role word; its token span
 * in *T0, *T1 (doc token indexes).  E (may be NULL) knows the roles. */
static bool attr_in(const casus_engine *en, const casus_doc *d, size_t si,
                    uint32_t *t0, uint32_t *t1) {
  const casus_sentence *s = &d->seg.sents[si];
  const casus_token *t = d->seg.toks + s->tok;
  uint32_t n = s->ntok;
  for (uint32_t i = 0; i + 2 < n; i++) {
    if (!tok_is(&t[i], "according") || !tok_is(&t[i + 1], "to"))
      continue;
    uint32_t j = i + 2, k = j;
    if (j < n && tok_is(&t[j], "the"))
      j++, k++;
    while (k < n && k < j + 8 && !(t[k].flags & CASUS_TOK_PUNCT))
      k++;
    if (k > j) {
      *t0 = s->tok + j;
      *t1 = s->tok + k;
      return true;
    }
  }
  static const char *const stop[] = {"what", "that", "which", "who",
                                     "and", "but", "while", "as", "if"};
  static const char *const pron[] = {"it", "he", "she", "they", "we", "i"};
  static const char *const cut[] = {"in", "on", "at", "late", "earlier",
                                    "also", "had", "has", "have", "was"};
  for (uint32_t i = 1; i < n; i++) {
    if (!say_word(&t[i]))
      continue;
    bool pronoun = false;
    for (size_t k = 0; k < CASUS_ARRAY_LEN(pron); k++)
      pronoun |= tok_is(&t[i - 1], pron[k]);
    if (pronoun)
      continue; /* "what it said were": the actor speaking, no source */
    uint32_t j = i;
    for (; j > 0 && i - j < 14; j--) {
      const casus_token *p = &t[j - 1];
      bool halt = (p->flags & (CASUS_TOK_PUNCT | CASUS_TOK_QUOTE)) != 0;
      for (size_t k = 0; k < CASUS_ARRAY_LEN(stop) && !halt; k++)
        halt = tok_is(p, stop[k]);
      if (halt)
        break;
    }
    if (j < i && (tok_is(&t[j], "the") || tok_is(&t[j], "a")))
      j++;
    uint32_t e = i;
    for (uint32_t k = j + 1; k < e; k++) /* "X in a statement said" */
      for (size_t c = 0; c < CASUS_ARRAY_LEN(cut); c++)
        if (tok_is(&t[k], cut[c]))
          e = k;
    bool cap = false;
    for (uint32_t k = j; k < e; k++)
      cap |= (t[k].flags & CASUS_TOK_CAP) != 0 || role_word(en, &t[k]);
    if (cap && e > j) {
      *t0 = s->tok + j;
      *t1 = s->tok + e;
      return true;
    }
  }
  return false;
}

/* The CAMEO code of the words [T0, T1) of D: the country of a country
 * form and the agent of a role phrase, looked up in the engine. */
static void attr_code(const casus_engine *e, const casus_doc *d, uint32_t t0,
                      uint32_t t1, char *out, size_t cap) {
  const char *iso3 = NULL, *role = NULL;
  for (uint32_t i = t0; i < t1; i++) {
    char key[128];
    size_t kl = 0;
    for (uint32_t n = 0; n < 3 && i + n < t1; n++) {
      const casus_token *t = &d->seg.toks[i + n];
      if (kl + t->nlen + 2 >= sizeof key)
        break;
      if (n)
        key[kl++] = ' ';
      memcpy(key + kl, t->norm, t->nlen);
      kl += t->nlen;
      key[kl] = '\0';
      for (const lex_entry *x = casus__map_get(e->lex, key, kl); x;
           x = x->next) {
        if (x->kind == LX_COUNTRY && !iso3)
          iso3 = x->iso3;
        else if (x->kind == LX_ROLE && (!role || n > 0))
          role = x->code;
      }
    }
  }
  /* as snprintf "%s%s" would, without it (speed) */
  size_t n = 0;
  for (const char *p = iso3 ? iso3 : ""; *p && n + 1 < cap; p++)
    out[n++] = *p;
  for (const char *p = role ? role : ""; *p && n + 1 < cap; p++)
    out[n++] = *p;
  if (cap)
    out[n] = '\0';
}

/* attr_in through MEMO (NULL: none). */
static bool attr_cached(const casus_engine *e, const casus_doc *d,
                        casus_attr_memo *memo, size_t si, uint32_t *t0,
                        uint32_t *t1) {
  if (!memo)
    return attr_in(e, d, si, t0, t1);
  if (!memo[si].state) {
    bool found = attr_in(e, d, si, &memo[si].t0, &memo[si].t1);
    memo[si].state = found ? 2 : 1;
  }
  *t0 = memo[si].t0;
  *t1 = memo[si].t1;
  return memo[si].state == 2;
}

/* Fills OUT from the token span [T0, T1) of D (strings in ARENA). */
static int attr_fill(const casus_engine *e, const casus_doc *d, uint32_t t0,
                     uint32_t t1, casus_arena *arena, const char *article,
                     casus_attribution *out) {
  uint32_t b = d->seg.toks[t0].start, end = d->seg.toks[t1 - 1].end;
  out->name = casus__arena_strndup(arena, d->clean.text + b, end - b);
  out->article = article;
  out->start = b;
  out->end = end;
  if (e) {
    char code[32];
    attr_code(e, d, t0, t1, code, sizeof code);
    out->code = *code ? casus__arena_strndup(arena, code, strlen(code))
                      : NULL;
    if (*code && !out->code)
      return CASUS_ENOMEM;
  }
  return out->name ? CASUS_OK : CASUS_ENOMEM;
}

int casus__attribution(const casus_engine *e, const casus_doc *d, size_t si,
                       casus_attr_memo *memo, casus_arena *arena,
                       const char *article, casus_attribution *out,
                       int *found) {
  memset(out, 0, sizeof *out);
  *found = 0;
  if (si >= d->seg.nsents)
    return CASUS_OK;
  size_t p0 = si, p1 = si;
  while (p0 > 0 && d->seg.sents[p0].ntok &&
         !(d->seg.toks[d->seg.sents[p0].tok].flags & CASUS_TOK_PARA))
    p0--;
  while (p1 + 1 < d->seg.nsents && d->seg.sents[p1 + 1].ntok &&
         !(d->seg.toks[d->seg.sents[p1 + 1].tok].flags & CASUS_TOK_PARA))
    p1++;
  uint32_t t0 = 0, t1 = 0;
  bool hit = false;
  for (size_t dist = 0; !hit && dist <= p1 - p0; dist++) {
    if (si >= p0 + dist && d->seg.sents[si - dist].ntok)
      hit = attr_cached(e, d, memo, si - dist, &t0, &t1);
    if (!hit && dist && si + dist <= p1 && d->seg.sents[si + dist].ntok)
      hit = attr_cached(e, d, memo, si + dist, &t0, &t1);
  }
  if (!hit)
    return CASUS_OK;
  int rc = attr_fill(e, d, t0, t1, arena, article, out);
  *found = !rc;
  return rc;
}

/* The attribution of EV: the first of its mentions' sentences that names
 * a source ("Iranian state media reported that ... were among the nine
 * killed" elaborates the strike), else the paragraph of its first. */
static int event_attribution(const casus_engine *e, casus_doc *d,
                             casus_attr_memo *memo, const casus_event *ev,
                             casus_attribution *out, int *found) {
  for (size_t k = 0; k < ev->n_mentions; k++) {
    uint32_t si = ev->mentions[k].sentence, t0, t1;
    if (si < d->seg.nsents && d->seg.sents[si].ntok &&
        attr_cached(e, d, memo, si, &t0, &t1)) {
      memset(out, 0, sizeof *out);
      int rc = attr_fill(e, d, t0, t1, &d->arena, d->article_id, out);
      *found = !rc;
      return rc;
    }
  }
  return casus__attribution(e, d, ev->mentions[0].sentence, memo, &d->arena,
                            d->article_id, out, found);
}

int casus__attribute_events(const casus_engine *e, casus_doc *d) {
  if (!d->seg.nsents || (!d->nevents && !d->nsuppressed))
    return CASUS_OK;
  casus_attr_memo *memo = casus__calloc(d->seg.nsents, sizeof *memo);
  if (!memo)
    return CASUS_ENOMEM;
  int rc = CASUS_OK;
  for (int pass = 0; pass < 2 && !rc; pass++) {
    casus_event *evs = pass ? d->suppressed : d->events;
    size_t n = pass ? d->nsuppressed : d->nevents;
    for (size_t i = 0; i < n && !rc; i++) {
      casus_event *ev = &evs[i];
      if (!ev->n_mentions)
        continue;
      casus_attribution a;
      int found = 0;
      rc = event_attribution(e, d, memo, ev, &a, &found);
      if (rc || !found)
        continue;
      casus_attribution *p = casus__arena_alloc(&d->arena, sizeof *p);
      if (!p) {
        rc = CASUS_ENOMEM;
        break;
      }
      *p = a;
      ev->attribution = p;
    }
  }
  casus__free(memo);
  return rc;
}

/* ---------------------------------------------------------------- quotes */

/* The quote-mark kind of token T: 1 opens (U+201C), 2 closes (U+201D), 3
 * either (an ASCII '"'), 0 no double quote (an apostrophe, a single
 * quote). */
static int quote_kind(const casus_doc *d, const casus_token *t) {
  if (!(t->flags & CASUS_TOK_QUOTE))
    return 0;
  const unsigned char *p = (const unsigned char *)d->clean.text + t->start;
  size_t n = t->end - t->start;
  if (n == 1 && p[0] == '"')
    return 3;
  if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 &&
      (p[2] == 0x9C || p[2] == 0x9E))
    return 1; /* “ „ */
  if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x9D)
    return 2; /* ” */
  if (n == 2 && p[0] == 0xC2 && p[1] == 0xAB)
    return 1; /* « */
  if (n == 2 && p[0] == 0xC2 && p[1] == 0xBB)
    return 2; /* » */
  return 0;
}

/* The index of the sentence holding doc token K (sentences are in token
 * order). */
static size_t sentence_of(const casus_doc *d, uint32_t k) {
  size_t lo = 0, hi = d->seg.nsents;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (d->seg.sents[mid].tok <= k)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Words in [T0, T1) of D that are words (not marks): a quotation has at
 * least QUOTE_MIN_WORDS, a scare-quoted term ("espionage centre") fewer. */
#define QUOTE_MIN_WORDS 4
static int words_in(const casus_doc *d, uint32_t t0, uint32_t t1) {
  int n = 0;
  for (uint32_t k = t0; k < t1; k++)
    n += (d->seg.toks[k].flags & (CASUS_TOK_WORD | CASUS_TOK_NUM)) != 0;
  return n;
}

/* Adds the quotation [T0, T1) (doc tokens, marks excluded) to D with its
 * speaker: who the sentence holding its end, else its start, says spoke
 * ("..., the ministry said", "X said: \"...\""). */
static int add_quote(const casus_engine *e, casus_doc *d,
                     casus_attr_memo *memo, uint32_t t0, uint32_t t1,
                     size_t *cap) {
  if (t1 <= t0 || words_in(d, t0, t1) < QUOTE_MIN_WORDS)
    return CASUS_OK;
  if (casus__grow((void **)&d->quotes, cap, d->nquotes + 1,
                  sizeof *d->quotes))
    return CASUS_ENOMEM;
  casus_quote *q = &d->quotes[d->nquotes++];
  memset(q, 0, sizeof *q);
  q->start = d->seg.toks[t0].start;
  q->end = d->seg.toks[t1 - 1].end;
  size_t s1 = sentence_of(d, t1 - 1), s0 = sentence_of(d, t0);
  /* the sentence after the quote when it closes the sentence: '"...."
   * the ministry said.' is one sentence; '"...". He said' is not ours */
  uint32_t a0 = 0, a1 = 0;
  bool hit = attr_cached(e, d, memo, s1, &a0, &a1);
  if (hit && a0 >= t0 && a0 < t1)
    hit = false; /* the "X said" is inside the quotation */
  if (!hit && s0 != s1) {
    hit = attr_cached(e, d, memo, s0, &a0, &a1);
    if (hit && a0 >= t0 && a0 < t1)
      hit = false;
  }
  if (!hit)
    return CASUS_OK;
  casus_attribution a;
  memset(&a, 0, sizeof a);
  int rc = attr_fill(e, d, a0, a1, &d->arena, d->article_id, &a);
  if (rc)
    return rc;
  q->speaker = a.name;
  q->speaker_code = a.code;
  q->speaker_start = a.start;
  q->speaker_end = a.end;
  return CASUS_OK;
}

int casus__find_quotes(const casus_engine *e, casus_doc *d) {
  if (!d->seg.ntoks || !d->seg.nsents)
    return CASUS_OK;
  casus_attr_memo *memo = casus__calloc(d->seg.nsents, sizeof *memo);
  if (!memo)
    return CASUS_ENOMEM;
  int rc = CASUS_OK;
  size_t cap = 0;
  bool open = false;
  uint32_t from = 0;
  for (uint32_t k = 0; k < d->seg.ntoks && !rc; k++) {
    const casus_token *t = &d->seg.toks[k];
    if ((t->flags & CASUS_TOK_PARA) && open) {
      /* a quotation running to the end of its paragraph (the next one
       * reopens it, as wire copy does) */
      rc = add_quote(e, d, memo, from, k, &cap);
      open = false;
    }
    int q = rc ? 0 : quote_kind(d, t);
    if (!q)
      continue;
    if (open && q != 1) {
      rc = add_quote(e, d, memo, from, k, &cap);
      open = false;
    } else if (q != 2) {
      open = true;
      from = k + 1;
    }
  }
  if (open && !rc)
    rc = add_quote(e, d, memo, from, (uint32_t)d->seg.ntoks, &cap);
  casus__free(memo);
  return rc;
}
