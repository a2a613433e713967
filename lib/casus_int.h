/* casus_int.h -- internals shared by the stages of libcasus.
 *
 * Not API.  Internal functions that are not static are named casus__*.
 * Every allocation goes through casus__malloc/realloc/free so that tests can
 * make the Nth allocation fail (casus_set_allocator).  Per-document memory
 * comes from one arena freed at once with the document.
 */
#ifndef CASUS_INT_H
#define CASUS_INT_H

#include "casus.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define CASUS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CASUS_PRINTF(f, a)
#endif

#define CASUS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ allocation */

void *casus__malloc(size_t n);
void *casus__calloc(size_t n, size_t size);
void *casus__realloc(void *p, size_t n);
void casus__free(void *p);
/* Returns a casus__malloc'd copy of S (N bytes) plus NUL, NULL on OOM. */
char *casus__strndup(const char *s, size_t n);
char *casus__strdup(const char *s);
/* Grows *P (an array of *CAP elements of SIZE) to hold at least NEED;
 * returns 0 or CASUS_ENOMEM. */
int casus__grow(void **p, size_t *cap, size_t need, size_t size);

/* ------------------------------------------------------------------ arena */

/* A bump allocator: many small allocations, one free.  Blocks are chained;
 * nothing is ever moved, so pointers stay valid until casus__arena_free. */
typedef struct casus_arena_block casus_arena_block;
typedef struct casus_arena {
  casus_arena_block *head;  /* current block, newest first */
  size_t used;              /* bytes used in head */
  size_t total;             /* bytes handed out, for stats */
  size_t block;             /* block size; 0: 64 KiB */
} casus_arena;

void casus__arena_init(casus_arena *a);
/* As casus__arena_init, with blocks of BLOCK bytes (kept across
 * casus__arena_free): small arenas held by the thousand (the fuser's). */
void casus__arena_init_block(casus_arena *a, size_t block);
void casus__arena_free(casus_arena *a);
/* Returns N bytes aligned for any type, zeroed; NULL on OOM. */
void *casus__arena_alloc(casus_arena *a, size_t n);
/* Returns an arena copy of S[0..N) plus NUL, NULL on OOM. */
char *casus__arena_strndup(casus_arena *a, const char *s, size_t n);

/* ----------------------------------------------------------------- errors */

/* Fills ERR (may be NULL) and returns CODE. */
int casus__err(casus_error *err, int code, const char *file, long line,
               const char *fmt, ...) CASUS_PRINTF(5, 6);
void casus__err_clear(casus_error *err);

/* ---------------------------------------------------------------- buffers */

/* A growable byte buffer with a cap (0 = none); always NUL-terminated once
 * anything is appended.  Reaching the cap returns CASUS_ETOOBIG. */
typedef struct casus_buf {
  char *data;
  size_t len, cap, max;
} casus_buf;

int casus__buf_append(casus_buf *b, const void *p, size_t n);
int casus__buf_printf(casus_buf *b, const char *fmt, ...) CASUS_PRINTF(2, 3);
void casus__buf_free(casus_buf *b);

/* Serializes the jansson value V (struct json_t, see jdump.c) as compact
 * JSON into OUT (reset first), byte-identical to json_dumps(V,
 * JSON_COMPACT | JSON_REAL_PRECISION(PRECISION)); insertion order.
 * Returns 0, CASUS_ENOMEM or CASUS_EINVAL (a tree too deep). */
struct json_t;
int casus__json_dump(const struct json_t *v, int precision, casus_buf *out);

/* Append to B the JSON string literal of S[0..N) (escaped as jansson
 * does), and the real V as jansson prints it with PRECISION (0: 17).
 * Return 0, CASUS_ENOMEM, CASUS_ETOOBIG (B's cap) or CASUS_EINVAL. */
int casus__json_string(casus_buf *b, const char *s, size_t n);
int casus__json_real(casus_buf *b, double v, int precision);

/* ------------------------------------------------------------------- hash */

uint64_t casus__hash(const void *p, size_t n);  /* FNV-1a 64 */

/* A string -> pointer map with open addressing.  Keys are copied into the
 * map's own storage; values are not owned. */
typedef struct casus_map casus_map;
casus_map *casus__map_new(void);
void casus__map_free(casus_map *m);
/* Returns the value slot for KEY, creating it (NULL) when absent; NULL on
 * OOM. */
void **casus__map_slot(casus_map *m, const char *key, size_t klen);
void *casus__map_get(const casus_map *m, const char *key, size_t klen);
size_t casus__map_count(const casus_map *m);
/* Calls CB for every key (not NUL-terminated: KLEN bytes) and value, in
 * no particular order.  CB must not change the map. */
typedef void (*casus_map_cb)(const char *key, size_t klen, void *value,
                             void *ctx);
void casus__map_each(const casus_map *m, casus_map_cb cb, void *ctx);

/* The hash that places a key in a map (not casus__hash: it may change
 * between versions; compiled images record the version). */
uint64_t casus__map_keyhash(const char *key, size_t klen);

/* One slot of a frozen table (a map compiled into a read-only image).
 * KEY == CASUS_FSLOT_EMPTY marks an empty slot; HASH is the low half of
 * casus__map_keyhash; VAL is decoded by the map's decoder. */
#define CASUS_FSLOT_EMPTY UINT32_MAX
typedef struct casus_fslot {
  uint32_t key;   /* offset of the key in the key area */
  uint32_t klen;
  uint32_t hash;
  uint32_t val;
} casus_fslot;
typedef void *(*casus_fval_fn)(uint32_t val, const void *ctx);
/* Returns a map reading CAP slots (a power of two, at least one empty)
 * whose keys lie in KEYS[0..KEYS_LEN), without copying either: both must
 * outlive the map.  Lookups check every slot's key against KEYS_LEN.  The
 * first casus__map_slot copies the map into ordinary storage (thaws it).
 * NULL on OOM or when CAP is not a power of two. */
casus_map *casus__map_frozen(const casus_fslot *slots, size_t cap,
                             size_t count, const char *keys,
                             size_t keys_len, casus_fval_fn decode,
                             const void *ctx);

/* ------------------------------------------------------------------- text */

/* Folds S[0..N) for matching: NFKD, marks stripped, lower-cased,
 * typographic quotes/apostrophes/dashes mapped to ASCII ' " -.  Writes to
 * OUT (cap OUTCAP, NUL-terminated, truncated if needed) and returns the
 * length written. */
size_t casus__fold(const char *s, size_t n, char *out, size_t outcap);

/* Returns true when S[0..N) is valid UTF-8. */
bool casus__utf8_valid(const char *s, size_t n);

/* Writes "DIR/NAME" into OUT (CAP bytes); CASUS_EDATA when it does not
 * fit. */
int casus__path(char *out, size_t cap, const char *dir, const char *name,
                casus_error *err);

/* Reads a whole data file into a casus__malloc'd NUL-terminated buffer. */
int casus__slurp(const char *path, char **out, size_t *len, casus_error *err);

/* Calls CB for each line of BUF (a data file) that is not blank and not a
 * '#' comment, with the line split on TABs into at most MAXF fields (the
 * rest of the line stays in the last field).  Fields are trimmed of '\r'
 * and outer spaces; they point into BUF, which is modified.  Stops and
 * returns the first non-zero CB result. */
typedef int (*casus_tsv_cb)(char **f, int nf, long lineno, void *ctx);
int casus__tsv_each(char *buf, int maxf, casus_tsv_cb cb, void *ctx);
/* The same over the data file at PATH (read whole, then freed): the
 * callback must copy what it keeps. */
int casus__tsv_file(const char *path, int maxf, casus_tsv_cb cb, void *ctx,
                    casus_error *err);

/* ------------------------------------------------------------------ dates */

/* Days since 1970-01-01 for a proleptic Gregorian date, and back.  Valid
 * for years 1..9999. */
long casus__days_from_civil(int y, int m, int d);
void casus__civil_from_days(long days, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" optionally followed by 'T'/' ' and a time; returns
 * true and days since epoch when it is a real calendar date. */
bool casus__parse_iso_date(const char *s, long *days);
/* Formats DAYS as "YYYY-MM-DD" into OUT[11]. */
void casus__format_date(long days, char out[11]);

/* ------------------------------------------------------------------ clean */

typedef struct casus_span {
  uint32_t start, end;
} casus_span;

typedef struct casus_langid casus_langid;  /* language identifier */
typedef struct casus_chrome casus_chrome;  /* site-chrome line patterns */

/* Opens the language identifier (libexttextcat fingerprints). */
int casus__langid_open(casus_langid **out, casus_error *err);
void casus__langid_close(casus_langid *l);
/* Guesses the language of S[0..N) as an ISO 639-1 code into OUT[8];
 * returns false when the text is too short or the guess is unsure. */
bool casus__langid_guess(casus_langid *l, const char *s, size_t n,
                         char out[8]);
/* The same guess made by libexttextcat's n-gram classifier alone (the
 * fast stop-word layer may only confirm a language, never remove a
 * paragraph on its own). */
bool casus__langid_textcat(casus_langid *l, const char *s, size_t n,
                           char out[8]);
/* The stop-word layer alone: a language only when its function words
 * clearly dominate. */
bool casus__langid_stopwords(const casus_langid *l, const char *s, size_t n,
                             char out[8]);

/* Loads chrome patterns from PATH (data/boilerplate.txt). */
int casus__chrome_load(const char *path, casus_chrome **out, casus_error *err);
void casus__chrome_free(casus_chrome *c);
/* Returns the id of the chrome pattern matching the paragraph, or NULL. */
const char *casus__chrome_match(const casus_chrome *c, const char *s,
                                size_t n);

typedef struct casus_clean {
  char *text;          /* valid UTF-8, NFC; arena memory */
  size_t len;
  casus_span *keep;    /* paragraphs kept, in text order; arena memory */
  size_t nkeep;
  casus_note *notes;   /* what was removed or repaired; arena memory */
  size_t nnotes;
} casus_clean;

/* Cleans article text IN[0..LEN): repairs invalid UTF-8 (U+FFFD, noted) or
 * rejects binary input, normalizes to NFC, splits paragraphs on newlines
 * and drops boilerplate (site chrome, paragraphs in another language than
 * LANG).  LID and CHROME may be NULL (no such filtering).  Note spans refer
 * to OUT->text except "utf8" notes, which give offsets in IN. */
int casus__clean(casus_langid *lid, const casus_chrome *chrome,
                 const char *lang, const char *in, size_t len,
                 casus_arena *a, casus_clean *out, casus_error *err);

/* ---------------------------------------------------------------- segment */

enum {
  CASUS_TOK_WORD = 1 << 0,   /* letters (may contain digits, ' or .) */
  CASUS_TOK_NUM = 1 << 1,    /* digits, with , or . inside: "1,000" */
  CASUS_TOK_PUNCT = 1 << 2,  /* one punctuation or symbol character */
  CASUS_TOK_CAP = 1 << 3,    /* first letter upper-case */
  CASUS_TOK_UPPER = 1 << 4,  /* all letters upper-case */
  CASUS_TOK_QUOTE = 1 << 5,  /* a quotation mark (any style) */
  CASUS_TOK_PARA = 1 << 6    /* first token of a paragraph */
};

typedef struct casus_token {
  uint32_t start, end;  /* byte span in the cleaned text */
  const char *norm;     /* casus__fold of the span, arena memory */
  uint16_t nlen;        /* strlen(norm) */
  uint16_t flags;       /* CASUS_TOK_* */
} casus_token;

typedef struct casus_sentence {
  uint32_t start, end;  /* byte span, trimmed of outer spaces */
  uint32_t tok, ntok;   /* first token index and count */
} casus_sentence;

typedef struct casus_abbrev casus_abbrev;  /* abbreviation list */
int casus__abbrev_load(const char *path, casus_abbrev **out,
                       casus_error *err);
void casus__abbrev_free(casus_abbrev *ab);

typedef struct casus_segmented {
  casus_sentence *sents;  /* arena memory */
  size_t nsents;
  casus_token *toks;      /* arena memory */
  size_t ntoks;
} casus_segmented;

/* Splits the kept paragraphs of TEXT into sentences and tokens.  A sentence
 * never spans two kept paragraphs.  AB may be NULL. */
int casus__segment(const casus_abbrev *ab, const char *text, size_t len,
                   const casus_span *keep, size_t nkeep, casus_arena *a,
                   casus_segmented *out, casus_error *err);

/* ------------------------------------------------------------------- doc */

struct casus_doc {
  casus_arena arena;
  char *article_id;         /* arena */
  char *source;             /* arena, may be NULL */
  long published;           /* days since epoch */
  casus_clean clean;        /* text and notes */
  casus_segmented seg;
  casus_event *events;      /* casus__malloc'd array */
  size_t nevents, capevents;
  casus_event *suppressed;  /* events not asserted as actual */
  size_t nsuppressed, capsuppressed;
  casus_quote *quotes;      /* casus__malloc'd; strings in the arena */
  size_t nquotes;
};

/* For tests of later stages: a doc with TEXT as its cleaned text and no
 * events; add events with casus__doc_add_event (copied shallowly: strings
 * must outlive the doc or live in its arena). */
casus_doc *casus__doc_new_for_test(const char *article_id, const char *text);
int casus__doc_add_event(casus_doc *d, const casus_event *ev);
int casus__doc_add_suppressed(casus_doc *d, const casus_event *ev);
casus_doc *casus__doc_new(void);  /* empty doc, NULL on OOM */

/* ----------------------------------------------------------- attribution */

struct casus_engine;
/* What attrib.c found in a sentence: 0 not looked, 1 nothing, 2 the
 * token span [t0, t1). */
typedef struct casus_attr_memo {
  uint8_t state;
  uint32_t t0, t1;
} casus_attr_memo;
/* Who D says reports what sentence SI states: that sentence's "according
 * to X" / "X said", else the nearest one of its paragraph.  Fills OUT
 * (strings in ARENA, OUT->article = ARTICLE; code NULL when E is NULL or
 * nothing resolves) and sets *FOUND.  MEMO: NULL, or d->seg.nsents
 * zeroed entries reused across calls on D.  CASUS_OK or CASUS_ENOMEM. */
int casus__attribution(const struct casus_engine *e, const casus_doc *d,
                       size_t si, casus_attr_memo *memo, casus_arena *arena,
                       const char *article, casus_attribution *out,
                       int *found);
/* Gives every event of D (suppressed ones included) the attribution of
 * its first mention (arena memory). */
int casus__attribute_events(const struct casus_engine *e, casus_doc *d);
/* Finds the quotations of D (d->quotes) and their speakers. */
int casus__find_quotes(const struct casus_engine *e, casus_doc *d);

/* ------------------------------------------------------------------ fuse */

/* The cleaned text of article ARTICLE (length in *LEN), NULL unknown. */
typedef const char *(*casus_text_fn)(const void *ctx, const char *article,
                                     size_t *len);
/* JSON of a fused event (0.2.0 keys), spans looked up per article
 * through LOOKUP; and of a story.  New strings in *OUT (casus_free). */
int casus__fused_event_json(const casus_event *ev, casus_text_fn lookup,
                            const void *ctx, char **out);
int casus__story_json(const casus_story *st, char **out);

#endif /* CASUS_INT_H */
