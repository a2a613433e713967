/* buf.c -- growable byte buffers with a cap. */
#include "casus_int.h"

#include <stdio.h>
#include <string.h>

int casus__buf_append(casus_buf *b, const void *p, size_t n) {
  if (b->max && b->len + n > b->max)
    return CASUS_ETOOBIG;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
      cap *= 2;
    char *d = casus__realloc(b->data, cap);
    if (!d)
      return CASUS_ENOMEM;
    b->data = d;
    b->cap = cap;
  }
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return CASUS_OK;
}

int casus__buf_printf(casus_buf *b, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0)
    return CASUS_EINVAL;
  if ((size_t)n < sizeof small)
    return casus__buf_append(b, small, (size_t)n);
  char *big = casus__malloc((size_t)n + 1);
  if (!big)
    return CASUS_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = casus__buf_append(b, big, (size_t)n);
  casus__free(big);
  return rc;
}

void casus__buf_free(casus_buf *b) {
  casus__free(b->data);
  memset(b, 0, sizeof *b);
}
