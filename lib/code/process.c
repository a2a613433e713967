/* process.c -- runs one article through the pipeline:
 * clean -> segment -> recognize + code. */
#include "engine_int.h"

#include <stdio.h>
#include <string.h>

int casus_doc_process(const casus_engine *e, const casus_article *a,
                      casus_doc **out, casus_error *err) {
  casus__err_clear(err);
  *out = NULL;
  const char *name = a->origin ? a->origin : (a->id ? a->id : "<article>");
  long day;
  if (!a->published || !casus__parse_iso_date(a->published, &day))
    return casus__err(err, CASUS_EDATE, name, 0,
                      "article %s: missing or invalid publication date",
                      a->id ? a->id : "?");
  if (!a->text || !a->text_len)
    return casus__err(err, CASUS_EEMPTY, name, 0, "article %s: empty text",
                      a->id ? a->id : "?");
  casus_doc *d = casus__doc_new();
  if (!d)
    return casus__err(err, CASUS_ENOMEM, name, 0, "out of memory");
  d->published = day;
  /* An article without an id is named by its text, as the readers do. */
  char hid[24];
  snprintf(hid, sizeof hid, "h%016llx",
           (unsigned long long)casus__hash(a->text, a->text_len));
  const char *id = a->id && *a->id ? a->id : hid;
  d->article_id = casus__arena_strndup(&d->arena, id, strlen(id));
  if (a->source)
    d->source = casus__arena_strndup(&d->arena, a->source,
                                     strlen(a->source));
  int rc = d->article_id ? CASUS_OK : CASUS_ENOMEM;
  if (!rc)
    rc = casus__clean(e->langid, e->chrome, a->language, a->text,
                      a->text_len, &d->arena, &d->clean, err);
  if (!rc)
    rc = casus__segment(e->abbrev, d->clean.text, d->clean.len,
                        d->clean.keep, d->clean.nkeep, &d->arena, &d->seg,
                        err);
  if (!rc)
    rc = casus__code(e, d, err);
  if (rc) {
    if (err && !err->msg[0])
      casus__err(err, rc, name, 0, "%s", casus_strerror(rc));
    else if (err && !err->file[0]) /* keep the stage's reason and offset */
      snprintf(err->file, sizeof err->file, "%s", name);
    casus_doc_free(d);
    return rc;
  }
  *out = d;
  return CASUS_OK;
}
