/* tokenize.c -- cuts a paragraph of cleaned UTF-8 text into tokens.
 *
 * Invariant: every byte of the paragraph that is not whitespace (Z*, Cc,
 * U+200B U+2060 U+FEFF, and other format characters between words)
 * belongs to exactly one token; tokens come in text order and never
 * overlap; each token's norm is casus__fold of its bytes.
 *
 * Rules (English news text):
 * - a word is a run of letters, digits and marks (format characters such
 *   as a soft hyphen or ZWJ count when a word character follows);
 * - an apostrophe (' U+2019 U+02BC) followed by letters joins them
 *   ("d'affaires", "O'Brien"), except the English clitics, which are their
 *   own token: 's 'd 'm 're 've 'll and n't ("don't" -> "do" "n't");
 * - a number may hold ',' or '.' between digits ("1,000", "2.5");
 *   a token starting with a digit is CASUS_TOK_NUM, one holding a letter is
 *   CASUS_TOK_WORD, so "3rd" is WORD|NUM;
 * - dotted abbreviations (1-3 letters and '.', twice or more: "U.S.",
 *   "a.m.", "Ph.D.") keep their last period, as do single capital initials
 *   ("W.") and words listed in data/abbreviations.txt ("Mr.", "Jan.");
 * - a clitic after a number or a dotted abbreviation splits off too
 *   ("1990's", "U.S.'s");
 * - anything else (hyphens, dashes, other periods, quotes, symbols) is a
 *   one-character CASUS_TOK_PUNCT token (with any marks or ZWJ emoji parts
 *   that follow it); quotes add CASUS_TOK_QUOTE;
 * - a token is at most TOK_MAX bytes: longer runs are cut. */
#include "segment_int.h"

#include <string.h>
#include <utf8proc.h>

#define TOK_MAX 256    /* longest token, in bytes */
/* casus__fold writes at most 8 code points of 4 bytes for a character of
 * 2 or more bytes (1 byte for ASCII): 16 output bytes per input byte. */
#define FOLD_GROWTH 16

enum { CH_SPACE, CH_LETTER, CH_DIGIT, CH_MARK, CH_FORMAT, CH_PUNCT };
enum { CASE_NONE, CASE_UPPER, CASE_LOWER };

typedef struct ch {
  uint8_t len;   /* bytes */
  uint8_t cls;   /* CH_* */
  uint8_t kase;  /* CASE_* for letters */
} ch;

typedef struct scan {
  const casus_abbrev *ab;
  const char *s;  /* the whole text */
  size_t end;     /* end of the paragraph */
  seg_toks *t;
  bool first;     /* the next token is the paragraph's first */
} scan;

/* ASCII classes, as {len, cls, kase} without the length. */
static const uint8_t ASCII_CLS[128] = {
#define SP CH_SPACE
#define PU CH_PUNCT
  SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
  SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP,
  SP, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, PU,
  CH_DIGIT, CH_DIGIT, CH_DIGIT, CH_DIGIT, CH_DIGIT,
  CH_DIGIT, CH_DIGIT, CH_DIGIT, CH_DIGIT, CH_DIGIT,
  PU, PU, PU, PU, PU, PU,
  PU, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, PU, PU, PU, PU, PU,
  PU, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER, CH_LETTER,
  CH_LETTER, CH_LETTER, PU, PU, PU, PU, SP,
#undef SP
#undef PU
};

/* Classifies the non-ASCII character at S[I] (I < END); invalid UTF-8
 * counts as one byte of space. */
static ch decode_slow(const char *s, size_t i, size_t end) {
  utf8proc_int32_t c;
  utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                        (utf8proc_ssize_t)(end - i), &c);
  if (k <= 0)
    return (ch){1, CH_SPACE, CASE_NONE};
  uint8_t len = (uint8_t)k;
  if (c == 0x02BC)  /* modifier letter apostrophe: treated as ' */
    return (ch){len, CH_PUNCT, CASE_NONE};
  if (c == 0x200B || c == 0x2060 || c == 0xFEFF)  /* zero-width spaces */
    return (ch){len, CH_SPACE, CASE_NONE};
  switch (utf8proc_category(c)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LT:
    return (ch){len, CH_LETTER, CASE_UPPER};
  case UTF8PROC_CATEGORY_LL:
    return (ch){len, CH_LETTER, CASE_LOWER};
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_NL:
  case UTF8PROC_CATEGORY_NO:
    return (ch){len, CH_LETTER, CASE_NONE};
  case UTF8PROC_CATEGORY_ND:
    return (ch){len, CH_DIGIT, CASE_NONE};
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
    return (ch){len, CH_MARK, CASE_NONE};
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return (ch){len, CH_SPACE, CASE_NONE};
  case UTF8PROC_CATEGORY_CF:
    return (ch){len, CH_FORMAT, CASE_NONE};
  default:
    return (ch){len, CH_PUNCT, CASE_NONE};
  }
}

/* Classifies the character at S[I] (I < END). */
static inline ch decode(const char *s, size_t i, size_t end) {
  unsigned char b = (unsigned char)s[i];
  if (b < 0x80) {
    uint8_t kase = b >= 'a' ? CASE_LOWER : b >= 'A' ? CASE_UPPER : CASE_NONE;
    return (ch){1, ASCII_CLS[b], ASCII_CLS[b] == CH_LETTER ? kase : 0};
  }
  return decode_slow(s, i, end);
}

static bool is_word_cls(int cls) {
  return cls == CH_LETTER || cls == CH_DIGIT || cls == CH_MARK;
}

/* Returns true when the punctuation at S[I..I+N) is a quotation mark. */
static bool is_quote(const char *s, size_t i, size_t n) {
  if (n == 1)
    return s[i] == '"' || s[i] == '\'' || s[i] == '`';
  utf8proc_int32_t c;
  if (utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                       (utf8proc_ssize_t)n, &c) <= 0)
    return false;
  return (c >= 0x2018 && c <= 0x201F) || c == 0x00AB || c == 0x00BB ||
         c == 0x00B4 || c == 0x2032 || c == 0x2033 || c == 0x2039 ||
         c == 0x203A || c == 0x02BC;
}

/* Returns the byte length of the apostrophe at S[I] (' U+2019 U+02BC), 0
 * when there is none before END. */
static size_t apostrophe_len(const char *s, size_t i, size_t end) {
  const unsigned char *u = (const unsigned char *)s + i;
  if (i < end && u[0] == '\'')
    return 1;
  if (i + 3 <= end && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99)
    return 3;
  if (i + 2 <= end && u[0] == 0xCA && u[1] == 0xBC)
    return 2;
  return 0;
}

/* What a run of word characters held. */
typedef struct run {
  size_t end;        /* first byte after the run */
  size_t nchars;     /* characters */
  size_t nletters;   /* letters among them */
  bool digits_only;  /* every character an ASCII digit */
  bool last_letter;  /* the last character is a letter */
} run;

/* Returns the run of letters, digits and marks at I, not crossing LIMIT;
 * a format character is part of it when a word character follows. */
static run run_word(const scan *sc, size_t i, size_t limit) {
  run r = {i, 0, 0, true, false};
  const unsigned char *u = (const unsigned char *)sc->s;
  while (r.end < limit) {
    if (u[r.end] < 0x80) {  /* ASCII fast path */
      uint8_t cls = ASCII_CLS[u[r.end]];
      if (cls == CH_LETTER)
        r.digits_only = false;
      else if (cls != CH_DIGIT)
        break;
      r.nletters += cls == CH_LETTER;
      r.last_letter = cls == CH_LETTER;
      r.nchars++;
      r.end++;
      continue;
    }
    ch c = decode_slow(sc->s, r.end, sc->end);
    if (r.end + c.len > limit)
      break;
    if (c.cls == CH_FORMAT) {
      size_t j = r.end + c.len;
      if (j >= limit || !is_word_cls(decode(sc->s, j, sc->end).cls))
        break;
    } else if (!is_word_cls(c.cls)) {
      break;
    }
    r.nchars++;
    if (c.cls == CH_LETTER)
      r.nletters++;
    r.digits_only = false;
    if (c.cls != CH_MARK && c.cls != CH_FORMAT)
      r.last_letter = c.cls == CH_LETTER;
    r.end += c.len;
  }
  return r;
}

/* Makes room for one more token and a norm of NORM bytes; returns 0 or
 * ENOMEM. */
static int toks_reserve(seg_toks *t, size_t norm) {
  if (t->n == t->cap) {
    size_t cap = t->cap;
    int rc = casus__grow((void **)&t->toks, &cap, t->n + 1, sizeof *t->toks);
    if (rc)
      return rc;
    cap = t->cap;
    rc = casus__grow((void **)&t->aux, &cap, t->n + 1, sizeof *t->aux);
    if (rc)
      return rc;
    t->cap = cap;
  }
  if (t->plen + norm > t->pcap)
    return casus__grow((void **)&t->pool, &t->pcap, t->plen + norm, 1);
  return CASUS_OK;
}

/* Returns the flags of the word token S[A..B): NUM when it starts with a
 * digit, WORD when it holds a letter or mark (or is not NUM), CAP and
 * UPPER by its letters; sets *LOWER when it starts with a lower-case
 * letter. */
static uint16_t word_flags(const scan *sc, size_t a, size_t b,
                           uint8_t *lower) {
  size_t up = 0, low = 0;
  int first = -1;
  bool word = false;
  ch c = decode(sc->s, a, b);
  *lower = c.cls == CH_LETTER && c.kase == CASE_LOWER;
  uint16_t f = c.cls == CH_DIGIT ? CASUS_TOK_NUM : 0;
  for (size_t i = a; i < b; i += c.len) {
    c = decode(sc->s, i, b);
    if (c.cls == CH_LETTER) {
      if (first < 0)
        first = c.kase;
      up += c.kase == CASE_UPPER;
      low += c.kase == CASE_LOWER;
      word = true;
    } else if (c.cls == CH_MARK) {
      word = true;
    }
  }
  if (word || !f)
    f |= CASUS_TOK_WORD;
  if (first == CASE_UPPER)
    f |= CASUS_TOK_CAP;
  if (up >= 2 && !low)
    f |= CASUS_TOK_UPPER;
  return f;
}

/* Folds the all-ASCII S[A..B) into OUT (lower-cased, NUL-terminated,
 * exactly what casus__fold does to ASCII) and computes its word flags as
 * word_flags does.  Returns false, having written garbage, when S[A..B)
 * is not all ASCII. */
static bool fold_ascii(const char *s, size_t a, size_t b, char *out,
                       uint16_t *flags, uint8_t *lower) {
  size_t up = 0, low = 0;
  int first = -1;
  for (size_t i = a; i < b; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80)
      return false;
    if (c >= 'A' && c <= 'Z') {
      c = (unsigned char)(c + 32);
      up++;
      if (first < 0)
        first = CASE_UPPER;
    } else if (c >= 'a' && c <= 'z') {
      low++;
      if (first < 0)
        first = CASE_LOWER;
    }
    out[i - a] = (char)c;
  }
  out[b - a] = '\0';
  uint16_t f = s[a] >= '0' && s[a] <= '9' ? CASUS_TOK_NUM : 0;
  if (up + low || !f)
    f |= CASUS_TOK_WORD;
  if (first == CASE_UPPER)
    f |= CASUS_TOK_CAP;
  if (up >= 2 && !low)
    f |= CASUS_TOK_UPPER;
  *flags = f;
  *lower = s[a] >= 'a' && s[a] <= 'z';
  return true;
}

/* Appends the token S[A..B) with abbreviation class CLS: a word token
 * when FLAGS is 0, else FLAGS (PUNCT, QUOTE).  Returns 0 or ENOMEM. */
static int emit(scan *sc, size_t a, size_t b, uint16_t flags, int cls) {
  seg_toks *t = sc->t;
  size_t room = (b - a) * FOLD_GROWTH + 1;
  int rc = toks_reserve(t, room);
  if (rc)
    return rc;
  casus_token *tk = &t->toks[t->n];
  seg_aux *x = &t->aux[t->n];
  char *norm = t->pool + t->plen;
  size_t nlen;
  memset(x, 0, sizeof *x);
  if (!flags && fold_ascii(sc->s, a, b, norm, &flags, &x->lower)) {
    nlen = b - a;
  } else {
    nlen = casus__fold(sc->s + a, b - a, norm, room);
    if (!(flags & CASUS_TOK_PUNCT))
      flags = word_flags(sc, a, b, &x->lower);
  }
  tk->start = (uint32_t)a;
  tk->end = (uint32_t)b;
  tk->norm = NULL;
  tk->nlen = (uint16_t)nlen;
  if (sc->first)
    flags |= CASUS_TOK_PARA;
  sc->first = false;
  tk->flags = flags;
  x->noff = (uint32_t)t->plen;
  x->cls = (uint8_t)cls;
  t->plen += nlen + 1;
  t->n++;
  return CASUS_OK;
}

static int emit_word(scan *sc, size_t a, size_t b, int cls) {
  return emit(sc, a, b, 0, cls);
}

/* Returns the class of the folded S[A..B) in AB (SEG_ACRONYM when it is
 * not listed and UNLISTED is set). */
static int lookup(const scan *sc, size_t a, size_t b, bool unlisted) {
  char key[64];
  int cls = SEG_NONE;
  if (b - a < sizeof key / 2) {
    size_t k = casus__fold(sc->s + a, b - a, key, sizeof key);
    cls = casus__abbrev_class(sc->ab, key, k);
  }
  if (cls == SEG_STARTER)
    cls = SEG_NONE;
  if (cls == SEG_NONE && unlisted)
    cls = SEG_ACRONYM;
  return cls;
}

/* Returns the end of a dotted abbreviation ("U.S.", "Ph.D.") at A, 0 when
 * there is none. */
static size_t dotted_end(const scan *sc, size_t a, size_t limit) {
  size_t p = a, good = 0;
  int segs = 0;
  while (p < limit) {
    size_t q = p;
    int n = 0;
    while (q < limit && n <= 3) {
      ch c = decode(sc->s, q, sc->end);
      if (c.cls != CH_LETTER)
        break;
      q += c.len;
      n++;
    }
    if (n < 1 || n > 3 || q >= sc->end || sc->s[q] != '.')
      break;
    p = q + 1;
    good = p;
    segs++;
  }
  return segs >= 2 ? good : 0;
}

/* Returns the class that lets the word S[A..B) keep the period at B:
 * listed abbreviations and single capital initials; SEG_NONE otherwise. */
static int word_abbrev(const scan *sc, size_t a, size_t b) {
  ch c = decode(sc->s, a, b);
  if (a + c.len == b && c.cls == CH_LETTER && c.kase == CASE_UPPER)
    return lookup(sc, a, b + 1, true);
  int cls = lookup(sc, a, b + 1, false);
  if (cls == SEG_NUMERIC) {
    size_t i = b + 1;
    while (i < sc->end && (sc->s[i] == ' ' || sc->s[i] == '\t'))
      i++;
    if (i >= sc->end || sc->s[i] < '0' || sc->s[i] > '9')
      cls = SEG_NONE;
  }
  return cls;
}

/* Returns true when the letters S[A..B) after an apostrophe spell an
 * English clitic ("s", "re", ...). */
static bool is_clitic(const char *s, size_t a, size_t b) {
  char w[3] = {0};
  if (b - a > 2)
    return false;
  for (size_t i = a; i < b; i++) {
    char c = s[i];
    w[i - a] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return !strcmp(w, "s") || !strcmp(w, "d") || !strcmp(w, "m") ||
         !strcmp(w, "re") || !strcmp(w, "ve") || !strcmp(w, "ll");
}

enum { APOS_END, APOS_JOIN, APOS_SPLIT };

/* Handles an apostrophe (ALEN bytes) at J after the word S[A..J) whose
 * last character is a letter (LAST_LETTER) or a digit.  Sets *WHAT to
 * APOS_SPLIT after emitting the word and its clitic, to APOS_JOIN when the
 * letters after the apostrophe join the word, or to APOS_END when the
 * apostrophe ends it; *NEXT is the run of letters after it.  CLS is the
 * abbreviation class of the word.  Returns 0 or ENOMEM. */
static int apostrophe(scan *sc, size_t a, size_t j, size_t alen,
                      size_t limit, bool last_letter, run *next,
                      int *what, int cls) {
  const char *s = sc->s;
  size_t b = j + alen, cut = 0;
  *next = run_word(sc, b, limit);
  *what = APOS_END;
  if (!next->nchars || next->nletters != next->nchars)
    return CASUS_OK;
  if (is_clitic(s, b, next->end))
    cut = j;
  else if (next->end == b + 1 && (s[b] == 't' || s[b] == 'T') &&
           j - a >= 2 && (s[j - 1] == 'n' || s[j - 1] == 'N'))
    cut = j - 1;  /* "don't" -> "do" "n't" */
  if (!cut) {
    *what = last_letter ? APOS_JOIN : APOS_END;
    return CASUS_OK;
  }
  *what = APOS_SPLIT;
  int rc = emit_word(sc, a, cut, cls);
  if (!rc)
    rc = emit_word(sc, cut, next->end, SEG_NONE);
  return rc;
}

/* Emits the dotted abbreviation S[A..M) ("U.S.") and the clitic that may
 * follow it ("U.S.'s"); returns the byte after them in *END, and 0 or
 * ENOMEM. */
static int scan_dotted(scan *sc, size_t a, size_t m, size_t *end) {
  int cls = lookup(sc, a, m, true);
  size_t alen = apostrophe_len(sc->s, m, sc->end);
  *end = m;
  if (alen) {
    size_t limit = sc->end - m > TOK_MAX ? m + TOK_MAX : sc->end;
    run n;
    int what;
    int rc = apostrophe(sc, a, m, alen, limit, false, &n, &what, cls);
    if (rc || what == APOS_SPLIT) {
      *end = n.end;
      return rc;
    }
  }
  return emit_word(sc, a, m, cls);
}

/* Scans the word starting at A, emits its token(s) and returns the byte
 * after them in *END; returns 0 or ENOMEM. */
static int scan_word(scan *sc, size_t a, size_t *end) {
  size_t limit = sc->end - a > TOK_MAX ? a + TOK_MAX : sc->end;
  const char *s = sc->s;
  run r = run_word(sc, a, limit);
  size_t j = r.end;
  bool numeric = r.digits_only, letters_only = r.nletters == r.nchars;
  if (letters_only && r.nletters <= 3 && j < sc->end && s[j] == '.') {
    size_t m = dotted_end(sc, a, limit);
    if (m)
      return scan_dotted(sc, a, m, end);
  }
  while (j < limit) {
    size_t alen = apostrophe_len(s, j, limit);
    if (numeric && (s[j] == ',' || s[j] == '.') && j + 1 < limit &&
        s[j + 1] >= '0' && s[j + 1] <= '9') {
      r = run_word(sc, j + 1, limit);
    } else if (alen && (r.last_letter || numeric)) {
      run n;
      int what;
      int rc = apostrophe(sc, a, j, alen, limit, r.last_letter, &n, &what,
                          SEG_NONE);
      if (rc)
        return rc;
      if (what == APOS_SPLIT) {
        *end = n.end;
        return CASUS_OK;
      }
      if (what == APOS_END)
        break;
      letters_only = false;
      r = n;
    } else {
      break;
    }
    numeric = numeric && r.digits_only;
    j = r.end;
  }
  int cls = SEG_NONE;
  if (letters_only && j < sc->end && s[j] == '.')
    cls = word_abbrev(sc, a, j);
  *end = cls ? j + 1 : j;
  return emit_word(sc, a, *end, cls);
}

/* Emits the punctuation character at I with the marks and format
 * characters that follow it ("❤️"); returns 0 or ENOMEM. */
static int scan_punct(scan *sc, size_t i, size_t len, size_t *end) {
  uint16_t f = CASUS_TOK_PUNCT;
  if (is_quote(sc->s, i, len))
    f |= CASUS_TOK_QUOTE;
  size_t j = i + len;
  while (j < sc->end && j - i < TOK_MAX) {
    ch c = decode(sc->s, j, sc->end);
    if (c.cls != CH_MARK && c.cls != CH_FORMAT)
      break;
    j += c.len;
    if (c.cls == CH_FORMAT && j < sc->end) {  /* a ZWJ emoji sequence */
      ch n = decode(sc->s, j, sc->end);
      if (n.cls == CH_PUNCT && n.len > 1)
        j += n.len;
    }
  }
  *end = j;
  return emit(sc, i, j, f, SEG_NONE);
}

int casus__tokenize(const casus_abbrev *ab, const char *text, uint32_t start,
                    uint32_t end, seg_toks *t) {
  scan sc = {ab, text, end, t, true};
  size_t i = start;
  while (i < end) {
    ch c = decode(text, i, end);
    size_t next = i + c.len;
    int rc = CASUS_OK;
    if (c.cls == CH_LETTER || c.cls == CH_DIGIT || c.cls == CH_MARK)
      rc = scan_word(&sc, i, &next);
    else if (c.cls == CH_PUNCT)
      rc = scan_punct(&sc, i, c.len, &next);
    if (rc)
      return rc;
    i = next;
  }
  return CASUS_OK;
}

void casus__seg_toks_free(seg_toks *t) {
  casus__free(t->toks);
  casus__free(t->aux);
  casus__free(t->pool);
  memset(t, 0, sizeof *t);
}
