/* alloc.c -- the one allocation hook of libcasus.
 *
 * Every allocation in the library goes through these functions so that a
 * test can replace them (casus_set_allocator) and fail the Nth call. */
#include "casus_int.h"

#include <stdlib.h>
#include <string.h>

static void *(*g_malloc)(size_t) = malloc;
static void *(*g_realloc)(void *, size_t) = realloc;
static void (*g_free)(void *) = free;

void casus_set_allocator(void *(*malloc_fn)(size_t),
                         void *(*realloc_fn)(void *, size_t),
                         void (*free_fn)(void *)) {
  g_malloc = malloc_fn ? malloc_fn : malloc;
  g_realloc = realloc_fn ? realloc_fn : realloc;
  g_free = free_fn ? free_fn : free;
}

void *casus__malloc(size_t n) { return g_malloc(n ? n : 1); }

void *casus__calloc(size_t n, size_t size) {
  if (size && n > SIZE_MAX / size)
    return NULL;
  size_t total = n * size;
  void *p = casus__malloc(total);
  if (p)
    memset(p, 0, total > 0 ? total : 1);
  return p;
}

void *casus__realloc(void *p, size_t n) { return g_realloc(p, n ? n : 1); }

void casus__free(void *p) {
  if (p)
    g_free(p);
}

void casus_free(void *p) { casus__free(p); }

char *casus__strndup(const char *s, size_t n) {
  char *p = casus__malloc(n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *casus__strdup(const char *s) {
  return s ? casus__strndup(s, strlen(s)) : NULL;
}

int casus__grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return CASUS_OK;
  size_t n = *cap ? *cap : 8;
  while (n < need)
    n *= 2;
  if (n > SIZE_MAX / size)
    return CASUS_ENOMEM;
  void *q = casus__realloc(*p, n * size);
  if (!q)
    return CASUS_ENOMEM;
  *p = q;
  *cap = n;
  return CASUS_OK;
}
