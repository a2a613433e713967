/* articles.c -- events for the commands that consume them (export,
 * dyads): from article files (read, coded and fused as `casus code` does;
 * a rejected article is reported and skipped) or from a store (its fused
 * events, else its per-article ones). */
#include "cli.h"

#include <string.h>

typedef struct sink {
  cli_event_fn fn;
  void *ctx;
} sink;

static int emit(const casus_fuser *f, const casus_event *ev,
                const casus_story *st, void *ctx) {
  (void)st;
  if (!ev)
    return CASUS_OK;
  const sink *s = ctx;
  char *json = NULL;
  int rc = casus_fuser_event_to_json(f, ev, &json);
  if (rc)
    return rc;
  rc = s->fn(json, strlen(json), s->ctx);
  casus_free(json);
  return rc;
}

/* Adds the articles of PATH to fuser F, passing what closes to S (the
 * arrival bounds of casus_fuser_flush_idle); counts rejected ones.
 * Returns CASUS_OK or a fatal code (reported, except S's CASUS_EIO). */
static int add_path(const casus_engine *e, casus_fuser *f, sink *s,
                    const char *path, const casus_read_opts *ro,
                    size_t *rejected) {
  casus_error err;
  casus_reader *rd = NULL;
  if (casus_reader_open(path, ro, &rd, &err)) {
    cli_report(&err);
    (*rejected)++;
    return CASUS_OK;
  }
  int fatal = CASUS_OK;
  for (;;) {
    casus_article *a = NULL;
    casus_doc *d = NULL;
    int rc = casus_reader_next(rd, &a, &err);
    if (rc == CASUS_DONE)
      break;
    if (!rc)
      rc = casus_doc_process(e, a, &d, &err);
    if (!rc)
      rc = casus_fuser_add(f, a, d, &err);
    if (rc) {
      cli_report(&err);
      (*rejected)++;
      if (rc == CASUS_ENOMEM)
        fatal = rc;
    } else if ((rc = casus_fuser_flush_idle(f, emit, s))) {
      if (rc != CASUS_EIO)
        fprintf(stderr, "casus: fusing events: %s\n", casus_strerror(rc));
      fatal = rc;
    }
    casus_doc_free(d);
    casus_article_free(a);
    if (fatal)
      break;
  }
  casus_reader_close(rd);
  return fatal;
}

int cli_code_files(const casus_engine *e, char **paths, int n,
                   const casus_read_opts *ro, cli_event_fn fn, void *ctx,
                   size_t *rejected) {
  casus_fuse_opts fo = {0, 0, e};
  casus_fuser *f = NULL;
  if (casus_fuser_open(&fo, &f)) {
    fprintf(stderr, "casus: out of memory\n");
    return CASUS_ENOMEM;
  }
  int rc = CASUS_OK;
  sink s = {fn, ctx};
  for (int i = 0; i < n && !rc; i++)
    rc = add_path(e, f, &s, paths[i], ro, rejected);
  if (!rc) {
    rc = casus_fuser_flush(f, NULL, emit, &s);
    if (rc && rc != CASUS_EIO)
      fprintf(stderr, "casus: fusing events: %s\n", casus_strerror(rc));
  }
  casus_fuser_close(f);
  return rc;
}

int cli_store_events(casus_store *s, int (*cb)(const casus_row *, void *),
                     void *ctx, casus_error *err) {
  casus_store_stats st;
  int rc = casus_store_get_stats(s, &st, err);
  if (rc)
    return rc;
  return st.fused_events ? casus_store_each_fused(s, 0, cb, ctx, err)
                         : casus_store_each(s, 0, cb, ctx, err);
}
