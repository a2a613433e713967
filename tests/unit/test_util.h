/* test_util.h -- helpers shared by the unit tests.
 *
 * A counting allocator that can fail allocations (every one from the Nth
 * on, or the Nth alone) for OOM tests and leak checks; temporary files and
 * directories; the shared seed articles; one engine opened per test file
 * (cmocka group setup), and a helper that runs a synthetic article through
 * casus_doc_process.  Everything is static inline so that a test file may
 * use any subset without unused-function warnings.  Include after
 * <cmocka.h>. */
#ifndef CASUS_TEST_UTIL_H
#define CASUS_TEST_UTIL_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "casus_int.h"
#include "../../fuzz/fuzz_tmp.h" /* fz_rm_rf */

/* Tests build public structs with positional literals that leave out the
 * fields the structs gained later (zero: what per-article events hold). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* ------------------------------------------------------- failing malloc */

/* State of the test allocator: the calls numbered (from 0) in
 * [tu_fail_first, tu_fail_end) fail, the others succeed (tu_fail_first -1:
 * none fails); live blocks; total calls since install. */
static long tu_fail_first = -1;
static long tu_fail_end = -1;
static long tu_live;
static long tu_calls;

static inline bool tu_should_fail(void) {
  long i = tu_calls++;
  return tu_fail_first >= 0 && i >= tu_fail_first &&
         (tu_fail_end < 0 || i < tu_fail_end);
}

static inline void *tu_malloc(size_t n) {
  if (tu_should_fail())
    return NULL;
  void *p = malloc(n);
  if (p)
    tu_live++;
  return p;
}

static inline void *tu_realloc(void *p, size_t n) {
  if (tu_should_fail())
    return NULL;
  void *q = realloc(p, n);
  if (q && !p)
    tu_live++;
  return q;
}

static inline void tu_free(void *p) {
  if (p)
    tu_live--;
  free(p);
}

/* Installs the counting allocator failing the calls numbered (from 0)
 * [FIRST, END) (FIRST -1: none; END -1: no end).  Resets the counters. */
static inline void tu_alloc_install_range(long first, long end) {
  tu_fail_first = first;
  tu_fail_end = end;
  tu_live = 0;
  tu_calls = 0;
  casus_set_allocator(tu_malloc, tu_realloc, tu_free);
}

/* Installs the counting allocator; it fails every allocation after the
 * first FAIL_AFTER ones (-1: never).  Resets the counters. */
static inline void tu_alloc_install(long fail_after) {
  tu_alloc_install_range(fail_after, -1);
}

/* Installs the counting allocator; it fails only allocation number N
 * (counted from 0; -1: none) and lets every other one succeed.  Resets the
 * counters. */
static inline void tu_alloc_install_nth(long n) {
  tu_alloc_install_range(n, n < 0 ? -1 : n + 1);
}

/* Restores the system allocator. */
static inline void tu_alloc_restore(void) {
  casus_set_allocator(NULL, NULL, NULL);
  tu_fail_first = -1;
  tu_fail_end = -1;
}

/* ------------------------------------------------------------ temp files */

/* Writes PREFIX's path in $TMPDIR (default /tmp) followed by "_XXXXXX" to
 * OUT[CAP].  Returns 0, or -1 when it does not fit. */
static inline int tu_tmp_template(char *out, size_t cap, const char *prefix) {
  const char *tmp = getenv("TMPDIR");
  int n = snprintf(out, cap, "%s/%s_XXXXXX", tmp && tmp[0] ? tmp : "/tmp",
                   prefix);
  return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* Creates a fresh directory PREFIX_XXXXXX in $TMPDIR (default /tmp) and
 * writes its path to OUT[CAP].  Returns 0 or -1; no cmocka assertion, so
 * that group and test setups may call it. */
static inline int tu_mkdtemp(char *out, size_t cap, const char *prefix) {
  if (tu_tmp_template(out, cap, prefix))
    return -1;
  return mkdtemp(out) ? 0 : -1;
}

/* Creates a fresh empty file PREFIX_XXXXXX in $TMPDIR (default /tmp) and
 * writes its path to OUT[CAP]; the test fails when it cannot.  The caller
 * removes it. */
static inline void tu_mkstemp(char *out, size_t cap, const char *prefix) {
  assert_int_equal(tu_tmp_template(out, cap, prefix), 0);
  int fd = mkstemp(out);
  assert_true(fd >= 0);
  close(fd);
}

/* Removes PATH: a file, or a directory with everything below it (the
 * fuzz targets' fz_rm_rf). */
static inline void tu_rm_rf(const char *path) { fz_rm_rf(path); }

/* Writes DATA[0..LEN) to PATH, replacing it; the test fails on error. */
static inline void tu_write_file(const char *path, const void *data,
                                 size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f)
    fail_msg("cannot write %s", path);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

/* Writes the string S to PATH, replacing it; the test fails on error. */
static inline void tu_write_str(const char *path, const char *s) {
  tu_write_file(path, s, strlen(s));
}

/* Returns the byte offset of NEEDLE in HAY; the test fails if absent. */
static inline uint32_t tu_off(const char *hay, const char *needle) {
  const char *p = strstr(hay, needle);
  if (!p)
    fail_msg("\"%s\" not found", needle);
  return (uint32_t)(p - hay);
}

/* ----------------------------------------------------------------- seeds */

#define TU_SEEDS CASUS_SHARED "/seeds/seeds.jsonl"

/* Returns the seed articles of shared/seeds, one JSON object per line, as
 * a JSON array (the caller json_decref's it).  The test fails when the
 * file cannot be read or a non-empty line is not a JSON object. */
static inline json_t *tu_seeds(void) {
  FILE *f = fopen(TU_SEEDS, "r");
  if (!f)
    fail_msg("cannot open %s", TU_SEEDS);
  json_t *all = json_array();
  assert_non_null(all);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  long lineno = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    lineno++;
    if (line[0] == '\n')
      continue;
    json_error_t jerr;
    json_t *j = json_loadb(line, (size_t)n, 0, &jerr);
    if (!json_is_object(j))
      fail_msg("%s:%ld: not a JSON object: %s", TU_SEEDS, lineno, jerr.text);
    assert_int_equal(json_array_append_new(all, j), 0);
  }
  free(line);
  fclose(f);
  return all;
}

/* --------------------------------------------------------------- engine */

/* cmocka group setup: opens the engine from the built data directory into
 * *STATE.  Returns 0, or -1 (the group fails) when it cannot be opened. */
static inline int tu_engine_setup(void **state) {
  casus_engine *e = NULL;
  casus_error err;
  int rc = casus_engine_open(CASUS_DATADIR, &e, &err);
  if (rc) {
    fprintf(stderr, "casus_engine_open(%s): %s: %s\n", CASUS_DATADIR,
            casus_strerror(rc), err.msg);
    return -1;
  }
  *state = e;
  return 0;
}

static inline int tu_engine_teardown(void **state) {
  casus_engine_close(*state);
  *state = NULL;
  return 0;
}

/* Writes TEXT to file NAME in directory DIR; its path goes into OUT,
 * which is returned. */
static inline const char *tu_write_in(char out[600], const char *dir,
                                      const char *name, const char *text) {
  snprintf(out, 600, "%s/%s", dir, name);
  tu_write_str(out, text);
  return out;
}

/* cmocka group setup for dictionary tests: writes TEXTS[i] to files
 * NAMES[i] (N of them, N <= 8) in a new temporary directory DIR (CAP
 * bytes, prefix PREFIX; the caller removes it with tu_rm_rf), their paths
 * into PATHS, and opens the engine with them as --dict files into *STATE.
 * Returns 0, or -1 (the group fails). */
static inline int tu_dict_engine_setup(void **state, char *dir, size_t cap,
                                       const char *prefix, char paths[][600],
                                       const char *const names[],
                                       const char *const texts[], int n) {
  const char *dicts[9];
  if (n > 8 || tu_mkdtemp(dir, cap, prefix))
    return -1;
  for (int i = 0; i < n; i++)
    dicts[i] = tu_write_in(paths[i], dir, names[i], texts[i]);
  dicts[n] = NULL;
  casus_engine_opts o = {CASUS_DATADIR, dicts, 1};
  casus_engine *e = NULL;
  casus_error err;
  int rc = casus_engine_open2(&o, &e, &err);
  if (rc) {
    fprintf(stderr, "casus_engine_open2: %s: %s\n", casus_strerror(rc),
            err.msg);
    return -1;
  }
  *state = e;
  return 0;
}

/* An expected event of a dictionary test: actor codes and CAMEO code (a
 * NULL cameo ends a list). */
typedef struct tu_ev {
  const char *a1, *a2, *cameo;
} tu_ev;

/* True when D has an event A1/A2/CAMEO as X says. */
static inline bool tu_has_event(const casus_doc *d, const tu_ev *x) {
  for (size_t i = 0; i < casus_doc_event_count(d); i++) {
    const casus_event *ev = casus_doc_event(d, i);
    if (ev->actor1.code && ev->actor2.code &&
        !strcmp(ev->actor1.code, x->a1) && !strcmp(ev->actor2.code, x->a2) &&
        !strcmp(ev->cameo, x->cameo))
      return true;
  }
  return false;
}

/* Fails the test (naming WHAT and TEXT) unless D's events are exactly the
 * first MAX entries of EV up to a NULL cameo.  Needs <cmocka.h>. */
#define tu_expect_events(d, what, text, ev, max)                              \
  do {                                                                        \
    size_t want_ = 0;                                                         \
    for (; want_ < (max) && (ev)[want_].cameo; want_++)                       \
      if (!tu_has_event((d), &(ev)[want_]))                                   \
        fail_msg("%s\"%s\": no %s/%s/%s", (what), (text), (ev)[want_].a1,    \
                 (ev)[want_].a2, (ev)[want_].cameo);                          \
    size_t n_ = casus_doc_event_count(d);                                     \
    if (n_ != want_) {                                                        \
      const casus_event *e_ = n_ ? casus_doc_event((d), 0) : NULL;            \
      fail_msg("%s\"%s\": %zu events, want %zu (first %s/%s/%s)", (what),   \
               (text), n_, want_,                                             \
               e_ && e_->actor1.code ? e_->actor1.code : "-",                 \
               e_ && e_->actor2.code ? e_->actor2.code : "-",                 \
               e_ ? e_->cameo : "-");                                         \
    }                                                                         \
  } while (0)

#define TU_PUBLISHED "2024-01-18" /* a Thursday */

/* Runs TEXT (an English article published PUB, default TU_PUBLISHED)
 * through the pipeline.  Returns the rc; *OUT is the doc (caller frees
 * with casus_doc_free) or NULL. */
static inline int tu_process(const casus_engine *e, const char *text,
                             const char *pub, casus_doc **out) {
  casus_article a;
  casus_error err;
  memset(&a, 0, sizeof a);
  a.id = (char *)"t1";
  a.published = (char *)(pub ? pub : TU_PUBLISHED);
  a.language = (char *)"en";
  a.text = (char *)text;
  a.text_len = strlen(text);
  int rc = casus_doc_process(e, &a, out, &err);
  if (rc && rc != CASUS_ENOMEM)
    fprintf(stderr, "casus_doc_process(\"%s\"): %s: %s\n", text,
            casus_strerror(rc), err.msg);
  return rc;
}

/* Returns the byte offset of the first occurrence of NEEDLE in the doc's
 * cleaned text, or -1. */
static inline long tu_find(const casus_doc *d, const char *needle) {
  size_t len = 0;
  const char *t = casus_doc_text(d, &len);
  const char *p = t ? strstr(t, needle) : NULL;
  return p ? (long)(p - t) : -1;
}

/* Prints a skipped known-bug row; when the row now passes, says so, so
 * that the mark can be removed. */
static inline void tu_known_bug(const char *what, const char *bug,
                                const char *observed, bool passes) {
  if (passes)
    printf("[ NOTE     ] known_bug row now PASSES (remove the mark): %s\n",
           what);
  else
    printf("[ SKIPPED  ] known bug: %s\n             bug: %s\n"
           "             observed: %s\n", what, bug, observed);
}

#endif /* CASUS_TEST_UTIL_H */
