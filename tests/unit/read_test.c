/* read_test.c -- unit tests of the reader (lib/read/): JSON Lines, .json,
 * .txt, .html, gzip, directories, stdin-like memory input, and every kind
 * of rejected record.  Fixtures are written to a fresh mkdtemp directory
 * and removed at the end; nothing large is committed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "casus_int.h"
#include "read/read_int.h"
#include "test_util.h"

/* ------------------------------------------------------------ helpers */

#define MAXITEMS 64

/* One result of casus_reader_next. */
typedef struct item {
  int rc;
  casus_article *a;
  casus_error e;
} item;

typedef struct run {
  item it[MAXITEMS];
  size_t n;
} run;

static char g_dir[512];  /* this test run's temp directory */

/* Reads R to its end into a new run (casus_reader_next is also checked to
 * stay at DONE). */
static run *drain(casus_reader *r) {
  run *out = calloc(1, sizeof *out);
  assert_non_null(out);
  for (;;) {
    assert_true(out->n < MAXITEMS);
    item *it = &out->it[out->n++];
    it->rc = casus_reader_next(r, &it->a, &it->e);
    if (it->rc != CASUS_OK)
      assert_null(it->a);
    if (it->rc == CASUS_DONE)
      break;
  }
  casus_article *a = NULL;
  casus_error e;
  assert_int_equal(casus_reader_next(r, &a, &e), CASUS_DONE);
  return out;
}

static void run_free(run *r) {
  for (size_t i = 0; i < r->n; i++)
    casus_article_free(r->it[i].a);
  free(r);
}

static run *read_mem(const char *buf, size_t len, const char *name,
                     const casus_read_opts *opts) {
  casus_reader *r = NULL;
  casus_error e;
  int rc = casus_reader_open_mem(buf, len, name, opts, &r, &e);
  assert_int_equal(rc, CASUS_OK);
  run *out = drain(r);
  casus_reader_close(r);
  return out;
}

static run *read_path(const char *path, const casus_read_opts *opts) {
  casus_reader *r = NULL;
  casus_error e;
  int rc = casus_reader_open(path, opts, &r, &e);
  if (rc)
    fail_msg("open %s: %s", path, e.msg);
  run *out = drain(r);
  casus_reader_close(r);
  return out;
}

/* Asserts string fields: NULL expected means NULL. */
static void check_str(const char *what, const char *got, const char *want) {
  if (!want) {
    if (got)
      fail_msg("%s: expected NULL, got \"%s\"", what, got);
    return;
  }
  if (!got || strcmp(got, want) != 0)
    fail_msg("%s: expected \"%s\", got \"%s\"", what, want,
             got ? got : "(null)");
}

static void check_has(const char *what, const char *hay, const char *needle) {
  if (!strstr(hay, needle))
    fail_msg("%s: \"%s\" lacks \"%s\"", what, hay, needle);
}

static void path_of(char *out, size_t cap, const char *rel) {
  snprintf(out, cap, "%s/%s", g_dir, rel);
}

/* Writes DATA[0..LEN) to g_dir/REL, creating parent directories. */
static void write_file(const char *rel, const void *data, size_t len) {
  char path[1024];
  path_of(path, sizeof path, rel);
  for (char *s = path + strlen(g_dir) + 1; *s; s++) {
    if (*s == '/') {
      *s = '\0';
      mkdir(path, 0700);
      *s = '/';
    }
  }
  tu_write_file(path, data, len);
}

static void write_str(const char *rel, const char *s) {
  write_file(rel, s, strlen(s));
}

/* Gzips DATA into a malloc'd buffer. */
static unsigned char *gzip(const void *data, size_t len, size_t *outlen) {
  z_stream z = {0};
  assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
                                Z_DEFAULT_STRATEGY), Z_OK);
  size_t cap = deflateBound(&z, (uLong)len) + 64;
  unsigned char *out = malloc(cap);
  assert_non_null(out);
  z.next_in = (Bytef *)data;
  z.avail_in = (uInt)len;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
  *outlen = cap - z.avail_out;
  deflateEnd(&z);
  return out;
}

static int setup(void **state) {
  (void)state;
  return tu_mkdtemp(g_dir, sizeof g_dir, "casus_read");
}

static int teardown(void **state) {
  (void)state;
  tu_rm_rf(g_dir);
  return 0;
}

static char *hash_id(const char *text) {
  static char id[24];
  snprintf(id, sizeof id, "h%016llx",
           (unsigned long long)casus__hash(text, strlen(text)));
  return id;
}

/* -------------------------------------------------------------- dates */

static void test_dates(void **state) {
  (void)state;
  static const struct {
    const char *in;
    const char *want;  /* NULL: rejected */
  } T[] = {
    {"2024-01-18", "2024-01-18"},
    {"  2024-01-18 ", "2024-01-18"},
    {"2024-01-18T10:00:00Z", "2024-01-18"},
    {"2024-01-18T23:30:00+05:00", "2024-01-18"},
    {"2024-01-18T00:10:00-0800", "2024-01-18"},
    {"2024-01-18T10:00:00.123456+05:30", "2024-01-18"},
    {"2024-01-18 10:00", "2024-01-18"},
    {"2024-02-29", "2024-02-29"},
    {"2000-02-29T12:00:00Z", "2000-02-29"},
    {"2023-02-29", NULL},
    {"1900-02-29", NULL},
    {"2024-02-30", NULL},
    {"2024-13-45", NULL},
    {"2024-04-31", NULL},
    {"2024-1-18", NULL},
    {"18/01/2024", NULL},
    {"2024-01-18T", NULL},
    {"2024-01-18Tnoon", NULL},
    {"2024-01-18T25:00:00Z", NULL},
    {"2024-01-18T10:61:00Z", NULL},
    {"2024-01-18T10:00:00+5", NULL},
    {"2024-01-18x", NULL},
    {"", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    char out[11];
    bool ok = casus__read_date(T[i].in, out);
    if (ok != (T[i].want != NULL))
      fail_msg("date \"%s\": expected %s", T[i].in,
               T[i].want ? "accepted" : "rejected");
    if (ok)
      check_str(T[i].in, out, T[i].want);
  }
}

/* -------------------------------------------------------------- JSONL */

static void test_jsonl_records(void **state) {
  (void)state;
  static const struct {
    const char *line;
    int rc;
    const char *id, *url, *source, *published, *language, *title, *text;
    const char *msg;  /* substring of err.msg when rc < 0 */
    long col;         /* expected err.col when > 0 */
  } T[] = {
    {"{\"id\":\"a1\",\"url\":\"http://x/1\",\"source\":\"Dawn\","
     "\"published\":\"2024-01-18\",\"language\":\"ur\",\"title\":\"T\","
     "\"text\":\"Body one.\"}",
     CASUS_OK, "a1", "http://x/1", "Dawn", "2024-01-18", "ur", "T",
     "Body one.", NULL, 0},
    {"{\"id\":\"a2\",\"published\":\"2024-01-18T10:00:00Z\",\"text\":\"B\"}",
     CASUS_OK, "a2", NULL, NULL, "2024-01-18", "en", NULL, "B", NULL, 0},
    {"{\"id\":\"a3\",\"published\":\"2024-01-18T23:30:00+05:00\","
     "\"text\":\"C\",\"url\":null,\"title\":null,\"source\":null,"
     "\"language\":null}",
     CASUS_OK, "a3", NULL, NULL, "2024-01-18", "en", NULL, "C", NULL, 0},
    {"{\"id\":42,\"published\":\"2024-01-18\",\"text\":\"D\"}", CASUS_OK,
     "42", NULL, NULL, "2024-01-18", "en", NULL, "D", NULL, 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"Derived id text.\"}",
     CASUS_OK, "#hash", NULL, NULL, "2024-01-18", "en", NULL,
     "Derived id text.", NULL, 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"caf\\u00e9 \\u201cq\\u201d\"}",
     CASUS_OK, "#hash", NULL, NULL, "2024-01-18", "en", NULL,
     "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", NULL, 0},
    {"{\"text\": \"a\",", CASUS_EPARSE, 0, 0, 0, 0, 0, 0, 0,
     "invalid JSON at column", 13},
    {"{\"text\": \"a\" \"b\"}", CASUS_EPARSE, 0, 0, 0, 0, 0, 0, 0,
     "invalid JSON at column", 0},
    {"[1,2]", CASUS_EPARSE, 0, 0, 0, 0, 0, 0, 0, "not a JSON object", 0},
    {"{\"published\":\"2024-01-18\"}", CASUS_EFIELD, 0, 0, 0, 0, 0, 0, 0,
     "missing field \"text\"", 0},
    {"{\"published\":\"2024-01-18\",\"text\":null}", CASUS_EFIELD, 0, 0, 0,
     0, 0, 0, 0, "missing field \"text\"", 0},
    {"{\"published\":\"2024-01-18\",\"text\":12}", CASUS_EFIELD, 0, 0, 0, 0,
     0, 0, 0, "field \"text\" must be a string", 0},
    {"{\"published\":\"2024-01-18\",\"text\":[\"a\"]}", CASUS_EFIELD, 0, 0,
     0, 0, 0, 0, 0, "field \"text\" must be a string", 0},
    {"{\"published\":\"2024-01-18\",\"text\":\" \\n\\t \"}", CASUS_EEMPTY, 0,
     0, 0, 0, 0, 0, 0, "field \"text\" is empty", 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"x\",\"url\":5}", CASUS_EFIELD,
     0, 0, 0, 0, 0, 0, 0, "field \"url\" must be a string", 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"x\",\"id\":{}}", CASUS_EFIELD,
     0, 0, 0, 0, 0, 0, 0, "field \"id\"", 0},
    {"{\"published\":\"2024-02-30\",\"text\":\"x\"}", CASUS_EDATE, 0, 0, 0,
     0, 0, 0, 0, "field \"published\": \"2024-02-30\" is not a valid date",
     0},
    {"{\"published\":\"2024-13-45\",\"text\":\"x\"}", CASUS_EDATE, 0, 0, 0,
     0, 0, 0, 0, "\"2024-13-45\" is not a valid date", 0},
    {"{\"published\":20240118,\"text\":\"x\"}", CASUS_EDATE, 0, 0, 0, 0, 0,
     0, 0, "field \"published\" must be a date string", 0},
    {"{\"text\":\"x\"}", CASUS_EDATE, 0, 0, 0, 0, 0, 0, 0,
     "missing field \"published\"", 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"bad \xff\xfe utf8\"}",
     CASUS_EUTF8, 0, 0, 0, 0, 0, 0, 0, "invalid JSON", 0},
    {"{\"published\":\"2024-01-18\",\"text\":\"nul \\u0000\"}", CASUS_EPARSE,
     0, 0, 0, 0, 0, 0, 0, "invalid JSON", 0},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    char buf[512];
    snprintf(buf, sizeof buf, "%s\n", T[i].line);
    run *r = read_mem(buf, strlen(buf), "rows.jsonl", NULL);
    item *it = &r->it[0];
    if (it->rc != T[i].rc)
      fail_msg("row %zu: rc %d, want %d (%s)", i, it->rc, T[i].rc,
               it->e.msg);
    if (T[i].rc == CASUS_OK) {
      casus_article *a = it->a;
      const char *id = strcmp(T[i].id, "#hash") ? T[i].id
                                                 : hash_id(T[i].text);
      check_str("id", a->id, id);
      check_str("url", a->url, T[i].url);
      check_str("source", a->source, T[i].source);
      check_str("published", a->published, T[i].published);
      check_str("language", a->language, T[i].language);
      check_str("title", a->title, T[i].title);
      check_str("text", a->text, T[i].text);
      assert_int_equal(a->text_len, strlen(T[i].text));
      check_str("origin", a->origin, "rows.jsonl:1");
    } else {
      check_has("msg", it->e.msg, T[i].msg);
      check_str("file", it->e.file, "rows.jsonl");
      assert_int_equal(it->e.line, 1);
      assert_int_equal(it->e.code, T[i].rc);
      if (T[i].col)
        assert_int_equal(it->e.col, T[i].col);
    }
    assert_int_equal(r->it[1].rc, CASUS_DONE);
    assert_int_equal(r->n, 2);
    run_free(r);
  }
}

/* A stream of good and bad lines: each bad one is reported with its line
 * and reading goes on with the next. */
static void test_jsonl_stream(void **state) {
  (void)state;
  static const char in[] =
    "{\"id\":\"1\",\"published\":\"2024-01-18\",\"text\":\"one\"}\n"
    "\n"
    "   \n"
    "{\"id\":\"2\",\"published\":\"2024-01-18\",\"text\":oops}\n"
    "{\"id\":\"3\",\"published\":\"2024-01-19\",\"text\":\"three\"}\r\n"
    "{\"id\":\"4\",\"published\":\"2024-01-18\"}\n"
    "{\"id\":\"5\",\"published\":\"2024-01-18\",\"text\":\"nul\0\"}\n"
    "{\"id\":\"6\",\"published\":\"2024-01-20\",\"text\":\"six\"}";
  static const struct {
    int rc;
    long line;
    const char *id;
  } WANT[] = {
    {CASUS_OK, 1, "1"},      {CASUS_EPARSE, 4, NULL},
    {CASUS_OK, 5, "3"},      {CASUS_EFIELD, 6, NULL},
    {CASUS_EBINARY, 7, NULL}, {CASUS_OK, 8, "6"},
    {CASUS_DONE, 0, NULL},
  };
  casus_read_opts o = {.source = "Default Outlet"};
  run *r = read_mem(in, sizeof in - 1, "s.jsonl", &o);
  assert_int_equal(r->n, CASUS_ARRAY_LEN(WANT));
  for (size_t i = 0; i < r->n; i++) {
    item *it = &r->it[i];
    if (it->rc != WANT[i].rc)
      fail_msg("item %zu: rc %d want %d (%s)", i, it->rc, WANT[i].rc,
               it->e.msg);
    char origin[32];
    snprintf(origin, sizeof origin, "s.jsonl:%ld", WANT[i].line);
    if (it->rc == CASUS_OK) {
      check_str("id", it->a->id, WANT[i].id);
      check_str("origin", it->a->origin, origin);
      check_str("source", it->a->source, "Default Outlet");
    } else if (it->rc < 0) {
      assert_int_equal(it->e.line, WANT[i].line);
      check_str("file", it->e.file, "s.jsonl");
    }
  }
  /* Line 4 starts after line 1 (48 bytes + \n) and two blank lines;
   * jansson reports the bad token "oops" where it ends, at byte 46. */
  assert_int_equal(r->it[1].e.col, 46);
  assert_int_equal(r->it[1].e.offset, 49 + 1 + 4 + 46);
  run_free(r);
}

/* Defaults: language and published come from the options; a default date
 * is normalized and a bad one refused at open. */
static void test_jsonl_defaults(void **state) {
  (void)state;
  static const char in[] = "{\"text\":\"x\"}\n";
  casus_read_opts o = {.language = "fr",
                       .published = "2024-01-18T12:00:00+01:00"};
  run *r = read_mem(in, sizeof in - 1, "d.jsonl", &o);
  assert_int_equal(r->it[0].rc, CASUS_OK);
  check_str("language", r->it[0].a->language, "fr");
  check_str("published", r->it[0].a->published, "2024-01-18");
  run_free(r);

  static const struct {
    casus_read_opts o;
    int rc;
  } BAD[] = {
    {{.published = "2024-02-30"}, CASUS_EDATE},
    {{.format = "xml"}, CASUS_EINVAL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(BAD); i++) {
    casus_reader *rd = NULL;
    casus_error e;
    assert_int_equal(casus_reader_open_mem(in, 3, "x", &BAD[i].o, &rd, &e),
                     BAD[i].rc);
    assert_null(rd);
    assert_true(e.msg[0] != '\0');
  }
}

/* Tracks the largest single allocation (to show a huge line is never
 * stored whole). */
static size_t g_biggest;

static void *big_malloc(size_t n) {
  if (n > g_biggest)
    g_biggest = n;
  return malloc(n);
}

static void *big_realloc(void *p, size_t n) {
  if (n > g_biggest)
    g_biggest = n;
  return realloc(p, n);
}

static void test_huge_line(void **state) {
  (void)state;
  size_t big = (size_t)50 << 20;
  static const char good[] =
    "{\"id\":\"g\",\"published\":\"2024-01-18\",\"text\":\"after\"}\n";
  char *buf = malloc(big + sizeof good);
  assert_non_null(buf);
  memcpy(buf, "{\"text\":\"", 9);
  memset(buf + 9, 'a', big - 9);
  buf[big - 1] = '\n';
  memcpy(buf + big, good, sizeof good - 1);
  write_file("huge.jsonl", buf, big + sizeof good - 1);
  free(buf);

  char path[1024];
  path_of(path, sizeof path, "huge.jsonl");
  g_biggest = 0;
  casus_set_allocator(big_malloc, big_realloc, NULL);
  run *r = read_path(path, NULL);
  casus_set_allocator(NULL, NULL, NULL);
  assert_int_equal(r->n, 3);
  assert_int_equal(r->it[0].rc, CASUS_ETOOBIG);
  assert_int_equal(r->it[0].e.line, 1);
  check_str("msg", r->it[0].e.msg, "line exceeds the 16 MiB record limit");
  check_str("file", r->it[0].e.file, path);
  assert_int_equal(r->it[1].rc, CASUS_OK);
  check_str("id", r->it[1].a->id, "g");
  check_str("text", r->it[1].a->text, "after");
  assert_int_equal(r->it[2].rc, CASUS_DONE);
  assert_true(g_biggest <= ((size_t)16 << 20) + 1);
  run_free(r);

  /* The cap is an option; the same holds for a small one. */
  static const char small[] =
    "{\"published\":\"2024-01-18\",\"text\":\"0123456789012345678901234\"}\n"
    "{\"published\":\"2024-01-18\",\"text\":\"ok\"}\n";
  casus_read_opts o = {.max_record = 48};
  r = read_mem(small, sizeof small - 1, "m.jsonl", &o);
  assert_int_equal(r->it[0].rc, CASUS_ETOOBIG);
  check_str("msg", r->it[0].e.msg, "line exceeds the 48 bytes record limit");
  assert_int_equal(r->it[1].rc, CASUS_OK);
  check_str("text", r->it[1].a->text, "ok");
  run_free(r);
}

/* A .json file: one object, an array, or JSON Lines. */
static void test_json_doc(void **state) {
  (void)state;
  static const struct {
    const char *in;
    int rc[4];
    const char *ids[4];
  } T[] = {
    {"{\n  \"id\": \"one\",\n  \"published\": \"2024-01-18\",\n"
     "  \"text\": \"pretty\"\n}\n",
     {CASUS_OK, CASUS_DONE}, {"one"}},
    {"[{\"id\":\"a\",\"published\":\"2024-01-18\",\"text\":\"x\"},\n"
     " {\"id\":\"b\",\"published\":\"2024-01-18\"},\n"
     " {\"id\":\"c\",\"published\":\"2024-01-18\",\"text\":\"z\"}]",
     {CASUS_OK, CASUS_EFIELD, CASUS_OK, CASUS_DONE}, {"a", NULL, "c"}},
    {"{\"id\":\"l1\",\"published\":\"2024-01-18\",\"text\":\"x\"}\n"
     "{\"id\":\"l2\",\"published\":\"2024-01-18\",\"text\":\"y\"}\n",
     {CASUS_OK, CASUS_OK, CASUS_DONE}, {"l1", "l2"}},
    {"[{\"id\":\"a\",", {CASUS_EPARSE, CASUS_DONE}, {NULL}},
    {"[]", {CASUS_EEMPTY, CASUS_DONE}, {NULL}},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    run *r = read_mem(T[i].in, strlen(T[i].in), "doc.json", NULL);
    for (size_t k = 0; k < r->n; k++) {
      if (r->it[k].rc != T[i].rc[k])
        fail_msg("row %zu item %zu: rc %d want %d (%s)", i, k, r->it[k].rc,
                 T[i].rc[k], r->it[k].e.msg);
      if (r->it[k].rc == CASUS_OK)
        check_str("id", r->it[k].a->id, T[i].ids[k]);
      if (r->it[k].rc == CASUS_DONE)
        break;
    }
    if (T[i].rc[1] == CASUS_EFIELD)
      assert_int_equal(r->it[1].e.line, 2);
    run_free(r);
  }
}

/* ---------------------------------------------------------------- txt */

static void test_txt(void **state) {
  (void)state;
  static const char body[] =
    "Pakistan strikes Iran\n\nPakistan launched strikes on Thursday.\n"
    "Second paragraph.\n";
  write_str("txt/000_abc.txt", body);
  write_str("txt/notitle.txt", "One long line\nstraight into text.\n");
  write_str("txt/empty.txt", "  \n\n");
  write_str("txt/latin1.txt", "Caf\xe9 au lait, na\xefve r\xe9sum\xe9.\n");
  static const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03";
  write_file("txt/bin.txt", bin, sizeof bin - 1);
  char path[1024];
  casus_read_opts o = {.published = "2024-01-18T08:00:00Z",
                       .source = "Middle East Eye"};

  path_of(path, sizeof path, "txt/000_abc.txt");
  run *r = read_path(path, &o);
  assert_int_equal(r->n, 2);
  assert_int_equal(r->it[0].rc, CASUS_OK);
  casus_article *a = r->it[0].a;
  check_str("id", a->id, "000_abc");
  check_str("title", a->title, "Pakistan strikes Iran");
  check_str("text", a->text, body);
  check_str("published", a->published, "2024-01-18");
  check_str("source", a->source, "Middle East Eye");
  check_str("language", a->language, "en");
  char origin[1100];
  snprintf(origin, sizeof origin, "%s:1", path);
  check_str("origin", a->origin, origin);
  run_free(r);

  static const struct {
    const char *rel;
    int rc;
    const char *title;  /* for OK */
    const char *msg;    /* for errors */
  } T[] = {
    {"txt/notitle.txt", CASUS_OK, NULL, NULL},
    {"txt/latin1.txt", CASUS_OK, NULL, NULL},
    {"txt/empty.txt", CASUS_EEMPTY, NULL, "empty file"},
    {"txt/bin.txt", CASUS_EBINARY, NULL, "binary"},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    path_of(path, sizeof path, T[i].rel);
    r = read_path(path, &o);
    assert_int_equal(r->n, 2);
    if (r->it[0].rc != T[i].rc)
      fail_msg("%s: rc %d want %d", T[i].rel, r->it[0].rc, T[i].rc);
    if (T[i].rc == CASUS_OK) {
      check_str("title", r->it[0].a->title, T[i].title);
      assert_int_equal(r->it[0].a->text_len, strlen(r->it[0].a->text));
    } else {
      check_has("msg", r->it[0].e.msg, T[i].msg);
      check_str("file", r->it[0].e.file, path);
    }
    assert_int_equal(r->it[1].rc, CASUS_DONE);
    run_free(r);
  }
  /* Latin-1 bytes are kept as read, for the cleaner to repair. */
  path_of(path, sizeof path, "txt/latin1.txt");
  r = read_path(path, &o);
  check_str("text", r->it[0].a->text,
            "Caf\xe9 au lait, na\xefve r\xe9sum\xe9.\n");
  run_free(r);

  /* No date anywhere: an error that names the file and the option. */
  path_of(path, sizeof path, "txt/000_abc.txt");
  r = read_path(path, NULL);
  assert_int_equal(r->it[0].rc, CASUS_EDATE);
  check_has("msg", r->it[0].e.msg, "--published");
  check_has("msg", r->it[0].e.msg, "000_abc.txt");
  check_str("file", r->it[0].e.file, path);
  assert_int_equal(r->it[1].rc, CASUS_DONE);
  run_free(r);
}

/* --------------------------------------------------------------- html */

static const char HTML1[] =
  "<!DOCTYPE html><html lang=\"en-GB\"><head>"
  "<meta charset=\"utf-8\">"
  "<title>Site | Strikes</title>"
  "<meta property=\"og:title\" content=\"  Pakistan  strikes Iran \">"
  "<meta property=\"og:site_name\" content=\"Dawn\">"
  "<meta property=\"og:url\" content=\"https://dawn.com/og\">"
  "<link rel=\"canonical\" href=\"https://dawn.com/canon\">"
  "<meta property=\"article:published_time\" "
  "content=\"2024-01-18T09:15:00+05:00\">"
  "<script>var x = '<p>no</p>';</script>"
  "</head><body><header><p>Site header</p></header>"
  "<nav><p>Menu</p></nav>"
  "<article><h1>Headline</h1>"
  "<p>First   paragraph,\n  with <b>bold</b>\xc2\xa0text.</p>"
  "<aside><p>Related story</p></aside>"
  "<h2>Sub head</h2>"
  "<ul><li>Item one</li><li>Item <i>two</i></li></ul>"
  "<script>document.write('x')</script>"
  "<p>Second<br>line.</p><form><p>Subscribe</p></form>"
  "</article><footer><p>Copyright</p></footer></body></html>";

static const char HTML2[] =
  "<html><head><title> JSON-LD  page </title>"
  "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
  "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"X\"},"
  "{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-01-17T22:00:00Z\"}]}"
  "</script></head><body><div class=\"menu\"><p>Home</p></div>"
  "<main><p>Main text.</p><li>main item</li></main>"
  "<p>Outside main.</p></body></html>";

static const char HTML3[] =
  "<html><body><h1>First <em>H1</em></h1>"
  "<p>Posted <time datetime=\"2024-01-16\">Tuesday</time></p>"
  "<p>Body text.</p><ul><li>menu item</li></ul></body></html>";

static const char HTML4[] =
  "<html><body><div>No paragraphs here.</div><div>Just divs.</div>"
  "</body></html>";

static const char HTML5[] = "<html><head><title>x</title></head>"
                            "<body><script>a()</script></body></html>";

static const char HTML6[] =
  "<html><head><meta property=\"article:published_time\" "
  "content=\"2024-02-30\"></head><body><p>Bad date page.</p></body></html>";

static void test_html(void **state) {
  (void)state;
  static const struct {
    const char *html;
    const char *published_opt;
    int rc;
    const char *title, *published, *source, *url, *language, *text;
    const char *msg;
  } T[] = {
    {HTML1, NULL, CASUS_OK, "Pakistan strikes Iran", "2024-01-18", "Dawn",
     "https://dawn.com/canon", "en",
     "First paragraph, with bold text.\nSub head\nItem one\nItem two\n"
     "Second line.",
     NULL},
    {HTML2, NULL, CASUS_OK, "JSON-LD page", "2024-01-17", NULL, NULL, "en",
     "Main text.\nmain item", NULL},
    {HTML3, NULL, CASUS_OK, "First H1", "2024-01-16", NULL, NULL, "en",
     "Posted Tuesday\nBody text.", NULL},
    {HTML4, "2024-03-01", CASUS_OK, NULL, "2024-03-01", NULL, NULL, "en",
     "No paragraphs here.\nJust divs.", NULL},
    {HTML4, NULL, CASUS_EDATE, 0, 0, 0, 0, 0, 0,
     "no publication date in page"},
    {HTML5, "2024-03-01", CASUS_EEMPTY, 0, 0, 0, 0, 0, 0, "no article text"},
    {HTML6, NULL, CASUS_EDATE, 0, 0, 0, 0, 0, 0,
     "\"2024-02-30\" is not a valid date"},
    {HTML6, "2024-03-02", CASUS_OK, NULL, "2024-03-02", NULL, NULL, "en",
     "Bad date page.", NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    casus_read_opts o = {.published = T[i].published_opt};
    run *r = read_mem(T[i].html, strlen(T[i].html), "page.html", &o);
    item *it = &r->it[0];
    if (it->rc != T[i].rc)
      fail_msg("row %zu: rc %d want %d (%s)", i, it->rc, T[i].rc, it->e.msg);
    if (it->rc == CASUS_OK) {
      check_str("title", it->a->title, T[i].title);
      check_str("published", it->a->published, T[i].published);
      check_str("source", it->a->source, T[i].source);
      check_str("url", it->a->url, T[i].url);
      check_str("language", it->a->language, T[i].language);
      check_str("text", it->a->text, T[i].text);
      check_str("id", it->a->id, "page");
      check_str("origin", it->a->origin, "page.html:1");
    } else {
      check_has("msg", it->e.msg, T[i].msg);
      check_str("file", it->e.file, "page.html");
    }
    assert_int_equal(r->it[1].rc, CASUS_DONE);
    run_free(r);
  }
}

/* ----------------------------------------------------------------- gz */

static void test_gzip(void **state) {
  (void)state;
  static const char lines[] =
    "{\"id\":\"z1\",\"published\":\"2024-01-18\",\"text\":\"one\"}\n"
    "{\"id\":\"z2\",\"published\":\"2024-01-18\",\"text\":\"two\"}\n";
  size_t zn;
  unsigned char *z = gzip(lines, sizeof lines - 1, &zn);
  write_file("gz/a.jsonl.gz", z, zn);
  write_file("gz/sniffed.gz", z, zn);
  run *r = read_mem((const char *)z, zn, "mem.jsonl.gz", NULL);
  assert_int_equal(r->n, 3);
  check_str("id", r->it[0].a->id, "z1");
  check_str("id", r->it[1].a->id, "z2");
  check_str("origin", r->it[1].a->origin, "mem.jsonl.gz:2");
  run_free(r);
  /* Two gzip members in a row read as one stream. */
  unsigned char *two = malloc(2 * zn);
  assert_non_null(two);
  memcpy(two, z, zn);
  memcpy(two + zn, z, zn);
  r = read_mem((const char *)two, 2 * zn, "two.jsonl.gz", NULL);
  assert_int_equal(r->n, 5);
  check_str("origin", r->it[3].a->origin, "two.jsonl.gz:4");
  run_free(r);
  free(two);
  free(z);

  static const char *const FILES[] = {"gz/a.jsonl.gz", "gz/sniffed.gz"};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(FILES); i++) {
    char path[1024];
    path_of(path, sizeof path, FILES[i]);
    r = read_path(path, NULL);
    assert_int_equal(r->n, 3);
    check_str("text", r->it[1].a->text, "two");
    run_free(r);
  }

  /* A .txt.gz is one article named after the file. */
  static const char txt[] = "Gzipped text body.\n";
  z = gzip(txt, sizeof txt - 1, &zn);
  casus_read_opts o = {.published = "2024-01-18"};
  r = read_mem((const char *)z, zn, "story.txt.gz", &o);
  assert_int_equal(r->it[0].rc, CASUS_OK);
  check_str("id", r->it[0].a->id, "story");
  check_str("text", r->it[0].a->text, txt);
  run_free(r);
  free(z);
}

/* A truncated .gz yields its complete records, then ETRUNC; a corrupt one
 * an error naming the file. */
static void test_gzip_truncated(void **state) {
  (void)state;
  size_t nlines = 4000, cap = nlines * 120, len = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (size_t i = 0; i < nlines; i++)
    len += (size_t)snprintf(buf + len, cap - len,
                            "{\"id\":\"r%zu\",\"published\":\"2024-01-18\","
                            "\"text\":\"record %zu %llx\"}\n",
                            i + 1, i + 1,
                            (unsigned long long)casus__hash(&i, sizeof i));
  size_t zn;
  unsigned char *z = gzip(buf, len, &zn);
  free(buf);
  write_file("trunc/cut.jsonl.gz", z, zn / 2);
  char path[1024];
  path_of(path, sizeof path, "trunc/cut.jsonl.gz");

  static const struct {
    int cut;      /* 0: half, 1: 3/4, 2: the 8-byte trailer, 3: none */
    int flip;     /* corrupt 64 bytes in the middle */
    int want1;
    int want2;    /* alternative accepted code */
    bool all;     /* every record was complete */
  } T[] = {
    {0, 0, CASUS_ETRUNC, CASUS_ETRUNC, false},
    {1, 0, CASUS_ETRUNC, CASUS_ETRUNC, false},
    {2, 0, CASUS_ETRUNC, CASUS_ETRUNC, true},
    {3, 1, CASUS_EPARSE, CASUS_ETRUNC, false},
  };
  for (size_t t = 0; t < CASUS_ARRAY_LEN(T); t++) {
    static const size_t NUM[] = {1, 3, 0, 1}, DEN[] = {2, 4, 1, 1};
    size_t keep = T[t].cut == 2 ? zn - 8 : zn * NUM[T[t].cut] / DEN[T[t].cut];
    unsigned char *copy = malloc(keep);
    assert_non_null(copy);
    memcpy(copy, z, keep);
    if (T[t].flip)
      for (size_t k = zn / 2; k < zn / 2 + 64; k++)
        copy[k] ^= 0x5a;
    write_file("trunc/cut.jsonl.gz", copy, keep);
    free(copy);
    casus_reader *r = NULL;
    casus_error e;
    assert_int_equal(casus_reader_open(path, NULL, &r, &e), CASUS_OK);
    size_t ok = 0;
    int rc, last = 0;
    casus_article *a;
    casus_error le = {0};
    /* Corrupt data may inflate to garbage lines before zlib notices:
     * those are JSON errors; the last error must be about the gzip. */
    while ((rc = casus_reader_next(r, &a, &e)) != CASUS_DONE) {
      if (rc < 0) {
        last = rc;
        le = e;
        continue;
      }
      char want[32];
      snprintf(want, sizeof want, "r%zu", ok + 1);
      if (!last) {
        ok++;
        check_str("id", a->id, want);
        check_has("text", a->text, "record ");
      }
      casus_article_free(a);
    }
    if (last != T[t].want1 && last != T[t].want2)
      fail_msg("case %zu: rc %d (%s) after %zu records", t, last, le.msg,
               ok);
    check_str("file", le.file, path);
    check_has("msg", le.msg, "gzip");
    if (ok == 0 || (ok == nlines) != T[t].all)
      fail_msg("case %zu: %zu records of %zu", t, ok, nlines);
    assert_int_equal(casus_reader_next(r, &a, &e), CASUS_DONE);
    casus_reader_close(r);
  }
  free(z);
}

/* ---------------------------------------------------------- directory */

static void test_directory(void **state) {
  (void)state;
  write_str("tree/b.jsonl",
            "{\"id\":\"b1\",\"published\":\"2024-01-18\",\"text\":\"x\"}\n"
            "{\"id\":\"b2\",\"published\":\"2024-01-18\",\"text\":\"y\"}\n");
  write_str("tree/a.txt", "Plain text.\n");
  write_str("tree/c.json",
            "[{\"id\":\"c1\",\"published\":\"2024-01-18\",\"text\":\"x\"}]");
  write_str("tree/notes.md", "# not an article\n");
  write_str("tree/.hidden.txt", "hidden\n");
  write_str("tree/.git/x.jsonl", "{}\n");
  write_str("tree/sub/c.html",
            "<html><body><p>Html body.</p></body></html>");
  write_str("tree/sub/deeper/e.ndjson",
            "{\"id\":\"e1\",\"published\":\"2024-01-18\",\"text\":\"x\"}\n");
  write_str("tree/sub/empty.jsonl", "");
  static const char zt[] = "Zipped.\n";
  size_t zn;
  unsigned char *z = gzip(zt, sizeof zt - 1, &zn);
  write_file("tree/sub/z.txt.gz", z, zn);
  free(z);
  char path[1024];
  path_of(path, sizeof path, "tree/void");
  assert_int_equal(mkdir(path, 0700), 0);

  static const struct {
    int rc;
    const char *rel;  /* origin (OK) or err.file (errors), under tree/ */
  } WANT[] = {
    {CASUS_OK, "a.txt:1"},
    {CASUS_OK, "b.jsonl:1"},
    {CASUS_OK, "b.jsonl:2"},
    {CASUS_OK, "c.json:1"},
    {CASUS_OK, "sub/c.html:1"},
    {CASUS_OK, "sub/deeper/e.ndjson:1"},
    {CASUS_EEMPTY, "sub/empty.jsonl"},
    {CASUS_OK, "sub/z.txt.gz:1"},
    {CASUS_DONE, NULL},
  };
  path_of(path, sizeof path, "tree");
  casus_read_opts o = {.published = "2024-01-18"};
  run *r = read_path(path, &o);
  assert_int_equal(r->n, CASUS_ARRAY_LEN(WANT));
  for (size_t i = 0; i < r->n; i++) {
    item *it = &r->it[i];
    if (it->rc != WANT[i].rc)
      fail_msg("item %zu: rc %d want %d (%s)", i, it->rc, WANT[i].rc,
               it->e.msg);
    if (!WANT[i].rel)
      continue;
    char want[1200];
    snprintf(want, sizeof want, "%s/%s", path, WANT[i].rel);
    check_str(it->rc == CASUS_OK ? "origin" : "file",
              it->rc == CASUS_OK ? it->a->origin : it->e.file, want);
  }
  check_str("txt id", r->it[0].a->id, "a");
  check_str("gz text", r->it[7].a->text, "Zipped.\n");
  run_free(r);

  /* A directory with no article files says so once. */
  path_of(path, sizeof path, "tree/void");
  r = read_path(path, &o);
  assert_int_equal(r->n, 2);
  assert_int_equal(r->it[0].rc, CASUS_EEMPTY);
  check_str("file", r->it[0].e.file, path);
  run_free(r);
}

/* --------------------------------------------- stdin, sniffing, misc */

static void test_sniff(void **state) {
  (void)state;
  static const struct {
    const char *in;
    const char *name;
    const char *format;
    int rc;
    const char *text;
  } T[] = {
    {"{\"published\":\"2024-01-18\",\"text\":\"json\"}\n", "<stdin>", NULL,
     CASUS_OK, "json"},
    {"\xef\xbb\xbf{\"published\":\"2024-01-18\",\"text\":\"bom\"}\n",
     "<stdin>", NULL, CASUS_OK, "bom"},
    {"  <html><body><p>markup</p></body></html>", "<stdin>", NULL, CASUS_OK,
     "markup"},
    {"Just words.\n", "<stdin>", NULL, CASUS_OK, "Just words.\n"},
    {"{\"text\":\"forced\"}", "<stdin>", "txt", CASUS_OK,
     "{\"text\":\"forced\"}"},
    {"<p>forced text</p>", "x.html", "txt", CASUS_OK, "<p>forced text</p>"},
    {"Words in a .dat file.", "notes.dat", "auto", CASUS_OK,
     "Words in a .dat file."},
    {"", "<stdin>", NULL, CASUS_EEMPTY, NULL},
    {"", "e.jsonl", NULL, CASUS_EEMPTY, NULL},
    {"\n\n  \n", "e.jsonl", NULL, CASUS_EEMPTY, NULL},
    {"", "e.html", NULL, CASUS_EEMPTY, NULL},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    casus_read_opts o = {.published = "2024-01-18", .format = T[i].format};
    run *r = read_mem(T[i].in, strlen(T[i].in), T[i].name, &o);
    if (r->it[0].rc != T[i].rc)
      fail_msg("row %zu: rc %d want %d (%s)", i, r->it[0].rc, T[i].rc,
               r->it[0].e.msg);
    if (T[i].rc == CASUS_OK)
      check_str("text", r->it[0].a->text, T[i].text);
    else
      check_str("file", r->it[0].e.file, T[i].name);
    assert_int_equal(r->n, 2);
    run_free(r);
  }
}

/* "-" reads standard input, sniffing its format. */
static void test_stdin(void **state) {
  (void)state;
  static const char in[] =
    "{\"id\":\"s1\",\"published\":\"2024-01-18\",\"text\":\"piped\"}\n"
    "not json\n";
  char path[1024];
  write_str("stdin.dat", in);
  path_of(path, sizeof path, "stdin.dat");
  assert_non_null(freopen(path, "rb", stdin));
  run *r = read_path("-", NULL);
  assert_int_equal(r->n, 3);
  assert_int_equal(r->it[0].rc, CASUS_OK);
  check_str("id", r->it[0].a->id, "s1");
  check_str("origin", r->it[0].a->origin, "<stdin>:1");
  assert_int_equal(r->it[1].rc, CASUS_EPARSE);
  check_str("file", r->it[1].e.file, "<stdin>");
  assert_int_equal(r->it[1].e.line, 2);
  run_free(r);
}

/* Binary input: a file that is mostly not text is one error. */
static void test_binary(void **state) {
  (void)state;
  unsigned char bin[4096];
  uint64_t x = 88172645463325252ULL;
  for (size_t i = 0; i < sizeof bin; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    bin[i] = (unsigned char)x;
  }
  bin[0] = '{';
  static const char *const NAMES[] = {"b.jsonl", "b.txt", "b.html"};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(NAMES); i++) {
    casus_read_opts o = {.published = "2024-01-18"};
    run *r = read_mem((const char *)bin, sizeof bin, NAMES[i], &o);
    assert_int_equal(r->n, 2);
    assert_int_equal(r->it[0].rc, CASUS_EBINARY);
    check_str("file", r->it[0].e.file, NAMES[i]);
    run_free(r);
  }
}

static void test_open_errors(void **state) {
  (void)state;
  casus_reader *r = (casus_reader *)&r;
  casus_error e;
  char path[1024];
  path_of(path, sizeof path, "does/not/exist.jsonl");
  assert_int_equal(casus_reader_open(path, NULL, &r, &e), CASUS_EIO);
  assert_null(r);
  check_str("file", e.file, path);
  check_has("msg", e.msg, "cannot open");
  assert_int_equal(casus_reader_open(NULL, NULL, &r, &e), CASUS_EINVAL);
  casus_article *a = NULL;
  assert_int_equal(casus_reader_next(NULL, &a, &e), CASUS_EINVAL);
  casus_reader_close(NULL);
  casus_article_free(NULL);
  a = casus_article_new();
  assert_non_null(a);
  assert_null(a->text);
  casus_article_free(a);
}

/* test_oom fails allocation number N alone (tu_alloc_install_nth) for
 * every N until a run succeeds: each failing run must end cleanly (ASan
 * checks for leaks). */

static int read_all_oom(const char *buf, size_t len, const char *name) {
  casus_reader *r = NULL;
  casus_error e;
  casus_article *a;
  casus_read_opts o = {.published = "2024-01-18", .source = "S"};
  int rc = casus_reader_open_mem(buf, len, name, &o, &r, &e);
  int saw_oom = rc == CASUS_ENOMEM;
  int n = 0;
  while (!rc) {
    rc = casus_reader_next(r, &a, &e);
    if (rc == CASUS_OK) {
      n++;
      casus_article_free(a);
    }
    if (rc == CASUS_ENOMEM)
      saw_oom = 1;
    if (rc < 0 && rc != CASUS_ENOMEM)
      fail_msg("%s: unexpected %d (%s)", name, rc, e.msg);
    if (rc < 0)
      rc = 0;
  }
  casus_reader_close(r);
  return saw_oom ? -1 : n;
}

static void test_oom(void **state) {
  (void)state;
  static const struct {
    const char *in;
    const char *name;
    int articles;
  } T[] = {
    {"{\"id\":\"1\",\"url\":\"u\",\"title\":\"t\",\"published\":"
     "\"2024-01-18\",\"text\":\"x\"}\n{\"text\":\"y\"}\n",
     "o.jsonl", 2},
    {"Title\n\nBody.\n", "o.txt", 1},
    {HTML1, "o.html", 1},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(T); i++) {
    int got = -1;
    long fails = 0;
    for (long n = 0; got < 0 && n < 499; n++) {
      tu_alloc_install_nth(n);
      got = read_all_oom(T[i].in, strlen(T[i].in), T[i].name);
      tu_alloc_restore();
      if (got < 0)
        fails++;
    }
    assert_int_equal(got, T[i].articles);
    assert_true(fails > 3);
  }
}

/* casus_reader_next_record + casus_record_article (records parsed after
 * the reader is closed, as the CLI's workers do) give exactly what
 * casus_reader_next gives: the same articles, the same errors at the same
 * FILE:LINE:COL and offset, in the same order. */
static void test_records(void **state) {
  (void)state;
  static const struct {
    const char *name, *data;
    size_t nrec;  /* results before DONE, on both paths */
  } T[] = {
    {"a.jsonl",
     "{\"id\":\"a1\",\"published\":\"2024-01-18\",\"title\":\"T\","
     "\"text\":\"Body one.\"}\n\n{\"text\": \"a\",\n"
     "{\"published\":\"2024-01-18\",\"text\":\"Hashed.\"}\n"
     "[1]\n{\"id\":\"x\",\"published\":\"no date\",\"text\":\"T\"}\n",
     5},
    {"b.jsonl", "\xef\xbb\xbf{\"id\":\"bom\",\"text\":\"B\"}\r\n", 1},
    {"c.txt", "A plain text article.\n", 1},
    {"d.json", "[{\"id\":\"j1\",\"text\":\"J\"},{\"text\":1}]", 2},
    {"e.jsonl", "", 1},
  };
  casus_read_opts ro = {"2024-02-01", "Wire", NULL, NULL, 0};
  for (size_t t = 0; t < sizeof T / sizeof T[0]; t++) {
    size_t len = strlen(T[t].data);
    run *want = read_mem(T[t].data, len, T[t].name, &ro);
    casus_reader *r = NULL;
    casus_error e;
    assert_int_equal(
        casus_reader_open_mem(T[t].data, len, T[t].name, &ro, &r, &e),
        CASUS_OK);
    casus_record *recs[MAXITEMS] = {0};
    int rcs[MAXITEMS];
    casus_error errs[MAXITEMS];
    size_t n = 0;
    for (;;) {
      assert_true(n < MAXITEMS);
      rcs[n] = casus_reader_next_record(r, &recs[n], &errs[n]);
      if (rcs[n] == CASUS_DONE)
        break;
      n++;
    }
    casus_reader_close(r);
    assert_int_equal(n, T[t].nrec);
    assert_int_equal(want->n, n + 1);
    for (size_t i = 0; i < n; i++) {
      const item *w = &want->it[i];
      casus_article *a = NULL;
      int rc = rcs[i];
      if (!rc) {
        assert_non_null(recs[i]);
        rc = casus_record_article(recs[i], &a, &errs[i]);
      } else {
        assert_null(recs[i]);
      }
      assert_int_equal(rc, w->rc);
      if (rc) {
        check_str("msg", errs[i].msg, w->e.msg);
        check_str("file", errs[i].file, w->e.file);
        assert_int_equal(errs[i].line, w->e.line);
        assert_int_equal(errs[i].col, w->e.col);
        assert_true(errs[i].offset == w->e.offset);
      } else {
        check_str("id", a->id, w->a->id);
        check_str("title", a->title, w->a->title);
        check_str("text", a->text, w->a->text);
        check_str("published", a->published, w->a->published);
        check_str("source", a->source, w->a->source);
        check_str("language", a->language, w->a->language);
        check_str("origin", a->origin, w->a->origin);
      }
      casus_article_free(a);
      casus_record_free(recs[i]);
    }
    run_free(want);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_jsonl_records),
    cmocka_unit_test(test_jsonl_stream),
    cmocka_unit_test(test_jsonl_defaults),
    cmocka_unit_test(test_huge_line),
    cmocka_unit_test(test_json_doc),
    cmocka_unit_test(test_txt),
    cmocka_unit_test(test_html),
    cmocka_unit_test(test_gzip),
    cmocka_unit_test(test_gzip_truncated),
    cmocka_unit_test(test_directory),
    cmocka_unit_test(test_sniff),
    cmocka_unit_test(test_stdin),
    cmocka_unit_test(test_binary),
    cmocka_unit_test(test_open_errors),
    cmocka_unit_test(test_oom),
    cmocka_unit_test(test_records),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
