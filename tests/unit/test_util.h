/* test_util.h -- helpers shared by the unit tests.
 *
 * A counting allocator that can fail the Nth allocation (for OOM tests and
 * leak checks), one engine opened per test file (cmocka group setup), and
 * a helper that runs a synthetic article through casus_doc_process.
 * Everything is static inline so that a test file may use any subset
 * without unused-function warnings.  Include after <cmocka.h>. */
#ifndef CASUS_TEST_UTIL_H
#define CASUS_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casus_int.h"

/* ------------------------------------------------------- failing malloc */

/* State of the test allocator: allocations left before failing (-1: never
 * fail), live blocks, total calls. */
static long tu_fail_after = -1;
static long tu_live;
static long tu_calls;

static inline bool tu_should_fail(void) {
  tu_calls++;
  if (tu_fail_after < 0)
    return false;
  if (tu_fail_after == 0)
    return true;
  tu_fail_after--;
  return false;
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

/* Installs the counting allocator; it fails every allocation after the
 * first FAIL_AFTER ones (-1: never).  Resets the counters. */
static inline void tu_alloc_install(long fail_after) {
  tu_fail_after = fail_after;
  tu_live = 0;
  tu_calls = 0;
  casus_set_allocator(tu_malloc, tu_realloc, tu_free);
}

/* Restores the system allocator. */
static inline void tu_alloc_restore(void) {
  casus_set_allocator(NULL, NULL, NULL);
  tu_fail_after = -1;
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
