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

/* Appends the JSON string literal for S[0..N) to B. */
static int dump_string(casus_buf *b, const char *s, size_t n) {
  int rc = casus__buf_append(b, "\"", 1);
  size_t run = 0;
  /* 1 for the bytes that need an escape: controls, '"' and '\\'. */
  static const unsigned char esc_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
  };
  for (size_t i = 0; i < n && !rc; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!esc_byte[c])
      continue;
    rc = casus__buf_append(b, s + run, i - run);
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
      rc = casus__buf_append(b, esc, k);
  }
  if (!rc)
    rc = casus__buf_append(b, s + run, n - run);
  if (!rc)
    rc = casus__buf_append(b, "\"", 1);
  return rc;
}

/* Appends real V as jansson prints it with PRECISION (0 means 17). */
static int dump_real(casus_buf *b, double v, int precision) {
  char s[64];
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
