/* jsonfast.c -- a strict fast path for the common JSON Lines record: one
 * flat object whose values are strings or null.
 *
 * Why: jansson's json_loadb costs about 140 instructions a byte (it reads
 * through a stream that decodes and checks UTF-8 byte by byte, and copies
 * each string a character at a time), and an article's text is most of
 * its record: reading was 0.6 M instructions an article, as much as
 * sentence breaking.  This lexer skips plain string bytes with a table
 * and builds the very json_t object jansson would build, with jansson's
 * own constructors, so everything after it (casus__json_article) is
 * shared and unchanged.
 *
 * It accepts only inputs it is sure jansson accepts with the same result
 * (json_loadb with flags 0): optional JSON white space, '{', zero or more
 * "key": value pairs separated by ',', '}', white space, end.  Values are
 * strings or null; keys and strings may hold escapes (a \u escape must
 * not be \u0000 and surrogates must pair) and valid UTF-8 (RFC 3629, the
 * check jansson's utf8.c makes); a repeated key replaces the earlier
 * value, as in jansson.  For anything else -- numbers, true/false, nested
 * values, control characters, bad escapes or UTF-8, trailing commas,
 * trailing bytes -- it returns NULL ("declined") and the caller hands the
 * record to json_loadb, so every error and every unusual value still
 * comes from jansson.  fuzz/fuzz_jsonfast.c checks differentially that
 * whatever this returns is json_equal to json_loadb's result.
 */
#include "read/read_int.h"

#include <jansson.h>
#include <string.h>

/* 1 for the bytes a string holds as they are: printable ASCII but '"' and
 * '\\'. */
static const unsigned char PLAIN[256] = {
#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)
  R16(0), R16(0),                               /* 0x00-0x1f: control */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20-0x2f: '"' */
  R16(1), R16(1),                               /* 0x30-0x4f */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50-0x5f: '\\' */
  R16(1), R16(1),                               /* 0x60-0x7f */
  R16(0), R16(0), R16(0), R16(0),               /* 0x80-0xbf */
  R16(0), R16(0), R16(0), R16(0),               /* 0xc0-0xff */
#undef R16
#undef R4
};

/* True when the eight bytes at P are all PLAIN (the usual SWAR tests: no
 * byte below 0x20, none with its high bit, none equal to '"' or '\\'). */
static inline bool plain8(const unsigned char *p) {
  const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
  uint64_t w;
  memcpy(&w, p, 8);
  uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
  uint64_t bad = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
                 ((b - ones) & ~b) | w;
  return !(bad & highs);
}

typedef struct fctx {
  const unsigned char *base, *end;
  char *scratch; /* decoded strings with escapes, at their input offset */
} fctx;

static const unsigned char *skip_ws(const unsigned char *p,
                                    const unsigned char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* The length of the valid UTF-8 sequence at P (P[0] >= 0x80), or 0: as
 * jansson's utf8_check_first/utf8_check_full, no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end) {
  unsigned c = p[0];
  size_t n;
  uint32_t v;
  if (c < 0xC2)
    return 0;
  if (c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
  } else if (c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
  } else if (c <= 0xF4) {
    n = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if ((size_t)(end - p) < n)
    return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    v = (v << 6) | (p[i] & 0x3Fu);
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ||
      (n == 3 && v < 0x800) || (n == 4 && v < 0x10000))
    return 0;
  return n;
}

/* The four hex digits at P (P+4 <= END checked here) in *V; false when
 * they are not four hex digits. */
static bool hex4(const unsigned char *p, const unsigned char *end,
                 uint32_t *v) {
  if (end - p < 4)
    return false;
  uint32_t x = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = p[i];
    if (c >= '0' && c <= '9')
      x = x * 16 + (c - '0');
    else if (c >= 'a' && c <= 'f')
      x = x * 16 + (c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      x = x * 16 + (c - 'A' + 10);
    else
      return false;
  }
  *v = x;
  return true;
}

/* Writes code point U (at most U+10FFFF, not a surrogate) as UTF-8 at O;
 * returns its length. */
static size_t utf8_put(char *o, uint32_t u) {
  if (u < 0x80) {
    o[0] = (char)u;
    return 1;
  }
  if (u < 0x800) {
    o[0] = (char)(0xC0 | (u >> 6));
    o[1] = (char)(0x80 | (u & 0x3F));
    return 2;
  }
  if (u < 0x10000) {
    o[0] = (char)(0xE0 | (u >> 12));
    o[1] = (char)(0x80 | ((u >> 6) & 0x3F));
    o[2] = (char)(0x80 | (u & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (u >> 18));
  o[1] = (char)(0x80 | ((u >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((u >> 6) & 0x3F));
  o[3] = (char)(0x80 | (u & 0x3F));
  return 4;
}

/* Decodes the rest of a string with escapes, from P (the first '\\')
 * after the plain bytes [START, P); the result goes to the scratch area
 * at START's offset (it is never longer than its input, so strings never
 * overlap there).  Returns the byte after the closing quote, or NULL to
 * decline; *S and *N get the decoded string. */
static const unsigned char *decode(fctx *f, const unsigned char *start,
                                   const unsigned char *p, const char **s,
                                   size_t *n) {
  const unsigned char *end = f->end;
  if (!f->scratch) {
    f->scratch = casus__malloc((size_t)(end - f->base));
    if (!f->scratch)
      return NULL;
  }
  char *o = f->scratch + (start - f->base);
  size_t k = (size_t)(p - start);
  memcpy(o, start, k);
  while (p < end) {
    unsigned c = *p;
    if (PLAIN[c]) {
      o[k++] = (char)c;
      p++;
    } else if (c == '"') {
      *s = o;
      *n = k;
      return p + 1;
    } else if (c >= 0x80) {
      size_t l = utf8_seq(p, end);
      if (!l)
        return NULL;
      memcpy(o + k, p, l);
      k += l;
      p += l;
    } else if (c != '\\' || end - p < 2) {
      return NULL; /* a control character, or the input ends */
    } else if (p[1] != 'u') {
      char e;
      switch (p[1]) {
      case '"': e = '"'; break;
      case '\\': e = '\\'; break;
      case '/': e = '/'; break;
      case 'b': e = '\b'; break;
      case 'f': e = '\f'; break;
      case 'n': e = '\n'; break;
      case 'r': e = '\r'; break;
      case 't': e = '\t'; break;
      default: return NULL;
      }
      o[k++] = e;
      p += 2;
    } else {
      uint32_t u, lo;
      if (!hex4(p + 2, end, &u) || u == 0)
        return NULL;
      p += 6;
      if (u >= 0xDC00 && u <= 0xDFFF)
        return NULL; /* a lone low surrogate */
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (end - p < 2 || p[0] != '\\' || p[1] != 'u' ||
            !hex4(p + 2, end, &lo) || lo < 0xDC00 || lo > 0xDFFF)
          return NULL;
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        p += 6;
      }
      k += utf8_put(o + k, u);
    }
  }
  return NULL;
}

/* Scans the string whose opening quote is at P.  Returns the byte after
 * its closing quote, or NULL to decline; *S and *N get its bytes (in the
 * input when it has no escape). */
static const unsigned char *string_at(fctx *f, const unsigned char *p,
                                      const char **s, size_t *n) {
  const unsigned char *end = f->end;
  const unsigned char *start = ++p;
  for (;;) {
    while (end - p >= 8 && plain8(p))
      p += 8;
    while (p < end && PLAIN[*p])
      p++;
    if (p >= end)
      return NULL;
    if (*p == '"') {
      *s = (const char *)start;
      *n = (size_t)(p - start);
      return p + 1;
    }
    if (*p < 0x80)
      break; /* an escape (decoded below) or a control character */
    size_t l = utf8_seq(p, end);
    if (!l)
      return NULL;
    p += l;
  }
  return *p == '\\' ? decode(f, start, p, s, n) : NULL;
}

json_t *casus__json_fast(const char *s, size_t n) {
  fctx f = {(const unsigned char *)s, (const unsigned char *)s + n, NULL};
  const unsigned char *p = skip_ws(f.base, f.end);
  if (p >= f.end || *p != '{')
    return NULL;
  json_t *obj = json_object();
  if (!obj)
    return NULL;
  p = skip_ws(p + 1, f.end);
  if (p < f.end && *p == '}') {
    p++;
  } else {
    for (;;) {
      const char *key, *val;
      size_t klen, vlen;
      json_t *v;
      if (p >= f.end || *p != '"' || !(p = string_at(&f, p, &key, &klen)))
        goto decline;
      p = skip_ws(p, f.end);
      if (p >= f.end || *p != ':')
        goto decline;
      p = skip_ws(p + 1, f.end);
      if (p < f.end && *p == '"') {
        if (!(p = string_at(&f, p, &val, &vlen)))
          goto decline;
        v = json_stringn_nocheck(val, vlen);
      } else if (f.end - p >= 4 && !memcmp(p, "null", 4)) {
        p += 4;
        v = json_null();
      } else {
        goto decline; /* a number, true, false, object or array */
      }
      if (!v || json_object_setn_new_nocheck(obj, key, klen, v))
        goto decline;
      p = skip_ws(p, f.end);
      if (p < f.end && *p == ',') {
        p = skip_ws(p + 1, f.end);
        continue;
      }
      if (p < f.end && *p == '}') {
        p++;
        break;
      }
      goto decline;
    }
  }
  if (skip_ws(p, f.end) != f.end)
    goto decline;
  casus__free(f.scratch);
  return obj;
decline:
  casus__free(f.scratch);
  json_decref(obj);
  return NULL;
}
