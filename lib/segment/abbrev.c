/* abbrev.c -- the abbreviation list and the sentence iterator prototype.
 *
 * data/abbreviations.txt maps abbreviations ("Mr.", "U.S.") and sentence
 * starters ("The") to a class that drives the sentence fix-ups of
 * segment.c; its header documents the format and the rules.  Keys are
 * stored folded (casus__fold), so lookups fold the token first.
 *
 * The same object holds an ICU sentence break iterator opened once; opening
 * one costs far more than cloning it, so casus__segment clones this
 * prototype.  The object is read-only once loaded and may be shared by
 * threads (ubrk_clone of a const iterator is thread-safe). */
#include "segment_int.h"

#include <string.h>

#define ABBREV_MAXKEY 64

typedef struct load_ctx {
  casus_abbrev *ab;
  const char *path;
  casus_error *err;
} load_ctx;

static int class_of_name(const char *s) {
  static const struct {
    const char *name;
    int cls;
  } names[] = {
      {"title", SEG_TITLE},     {"month", SEG_MONTH},
      {"numeric", SEG_NUMERIC}, {"acronym", SEG_ACRONYM},
      {"other", SEG_OTHER},     {"starter", SEG_STARTER},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(names); i++)
    if (!strcmp(s, names[i].name))
      return names[i].cls;
  return SEG_NONE;
}

/* Adds one line "TEXT<TAB>CLASS"; returns 0 or a CASUS_E* code. */
static int load_line(char **f, int nf, long lineno, void *vctx) {
  load_ctx *ctx = vctx;
  char key[ABBREV_MAXKEY];
  int cls = nf == 2 ? class_of_name(f[1]) : SEG_NONE;
  if (cls == SEG_NONE)
    return casus__err(ctx->err, CASUS_EPARSE, ctx->path, lineno,
                      "expected TEXT<TAB>CLASS with a known class");
  size_t n = strlen(f[0]);
  size_t k = casus__fold(f[0], n, key, sizeof key);
  bool dotted = k > 0 && key[k - 1] == '.';
  if (!k || k + 1 >= sizeof key || dotted != (cls != SEG_STARTER))
    return casus__err(ctx->err, CASUS_EPARSE, ctx->path, lineno,
                      "bad entry '%s' (abbreviations end with '.', "
                      "starters do not)", f[0]);
  void **slot = casus__map_slot(ctx->ab->map, key, k);
  if (!slot)
    return casus__err(ctx->err, CASUS_ENOMEM, ctx->path, lineno,
                      "out of memory");
  *slot = (void *)(uintptr_t)cls;
  return CASUS_OK;
}

/* Opens the prototype iterator; returns 0 or CASUS_EDATA/ENOMEM. */
static int open_proto(casus_abbrev *ab, const char *path, casus_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  ab->proto = ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0, &st);
  if (U_FAILURE(st)) {
    ab->proto = NULL;
    return casus__err(err, st == U_MEMORY_ALLOCATION_ERROR ? CASUS_ENOMEM
                                                           : CASUS_EDATA,
                      path, 0, "ICU sentence iterator: %s", u_errorName(st));
  }
  return CASUS_OK;
}

int casus__abbrev_load(const char *path, casus_abbrev **out,
                       casus_error *err) {
  int rc;
  *out = NULL;
  casus_abbrev *ab = casus__calloc(1, sizeof *ab);
  if (!ab)
    return casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
  ab->map = casus__map_new();
  if (!ab->map) {
    rc = casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
    goto fail;
  }
  load_ctx ctx = {ab, path, err};
  rc = casus__tsv_file(path, 2, load_line, &ctx, err);
  if (rc)
    goto fail;
  rc = open_proto(ab, path, err);
  if (rc)
    goto fail;
  *out = ab;
  return CASUS_OK;
fail:
  casus__abbrev_free(ab);
  return rc;
}

void casus__abbrev_free(casus_abbrev *ab) {
  if (!ab)
    return;
  if (ab->proto)
    ubrk_close(ab->proto);
  casus__map_free(ab->map);
  casus__free(ab);
}

int casus__abbrev_class(const casus_abbrev *ab, const char *norm, size_t n) {
  if (!ab || !n)
    return SEG_NONE;
  void *v = casus__map_get(ab->map, norm, n);
  return (int)(uintptr_t)v;
}
