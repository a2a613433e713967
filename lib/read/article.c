/* article.c -- casus_article allocation and the field helpers the format
 * parsers share: date normalization, derived ids, origins.
 *
 * Every string of an article is its own casus__malloc'd copy, so an
 * article outlives the reader that made it. */
#include "read/read_int.h"

#include <string.h>

casus_article *casus_article_new(void) {
  return casus__calloc(1, sizeof(casus_article));
}

void casus_article_free(casus_article *a) {
  if (!a)
    return;
  casus__free(a->id);
  casus__free(a->url);
  casus__free(a->source);
  casus__free(a->published);
  casus__free(a->language);
  casus__free(a->title);
  casus__free(a->text);
  casus__free(a->origin);
  casus__free(a);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Reads exactly two digits at S into *V when they are at most MAX. */
static bool two_digits(const char *s, int max, int *v) {
  if (!is_digit(s[0]) || !is_digit(s[1]))
    return false;
  *v = (s[0] - '0') * 10 + (s[1] - '0');
  return *v <= max;
}

/* Checks the time part after the date's 'T' or ' ': HH:MM[:SS[.frac]]
 * then optionally Z or +HH[:MM]/-HH[:MM], then optional spaces. */
static bool valid_time(const char *s) {
  int v;
  if (!two_digits(s, 24, &v) || s[2] != ':' || !two_digits(s + 3, 59, &v))
    return false;
  s += 5;
  if (*s == ':') {
    if (!two_digits(s + 1, 60, &v))
      return false;
    s += 3;
    if (*s == '.' || *s == ',') {
      s++;
      if (!is_digit(*s))
        return false;
      while (is_digit(*s))
        s++;
    }
  }
  if (*s == 'Z' || *s == 'z') {
    s++;
  } else if (*s == '+' || *s == '-') {
    if (!two_digits(s + 1, 23, &v))
      return false;
    s += 3;
    if (*s == ':')
      s++;
    if (is_digit(*s)) {
      if (!two_digits(s, 59, &v))
        return false;
      s += 2;
    }
  }
  while (is_space(*s))
    s++;
  return *s == '\0';
}

bool casus__read_date(const char *s, char out[11]) {
  char tmp[64];
  long days;
  out[0] = '\0';
  if (!s)
    return false;
  while (is_space(*s))
    s++;
  size_t n = strlen(s);
  while (n && is_space(s[n - 1]))
    n--;
  if (n < 10 || n >= sizeof tmp)
    return false;
  memcpy(tmp, s, n);
  tmp[n] = '\0';
  if (!casus__parse_iso_date(tmp, &days))
    return false;
  if (tmp[10] && (n == 11 || !valid_time(tmp + 11)))
    return false;
  casus__format_date(days, out);
  return out[0] != '\0';
}

char *casus__read_hash_id(const char *text, size_t len) {
  char id[24];
  snprintf(id, sizeof id, "h%016llx",
           (unsigned long long)casus__hash(text, len));
  return casus__strdup(id);
}

char *casus__read_origin(const char *file, long line) {
  casus_buf b = {0};
  if (casus__buf_printf(&b, "%s:%ld", file, line)) {
    casus__buf_free(&b);
    return NULL;
  }
  return b.data;
}

/* Returns S's length without a trailing EXT (case-insensitive, with the
 * dot), or N when S does not end so. */
static size_t strip_ext(const char *s, size_t n, const char *ext) {
  size_t e = strlen(ext);
  if (n <= e)
    return n;
  for (size_t i = 0; i < e; i++) {
    char c = s[n - e + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != ext[i])
      return n;
  }
  return n - e;
}

char *casus__read_basename_id(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  size_t n = strip_ext(base, strlen(base), ".gz");
  for (size_t i = n; i > 1; i--) {
    if (base[i - 1] == '.') {
      n = i - 1;
      break;
    }
  }
  if (n == 0 || base[0] == '<')
    return NULL;
  return casus__strndup(base, n);
}

char *casus__read_path_id(const char *root, const char *path) {
  size_t rl = root ? strlen(root) : 0;
  while (rl > 1 && root[rl - 1] == '/')
    rl--;
  if (!root || strncmp(path, root, rl) != 0 || path[rl] != '/')
    return casus__read_basename_id(path);
  const char *rel = path + rl + 1;
  char *base = casus__read_basename_id(rel);
  const char *slash = strrchr(rel, '/');
  if (!base || !slash)
    return base;
  size_t dn = (size_t)(slash - rel) + 1;
  size_t bn = strlen(base);
  char *id = casus__malloc(dn + bn + 1);
  if (id) {
    memcpy(id, rel, dn);
    memcpy(id + dn, base, bn + 1);
  }
  casus__free(base);
  return id;
}

bool casus__read_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_space(s[i]))
      return false;
  return true;
}

void casus__read_fmt_size(size_t n, char *out, size_t outcap) {
  size_t mib = (size_t)1 << 20;
  if (n >= mib && n % mib == 0)
    snprintf(out, outcap, "%zu MiB", n / mib);
  else
    snprintf(out, outcap, "%zu bytes", n);
}
