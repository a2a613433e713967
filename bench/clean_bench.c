/* clean_bench.c -- how fast the cleaning stage runs on the seed articles.
 *
 * Not a test: it prints throughput and exits.  Build it against the static
 * library, e.g.
 *
 *   cc -O2 -std=c17 -Iinclude -Ilib bench/clean_bench.c \
 *      build/libcasus.a $(pkg-config --libs jansson libexttextcat \
 *      libutf8proc) -o clean_bench
 *   ./clean_bench ../shared/seeds/seeds.jsonl data/boilerplate.txt [ROUNDS]
 *
 * It reports MB/s of article text cleaned with language filtering and
 * chrome removal, without language filtering, and the time of one language
 * guess per paragraph.
 */
#include "casus_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_DOCS 64

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads the "text" of each line of PATH into TEXTS; returns the count. */
static size_t load(const char *path, char **texts) {
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  size_t n = 0;
  char line[1 << 16];
  while (n < MAX_DOCS && fgets(line, sizeof line, f)) {
    json_error_t jerr;
    json_t *j = json_loads(line, 0, &jerr);
    const char *t = j ? json_string_value(json_object_get(j, "text")) : NULL;
    if (t)
      texts[n++] = casus__strdup(t);
    json_decref(j);
  }
  fclose(f);
  return n;
}

/* Cleans every text ROUNDS times; returns MB/s. */
static double run(casus_langid *lid, const casus_chrome *chrome,
                  char **texts, size_t n, long rounds) {
  size_t bytes = 0;
  double t0 = now_s();
  for (long r = 0; r < rounds; r++) {
    for (size_t i = 0; i < n; i++) {
      casus_arena a;
      casus_clean c;
      casus__arena_init(&a);
      size_t len = strlen(texts[i]);
      if (casus__clean(lid, chrome, "en", texts[i], len, &a, &c, NULL))
        fprintf(stderr, "clean failed\n");
      bytes += len;
      casus__arena_free(&a);
    }
  }
  return (double)bytes / 1e6 / (now_s() - t0);
}

/* Returns microseconds per language guess over the paragraphs of TEXTS. */
static double guess_us(casus_langid *lid, char **texts, size_t n,
                       long rounds) {
  long calls = 0;
  double t0 = now_s();
  for (long r = 0; r < rounds; r++) {
    for (size_t i = 0; i < n; i++) {
      const char *p = texts[i];
      while (*p) {
        size_t k = strcspn(p, "\n");
        char out[8];
        casus__langid_guess(lid, p, k, out);
        calls++;
        p += k + (p[k] == '\n');
      }
    }
  }
  return (now_s() - t0) * 1e6 / (double)calls;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: clean_bench SEEDS.jsonl BOILERPLATE [ROUNDS]\n");
    return 2;
  }
  long rounds = argc > 3 ? strtol(argv[3], NULL, 10) : 2000;
  char *texts[MAX_DOCS];
  size_t n = load(argv[1], texts);
  casus_langid *lid = NULL;
  casus_chrome *chrome = NULL;
  casus_error err;
  double t0 = now_s();
  if (!n || casus__langid_open(&lid, &err) ||
      casus__chrome_load(argv[2], &chrome, &err)) {
    fprintf(stderr, "clean_bench: cannot load %s / %s\n", argv[1], argv[2]);
    return 1;
  }
  printf("open langid+chrome: %.1f ms\n", (now_s() - t0) * 1e3);
  printf("clean, langid+chrome: %.1f MB/s\n",
         run(lid, chrome, texts, n, rounds));
  printf("clean, chrome only:   %.1f MB/s\n",
         run(NULL, chrome, texts, n, rounds));
  printf("langid guess: %.2f us per paragraph\n",
         guess_us(lid, texts, n, rounds / 10 + 1));
  for (size_t i = 0; i < n; i++)
    casus__free(texts[i]);
  casus__langid_close(lid);
  casus__chrome_free(chrome);
  return 0;
}
