/* jdump.c -- a fast serializer of jansson trees, byte-identical to
 * json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(p)).
 *
 * jansson's own dumper goes through a callback per piece, checks every
 * container for reference loops with a hash table keyed by the printed
 * address (an snprintf per object), and iterates every string code point
 * by code point.  Here strings are copied in runs of bytes that need no
 * escape, and the output grows in one casus_buf.  The format follows
 * jansson 2.14's dump.c: objects in insertion order, "," and ":" without
 * spaces, the escapes \\ \" \b \f \n \r \t and \u00XX (upper-case hex) for
 * other control characters, integers with %lld, reals with %.*g plus ".0"
 * when the result has neither '.' nor 'e', exponents without '+' or
 * leading zeros.  Trees with loops are not expected (the exporters build
 * fresh trees); depth is bounded anyway.
 */
#include "casus_int.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define JDUMP_MAX_DEPTH 64  /* deeper trees fail with CASUS_EINVAL */

/* casus__buf_append(B, P, N), inline when B has room (speed: most
 * appends are a few bytes). */
static int put(casus_buf *b, const void *p, size_t n) {
  if (b->len + n < b->cap && (!b->max || b->len + n <= b->max)) {
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return CASUS_OK;
  }
  return casus__buf_append(b, p, n);
}

/* 1 for the bytes that need an escape: controls, '"' and '\\'. */
static const unsigned char esc_byte[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1,
};

/* The length of the longest prefix of S[0..N) with no byte to escape;
 * 8 bytes at a time (speed). */
static size_t plain_prefix(const char *s, size_t n) {
  const uint64_t ones = 0x0101010101010101u;
  const uint64_t high = 0x8080808080808080u;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, sizeof w);
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    /* nonzero when some byte is < 0x20, '"' or '\\' */
    uint64_t hit = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) |
                   ((bs - ones) & ~bs);
    if (hit & high)
      break;
  }
  while (i < n && !esc_byte[(unsigned char)s[i]])
    i++;
  return i;
}

/* Appends the JSON string literal for S[0..N) to B. */
static int dump_string(casus_buf *b, const char *s, size_t n) {
  size_t i = plain_prefix(s, n);
  if (i == n && b->len + n + 2 < b->cap &&
      (!b->max || b->len + n + 2 <= b->max)) {
    char *o = b->data + b->len; /* speed: nothing to escape, room */
    o[0] = '"';
    memcpy(o + 1, s, n);
    o[n + 1] = '"';
    o[n + 2] = '\0';
    b->len += n + 2;
    return CASUS_OK;
  }
  int rc = put(b, "\"", 1);
  size_t run = 0;
  for (; i < n && !rc;
       i += 1 + plain_prefix(s + i + 1, n - i - 1)) {
    unsigned char c = (unsigned char)s[i];
    rc = put(b, s + run, i - run);
    run = i + 1;
    char esc[8];
    size_t k = 2;
    esc[0] = '\\';
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default: {
      static const char hex[] = "0123456789ABCDEF";
      memcpy(esc + 1, "u00", 3);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      k = 6;
      break;
    }
    }
    if (!rc)
      rc = put(b, esc, k);
  }
  if (!rc)
    rc = put(b, s + run, n - run);
  if (!rc)
    rc = put(b, "\"", 1);
  return rc;
}

/* Writes into S (32 bytes or more) what "%.*g" with PRECISION prints for
 * V, for the values that are exactly a decimal of at most 7 fraction
 * digits and PRECISION significant digits (coordinates, scores), without
 * snprintf (speed); returns its length, or 0 for other values.
 *
 * Why it is the same: V is then the double nearest to the decimal
 * q = k / 10^d (|k| < 10^PRECISION, so q needs no exponent), at most
 * 2^-53 |q| from it, while rounding to PRECISION <= 15 digits moves by at
 * least 5e-16 |q|: "%.*g" prints q, trailing zeros dropped. */
static size_t short_real(char *s, double v, int precision) {
  static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
  static const uint64_t u10[] = {1, 10, 100, 1000, 10000, 100000,
                                 1000000, 10000000};
  if (precision < 1 || precision > 15)
    return 0;
  double lim = 1;
  for (int i = 0; i < precision; i++)
    lim *= 10; /* exact */
  if (!(v > -lim && v < lim) || (v > -1e-4 && v < 1e-4))
    return 0; /* NaN, too large, or too small (or 0: %g gives -0) */
  for (size_t d = 0; d < sizeof p10 / sizeof *p10; d++) {
    double x = v * p10[d];
    if (!(x > -lim && x < lim))
      return 0;
    int64_t k = (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
    if ((double)k / p10[d] != v)
      continue;
    uint64_t u = k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k;
    uint64_t ip = u / u10[d], fp = u % u10[d];
    char t[32];
    size_t i = sizeof t;
    size_t fd = d;
    while (fd && fp % 10 == 0) { /* %g drops trailing zeros */
      fp /= 10;
      fd--;
    }
    for (size_t j = 0; j < fd; j++, fp /= 10)
      t[--i] = (char)('0' + fp % 10);
    if (fd)
      t[--i] = '.';
    do {
      t[--i] = (char)('0' + ip % 10);
      ip /= 10;
    } while (ip);
    if (v < 0)
      t[--i] = '-';
    memcpy(s, t + i, sizeof t - i);
    return sizeof t - i;
  }
  return 0;
}

/* Appends real V as jansson prints it with PRECISION (0 means 17). */
static int dump_real(casus_buf *b, double v, int precision) {
  char s[64];
  size_t fast = short_real(s, v, precision ? precision : 17);
  if (fast) {
    if (!memchr(s, '.', fast)) {
      memcpy(s + fast, ".0", 2);
      fast += 2;
    }
    return put(b, s, fast);
  }
  int n = snprintf(s, sizeof s, "%.*g", precision ? precision : 17, v);
  if (n < 0 || (size_t)n + 3 >= sizeof s)
    return CASUS_EINVAL;
  size_t len = (size_t)n;
  if (!memchr(s, '.', len) && !memchr(s, 'e', len)) {
    memcpy(s + len, ".0", 3);
    len += 2;
  }
  char *e = memchr(s, 'e', len);
  if (e) {
    /* "1e+21" -> "1e21", "1e-07" -> "1e-7" */
    char *start = e + 1;
    char *end = start + 1;
    if (*start == '-')
      start++;
    while (*end == '0')
      end++;
    if (end != start) {
      memmove(start, end, len - (size_t)(end - s) + 1);
      len -= (size_t)(end - start);
    }
  }
  return casus__buf_append(b, s, len);
}

/* Appends V to B; DEPTH counts the enclosing containers. */
static int dump(casus_buf *b, const json_t *v, int precision, int depth) {
  if (!v || depth > JDUMP_MAX_DEPTH)
    return CASUS_EINVAL;
  switch (json_typeof(v)) {
  case JSON_NULL:
    return casus__buf_append(b, "null", 4);
  case JSON_TRUE:
    return casus__buf_append(b, "true", 4);
  case JSON_FALSE:
    return casus__buf_append(b, "false", 5);
  case JSON_INTEGER: {
    char s[32];
    int n = snprintf(s, sizeof s, "%" JSON_INTEGER_FORMAT,
                     json_integer_value(v));
    if (n < 0 || (size_t)n >= sizeof s)
      return CASUS_EINVAL;
    return casus__buf_append(b, s, (size_t)n);
  }
  case JSON_REAL:
    return dump_real(b, json_real_value(v), precision);
  case JSON_STRING:
    return dump_string(b, json_string_value(v), json_string_length(v));
  case JSON_ARRAY: {
    int rc = casus__buf_append(b, "[", 1);
    size_t n = json_array_size(v);
    for (size_t i = 0; i < n && !rc; i++) {
      if (i)
        rc = casus__buf_append(b, ",", 1);
      if (!rc)
        rc = dump(b, json_array_get(v, i), precision, depth + 1);
    }
    return rc ? rc : casus__buf_append(b, "]", 1);
  }
  case JSON_OBJECT: {
    int rc = casus__buf_append(b, "{", 1);
    int first = 1;
    for (void *it = json_object_iter((json_t *)v); it && !rc;
         it = json_object_iter_next((json_t *)v, it)) {
      if (!first)
        rc = casus__buf_append(b, ",", 1);
      first = 0;
      const char *k = json_object_iter_key(it);
      if (!rc)
        rc = dump_string(b, k, strlen(k));
      if (!rc)
        rc = casus__buf_append(b, ":", 1);
      if (!rc)
        rc = dump(b, json_object_iter_value(it), precision, depth + 1);
    }
    return rc ? rc : casus__buf_append(b, "}", 1);
  }
  default:
    return CASUS_EINVAL;
  }
}

int casus__json_string(casus_buf *b, const char *s, size_t n) {
  return dump_string(b, s, n);
}

int casus__json_real(casus_buf *b, double v, int precision) {
  return dump_real(b, v, precision);
}

int casus__json_dump(const struct json_t *v, int precision, casus_buf *out) {
  out->len = 0;
  int rc = casus__buf_append(out, "", 0);
  if (!rc)
    rc = dump(out, v, precision, 0);
  return rc;
}
