/* store.c -- the SQLite event store (schema in docs/schema.md).
 *
 * One casus_store wraps one SQLite connection and a set of statements
 * prepared once at open.  Writes are idempotent per article: an article is
 * keyed by its id and a content hash, and storing the same content again
 * writes nothing, while storing changed content (a correction) replaces the
 * article with everything coded from it.  Each put runs inside a savepoint,
 * so a failed put leaves the database (and any enclosing batch opened with
 * casus_store_begin) exactly as it was before the put.
 *
 * Offsets stored in sentences and event_mentions are byte offsets into
 * articles.text, which holds the cleaned text the offsets were computed on.
 */
#include "casus_int.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCHEMA_VERSION 2

/* Created with IF NOT EXISTS, so opening an up-to-date store is a no-op. */
static const char SCHEMA[] =
  "CREATE TABLE IF NOT EXISTS articles("
  " id TEXT NOT NULL PRIMARY KEY, content_hash TEXT NOT NULL, url TEXT,"
  " source TEXT, published TEXT, language TEXT, title TEXT,"
  " text TEXT NOT NULL, origin TEXT, ingested_at TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS sentences("
  " article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  " idx INTEGER NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  " PRIMARY KEY(article_id, idx)) WITHOUT ROWID;"
  "CREATE TABLE IF NOT EXISTS events("
  " event_id TEXT NOT NULL PRIMARY KEY,"
  " article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
  " date TEXT, date_precision TEXT,"
  " actor1_code TEXT, actor1_country TEXT, actor1_role TEXT,"
  " actor1_name TEXT, actor2_code TEXT, actor2_country TEXT,"
  " actor2_role TEXT, actor2_name TEXT, cameo TEXT, cameo_name TEXT,"
  " goldstein REAL, quad_class INTEGER, place_name TEXT,"
  " place_country TEXT, place_admin1 TEXT, lat REAL, lon REAL,"
  " fatalities_best INTEGER, fatalities_low INTEGER,"
  " fatalities_high INTEGER, num_sources INTEGER, num_articles INTEGER,"
  " num_mentions INTEGER, json TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS event_mentions("
  " event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,"
  " article_id TEXT NOT NULL, sentence INTEGER NOT NULL,"
  " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  " trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,"
  " rule TEXT,"
  " PRIMARY KEY(event_id, article_id, sentence, trigger_start));"
  "CREATE INDEX IF NOT EXISTS events_date ON events(date);"
  "CREATE INDEX IF NOT EXISTS events_countries"
  " ON events(actor1_country, actor2_country);"
  "CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);"
  "CREATE INDEX IF NOT EXISTS events_article ON events(article_id);"
  "CREATE INDEX IF NOT EXISTS event_mentions_article"
  " ON event_mentions(article_id);"
  /* Version 2: stories and fused events (docs/fusion.md). */
  "CREATE TABLE IF NOT EXISTS stories("
  " story_id TEXT NOT NULL PRIMARY KEY, title TEXT, first TEXT, last TEXT,"
  " num_articles INTEGER, num_sources INTEGER, json TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS article_story("
  " article_id TEXT NOT NULL PRIMARY KEY"
  "  REFERENCES articles(id) ON DELETE CASCADE,"
  " story_id TEXT NOT NULL, duplicate_of TEXT);"
  "CREATE INDEX IF NOT EXISTS article_story_story"
  " ON article_story(story_id);"
  "CREATE TABLE IF NOT EXISTS fused_events("
  " event_id TEXT NOT NULL PRIMARY KEY, story_id TEXT,"
  " date TEXT, date_precision TEXT,"
  " actor1_code TEXT, actor1_country TEXT, actor2_code TEXT,"
  " actor2_country TEXT, cameo TEXT, cameo_name TEXT, goldstein REAL,"
  " quad_class INTEGER, place_name TEXT, place_country TEXT,"
  " place_admin1 TEXT, lat REAL, lon REAL, fatalities_best INTEGER,"
  " fatalities_low INTEGER, fatalities_high INTEGER,"
  " fatalities_acled INTEGER, num_sources INTEGER, num_articles INTEGER,"
  " num_mentions INTEGER, confidence REAL, first_reported TEXT,"
  " last_reported TEXT, num_discrepancies INTEGER, json TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS fused_mentions("
  " event_id TEXT NOT NULL"
  "  REFERENCES fused_events(event_id) ON DELETE CASCADE,"
  " article_id TEXT NOT NULL, sentence INTEGER NOT NULL,"
  " start INTEGER NOT NULL, \"end\" INTEGER NOT NULL,"
  " trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,"
  " rule TEXT, duplicate_of TEXT,"
  " PRIMARY KEY(event_id, article_id, sentence, trigger_start));"
  "CREATE INDEX IF NOT EXISTS fused_events_date ON fused_events(date);"
  "CREATE INDEX IF NOT EXISTS fused_events_story"
  " ON fused_events(story_id);"
  "CREATE INDEX IF NOT EXISTS fused_mentions_article"
  " ON fused_mentions(article_id);";

/* The statements prepared at open, indexes into casus_store.st. */
enum {
  ST_GET_HASH,
  ST_DEL_MENTIONS,
  ST_DEL_ARTICLE,
  ST_INS_ARTICLE,
  ST_INS_SENTENCE,
  ST_INS_EVENT,
  ST_INS_MENTION,
  ST_SAVEPOINT,
  ST_RELEASE,
  ST_ROLLBACK_TO,
  ST_EACH,
  ST_STATS,
  ST_EACH_FUSED,
  ST_COUNT
};

static const char *const SQL[ST_COUNT] = {
  [ST_GET_HASH] = "SELECT content_hash FROM articles WHERE id = ?1",
  [ST_DEL_MENTIONS] = "DELETE FROM event_mentions WHERE article_id = ?1",
  [ST_DEL_ARTICLE] = "DELETE FROM articles WHERE id = ?1",
  [ST_INS_ARTICLE] =
    "INSERT INTO articles(id, content_hash, url, source, published,"
    " language, title, text, origin, ingested_at)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [ST_INS_SENTENCE] =
    "INSERT INTO sentences(article_id, idx, start, \"end\")"
    " VALUES(?1, ?2, ?3, ?4)",
  /* An event id met again (another article coded the same event) keeps
   * one row, describing the latest article; mentions accumulate. */
  [ST_INS_EVENT] =
    "INSERT INTO events(event_id, article_id, date, date_precision,"
    " actor1_code, actor1_country, actor1_role, actor1_name,"
    " actor2_code, actor2_country, actor2_role, actor2_name,"
    " cameo, cameo_name, goldstein, quad_class, place_name,"
    " place_country, place_admin1, lat, lon, fatalities_best,"
    " fatalities_low, fatalities_high, num_sources, num_articles,"
    " num_mentions, json)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)"
    " ON CONFLICT(event_id) DO UPDATE SET article_id = excluded.article_id,"
    " date = excluded.date, date_precision = excluded.date_precision,"
    " actor1_code = excluded.actor1_code,"
    " actor1_country = excluded.actor1_country,"
    " actor1_role = excluded.actor1_role,"
    " actor1_name = excluded.actor1_name,"
    " actor2_code = excluded.actor2_code,"
    " actor2_country = excluded.actor2_country,"
    " actor2_role = excluded.actor2_role,"
    " actor2_name = excluded.actor2_name, cameo = excluded.cameo,"
    " cameo_name = excluded.cameo_name, goldstein = excluded.goldstein,"
    " quad_class = excluded.quad_class, place_name = excluded.place_name,"
    " place_country = excluded.place_country,"
    " place_admin1 = excluded.place_admin1, lat = excluded.lat,"
    " lon = excluded.lon, fatalities_best = excluded.fatalities_best,"
    " fatalities_low = excluded.fatalities_low,"
    " fatalities_high = excluded.fatalities_high,"
    " num_sources = excluded.num_sources,"
    " num_articles = excluded.num_articles,"
    " num_mentions = excluded.num_mentions, json = excluded.json",
  [ST_INS_MENTION] =
    "INSERT OR IGNORE INTO event_mentions(event_id, article_id, sentence,"
    " start, \"end\", trigger_start, trigger_end, rule)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [ST_SAVEPOINT] = "SAVEPOINT casus_put",
  [ST_RELEASE] = "RELEASE casus_put",
  [ST_ROLLBACK_TO] = "ROLLBACK TO casus_put",
  /* Display columns: actors fall back from code to country to name; the
   * place is "name / admin1 / country" without its empty parts; the
   * quote is the first mention's sentence, cut from the text as a blob
   * because substr() counts characters on TEXT but bytes on BLOBs. */
  [ST_EACH] =
    "SELECT e.event_id, e.date,"
    " coalesce(e.actor1_code, e.actor1_country, e.actor1_name),"
    " coalesce(e.actor2_code, e.actor2_country, e.actor2_name),"
    " e.cameo, e.cameo_name,"
    " nullif(substr(coalesce(' / ' || nullif(e.place_name, ''), '')"
    "  || coalesce(' / ' || nullif(e.place_admin1, ''), '')"
    "  || coalesce(' / ' || nullif(e.place_country, ''), ''), 4), ''),"
    " (SELECT substr(CAST(a.text AS BLOB), m.start + 1, m.\"end\" - m.start)"
    "  FROM event_mentions m JOIN articles a ON a.id = m.article_id"
    "  WHERE m.event_id = e.event_id ORDER BY m.rowid LIMIT 1),"
    " e.article_id, e.goldstein, e.fatalities_best, e.num_sources, e.json,"
    " (SELECT m.trigger_start - m.start FROM event_mentions m"
    "  WHERE m.event_id = e.event_id ORDER BY m.rowid LIMIT 1)"
    " FROM events e ORDER BY e.date IS NULL, e.date, e.article_id,"
    " (SELECT min(m.sentence) FROM event_mentions m"
    "  WHERE m.event_id = e.event_id), e.event_id LIMIT ?1",
  [ST_STATS] =
    "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM sentences),"
    " (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions),"
    " (SELECT count(*) FROM fused_events), (SELECT count(*) FROM stories)",
  /* The same display columns for fused events. */
  [ST_EACH_FUSED] =
    "SELECT e.event_id, e.date,"
    " coalesce(e.actor1_code, e.actor1_country),"
    " coalesce(e.actor2_code, e.actor2_country),"
    " e.cameo, e.cameo_name,"
    " nullif(substr(coalesce(' / ' || nullif(e.place_name, ''), '')"
    "  || coalesce(' / ' || nullif(e.place_admin1, ''), '')"
    "  || coalesce(' / ' || nullif(e.place_country, ''), ''), 4), ''),"
    " (SELECT substr(CAST(a.text AS BLOB), m.start + 1, m.\"end\" - m.start)"
    "  FROM fused_mentions m JOIN articles a ON a.id = m.article_id"
    "  WHERE m.event_id = e.event_id ORDER BY m.rowid LIMIT 1),"
    " (SELECT m.article_id FROM fused_mentions m"
    "  WHERE m.event_id = e.event_id ORDER BY m.rowid LIMIT 1),"
    " e.goldstein, e.fatalities_best, e.num_sources, e.json,"
    " (SELECT m.trigger_start - m.start FROM fused_mentions m"
    "  WHERE m.event_id = e.event_id ORDER BY m.rowid LIMIT 1)"
    " FROM fused_events e ORDER BY e.date IS NULL, e.date, e.event_id"
    " LIMIT ?1",
};

/* Sentences are inserted up to SENT_ROWS rows per statement: one
 * statement per row cost 0.37 M instructions per article (29 rows). */
#define SENT_ROWS 16

/* Mentions likewise, up to MENT_ROWS rows per statement (an article's
 * events have one or two each; a fused event up to hundreds). */
#define MENT_ROWS 8
#define MENT_COLS 9 /* at most: fused_mentions */

/* The columns before VALUES of the two mention tables. */
static const char MENT_HEAD[] =
  "INSERT OR IGNORE INTO event_mentions(event_id, article_id, sentence,"
  " start, \"end\", trigger_start, trigger_end, rule)";
static const char FMENT_HEAD[] =
  "INSERT OR IGNORE INTO fused_mentions(event_id, article_id, sentence,"
  " start, \"end\", trigger_start, trigger_end, rule, duplicate_of)";

/* One mention row to insert: mention M of event EV. */
typedef struct ment_row {
  const casus_event *ev;
  const casus_mention *m;
} ment_row;

struct casus_store {
  sqlite3 *db;               /* the connection */
  char *path;                /* database path, for error messages */
  sqlite3_stmt *st[ST_COUNT]; /* prepared once, reset after each use */
  sqlite3_stmt *sent[SENT_ROWS + 1]; /* [k]: insert k sentences, lazily */
  sqlite3_stmt *ment[MENT_ROWS + 1]; /* [k]: insert k mentions, lazily */
  ment_row *rows;            /* an article's mentions, before insertion */
  size_t nrows, caprows;
};

/* Fills ERR with CASUS_EDB, WHAT and SQLite's message; returns CASUS_EDB. */
static int db_err(const casus_store *s, casus_error *err, const char *what) {
  return casus__err(err, CASUS_EDB, s->path, 0, "%s: %s", what,
                    s->db ? sqlite3_errmsg(s->db) : "cannot open");
}

/* Runs ST, which returns no rows, then resets it and clears its bindings.
 * Returns CASUS_OK or CASUS_EDB (with ERR filled). */
static int run(casus_store *s, sqlite3_stmt *st, casus_error *err,
               const char *what) {
  int src = sqlite3_step(st);
  int rc = CASUS_OK;
  if (src != SQLITE_DONE && src != SQLITE_ROW)
    rc = db_err(s, err, what);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc;
}

/* Binds S (NULL: SQL NULL) to parameter I; the string must outlive the
 * statement's next step. */
static int bind_str(sqlite3_stmt *st, int i, const char *s) {
  if (!s)
    return sqlite3_bind_null(st, i);
  return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Binds the fixed-size char array S[0..CAP) (not always NUL-terminated),
 * SQL NULL when it is empty. */
static int bind_arr(sqlite3_stmt *st, int i, const char *s, size_t cap) {
  size_t n = strnlen(s, cap);
  if (!n)
    return sqlite3_bind_null(st, i);
  return sqlite3_bind_text(st, i, s, (int)n, SQLITE_STATIC);
}

/* Binds a count, SQL NULL when it is negative (CASUS_UNKNOWN). */
static int bind_count(sqlite3_stmt *st, int i, long v) {
  if (v < 0)
    return sqlite3_bind_null(st, i);
  return sqlite3_bind_int64(st, i, v);
}

/* ------------------------------------------------------------ open/close */

/* Reads PRAGMA user_version into *V.  This is also the first read of the
 * file, so a file that is not a database fails here, before any write. */
static int read_version(casus_store *s, int *v, casus_error *err) {
  sqlite3_stmt *st = NULL;
  int rc = CASUS_OK;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL)) {
    rc = db_err(s, err, "reading the schema version");
    goto done;
  }
  if (sqlite3_step(st) != SQLITE_ROW) {
    rc = db_err(s, err, "reading the schema version");
    goto done;
  }
  *v = sqlite3_column_int(st, 0);
done:
  sqlite3_finalize(st);
  return rc;
}

/* Runs the SQL script Q; returns CASUS_OK or CASUS_EDB. */
static int exec(casus_store *s, const char *q, casus_error *err,
                const char *what) {
  char *msg = NULL;
  if (sqlite3_exec(s->db, q, NULL, NULL, &msg) == SQLITE_OK)
    return CASUS_OK;
  casus__err(err, CASUS_EDB, s->path, 0, "%s: %s", what,
             msg ? msg : sqlite3_errmsg(s->db));
  sqlite3_free(msg);
  return CASUS_EDB;
}

/* Checks the schema version, then configures the connection and creates
 * the schema if needed. */
static int setup(casus_store *s, casus_error *err) {
  int v = 0;
  sqlite3_busy_timeout(s->db, 5000);
  int rc = read_version(s, &v, err);
  if (rc)
    return rc;
  if (v > SCHEMA_VERSION)
    return casus__err(err, CASUS_EDB, s->path, 0,
                      "database schema version %d is newer than this "
                      "casus supports (%d)", v, SCHEMA_VERSION);
  /* synchronous = NORMAL is WAL's recommended mode (a power cut may lose
   * the last commits, never corrupt the file); the savepoint of each put
   * keeps its journal in memory (temp_store: on file it cost ~170 writes
   * per article), and the page cache (64 MiB) holds a whole batch of
   * 1,000 articles so that it is not spilled to the WAL and written again
   * before the commit.  (8 KiB pages were tried: fewer syscalls but 16%
   * more SQLite instructions.) */
  rc = exec(s, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;"
            " PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
            " PRAGMA cache_size = -65536;", err, "configuring the database");
  if (rc)
    return rc;
  if (v == SCHEMA_VERSION)
    return CASUS_OK;
  rc = exec(s, "BEGIN IMMEDIATE", err, "creating the schema");
  if (!rc)
    rc = exec(s, SCHEMA, err, "creating the schema");
  char q[64];
  snprintf(q, sizeof q, "PRAGMA user_version = %d; COMMIT", SCHEMA_VERSION);
  if (!rc)
    rc = exec(s, q, err, "creating the schema");
  if (rc && !sqlite3_get_autocommit(s->db))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Prepares every statement of SQL[] once, for the life of the store. */
static int prepare_all(casus_store *s, casus_error *err) {
  for (int i = 0; i < ST_COUNT; i++) {
    if (sqlite3_prepare_v3(s->db, SQL[i], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->st[i], NULL))
      return db_err(s, err, "preparing a statement");
  }
  return CASUS_OK;
}

/* Opens or creates the store at PATH into *OUT (close with
 * casus_store_close).  A file that is not a SQLite database is left
 * untouched and reported as CASUS_EDB. */
int casus_store_open(const char *path, casus_store **out, casus_error *err) {
  if (!out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no output store");
  *out = NULL;
  if (!path || !*path)
    return casus__err(err, CASUS_EINVAL, "", 0, "no database path");
  int rc = CASUS_ENOMEM;
  casus_store *s = casus__calloc(1, sizeof *s);
  if (!s)
    goto fail;
  s->path = casus__strdup(path);
  if (!s->path)
    goto fail;
  if (sqlite3_open_v2(path, &s->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)) {
    rc = db_err(s, err, "opening the database");
    goto fail;
  }
  sqlite3_extended_result_codes(s->db, 1);
  rc = setup(s, err);
  if (!rc)
    rc = prepare_all(s, err);
  if (rc)
    goto fail;
  *out = s;
  return CASUS_OK;
fail:
  if (rc == CASUS_ENOMEM)
    casus__err(err, rc, path, 0, "out of memory opening the database");
  casus_store_close(s);
  return rc;
}

/* Finalizes the statements and closes the connection; an open batch is
 * rolled back.  NULL does nothing. */
void casus_store_close(casus_store *s) {
  if (!s)
    return;
  for (int i = 0; i < ST_COUNT; i++)
    sqlite3_finalize(s->st[i]);
  for (int i = 0; i <= SENT_ROWS; i++)
    sqlite3_finalize(s->sent[i]);
  for (int i = 0; i <= MENT_ROWS; i++)
    sqlite3_finalize(s->ment[i]);
  casus__free(s->rows);
  sqlite3_close(s->db);
  casus__free(s->path);
  casus__free(s);
}

/* ---------------------------------------------------------- transactions */

int casus_store_begin(casus_store *s, casus_error *err) {
  if (!s)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store");
  return exec(s, "BEGIN IMMEDIATE", err, "beginning a batch");
}

int casus_store_commit(casus_store *s, casus_error *err) {
  if (!s)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store");
  return exec(s, "COMMIT", err, "committing a batch");
}

/* Rolls back the open batch; returns CASUS_OK when none is open. */
int casus_store_rollback(casus_store *s) {
  if (!s)
    return CASUS_EINVAL;
  if (sqlite3_get_autocommit(s->db))
    return CASUS_OK;
  if (sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL))
    return CASUS_EDB;
  return CASUS_OK;
}

/* ------------------------------------------------------------------- put */

/* Writes the content hash of an article into HEX[25]: "fnv1a64:" and 16
 * hex digits of FNV-1a 64 over the cleaned text, published date, source
 * and title, each followed by a 0xFF byte (never found in UTF-8). */
static int content_hash(const casus_article *a, const char *text,
                        size_t len, char hex[25]) {
  const char *parts[] = {a->published, a->source, a->title};
  static const unsigned char sep = 0xFF;
  casus_buf b = {0};
  int rc = casus__buf_append(&b, text, len);
  if (!rc)
    rc = casus__buf_append(&b, &sep, 1);
  for (size_t i = 0; !rc && i < CASUS_ARRAY_LEN(parts); i++) {
    if (parts[i])
      rc = casus__buf_append(&b, parts[i], strlen(parts[i]));
    if (!rc)
      rc = casus__buf_append(&b, &sep, 1);
  }
  if (!rc)
    snprintf(hex, 25, "fnv1a64:%016llx",
             (unsigned long long)casus__hash(b.data, b.len));
  casus__buf_free(&b);
  return rc;
}

/* Looks up the stored hash of article ID; *SAME is 1 when it equals HEX,
 * *FOUND is 1 when the article is stored at all. */
static int stored_hash(casus_store *s, const char *id, const char *hex,
                       int *found, int *same, casus_error *err) {
  sqlite3_stmt *st = s->st[ST_GET_HASH];
  int rc = CASUS_OK;
  *found = 0;
  *same = 0;
  bind_str(st, 1, id);
  int src = sqlite3_step(st);
  if (src == SQLITE_ROW) {
    const unsigned char *h = sqlite3_column_text(st, 0);
    *found = 1;
    *same = h && strcmp((const char *)h, hex) == 0;
  } else if (src != SQLITE_DONE) {
    rc = db_err(s, err, "looking up the article");
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc;
}

/* Inserts the article row (ID, HEX, the cleaned TEXT). */
static int put_article(casus_store *s, const casus_article *a,
                       const char *id, const char *hex, const char *text,
                       size_t len, casus_error *err) {
  char now[32] = "";
  time_t t = time(NULL);
  struct tm tm;
  if (gmtime_r(&t, &tm))
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  sqlite3_stmt *st = s->st[ST_INS_ARTICLE];
  bind_str(st, 1, id);
  bind_str(st, 2, hex);
  bind_str(st, 3, a->url);
  bind_str(st, 4, a->source);
  bind_str(st, 5, a->published);
  bind_str(st, 6, a->language);
  bind_str(st, 7, a->title);
  sqlite3_bind_text64(st, 8, text, len, SQLITE_STATIC, SQLITE_UTF8);
  bind_str(st, 9, a->origin);
  bind_str(st, 10, now);
  return run(s, st, err, "storing the article");
}

/* Returns the statement inserting K (1..SENT_ROWS) sentences of one
 * article (?1 its id, then idx, start, end of each), prepared on first
 * use; NULL when it cannot be prepared. */
static sqlite3_stmt *sent_stmt(casus_store *s, int k) {
  if (s->sent[k])
    return s->sent[k];
  char q[64 + SENT_ROWS * 40];
  size_t n = (size_t)snprintf(q, sizeof q, "INSERT INTO sentences"
                              "(article_id, idx, start, \"end\") VALUES");
  for (int i = 0; i < k && n < sizeof q; i++)
    n += (size_t)snprintf(q + n, sizeof q - n, "%s(?1, ?%d, ?%d, ?%d)",
                          i ? ", " : "", 3 * i + 2, 3 * i + 3, 3 * i + 4);
  if (n >= sizeof q)
    return NULL;
  if (sqlite3_prepare_v3(s->db, q, -1, SQLITE_PREPARE_PERSISTENT,
                         &s->sent[k], NULL))
    return NULL;
  return s->sent[k];
}

/* Inserts the K sentence spans ROW[0..K) (idx, start, end) of article
 * ID with one statement. */
static int put_sentence_rows(casus_store *s, const char *id,
                             const sqlite3_int64 (*row)[3], int k,
                             casus_error *err) {
  sqlite3_stmt *st = sent_stmt(s, k);
  if (!st)
    return db_err(s, err, "preparing a statement");
  bind_str(st, 1, id);
  for (int r = 0; r < k; r++)
    for (int c = 0; c < 3; c++)
      sqlite3_bind_int64(st, 3 * r + c + 2, row[r][c]);
  return run(s, st, err, "storing sentences");
}

/* Inserts the doc's sentence spans, SENT_ROWS per statement. */
static int put_sentences(casus_store *s, const casus_doc *d, const char *id,
                         casus_error *err) {
  sqlite3_int64 row[SENT_ROWS][3];
  int k = 0;
  size_t n = casus_doc_sentence_count(d);
  for (size_t i = 0; i < n; i++) {
    uint32_t start = 0;
    uint32_t end = 0;
    if (casus_doc_sentence(d, i, &start, &end))
      continue;
    row[k][0] = (sqlite3_int64)i;
    row[k][1] = start;
    row[k][2] = end;
    if (++k == SENT_ROWS) {
      int rc = put_sentence_rows(s, id, (const sqlite3_int64(*)[3])row, k,
                                 err);
      if (rc)
        return rc;
      k = 0;
    }
  }
  return k ? put_sentence_rows(s, id, (const sqlite3_int64(*)[3])row, k, err)
           : CASUS_OK;
}

/* Binds the columns of one event row (JSON is its casus_event_to_json). */
static void bind_event(sqlite3_stmt *st, const casus_event *ev,
                       const char *id, const char *json) {
  const casus_place *p = &ev->place;
  int place = p->name != NULL;
  bind_arr(st, 1, ev->event_id, sizeof ev->event_id);
  bind_str(st, 2, id);
  bind_arr(st, 3, ev->date, sizeof ev->date);
  bind_str(st, 4, ev->date_precision);
  bind_str(st, 5, ev->actor1.code);
  bind_str(st, 6, ev->actor1.country);
  bind_str(st, 7, ev->actor1.role);
  bind_str(st, 8, ev->actor1.name);
  bind_str(st, 9, ev->actor2.code);
  bind_str(st, 10, ev->actor2.country);
  bind_str(st, 11, ev->actor2.role);
  bind_str(st, 12, ev->actor2.name);
  bind_arr(st, 13, ev->cameo, sizeof ev->cameo);
  bind_str(st, 14, ev->cameo_name);
  sqlite3_bind_double(st, 15, ev->goldstein);
  sqlite3_bind_int(st, 16, ev->quad_class);
  bind_str(st, 17, place ? p->name : NULL);
  bind_str(st, 18, place ? p->country : NULL);
  bind_str(st, 19, place ? p->admin1 : NULL);
  if (place && p->has_coords) {
    sqlite3_bind_double(st, 20, p->lat);
    sqlite3_bind_double(st, 21, p->lon);
  }
  bind_count(st, 22, ev->fatalities.best);
  bind_count(st, 23, ev->fatalities.low);
  bind_count(st, 24, ev->fatalities.high);
  sqlite3_bind_int(st, 25, ev->num_sources);
  sqlite3_bind_int(st, 26, ev->num_articles);
  sqlite3_bind_int(st, 27, ev->num_mentions);
  bind_str(st, 28, json);
}

/* Returns the statement HEAD VALUES(...) inserting K (1..MENT_ROWS) rows
 * of NCOL (<= MENT_COLS) parameters each, numbered in order, prepared on
 * first use into CACHE[K] (the caller finalizes); NULL when it cannot be
 * prepared. */
static sqlite3_stmt *rows_stmt(sqlite3 *db, sqlite3_stmt **cache,
                               const char *head, int ncol, int k) {
  if (cache[k])
    return cache[k];
  char q[256 + MENT_ROWS * MENT_COLS * 6];
  size_t n = (size_t)snprintf(q, sizeof q, "%s VALUES", head);
  for (int r = 0; r < k && n < sizeof q; r++)
    for (int c = 0; c < ncol && n < sizeof q; c++)
      n += (size_t)snprintf(q + n, sizeof q - n, "%s?%d%s",
                            c ? ", " : r ? ", (" : "(", r * ncol + c + 1,
                            c == ncol - 1 ? ")" : "");
  if (n >= sizeof q)
    return NULL;
  if (sqlite3_prepare_v3(db, q, -1, SQLITE_PREPARE_PERSISTENT, &cache[k],
                         NULL))
    return NULL;
  return cache[k];
}

/* Inserts the mention rows ROW[0..N) into event_mentions (FUSED false;
 * a mention without an article id belongs to article ID) or
 * fused_mentions (FUSED true), MENT_ROWS per statement, prepared into
 * CACHE.  Row order is kept (the first mention of an event is the one
 * `casus show` quotes). */
static int put_mention_rows(casus_store *s, sqlite3_stmt **cache,
                            bool fused, const ment_row *row, size_t n,
                            const char *id, casus_error *err) {
  int ncol = fused ? 9 : 8;
  for (size_t i = 0; i < n; i += MENT_ROWS) {
    int k = n - i < MENT_ROWS ? (int)(n - i) : MENT_ROWS;
    sqlite3_stmt *st = rows_stmt(s->db, cache, fused ? FMENT_HEAD
                                                     : MENT_HEAD, ncol, k);
    if (!st)
      return db_err(s, err, "preparing a statement");
    for (int r = 0; r < k; r++) {
      const casus_event *ev = row[i + (size_t)r].ev;
      const casus_mention *m = row[i + (size_t)r].m;
      int b = r * ncol;
      bind_arr(st, b + 1, ev->event_id, sizeof ev->event_id);
      bind_str(st, b + 2, m->article || fused ? m->article : id);
      sqlite3_bind_int64(st, b + 3, m->sentence);
      sqlite3_bind_int64(st, b + 4, m->start);
      sqlite3_bind_int64(st, b + 5, m->end);
      sqlite3_bind_int64(st, b + 6, m->trigger_start);
      sqlite3_bind_int64(st, b + 7, m->trigger_end);
      bind_str(st, b + 8, m->rule);
      if (fused)
        bind_str(st, b + 9, m->duplicate_of);
    }
    int rc = run(s, st, err, fused ? "storing a fused mention"
                                   : "storing a mention");
    if (rc)
      return rc;
  }
  return CASUS_OK;
}

/* Queues the mentions of EV in S->rows; CASUS_ENOMEM. */
static int queue_mentions(casus_store *s, const casus_event *ev) {
  if (casus__grow((void **)&s->rows, &s->caprows,
                  s->nrows + ev->n_mentions + 1, sizeof *s->rows))
    return CASUS_ENOMEM;
  for (size_t i = 0; i < ev->n_mentions; i++) {
    s->rows[s->nrows].ev = ev;
    s->rows[s->nrows++].m = &ev->mentions[i];
  }
  return CASUS_OK;
}

/* Inserts every event of D with its JSON, then their mentions (in the
 * same order: mention rows only need their event to exist). */
static int put_events(casus_store *s, const casus_doc *d, const char *id,
                      casus_error *err) {
  size_t n = casus_doc_event_count(d);
  s->nrows = 0;
  for (size_t i = 0; i < n; i++) {
    const casus_event *ev = casus_doc_event(d, i);
    char *json = NULL;
    int rc = casus_event_to_json(d, ev, &json);
    if (rc)
      return casus__err(err, rc, s->path, 0, "event %.24s: %s",
                        ev->event_id, casus_strerror(rc));
    bind_event(s->st[ST_INS_EVENT], ev, id, json);
    rc = run(s, s->st[ST_INS_EVENT], err, "storing an event");
    casus__free(json);
    if (!rc && queue_mentions(s, ev))
      rc = casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory");
    if (rc)
      return rc;
  }
  return put_mention_rows(s, s->ment, false, s->rows, s->nrows, id, err);
}

/* Deletes article ID if FOUND, then writes the article, its sentences,
 * events and mentions.  Runs inside the put savepoint. */
static int write_article(casus_store *s, const casus_article *a,
                         const casus_doc *d, const char *id, int found,
                         const char *hex, casus_error *err) {
  size_t len = 0;
  const char *text = casus_doc_text(d, &len);
  int rc = CASUS_OK;
  if (found) {
    bind_str(s->st[ST_DEL_MENTIONS], 1, id);
    rc = run(s, s->st[ST_DEL_MENTIONS], err, "replacing the article");
    bind_str(s->st[ST_DEL_ARTICLE], 1, id);
    if (!rc)
      rc = run(s, s->st[ST_DEL_ARTICLE], err, "replacing the article");
  }
  if (!rc)
    rc = put_article(s, a, id, hex, text ? text : "", text ? len : 0, err);
  if (!rc)
    rc = put_sentences(s, d, id, err);
  if (!rc)
    rc = put_events(s, d, id, err);
  return rc;
}

/* Stores article A and doc D (see casus.h).  On failure nothing of this
 * article is written and an enclosing batch stays usable. */
int casus_store_put(casus_store *s, const casus_article *a,
                    const casus_doc *d, int *inserted, casus_error *err) {
  if (inserted)
    *inserted = 0;
  if (!s || !a || !d)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store, article or doc");
  const char *id = a->id && *a->id ? a->id : casus_doc_article_id(d);
  if (!id || !*id)
    return casus__err(err, CASUS_EINVAL, s->path, 0, "article has no id");
  size_t len = 0;
  const char *text = casus_doc_text(d, &len);
  char hex[25];
  if (content_hash(a, text ? text : "", text ? len : 0, hex))
    return casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory");
  int found = 0;
  int same = 0;
  int rc = stored_hash(s, id, hex, &found, &same, err);
  if (rc || same)
    return rc;
  rc = run(s, s->st[ST_SAVEPOINT], err, "starting the article");
  if (rc)
    return rc;
  rc = write_article(s, a, d, id, found, hex, err);
  if (rc) {
    run(s, s->st[ST_ROLLBACK_TO], NULL, "");
    run(s, s->st[ST_RELEASE], NULL, "");
    return rc;
  }
  rc = run(s, s->st[ST_RELEASE], err, "finishing the article");
  if (rc)
    return rc;
  if (inserted)
    *inserted = 1;
  return CASUS_OK;
}

/* ------------------------------------------------------------------ read */

/* Returns column I of ST as a string, NULL when it is SQL NULL. */
static const char *col_str(sqlite3_stmt *st, int i) {
  return (const char *)sqlite3_column_text(st, i);
}

/* Fills ROW from the current result of the each statement.  Returns
 * CASUS_ENOMEM when SQLite could not convert the JSON text (its own OOM). */
static int fill_row(sqlite3_stmt *st, casus_row *row) {
  memset(row, 0, sizeof *row);
  row->event_id = col_str(st, 0);
  row->date = col_str(st, 1);
  row->actor1 = col_str(st, 2);
  row->actor2 = col_str(st, 3);
  row->cameo = col_str(st, 4);
  row->cameo_name = col_str(st, 5);
  row->place = col_str(st, 6);
  row->quote = col_str(st, 7);
  row->article = col_str(st, 8);
  row->goldstein = sqlite3_column_double(st, 9);
  row->fatalities = sqlite3_column_type(st, 10) == SQLITE_NULL
                      ? CASUS_UNKNOWN
                      : (long)sqlite3_column_int64(st, 10);
  row->num_sources = sqlite3_column_int(st, 11);
  row->json = col_str(st, 12);
  row->quote_trigger = sqlite3_column_type(st, 13) == SQLITE_NULL
                         ? CASUS_UNKNOWN
                         : (long)sqlite3_column_int64(st, 13);
  return row->json ? CASUS_OK : CASUS_ENOMEM;
}

/* Calls CB for each stored event in date then id order (undated events
 * last).  A display string is NULL when unknown (json never is).  Returns
 * CASUS_OK (also when CB stopped early), CASUS_ENOMEM or CASUS_EDB. */
static int each(casus_store *s, int which, size_t limit,
                int (*cb)(const casus_row *row, void *ctx), void *ctx,
                casus_error *err) {
  if (!s || !cb)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store or callback");
  sqlite3_stmt *st = s->st[which];
  sqlite3_int64 lim = limit == 0 || limit > (size_t)INT64_MAX
                        ? -1
                        : (sqlite3_int64)limit;
  sqlite3_bind_int64(st, 1, lim);
  int rc = CASUS_OK;
  for (;;) {
    int src = sqlite3_step(st);
    if (src == SQLITE_DONE)
      break;
    if (src != SQLITE_ROW) {
      rc = db_err(s, err, "reading events");
      break;
    }
    casus_row row;
    rc = fill_row(st, &row);
    if (rc) {
      casus__err(err, rc, s->path, 0, "out of memory reading events");
      break;
    }
    if (cb(&row, ctx))
      break;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc;
}

int casus_store_each(casus_store *s, size_t limit,
                     int (*cb)(const casus_row *row, void *ctx), void *ctx,
                     casus_error *err) {
  return each(s, ST_EACH, limit, cb, ctx, err);
}

int casus_store_each_fused(casus_store *s, size_t limit,
                           int (*cb)(const casus_row *row, void *ctx),
                           void *ctx, casus_error *err) {
  return each(s, ST_EACH_FUSED, limit, cb, ctx, err);
}

/* Counts the rows of each table into *OUT. */
int casus_store_get_stats(casus_store *s, casus_store_stats *out,
                          casus_error *err) {
  if (!s || !out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store or output");
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = s->st[ST_STATS];
  int rc = CASUS_OK;
  if (sqlite3_step(st) == SQLITE_ROW) {
    out->articles = (long)sqlite3_column_int64(st, 0);
    out->sentences = (long)sqlite3_column_int64(st, 1);
    out->events = (long)sqlite3_column_int64(st, 2);
    out->mentions = (long)sqlite3_column_int64(st, 3);
    out->fused_events = (long)sqlite3_column_int64(st, 4);
    out->stories = (long)sqlite3_column_int64(st, 5);
  } else {
    rc = db_err(s, err, "counting rows");
  }
  sqlite3_reset(st);
  return rc;
}

/* ------------------------------------------------------------------ fuse */

/* What re-fusing needs while the fuser calls back. */
typedef struct fuse_run {
  casus_store *s;
  sqlite3_stmt *ins_event, *ins_mention, *ins_story, *ins_member;
  casus_error *err;
  sqlite3_stmt *ment[MENT_ROWS + 1]; /* fused mention rows, lazily */
  ment_row *rows;
  size_t caprows;
} fuse_run;

/* Finalizes R's multi-row statements and frees its rows. */
static void fuse_run_free(fuse_run *r) {
  for (int i = 0; i <= MENT_ROWS; i++)
    sqlite3_finalize(r->ment[i]);
  casus__free(r->rows);
}

/* Runs the SQL script Q with TEXT parameters P[0..N) bound in order. */
static int exec_bound(casus_store *s, const char *q, const char *const *p,
                      int n, casus_error *err, const char *what) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(s->db, q, -1, &st, NULL))
    return db_err(s, err, what);
  for (int i = 0; i < n; i++)
    bind_str(st, i + 1, p[i]);
  int rc = run(s, st, err, what);
  sqlite3_finalize(st);
  return rc;
}

/* Stores one fused event (its columns, JSON and mentions) or one story
 * (its row and its articles' membership). */
static int put_fused(const casus_fuser *f, const casus_event *ev,
                     const casus_story *story, void *ctx) {
  fuse_run *r = ctx;
  casus_store *s = r->s;
  char *json = NULL;
  int rc = ev ? casus_fuser_event_to_json(f, ev, &json)
              : casus_fuser_story_to_json(f, story, &json);
  if (rc)
    return casus__err(r->err, rc, s->path, 0, "fused record: %s",
                      casus_strerror(rc));
  if (story) {
    sqlite3_stmt *st = r->ins_story;
    bind_arr(st, 1, story->story_id, sizeof story->story_id);
    bind_str(st, 2, story->title);
    bind_arr(st, 3, story->first, sizeof story->first);
    bind_arr(st, 4, story->last, sizeof story->last);
    sqlite3_bind_int(st, 5, story->num_articles);
    sqlite3_bind_int(st, 6, story->num_sources);
    bind_str(st, 7, json);
    rc = run(s, st, r->err, "storing a story");
    for (size_t i = 0; !rc && i < story->n_articles; i++) {
      st = r->ins_member;
      bind_str(st, 1, story->articles[i].id);
      bind_arr(st, 2, story->story_id, sizeof story->story_id);
      bind_str(st, 3, story->articles[i].duplicate_of);
      rc = run(s, st, r->err, "storing a story's article");
    }
    casus__free(json);
    return rc;
  }
  const casus_place *p = &ev->place;
  int place = p->name != NULL;
  sqlite3_stmt *st = r->ins_event;
  bind_arr(st, 1, ev->event_id, sizeof ev->event_id);
  bind_str(st, 2, ev->story_id);
  bind_arr(st, 3, ev->date, sizeof ev->date);
  bind_str(st, 4, ev->date_precision);
  bind_str(st, 5, ev->actor1.code);
  bind_str(st, 6, ev->actor1.country);
  bind_str(st, 7, ev->actor2.code);
  bind_str(st, 8, ev->actor2.country);
  bind_arr(st, 9, ev->cameo, sizeof ev->cameo);
  bind_str(st, 10, ev->cameo_name);
  sqlite3_bind_double(st, 11, ev->goldstein);
  sqlite3_bind_int(st, 12, ev->quad_class);
  bind_str(st, 13, place ? p->name : NULL);
  bind_str(st, 14, place ? p->country : NULL);
  bind_str(st, 15, place ? p->admin1 : NULL);
  if (place && p->has_coords) {
    sqlite3_bind_double(st, 16, p->lat);
    sqlite3_bind_double(st, 17, p->lon);
  }
  bind_count(st, 18, ev->fatalities.best);
  bind_count(st, 19, ev->fatalities.low);
  bind_count(st, 20, ev->fatalities.high);
  bind_count(st, 21, ev->fatalities.acled);
  sqlite3_bind_int(st, 22, ev->num_sources);
  sqlite3_bind_int(st, 23, ev->num_articles);
  sqlite3_bind_int(st, 24, ev->num_mentions);
  sqlite3_bind_double(st, 25, ev->confidence);
  bind_arr(st, 26, ev->first_reported, sizeof ev->first_reported);
  bind_arr(st, 27, ev->last_reported, sizeof ev->last_reported);
  sqlite3_bind_int64(st, 28, (sqlite3_int64)ev->n_discrepancies);
  bind_str(st, 29, json);
  rc = run(s, st, r->err, "storing a fused event");
  casus__free(json);
  if (!rc && ev->n_mentions &&
      casus__grow((void **)&r->rows, &r->caprows, ev->n_mentions,
                  sizeof *r->rows))
    rc = casus__err(r->err, CASUS_ENOMEM, s->path, 0, "out of memory");
  for (size_t i = 0; !rc && i < ev->n_mentions; i++) {
    r->rows[i].ev = ev;
    r->rows[i].m = &ev->mentions[i];
  }
  if (!rc)
    rc = put_mention_rows(s, r->ment, true, r->rows, ev->n_mentions, NULL,
                          r->err);
  return rc;
}

/* ------------------------------------------------------ fusing in-stream */

struct casus_store_fuser {
  fuse_run r;
  casus_fuser *f;
  int window;
  long *days;        /* publication days stored before, sorted */
  size_t ndays;
  long newest;       /* latest day fused */
  bool any;          /* an article was fused */
};

static const char *const FUSE_SQL[4];

/* qsort order of days. */
static int day_cmp(const void *x, const void *y) {
  long a = *(const long *)x, b = *(const long *)y;
  return a < b ? -1 : a > b;
}

/* True when a day stored before SF opened lies in [D0, D1]. */
static bool stored_near(const casus_store_fuser *sf, long d0, long d1) {
  size_t lo = 0, hi = sf->ndays;
  while (lo < hi) { /* first day >= d0 */
    size_t mid = lo + (hi - lo) / 2;
    if (sf->days[mid] < d0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < sf->ndays && sf->days[lo] <= d1;
}

int casus_store_fuser_open(casus_store *s, const casus_engine *e,
                           const casus_fuse_opts *opts,
                           casus_store_fuser **out, casus_error *err) {
  if (!s || !e || !out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store or engine");
  *out = NULL;
  casus_fuse_opts o = {3, 0, e};
  if (opts) {
    o = *opts;
    o.engine = e;
  }
  casus_store_fuser *sf = casus__calloc(1, sizeof *sf);
  if (!sf)
    return casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory");
  sf->r.s = s;
  sf->window = o.window_days > 0 ? o.window_days : 3;
  int rc = casus_fuser_open(&o, &sf->f)
               ? casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory")
               : CASUS_OK;
  sqlite3_stmt **ins[4] = {&sf->r.ins_event, &sf->r.ins_mention,
                           &sf->r.ins_story, &sf->r.ins_member};
  for (int i = 0; i < 4 && !rc; i++)
    if (sqlite3_prepare_v2(s->db, FUSE_SQL[i], -1, ins[i], NULL))
      rc = db_err(s, err, "preparing the fusion");
  sqlite3_stmt *st = NULL;
  if (!rc && sqlite3_prepare_v2(s->db, "SELECT DISTINCT published FROM"
                                " articles", -1, &st, NULL))
    rc = db_err(s, err, "reading the stored dates");
  size_t cap = 0;
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    long day;
    const char *p = col_str(st, 0);
    if (!p || !casus__parse_iso_date(p, &day))
      continue;
    if (casus__grow((void **)&sf->days, &cap, sf->ndays + 1,
                    sizeof *sf->days))
      rc = casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory");
    else
      sf->days[sf->ndays++] = day;
  }
  sqlite3_finalize(st);
  if (sf->ndays)
    qsort(sf->days, sf->ndays, sizeof *sf->days, day_cmp);
  if (rc) {
    casus_store_fuser_close(sf, NULL);
    return rc;
  }
  *out = sf;
  return CASUS_OK;
}

int casus_store_fuser_add(casus_store_fuser *sf, const casus_article *a,
                          const casus_doc *d, casus_error *err) {
  if (!sf || !a || !d)
    return casus__err(err, CASUS_EINVAL, "", 0, "no fuser or article");
  long day;
  if (!a->published || !casus__parse_iso_date(a->published, &day))
    return CASUS_OK; /* undated: casus_store_fuse */
  if (stored_near(sf, day - 2L * sf->window, day + 2L * sf->window))
    return CASUS_OK; /* near earlier ingests: casus_store_fuse */
  sf->r.err = err;
  int rc = casus_fuser_add(sf->f, a, d, err);
  if (!rc)
    rc = casus_fuser_flush_idle(sf->f, put_fused, &sf->r);
  if (rc || (sf->any && day <= sf->newest))
    return rc;
  sf->any = true;
  sf->newest = day;
  char before[11];
  casus__format_date(day - sf->window, before);
  return casus_fuser_flush(sf->f, before, put_fused, &sf->r);
}

int casus_store_fuser_close(casus_store_fuser *sf, casus_error *err) {
  if (!sf)
    return CASUS_OK;
  int rc = CASUS_OK;
  sf->r.err = err;
  if (sf->f && err) /* err NULL: closing after a failure */
    rc = casus_fuser_flush(sf->f, NULL, put_fused, &sf->r);
  casus_fuser_close(sf->f);
  sqlite3_stmt *st[4] = {sf->r.ins_event, sf->r.ins_mention,
                         sf->r.ins_story, sf->r.ins_member};
  for (int i = 0; i < 4; i++)
    sqlite3_finalize(st[i]);
  fuse_run_free(&sf->r);
  casus__free(sf->days);
  casus__free(sf);
  return rc;
}

/* The statements of put_fused. */
static const char *const FUSE_SQL[4] = {
  "INSERT OR REPLACE INTO fused_events(event_id, story_id, date,"
  " date_precision, actor1_code, actor1_country, actor2_code,"
  " actor2_country, cameo, cameo_name, goldstein, quad_class, place_name,"
  " place_country, place_admin1, lat, lon, fatalities_best,"
  " fatalities_low, fatalities_high, fatalities_acled, num_sources,"
  " num_articles, num_mentions, confidence, first_reported, last_reported,"
  " num_discrepancies, json) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
  " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
  " ?24, ?25, ?26, ?27, ?28, ?29)",
  "INSERT OR IGNORE INTO fused_mentions(event_id, article_id, sentence,"
  " start, \"end\", trigger_start, trigger_end, rule, duplicate_of)"
  " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  "INSERT OR REPLACE INTO stories(story_id, title, first, last,"
  " num_articles, num_sources, json) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  "INSERT OR REPLACE INTO article_story(article_id, story_id, duplicate_of)"
  " VALUES(?1, ?2, ?3)",
};

/* Collects in the temporary table fuse_set the articles to fuse again:
 * those in no story, those published within LO..HI, and those sharing a
 * story or a fused event with them.  *ANY is 0 when nothing is new. */
static int fuse_set(casus_store *s, int window, int *any, casus_error *err) {
  sqlite3_stmt *st = NULL;
  *any = 0;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT min(published), max(published) FROM articles"
                         " WHERE id NOT IN (SELECT article_id FROM"
                         " article_story)", -1, &st, NULL))
    return db_err(s, err, "finding new articles");
  char lo[11] = "", hi[11] = "";
  long d0 = 0, d1 = 0;
  if (sqlite3_step(st) == SQLITE_ROW && col_str(st, 0) &&
      casus__parse_iso_date(col_str(st, 0), &d0) &&
      casus__parse_iso_date(col_str(st, 1), &d1)) {
    *any = 1;
    casus__format_date(d0 - 2L * window, lo);
    casus__format_date(d1 + 2L * window, hi);
  } else if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
    *any = 1; /* undated articles: fuse just them */
  }
  sqlite3_finalize(st);
  if (!*any)
    return CASUS_OK;
  static const char *const steps[] = {
    "CREATE TEMP TABLE IF NOT EXISTS fuse_set(id TEXT PRIMARY KEY)",
    "DELETE FROM fuse_set",
    "INSERT OR IGNORE INTO fuse_set SELECT id FROM articles"
    " WHERE published BETWEEN ?1 AND ?2"
    " OR id NOT IN (SELECT article_id FROM article_story)",
    "INSERT OR IGNORE INTO fuse_set SELECT b.article_id FROM article_story a"
    " JOIN article_story b ON a.story_id = b.story_id"
    " WHERE a.article_id IN (SELECT id FROM fuse_set)",
    "INSERT OR IGNORE INTO fuse_set SELECT n.article_id FROM fused_mentions m"
    " JOIN fused_mentions n ON m.event_id = n.event_id"
    " WHERE m.article_id IN (SELECT id FROM fuse_set)"
    " AND n.article_id IN (SELECT id FROM articles)",
    "DELETE FROM fused_events WHERE event_id IN (SELECT event_id FROM"
    " fused_mentions WHERE article_id IN (SELECT id FROM fuse_set))",
    "DELETE FROM stories WHERE story_id IN (SELECT story_id FROM"
    " article_story WHERE article_id IN (SELECT id FROM fuse_set))",
    "DELETE FROM article_story WHERE article_id IN (SELECT id FROM fuse_set)",
  };
  const char *const range[] = {lo, hi};
  int rc = CASUS_OK;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(steps) && !rc; i++)
    rc = exec_bound(s, steps[i], range, i == 2 ? 2 : 0, err,
                    "choosing the articles to fuse");
  return rc;
}

int casus_store_fuse(casus_store *s, const casus_engine *e,
                     const casus_fuse_opts *opts, casus_error *err) {
  if (!s || !e)
    return casus__err(err, CASUS_EINVAL, "", 0, "no store or engine");
  casus_fuse_opts o = {3, 0, e};
  if (opts) {
    o = *opts;
    o.engine = e;
  }
  int window = o.window_days > 0 ? o.window_days : 3;
  int any = 0;
  int rc = fuse_set(s, window, &any, err);
  if (rc || !any)
    return rc;
  fuse_run r;
  memset(&r, 0, sizeof r);
  r.s = s;
  r.err = err;
  sqlite3_stmt **ins[4] = {&r.ins_event, &r.ins_mention, &r.ins_story,
                           &r.ins_member};
  sqlite3_stmt *sel = NULL;
  casus_fuser *f = NULL;
  for (int i = 0; i < 4 && !rc; i++)
    if (sqlite3_prepare_v2(s->db, FUSE_SQL[i], -1, ins[i], NULL))
      rc = db_err(s, err, "preparing the fusion");
  if (!rc && sqlite3_prepare_v2(s->db,
                                "SELECT id, url, source, published,"
                                " language, title, text FROM articles"
                                " WHERE id IN (SELECT id FROM fuse_set)"
                                " ORDER BY rowid", -1, &sel, NULL))
    rc = db_err(s, err, "reading the articles to fuse");
  if (!rc && casus_fuser_open(&o, &f))
    rc = casus__err(err, CASUS_ENOMEM, s->path, 0, "out of memory");
  char latest[11] = "";
  while (!rc) {
    int src = sqlite3_step(sel);
    if (src == SQLITE_DONE)
      break;
    if (src != SQLITE_ROW) {
      rc = db_err(s, err, "reading the articles to fuse");
      break;
    }
    casus_article a;
    memset(&a, 0, sizeof a);
    const char **fields[] = {(const char **)&a.id, (const char **)&a.url,
                             (const char **)&a.source,
                             (const char **)&a.published,
                             (const char **)&a.language,
                             (const char **)&a.title};
    for (int i = 0; i < 6; i++)
      *fields[i] = col_str(sel, i);
    a.text = (char *)sqlite3_column_blob(sel, 6);
    a.text_len = (size_t)sqlite3_column_bytes(sel, 6);
    casus_doc *d = NULL;
    if (!a.text_len || casus_doc_process(e, &a, &d, NULL))
      continue; /* stored, so coded before: it has nothing to fuse */
    rc = casus_fuser_add(f, &a, d, err);
    casus_doc_free(d);
    if (!rc)
      rc = casus_fuser_flush_idle(f, put_fused, &r);
    if (!rc && a.published && strcmp(a.published, latest) > 0) {
      long day;
      snprintf(latest, sizeof latest, "%s", a.published);
      char before[11];
      if (casus__parse_iso_date(latest, &day)) {
        casus__format_date(day - window, before);
        rc = casus_fuser_flush(f, before, put_fused, &r);
      }
    }
  }
  if (!rc)
    rc = casus_fuser_flush(f, NULL, put_fused, &r);
  casus_fuser_close(f);
  sqlite3_finalize(sel);
  for (int i = 0; i < 4; i++)
    sqlite3_finalize(*ins[i]);
  fuse_run_free(&r);
  return rc;
}
