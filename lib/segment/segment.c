/* segment.c -- splits the kept paragraphs of a document into sentences and
 * tokens.
 *
 * Each kept paragraph is tokenized (tokenize.c) and run through ICU's
 * sentence break iterator ("en_US@ss=standard"), over a UTF-16 copy that
 * maps each unit back to its byte offset (over the UTF-8 bytes via
 * utext_openUTF8 when they are not well-formed), so boundaries are byte
 * offsets.  ICU's boundaries are
 * moved to the next token start, then fixed up with the abbreviation
 * classes of data/abbreviations.txt (see its header):
 * - after an abbreviation token, no break before a word that starts with a
 *   lower-case letter or a digit, nor after a title, month or numeric
 *   abbreviation; after an acronym ("U.S.") a break only before a
 *   capitalized sentence starter ("The"); after "other" ("etc.") a break
 *   before any capitalized word;
 * - no break between "?" or "!" (and closing quotes) and a lower-case word:
 *   '"Why?" he asked.' is one sentence.
 * Invariants: a sentence never crosses a kept paragraph; sentences are
 * contiguous runs of tokens in text order, and a sentence's span runs from
 * its first token's start to its last token's end (so it is trimmed). */
#include "segment_int.h"

#include <string.h>
#include <unicode/utext.h>

typedef struct sents {
  casus_sentence *v;
  size_t n, cap;
} sents;

/* Returns a sentence iterator in *OUT (ubrk_close it): a clone of AB's
 * prototype, or a new one when AB is NULL.  Returns 0 or a CASUS_E* code. */
static int iter_open(const casus_abbrev *ab, UBreakIterator **out,
                     casus_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  if (ab && ab->proto)
    *out = ubrk_clone(ab->proto, &st);
  else
    *out = ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0, &st);
  if (U_FAILURE(st)) {
    *out = NULL;
    return casus__err(err, st == U_MEMORY_ALLOCATION_ERROR ? CASUS_ENOMEM
                                                           : CASUS_EDATA,
                      NULL, 0, "ICU sentence iterator: %s", u_errorName(st));
  }
  return CASUS_OK;
}

/* A paragraph in UTF-16 for ICU, with the byte offset of each unit:
 * ICU's iterator reads UTF-16 directly, while over UTF-8 (utext_openUTF8)
 * it converts chunk by chunk, which cost a third of its time.  Scratch of
 * one casus__segment call (so per document and thread). */
typedef struct u16text {
  UChar *u;
  uint32_t *off;  /* off[i]: bytes before unit i; off[len]: all of them */
  size_t ucap, ocap, len;
} u16text;

/* Converts P[0..N) to UTF-16 in U.  Returns 0, CASUS_ENOMEM, or 1 when P
 * is not well-formed UTF-8 (no overlong forms, surrogates or values above
 * U+10FFFF): ICU then reads the bytes itself and decides what they are. */
static int to_utf16(u16text *u, const char *p, size_t n) {
  if (casus__grow((void **)&u->u, &u->ucap, n + 1, sizeof *u->u) ||
      casus__grow((void **)&u->off, &u->ocap, n + 1, sizeof *u->off))
    return CASUS_ENOMEM;
  const unsigned char *s = (const unsigned char *)p;
  size_t i = 0, k = 0;
  while (i < n) {
    if (n - i >= 8) { /* eight ASCII bytes: one unit each */
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ULL)) {
        for (size_t j = 0; j < 8; j++) {
          u->off[k + j] = (uint32_t)(i + j);
          u->u[k + j] = s[i + j];
        }
        i += 8;
        k += 8;
        continue;
      }
    }
    uint32_t c = s[i];
    size_t l = 1;
    if (c >= 0x80) {
      uint32_t min;
      if (c >= 0xC2 && c <= 0xDF) {
        l = 2, c &= 0x1F, min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        l = 3, c &= 0x0F, min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        l = 4, c &= 0x07, min = 0x10000;
      } else {
        return 1;
      }
      if (n - i < l)
        return 1;
      for (size_t j = 1; j < l; j++) {
        if ((s[i + j] & 0xC0) != 0x80)
          return 1;
        c = (c << 6) | (s[i + j] & 0x3Fu);
      }
      if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 1;
    }
    u->off[k] = (uint32_t)i;
    if (c >= 0x10000) {
      u->u[k++] = (UChar)(0xD7C0 + (c >> 10));
      u->off[k] = (uint32_t)i;
      u->u[k++] = (UChar)(0xDC00 | (c & 0x3FF));
    } else {
      u->u[k++] = (UChar)c;
    }
    i += l;
  }
  u->off[k] = (uint32_t)n;
  u->len = k;
  return CASUS_OK;
}

/* True when ICU surely finds no boundary in P[0..N) but its end, so need
 * not be run: printable ASCII (and tabs) without any '.', '!' or '?' but
 * for one at the end, followed only by closing quotes or brackets and
 * spaces.  In UAX #29 (ICU's rules, which the abbreviation filter only
 * thins out) a sentence breaks after a terminal or a paragraph separator;
 * with neither inside there is one sentence. */
static bool one_sentence(const char *p, size_t n) {
  size_t e = n;
  while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
    e--;
  while (e > 0 && (p[e - 1] == '"' || p[e - 1] == '\'' || p[e - 1] == ')' ||
                   p[e - 1] == ']'))
    e--;
  if (e > 0 && (p[e - 1] == '.' || p[e - 1] == '!' || p[e - 1] == '?'))
    e--;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)p[i];
    if ((b < 0x20 && b != '\t') || b >= 0x7F)
      return false;
    if (i < e && (b == '.' || b == '!' || b == '?'))
      return false;
  }
  return true;
}

/* Marks in T->aux the tokens [T0, T->n) of TEXT[S..E) that start a
 * sentence according to ICU, which reads the paragraph from U (or from UT
 * over the bytes when they are not well-formed UTF-8).  Returns 0 or a
 * CASUS_E* code. */
static int icu_breaks(UBreakIterator *bi, UText *ut, u16text *u,
                      const char *text, size_t s, size_t e, seg_toks *t,
                      size_t t0, casus_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  t->aux[t0].brk = 1;
  if (one_sentence(text + s, e - s))
    return CASUS_OK;
  int conv = to_utf16(u, text + s, e - s);
  if (conv == CASUS_ENOMEM)
    return casus__err(err, CASUS_ENOMEM, NULL, 0, "out of memory");
  if (!conv && u->len > INT32_MAX)
    conv = 1;
  if (!conv) {
    ubrk_setText(bi, u->u, (int32_t)u->len, &st);
  } else {
    utext_openUTF8(ut, text + s, (int64_t)(e - s), &st);
    if (U_SUCCESS(st))
      ubrk_setUText(bi, ut, &st);
  }
  if (U_FAILURE(st))
    return casus__err(err, st == U_MEMORY_ALLOCATION_ERROR ? CASUS_ENOMEM
                                                           : CASUS_EDATA,
                      NULL, 0, "ICU sentence iterator: %s", u_errorName(st));
  size_t k = t0;
  for (int32_t b = ubrk_next(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
    if (!conv && (size_t)b > u->len)
      break;
    size_t pos = s + (conv ? (size_t)b : u->off[b]);
    while (k < t->n && t->toks[k].start < pos)
      k++;
    if (k == t->n)
      break;
    t->aux[k].brk = 1;
  }
  return CASUS_OK;
}

static bool norm_is(const seg_toks *t, size_t k, const char *s) {
  return !strcmp(t->pool + t->aux[k].noff, s);
}

/* Returns whether a sentence starts at token K, the one after abbreviation
 * token K - 1 of class CLS. */
static uint8_t after_abbrev(const casus_abbrev *ab, const seg_toks *t,
                            size_t k, int cls) {
  const casus_token *tk = &t->toks[k];
  uint8_t brk = t->aux[k].brk;
  if (tk->flags & CASUS_TOK_PUNCT)
    return brk;
  if (t->aux[k].lower || (tk->flags & CASUS_TOK_NUM))
    return 0;
  switch (cls) {
  case SEG_ACRONYM:
    return (tk->flags & CASUS_TOK_CAP) &&
           casus__abbrev_class(ab, t->pool + t->aux[k].noff, tk->nlen) ==
               SEG_STARTER;
  case SEG_OTHER:
    return (tk->flags & CASUS_TOK_CAP) ? 1 : brk;
  default:
    return 0;
  }
}

/* Returns true when token K, a lower-case word starting a sentence, comes
 * after "?" or "!" (possibly followed by closing quotes or brackets) in
 * the paragraph starting at token T0. */
static bool after_question(const seg_toks *t, size_t t0, size_t k) {
  while (k > t0) {
    k--;
    if ((t->toks[k].flags & CASUS_TOK_QUOTE) || norm_is(t, k, ")") ||
        norm_is(t, k, "]"))
      continue;
    return norm_is(t, k, "?") || norm_is(t, k, "!");
  }
  return false;
}

/* Applies the abbreviation and question-mark fix-ups to the breaks of the
 * tokens [T0, T->n) of one paragraph. */
static void fix_breaks(const casus_abbrev *ab, seg_toks *t, size_t t0) {
  for (size_t k = t0 + 1; k < t->n; k++) {
    int cls = t->aux[k - 1].cls;
    if (cls != SEG_NONE)
      t->aux[k].brk = after_abbrev(ab, t, k, cls);
    else if (t->aux[k].brk && t->aux[k].lower && after_question(t, t0, k))
      t->aux[k].brk = 0;
  }
}

/* Appends the sentences made by the breaks of tokens [T0, T->n) to SV.
 * Returns 0 or ENOMEM. */
static int add_sentences(const seg_toks *t, size_t t0, sents *sv) {
  size_t first = t0;
  for (size_t k = t0 + 1; k <= t->n; k++) {
    if (k < t->n && !t->aux[k].brk)
      continue;
    int rc = casus__grow((void **)&sv->v, &sv->cap, sv->n + 1, sizeof *sv->v);
    if (rc)
      return rc;
    casus_sentence *se = &sv->v[sv->n++];
    se->start = t->toks[first].start;
    se->end = t->toks[k - 1].end;
    se->tok = (uint32_t)first;
    se->ntok = (uint32_t)(k - first);
    first = k;
  }
  return CASUS_OK;
}

/* Sizes the scratch arrays for the kept text KEPT bytes long, so that a
 * usual article needs no reallocation (about one token per 5 bytes).
 * Returns 0 or ENOMEM. */
static int reserve(seg_toks *t, sents *sv, size_t kept) {
  size_t ntok = kept / 4 + 16, cap = 0;
  int rc = casus__grow((void **)&t->toks, &cap, ntok, sizeof *t->toks);
  if (!rc) {
    cap = 0;
    rc = casus__grow((void **)&t->aux, &cap, ntok, sizeof *t->aux);
  }
  if (!rc)
    t->cap = cap;
  if (!rc)
    rc = casus__grow((void **)&t->pool, &t->pcap, kept + ntok, 1);
  if (!rc)
    rc = casus__grow((void **)&sv->v, &sv->cap, kept / 64 + 4, sizeof *sv->v);
  return rc;
}

/* Copies the scratch arrays into arena A and fills OUT.  Returns 0 or
 * ENOMEM. */
static int finish(const seg_toks *t, const sents *sv, casus_arena *a,
                  casus_segmented *out) {
  if (!t->n)
    return CASUS_OK;
  casus_token *toks = casus__arena_alloc(a, t->n * sizeof *toks);
  char *pool = casus__arena_alloc(a, t->plen);
  casus_sentence *ss = casus__arena_alloc(a, sv->n * sizeof *ss);
  if (!toks || !pool || !ss)
    return CASUS_ENOMEM;
  memcpy(toks, t->toks, t->n * sizeof *toks);
  memcpy(pool, t->pool, t->plen);
  memcpy(ss, sv->v, sv->n * sizeof *ss);
  for (size_t i = 0; i < t->n; i++)
    toks[i].norm = pool + t->aux[i].noff;
  out->toks = toks;
  out->ntoks = t->n;
  out->sents = ss;
  out->nsents = sv->n;
  return CASUS_OK;
}

int casus__segment(const casus_abbrev *ab, const char *text, size_t len,
                   const casus_span *keep, size_t nkeep, casus_arena *a,
                   casus_segmented *out, casus_error *err) {
  seg_toks t = {0};
  sents sv = {0};
  UBreakIterator *bi = NULL;
  UText ut = UTEXT_INITIALIZER;
  u16text u16 = {0};
  int rc = CASUS_OK;
  memset(out, 0, sizeof *out);
  if (len > INT32_MAX)
    return casus__err(err, CASUS_ETOOBIG, NULL, 0,
                      "text of %zu bytes is too long to segment", len);
  if (!nkeep)
    return CASUS_OK;
  size_t kept = 0;
  for (size_t p = 0; p < nkeep; p++)
    kept += keep[p].end > keep[p].start ? keep[p].end - keep[p].start : 0;
  rc = reserve(&t, &sv, kept);
  if (!rc)
    rc = iter_open(ab, &bi, err);
  if (rc)
    goto done;
  for (size_t p = 0; p < nkeep; p++) {
    size_t s = keep[p].start, e = keep[p].end;
    if (s > e || e > len) {
      rc = casus__err(err, CASUS_EINVAL, NULL, 0,
                      "kept span %zu [%zu, %zu) is outside the text", p, s,
                      e);
      goto done;
    }
    size_t t0 = t.n;
    rc = casus__tokenize(ab, text, (uint32_t)s, (uint32_t)e, &t);
    if (!rc && t.n > t0)
      rc = icu_breaks(bi, &ut, &u16, text, s, e, &t, t0, err);
    if (rc)
      goto done;
    if (t.n == t0)
      continue;
    if (ab)
      fix_breaks(ab, &t, t0);
    rc = add_sentences(&t, t0, &sv);
    if (rc)
      goto done;
  }
  rc = finish(&t, &sv, a, out);
done:
  if (rc == CASUS_ENOMEM)
    casus__err(err, rc, NULL, 0, "out of memory");
  if (rc)
    memset(out, 0, sizeof *out);
  utext_close(&ut);
  if (bi)
    ubrk_close(bi);
  casus__seg_toks_free(&t);
  casus__free(sv.v);
  casus__free(u16.u);
  casus__free(u16.off);
  return rc;
}
