/* arena.c -- per-document bump allocator.
 *
 * Invariant: blocks are never moved or resized, so every pointer handed out
 * stays valid until casus__arena_free, which releases all blocks at once. */
#include "casus_int.h"

#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

struct casus_arena_block {
  casus_arena_block *next;  /* older block */
  size_t size;              /* usable bytes in data */
  _Alignas(ARENA_ALIGN) unsigned char data[];
};

void casus__arena_init(casus_arena *a) { memset(a, 0, sizeof *a); }

void casus__arena_init_block(casus_arena *a, size_t block) {
  casus__arena_init(a);
  a->block = block;
}

void casus__arena_free(casus_arena *a) {
  casus_arena_block *b = a->head;
  while (b) {
    casus_arena_block *next = b->next;
    casus__free(b);
    b = next;
  }
  casus__arena_init_block(a, a->block);
}

static int arena_new_block(casus_arena *a, size_t need) {
  size_t block = a->block ? a->block : ARENA_BLOCK;
  size_t size = need > block ? need : block;
  casus_arena_block *b = casus__malloc(sizeof *b + size);
  if (!b)
    return CASUS_ENOMEM;
  b->next = a->head;
  b->size = size;
  a->head = b;
  a->used = 0;
  return CASUS_OK;
}

void *casus__arena_alloc(casus_arena *a, size_t n) {
  if (n > SIZE_MAX - ARENA_ALIGN)
    return NULL;
  n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (!n)
    n = ARENA_ALIGN;
  if (!a->head || a->head->size - a->used < n) {
    if (arena_new_block(a, n))
      return NULL;
  }
  void *p = a->head->data + a->used;
  a->used += n;
  a->total += n;
  memset(p, 0, n);
  return p;
}

char *casus__arena_strndup(casus_arena *a, const char *s, size_t n) {
  char *p = casus__arena_alloc(a, n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}
