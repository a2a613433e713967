/* fuse.c -- the streaming fuser: near-duplicate articles (one-permutation
 * MinHash over word 3-shingles, banded LSH), story clusters (an inverted
 * index from weighted features -- event signatures, places, actors, key
 * terms -- to the stories of the window), and the fusion of each
 * article's events into canonical events (merge.c).  Everything is done
 * in input order, so the same input gives the same clusters and ids.
 *
 * Memory: an article is kept (metadata, cleaned text, its events) while
 * its story or a fused event needs it; casus_fuser_flush emits and frees
 * what closed before a date, casus_fuser_flush_idle what no recent
 * article joined (counted in arrivals, whatever the dates), then each
 * rebuilds the indexes from what is left.  Rules and thresholds:
 * docs/fusion.md. */
#include "fuse_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMPTY_BIN UINT32_MAX
#define MAX_TERMS 20        /* key-term features per article */
#define MAX_POSTINGS 64     /* postings read per feature */
#define MAX_DF 24           /* a feature of more articles of the window
                               tells nothing: skipped */
#define MAX_CANDIDATES 256  /* articles scored per new article */
#define MIN_SHARED 10       /* shingles a near-duplicate shares at least:
                               two one-line leads are no copies */
#define STORY_SCORE 6       /* weight shared with an article to join its
                               story ... */
#define STORY_SCORE_TERMS 8 /* ... or without a shared event feature */
#define STORY_SIM 0.3       /* and this share of its own weight; */
#define STORY_SCORE_CLOSE 4 /* or this much, an event feature among it, */
#define STORY_SIM_CLOSE 0.5 /* and this share (short articles) */
#define MAX_EVENT_CANDIDATES 64 /* live events of a key scored per member
                               (the newest) */

/* The text of the article last asked for by the JSON writer. */
typedef struct ftext {
  char *buf;
  size_t cap;
  size_t seq;        /* 1 + the article's seq, 0 none */
} ftext;

/* The feature index: for each feature, the articles of its last
 * MAX_POSTINGS posts (all find_story reads), newest last, in one array
 * per feature so a walk touches a few cache lines, with their days. */
typedef struct fring_ent {
  void *val;
  long day;
} fring_ent;

typedef struct fring_slot {
  uint64_t key;
  fring_ent *e;   /* CAP entries; post j at j % CAP */
  uint32_t n;     /* posts ever added (0: free slot) */
  uint32_t cap;
} fring_slot;

typedef struct fring {
  fring_slot *slots;
  size_t cap, nkeys; /* slots (a power of two), used */
} fring;

struct casus_fuser {
  int window;        /* days */
  ftext *tcache;     /* text_of's (a pointer: text_of gets a const f) */
  double dup;        /* Jaccard threshold */
  const casus_engine *engine;
  fart **arts;
  size_t narts, caparts;
  fstory **stories;
  size_t nstories, capstories;
  fevent **evs;
  size_t nevs, capevs;
  fmmap lsh;         /* band key -> fart */
  fring feat;        /* feature -> fart (live articles) */
  uint32_t gen;      /* find_story's marks */
  fmmap evidx;       /* dyad + family key -> fevent */
  casus_map *byid;   /* article id -> fart */
  casus_map *words;  /* interned code-like strings of members (rules,
                        codes, gazetteer names: a bounded vocabulary) */
  fpool wpool;       /* their copies */
  size_t seq;
  size_t added;      /* articles added (their arrival numbers) */
  size_t idle_at;    /* ADDED at the last casus_fuser_flush_idle check */
};

/* ------------------------------------------------------------- multimap */

/* SplitMix64's finalizer: spreads the bits of X. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/* The slot of KEY in M (cap > 0): the one heading its posts, else the
 * free slot where it would go (linear probing). */
static size_t fmm_slot(const fmmap *m, uint64_t key) {
  size_t mask = m->cap - 1, s = mix64(key) & mask;
  while (m->heads[s] && m->posts[m->heads[s] - 1].key != key)
    s = (s + 1) & mask;
  return s;
}

/* Relinks every post into a table of CAP slots (oldest first, so each
 * key's list stays newest first). */
static int fmm_rehash(fmmap *m, size_t cap) {
  uint32_t *h = casus__calloc(cap, sizeof *h);
  if (!h)
    return CASUS_ENOMEM;
  casus__free(m->heads);
  m->heads = h;
  m->cap = cap;
  m->nkeys = 0;
  for (size_t i = 0; i < m->nposts; i++) {
    size_t s = fmm_slot(m, m->posts[i].key);
    m->nkeys += !h[s];
    m->posts[i].next = h[s];
    h[s] = (uint32_t)(i + 1);
  }
  return CASUS_OK;
}

int casus__fmm_add(fmmap *m, uint64_t key, void *val) {
  if (m->nposts >= UINT32_MAX - 1)
    return CASUS_ENOMEM;
  if (casus__grow((void **)&m->posts, &m->capposts, m->nposts + 1,
                  sizeof *m->posts))
    return CASUS_ENOMEM;
  if ((m->nkeys + 1) * 2 > m->cap &&
      fmm_rehash(m, m->cap ? m->cap * 4 : 64))
    return CASUS_ENOMEM;
  size_t s = fmm_slot(m, key);
  m->nkeys += !m->heads[s];
  m->posts[m->nposts].key = key;
  m->posts[m->nposts].val = val;
  m->posts[m->nposts].next = m->heads[s];
  m->nposts++;
  m->heads[s] = (uint32_t)m->nposts;
  return CASUS_OK;
}

void casus__fmm_clear(fmmap *m) {
  if (m->heads)
    memset(m->heads, 0, m->cap * sizeof *m->heads);
  m->nposts = 0;
  m->nkeys = 0;
}

void casus__fmm_free(fmmap *m) {
  casus__free(m->heads);
  casus__free(m->posts);
  memset(m, 0, sizeof *m);
}

void *casus__fmm_next(const fmmap *m, uint64_t key, uint32_t *it) {
  if (!m->cap)
    return NULL;
  uint32_t p = *it ? m->posts[*it - 1].next : m->heads[fmm_slot(m, key)];
  *it = p;
  return p ? m->posts[p - 1].val : NULL;
}

/* The slot of KEY in R (cap > 0): its own, else the free one where it
 * would go. */
static fring_slot *fring_slot_of(const fring *r, uint64_t key) {
  size_t mask = r->cap - 1, s = mix64(key) & mask;
  while (r->slots[s].n && r->slots[s].key != key)
    s = (s + 1) & mask;
  return &r->slots[s];
}

/* Moves R's slots into a table of CAP slots. */
static int fring_rehash(fring *r, size_t cap) {
  fring_slot *old = r->slots;
  size_t ocap = r->cap;
  r->slots = casus__calloc(cap, sizeof *r->slots);
  if (!r->slots) {
    r->slots = old;
    return CASUS_ENOMEM;
  }
  r->cap = cap;
  for (size_t i = 0; i < ocap; i++)
    if (old[i].n)
      *fring_slot_of(r, old[i].key) = old[i];
  casus__free(old);
  return CASUS_OK;
}

/* Adds VAL (of day DAY) as the newest post of KEY; the oldest of more
 * than MAX_POSTINGS is forgotten.  Returns CASUS_ENOMEM. */
static int fring_add(fring *r, uint64_t key, void *val, long day) {
  if ((r->nkeys + 1) * 2 > r->cap &&
      fring_rehash(r, r->cap ? r->cap * 4 : 64))
    return CASUS_ENOMEM;
  fring_slot *s = fring_slot_of(r, key);
  if (s->n == UINT32_MAX) /* the same positions modulo CAP */
    s->n = 2 * s->cap + s->n % s->cap;
  if (s->n == s->cap && s->cap < MAX_POSTINGS) {
    uint32_t cap = s->cap ? s->cap * 2 : 2;
    fring_ent *e = casus__realloc(s->e, cap * sizeof *e);
    if (!e)
      return CASUS_ENOMEM;
    s->e = e;
    s->cap = cap;
  }
  if (!s->n) {
    s->key = key;
    r->nkeys++;
  }
  fring_ent *x = &s->e[s->n % s->cap];
  x->val = val;
  x->day = day;
  s->n++;
  return CASUS_OK;
}

/* The slot of KEY's posts (the K-th newest of min(n, cap) is
 * e[(n - 1 - K) % cap]), NULL when it has none. */
static const fring_slot *fring_get(const fring *r, uint64_t key) {
  if (!r->cap)
    return NULL;
  const fring_slot *s = fring_slot_of(r, key);
  return s->n ? s : NULL;
}

/* Empties R (keeps the table). */
static void fring_clear(fring *r) {
  for (size_t i = 0; i < r->cap; i++)
    casus__free(r->slots[i].e);
  if (r->slots)
    memset(r->slots, 0, r->cap * sizeof *r->slots);
  r->nkeys = 0;
}

/* Frees R's memory. */
static void fring_free(fring *r) {
  fring_clear(r);
  casus__free(r->slots);
  memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------- helpers */

/* Continues FNV-1a hash H over S[0..N) and a 0xFF separator. */
static uint64_t fnv_add(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ULL;
  }
  h ^= 0xFF;
  return h * 0x100000001b3ULL;
}

/* Hash of TAG and the strings A, B, C (NULL parts as "-"). */
static uint64_t key_hash(const char *tag, const char *a, const char *b,
                         const char *c) {
  const char *parts[] = {tag, a, b, c};
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(parts); i++)
    h = parts[i] ? fnv_add(h, parts[i], strlen(parts[i])) : fnv_add(h, "-", 1);
  return h;
}

/* An arena copy of S (NULL stays NULL); sets *RC on OOM. */
static char *cp(fart *a, const char *s, int *rc) {
  if (!s)
    return NULL;
  char *t = casus__arena_strndup(&a->arena, s, strlen(s));
  if (!t)
    *rc = CASUS_ENOMEM;
  return t;
}

/* The fuser's one copy of S (NULL stays NULL), shared by every member
 * that has it and kept until the fuser closes: for strings of a bounded
 * vocabulary only.  Sets *RC on OOM. */
static const char *word(casus_fuser *f, const char *s, int *rc) {
  if (!s)
    return NULL;
  size_t n = strlen(s);
  const char *w = casus__map_get(f->words, s, n);
  if (w)
    return w;
  char *c = casus__arena_strndup(&f->wpool, s, n);
  void **slot = c ? casus__map_slot(f->words, s, n) : NULL;
  if (!slot) {
    *rc = CASUS_ENOMEM;
    return NULL;
  }
  *slot = c;
  return c;
}

/* Frees article A (its arena holds its strings and members). */
static void art_free(fart *a) {
  if (!a)
    return;
  casus__arena_free(&a->arena);
  casus__free(a);
}

/* The text of article ID for the JSON writer: its kept pieces at their
 * offsets, spaces elsewhere, rebuilt in the fuser's text cache (the
 * last article asked for stays there). */
static const char *text_of(const void *ctx, const char *id, size_t *len) {
  const casus_fuser *f = ctx;
  const fart *a = casus__map_get(f->byid, id, strlen(id));
  ftext *c = f->tcache;
  if (!a || !c)
    return NULL;
  if (c->seq != a->seq + 1) {
    if (casus__grow((void **)&c->buf, &c->cap, a->len + 1, 1))
      return NULL;
    memset(c->buf, ' ', a->len);
    c->buf[a->len] = '\0';
    for (size_t i = 0; i < a->npieces; i++)
      memcpy(c->buf + a->pieces[i].start, a->pieces[i].s, a->pieces[i].len);
    c->seq = a->seq + 1;
  }
  *len = a->len;
  return c->buf;
}

/* A byte span of an article's text that output may show. */
typedef struct fspan {
  uint32_t a, b;
} fspan;

/* qsort order of spans: by start. */
static int span_cmp(const void *x, const void *y) {
  const fspan *p = x, *q = y;
  return p->a < q->a ? -1 : p->a > q->a;
}

/* Appends [A, B) to V (room is there) when it is a span inside LEN. */
static void span_add(fspan *v, size_t *n, size_t len, uint32_t a,
                     uint32_t b) {
  if (a < b && b <= len) {
    v[*n].a = a;
    v[*n].b = b;
    (*n)++;
  }
}

/* Keeps in X the pieces of D's cleaned text that the spans of its
 * members MS[0..N) refer to (merged when they overlap).  Returns
 * CASUS_ENOMEM. */
static int keep_text(fart *x, const casus_doc *d, fmember **ms, size_t n) {
  size_t cap = 0, nv = 0;
  for (size_t i = 0; i < n; i++)
    cap += 2 * ms[i]->ev.n_mentions + ms[i]->ev.n_counts + 6;
  if (!cap || !d->clean.text)
    return CASUS_OK;
  fspan *v = casus__malloc(cap * sizeof *v);
  if (!v)
    return CASUS_ENOMEM;
  size_t len = x->len;
  for (size_t i = 0; i < n; i++) {
    const casus_event *e = &ms[i]->ev;
    for (size_t k = 0; k < e->n_mentions; k++) {
      const casus_mention *m = &e->mentions[k];
      span_add(v, &nv, len, m->start, m->end);
      span_add(v, &nv, len, m->trigger_start, m->trigger_end);
    }
    const casus_prov *pv[] = {&e->date_prov, &e->actor1.prov,
                              &e->actor2.prov, &e->place.prov,
                              &e->fatalities.prov};
    for (size_t k = 0; k < CASUS_ARRAY_LEN(pv); k++)
      span_add(v, &nv, len, pv[k]->start, pv[k]->end);
    for (size_t k = 0; k < e->n_counts; k++)
      span_add(v, &nv, len, e->counts[k].prov.start, e->counts[k].prov.end);
    if (ms[i]->has_attr)
      span_add(v, &nv, len, ms[i]->attr.start, ms[i]->attr.end);
  }
  int rc = CASUS_OK;
  if (nv)
    qsort(v, nv, sizeof *v, span_cmp);
  size_t np = 0;
  for (size_t i = 0; i < nv; i++) { /* merge in place */
    if (np && v[i].a <= v[np - 1].b) {
      if (v[i].b > v[np - 1].b)
        v[np - 1].b = v[i].b;
    } else {
      v[np++] = v[i];
    }
  }
  x->pieces = np ? casus__arena_alloc(&x->arena, np * sizeof *x->pieces)
                 : NULL;
  if (np && !x->pieces)
    rc = CASUS_ENOMEM;
  for (size_t i = 0; i < np && !rc; i++) {
    fpiece *p = &x->pieces[i];
    p->start = v[i].a;
    p->len = v[i].b - v[i].a;
    p->s = casus__arena_strndup(&x->arena, d->clean.text + p->start, p->len);
    if (!p->s)
      rc = CASUS_ENOMEM;
  }
  if (!rc)
    x->npieces = np;
  casus__free(v);
  return rc;
}

/* ------------------------------------------------------------ articles */

/* The outlet an article counts as: its source, else its URL's host,
 * else the article itself (an unknown outlet is never merged with
 * another). */
static char *outlet_of(fart *a, int *rc) {
  if (a->source && *a->source)
    return a->source;
  const char *u = a->url ? strstr(a->url, "://") : NULL;
  if (u) {
    u += 3;
    size_t n = strcspn(u, "/?#");
    if (n) {
      char *h = casus__arena_strndup(&a->arena, u, n);
      if (!h)
        *rc = CASUS_ENOMEM;
      return h;
    }
  }
  char buf[600];
  snprintf(buf, sizeof buf, "article:%s", a->id);
  return cp(a, buf, rc);
}

/* Fills A's MinHash signature from the word 3-shingles of D's sentences
 * (boilerplate is in no sentence). */
static void signature(fart *a, const casus_doc *d) {
  uint64_t ring[FUSE_SHINGLE] = {0};
  size_t n = 0;
  for (size_t k = 0; k < FUSE_K; k++)
    a->sig[k] = EMPTY_BIN;
  for (size_t i = 0; i < d->seg.ntoks; i++) {
    const casus_token *t = &d->seg.toks[i];
    if (!(t->flags & (CASUS_TOK_WORD | CASUS_TOK_NUM)))
      continue;
    ring[n % FUSE_SHINGLE] = casus__hash(t->norm, t->nlen);
    if (++n < FUSE_SHINGLE)
      continue;
    uint64_t h = 0;
    for (size_t k = 0; k < FUSE_SHINGLE; k++)
      h = (h ^ ring[(n + k) % FUSE_SHINGLE]) * 0x100000001b3ULL;
    h = mix64(h);
    uint32_t bin = (uint32_t)(h >> (64 - FUSE_KBITS)), v = (uint32_t)h;
    if (v == EMPTY_BIN)
      v--;
    if (v < a->sig[bin])
      a->sig[bin] = v;
    a->nshingles++;
  }
}

/* Estimated Jaccard similarity of two signatures: equal bins over bins
 * filled in either. */
static double similarity(const fart *a, const fart *b) {
  int used = 0, eq = 0;
  for (size_t k = 0; k < FUSE_K; k++) {
    if (a->sig[k] == EMPTY_BIN && b->sig[k] == EMPTY_BIN)
      continue;
    used++;
    eq += a->sig[k] == b->sig[k];
  }
  return used ? (double)eq / used : 0.0;
}

/* The LSH key of band B of A, 0 when the band is empty. */
static uint64_t band_key(const fart *a, size_t b) {
  uint32_t v[FUSE_ROWS + 1];
  size_t r = FUSE_ROWS;
  v[0] = (uint32_t)b;
  bool any = false;
  for (size_t k = 0; k < r; k++) {
    v[k + 1] = a->sig[b * r + k];
    any |= v[k + 1] != EMPTY_BIN;
  }
  return any ? casus__hash(v, sizeof v) | 1 : 0;
}

/* The live article A near-duplicates (the best above the threshold,
 * earliest on ties), or NULL.  At most MAX_CANDIDATES articles are
 * compared. */
static fart *find_original(casus_fuser *f, const fart *a) {
  fart *best = NULL;
  double bs = 0;
  size_t nc = 0;
  if (a->nshingles < 3)
    return NULL;
  f->gen++;
  for (size_t b = 0; b < FUSE_BANDS && nc < MAX_CANDIDATES; b++) {
    uint64_t k = band_key(a, b);
    uint32_t it = 0;
    for (fart *o; k && nc < MAX_CANDIDATES &&
                  (o = casus__fmm_next(&f->lsh, k, &it));) {
      if (o->nshingles < 3 || o->mark == f->gen)
        continue;
      o->mark = f->gen;
      nc++;
      double s = similarity(a, o);
      /* Shared shingles: J x |A u B|, |A u B| = (|A| + |B|) / (1 + J). */
      double shared = s * (a->nshingles + o->nshingles) / (1.0 + s);
      if (s >= f->dup && shared >= MIN_SHARED &&
          (s > bs || (s == bs && o->seq < best->seq))) {
        best = o;
        bs = s;
      }
    }
  }
  return best;
}

/* Adds feature H (weight W) to A unless it is there or A is full. */
static void add_feat(fart *a, uint64_t h, int w, bool event) {
  for (size_t i = 0; i < a->nfeat; i++)
    if (a->feat[i].h == h)
      return;
  if (a->nfeat == FUSE_MAX_FEAT)
    return;
  a->feat[a->nfeat].h = h;
  a->feat[a->nfeat].w = (uint8_t)w;
  a->feat[a->nfeat].event = event;
  a->nfeat++;
  a->weight += w;
}

/* The features of A's events: the dyad (unordered country pair) with
 * the CAMEO family, the places, the actor codes. */
static void event_features(fart *a, const fmember *m) {
  const casus_event *e = &m->ev;
  const char *c1 = e->actor1.country, *c2 = e->actor2.country;
  if (c1 && c2 && strcmp(c1, c2) > 0) {
    const char *t = c1;
    c1 = c2;
    c2 = t;
  }
  char fam[8];
  snprintf(fam, sizeof fam, "%d", casus__fuse_family(m->root));
  if (c1 || c2)
    add_feat(a, key_hash("D", c1, c2, fam), 3, true);
  const casus_place *p = &e->place;
  if (p->name && p->precision && strcmp(p->precision, "country"))
    add_feat(a, key_hash("P", p->country, p->name, NULL), 2, true);
  if (p->name && p->admin1)
    add_feat(a, key_hash("P", p->country, p->admin1, NULL), 2, true);
  if (e->actor1.code)
    add_feat(a, key_hash("A", e->actor1.code, NULL, NULL), 1, false);
  if (e->actor2.code)
    add_feat(a, key_hash("A", e->actor2.code, NULL, NULL), 1, false);
}

/* True when the folded word W[0..N) names a weekday or a month: dates
 * are no story term (the window compares days already). */
static bool calendar_word(const char *w, size_t n) {
  static const char *const words[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december"};
  for (size_t k = 0; k < CASUS_ARRAY_LEN(words); k++)
    if (strlen(words[k]) == n && !memcmp(w, words[k], n))
      return true;
  return false;
}

/* Key terms: capitalized words inside sentences (names, mostly), not
 * weekdays or months. */
static void term_features(fart *a, const casus_doc *d) {
  int n = 0;
  for (size_t s = 0; s < d->seg.nsents && n < MAX_TERMS; s++) {
    const casus_sentence *st = &d->seg.sents[s];
    for (uint32_t i = 1; i < st->ntok && n < MAX_TERMS; i++) {
      const casus_token *t = &d->seg.toks[st->tok + i];
      if (!(t->flags & CASUS_TOK_CAP) || !(t->flags & CASUS_TOK_WORD) ||
          t->nlen < 3 || calendar_word(t->norm, t->nlen))
        continue;
      size_t before = a->nfeat;
      uint64_t h = fnv_add(0xcbf29ce484222325ULL, "T", 1);
      add_feat(a, fnv_add(h, t->norm, t->nlen), 1, false);
      n += a->nfeat > before;
    }
  }
}

/* ---------------------------------------------------------- attribution */

/* The attribution of member M: the one the coder gave its event SRC
 * (lib/code/attrib.c), copied into the article's arena. */
static int attribution(const casus_event *src, fmember *m) {
  const casus_attribution *a = src->attribution;
  if (!a)
    return CASUS_OK;
  int rc = CASUS_OK;
  m->attr.name = cp(m->art, a->name, &rc);
  m->attr.code = cp(m->art, a->code, &rc);
  m->attr.article = m->art->id;
  m->attr.start = a->start;
  m->attr.end = a->end;
  m->has_attr = !rc;
  return rc;
}

/* -------------------------------------------------------------- members */

/* Copies an actor's strings into A. */
static void copy_actor(casus_fuser *f, fart *a, casus_actor *x, int *rc) {
  x->code = word(f, x->code, rc);
  x->country = word(f, x->country, rc);
  x->role = word(f, x->role, rc);
  x->name = cp(a, x->name, rc);
  x->prov.rule = word(f, x->prov.rule, rc);
  x->prov.article = a->id;
}

/* Days the member's date may denote, and how precise it is. */
static void member_dates(fmember *m, int window) {
  long day = 0;
  const char *p = m->ev.date_precision ? m->ev.date_precision : "day";
  const char *rule = m->ev.date_prov.rule ? m->ev.date_prov.rule : "";
  if (!casus__parse_iso_date(m->ev.date, &day)) {
    m->d0 = LONG_MIN / 4;
    m->d1 = LONG_MAX / 4;
    m->date_rank = 0;
    return;
  }
  int y, mo, dd;
  casus__civil_from_days(day, &y, &mo, &dd);
  m->d0 = m->d1 = day;
  m->date_rank = 4;
  m->explicit_date = !strcmp(rule, "date:explicit");
  if (!strcmp(rule, "date:published") || !strcmp(rule, "date:vague")) {
    m->d0 = day - (!strcmp(rule, "date:vague") ? 31 : window);
    m->date_rank = 0;
  } else if (!strcmp(p, "week")) {
    m->d1 = day + 6;
    m->date_rank = 3;
  } else if (!strcmp(p, "month")) {
    m->d1 = casus__days_from_civil(mo == 12 ? y + 1 : y,
                                   mo == 12 ? 1 : mo + 1, 1) - 1;
    m->date_rank = 2;
  } else if (!strcmp(p, "year")) {
    m->d1 = casus__days_from_civil(y, 12, 31);
    m->date_rank = 1;
  }
}

/* Deep-copies event SRC into a new member of article A. */
static int member_new(casus_fuser *f, fart *a, const casus_event *src,
                      fmember **out) {
  int rc = CASUS_OK;
  fmember *m = casus__arena_alloc(&a->arena, sizeof *m);
  if (!m)
    return CASUS_ENOMEM;
  m->art = a;
  casus_event *e = &m->ev;
  *e = *src;
  e->date_precision = word(f, e->date_precision, &rc);
  e->date_prov.rule = word(f, e->date_prov.rule, &rc);
  e->date_prov.article = a->id;
  copy_actor(f, a, &e->actor1, &rc);
  copy_actor(f, a, &e->actor2, &rc);
  e->cameo_name = word(f, e->cameo_name, &rc);
  e->plover_type = word(f, e->plover_type, &rc);
  e->plover_mode = word(f, e->plover_mode, &rc);
  e->plover_context = word(f, e->plover_context, &rc);
  e->acled_type = word(f, e->acled_type, &rc);
  e->acled_subtype = word(f, e->acled_subtype, &rc);
  e->modality = word(f, e->modality, &rc);
  casus_place *p = &e->place;
  p->name = word(f, p->name, &rc);
  p->country = word(f, p->country, &rc);
  p->admin1 = word(f, p->admin1, &rc);
  p->admin2 = word(f, p->admin2, &rc);
  p->precision = word(f, p->precision, &rc);
  p->geo_precision = word(f, p->geo_precision, &rc);
  p->feature = word(f, p->feature, &rc);
  p->country3 = word(f, p->country3, &rc);
  p->admin1_code = word(f, p->admin1_code, &rc);
  p->admin2_code = word(f, p->admin2_code, &rc);
  p->prov.rule = word(f, p->prov.rule, &rc);
  p->prov.article = a->id;
  e->fatalities.prov.rule = word(f, e->fatalities.prov.rule, &rc);
  e->fatalities.prov.article = a->id;
  casus_count *cs = NULL;
  if (src->n_counts) {
    cs = casus__arena_alloc(&a->arena, sizeof *cs * src->n_counts);
    if (!cs)
      return CASUS_ENOMEM;
    memcpy(cs, src->counts, sizeof *cs * src->n_counts);
  }
  for (size_t i = 0; i < src->n_counts; i++) {
    cs[i].kind = word(f, cs[i].kind, &rc);
    cs[i].qualifier = word(f, cs[i].qualifier, &rc);
    cs[i].who = cp(a, cs[i].who, &rc);
    cs[i].prov.rule = word(f, cs[i].prov.rule, &rc);
    cs[i].prov.article = a->id;
  }
  e->counts = cs;
  casus_mention *ms = NULL;
  if (src->n_mentions) {
    ms = casus__arena_alloc(&a->arena, sizeof *ms * src->n_mentions);
    if (!ms)
      return CASUS_ENOMEM;
    memcpy(ms, src->mentions, sizeof *ms * src->n_mentions);
  }
  for (size_t i = 0; i < src->n_mentions; i++) {
    ms[i].article = a->id;
    ms[i].rule = word(f, ms[i].rule, &rc);
    ms[i].source = a->source;
    ms[i].url = a->url;
    ms[i].published = a->published;
    ms[i].duplicate_of = a->dup_of;
  }
  e->mentions = ms;
  e->num_mentions = (int)src->n_mentions;
  m->root = (e->cameo[0] - '0') * 10 + (e->cameo[1] - '0');
  member_dates(m, f->window);
  if (!rc)
    rc = attribution(src, m);
  *out = m;
  return rc;
}

/* -------------------------------------------------------------- stories */

/* A new story started by article A (not joined yet), added to F's
 * stories; NULL on OOM. */
static fstory *story_new(casus_fuser *f, const fart *a) {
  fstory *s = casus__calloc(1, sizeof *s);
  if (!s)
    return NULL;
  if (casus__grow((void **)&f->stories, &f->capstories, f->nstories + 1,
                  sizeof *f->stories)) {
    casus__free(s);
    return NULL;
  }
  f->stories[f->nstories++] = s;
  casus__arena_init_block(&s->arena, FUSE_POOL_BLOCK);
  char key[600];
  snprintf(key, sizeof key, "story|%s", a->id);
  snprintf(s->pub.story_id, sizeof s->pub.story_id, "%016llx",
           (unsigned long long)casus__hash(key, strnlen(key, sizeof key)));
  s->first_day = s->last_day = a->day;
  s->seq = f->seq++;
  s->first_arrival = a->arrival;
  return s;
}

/* Frees story S (not the articles it points to). */
static void story_free(fstory *s) {
  if (!s)
    return;
  casus__free(s->parts);
  casus__free(s->evptrs);
  casus__free(s->arts);
  casus__free(s->evids);
  casus__free(s->old);
  casus__arena_free(&s->arena);
  casus__free(s);
}

/* Adds article A to story S and its features to the index. */
static int story_join(casus_fuser *f, fstory *s, fart *a) {
  if (casus__grow((void **)&s->arts, &s->caparts, s->narts + 1,
                  sizeof *s->arts))
    return CASUS_ENOMEM;
  s->arts[s->narts++] = a;
  s->last_arrival = a->arrival;
  a->story = s;
  a->refs++;
  s->first_day = a->day < s->first_day ? a->day : s->first_day;
  s->last_day = a->day > s->last_day ? a->day : s->last_day;
  s->dirty = true;
  for (size_t i = 0; i < a->nfeat; i++)
    if (fring_add(&f->feat, a->feat[i].h, a, a->day))
      return CASUS_ENOMEM;
  return CASUS_OK;
}

/* The story article A belongs to: its original's, else that of the live
 * article of the window most like it, else NULL (a new story).  A
 * feature's weight is divided by how common it is in the window
 * (8 / (7 + df), df = articles having it); a candidate must share at
 * least STORY_SCORE of weight with an event feature among the shared
 * (STORY_SCORE_TERMS without), and at least STORY_SIM of A's own
 * weight.  Single link on strong pairs: a story does not swallow all
 * that shares a country or a name with one of its articles. */
static fstory *find_story(casus_fuser *f, const fart *a,
                          const fart *orig) {
  if (orig && orig->story)
    return orig->story;
  fart *cand[MAX_CANDIDATES];
  size_t nc = 0;
  double own = 0;
  f->gen++;
  for (size_t i = 0; i < a->nfeat; i++) {
    /* One walk of the feature's first MAX_POSTINGS postings: those of
     * the window are its document frequency and the candidates. */
    fart *win[MAX_POSTINGS];
    int df = 0;
    fart *o;
    const fring_slot *fs = fring_get(&f->feat, a->feat[i].h);
    uint32_t np = fs ? (fs->n < fs->cap ? fs->n : fs->cap) : 0;
    for (uint32_t k = 0; k < np; k++) { /* newest first */
      const fring_ent *x = &fs->e[(fs->n - 1 - k) % fs->cap];
      if (x->day >= a->day - f->window && x->day <= a->day + f->window)
        win[df++] = x->val;
    }
    double w = a->feat[i].w * 8.0 / (7.0 + (df >= MAX_DF ? MAX_DF
                                            : df > 1 ? df : 1));
    own += w;
    if (df >= MAX_DF)
      continue;
    for (int k = 0; k < df; k++) {
      o = win[k];
      if (o->mark != f->gen) {
        if (nc == MAX_CANDIDATES)
          continue;
        o->mark = f->gen;
        o->mscore = 0;
        o->mev = false;
        cand[nc++] = o;
      }
      o->mscore += w;
      o->mev |= a->feat[i].event;
    }
  }
  const fart *best = NULL;
  for (size_t k = 0; k < nc; k++) {
    const fart *o = cand[k];
    double sc = o->mscore + 1e-9; /* sums of damped weights */
    bool strong = sc >= (o->mev ? STORY_SCORE : STORY_SCORE_TERMS) &&
                  sc >= STORY_SIM * own;
    bool close = o->mev && sc >= STORY_SCORE_CLOSE &&
                 sc >= STORY_SIM_CLOSE * own;
    if (!strong && !close)
      continue;
    if (!best || o->mscore > best->mscore ||
        (o->mscore == best->mscore && o->story->seq < best->story->seq))
      best = o;
  }
  return best ? best->story : NULL;
}

/* Moves live article A of story S out of the story's live list into its
 * retired records (copies of what the story record shows); A loses the
 * story's reference.  Returns CASUS_ENOMEM. */
static int story_retire(fstory *s, fart *a) {
  if (casus__grow((void **)&s->old, &s->capold, s->nold + 1,
                  sizeof *s->old))
    return CASUS_ENOMEM;
  fretired *r = &s->old[s->nold];
  const char *src[] = {a->id, a->source, a->url, a->published, a->dup_of,
                       a->outlet, a->title};
  const char **dst[] = {&r->a.id, &r->a.source, &r->a.url, &r->a.published,
                        &r->a.duplicate_of, &r->outlet, &r->title};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(src); i++) {
    *dst[i] = src[i] ? casus__arena_strndup(&s->arena, src[i],
                                            strlen(src[i]))
                     : NULL;
    if (src[i] && !*dst[i])
      return CASUS_ENOMEM;
  }
  s->nold++;
  size_t o = 0;
  for (size_t i = 0; i < s->narts; i++)
    if (s->arts[i] != a)
      s->arts[o++] = s->arts[i];
  s->narts = o;
  a->story = NULL;
  a->refs--;
  s->dirty = true;
  return CASUS_OK;
}

/* Rebuilds the public view of story S: retired articles, then live
 * ones. */
static int story_refresh(fstory *s) {
  if (!s->dirty)
    return CASUS_OK;
  casus_story *p = &s->pub;
  size_t n = s->nold + s->narts;
  if (casus__grow((void **)&s->parts, &s->capparts, n + 1,
                  sizeof *s->parts) ||
      casus__grow((void **)&s->evptrs, &s->capevptrs, s->nev + 1,
                  sizeof *s->evptrs))
    return CASUS_ENOMEM;
  p->title = NULL;
  p->num_articles = p->num_sources = 0;
  for (size_t i = 0; i < n; i++) {
    casus_story_article *x = &s->parts[i];
    const char *outlet, *title;
    if (i < s->nold) {
      *x = s->old[i].a;
      outlet = s->old[i].outlet;
      title = s->old[i].title;
    } else {
      const fart *a = s->arts[i - s->nold];
      x->id = a->id;
      x->source = a->source;
      x->url = a->url;
      x->published = a->published;
      x->duplicate_of = a->dup_of;
      outlet = a->outlet;
      title = a->title;
    }
    if (!p->title && title && *title)
      p->title = title;
    if (x->duplicate_of)
      continue;
    p->num_articles++;
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) {
      const char *ko = k < s->nold ? s->old[k].outlet
                                   : s->arts[k - s->nold]->outlet;
      seen = !s->parts[k].duplicate_of && !strcmp(ko, outlet);
    }
    p->num_sources += !seen;
  }
  for (size_t i = 0; i < s->nev; i++)
    s->evptrs[i] = s->evids[i];
  casus__format_date(s->first_day, p->first);
  casus__format_date(s->last_day, p->last);
  p->articles = s->parts;
  p->n_articles = n;
  p->events = s->evptrs;
  p->n_events = s->nev;
  s->dirty = false;
  return CASUS_OK;
}

/* ---------------------------------------------------------------- events */

/* The fusion index key of M: actor countries and CAMEO family. */
static uint64_t event_key(const fmember *m) {
  char fam[8];
  snprintf(fam, sizeof fam, "%d", casus__fuse_family(m->root));
  return key_hash("E", m->ev.actor1.country, m->ev.actor2.country, fam);
}

/* Frees fused event E and drops its references to its articles. */
static void fev_free(fevent *e) {
  if (!e)
    return;
  for (size_t i = 0; i < e->nmem; i++)
    e->mem[i]->art->refs--;
  casus__free(e->mem);
  casus__free(e->outlets);
  casus__arena_free(&e->scratch);
  casus__free(e);
}

/* Fuses member M of article A (built in scratch memory from event SRC)
 * into the best compatible live event, or starts a new one.  A member
 * the event keeps is built again in A's arena and returned in *KEPT
 * (else NULL): a member only counted takes no memory of the article. */
static int fuse_member(casus_fuser *f, fart *a, fmember *m,
                       const casus_event *src, fmember **kept) {
  uint64_t key = event_key(m);
  fevent *best = NULL;
  int bs = -1;
  uint32_t it = 0;
  size_t nscored = 0;
  *kept = NULL;
  /* The newest MAX_EVENT_CANDIDATES events of the key (the list is
   * newest first): a busy country pair does not make each member scan
   * every live event of it. */
  for (fevent *e; nscored < MAX_EVENT_CANDIDATES &&
                  (e = casus__fmm_next(&f->evidx, key, &it));
       nscored++) {
    if (e->last_art == a->seq + 1)
      continue; /* the coder already merged what one article repeats */
    bool same_story = a->story && !strcmp(e->story_id, a->story->pub.story_id);
    int s = casus__fev_score(e, m, same_story);
    if (s > bs || (s == bs && s >= 0 && e->seq < best->seq)) {
      best = e;
      bs = s;
    }
  }
  if (best && bs >= 0) {
    int rc;
    if (best->nmem < FUSE_MAX_MEMBERS &&
        (rc = member_new(f, a, src, &m)))
      return rc;
    bool keep = false;
    best->last_arrival = a->arrival;
    rc = casus__fev_add(best, m, &keep);
    a->refs += keep;
    *kept = keep ? m : NULL;
    return rc;
  }
  int rc0 = member_new(f, a, src, &m);
  if (rc0)
    return rc0;
  *kept = m;
  fevent *e = casus__calloc(1, sizeof *e);
  if (!e)
    return CASUS_ENOMEM;
  casus__arena_init_block(&e->scratch, FUSE_POOL_BLOCK);
  if (casus__grow((void **)&f->evs, &f->capevs, f->nevs + 1,
                  sizeof *f->evs)) {
    casus__free(e);
    return CASUS_ENOMEM;
  }
  f->evs[f->nevs++] = e;
  e->key = key;
  e->seq = f->seq++;
  e->last_arrival = e->first_arrival = a->arrival;
  memcpy(e->story_id, a->story->pub.story_id, sizeof e->story_id);
  a->refs++;
  int rc = casus__fev_add(e, m, NULL);
  if (!rc)
    rc = casus__fmm_add(&f->evidx, key, e);
  fstory *s = a->story;
  if (!rc && casus__grow((void **)&s->evids, &s->capev, s->nev + 1,
                         sizeof *s->evids))
    rc = CASUS_ENOMEM;
  if (!rc) {
    memcpy(s->evids[s->nev++], m->ev.event_id, sizeof *s->evids);
    s->evids[s->nev - 1][23] = '\0';
    s->dirty = true;
  }
  return rc;
}

/* ------------------------------------------------------------------ API */

int casus_fuser_open(const casus_fuse_opts *opts, casus_fuser **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  casus_fuser *f = casus__calloc(1, sizeof *f);
  if (!f)
    return CASUS_ENOMEM;
  f->window = opts && opts->window_days > 0 ? opts->window_days : 3;
  f->dup = opts && opts->dup_threshold > 0 ? opts->dup_threshold : 0.5;
  f->engine = opts ? opts->engine : NULL;
  f->byid = casus__map_new();
  f->words = casus__map_new();
  casus__arena_init_block(&f->wpool, FUSE_POOL_BLOCK);
  f->tcache = casus__calloc(1, sizeof *f->tcache);
  if (!f->byid || !f->words || !f->tcache) {
    casus__map_free(f->byid);
    casus__map_free(f->words);
    casus__free(f->tcache);
    casus__free(f);
    return CASUS_ENOMEM;
  }
  *out = f;
  return CASUS_OK;
}

void casus_fuser_close(casus_fuser *f) {
  if (!f)
    return;
  for (size_t i = 0; i < f->nevs; i++)
    fev_free(f->evs[i]);
  for (size_t i = 0; i < f->nstories; i++)
    story_free(f->stories[i]);
  for (size_t i = 0; i < f->narts; i++)
    art_free(f->arts[i]);
  casus__free(f->evs);
  casus__free(f->stories);
  casus__free(f->arts);
  casus__fmm_free(&f->lsh);
  fring_free(&f->feat);
  casus__fmm_free(&f->evidx);
  casus__map_free(f->byid);
  casus__map_free(f->words);
  casus__arena_free(&f->wpool);
  casus__free(f->tcache->buf);
  casus__free(f->tcache);
  casus__free(f);
}

/* Creates the fuser's record of article A / doc D (not yet indexed). */
static int art_new(casus_fuser *f, const casus_article *a,
                   const casus_doc *d, fart **out) {
  fart *x = casus__calloc(1, sizeof *x);
  if (!x)
    return CASUS_ENOMEM;
  casus__arena_init_block(&x->arena, FUSE_POOL_BLOCK);
  if (casus__grow((void **)&f->arts, &f->caparts, f->narts + 1,
                  sizeof *f->arts)) {
    art_free(x);
    return CASUS_ENOMEM;
  }
  f->arts[f->narts++] = x;
  *out = x;
  int rc = CASUS_OK;
  x->id = cp(x, d->article_id ? d->article_id : "", &rc);
  x->source = cp(x, a && a->source ? a->source : d->source, &rc);
  x->url = cp(x, a ? a->url : NULL, &rc);
  x->title = cp(x, a ? a->title : NULL, &rc);
  x->day = d->published;
  casus__format_date(d->published, x->published);
  x->len = d->clean.text ? d->clean.len : 0;
  if (!rc)
    x->outlet = outlet_of(x, &rc);
  x->seq = f->seq++;
  x->arrival = ++f->added;
  return rc;
}

int casus_fuser_add(casus_fuser *f, const casus_article *a,
                    const casus_doc *d, casus_error *err) {
  casus__err_clear(err);
  if (!f || !d)
    return casus__err(err, CASUS_EINVAL, "", 0, "no fuser or doc");
  fart *x = NULL;
  int rc = art_new(f, a, d, &x);
  if (rc)
    goto done;
  signature(x, d);
  fart *orig = find_original(f, x);
  if (orig) /* a copy: the original may be freed first */
    x->dup_of = cp(x, orig->dup_of ? orig->dup_of : orig->id, &rc);
  if (rc)
    goto done;
  term_features(x, d);
  /* Members are built in scratch memory first (their features, their
   * fusion); only those an event keeps are built in the article's
   * arena, and only their text is kept. */
  fpool perm = x->arena;
  casus__arena_init_block(&x->arena, FUSE_POOL_BLOCK);
  fmember **ms = NULL;
  size_t n = d->nevents, nk = 0;
  if (n) {
    ms = casus__arena_alloc(&x->arena, sizeof *ms * n * 2);
    if (!ms)
      rc = CASUS_ENOMEM;
  }
  for (size_t i = 0; i < n && !rc; i++) {
    rc = member_new(f, x, &d->events[i], &ms[i]);
    if (!rc)
      event_features(x, ms[i]);
  }
  fpool tmp = x->arena;
  x->arena = perm;
  fstory *s = rc ? NULL : find_story(f, x, orig);
  if (!rc && !s && !(s = story_new(f, x)))
    rc = CASUS_ENOMEM;
  if (!rc)
    rc = story_join(f, s, x);
  for (size_t i = 0; i < n && !rc; i++) {
    fmember *k = NULL;
    rc = fuse_member(f, x, ms[i], &d->events[i], &k);
    if (k)
      ms[n + nk++] = k;
  }
  if (!rc)
    rc = keep_text(x, d, ms + n, nk);
  casus__arena_free(&tmp);
  for (size_t b = 0; b < FUSE_BANDS && !rc; b++) {
    uint64_t k = band_key(x, b);
    if (k)
      rc = casus__fmm_add(&f->lsh, k, x);
  }
  if (!rc) {
    void **slot = casus__map_slot(f->byid, x->id, strlen(x->id));
    if (slot)
      *slot = x;
    else
      rc = CASUS_ENOMEM;
  }
done:
  if (rc)
    casus__err(err, rc, d->article_id ? d->article_id : "", 0,
               "fusing the article: %s", casus_strerror(rc));
  return rc;
}

size_t casus_fuser_event_count(const casus_fuser *f) {
  return f ? f->nevs : 0;
}

const casus_event *casus_fuser_event(const casus_fuser *f, size_t i) {
  if (!f || i >= f->nevs || casus__fev_refresh(f->evs[i]))
    return NULL;
  return &f->evs[i]->ev;
}

size_t casus__fuser_live_articles(const casus_fuser *f) {
  return f ? f->narts : 0;
}

size_t casus_fuser_story_count(const casus_fuser *f) {
  return f ? f->nstories : 0;
}

const casus_story *casus_fuser_story(const casus_fuser *f, size_t i) {
  if (!f || i >= f->nstories || story_refresh(f->stories[i]))
    return NULL;
  return &f->stories[i]->pub;
}

int casus_fuser_event_to_json(const casus_fuser *f, const casus_event *ev,
                              char **out) {
  if (!f)
    return CASUS_EINVAL;
  return casus__fused_event_json(ev, text_of, f, out);
}

int casus_fuser_story_to_json(const casus_fuser *f, const casus_story *st,
                              char **out) {
  if (!f)
    return CASUS_EINVAL;
  return casus__story_json(st, out);
}

/* Rebuilds the indexes from the live articles, stories and events. */
static int reindex(casus_fuser *f) {
  casus__fmm_clear(&f->lsh);
  fring_clear(&f->feat);
  casus__fmm_clear(&f->evidx);
  casus__map_free(f->byid);
  f->byid = casus__map_new();
  if (!f->byid)
    return CASUS_ENOMEM;
  int rc = CASUS_OK;
  for (size_t i = 0; i < f->narts && !rc; i++) {
    fart *a = f->arts[i];
    for (size_t b = 0; b < FUSE_BANDS && !rc; b++) {
      uint64_t k = band_key(a, b);
      if (k)
        rc = casus__fmm_add(&f->lsh, k, a);
    }
    for (size_t k = 0; a->story && k < a->nfeat && !rc; k++)
      rc = fring_add(&f->feat, a->feat[k].h, a, a->day);
    void **slot = rc ? NULL : casus__map_slot(f->byid, a->id, strlen(a->id));
    if (slot)
      *slot = a;
    else
      rc = CASUS_ENOMEM;
  }
  for (size_t i = 0; i < f->nevs && !rc; i++)
    rc = casus__fmm_add(&f->evidx, f->evs[i]->key, f->evs[i]);
  return rc;
}

/* Emits (CB) and frees the events and stories whose window closed
 * before day LIM, that no article arrived at or after ARR joined (0:
 * no such bound) or that started before arrival BORN (0: none); retires
 * the articles of open stories published before LIM or arrived before
 * ARR that no live event needs; frees the articles nothing refers to;
 * and rebuilds the indexes (always with REINDEX_ALL, else only when
 * something was closed, retired or freed).  Returns CASUS_OK,
 * CASUS_ENOMEM or CB's return. */
static int flush_upto(casus_fuser *f, long lim, size_t arr, size_t born,
                      bool reindex_all, casus_fuse_cb cb, void *ctx) {
  int rc = CASUS_OK;
  size_t o = 0, changed = 0;
  for (size_t i = 0; i < f->nevs; i++) {
    fevent *e = f->evs[i];
    if (rc || (e->last_day + f->window >= lim && e->last_arrival >= arr &&
               e->first_arrival >= born)) {
      f->evs[o++] = e;
      continue;
    }
    rc = casus__fev_refresh(e);
    if (!rc && cb)
      rc = cb(f, &e->ev, NULL, ctx);
    if (rc) {
      f->evs[o++] = e;
      continue;
    }
    fev_free(e);
    changed++;
  }
  f->nevs = o;
  o = 0;
  for (size_t i = 0; i < f->nstories; i++) {
    fstory *s = f->stories[i];
    if (rc || (s->last_day + f->window >= lim && s->last_arrival >= arr &&
               s->first_arrival >= born)) {
      f->stories[o++] = s;
      continue;
    }
    rc = story_refresh(s);
    if (!rc && cb)
      rc = cb(f, NULL, &s->pub, ctx);
    if (rc) {
      f->stories[o++] = s;
      continue;
    }
    for (size_t k = 0; k < s->narts; k++) {
      s->arts[k]->story = NULL;
      s->arts[k]->refs--;
    }
    story_free(s);
    changed++;
  }
  f->nstories = o;
  /* Articles of stories still open that left the window and no live
   * event needs: only the story record's copy of them stays. */
  for (size_t i = 0; i < f->narts && !rc; i++) {
    fart *a = f->arts[i];
    if (a->story && a->refs == 1 && (a->day < lim || a->arrival < arr)) {
      rc = story_retire(a->story, a);
      changed++;
    }
  }
  o = 0;
  for (size_t i = 0; i < f->narts; i++) {
    if (f->arts[i]->refs > 0) {
      f->arts[o++] = f->arts[i];
    } else {
      art_free(f->arts[i]);
      changed++;
    }
  }
  f->narts = o;
  int rc2 = reindex_all || changed ? reindex(f) : CASUS_OK;
  return rc ? rc : rc2;
}

int casus_fuser_flush(casus_fuser *f, const char *before, casus_fuse_cb cb,
                      void *ctx) {
  if (!f)
    return CASUS_EINVAL;
  long lim = LONG_MAX;
  if (before && !casus__parse_iso_date(before, &lim))
    return CASUS_EINVAL;
  return flush_upto(f, lim, 0, 0, true, cb, ctx);
}

int casus_fuser_flush_idle(casus_fuser *f, casus_fuse_cb cb, void *ctx) {
  if (!f)
    return CASUS_EINVAL;
  if (f->added - f->idle_at < FUSE_IDLE_EVERY)
    return CASUS_OK;
  f->idle_at = f->added;
  if (f->added <= FUSE_IDLE_ARRIVALS)
    return CASUS_OK;
  size_t born = f->added > FUSE_SPAN_ARRIVALS
                    ? f->added - FUSE_SPAN_ARRIVALS + 1 : 0;
  return flush_upto(f, LONG_MIN, f->added - FUSE_IDLE_ARRIVALS + 1, born,
                    false, cb, ctx);
}
