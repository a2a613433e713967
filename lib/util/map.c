/* map.c -- string -> pointer hash map (open addressing, linear probing).
 *
 * Invariant: the table is at most half full; keys live in one growing
 * arena owned by the map, so slots hold stable key pointers.
 *
 * A frozen map (casus__map_frozen) reads a table compiled into an image
 * instead: slots of offsets into a key area, values decoded on lookup.
 * Writing to it first copies it into the ordinary form (thaws it). */
#include "casus_int.h"

#include <string.h>

typedef struct map_slot {
  const char *key;  /* NULL: empty */
  size_t klen;
  uint64_t hash;
  void *value;
} map_slot;

struct casus_map {
  map_slot *slots;
  size_t cap, count;  /* cap is a power of two */
  casus_arena keys;
  const casus_fslot *fz;  /* frozen table, or NULL */
  size_t fcap, fcount;
  const char *fkeys;      /* its key area */
  size_t fkeys_len;
  casus_fval_fn fdecode;
  const void *fctx;
};

uint64_t casus__hash(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 14695981039346656037ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

/* The map's own hash: eight bytes a step, then a final mix so that the
 * low bits (the slot index) depend on every byte.  Not casus__hash,
 * whose FNV-1a values are part of ids and must not change; this one only
 * decides where keys sit (and the order of casus__map_each, which no
 * caller relies on). */
static uint64_t map_hash(const char *key, size_t n) {
  const unsigned char *p = (const unsigned char *)key;
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ ((uint64_t)n * 0xC2B2AE3D27D4EB4FULL);
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  /* The last N < 8 bytes, little-endian: two overlapping loads where
   * that is the byte order (the overlap holds the same bytes twice). */
  uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + n - 4, 4);
    w = lo | ((uint64_t)hi << (8 * (n - 4)));
  } else if (n) {
    w = p[0] | ((uint64_t)p[n / 2] << (8 * (n / 2))) |
        ((uint64_t)p[n - 1] << (8 * (n - 1)));
  }
#else
  for (size_t i = 0; i < n; i++)
    w |= (uint64_t)p[i] << (8 * i);
#endif
  h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 29;
  return h;
}

uint64_t casus__map_keyhash(const char *key, size_t klen) {
  return map_hash(key, klen);
}

casus_map *casus__map_new(void) {
  casus_map *m = casus__calloc(1, sizeof *m);
  if (!m)
    return NULL;
  m->cap = 64;
  m->slots = casus__calloc(m->cap, sizeof *m->slots);
  if (!m->slots) {
    casus__free(m);
    return NULL;
  }
  casus__arena_init(&m->keys);
  return m;
}

void casus__map_free(casus_map *m) {
  if (!m)
    return;
  casus__arena_free(&m->keys);
  casus__free(m->slots);
  casus__free(m);
}

static map_slot *map_find(map_slot *slots, size_t cap, const char *key,
                          size_t klen, uint64_t h) {
  size_t i = (size_t)h & (cap - 1);
  for (;;) {
    map_slot *s = &slots[i];
    if (!s->key)
      return s;
    if (s->hash == h && s->klen == klen && !memcmp(s->key, key, klen))
      return s;
    i = (i + 1) & (cap - 1);
  }
}

static int map_rehash(casus_map *m) {
  size_t cap = m->cap * 2;
  map_slot *slots = casus__calloc(cap, sizeof *slots);
  if (!slots)
    return CASUS_ENOMEM;
  for (size_t i = 0; i < m->cap; i++) {
    map_slot *s = &m->slots[i];
    if (s->key)
      *map_find(slots, cap, s->key, s->klen, s->hash) = *s;
  }
  casus__free(m->slots);
  m->slots = slots;
  m->cap = cap;
  return CASUS_OK;
}

/* The frozen slot of KEY, or NULL.  Probes at most every slot once and
 * never reads outside the key area. */
static const casus_fslot *frozen_find(const casus_map *m, const char *key,
                                      size_t klen, uint64_t h) {
  size_t mask = m->fcap - 1;
  size_t i = (size_t)h & mask;
  for (size_t n = 0; n < m->fcap; n++, i = (i + 1) & mask) {
    const casus_fslot *s = &m->fz[i];
    if (s->key == CASUS_FSLOT_EMPTY)
      return NULL;
    if (s->hash == (uint32_t)h && s->klen == klen &&
        s->key <= m->fkeys_len && klen <= m->fkeys_len - s->key &&
        !memcmp(m->fkeys + s->key, key, klen))
      return s;
  }
  return NULL;
}

/* The value of frozen slot S. */
static void *frozen_value(const casus_map *m, const casus_fslot *s) {
  return m->fdecode(s->val, m->fctx);
}

/* A frozen slot's key, or NULL when it lies outside the key area. */
static const char *frozen_key(const casus_map *m, const casus_fslot *s) {
  if (s->key == CASUS_FSLOT_EMPTY || s->key > m->fkeys_len ||
      s->klen > m->fkeys_len - s->key)
    return NULL;
  return m->fkeys + s->key;
}

casus_map *casus__map_frozen(const casus_fslot *slots, size_t cap,
                             size_t count, const char *keys,
                             size_t keys_len, casus_fval_fn decode,
                             const void *ctx) {
  if (!cap || (cap & (cap - 1)) || count >= cap)
    return NULL;
  casus_map *m = casus__calloc(1, sizeof *m);
  if (!m)
    return NULL;
  casus__arena_init(&m->keys);
  m->fz = slots;
  m->fcap = cap;
  m->fcount = count;
  m->fkeys = keys;
  m->fkeys_len = keys_len;
  m->fdecode = decode;
  m->fctx = ctx;
  return m;
}

/* Copies a frozen map into ordinary storage. */
static int map_thaw(casus_map *m) {
  size_t cap = 64;
  while (cap < m->fcap)
    cap *= 2;
  map_slot *slots = casus__calloc(cap, sizeof *slots);
  if (!slots)
    return CASUS_ENOMEM;
  size_t count = 0;
  for (size_t i = 0; i < m->fcap; i++) {
    const casus_fslot *f = &m->fz[i];
    const char *key = frozen_key(m, f);
    if (!key)
      continue;
    uint64_t h = map_hash(key, f->klen);
    map_slot *s = map_find(slots, cap, key, f->klen, h);
    if (s->key)
      continue;  /* a corrupt table's duplicate */
    char *k = casus__arena_strndup(&m->keys, key, f->klen);
    if (!k) {
      casus__free(slots);
      return CASUS_ENOMEM;
    }
    s->key = k;
    s->klen = f->klen;
    s->hash = h;
    s->value = frozen_value(m, f);
    if (++count * 2 > cap) {  /* a corrupt count: stay half empty */
      casus__free(slots);
      return CASUS_EDATA;
    }
  }
  m->slots = slots;
  m->cap = cap;
  m->count = count;
  m->fz = NULL;
  return CASUS_OK;
}

void **casus__map_slot(casus_map *m, const char *key, size_t klen) {
  if (m->fz && map_thaw(m))
    return NULL;
  if ((m->count + 1) * 2 > m->cap && map_rehash(m))
    return NULL;
  uint64_t h = map_hash(key, klen);
  map_slot *s = map_find(m->slots, m->cap, key, klen, h);
  if (!s->key) {
    char *k = casus__arena_strndup(&m->keys, key, klen);
    if (!k)
      return NULL;
    s->key = k;
    s->klen = klen;
    s->hash = h;
    s->value = NULL;
    m->count++;
  }
  return &s->value;
}

void *casus__map_get(const casus_map *m, const char *key, size_t klen) {
  uint64_t h = map_hash(key, klen);
  if (m->fz) {
    const casus_fslot *f = frozen_find(m, key, klen, h);
    return f ? frozen_value(m, f) : NULL;
  }
  map_slot *s = map_find(m->slots, m->cap, key, klen, h);
  return s->key ? s->value : NULL;
}

size_t casus__map_count(const casus_map *m) {
  return m->fz ? m->fcount : m->count;
}

void casus__map_each(const casus_map *m, casus_map_cb cb, void *ctx) {
  if (m->fz) {
    for (size_t i = 0; i < m->fcap; i++) {
      const char *key = frozen_key(m, &m->fz[i]);
      if (key)
        cb(key, m->fz[i].klen, frozen_value(m, &m->fz[i]), ctx);
    }
    return;
  }
  for (size_t i = 0; i < m->cap; i++)
    if (m->slots[i].key)
      cb(m->slots[i].key, m->slots[i].klen, m->slots[i].value, ctx);
}
