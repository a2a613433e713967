/* store_test.c -- the SQLite store: idempotent puts, corrections,
 * batches, ordered reads with quotes, refusal of non-database files and
 * clean failure when memory runs out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "casus_int.h"
#include "test_util.h"

/* Three sentences; the first begins with a two-byte character, so byte and
 * character offsets differ and a character-based substr would be wrong. */
static const char TEXT1[] =
  "\xC3\x89lite troops attacked militants in Quetta on Monday. "
  "Five people died. "
  "Pakistan condemned Afghanistan on Sunday.";
/* The corrected article: one sentence, one event. */
static const char TEXT2[] =
  "Pakistani troops attacked militants in Quetta on Tuesday.";

typedef struct fixture {
  char dir[512];   /* temporary directory */
  char path[544];  /* database path inside it */
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  if (!f)
    return -1;
  if (tu_mkdtemp(f->dir, sizeof f->dir, "casus_store")) {
    free(f);
    return -1;
  }
  snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
  *state = f;
  return 0;
}

/* Removes the directory with the database and its -wal, -shm and
 * -journal files. */
static int teardown(void **state) {
  fixture *f = *state;
  tu_rm_rf(f->dir);
  free(f);
  return 0;
}

/* Marks the sentences of D: spans that end after each ". ". */
static void add_sentences(casus_doc *d) {
  const char *t = d->clean.text;
  size_t n = 0;
  casus_sentence *s = casus__arena_alloc(&d->arena, 8 * sizeof *s);
  assert_non_null(s);
  uint32_t start = 0;
  for (uint32_t i = 0; i < d->clean.len; i++) {
    if (t[i] == '.' && n < 8) {
      s[n].start = start;
      s[n].end = i + 1;
      n++;
      start = i + 2;
    }
  }
  d->seg.sents = s;
  d->seg.nsents = n;
}

static casus_mention g_m1[2];
static casus_mention g_m2[1];
static casus_mention g_m3[1];

/* Returns an event with id ID, date DATE, cameo CAMEO, mentions M. */
static casus_event make_event(const char *id, const char *date,
                              const char *cameo, const casus_mention *m,
                              size_t nm) {
  casus_event ev;
  memset(&ev, 0, sizeof ev);
  memcpy(ev.event_id, id, strlen(id) + 1);
  memcpy(ev.date, date, strlen(date) + 1);
  memcpy(ev.cameo, cameo, strlen(cameo) + 1);
  ev.modality = "actual";
  ev.fatalities = (casus_fatalities){CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, CASUS_UNKNOWN,
                                     CASUS_UNKNOWN, {0, 0, NULL}};
  ev.num_sources = 1;
  ev.num_articles = 1;
  ev.num_mentions = (int)nm;
  ev.mentions = m;
  ev.n_mentions = nm;
  return ev;
}

/* Doc 1: events e-late (2024-03-04, two mentions) and x-early
 * (2024-03-03, one mention), three sentences. */
static casus_doc *doc1(void) {
  casus_doc *d = casus__doc_new_for_test("art-1", TEXT1);
  assert_non_null(d);
  add_sentences(d);
  uint32_t s1 = tu_off(TEXT1, "Five");
  uint32_t s2 = tu_off(TEXT1, "Pakistan");
  g_m1[0] = (casus_mention){"art-1", 0, 0, s1 - 1, tu_off(TEXT1, "attacked"),
                            tu_off(TEXT1, " militants"), "pattern:attack"};
  g_m1[1] = (casus_mention){"art-1", 1, s1, s2 - 1, tu_off(TEXT1, "died"),
                            tu_off(TEXT1, "died") + 4, "pattern:kill"};
  g_m2[0] = (casus_mention){NULL, 2, s2, (uint32_t)strlen(TEXT1),
                            tu_off(TEXT1, "condemned"),
                            tu_off(TEXT1, " Afghanistan"), "pattern:condemn"};
  casus_event late = make_event("e-late", "2024-03-04", "190", g_m1, 2);
  late.actor1 = (casus_actor){NULL, "PAK", "MIL", "troops", {0, 0, NULL}};
  late.actor2 = (casus_actor){NULL, NULL, "REB", "militants", {0, 0, NULL}};
  late.place = (casus_place){"Quetta", "PK", "Balochistan", NULL, 30.18,
                             66.99, 1, "city", {0, 0, NULL}, "exact", 0};
  late.goldstein = -10.0;
  late.fatalities.best = 5;
  casus_event early = make_event("x-early", "2024-03-03", "122", g_m2, 1);
  early.actor1 = (casus_actor){"PAKGOV", "PAK", "GOV", "Pakistan",
                               {0, 0, NULL}};
  early.actor2 = (casus_actor){"AFG", "AFG", NULL, "Afghanistan",
                               {0, 0, NULL}};
  early.place = (casus_place){"Islamabad", "PK", "", NULL, 0, 0, 0, NULL,
                              {0, 0, NULL}, NULL, 0};
  early.goldstein = -2.0;
  assert_int_equal(casus__doc_add_event(d, &late), CASUS_OK);
  assert_int_equal(casus__doc_add_event(d, &early), CASUS_OK);
  return d;
}

/* Doc 2: the corrected article, one sentence and one event. */
static casus_doc *doc2(void) {
  casus_doc *d = casus__doc_new_for_test("art-1", TEXT2);
  assert_non_null(d);
  add_sentences(d);
  g_m3[0] = (casus_mention){"art-1", 0, 0, (uint32_t)strlen(TEXT2),
                            tu_off(TEXT2, "attacked"),
                            tu_off(TEXT2, " militants"), "pattern:attack"};
  casus_event ev = make_event("e-new", "2024-03-05", "190", g_m3, 1);
  assert_int_equal(casus__doc_add_event(d, &ev), CASUS_OK);
  return d;
}

static casus_article g_art1 = {
  "art-1", "https://example.org/1", "Example News", "2024-03-05", "en",
  "Troops attack", NULL, 0, "test.jsonl:1"};
static casus_article g_art2 = {
  "art-2", NULL, "Other", "2024-03-06", "en", NULL, NULL, 0, "test:2"};

/* Asserts the store holds exactly A articles, S sentences, E events and M
 * mentions. */
static void want_stats(casus_store *s, long a, long se, long e, long m) {
  casus_store_stats st;
  casus_error err;
  assert_int_equal(casus_store_get_stats(s, &st, &err), CASUS_OK);
  assert_int_equal(st.articles, a);
  assert_int_equal(st.sentences, se);
  assert_int_equal(st.events, e);
  assert_int_equal(st.mentions, m);
}

static casus_store *open_store(const fixture *f) {
  casus_store *s = NULL;
  casus_error err;
  int rc = casus_store_open(f->path, &s, &err);
  if (rc)
    fail_msg("open: %s", err.msg);
  assert_non_null(s);
  return s;
}

static void put(casus_store *s, const casus_article *a, const casus_doc *d,
                int want_inserted) {
  casus_error err;
  int ins = -1;
  int rc = casus_store_put(s, a, d, &ins, &err);
  if (rc)
    fail_msg("put: %s", err.msg);
  assert_int_equal(ins, want_inserted);
}

static void test_put_is_idempotent(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_doc *d = doc1();
  want_stats(s, 0, 0, 0, 0);
  put(s, &g_art1, d, 1);
  want_stats(s, 1, 3, 2, 3);
  put(s, &g_art1, d, 0);
  want_stats(s, 1, 3, 2, 3);
  casus_store_close(s);
  s = open_store(f);  /* reopening keeps the data and the schema */
  want_stats(s, 1, 3, 2, 3);
  put(s, &g_art1, d, 0);
  want_stats(s, 1, 3, 2, 3);
  casus_store_close(s);
  casus_doc_free(d);
}

/* Counts rows of SQL (a SELECT count(*)) run directly on PATH. */
static long count(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  long n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

/* Sentences are inserted up to 16 rows a statement: counts around and
 * across that size all store every span, in order, with its index. */
static void test_sentence_counts(void **state) {
  static const struct {
    size_t n;
  } cases[] = {{0}, {1}, {15}, {16}, {17}, {32}, {33}, {50}};
  fixture *f = *state;
  casus_store *s = open_store(f);
  for (size_t c = 0; c < CASUS_ARRAY_LEN(cases); c++) {
    size_t n = cases[c].n;
    char id[32], text[1024];
    snprintf(id, sizeof id, "sent-%zu", n);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
      len += (size_t)snprintf(text + len, sizeof text - len, "%sS%zu.",
                              i ? " " : "", i);
    text[len] = '\0';
    casus_doc *d = casus__doc_new_for_test(id, text);
    assert_non_null(d);
    casus_sentence *sv = casus__arena_alloc(&d->arena, (n + 1) * sizeof *sv);
    assert_non_null(sv);
    uint32_t start = 0;
    size_t k = 0;
    for (uint32_t i = 0; i < len; i++)
      if (text[i] == '.') {
        sv[k].start = start;
        sv[k].end = i + 1;
        k++;
        start = i + 2;
      }
    assert_int_equal(k, n);
    d->seg.sents = sv;
    d->seg.nsents = n;
    casus_article a = {id, NULL, "Src", "2024-03-07", "en", NULL, NULL, 0,
                       "test"};
    put(s, &a, d, 1);
    char q[256];
    snprintf(q, sizeof q, "SELECT count(*) FROM sentences WHERE"
             " article_id = '%s'", id);
    assert_int_equal(count(f->path, q), (long)n);
    /* every row is span idx of the text: "S<idx>." */
    snprintf(q, sizeof q, "SELECT count(*) FROM sentences s JOIN articles a"
             " ON a.id = s.article_id WHERE s.article_id = '%s' AND"
             " substr(a.text, s.start + 1, s.\"end\" - s.start) ="
             " 'S' || s.idx || '.'", id);
    assert_int_equal(count(f->path, q), (long)n);
    casus_doc_free(d);
  }
  casus_store_close(s);
}

static void test_correction_replaces(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_doc *d1 = doc1();
  casus_doc *d2 = doc2();
  put(s, &g_art1, d1, 1);
  put(s, &g_art1, d2, 1);
  want_stats(s, 1, 1, 1, 1);
  casus_store_close(s);
  static const struct {
    const char *sql;
    long want;
  } cases[] = {
    {"SELECT count(*) FROM events WHERE event_id = 'e-new'", 1},
    {"SELECT count(*) FROM events WHERE event_id IN ('e-late','x-early')",
     0},
    {"SELECT count(*) FROM event_mentions WHERE event_id = 'e-late'", 0},
    {"SELECT count(*) FROM articles WHERE text = 'Pakistani troops "
     "attacked militants in Quetta on Tuesday.'", 1},
    {"SELECT count(*) FROM articles WHERE content_hash LIKE 'fnv1a64:%' "
     "AND length(content_hash) = 24", 1},
    {"PRAGMA user_version", 2},
    {"SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'",
     1},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++)
    assert_int_equal(count(f->path, cases[i].sql), cases[i].want);
  casus_doc_free(d1);
  casus_doc_free(d2);
}

static void test_batches(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_doc *d1 = doc1();
  casus_doc *d2 = doc2();
  casus_error err;
  put(s, &g_art1, d1, 1);
  assert_int_equal(casus_store_begin(s, &err), CASUS_OK);
  put(s, &g_art1, d2, 1);  /* a correction, then rolled back */
  want_stats(s, 1, 1, 1, 1);
  assert_int_equal(casus_store_rollback(s), CASUS_OK);
  want_stats(s, 1, 3, 2, 3);
  assert_int_equal(casus_store_rollback(s), CASUS_OK);  /* none open */
  assert_int_equal(casus_store_begin(s, &err), CASUS_OK);
  assert_int_equal(casus_store_begin(s, &err), CASUS_EDB);
  put(s, &g_art1, d1, 0);
  casus_doc *d3 = casus__doc_new_for_test("art-2", "Nothing happened.");
  assert_non_null(d3);
  put(s, &g_art2, d3, 1);
  assert_int_equal(casus_store_commit(s, &err), CASUS_OK);
  assert_int_equal(casus_store_commit(s, &err), CASUS_EDB);
  casus_store_close(s);
  s = open_store(f);
  want_stats(s, 2, 3, 2, 3);
  casus_store_close(s);
  casus_doc_free(d1);
  casus_doc_free(d2);
  casus_doc_free(d3);
}

/* A put that fails inside a batch leaves the batch's earlier work intact:
 * an event id cannot be empty (NOT NULL), so the second article fails. */
static void test_failed_put_keeps_batch(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_doc *d1 = doc1();
  casus_doc *bad = casus__doc_new_for_test("art-2", "Something.");
  assert_non_null(bad);
  casus_event ev = make_event("", "2024-01-01", "010", NULL, 0);
  assert_int_equal(casus__doc_add_event(bad, &ev), CASUS_OK);
  casus_error err;
  assert_int_equal(casus_store_begin(s, &err), CASUS_OK);
  put(s, &g_art1, d1, 1);
  int ins = -1;
  assert_int_equal(casus_store_put(s, &g_art2, bad, &ins, &err), CASUS_EDB);
  assert_int_equal(ins, 0);
  assert_int_equal(err.code, CASUS_EDB);
  assert_string_equal(err.file, f->path);
  assert_non_null(strstr(err.msg, "NOT NULL"));
  assert_int_equal(casus_store_commit(s, &err), CASUS_OK);
  want_stats(s, 1, 3, 2, 3);
  casus_store_close(s);
  casus_doc_free(d1);
  casus_doc_free(bad);
}

typedef struct want_row {
  const char *event_id, *date, *actor1, *actor2, *cameo, *place, *quote;
  double goldstein;
  long fatalities;
} want_row;

typedef struct each_ctx {
  const want_row *want;
  size_t n, seen, stop_after;
  const casus_doc *doc;
} each_ctx;

/* Asserts GOT equals WANT, both possibly NULL. */
static void same_str(const char *got, const char *want) {
  if (!want)
    assert_null(got);
  else
    assert_string_equal(got, want);
}

static int check_row(const casus_row *r, void *p) {
  each_ctx *c = p;
  assert_true(c->seen < c->n);
  const want_row *w = &c->want[c->seen];
  same_str(r->event_id, w->event_id);
  same_str(r->date, w->date);
  same_str(r->actor1, w->actor1);
  same_str(r->actor2, w->actor2);
  same_str(r->cameo, w->cameo);
  same_str(r->place, w->place);
  same_str(r->quote, w->quote);
  assert_string_equal(r->article, "art-1");
  assert_true(r->goldstein == w->goldstein);
  assert_int_equal(r->fatalities, w->fatalities);
  assert_int_equal(r->num_sources, 1);
  /* The stored JSON is exactly casus_event_to_json's. */
  char *json = NULL;
  const casus_event *ev = casus_doc_event(c->doc, c->seen == 0 ? 1 : 0);
  assert_int_equal(casus_event_to_json(c->doc, ev, &json), CASUS_OK);
  assert_string_equal(r->json, json);
  casus_free(json);
  c->seen++;
  return c->stop_after && c->seen >= c->stop_after;
}

static void test_each_in_date_order(void **state) {
  fixture *f = *state;
  static const want_row rows[] = {
    {"x-early", "2024-03-03", "PAKGOV", "AFG", "122", "Islamabad / PK",
     "Pakistan condemned Afghanistan on Sunday.", -2.0, CASUS_UNKNOWN},
    {"e-late", "2024-03-04", "PAK", "militants", "190",
     "Quetta / Balochistan / PK",
     "\xC3\x89lite troops attacked militants in Quetta on Monday.", -10.0,
     5},
  };
  static const struct {
    size_t limit, stop_after, want_seen;
  } cases[] = {{0, 0, 2}, {1, 0, 1}, {5, 0, 2}, {0, 1, 1}};
  casus_store *s = open_store(f);
  casus_doc *d = doc1();
  put(s, &g_art1, d, 1);
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++) {
    each_ctx c = {rows, CASUS_ARRAY_LEN(rows), 0, cases[i].stop_after, d};
    casus_error err;
    assert_int_equal(casus_store_each(s, cases[i].limit, check_row, &c, &err),
                     CASUS_OK);
    assert_int_equal(c.seen, cases[i].want_seen);
  }
  casus_store_close(s);
  casus_doc_free(d);
}

/* Copies each row's event id and date into the "id@date" list at P; an
 * undated row must have no date, actors, place or quote (NULL). */
static int collect_ids(const casus_row *r, void *p) {
  char *list = p;
  size_t n = strlen(list);
  snprintf(list + n, 256 - n, "%s@%s;", r->event_id,
           r->date ? r->date : "-");
  if (!r->date) {
    assert_null(r->actor1);
    assert_null(r->actor2);
    assert_null(r->place);
    assert_null(r->quote);
    assert_int_equal(r->fatalities, CASUS_UNKNOWN);
    assert_non_null(r->json);
  }
  return 0;
}

/* Undated events come after dated ones, whatever their ids. */
static void test_undated_last(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_doc *d1 = doc1();
  casus_doc *d2 = casus__doc_new_for_test("art-2", "Something happened.");
  assert_non_null(d2);
  casus_event ev = make_event("a-undated", "", "010", NULL, 0);
  assert_int_equal(casus__doc_add_event(d2, &ev), CASUS_OK);
  put(s, &g_art2, d2, 1);
  put(s, &g_art1, d1, 1);
  char list[256] = "";
  casus_error err;
  assert_int_equal(casus_store_each(s, 0, collect_ids, list, &err),
                   CASUS_OK);
  assert_string_equal(list,
                      "x-early@2024-03-03;e-late@2024-03-04;a-undated@-;");
  casus_store_close(s);
  casus_doc_free(d1);
  casus_doc_free(d2);
}

static void test_not_a_database(void **state) {
  fixture *f = *state;
  char junk[4096];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (char)('a' + i % 26);
  tu_write_file(f->path, junk, sizeof junk);
  casus_store *s = (casus_store *)&junk;  /* must be reset to NULL */
  casus_error err;
  assert_int_equal(casus_store_open(f->path, &s, &err), CASUS_EDB);
  assert_null(s);
  assert_int_equal(err.code, CASUS_EDB);
  assert_string_equal(err.file, f->path);
  assert_non_null(strstr(err.msg, "not a database"));
  char back[sizeof junk + 1];
  FILE *fp = fopen(f->path, "rb");
  assert_non_null(fp);
  assert_int_equal(fread(back, 1, sizeof back, fp), sizeof junk);
  fclose(fp);
  assert_memory_equal(back, junk, sizeof junk);
  char wal[sizeof f->path + 8];
  snprintf(wal, sizeof wal, "%s-wal", f->path);
  struct stat sb;
  assert_int_not_equal(stat(wal, &sb), 0);
}

static void test_newer_schema_refused(void **state) {
  fixture *f = *state;
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
                                NULL), SQLITE_OK);
  sqlite3_close(db);
  casus_store *s = NULL;
  casus_error err;
  assert_int_equal(casus_store_open(f->path, &s, &err), CASUS_EDB);
  assert_null(s);
  assert_non_null(strstr(err.msg, "99"));
}

/* A version-1 store (no fusion tables) gains them when opened. */
static void test_v1_store_migrated(void **state) {
  fixture *f = *state;
  casus_store *s = open_store(f);
  casus_store_close(s);
  sqlite3 *db = NULL;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db,
                                "DROP TABLE fused_mentions; DROP TABLE "
                                "fused_events; DROP TABLE stories; DROP "
                                "TABLE article_story; PRAGMA user_version "
                                "= 1",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close(db);
  s = open_store(f);
  casus_store_close(s);
  static const struct {
    const char *sql;
    long want;
  } cases[] = {
      {"PRAGMA user_version", 2},
      {"SELECT count(*) FROM sqlite_master WHERE name IN ('stories',"
       " 'article_story', 'fused_events', 'fused_mentions')", 4},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(cases); i++)
    assert_int_equal(count(f->path, cases[i].sql), cases[i].want);
}

static void test_bad_args(void **state) {
  fixture *f = *state;
  casus_store *s = NULL;
  casus_error err;
  casus_store_stats st;
  assert_int_equal(casus_store_open(NULL, &s, &err), CASUS_EINVAL);
  assert_int_equal(casus_store_open("", &s, &err), CASUS_EINVAL);
  assert_int_equal(casus_store_open(f->path, NULL, &err), CASUS_EINVAL);
  assert_int_equal(casus_store_open("/nonexistent-dir/x/y.db", &s, &err),
                   CASUS_EDB);
  assert_string_equal(err.file, "/nonexistent-dir/x/y.db");
  s = open_store(f);
  int ins = -1;
  assert_int_equal(casus_store_put(s, &g_art1, NULL, &ins, &err),
                   CASUS_EINVAL);
  assert_int_equal(casus_store_each(s, 0, NULL, NULL, &err), CASUS_EINVAL);
  assert_int_equal(casus_store_get_stats(s, NULL, &err), CASUS_EINVAL);
  assert_int_equal(casus_store_get_stats(NULL, &st, &err), CASUS_EINVAL);
  casus_store_close(s);
  casus_store_close(NULL);
}

/* Counts the rows it is called with into *P (a size_t). */
static int count_row(const casus_row *r, void *p) {
  assert_non_null(r->json);
  ++*(size_t *)p;
  return 0;
}

/* Failing each allocation of open, put and each in turn (allocation N
 * alone, tu_alloc_install_nth) gives a clean
 * CASUS_ENOMEM, nothing half-written and (under ASan) no leak. */
static void test_oom(void **state) {
  fixture *f = *state;
  casus_doc *d = doc1();
  casus_error err;
  int rc = CASUS_ENOMEM;
  long n;
  for (n = 0; rc == CASUS_ENOMEM && n < 200; n++) {
    casus_store *s = NULL;
    tu_alloc_install_nth(n);
    rc = casus_store_open(f->path, &s, &err);
    int ins = -1;
    if (!rc)
      rc = casus_store_put(s, &g_art1, d, &ins, &err);
    tu_alloc_restore();
    if (rc == CASUS_ENOMEM && s) {
      assert_int_equal(ins, 0);
      want_stats(s, 0, 0, 0, 0);
    }
    if (!rc)
      want_stats(s, 1, 3, 2, 3);
    casus_store_close(s);
  }
  assert_int_equal(rc, CASUS_OK);
  assert_true(n > 4);  /* open, hash, two event JSONs were made to fail */
  /* Reading allocates nothing of ours, so it cannot fail half-way. */
  casus_store *s = open_store(f);
  size_t seen = 0;
  tu_alloc_install_nth(0);
  rc = casus_store_each(s, 0, count_row, &seen, &err);
  tu_alloc_restore();
  assert_int_equal(rc, CASUS_OK);
  assert_int_equal(seen, 2);
  assert_int_equal(tu_calls, 0);
  casus_store_close(s);
  casus_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_put_is_idempotent, setup, teardown),
    cmocka_unit_test_setup_teardown(test_correction_replaces, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_batches, setup, teardown),
    cmocka_unit_test_setup_teardown(test_sentence_counts, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_failed_put_keeps_batch, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_each_in_date_order, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_undated_last, setup, teardown),
    cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
    cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_v1_store_migrated, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_bad_args, setup, teardown),
    cmocka_unit_test_setup_teardown(test_oom, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
