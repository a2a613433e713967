/* ontology.c -- PLOVER and ACLED types of CAMEO codes.
 *
 * tools/gen_ontology.js writes gen/ontology.tsv at build time from the
 * reference tables and data/plover_fixes.txt, data/cameo_acled.txt (see
 * docs/export.md).  This module reads it once when the engine opens and
 * hangs the PLOVER triple and the ACLED pair on the engine's CAMEO codes
 * (loaded before, from cameo_eventcodes_goldstein.tsv), so that every
 * coded event gets them with one lookup.  Rows named "pattern:<id>" carry
 * ACLED overrides for events coded by that pattern (a missile strike is
 * Shelling/artillery/missile attack, though CAMEO 195 says aerial).
 * Strings live in the engine's arena; "-" in the file is NULL.
 */
#include "engine_int.h"

#include <string.h>

/* Returns an arena copy of the field S, NULL for "-" or "" (and on OOM,
 * with *RC set). */
static const char *field(casus_engine *e, const char *s, int *rc) {
  if (!*s || !strcmp(s, "-"))
    return NULL;
  const char *c = casus__arena_strndup(&e->arena, s, strlen(s));
  if (!c)
    *rc = CASUS_ENOMEM;
  return c;
}

typedef struct onto_ctx {
  casus_engine *e;
  const char *path;
  casus_error *err;
} onto_ctx;

/* Adds the ACLED override of row F (pattern:<id>). */
static int add_pattern(onto_ctx *c, char **f) {
  casus_engine *e = c->e;
  int rc = 0;
  cameo_code *x = casus__arena_alloc(&e->arena, sizeof *x);
  if (!x)
    return CASUS_ENOMEM;
  x->acled_type = field(e, f[7], &rc);
  x->acled_subtype = field(e, f[8], &rc);
  const char *id = f[0] + strlen("pattern:");
  void **slot = rc ? NULL : casus__map_slot(e->acled_patterns, id,
                                            strlen(id));
  if (!slot)
    return CASUS_ENOMEM;
  *slot = x;
  return 0;
}

/* One row: code, name, goldstein, quad, plover type/mode/context, acled
 * type/subtype. */
static int onto_cb(char **f, int nf, long line, void *ctx) {
  onto_ctx *c = ctx;
  if (nf < 9)
    return casus__err(c->err, CASUS_EDATA, c->path, line,
                      "expected 9 columns");
  if (!strcmp(f[0], "code"))
    return 0;
  if (!strncmp(f[0], "pattern:", 8))
    return add_pattern(c, f);
  cameo_code *x = (cameo_code *)casus__cameo_find(c->e, f[0]);
  if (!x)
    return casus__err(c->err, CASUS_EDATA, c->path, line,
                      "CAMEO code %s is not in the CAMEO table", f[0]);
  int rc = 0;
  x->plover_type = field(c->e, f[4], &rc);
  x->plover_mode = field(c->e, f[5], &rc);
  x->plover_context = field(c->e, f[6], &rc);
  x->acled_type = field(c->e, f[7], &rc);
  x->acled_subtype = field(c->e, f[8], &rc);
  return rc;
}

int casus__ontology_load(casus_engine *e, const char *datadir,
                         casus_error *err) {
  char path[1024];
  int rc = casus__path(path, sizeof path, datadir, "gen/ontology.tsv", err);
  if (rc)
    return rc;
  e->acled_patterns = casus__map_new();
  if (!e->acled_patterns)
    return CASUS_ENOMEM;
  onto_ctx c = {e, path, err};
  rc = casus__tsv_file(path, 9, onto_cb, &c, err);
  return rc == CASUS_EIO ? CASUS_EDATA : rc;
}

void casus__ontology_apply(const casus_engine *e, const char *pattern_id,
                           casus_event *ev) {
  const cameo_code *cc = casus__cameo_find(e, ev->cameo);
  ev->plover_type = cc ? cc->plover_type : NULL;
  ev->plover_mode = cc ? cc->plover_mode : NULL;
  ev->plover_context = cc ? cc->plover_context : NULL;
  ev->acled_type = cc ? cc->acled_type : NULL;
  ev->acled_subtype = cc ? cc->acled_subtype : NULL;
  const cameo_code *o = NULL;
  if (pattern_id && e->acled_patterns)
    o = casus__map_get(e->acled_patterns, pattern_id, strlen(pattern_id));
  if (o && ev->acled_type) {  /* only refines a violent event */
    ev->acled_type = o->acled_type;
    ev->acled_subtype = o->acled_subtype;
  }
}
