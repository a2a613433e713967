/* image.c -- the compiled gazetteer: one binary file, gen/lexicon.img,
 * that casus_engine_open maps read-only instead of parsing the gazetteer
 * tables (12 MB of cities.tsv cost 90% of start-up).
 *
 * The build (tools/casus_compile.c) runs the text loaders' words and
 * gazetteer stages (lexicon.c) once and writes what they produced: every
 * lex_entry as a fixed-size record, a string table, and the hash tables of
 * the maps those stages fill (lex, prefixes, places, skeletons, pprefixes,
 * countries, iso2, strings) as frozen tables of offsets, in the slot order
 * casus__map_keyhash gives, so the maps read them in place (map.c).
 * Loading checks the header (magic, format, casus version, record sizes,
 * file size, and the size and mtime of every source file), turns the
 * records into lex_entry structs (pointer fix-up, no parsing: the engine's
 * API hands out lex_entry pointers and lists linked through them) and
 * wraps the tables.  Any mismatch makes casus__image_load decline, and the
 * text loaders run as before; the note says why.
 *
 * Layout (native byte order, checked by a marker): img_header, the entry
 * records, each map's slots, the string table (keys and strings, each
 * NUL-terminated; the table ends with NUL).  Offsets are from the start of
 * the file; every section is 8-aligned. */
#include "engine_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMG_MAGIC "CASUSIMG"
#define IMG_FORMAT 2u /* 2: translated country names are places */
#define IMG_ENDIAN 0x01020304u
#define IMG_NAME_CAP 48

/* The files the image replaces; a change to any makes it stale.  words.txt
 * decides the place keys (connector words are dropped). */
static const char *const SOURCES[] = {
    "words.txt",           "gen/country_info.tsv", "gen/countries.tsv",
    "country_aliases.txt", "gen/admin1_info.tsv",  "gen/admin1.tsv",
    "gen/cities.tsv",
};
#define IMG_NSRC (sizeof SOURCES / sizeof SOURCES[0])

/* The maps in the image and what their values are. */
enum { V_ENTRY, V_STRING, V_RAW };
enum {
  M_LEX, M_PREFIXES, M_PLACES, M_SKELETONS, M_PPREFIXES, M_COUNTRIES,
  M_ISO2, M_STRINGS, M_N
};
static const int MAP_VALUE[M_N] = {V_ENTRY, V_RAW,   V_ENTRY, V_ENTRY,
                                   V_RAW,   V_ENTRY, V_ENTRY, V_STRING};

/* The engine's map I of E. */
static casus_map **engine_map(casus_engine *e, int i) {
  switch (i) {
  case M_LEX: return &e->lex;
  case M_PREFIXES: return &e->prefixes;
  case M_PLACES: return &e->places;
  case M_SKELETONS: return &e->skeletons;
  case M_PPREFIXES: return &e->pprefixes;
  case M_COUNTRIES: return &e->countries;
  case M_ISO2: return &e->iso2;
  default: return &e->strings;
  }
}

/* The string fields of a lex_entry, in record order. */
#define NSTR 9
static const size_t STR_FIELD[NSTR] = {
    offsetof(lex_entry, iso3),   offsetof(lex_entry, iso2),
    offsetof(lex_entry, code),   offsetof(lex_entry, name),
    offsetof(lex_entry, admin1), offsetof(lex_entry, admin1_code),
    offsetof(lex_entry, rule),   offsetof(lex_entry, admin2),
    offsetof(lex_entry, admin2_code),
};

/* A new field in lex_entry must be carried by img_entry (and STR_FIELD);
 * this fails the build until it is (update the size after doing so). */
_Static_assert(sizeof(lex_entry) == 136 || sizeof(void *) != 8,
               "lex_entry changed: update img_entry and STR_FIELD");

/* Likewise a new engine field: when the gazetteer stage fills it, it must
 * be compiled into the image too (else it is empty whenever the image is
 * used); either way, update the size here. */
_Static_assert(sizeof(casus_engine) == 416 || sizeof(void *) != 8,
               "casus_engine changed: see above");

typedef struct img_entry {
  uint32_t next;       /* 1 + index of the next entry, 0: none */
  uint32_t str[NSTR];  /* 1 + offset in the string table, 0: NULL */
  float lat, lon;
  uint32_t geonameid, population;
  uint8_t kind, form, need_cap, has_coords, rank, sovereign, linked, alt;
  char fcode[6];
  uint8_t pad[2];
} img_entry;

typedef struct img_src {
  char name[IMG_NAME_CAP];
  uint64_t size;
  int64_t mtime_s, mtime_ns;
} img_src;

typedef struct img_map {
  uint64_t off;    /* of the slots */
  uint64_t cap, count;
} img_map;

typedef struct img_header {
  char magic[8];
  uint32_t format, endian;
  char version[16];        /* CASUS_VERSION */
  uint32_t header_size, entry_size, lex_entry_size, nsrc;
  uint64_t file_size;
  img_src src[IMG_NSRC];
  uint64_t countries, admin1, cities, actor_forms; /* engine stats */
  uint64_t entries_off, nentries;
  uint64_t str_off, str_len;
  img_map maps[M_N];
} img_header;

typedef struct casus_image {
  void *base;          /* the mapping */
  size_t size;
  lex_entry *entries;  /* the records as lex_entry (casus__malloc) */
  size_t nentries;
  const char *str;     /* the string table, inside the mapping */
  size_t str_len;
} casus_image;

/* Writes "DIR/NAME" into OUT (CAP bytes); false when it does not fit. */
static bool join(char *out, size_t cap, const char *dir, const char *name) {
  int n = snprintf(out, cap, "%s/%s", dir, name);
  return n >= 0 && (size_t)n < cap;
}

/* Records the size and mtime of every source of DIR into H; false (NOTE
 * says which) when one cannot be read. */
static bool sources_stat(const char *dir, img_src *src, char *note,
                         size_t cap) {
  for (size_t i = 0; i < IMG_NSRC; i++) {
    char path[1024];
    struct stat st;
    if (!join(path, sizeof path, dir, SOURCES[i]) || stat(path, &st)) {
      snprintf(note, cap, "cannot read %s", SOURCES[i]);
      return false;
    }
    memset(&src[i], 0, sizeof src[i]);
    snprintf(src[i].name, sizeof src[i].name, "%s", SOURCES[i]);
    src[i].size = (uint64_t)st.st_size;
    src[i].mtime_s = (int64_t)st.st_mtim.tv_sec;
    src[i].mtime_ns = (int64_t)st.st_mtim.tv_nsec;
  }
  return true;
}

/* ---------------------------------------------------------------- writing */

typedef struct writer {
  casus_map *entry_ix;   /* lex_entry pointer (as bytes) -> 1 + index */
  const lex_entry **entries;
  size_t nentries, entries_cap;
  casus_map *str_ix;     /* string pointer (as bytes) -> 1 + offset */
  casus_buf str;         /* the string table */
  int rc;
} writer;

/* Appends S[0..N) and a NUL to the string table; *OFF is its offset. */
static int str_put(writer *w, const char *s, size_t n, uint32_t *off) {
  if (w->str.len + n + 1 >= UINT32_MAX - 1)
    return CASUS_EDATA;  /* offsets are 32-bit */
  *off = (uint32_t)w->str.len;
  int rc = casus__buf_append(&w->str, s, n) ? CASUS_ENOMEM : CASUS_OK;
  return rc ? rc : casus__buf_append(&w->str, "", 1);
}

/* The string table's 1 + offset of string S (0 for NULL), one copy per
 * pointer so that strings equal as pointers stay equal. */
static uint32_t str_ref(writer *w, const char *s) {
  if (!s || w->rc)
    return 0;
  void **slot = casus__map_slot(w->str_ix, (const char *)&s, sizeof s);
  if (!slot) {
    w->rc = CASUS_ENOMEM;
    return 0;
  }
  if (!*slot) {
    uint32_t off;
    if ((w->rc = str_put(w, s, strlen(s), &off)))
      return 0;
    *slot = (void *)(uintptr_t)(off + 1);
  }
  return (uint32_t)(uintptr_t)*slot;
}

/* Numbers X and every entry after it on its list (1 + index in *REF for
 * X). */
static uint32_t entry_ref(writer *w, const lex_entry *x) {
  uint32_t first = 0;
  for (; x && !w->rc; x = x->next) {
    void **slot = casus__map_slot(w->entry_ix, (const char *)&x, sizeof x);
    if (!slot) {
      w->rc = CASUS_ENOMEM;
      break;
    }
    if (!*slot) {
      if (x->dated) {
        w->rc = CASUS_EDATA;  /* imported dictionaries are not compiled */
        break;
      }
      if (w->nentries == w->entries_cap) {
        size_t cap = w->entries_cap ? w->entries_cap * 2 : 4096;
        const lex_entry **a =
            casus__realloc(w->entries, cap * sizeof *a);
        if (!a) {
          w->rc = CASUS_ENOMEM;
          break;
        }
        w->entries = a;
        w->entries_cap = cap;
      }
      w->entries[w->nentries++] = x;
      *slot = (void *)(uintptr_t)w->nentries;
    } else if (first) {
      break;  /* the rest of the list is numbered already */
    }
    if (!first)
      first = (uint32_t)(uintptr_t)*slot;
  }
  return first;
}

static void collect_cb(const char *key, size_t klen, void *value,
                       void *ctx) {
  (void)key;
  (void)klen;
  entry_ref(ctx, value);
}

/* The frozen slots of map M (count *N, capacity *CAP: a power of two at
 * least twice the count) with keys and strings added to W's table;
 * casus__malloc'd. */
typedef struct freeze_ctx {
  writer *w;
  casus_fslot *slots;
  size_t cap;
  int vkind;
} freeze_ctx;

static void freeze_cb(const char *key, size_t klen, void *value, void *ctx) {
  freeze_ctx *f = ctx;
  writer *w = f->w;
  if (w->rc)
    return;
  uint32_t off;
  if (klen >= UINT32_MAX || (w->rc = str_put(w, key, klen, &off)))
    return;
  uint64_t h = casus__map_keyhash(key, klen);
  size_t i = (size_t)h & (f->cap - 1);
  while (f->slots[i].key != CASUS_FSLOT_EMPTY)
    i = (i + 1) & (f->cap - 1);
  casus_fslot *s = &f->slots[i];
  s->key = off;
  s->klen = (uint32_t)klen;
  s->hash = (uint32_t)h;
  switch (f->vkind) {
  case V_ENTRY: s->val = entry_ref(w, value); break;
  case V_STRING: s->val = str_ref(w, value); break;
  default:
    if ((uintptr_t)value >= UINT32_MAX)
      w->rc = CASUS_EDATA;
    s->val = (uint32_t)(uintptr_t)value;
  }
}

static casus_fslot *freeze(writer *w, const casus_map *m, int vkind,
                           size_t *cap_out) {
  size_t cap = 16;
  while (cap < 2 * casus__map_count(m) + 2)
    cap *= 2;
  casus_fslot *slots = casus__malloc(cap * sizeof *slots);
  if (!slots) {
    w->rc = CASUS_ENOMEM;
    return NULL;
  }
  for (size_t i = 0; i < cap; i++)
    slots[i] = (casus_fslot){CASUS_FSLOT_EMPTY, 0, 0, 0};
  freeze_ctx f = {w, slots, cap, vkind};
  casus__map_each(m, freeze_cb, &f);
  *cap_out = cap;
  return slots;
}

/* Writes N bytes of P to F; false on error. */
static bool put(FILE *f, const void *p, size_t n) {
  return !n || fwrite(p, 1, n, f) == n;
}

/* Pads F with zeros up to a multiple of 8 from *POS. */
static bool pad8(FILE *f, uint64_t *pos) {
  static const char zero[8];
  size_t n = (size_t)((8 - *pos % 8) % 8);
  *pos += n;
  return put(f, zero, n);
}

/* Writes the image of E (words and gazetteer loaded) with sources SRC to
 * PATH.  Returns 0 or a CASUS_E* code with ERR set. */
static int image_write(casus_engine *e, const img_src *src, const char *path,
                       casus_error *err) {
  writer w = {0};
  casus_fslot *slots[M_N] = {0};
  img_header h;
  memset(&h, 0, sizeof h);
  FILE *f = NULL;
  char tmp[1100];
  int rc = CASUS_OK;
  w.entry_ix = casus__map_new();
  w.str_ix = casus__map_new();
  if (!w.entry_ix || !w.str_ix) {
    rc = casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
    goto cleanup;
  }
  /* Number the entries, list by list, so lists are mostly contiguous. */
  for (int i = 0; i < M_N && !w.rc; i++)
    if (MAP_VALUE[i] == V_ENTRY)
      casus__map_each(*engine_map(e, i), collect_cb, &w);
  for (int i = 0; i < M_N && !w.rc; i++) {
    size_t cap = 0;
    slots[i] = freeze(&w, *engine_map(e, i), MAP_VALUE[i], &cap);
    h.maps[i].cap = cap;
    h.maps[i].count = casus__map_count(*engine_map(e, i));
  }
  img_entry *recs = NULL;
  if (!w.rc && w.nentries &&
      !(recs = casus__calloc(w.nentries, sizeof *recs)))
    w.rc = CASUS_ENOMEM;
  for (size_t i = 0; i < w.nentries && !w.rc; i++) {
    const lex_entry *x = w.entries[i];
    img_entry *r = &recs[i];
    r->next = x->next ? entry_ref(&w, x->next) : 0;
    for (size_t k = 0; k < NSTR; k++) {
      const char *s;
      memcpy(&s, (const char *)x + STR_FIELD[k], sizeof s);
      r->str[k] = str_ref(&w, s);
    }
    r->lat = x->lat;
    r->lon = x->lon;
    r->geonameid = x->geonameid;
    r->population = x->population;
    r->kind = x->kind;
    r->form = x->form;
    r->need_cap = x->need_cap;
    r->has_coords = x->has_coords;
    r->rank = x->rank;
    r->sovereign = x->sovereign;
    r->linked = x->linked;
    r->alt = x->alt;
    memcpy(r->fcode, x->fcode, sizeof r->fcode);
  }
  if (!w.rc && w.nentries >= UINT32_MAX)
    w.rc = CASUS_EDATA;
  if (!w.rc && casus__buf_append(&w.str, "", 1))  /* ends with NUL */
    w.rc = CASUS_ENOMEM;
  if (w.rc) {
    rc = casus__err(err, w.rc, path, 0, "cannot compile the gazetteer: %s",
                    casus_strerror(w.rc));
    goto cleanup_recs;
  }
  memcpy(h.magic, IMG_MAGIC, sizeof h.magic);
  h.format = IMG_FORMAT;
  h.endian = IMG_ENDIAN;
  snprintf(h.version, sizeof h.version, "%s", CASUS_VERSION);
  h.header_size = sizeof h;
  h.entry_size = sizeof(img_entry);
  h.lex_entry_size = sizeof(lex_entry);
  h.nsrc = IMG_NSRC;
  memcpy(h.src, src, sizeof h.src);
  h.countries = e->stats.countries;
  h.admin1 = e->stats.admin1;
  h.cities = e->stats.cities;
  h.actor_forms = e->stats.actor_forms;
  uint64_t pos = (sizeof h + 7) / 8 * 8;
  h.entries_off = pos;
  h.nentries = w.nentries;
  pos += w.nentries * sizeof(img_entry);
  for (int i = 0; i < M_N; i++) {
    pos = (pos + 7) / 8 * 8;
    h.maps[i].off = pos;
    pos += h.maps[i].cap * sizeof(casus_fslot);
  }
  pos = (pos + 7) / 8 * 8;
  h.str_off = pos;
  h.str_len = w.str.len;
  h.file_size = pos + w.str.len;
  /* Written under a temporary name and renamed: a process that has the
   * old image mapped keeps reading the old file. */
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
    rc = casus__err(err, CASUS_EINVAL, path, 0, "path too long");
    goto cleanup_recs;
  }
  f = fopen(tmp, "wb");
  uint64_t at = sizeof h;
  bool ok = f && put(f, &h, sizeof h) && pad8(f, &at) &&
            put(f, recs, w.nentries * sizeof *recs);
  at += w.nentries * sizeof *recs;
  for (int i = 0; ok && i < M_N; i++) {
    ok = pad8(f, &at) &&
         put(f, slots[i], h.maps[i].cap * sizeof(casus_fslot));
    at += h.maps[i].cap * sizeof(casus_fslot);
  }
  ok = ok && pad8(f, &at) && put(f, w.str.data, w.str.len);
  if (f && fclose(f))
    ok = false;
  f = NULL;
  if (!ok || rename(tmp, path)) {
    rc = casus__err(err, CASUS_EIO, tmp, 0, "cannot write the image: %s",
                    strerror(errno));
    remove(tmp);
  }
cleanup_recs:
  casus__free(recs);
cleanup:
  for (int i = 0; i < M_N; i++)
    casus__free(slots[i]);
  casus__free(w.entries);
  casus__map_free(w.entry_ix);
  casus__map_free(w.str_ix);
  casus__buf_free(&w.str);
  return rc;
}

int casus__image_compile(const char *datadir, const char *path,
                         casus_error *err) {
  casus__err_clear(err);
  char def[1024];
  if (!path) {
    if (!join(def, sizeof def, datadir, CASUS_IMAGE_NAME))
      return casus__err(err, CASUS_EINVAL, datadir, 0, "path too long");
    path = def;
  }
  img_src src[IMG_NSRC];
  char note[128];
  /* Sources are dated before they are read: one changed meanwhile makes
   * the image stale rather than wrong. */
  if (!sources_stat(datadir, src, note, sizeof note))
    return casus__err(err, CASUS_EDATA, datadir, 0, "%s", note);
  casus_engine *e = casus__calloc(1, sizeof *e);
  if (!e)
    return casus__err(err, CASUS_ENOMEM, datadir, 0, "out of memory");
  casus__arena_init(&e->arena);
  casus_map **maps[] = {&e->lex, &e->places, &e->skeletons, &e->words,
                        &e->countries, &e->iso2, &e->strings, &e->prefixes,
                        &e->wprefixes, &e->pprefixes};
  int rc = CASUS_OK;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(maps) && !rc; i++)
    if (!(*maps[i] = casus__map_new()))
      rc = casus__err(err, CASUS_ENOMEM, datadir, 0, "out of memory");
  if (!rc)
    rc = casus__lex_load_words(e, datadir, err);
  if (!rc)
    rc = casus__lex_load_gazetteer(e, datadir, err);
  if (!rc)
    rc = image_write(e, src, path, err);
  casus_engine_close(e);
  return rc;
}

/* ---------------------------------------------------------------- loading */

static void *entry_value(uint32_t v, const void *ctx) {
  const casus_image *im = ctx;
  return v && v <= im->nentries ? &im->entries[v - 1] : NULL;
}

static void *string_value(uint32_t v, const void *ctx) {
  const casus_image *im = ctx;
  return v && v <= im->str_len ? (void *)(uintptr_t)(im->str + v - 1)
                               : NULL;
}

static void *raw_value(uint32_t v, const void *ctx) {
  (void)ctx;
  return (void *)(uintptr_t)v;
}

/* True when [OFF, OFF + N * SIZE) lies inside a file of LEN bytes and OFF
 * is 8-aligned. */
static bool section_ok(uint64_t off, uint64_t n, uint64_t size,
                       uint64_t len) {
  return off % 8 == 0 && off <= len && (!size || n <= (len - off) / size);
}

/* Checks H (the first bytes of a file of LEN bytes, the image of DIR);
 * false with NOTE set when it cannot be used. */
static bool header_ok(const img_header *h, size_t len, const char *dir,
                      char *note, size_t cap) {
  if (memcmp(h->magic, IMG_MAGIC, sizeof h->magic)) {
    snprintf(note, cap, "not an image (bad magic)");
    return false;
  }
  if (h->format != IMG_FORMAT || h->endian != IMG_ENDIAN ||
      h->header_size != sizeof *h || h->entry_size != sizeof(img_entry) ||
      h->lex_entry_size != sizeof(lex_entry) || h->nsrc != IMG_NSRC ||
      strncmp(h->version, CASUS_VERSION, sizeof h->version)) {
    snprintf(note, cap, "built by another version of casus");
    return false;
  }
  if (h->file_size != len) {
    snprintf(note, cap, "truncated or overlong (%zu bytes, header says "
             "%llu)", len, (unsigned long long)h->file_size);
    return false;
  }
  img_src now[IMG_NSRC];
  if (!sources_stat(dir, now, note, cap))
    return false;
  for (size_t i = 0; i < IMG_NSRC; i++)
    if (strcmp(h->src[i].name, now[i].name) ||
        h->src[i].size != now[i].size ||
        h->src[i].mtime_s != now[i].mtime_s ||
        h->src[i].mtime_ns != now[i].mtime_ns) {
      snprintf(note, cap, "stale: %s changed", SOURCES[i]);
      return false;
    }
  bool ok = section_ok(h->entries_off, h->nentries, sizeof(img_entry), len) &&
            h->nentries < UINT32_MAX &&
            section_ok(h->str_off, h->str_len, 1, len) && h->str_len &&
            h->str_len < UINT32_MAX;
  for (int i = 0; ok && i < M_N; i++)
    ok = section_ok(h->maps[i].off, h->maps[i].cap, sizeof(casus_fslot),
                    len) &&
         h->maps[i].cap && !(h->maps[i].cap & (h->maps[i].cap - 1)) &&
         h->maps[i].count < h->maps[i].cap;
  if (!ok)
    snprintf(note, cap, "corrupt (a section lies outside the file)");
  return ok;
}

/* True when no list of the N records RECS loops (a corrupt image whose
 * "next" links form a cycle would hang every reader of the list).  Each
 * record is visited twice at most. */
static bool lists_acyclic(const img_entry *recs, size_t n, bool *oom) {
  uint8_t *st = casus__calloc(n ? n : 1, 1); /* 1: on this walk, 2: done */
  if (!st) {
    *oom = true;
    return false;
  }
  bool ok = true;
  for (size_t i = 0; ok && i < n; i++) {
    size_t j = i;
    for (; j < n && !st[j]; j = (size_t)recs[j].next - 1)
      st[j] = 1;  /* next 0 makes j SIZE_MAX: the end */
    ok = j >= n || st[j] == 2;
    for (size_t k = i; k < n && st[k] == 1; k = (size_t)recs[k].next - 1)
      st[k] = 2;
  }
  casus__free(st);
  return ok;
}

/* Builds IM's lex_entry array from the records of H; false when a record
 * points outside the image. */
static bool entries_build(casus_image *im, const img_header *h) {
  const img_entry *recs =
      (const img_entry *)((const char *)im->base + h->entries_off);
  for (size_t i = 0; i < im->nentries; i++) {
    const img_entry *r = &recs[i];
    lex_entry *x = &im->entries[i];
    if (r->next > im->nentries)
      return false;
    x->next = r->next ? &im->entries[r->next - 1] : NULL;
    x->dated = NULL;  /* every field is set: the array is not cleared */
    for (size_t k = 0; k < NSTR; k++) {
      if (r->str[k] > im->str_len)
        return false;
      const char *s = r->str[k] ? im->str + r->str[k] - 1 : NULL;
      memcpy((char *)x + STR_FIELD[k], &s, sizeof s);
    }
    x->lat = r->lat;
    x->lon = r->lon;
    x->geonameid = r->geonameid;
    x->population = r->population;
    x->kind = r->kind;
    x->form = r->form;
    x->need_cap = r->need_cap;
    x->has_coords = r->has_coords;
    x->rank = r->rank;
    x->sovereign = r->sovereign;
    x->linked = r->linked;
    x->alt = r->alt;
    memcpy(x->fcode, r->fcode, sizeof x->fcode);
    x->fcode[sizeof x->fcode - 1] = '\0';
  }
  return true;
}

int casus__image_load(casus_engine *e, const char *datadir, const char *path,
                      char *note, size_t cap) {
  const char *off = getenv("CASUS_NO_IMAGE");
  if (off && *off && strcmp(off, "0")) {
    snprintf(note, cap, "disabled by CASUS_NO_IMAGE");
    return 0;
  }
  char def[1024];
  if (!path) {
    if (!join(def, sizeof def, datadir, CASUS_IMAGE_NAME)) {
      snprintf(note, cap, "path too long");
      return 0;
    }
    path = def;
  }
  casus_image *im = NULL;
  casus_map *maps[M_N] = {0};
  int rc = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st)) {
    snprintf(note, cap, "no %s (%s)", CASUS_IMAGE_NAME, strerror(errno));
    goto cleanup;
  }
  if (st.st_size < (off_t)sizeof(img_header)) {
    snprintf(note, cap, "truncated (%lld bytes)", (long long)st.st_size);
    goto cleanup;
  }
  im = casus__calloc(1, sizeof *im);
  if (!im) {
    rc = CASUS_ENOMEM;
    goto cleanup;
  }
  im->size = (size_t)st.st_size;
  im->base = mmap(NULL, im->size, PROT_READ, MAP_SHARED, fd, 0);
  if (im->base == MAP_FAILED) {
    im->base = NULL;
    snprintf(note, cap, "cannot map the image (%s)", strerror(errno));
    goto cleanup;
  }
  const img_header *h = im->base;
  if (!header_ok(h, im->size, datadir, note, cap))
    goto cleanup;
  im->str = (const char *)im->base + h->str_off;
  im->str_len = h->str_len;
  im->nentries = h->nentries;
  if (im->str[im->str_len - 1] != '\0') {
    snprintf(note, cap, "corrupt (string table)");
    goto cleanup;
  }
  if (im->nentries &&
      (im->nentries > SIZE_MAX / sizeof *im->entries ||
       !(im->entries =
             casus__malloc(im->nentries * sizeof *im->entries)))) {
    rc = CASUS_ENOMEM;
    goto cleanup;
  }
  if (!entries_build(im, h)) {
    snprintf(note, cap, "corrupt (an entry points outside the image)");
    goto cleanup;
  }
  bool oom = false;
  if (!lists_acyclic((const img_entry *)((const char *)im->base +
                                         h->entries_off),
                     im->nentries, &oom)) {
    if (oom)
      rc = CASUS_ENOMEM;
    else
      snprintf(note, cap, "corrupt (a list of entries loops)");
    goto cleanup;
  }
  for (int i = 0; i < M_N; i++) {
    static const casus_fval_fn DECODE[] = {entry_value, string_value,
                                           raw_value};
    const casus_fslot *slots =
        (const casus_fslot *)((const char *)im->base + h->maps[i].off);
    maps[i] = casus__map_frozen(slots, h->maps[i].cap, h->maps[i].count,
                                im->str, im->str_len,
                                DECODE[MAP_VALUE[i]], im);
    if (!maps[i]) {
      rc = CASUS_ENOMEM;
      goto cleanup;
    }
  }
  /* Success: the frozen maps replace the engine's empty ones. */
  for (int i = 0; i < M_N; i++) {
    casus_map **m = engine_map(e, i);
    casus__map_free(*m);
    *m = maps[i];
    maps[i] = NULL;
  }
  e->stats.countries = h->countries;
  e->stats.admin1 = h->admin1;
  e->stats.cities = h->cities;
  e->stats.actor_forms = h->actor_forms;
  e->image = im;
  im = NULL;
  note[0] = '\0';
  rc = 1;
cleanup:
  for (int i = 0; i < M_N; i++)
    casus__map_free(maps[i]);
  casus__image_close(im);
  if (fd >= 0)
    close(fd);
  return rc;
}

void casus__image_close(casus_image *im) {
  if (!im)
    return;
  if (im->base)
    munmap(im->base, im->size);
  casus__free(im->entries);
  casus__free(im);
}
