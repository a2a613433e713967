/* engine.c -- opens and closes the engine: every dictionary, the gazetteer,
 * the patterns, the language identifier and the boilerplate rules.
 *
 * Invariant: once casus_engine_open returns, nothing in the engine changes,
 * so threads may share it. */
#include "engine_int.h"
#include "code/dict_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef CASUS_DATADIR
#define CASUS_DATADIR "/usr/local/share/casus"
#endif

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int engine_maps(casus_engine *e) {
  casus_map **maps[] = {&e->lex, &e->places, &e->skeletons, &e->lemmas,
                        &e->anchors, &e->words, &e->countries, &e->iso2,
                        &e->strings, &e->prefixes, &e->wprefixes,
                        &e->pprefixes, &e->tokens, &e->verbs};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(maps); i++) {
    *maps[i] = casus__map_new();
    if (!*maps[i])
      return CASUS_ENOMEM;
  }
  return CASUS_OK;
}

int casus_engine_open(const char *datadir, casus_engine **out,
                      casus_error *err) {
  casus_engine_opts o = {datadir, NULL, 0};
  return casus_engine_open2(&o, out, err);
}

int casus_engine_open2(const casus_engine_opts *opts, casus_engine **out,
                       casus_error *err) {
  const char *datadir = opts ? opts->datadir : NULL;
  double t0 = now_ms();
  casus__err_clear(err);
  *out = NULL;
  if (!datadir)
    datadir = getenv("CASUS_DATA");
  if (!datadir || !*datadir)
    datadir = CASUS_DATADIR;
  casus_engine *e = casus__calloc(1, sizeof *e);
  if (!e)
    return casus__err(err, CASUS_ENOMEM, datadir, 0, "out of memory");
  casus__arena_init(&e->arena);
  int rc = engine_maps(e);
  if (!rc && casus__image_load(e, datadir, NULL, e->stats.image_note,
                               sizeof e->stats.image_note) < 0)
    rc = casus__err(err, CASUS_ENOMEM, datadir, 0, "out of memory");
  e->stats.lexicon_image = e->image != NULL;
  if (!rc)
    rc = casus__lex_load(e, datadir, err);
  if (!rc)
    rc = casus__patterns_load(e, datadir, err);
  if (!rc && opts && opts->dicts && opts->dicts[0])
    rc = casus__dict_load_all(e, opts->dicts, opts->replace_patterns, err);
  char path[1024];
  if (!rc)
    rc = casus__path(path, sizeof path, datadir, "boilerplate.txt", err);
  if (!rc)
    rc = casus__chrome_load(path, &e->chrome, err);
  if (!rc)
    rc = casus__path(path, sizeof path, datadir, "abbreviations.txt", err);
  if (!rc)
    rc = casus__abbrev_load(path, &e->abbrev, err);
  if (!rc)
    rc = casus__tokens_build(e);
  if (!rc)
    rc = casus__langid_open(&e->langid, err);
  if (rc) {
    if (err && !err->msg[0])
      casus__err(err, rc, datadir, 0, "cannot load the engine data: %s",
                 casus_strerror(rc));
    casus_engine_close(e);
    return rc;
  }
  e->stats.load_ms = now_ms() - t0;
  *out = e;
  return CASUS_OK;
}

void casus_engine_close(casus_engine *e) {
  if (!e)
    return;
  casus_map *maps[] = {e->lex, e->places, e->skeletons, e->lemmas,
                       e->anchors, e->words, e->countries, e->iso2,
                       e->strings, e->prefixes, e->wprefixes,
                       e->pprefixes, e->tokens, e->verbs,
                       e->acled_patterns};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(maps); i++)
    casus__map_free(maps[i]);
  casus__langid_close(e->langid);
  casus__chrome_free(e->chrome);
  casus__abbrev_free(e->abbrev);
  casus__free(e->cameo);
  casus__free(e->patterns);
  casus__image_close(e->image);
  casus__arena_free(&e->arena);
  casus__free(e);
}

void casus_engine_get_stats(const casus_engine *e, casus_engine_stats *out) {
  *out = e->stats;
}
