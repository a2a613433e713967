/* casus.h -- the whole public API of libcasus.
 *
 * casus turns news articles into coded political events (who did what to
 * whom, where, when, how many were killed), each field traced to the span
 * of text that supports it.  The pipeline is
 *
 *   read -> clean -> segment -> recognize -> code -> (fuse) -> store
 *
 * Conventions (see STYLE.md):
 * - functions return int: CASUS_OK (0), CASUS_DONE (1, end of input) or a
 *   negative CASUS_E* code; a casus_error, when given, says where and why;
 * - handles are opaque and come in open/close pairs; closing NULL is a no-op;
 * - out-parameters go last and are marked OUT;
 * - the library never prints and never exits.
 *
 * Thread safety: a casus_engine is read-only once opened and may be shared by
 * any number of threads.  A casus_doc, casus_reader or casus_store belongs to
 * one thread at a time.
 *
 * Anything not declared here is not API.
 */
#ifndef CASUS_H
#define CASUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CASUS_API __attribute__((visibility("default")))
#else
#define CASUS_API
#endif

#define CASUS_VERSION "0.1.0"

/* Return codes.  New codes go at the end; old ones are never renumbered. */
enum {
  CASUS_OK = 0,
  CASUS_DONE = 1,       /* no more input */
  CASUS_ENOMEM = -1,    /* out of memory */
  CASUS_EIO = -2,       /* a file could not be opened or read */
  CASUS_EPARSE = -3,    /* malformed JSON, HTML or data file */
  CASUS_EUTF8 = -4,     /* invalid UTF-8 that could not be repaired */
  CASUS_EDATE = -5,     /* missing or invalid date */
  CASUS_EEMPTY = -6,    /* empty input or empty article text */
  CASUS_ETOOBIG = -7,   /* a record exceeds a size cap */
  CASUS_EDATA = -8,     /* the engine's data directory is missing or bad */
  CASUS_EDB = -9,       /* the database refused an operation */
  CASUS_EINVAL = -10,   /* bad argument */
  CASUS_EBINARY = -11,  /* input looks binary, not text */
  CASUS_ETRUNC = -12,   /* truncated input (e.g. a cut-off .gz) */
  CASUS_EFIELD = -13    /* a required field is missing or has a wrong type */
};

/* Where and why something failed.  file/msg are always NUL-terminated;
 * line and col are 1-based, 0 when unknown; offset is a byte offset, -1
 * when unknown. */
typedef struct casus_error {
  int code;          /* one of CASUS_E* */
  char file[512];    /* input file or "<stdin>", "" when not about a file */
  long line;         /* line in the file (JSONL record number), 0 unknown */
  long col;          /* column (bytes), 0 unknown */
  long long offset;  /* byte offset in the file or text, -1 unknown */
  char msg[512];     /* human-readable reason */
} casus_error;

/* Returns a static string naming a return code. */
CASUS_API const char *casus_strerror(int code);

/* Replaces the allocator used by the whole library (tests use it to fail
 * the Nth allocation).  Pass NULLs to restore malloc/realloc/free.  Not
 * thread-safe: call before anything else. */
CASUS_API void casus_set_allocator(void *(*malloc_fn)(size_t),
                                   void *(*realloc_fn)(void *, size_t),
                                   void (*free_fn)(void *));

/* ------------------------------------------------------------------ read */

/* One article.  Every string is NUL-terminated UTF-8 or NULL and belongs
 * to the article; free the whole with casus_article_free(). */
typedef struct casus_article {
  char *id;         /* stable id; derived from file name or hash if absent */
  char *url;
  char *source;     /* outlet name */
  char *published;  /* normalized "YYYY-MM-DD" */
  char *language;   /* ISO 639-1, e.g. "en"; NULL when unknown */
  char *title;
  char *text;       /* body as read (not yet cleaned) */
  size_t text_len;  /* bytes in text, excluding the NUL */
  char *origin;     /* "FILE:LINE" it was read from */
} casus_article;

/* Allocates an empty article (all NULL).  Returns NULL on OOM. */
CASUS_API casus_article *casus_article_new(void);
CASUS_API void casus_article_free(casus_article *a);

typedef struct casus_read_opts {
  const char *published;  /* default publication date for .txt/.html */
  const char *source;     /* default outlet for .txt/.html */
  const char *language;   /* default language (else "en") */
  const char *format;     /* NULL/"auto", "jsonl", "txt", "html" */
  size_t max_record;      /* cap on one record in bytes; 0 = 16 MiB */
} casus_read_opts;

typedef struct casus_reader casus_reader;

/* Opens PATH for reading articles: a .jsonl/.json/.ndjson file, a .txt,
 * a .html/.htm page, any of these gzip-compressed (.gz), a directory (walked
 * recursively in sorted order) or "-" for stdin.  OPTS may be NULL. */
CASUS_API int casus_reader_open(const char *path, const casus_read_opts *opts,
                                casus_reader **out /* OUT */,
                                casus_error *err);

/* Reads from memory (used by fuzzers and tests).  NAME is used in errors
 * and, through its extension, to pick the format when opts->format is
 * auto.  BUF is copied. */
CASUS_API int casus_reader_open_mem(const void *buf, size_t len,
                                    const char *name,
                                    const casus_read_opts *opts,
                                    casus_reader **out /* OUT */,
                                    casus_error *err);

/* Returns CASUS_OK and a new article in *out (caller frees), CASUS_DONE at
 * the end, or a negative code for a rejected record, with err saying
 * FILE:LINE and why.  After a rejected record the caller may call again:
 * reading goes on with the next record. */
CASUS_API int casus_reader_next(casus_reader *r,
                                casus_article **out /* OUT */,
                                casus_error *err);
CASUS_API void casus_reader_close(casus_reader *r);

/* A record read but not yet parsed: a JSON Lines line (with its FILE:LINE)
 * or an article already built (other formats). */
typedef struct casus_record casus_record;

/* As casus_reader_next, but a JSON Lines record is handed out unparsed in
 * *out (caller frees with casus_record_free), so that the parsing can run
 * on another thread with casus_record_article.  Errors found while
 * reading (a stream error, a line over the cap, an empty file) are
 * returned here; those of the record's JSON by casus_record_article. */
CASUS_API int casus_reader_next_record(casus_reader *r,
                                       casus_record **out /* OUT */,
                                       casus_error *err);
/* Builds the article of REC (any thread; REC is not touched by the
 * reader).  Returns CASUS_OK and *out (caller frees), or a negative code
 * with err saying FILE:LINE and why, as casus_reader_next would have. */
CASUS_API int casus_record_article(casus_record *rec,
                                   casus_article **out /* OUT */,
                                   casus_error *err);
CASUS_API void casus_record_free(casus_record *rec);

/* ---------------------------------------------------------------- engine */

typedef struct casus_engine casus_engine;

/* Loads dictionaries, gazetteer and patterns from DATADIR (NULL: the
 * CASUS_DATA environment variable, else the directory built in). */
CASUS_API int casus_engine_open(const char *datadir,
                                casus_engine **out /* OUT */,
                                casus_error *err);
CASUS_API void casus_engine_close(casus_engine *e);

/* Options of casus_engine_open2. */
typedef struct casus_engine_opts {
  const char *datadir;       /* as for casus_engine_open */
  const char *const *dicts;  /* NULL-terminated list of TABARI or PETRARCH
                                dictionary files (.project, .actors,
                                .agents, .verbs, *.actors.txt, verb
                                files...), read as they are, or NULL */
  int replace_patterns;      /* 1: the dictionaries' verb patterns replace
                                casus' own (a TABARI project's coding) */
} casus_engine_opts;

/* Opens the engine as casus_engine_open does, then adds the actors,
 * agents and verb patterns of OPTS->dicts; the kind of each file comes
 * from its name. */
CASUS_API int casus_engine_open2(const casus_engine_opts *opts,
                                 casus_engine **out /* OUT */,
                                 casus_error *err);

/* Counts of what the engine loaded (for `casus info`). */
typedef struct casus_engine_stats {
  size_t countries, admin1, cities, actor_forms, roles, patterns;
  double load_ms;
  int lexicon_image;     /* 1: the gazetteer came from gen/lexicon.img */
  char image_note[128];  /* else why not ("stale: cities.tsv changed") */
} casus_engine_stats;
CASUS_API void casus_engine_get_stats(const casus_engine *e,
                                      casus_engine_stats *out /* OUT */);

/* ---------------------------------------------------------------- events */

#define CASUS_UNKNOWN (-1L)  /* an unknown count */

/* Provenance of one coded field: a byte span of the cleaned article text
 * and the rule or dictionary entry that produced it. */
typedef struct casus_prov {
  uint32_t start, end;  /* byte offsets; start == end: none */
  const char *rule;     /* e.g. "actor:country-name", "pattern:strike.air" */
  const char *article;  /* fused events: the article the span is in;
                           NULL: the event's own article */
} casus_prov;

typedef struct casus_actor {
  const char *code;     /* CAMEO actor code, e.g. "PAKGOV"; NULL unknown */
  const char *country;  /* ISO 3166-1 alpha-3, NULL unknown */
  const char *role;     /* CAMEO agent code (GOV, MIL, REB...), or NULL */
  const char *name;     /* surface text */
  casus_prov prov;
} casus_actor;

typedef struct casus_place {
  const char *name;       /* most precise name, NULL when no place */
  const char *country;    /* ISO 3166-1 alpha-2 */
  const char *admin1;     /* first-level subdivision name */
  const char *admin2;
  double lat, lon;        /* valid when has_coords */
  int has_coords;
  const char *precision;  /* "city", "admin1", "country", NULL */
  casus_prov prov;
  const char *geo_precision; /* ACLED/UCDP style: "exact", "near",
                                "admin2", "admin1", "country", NULL */
  uint32_t geonameid;     /* GeoNames id of a city, 0 unknown */
  /* Added in 0.2.0; NULL when unknown.  They point into the engine's
   * gazetteer (valid while the engine is open). */
  const char *feature;    /* GeoNames feature code: PPLC, PPLA, PPL...,
                             ADM1, PCLI (a state), PCLD (a territory) */
  const char *country3;   /* ISO 3166-1 alpha-3 */
  const char *admin1_code;/* GeoNames admin1 code within the country
                             ("04": with country IR, IR.04) */
  const char *admin2_code;/* GeoNames admin2 code within the admin1 */
} casus_place;

/* One casualty or quantity phrase of an event, as GDELT's GKG counts:
 * "at least 12 civilians were wounded" = {"wounded", 12, "at least",
 * "civilians"}.  Strings belong to the doc. */
typedef struct casus_count {
  const char *kind;       /* killed, wounded, arrested, displaced, missing,
                             kidnapped */
  long number;            /* the smallest the phrase allows ("dozens": 24) */
  const char *qualifier;  /* "at least", "more than", "around", "up to",
                             "dozens"...; NULL: exact */
  const char *who;        /* people, civilians, women, children, security,
                             militants; "foreign" qualified: foreign */
  casus_prov prov;        /* the phrase's span */
} casus_count;

/* Counts of the killed; CASUS_UNKNOWN when not reported. */
typedef struct casus_fatalities {
  long low, best, high;
  long women, children, civilians, foreign, militants, security;
  casus_prov prov;
  long acled;  /* fused events: ACLED's most conservative figure */
} casus_fatalities;

typedef struct casus_mention {
  const char *article;  /* article id */
  uint32_t sentence;    /* 0-based sentence index */
  uint32_t start, end;  /* the sentence's byte span */
  uint32_t trigger_start, trigger_end;  /* the words the pattern matched */
  const char *rule;     /* pattern id */
  /* Fused events (NULL otherwise): of the mention's article. */
  const char *source, *url, *published;
  const char *duplicate_of;  /* id of the article this one near-duplicates */
} casus_mention;

typedef struct casus_event {
  char event_id[24];          /* stable hex id */
  char date[11];              /* YYYY-MM-DD, "" unknown */
  const char *date_precision; /* "day", "week", "month", "year", NULL */
  casus_prov date_prov;       /* rule "date:published" when defaulted */
  casus_actor actor1, actor2;
  char cameo[5];              /* as a string: "195", "0256" */
  const char *cameo_name;
  double goldstein;
  int quad_class;
  const char *modality;       /* "actual" for every counted event; else
                                 threat, intent, hypothetical, conditional,
                                 future, denied, alleged (docs/json.md) */
  casus_place place;
  casus_fatalities fatalities;
  int num_sources, num_articles, num_mentions;
  const casus_mention *mentions;
  size_t n_mentions;
  const char *plover_type;    /* PLOVER event type ("ASSAULT"), NULL unmapped */
  const char *plover_mode;    /* PLOVER mode ("aerial"), NULL none */
  const char *plover_context; /* PLOVER contexts joined by ';', NULL none */
  const char *acled_type;     /* ACLED event type, NULL: not an ACLED event */
  const char *acled_subtype;  /* ACLED sub-event type, NULL likewise */
  /* Fused events only (see casus_fuser_*); zero/NULL otherwise. */
  const char *story_id;
  char first_reported[11], last_reported[11];
  double confidence;                      /* 0..1 */
  /* polarity and attribution: per-article events too (0.2.0) */
  const char *polarity;                   /* "asserted", "negated" */
  const struct casus_attribution *attribution;  /* NULL: the outlet's own */
  const struct casus_discrepancy *discrepancies;
  size_t n_discrepancies;
  const casus_count *counts;  /* every count phrase attached to the event
                                 (killed and others), doc memory */
  size_t n_counts;
} casus_event;

/* Who a text says reports an event ("Iranian state media reported"). */
typedef struct casus_attribution {
  const char *name;     /* the words, e.g. "Iranian state media" */
  const char *code;     /* CAMEO actor code when known, e.g. "IRNMED" */
  const char *article;  /* article id the span is in */
  uint32_t start, end;  /* byte span in that article's cleaned text */
} casus_attribution;

/* One source's value of a field on which sources disagree. */
typedef struct casus_claim {
  const char *value;        /* "9", "2024-01-18", "Saravan", "PAKMIL" */
  const char *article, *source;
  const char *attribution;  /* name of the reporting source, or NULL */
  uint32_t start, end;      /* the span supporting the value */
} casus_claim;

typedef struct casus_discrepancy {
  const char *field;  /* "fatalities", "date", "place", "actor1", "actor2" */
  const casus_claim *claims;
  size_t n_claims;
} casus_discrepancy;

/* ------------------------------------------------------------ processing */

typedef struct casus_doc casus_doc;

/* Cleans, segments, recognizes and codes one article.  The article is not
 * kept: the doc copies what it needs.  Free with casus_doc_free(). */
CASUS_API int casus_doc_process(const casus_engine *e, const casus_article *a,
                                casus_doc **out /* OUT */, casus_error *err);
CASUS_API void casus_doc_free(casus_doc *d);

/* The cleaned text all offsets refer to (belongs to the doc). */
CASUS_API const char *casus_doc_text(const casus_doc *d, size_t *len /* OUT */);
CASUS_API const char *casus_doc_article_id(const casus_doc *d);

CASUS_API size_t casus_doc_event_count(const casus_doc *d);
/* Returns event I (belongs to the doc), NULL when out of range. */
CASUS_API const casus_event *casus_doc_event(const casus_doc *d, size_t i);

CASUS_API size_t casus_doc_sentence_count(const casus_doc *d);
CASUS_API int casus_doc_sentence(const casus_doc *d, size_t i,
                                 uint32_t *start /* OUT */,
                                 uint32_t *end /* OUT */);

/* What cleaning removed or repaired, for --explain. */
typedef struct casus_note {
  uint32_t start, end;  /* span in the text as read */
  const char *kind;     /* "boilerplate", "language", "utf8", "nfc" */
  const char *detail;   /* e.g. "fr (article: en)", "chrome:comment" */
} casus_note;
CASUS_API size_t casus_doc_note_count(const casus_doc *d);
CASUS_API const casus_note *casus_doc_note(const casus_doc *d, size_t i);

/* Events suppressed because they are not asserted as actual (negated,
 * denied, alleged, threatened, intended, future, conditional or
 * hypothetical), for --explain and --all: count and the I-th (belongs to
 * the doc). */
CASUS_API size_t casus_doc_suppressed_count(const casus_doc *d);
CASUS_API const casus_event *casus_doc_suppressed(const casus_doc *d,
                                                  size_t i);

/* A quotation of the article ("..." or typographic quotes, at least four
 * words: not a scare-quoted term) and who the text says spoke it. */
typedef struct casus_quote {
  uint32_t start, end;      /* the quoted words (marks excluded) */
  const char *speaker;      /* the words naming the speaker ("Pakistan's
                               foreign ministry"), NULL when not found */
  const char *speaker_code; /* its CAMEO actor code ("PAKGOV"), or NULL */
  uint32_t speaker_start, speaker_end;  /* its span, 0/0 when none */
} casus_quote;
/* Count and the I-th quotation of D in text order (belongs to the doc,
 * NULL out of range). */
CASUS_API size_t casus_doc_quote_count(const casus_doc *d);
CASUS_API const casus_quote *casus_doc_quote(const casus_doc *d, size_t i);
/* Writes quotation Q of D as one JSON object (docs/json.md, "Quotes")
 * into a new string the caller frees with casus_free(). */
CASUS_API int casus_quote_to_json(const casus_doc *d, const casus_quote *q,
                                  char **out /* OUT */);

/* Writes event EV of doc D as one JSON object (no newline) into a new
 * NUL-terminated string the caller frees with casus_free(). */
CASUS_API int casus_event_to_json(const casus_doc *d, const casus_event *ev,
                                  char **out /* OUT */);
CASUS_API void casus_free(void *p);

/* ------------------------------------------------------------------ fuse */

/* The fuser merges the events of many articles into canonical events (one
 * per real-world event) and groups articles into stories; see
 * docs/fusion.md for the rules.  Articles should come roughly in date
 * order: whatever lies more than a window before the flush date is
 * emitted and freed, so memory stays bounded on long streams. */
typedef struct casus_fuser casus_fuser;

typedef struct casus_fuse_opts {
  int window_days;       /* story and fusion window, default 3 (<= 0) */
  double dup_threshold;  /* near-duplicate Jaccard, default 0.5 (<= 0) */
  const casus_engine *engine;  /* optional: codes attributions */
} casus_fuse_opts;

/* A story: articles about the same story across outlets. */
typedef struct casus_story_article {
  const char *id, *source, *url, *published;
  const char *duplicate_of;  /* NULL unless a near-duplicate */
} casus_story_article;

typedef struct casus_story {
  char story_id[24];
  const char *title;             /* the first article's title with one */
  char first[11], last[11];      /* publication dates */
  int num_articles, num_sources; /* near-duplicates not counted */
  const casus_story_article *articles;
  size_t n_articles;
  const char *const *events;     /* ids of its events */
  size_t n_events;
} casus_story;

/* OPTS may be NULL (defaults). */
CASUS_API int casus_fuser_open(const casus_fuse_opts *opts,
                               casus_fuser **out /* OUT */);
CASUS_API void casus_fuser_close(casus_fuser *f);

/* Adds the events of doc D coded from article A (A may be NULL: id and
 * source come from the doc).  Nothing of A or D is kept. */
CASUS_API int casus_fuser_add(casus_fuser *f, const casus_article *a,
                              const casus_doc *d, casus_error *err);

/* The live (not yet flushed) fused events and stories, in creation
 * order; they belong to the fuser and change with every add. */
CASUS_API size_t casus_fuser_event_count(const casus_fuser *f);
CASUS_API const casus_event *casus_fuser_event(const casus_fuser *f,
                                               size_t i);
CASUS_API size_t casus_fuser_story_count(const casus_fuser *f);
CASUS_API const casus_story *casus_fuser_story(const casus_fuser *f,
                                               size_t i);

/* Called by casus_fuser_flush for each finished event (STORY NULL) or
 * story (EV NULL); a non-zero return stops the flush and is returned. */
typedef int (*casus_fuse_cb)(const casus_fuser *f, const casus_event *ev,
                             const casus_story *story, void *ctx);

/* Emits, in creation order, then frees the events and stories whose
 * window closed before BEFORE ("YYYY-MM-DD"; NULL: everything).  Events
 * come before the stories. */
CASUS_API int casus_fuser_flush(casus_fuser *f, const char *before,
                                casus_fuse_cb cb, void *ctx);

/* Bounds memory whatever the dates: call after each casus_fuser_add.
 * Every 1,024 articles added, emits (as casus_fuser_flush) and frees the
 * events and stories that none of the last 3,072 articles joined or
 * that started 6,144 articles before, and retires the older articles of
 * open stories (docs/fusion.md, §5).  Before the 4,096th article it
 * never emits anything. */
CASUS_API int casus_fuser_flush_idle(casus_fuser *f, casus_fuse_cb cb,
                                     void *ctx);

/* JSON of a live fused event (docs/json.md, 0.2.0) or story; a new
 * string the caller frees with casus_free(). */
CASUS_API int casus_fuser_event_to_json(const casus_fuser *f,
                                        const casus_event *ev,
                                        char **out /* OUT */);
CASUS_API int casus_fuser_story_to_json(const casus_fuser *f,
                                        const casus_story *st,
                                        char **out /* OUT */);

/* ----------------------------------------------------------------- store */

typedef struct casus_store casus_store;

/* Opens (creating if needed) the SQLite database at PATH. */
CASUS_API int casus_store_open(const char *path, casus_store **out /* OUT */,
                               casus_error *err);
CASUS_API void casus_store_close(casus_store *s);

/* A batch is one transaction: begin, put any number of docs, commit.  If
 * anything fails, rollback leaves the database as it was. */
CASUS_API int casus_store_begin(casus_store *s, casus_error *err);
CASUS_API int casus_store_commit(casus_store *s, casus_error *err);
CASUS_API int casus_store_rollback(casus_store *s);

/* Stores article A and what doc D coded from it.  Idempotent: an article
 * already stored with the same id and content hash is skipped and
 * *inserted is 0. */
CASUS_API int casus_store_put(casus_store *s, const casus_article *a,
                              const casus_doc *d, int *inserted /* OUT */,
                              casus_error *err);

/* One stored event, flattened for display.  Strings belong to the store
 * and are valid until the callback returns. */
typedef struct casus_row {
  const char *event_id, *date, *actor1, *actor2, *cameo, *cameo_name;
  const char *place, *quote, *article;
  double goldstein;
  long fatalities;      /* best, CASUS_UNKNOWN when unknown */
  int num_sources;
  const char *json;     /* the full event JSON */
  long quote_trigger;   /* byte offset in quote of the words coded, or
                           CASUS_UNKNOWN */
} casus_row;

/* Calls CB for each stored event, ordered by date then id; stops early
 * when CB returns non-zero.  LIMIT 0 means all. */
CASUS_API int casus_store_each(casus_store *s, size_t limit,
                               int (*cb)(const casus_row *row, void *ctx),
                               void *ctx, casus_error *err);

typedef struct casus_store_stats {
  long articles, sentences, events, mentions;
  long fused_events, stories;
} casus_store_stats;

/* Fuses what was stored since the last call (articles in no story yet)
 * with what is stored around it: the articles published within two
 * windows of them, and those sharing a story or fused event with these,
 * are coded again with E and fused in the order they were stored (as
 * `casus code` fuses its input, docs/fusion.md §6); their old
 * stories and fused events are replaced.  Nothing new: nothing changes.
 * Runs in the caller's batch, if any.  OPTS may be NULL. */
CASUS_API int casus_store_fuse(casus_store *s, const casus_engine *e,
                               const casus_fuse_opts *opts,
                               casus_error *err);

/* Fusion while ingesting, without coding twice: the caller gives each
 * article it has just stored (and coded) to casus_store_fuser_add, in
 * input order; the dated articles that no article stored before the
 * fuser opened lies within two windows of are fused at once, in that
 * order, their stories and fused events written as their
 * windows close (in the caller's batches).  The others are left in no
 * story, for casus_store_fuse (called after casus_store_fuser_close) to
 * fuse with what is stored around them, coding those again.  The result
 * equals casus_store_fuse alone. */
typedef struct casus_store_fuser casus_store_fuser;
CASUS_API int casus_store_fuser_open(casus_store *s, const casus_engine *e,
                                     const casus_fuse_opts *opts,
                                     casus_store_fuser **out /* OUT */,
                                     casus_error *err);
CASUS_API int casus_store_fuser_add(casus_store_fuser *sf,
                                    const casus_article *a,
                                    const casus_doc *d, casus_error *err);
/* Writes what is still open and frees SF (NULL: nothing); the store must
 * be in a batch.  Returns the first error. */
CASUS_API int casus_store_fuser_close(casus_store_fuser *sf,
                                      casus_error *err);

/* As casus_store_each, over the fused events (ordered by date, id). */
CASUS_API int casus_store_each_fused(casus_store *s, size_t limit,
                                     int (*cb)(const casus_row *row,
                                               void *ctx),
                                     void *ctx, casus_error *err);
CASUS_API int casus_store_get_stats(casus_store *s,
                                    casus_store_stats *out /* OUT */,
                                    casus_error *err);

/* ---------------------------------------------------------------- export */

/* Exporters turn event JSON (one object as casus_event_to_json, `casus
 * code` or the store's events.json write it) into the field's formats,
 * documented column by column in docs/export.md:
 *
 *   "jsonl"           casus' own records, passed through unchanged
 *   "gdelt"           GDELT 2.0 event table (61 columns, TAB, no header)
 *   "gdelt-mentions"  GDELT 2.0 mentions table (16 columns, TAB, no header)
 *   "acled"           ACLED's 31 columns (CSV with header)
 *   "ucdp"            UCDP GED's 49 columns (CSV with header)
 *   "plover"          PLOVER JSON records, one per line
 *
 * Events a format does not hold (not an ACLED event type, no death for
 * UCDP, no PLOVER type, not asserted as actual) are skipped and counted. */
typedef struct casus_exporter casus_exporter;

/* Receives each chunk of output; returns 0, or non-zero to fail the
 * export with CASUS_EIO. */
typedef int (*casus_write_fn)(const char *buf, size_t len, void *ctx);

typedef struct casus_export_opts {
  casus_write_fn write;  /* where the output goes (required) */
  void *write_ctx;       /* passed to write */
  const char *datadir;   /* country and FIPS tables: NULL = CASUS_DATA, else
                            the directory built in */
  int no_header;         /* 1: no header row in the CSV formats */
} casus_export_opts;

/* Opens an exporter for FORMAT (one of the names above).  CASUS_EINVAL for
 * an unknown format, CASUS_EDATA when its tables cannot be loaded. */
CASUS_API int casus_exporter_open(const char *format,
                                  const casus_export_opts *opts,
                                  casus_exporter **out /* OUT */,
                                  casus_error *err);

/* Exports one event given as JSON text EVENT_JSON[0..LEN).  Returns
 * CASUS_OK (written or skipped), CASUS_EPARSE for text that is not a JSON
 * object, CASUS_EFIELD for an object that is no casus event, CASUS_EIO
 * when the write callback failed, CASUS_ENOMEM.  After a bad event the
 * caller may go on with the next. */
CASUS_API int casus_exporter_add(casus_exporter *x, const char *event_json,
                                 size_t len, casus_error *err);

/* Counts so far: events written and events skipped by the format. */
CASUS_API void casus_exporter_counts(const casus_exporter *x,
                                     size_t *written /* OUT */,
                                     size_t *skipped /* OUT */);

/* Writes what the format keeps to the end (nothing for the current
 * formats) and returns the first write error.  Then close. */
CASUS_API int casus_exporter_finish(casus_exporter *x, casus_error *err);
CASUS_API void casus_exporter_close(casus_exporter *x);

/* ----------------------------------------------------------------- dyads */

/* Dyads: per ordered actor pair, a daily series of the events between
 * them, the tit-for-tat exchanges and an escalation index (docs/dyads.md).
 * Built from event JSON (the 0.1.0 or 0.2.0 contract of docs/json.md), so
 * it reads `casus code` output, stored events or fused events alike.  A
 * casus_dyads belongs to one thread at a time. */

enum { CASUS_DYAD_COUNTRY = 0, CASUS_DYAD_ACTOR = 1 };

typedef struct casus_dyads_opts {
  int level;         /* CASUS_DYAD_COUNTRY: actor country (ISO3);
                        CASUS_DYAD_ACTOR: actor code */
  int window;        /* tit-for-tat window in days; 0: 7 */
  const char *from;  /* first day of the period (YYYY-MM-DD), NULL: the
                        earliest event */
  const char *to;    /* last day, NULL: the latest event */
} casus_dyads_opts;

typedef struct casus_dyad_count {
  const char *key;  /* PLOVER type ("ASSAULT") or CAMEO root ("19") */
  size_t n;
} casus_dyad_count;

/* One day of a dyad's series (days without events are left out). */
typedef struct casus_dyad_day {
  char date[11];
  size_t events, hostile;
  size_t quad[5];                 /* by CAMEO quad class; [0]: unknown */
  const casus_dyad_count *types;  /* sorted by key */
  size_t ntypes;
  double goldstein_sum, goldstein_mean;
  long fatalities;  /* sum of fatalities.best, CASUS_UNKNOWN: none given */
} casus_dyad_day;

/* One event as the dyad report cites it. */
typedef struct casus_dyad_act {
  const char *event_id;         /* "" when the event had none */
  char date[11];
  const char *source, *target;  /* dyad keys (country or actor code) */
  char cameo[5];
  double goldstein;
  long fatalities;              /* best, CASUS_UNKNOWN */
} casus_dyad_act;

/* A hostile act and the other side's hostile reply within the window,
 * with the events of the pair (either way) between them. */
typedef struct casus_tit_for_tat {
  casus_dyad_act act, reply;
  long days;  /* reply.date - act.date, >= 1 */
  const casus_dyad_act *between;
  size_t nbetween;
} casus_tit_for_tat;

typedef struct casus_dyad {
  const char *source, *target;
  char first[11], last[11];  /* dates of its first and last event */
  size_t events, hostile;
  double goldstein_sum, goldstein_mean;
  long fatalities;           /* CASUS_UNKNOWN: none given */
  double conflict1, conflict2; /* conflict intensity, 1st/2nd half */
  size_t reciprocity;        /* ntft: exchanges it takes part in */
  double escalation;         /* the index of docs/dyads.md */
  const casus_dyad_day *series;
  size_t nseries;
  const casus_tit_for_tat *tft;  /* the pair's exchanges, started by
                                    either side, by date */
  size_t ntft;
} casus_dyad;

typedef struct casus_dyads casus_dyads;

CASUS_API int casus_dyads_open(const casus_dyads_opts *opts,
                               casus_dyads **out /* OUT */,
                               casus_error *err);
/* Adds one event (JSON text, LEN bytes).  Events without a date, without
 * both dyad keys, outside the period, or whose event_id was already added
 * are skipped (CASUS_OK).  CASUS_EPARSE: not a JSON object; CASUS_EINVAL
 * after casus_dyads_finish. */
CASUS_API int casus_dyads_add(casus_dyads *d, const char *json, size_t len,
                              casus_error *err);
/* Computes series, exchanges and indices; dyads are then ranked by
 * escalation (highest first, ties by source then target). */
CASUS_API int casus_dyads_finish(casus_dyads *d, casus_error *err);
CASUS_API size_t casus_dyads_count(const casus_dyads *d);
/* The I-th dyad by rank after finish (belongs to D), NULL out of range. */
CASUS_API const casus_dyad *casus_dyads_get(const casus_dyads *d, size_t i);
/* The period the index was computed over (after finish); "" when no
 * event was kept. */
CASUS_API void casus_dyads_period(const casus_dyads *d, char from[11],
                                  char to[11]);
/* Events added, and kept in a dyad. */
CASUS_API void casus_dyads_totals(const casus_dyads *d,
                                  size_t *added /* OUT */,
                                  size_t *kept /* OUT */);
/* Writes dyad I as one compact JSON object into a new string the caller
 * frees with casus_free(). */
CASUS_API int casus_dyad_to_json(const casus_dyads *d, size_t i,
                                 char **out /* OUT */);
CASUS_API void casus_dyads_close(casus_dyads *d);

#ifdef __cplusplus
}
#endif
#endif /* CASUS_H */
