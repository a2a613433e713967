/* text.c -- UTF-8 checks, folding for matching, and data-file reading.
 *
 * Folding is what lets "Pakistan’s", "PAKISTAN's" and "Pakistan's" match the
 * same dictionary entry while the text itself is never changed. */
#include "casus_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

bool casus__utf8_valid(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    /* ASCII (utf8proc takes every byte below 0x80): eight bytes a step */
    if (n - i >= 8) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (!(w & 0x8080808080808080ULL)) {
        i += 8;
        continue;
      }
    }
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    if (k < 0)
      return false;
    i += (size_t)k;
  }
  return true;
}

/* Maps typographic punctuation to ASCII; returns 0 when C is not one. */
static int fold_punct(utf8proc_int32_t c) {
  switch (c) {
  case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
  case 0x02BC: case 0x02BB: case 0x0060: case 0x00B4:
    return '\'';
  case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
  case 0x00AB: case 0x00BB:
    return '"';
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
  case 0x2015: case 0x2212:
    return '-';
  case 0x00A0: case 0x2009: case 0x200A: case 0x202F:
    return ' ';
  default:
    return 0;
  }
}

/* Appends P[0..N) at OUT+O when it fits (leaving room for the NUL);
 * otherwise sets *FULL so that nothing after it is written either. */
static size_t put(char *out, size_t outcap, size_t o, const char *p,
                  size_t n, bool *full) {
  if (!*full && o + n < outcap) {
    memcpy(out + o, p, n);
    return o + n;
  }
  *full = true;
  return o;
}

size_t casus__fold(const char *s, size_t n, char *out, size_t outcap) {
  size_t o = 0;
  size_t i = 0;
  bool full = false;
  if (!outcap)
    return 0;
  while (i < n && !full) {
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {  /* ASCII fast path: what put() does for one byte */
      if (o + 1 >= outcap)
        break;
      out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
      i++;
      continue;
    }
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &c);
    if (k < 0) {
      i++;
      continue;
    }
    i += (size_t)k;
    int p = fold_punct(c);
    if (p) {
      char pc = (char)p;
      o = put(out, outcap, o, &pc, 1, &full);
      continue;
    }
    utf8proc_int32_t dec[8];
    utf8proc_ssize_t nd = utf8proc_decompose_char(
        c, dec, 8,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
            UTF8PROC_STRIPMARK,
        NULL);
    if (nd < 0 || nd > 8) {
      dec[0] = c;
      nd = 1;
    }
    for (utf8proc_ssize_t j = 0; j < nd; j++) {
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t ne = utf8proc_encode_char(dec[j], enc);
      o = put(out, outcap, o, (const char *)enc, (size_t)ne, &full);
    }
  }
  out[o] = '\0';
  return o;
}

int casus__slurp(const char *path, char **out, size_t *len,
                 casus_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return casus__err(err, CASUS_EIO, path, 0, "cannot open: %s",
                      strerror(errno));
  casus_buf b = {0};
  char chunk[65536];
  size_t n;
  int rc = CASUS_OK;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    rc = casus__buf_append(&b, chunk, n);
    if (rc)
      break;
  }
  if (!rc && ferror(f))
    rc = CASUS_EIO;
  fclose(f);
  if (!rc && !b.data)
    rc = casus__buf_append(&b, "", 0);
  if (rc) {
    casus__buf_free(&b);
    return casus__err(err, rc, path, 0, "cannot read: %s",
                      casus_strerror(rc));
  }
  *out = b.data;
  if (len)
    *len = b.len;
  return CASUS_OK;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\r')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

int casus__tsv_each(char *buf, int maxf, casus_tsv_cb cb, void *ctx) {
  char *f[32];
  long lineno = 0;
  if (maxf > 32)
    maxf = 32;
  char *line = buf;
  while (line && *line) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    lineno++;
    char *t = trim(line);
    if (*t && *t != '#') {
      int nf = 0;
      char *p = t;
      while (nf < maxf) {
        char *tab = nf + 1 < maxf ? strchr(p, '\t') : NULL;
        if (tab)
          *tab = '\0';
        f[nf++] = trim(p);
        if (!tab)
          break;
        p = tab + 1;
      }
      int rc = cb(f, nf, lineno, ctx);
      if (rc)
        return rc;
    }
    line = nl ? nl + 1 : NULL;
  }
  return 0;
}

int casus__tsv_file(const char *path, int maxf, casus_tsv_cb cb, void *ctx,
                    casus_error *err) {
  char *buf = NULL;
  int rc = casus__slurp(path, &buf, NULL, err);
  if (rc)
    return rc;
  rc = casus__tsv_each(buf, maxf, cb, ctx);
  casus__free(buf);
  if (rc == CASUS_ENOMEM && err && !err->msg[0])
    casus__err(err, rc, path, 0, "out of memory");
  return rc;
}

int casus__path(char *out, size_t cap, const char *dir, const char *name,
                casus_error *err) {
  int n = snprintf(out, cap, "%s/%s", dir, name);
  if (n < 0 || (size_t)n >= cap)
    return casus__err(err, CASUS_EDATA, dir, 0, "path too long for %s",
                      name);
  return CASUS_OK;
}
