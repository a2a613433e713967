/* chrome.c -- recognizes site chrome: paragraphs such as "Share this
 * article", "Read more: ..." or "(Reporting by ...; Editing by ...)" that a
 * page puts around every article and that are not part of the story.
 *
 * Patterns come from data/boilerplate.txt (its header documents the
 * format).  Both patterns and paragraphs are compared in a canonical form:
 * casus__fold'ed (lower case, marks stripped, typographic quotes and dashes
 * made ASCII) with runs of white space made one space and outer space
 * removed.  "exact" patterns also ignore punctuation and symbols at either
 * end.  Everything but "exact" applies only to short paragraphs, so that a
 * real paragraph that happens to contain a pattern is kept.
 */
#include "casus_int.h"

#include <string.h>

#define CHROME_SHORT 240    /* prefix/contains/glob: paragraphs up to this */
#define CHROME_CANON 1024   /* canonical forms are cut at this length */
#define CHROME_MAX 4096     /* cap on the number of patterns */

enum { K_EXACT, K_PREFIX, K_CONTAINS, K_GLOB };

typedef struct chrome_pat {
  char *id;    /* casus__malloc'd */
  char *text;  /* canonical form, casus__malloc'd */
  size_t len;  /* strlen(text) */
  int kind;    /* K_* */
  size_t head, tail;  /* glob: the bytes before its first '*' and after
                         its last (a match starts and ends with them);
                         0 without a '*' */
} chrome_pat;

struct casus_chrome {
  chrome_pat *pats;  /* casus__malloc'd array */
  size_t n, cap;
  size_t exact_max;  /* the longest "exact" pattern */
};

/* Returns the length of the symbol or punctuation character at S[0..N)
 * that "exact" matching ignores at the ends of a text, or 0. */
static size_t end_junk_len(const char *s, size_t n) {
  unsigned char b = (unsigned char)s[0];
  if (b < 0x80) {
    bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
                 (b >= '0' && b <= '9');
    return alnum ? 0 : 1;
  }
  static const char *const junk[] = {
    "\xE2\x80\xA2", /* bullet */       "\xC2\xB7",     /* middle dot */
    "\xE2\x80\xBA", /* single guillemet */ "\xE2\x80\xB9",
    "\xE2\x80\xA6", /* ellipsis */     "\xE2\x86\x92", /* arrow */
    "\xE2\x96\xB6", "\xE2\x96\xBA",    /* pointers */
    "\xC2\xA0",     /* no-break space */
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(junk); i++) {
    size_t k = strlen(junk[i]);
    if (k <= n && memcmp(s, junk[i], k) == 0)
      return k;
  }
  return 0;
}

/* Returns the length of the junk character that ends S[0..N), or 0. */
static size_t end_junk_len_back(const char *s, size_t n) {
  size_t i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && n - i < 3)
    i--;
  if (i > 0)
    i--;
  size_t k = end_junk_len(s + i, n - i);
  return k == n - i ? k : 0;
}

/* Writes the canonical form of S[0..N) into OUT (cap CAP): folded, white
 * space collapsed and trimmed, and with STRIP also outer punctuation
 * removed.  Returns its length. */
static size_t strip_ends(char *out, size_t o);

static size_t canon(const char *s, size_t n, bool strip, char *out,
                    size_t cap) {
  char folded[CHROME_CANON];
  size_t fl = casus__fold(s, n, folded, sizeof folded);
  size_t o = 0;
  bool space = false;
  for (size_t i = 0; i < fl; i++) {
    unsigned char c = (unsigned char)folded[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = o > 0;
      continue;
    }
    if (space && o + 1 < cap)
      out[o++] = ' ';
    space = false;
    if (o + 1 < cap)
      out[o++] = (char)c;
  }
  out[o] = '\0';
  return strip ? strip_ends(out, o) : o;
}

/* Removes outer spaces and junk characters from OUT[0..O) (in place,
 * NUL-terminated); returns the new length. */
static size_t strip_ends(char *out, size_t o) {
  size_t a = 0;
  while (a < o) {
    size_t k = out[a] == ' ' ? 1 : end_junk_len(out + a, o - a);
    if (!k)
      break;
    a += k;
  }
  while (o > a) {
    size_t k = out[o - 1] == ' ' ? 1 : end_junk_len_back(out + a, o - a);
    if (!k)
      break;
    o -= k;
  }
  memmove(out, out + a, o - a);
  out[o - a] = '\0';
  return o - a;
}

static int parse_kind(const char *s) {
  if (strcmp(s, "exact") == 0)
    return K_EXACT;
  if (strcmp(s, "prefix") == 0)
    return K_PREFIX;
  if (strcmp(s, "contains") == 0)
    return K_CONTAINS;
  if (strcmp(s, "glob") == 0)
    return K_GLOB;
  return -1;
}

typedef struct load_ctx {
  casus_chrome *c;
  const char *path;
  casus_error *err;
} load_ctx;

/* casus__tsv_each callback: adds one pattern line. */
static int add_line(char **f, int nf, long lineno, void *vctx) {
  load_ctx *ctx = vctx;
  casus_chrome *c = ctx->c;
  int kind = nf == 3 ? parse_kind(f[1]) : -1;
  if (kind < 0 || !*f[0] || !*f[2])
    return casus__err(ctx->err, CASUS_EPARSE, ctx->path, lineno,
                      "expected id<TAB>exact|prefix|contains|glob<TAB>text");
  if (c->n >= CHROME_MAX)
    return casus__err(ctx->err, CASUS_ETOOBIG, ctx->path, lineno,
                      "more than %d patterns", CHROME_MAX);
  if (casus__grow((void **)&c->pats, &c->cap, c->n + 1, sizeof *c->pats))
    return casus__err(ctx->err, CASUS_ENOMEM, ctx->path, lineno,
                      "out of memory");
  char buf[CHROME_CANON];
  size_t len = canon(f[2], strlen(f[2]), kind == K_EXACT, buf, sizeof buf);
  if (!len)
    return casus__err(ctx->err, CASUS_EPARSE, ctx->path, lineno,
                      "pattern is only punctuation");
  chrome_pat *p = &c->pats[c->n];
  p->id = casus__strdup(f[0]);
  p->text = casus__strndup(buf, len);
  if (!p->id || !p->text) {
    casus__free(p->id);
    casus__free(p->text);
    return casus__err(ctx->err, CASUS_ENOMEM, ctx->path, lineno,
                      "out of memory");
  }
  p->len = len;
  p->kind = kind;
  p->head = p->tail = 0;
  if (kind == K_GLOB && memchr(buf, '*', len)) {
    p->head = (size_t)((char *)memchr(buf, '*', len) - buf);
    while (p->tail < len && buf[len - 1 - p->tail] != '*')
      p->tail++;
  }
  if (kind == K_EXACT && len > c->exact_max)
    c->exact_max = len;
  c->n++;
  return 0;
}

int casus__chrome_load(const char *path, casus_chrome **out,
                       casus_error *err) {
  *out = NULL;
  casus_chrome *c = casus__calloc(1, sizeof *c);
  if (!c)
    return casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
  load_ctx ctx = {c, path, err};
  int rc = casus__tsv_file(path, 3, add_line, &ctx, err);
  if (rc) {
    casus__chrome_free(c);
    return rc;
  }
  *out = c;
  return CASUS_OK;
}

void casus__chrome_free(casus_chrome *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->n; i++) {
    casus__free(c->pats[i].id);
    casus__free(c->pats[i].text);
  }
  casus__free(c->pats);
  casus__free(c);
}

/* Returns true when S matches glob P entirely; '*' matches any run of
 * bytes.  Iterative, remembering only the last star: O(|s| * |p|). */
static bool glob_match(const char *p, const char *s) {
  const char *star = NULL;
  const char *retry = NULL;
  while (*s) {
    if (*p == '*') {
      star = p++;
      retry = s;
    } else if (*p == *s) {
      p++;
      s++;
    } else if (star) {
      p = star + 1;
      s = ++retry;
    } else {
      return false;
    }
  }
  while (*p == '*')
    p++;
  return *p == '\0';
}

/* True when the canonical form of S[0..N) is surely longer than every
 * "exact" pattern: S is ASCII (folding then maps each byte to at most one
 * and keeps letters and digits, and nothing is cut) and has more letters
 * and digits than the longest pattern has bytes. */
static bool surely_long(const casus_chrome *c, const char *s, size_t n) {
  size_t alnum = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char b = (unsigned char)s[i];
    if (b >= 0x80)
      return false;
    alnum += (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
             (b >= '0' && b <= '9');
  }
  return alnum > c->exact_max;
}

/* glob_match for a pattern P with at least one '*' whose head and tail
 * S[0..SL) already has (see chrome_pat): the pieces between the stars
 * must occur in order, without overlap, between them.  Taking each at its
 * leftmost place is enough, so this is glob_match's answer in a few
 * strstr calls rather than a retry at every byte. */
static bool glob_inner(const chrome_pat *p, const char *s, size_t sl) {
  const char *end = s + sl - p->tail; /* the tail starts here */
  const char *at = s + p->head;
  size_t i = p->head + 1, stop = p->len - p->tail; /* inside the stars */
  while (i < stop) {
    size_t j = i;
    while (j < stop && p->text[j] != '*')
      j++;
    if (j > i) {
      char piece[CHROME_CANON];
      memcpy(piece, p->text + i, j - i);
      piece[j - i] = '\0';
      const char *q = strstr(at, piece);
      if (!q || q + (j - i) > end)
        return false;
      at = q + (j - i);
    }
    i = j + 1;
  }
  return true;
}

const char *casus__chrome_match(const casus_chrome *c, const char *s,
                                size_t n) {
  if (!c || !n || n > CHROME_CANON / 2)
    return NULL;
  /* A paragraph too long for the short-only kinds and for every "exact"
   * pattern: no need to fold it. */
  if (n > CHROME_SHORT && surely_long(c, s, n))
    return NULL;
  char plain[CHROME_CANON];
  char stripped[CHROME_CANON];
  size_t pl = canon(s, n, false, plain, sizeof plain);
  memcpy(stripped, plain, pl + 1);  /* canon with strip, folding once */
  size_t sl = strip_ends(stripped, pl);
  bool is_short = n <= CHROME_SHORT;
  /* glob_match reads up to a NUL: with one inside (never from
   * casus__clean, which rejects NUL bytes), only it gives its answer */
  bool nul = memchr(plain, '\0', pl) != NULL;
  for (size_t i = 0; i < c->n; i++) {
    const chrome_pat *p = &c->pats[i];
    switch (p->kind) {
    case K_EXACT:
      if (sl == p->len && memcmp(stripped, p->text, sl) == 0)
        return p->id;
      break;
    case K_PREFIX:
      if (is_short && pl >= p->len && memcmp(plain, p->text, p->len) == 0)
        return p->id;
      break;
    case K_CONTAINS:
      if (is_short && strstr(plain, p->text))
        return p->id;
      break;
    default:
      /* the literal head and tail first: most paragraphs fail there */
      if (!is_short)
        break;
      if (nul ? glob_match(p->text, plain)
              : pl >= p->head + p->tail &&
                    !memcmp(plain, p->text, p->head) &&
                    !memcmp(plain + pl - p->tail,
                            p->text + p->len - p->tail, p->tail) &&
                    (memchr(p->text, '*', p->len)
                         ? glob_inner(p, plain, pl)
                         : glob_match(p->text, plain)))
        return p->id;
      break;
    }
  }
  return NULL;
}
