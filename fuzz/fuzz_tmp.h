/* fuzz_tmp.h -- scratch files for the fuzz targets that need files on disk
 * (fuzz_dict, fuzz_image): a private directory under $TMPDIR removed at
 * exit, writing a file, and a small copy of the data directory (the big
 * gazetteer tables cut to their first lines) that an engine opens in tens
 * of milliseconds.
 *
 * Everything is static inline so that each target includes it without
 * unused-function warnings.  Failures abort: they are the harness's, not
 * findings. */
#ifndef CASUS_FUZZ_TMP_H
#define CASUS_FUZZ_TMP_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CASUS_DATADIR
#define CASUS_DATADIR "/usr/local/share/casus"
#endif

/* The data directory the targets read: $CASUS_DATA, else the built one. */
static inline const char *fz_datadir(void) {
  const char *d = getenv("CASUS_DATA");
  return d && *d ? d : CASUS_DATADIR;
}

/* Writes "A/B" into OUT (CAP bytes); aborts when it does not fit. */
static inline void fz_join(char *out, size_t cap, const char *a,
                           const char *b) {
  int n = snprintf(out, cap, "%s/%s", a, b);
  if (n < 0 || (size_t)n >= cap)
    abort();
}

/* Removes PATH: a file or symlink, or a directory and what it holds. */
static inline void fz_rm_rf(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0)
    return;
  if (!S_ISDIR(st.st_mode)) {
    unlink(path);
    return;
  }
  DIR *d = opendir(path);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char sub[2048];
    int n = snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    if (n > 0 && (size_t)n < sizeof sub)
      fz_rm_rf(sub);
  }
  if (d)
    closedir(d);
  rmdir(path);
}

static char fz_tmp_path[1024];

static inline void fz_tmp_cleanup(void) {
  if (fz_tmp_path[0])
    fz_rm_rf(fz_tmp_path);
}

/* The target's scratch directory (created on the first call, removed at
 * exit). */
static inline const char *fz_tmpdir(const char *name) {
  if (!fz_tmp_path[0]) {
    const char *t = getenv("TMPDIR");
    int n = snprintf(fz_tmp_path, sizeof fz_tmp_path, "%s/%s.XXXXXX",
                     t && *t ? t : "/tmp", name);
    if (n < 0 || (size_t)n >= sizeof fz_tmp_path || !mkdtemp(fz_tmp_path))
      abort();
    atexit(fz_tmp_cleanup);
  }
  return fz_tmp_path;
}

/* Writes DATA[0..LEN) to PATH, replacing it; aborts on error. */
static inline void fz_write(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f))
    abort();
}

/* Copies the first MAXLINES lines of FROM to TO; aborts on error. */
static inline void fz_head(const char *from, const char *to, long maxlines) {
  FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
  if (!in || !out)
    abort();
  int c;
  long lines = 0;
  while (lines < maxlines && (c = getc(in)) != EOF) {
    putc(c, out);
    lines += c == '\n';
  }
  fclose(in);
  if (fclose(out))
    abort();
}

/* Mirrors data directory FROM into TO (created): symlinks to its files,
 * except the big gazetteer tables of gen/ (cut to their first LINES
 * lines; with ALL_TSV, the admin1 tables too) and the compiled image
 * (left out). */
static inline void fz_small_tree(const char *from, const char *to,
                                 long lines, int all_tsv) {
  if (mkdir(to, 0700) != 0)
    abort();
  DIR *d = opendir(from);
  if (!d)
    abort();
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || !strncmp(e->d_name, "lexicon.img", 11))
      continue;
    char a[2048], b[2048];
    fz_join(a, sizeof a, from, e->d_name);
    fz_join(b, sizeof b, to, e->d_name);
    struct stat st;
    if (stat(a, &st) != 0)
      continue;
    size_t n = strlen(e->d_name);
    if (S_ISDIR(st.st_mode))
      fz_small_tree(a, b, lines, all_tsv);
    else if (!strcmp(e->d_name, "cities.tsv") ||
             !strcmp(e->d_name, "admin2.tsv") ||
             (all_tsv && !strncmp(e->d_name, "admin1", 6) && n > 4 &&
              !strcmp(e->d_name + n - 4, ".tsv")))
      fz_head(a, b, lines);
    else if (symlink(a, b) != 0)
      abort();
  }
  closedir(d);
}

#endif /* CASUS_FUZZ_TMP_H */
