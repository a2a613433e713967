/* engine_test.c -- casus_engine_open on good and bad data directories: a
 * missing directory, and data files with a bad line, each reported with
 * the file and line.  Bad directories are built in a temp dir from the
 * real one (symlinks) with one file replaced. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_util.h"

/* Makes DIR a copy of the built data directory by symlinks, except NAME,
 * which gets the real file's lines followed by EXTRA. */
static void data_with(char *dir, size_t cap, const char *name,
                      const char *extra) {
  assert_int_equal(tu_mkdtemp(dir, cap, "casus-data"), 0);
  DIR *d = opendir(CASUS_DATADIR);
  assert_non_null(d);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || !strcmp(e->d_name, name))
      continue;
    char from[PATH_MAX], to[PATH_MAX];
    casus_error err;
    assert_int_equal(casus__path(from, sizeof from, CASUS_DATADIR,
                                 e->d_name, &err), CASUS_OK);
    assert_int_equal(casus__path(to, sizeof to, dir, e->d_name, &err),
                     CASUS_OK);
    assert_int_equal(symlink(from, to), 0);
  }
  closedir(d);
  char path[PATH_MAX];
  casus_error err;
  assert_int_equal(casus__path(path, sizeof path, CASUS_DATADIR, name, &err),
                   CASUS_OK);
  char *buf = NULL;
  size_t len = 0;
  assert_int_equal(casus__slurp(path, &buf, &len, &err), CASUS_OK);
  casus_buf b = {0};
  assert_int_equal(casus__buf_append(&b, buf, len), CASUS_OK);
  assert_int_equal(casus__buf_append(&b, extra, strlen(extra)), CASUS_OK);
  assert_int_equal(casus__path(path, sizeof path, dir, name, &err),
                   CASUS_OK);
  tu_write_file(path, b.data, b.len);
  casus__buf_free(&b);
  casus__free(buf);
}

static void test_good(void **state) {
  (void)state;
  casus_engine *e = NULL;
  casus_error err;
  assert_int_equal(casus_engine_open(CASUS_DATADIR, &e, &err), CASUS_OK);
  casus_engine_stats st;
  casus_engine_get_stats(e, &st);
  assert_true(st.countries >= 240);
  assert_true(st.cities > 100000);
  assert_true(st.patterns > 200);
  casus_engine_close(e);
  casus_engine_close(NULL);
}

static void test_missing_dir(void **state) {
  (void)state;
  casus_engine *e = (casus_engine *)&e;
  casus_error err;
  assert_int_equal(casus_engine_open("/nonexistent/casus", &e, &err),
                   CASUS_EDATA);
  assert_null(e);
  assert_non_null(strstr(err.file, "/nonexistent/casus"));
}

static const struct {
  const char *file, *extra, *msg;
} bad[] = {
    {"patterns.txt", "x.bad\t999\t$S strike $T\n", "unknown CAMEO code"},
    {"patterns.txt", "fight.strike\t190\t$S strike $T\n", "used twice"},
    {"patterns.txt", "x.none\t190\tstrike\n", "neither $S nor $T"},
    {"patterns.txt", "x.gap\t190\t$S strike *99 $T\n", "bad element"},
    {"words.txt", "nonsense\tword\n", "unknown word class"},
    {"groups.txt", "Some Group\tXXX\n", "expected phrase"},
    {"country_aliases.txt", "Atlantis\tATL\tname\tmyth\n",
     "unknown ISO3"},
};

static void test_bad_lines(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char dir[PATH_MAX];
    data_with(dir, sizeof dir, bad[i].file, bad[i].extra);
    casus_engine *e = NULL;
    casus_error err;
    int rc = casus_engine_open(dir, &e, &err);
    if (rc != CASUS_EDATA || !strstr(err.msg, bad[i].msg) ||
        !strstr(err.file, bad[i].file) || err.line <= 0)
      print_error("row %zu: rc %d, %s:%ld: %s\n", i, rc, err.file,
                  err.line, err.msg);
    assert_int_equal(rc, CASUS_EDATA);
    assert_null(e);
    assert_non_null(strstr(err.msg, bad[i].msg));
    assert_non_null(strstr(err.file, bad[i].file));
    assert_true(err.line > 0);
    tu_rm_rf(dir);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good),
      cmocka_unit_test(test_missing_dir),
      cmocka_unit_test(test_bad_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
