/* fuse_int.h -- what the parts of the fuser share (fuse.c: articles,
 * near-duplicates, stories, flushing; merge.c: fused events, their
 * canonical fields, fatalities, discrepancies and confidence).
 *
 * Not API.  Rules are documented in docs/fusion.md. */
#ifndef CASUS_FUSE_INT_H
#define CASUS_FUSE_INT_H

#include "engine_int.h"

#define FUSE_KBITS 7   /* log2 of the MinHash bins */
#define FUSE_K (1 << FUSE_KBITS) /* bins (one-permutation hashing) */
#define FUSE_ROWS 3    /* bins per LSH band */
#define FUSE_BANDS (FUSE_K / FUSE_ROWS) /* 42 bands (2 bins unused) */
#define FUSE_SHINGLE 3 /* words per shingle */
#define FUSE_MAX_FEAT 48   /* features kept per article */
#define FUSE_POOL_BLOCK 4096 /* block size of the fuser's arenas */
/* Arrival bounds (casus_fuser_flush_idle, docs/fusion.md §5): every
 * FUSE_IDLE_EVERY articles, an event or story that none of the last
 * FUSE_IDLE_ARRIVALS articles joined, or that started FUSE_SPAN_ARRIVALS
 * articles before, is closed, and an article of an open story that
 * arrived FUSE_IDLE_ARRIVALS before is retired. */
#define FUSE_IDLE_EVERY 1024
#define FUSE_IDLE_ARRIVALS 3072
#define FUSE_SPAN_ARRIVALS 6144

/* The fuser's arenas (articles, events, stories, scratch) use 4 KB
 * blocks: it holds thousands at once, and 64 KB blocks would be most of
 * its memory. */
typedef casus_arena fpool;

/* A uint64 -> pointer multimap: an open-addressing table of the
 * distinct keys, each slot heading the list of its key's posts (newest
 * first), so a common key never lengthens the walk of another; cleared
 * and rebuilt when the fuser flushes (entries are never removed one by
 * one). */
typedef struct fpost {
  uint64_t key;
  void *val;
  uint32_t next;  /* 1 + index of the next post of the key, 0 none */
} fpost;

typedef struct fmmap {
  uint32_t *heads;  /* 1 + index of the newest post of a key, 0 free */
  size_t cap;       /* slots, a power of two (0 before the first add) */
  fpost *posts;
  size_t nposts, capposts;
  size_t nkeys;     /* slots in use */
} fmmap;

int casus__fmm_add(fmmap *m, uint64_t key, void *val);
void casus__fmm_clear(fmmap *m);
void casus__fmm_free(fmmap *m);
/* Iterates the values of KEY: start with *IT = 0; returns NULL at the
 * end. */
void *casus__fmm_next(const fmmap *m, uint64_t key, uint32_t *it);

typedef struct fstory fstory;
typedef struct fevent fevent;

/* A weighted story feature: an event signature, a place, a term. */
typedef struct ffeat {
  uint64_t h;
  uint8_t w;      /* weight */
  uint8_t event;  /* an event-level feature (dyad+type or place) */
} ffeat;

/* A kept piece of an article's cleaned text, at its offset: what the
 * spans of the output show (mention sentences, triggers, provenance,
 * attribution).  The rest of the text is not kept. */
typedef struct fpiece {
  uint32_t start, len;
  const char *s;
} fpiece;

/* One article as the fuser keeps it: metadata, the pieces of its cleaned
 * text that spans of JSON output refer to, MinHash signature and
 * features.  Freed when neither its story nor any live event refers to
 * it. */
typedef struct fart {
  fpool arena;  /* strings, members */
  char *id, *source, *url, *title, *outlet;
  char published[11];
  long day;
  fpiece *pieces;
  size_t npieces;
  size_t len;             /* of the whole cleaned text */
  const char *dup_of;     /* id of the original, NULL when none */
  uint32_t sig[FUSE_K];
  uint32_t nshingles;
  ffeat feat[FUSE_MAX_FEAT];
  size_t nfeat;
  int weight;             /* sum of the features' weights */
  uint32_t mark;          /* find_story's scratch: generation, */
  double mscore;          /* shared weight */
  bool mev;               /* and whether an event feature is shared */
  fstory *story;
  int refs;
  size_t seq;
  size_t arrival;         /* 1 + articles added before it */
} fart;

/* One event of one article, deep-copied into the article's arena. */
typedef struct fmember {
  casus_event ev;
  fart *art;
  casus_attribution attr;
  int has_attr;
  long d0, d1;        /* days the date may denote */
  int date_rank;      /* day 4 ... year 1; defaulted 0 */
  bool explicit_date; /* "on March 5": a date no reading can shift */
  int root;           /* CAMEO root */
} fmember;

/* Members an event keeps (with their articles); later reports are
 * counted (mentions, articles, outlets, reporting dates, fatality bounds)
 * but not kept, so a much-reported event holds a bounded memory. */
#define FUSE_MAX_MEMBERS 64

struct fevent {
  casus_event ev;       /* canonical view (rebuilt by casus__fev_refresh) */
  fpool scratch;    /* what the view points to */
  fmember **mem;
  size_t nmem, capmem;
  char story_id[24];
  long d0, d1;          /* tightest interval of the members' dates */
  long last_day;        /* latest day of a member or its article */
  uint64_t key;
  size_t seq;
  bool dirty;           /* the view is older than the members */
  /* Over every member, kept or not: */
  uint64_t *outlets;    /* distinct outlets (hashes) of independent ones */
  size_t nout, capout;
  long first_pub, last_pub; /* publication days */
  /* Over the members not kept: */
  size_t xmentions, xarticles, xmind; /* mentions, independent articles,
                                         their mentions */
  long xlo, xhi, xmint, xpart; /* fatality bounds (-1 none), see merge.c */
  size_t xtotals;       /* their independent full figures */
  size_t last_art;      /* 1 + seq of the article of the last member */
  size_t last_arrival;  /* arrival of the last article reporting it */
  size_t first_arrival; /* and of the first */
  /* The most specific values so far, for scoring (point into members). */
  const casus_actor *a1, *a2;
  const casus_place *place;
  const char *cameo;
  int family;           /* CAMEO family of the first member (scoring
                           reads no member for it) */
};

/* An article of a story that left the window: what the story record
 * needs of it (strings in the story's arena). */
typedef struct fretired {
  casus_story_article a;
  const char *outlet, *title;
} fretired;

struct fstory {
  casus_story pub;  /* public view (rebuilt by story_refresh) */
  casus_story_article *parts;
  const char **evptrs;
  fart **arts;      /* live articles */
  size_t narts, caparts, capparts;
  fretired *old;    /* retired articles, before the live ones */
  size_t nold, capold;
  fpool arena;
  char (*evids)[24];
  size_t nev, capev, capevptrs;
  long first_day, last_day;
  size_t seq;
  size_t last_arrival; /* arrival of its last article */
  size_t first_arrival; /* and of its first */
  bool dirty;       /* the view is older than the story */
};

/* fuse.c: articles the fuser holds in memory (tests of boundedness). */
size_t casus__fuser_live_articles(const casus_fuser *f);

/* merge.c */
/* The family of a CAMEO root: 18, 19 and 20 are one (violence). */
int casus__fuse_family(int root);
/* Scores how well M fits fused event F: -1 when they must not merge,
 * else higher is better.  SAME_STORY: both are in one story. */
int casus__fev_score(const fevent *f, const fmember *m, bool same_story);
/* Adds M to F (the scoring values and date interval follow); once F
 * has FUSE_MAX_MEMBERS members, M is only counted: *KEPT (may be NULL)
 * tells whether F keeps M (and so needs its article). */
int casus__fev_add(fevent *f, fmember *m, bool *kept);
/* Rebuilds F's canonical view from its members when it is dirty;
 * CASUS_ENOMEM. */
int casus__fev_refresh(fevent *f);
/* Compatibility of two actors/places/date intervals: -1 conflict, 0
 * unknown, 1 compatible (one refines the other), 2 the same. */
int casus__actor_compat(const casus_actor *a, const casus_actor *b);
int casus__place_compat(const casus_place *a, const casus_place *b);
int casus__date_compat(long a0, long a1, long b0, long b1);

#endif /* CASUS_FUSE_INT_H */
