/* export.c -- the exporter handle: picks a format, parses each event's JSON
 * with jansson, has the format write its row into a buffer and hands the
 * buffer to the caller's write callback.  Also the helpers the formats
 * share (field access, TSV/CSV quoting, country tables).
 *
 * The library never prints: every byte goes through opts->write.  The
 * country tables (gen/country_info.tsv, gen/admin1_info.tsv and
 * fips_countries.txt of the data directory) are loaded only for the
 * formats that need them. */
#include "export_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CASUS_DATADIR
#define CASUS_DATADIR "/usr/local/share/casus"
#endif

#define X_MAX_ROW (64u << 20)  /* cap on one exported row */

struct casus_exporter {
  const xformat *fmt;  /* NULL for jsonl (passthrough) */
  casus_write_fn write;
  void *write_ctx;
  xtables tables;
  bool have_tables;
  casus_buf buf;
  size_t written, skipped;
  int wrc;             /* first write failure */
};

/* ------------------------------------------------------------ fields */

json_t *casus__xj(json_t *o, const char *path) {
  while (o && path && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (!json_is_object(o))
      return NULL;
    o = json_object_getn(o, path, n);
    path = dot ? dot + 1 : NULL;
  }
  return o;
}

const char *casus__xs(json_t *o, const char *path) {
  json_t *v = casus__xj(o, path);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

bool casus__xnum(json_t *o, const char *path, double *v) {
  json_t *j = casus__xj(o, path);
  if (!json_is_number(j))
    return false;
  *v = json_number_value(j);
  return true;
}

bool casus__xint(json_t *o, const char *path, long long *v) {
  json_t *j = casus__xj(o, path);
  if (!json_is_integer(j))
    return false;
  *v = (long long)json_integer_value(j);
  return true;
}

unsigned long long casus__xid(const char *id) {
  unsigned long long v = 0;
  for (int i = 0; id && id[i] && i < 15; i++) {
    int c = id[i], d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return 0;
    v = v * 16 + (unsigned)d;
  }
  return v;
}

bool casus__xactual(json_t *ev) {
  const char *m = casus__xs(ev, "modality");
  const char *p = casus__xs(ev, "polarity");
  return (!m || !strcmp(m, "actual")) && (!p || strcmp(p, "negated"));
}

/* ------------------------------------------------------------ writing */

int casus__xtsv(casus_buf *b, const char *s) {
  if (!s)
    return CASUS_OK;
  for (const char *p = s; *p;) {
    size_t n = strcspn(p, "\t\r\n");
    int rc = casus__buf_append(b, p, n);
    if (rc)
      return rc;
    p += n;
    if (*p) {
      rc = casus__buf_append(b, " ", 1);
      if (rc)
        return rc;
      p++;
    }
  }
  return CASUS_OK;
}

int casus__xcsv(casus_buf *b, const char *s) {
  if (!s)
    return CASUS_OK;
  if (!s[strcspn(s, ",\"\r\n")])
    return casus__buf_append(b, s, strlen(s));
  int rc = casus__buf_append(b, "\"", 1);
  for (const char *p = s; !rc && *p;) {
    size_t n = strcspn(p, "\"");
    rc = casus__buf_append(b, p, n);
    p += n;
    if (!rc && *p) {
      rc = casus__buf_append(b, "\"\"", 2);
      p++;
    }
  }
  return rc ? rc : casus__buf_append(b, "\"", 1);
}

/* ------------------------------------------------------------ tables */

/* Folds S into OUT for a case-insensitive key. */
static size_t admin_key(const char *iso2, const char *name, char *out,
                        size_t cap) {
  int n = snprintf(out, cap, "%s\t", iso2);
  if (n < 0 || (size_t)n >= cap)
    return 0;
  return (size_t)n + casus__fold(name, strlen(name), out + n, cap - (size_t)n);
}

typedef struct tload {
  xtables *t;
  bool fips;  /* loading fips_countries.txt */
} tload;

static const char *tdup(xtables *t, const char *s) {
  return casus__arena_strndup(&t->arena, s, strlen(s));
}

/* country_info.tsv: iso3, iso2, name, ...; fips_countries.txt: iso2,
 * fips. */
static int country_cb(char **f, int nf, long line, void *ctx) {
  (void)line;
  tload *l = ctx;
  if (nf < (l->fips ? 2 : 3))
    return CASUS_EDATA;
  const char *iso2 = l->fips ? f[0] : f[1];
  void **slot = casus__map_slot(l->t->by_iso2, iso2, strlen(iso2));
  if (!slot)
    return CASUS_ENOMEM;
  xcountry *c = *slot;
  if (!c) {
    c = casus__arena_alloc(&l->t->arena, sizeof *c);
    if (!c)
      return CASUS_ENOMEM;
    c->iso2 = tdup(l->t, iso2);
    *slot = c;
  }
  if (l->fips) {
    c->fips = tdup(l->t, f[1]);
    return c->fips ? CASUS_OK : CASUS_ENOMEM;
  }
  c->iso3 = tdup(l->t, f[0]);
  c->name = tdup(l->t, f[2]);
  if (!c->iso3 || !c->name)
    return CASUS_ENOMEM;
  void **s3 = casus__map_slot(l->t->by_iso3, c->iso3, strlen(c->iso3));
  if (!s3)
    return CASUS_ENOMEM;
  *s3 = c;
  return CASUS_OK;
}

/* admin1_info.tsv: iso2, code, name, lat, lon, ... */
static int admin1_cb(char **f, int nf, long line, void *ctx) {
  (void)line;
  tload *l = ctx;
  if (nf < 3)
    return CASUS_EDATA;
  char key[512];
  size_t n = admin_key(f[0], f[2], key, sizeof key);
  void **slot = n ? casus__map_slot(l->t->admin1, key, n) : NULL;
  if (!slot)
    return n ? CASUS_ENOMEM : CASUS_OK;
  if (!*slot)
    *slot = (void *)tdup(l->t, f[1]);
  return *slot ? CASUS_OK : CASUS_ENOMEM;
}

static int load_one(xtables *t, const char *dir, const char *name, bool fips,
                    casus_tsv_cb cb, casus_error *err) {
  char path[1024];
  tload l = {t, fips};
  int rc = casus__path(path, sizeof path, dir, name, err);
  if (!rc)
    rc = casus__tsv_file(path, 8, cb, &l, err);
  if (rc == CASUS_EIO || rc == CASUS_EDATA)
    return casus__err(err, CASUS_EDATA, path, 0,
                      "cannot load the exporter's country table");
  return rc;
}

static int tables_load(xtables *t, const char *dir, casus_error *err) {
  casus__arena_init(&t->arena);
  t->by_iso2 = casus__map_new();
  t->by_iso3 = casus__map_new();
  t->admin1 = casus__map_new();
  if (!t->by_iso2 || !t->by_iso3 || !t->admin1)
    return CASUS_ENOMEM;
  int rc = load_one(t, dir, "gen/country_info.tsv", false, country_cb, err);
  if (!rc)
    rc = load_one(t, dir, "fips_countries.txt", true, country_cb, err);
  if (!rc)
    rc = load_one(t, dir, "gen/admin1_info.tsv", false, admin1_cb, err);
  return rc;
}

static void tables_free(xtables *t) {
  casus__map_free(t->by_iso2);
  casus__map_free(t->by_iso3);
  casus__map_free(t->admin1);
  casus__arena_free(&t->arena);
}

const xcountry *casus__xcountry(const xtables *t, const char *iso2) {
  return iso2 ? casus__map_get(t->by_iso2, iso2, strlen(iso2)) : NULL;
}

const xcountry *casus__xcountry3(const xtables *t, const char *iso3) {
  return iso3 ? casus__map_get(t->by_iso3, iso3, strlen(iso3)) : NULL;
}

const char *casus__xadmin1(const xtables *t, const char *iso2,
                           const char *admin1) {
  char key[512];
  if (!iso2 || !admin1)
    return NULL;
  size_t n = admin_key(iso2, admin1, key, sizeof key);
  return n ? casus__map_get(t->admin1, key, n) : NULL;
}

/* ------------------------------------------------------------ handle */

static const xformat *const FORMATS[] = {
  &casus__fmt_gdelt, &casus__fmt_gdelt_mentions, &casus__fmt_acled,
  &casus__fmt_ucdp, &casus__fmt_plover,
};

/* Sends LEN bytes to the write callback; remembers a failure. */
static int emit(casus_exporter *x, const char *s, size_t len) {
  if (x->wrc)
    return x->wrc;
  if (len && x->write(s, len, x->write_ctx))
    x->wrc = CASUS_EIO;
  return x->wrc;
}

int casus_exporter_open(const char *format, const casus_export_opts *opts,
                        casus_exporter **out, casus_error *err) {
  casus__err_clear(err);
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!format || !opts || !opts->write)
    return casus__err(err, CASUS_EINVAL, "", 0, "no format or no writer");
  const xformat *fmt = NULL;
  if (strcmp(format, "jsonl")) {
    for (size_t i = 0; i < CASUS_ARRAY_LEN(FORMATS) && !fmt; i++)
      if (!strcmp(FORMATS[i]->name, format))
        fmt = FORMATS[i];
    if (!fmt)
      return casus__err(err, CASUS_EINVAL, "", 0,
                        "unknown export format '%s' (jsonl, gdelt, "
                        "gdelt-mentions, acled, ucdp, plover)", format);
  }
  casus_exporter *x = casus__calloc(1, sizeof *x);
  if (!x)
    return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
  x->fmt = fmt;
  x->write = opts->write;
  x->write_ctx = opts->write_ctx;
  x->buf.max = X_MAX_ROW;
  int rc = CASUS_OK;
  if (fmt && fmt->tables) {
    const char *dir = opts->datadir;
    if (!dir)
      dir = getenv("CASUS_DATA");
    if (!dir || !*dir)
      dir = CASUS_DATADIR;
    x->have_tables = true;
    rc = tables_load(&x->tables, dir, err);
  }
  if (!rc && fmt && fmt->header && !opts->no_header)
    rc = emit(x, fmt->header, strlen(fmt->header));
  if (rc) {
    if (rc == CASUS_EIO)
      casus__err(err, rc, "", 0, "cannot write the export");
    casus_exporter_close(x);
    return rc;
  }
  *out = x;
  return CASUS_OK;
}

int casus_exporter_add(casus_exporter *x, const char *event_json, size_t len,
                       casus_error *err) {
  casus__err_clear(err);
  if (!x || (!event_json && len))
    return CASUS_EINVAL;
  json_error_t jerr;
  json_t *ev = json_loadb(event_json ? event_json : "", len,
                          JSON_REJECT_DUPLICATES, &jerr);
  if (!ev)
    return casus__err(err, CASUS_EPARSE, "", jerr.line,
                      "not JSON: %s", jerr.text);
  int rc = CASUS_OK;
  if (!json_is_object(ev) || !casus__xs(ev, "event_id")) {
    rc = casus__err(err, CASUS_EFIELD, "", 0,
                    "not a casus event (no \"event_id\")");
    goto done;
  }
  x->buf.len = 0;
  if (!x->fmt) {
    /* jsonl: the record itself, one line, whatever keys it has. */
    rc = casus__buf_append(&x->buf, event_json, len);
    while (!rc && x->buf.len && (x->buf.data[x->buf.len - 1] == '\n' ||
                                 x->buf.data[x->buf.len - 1] == '\r'))
      x->buf.len--;
    if (!rc)
      rc = casus__buf_append(&x->buf, "\n", 1);
  } else {
    rc = x->fmt->row(&x->tables, ev, &x->buf);
  }
  if (rc == CASUS_DONE) {
    x->skipped++;
    rc = CASUS_OK;
  } else if (!rc) {
    rc = emit(x, x->buf.data, x->buf.len);
    if (!rc)
      x->written++;
  }
  if (rc)
    casus__err(err, rc, "", 0, "cannot export the event: %s",
               casus_strerror(rc));
done:
  json_decref(ev);
  return rc;
}

void casus_exporter_counts(const casus_exporter *x, size_t *written,
                           size_t *skipped) {
  if (written)
    *written = x ? x->written : 0;
  if (skipped)
    *skipped = x ? x->skipped : 0;
}

int casus_exporter_finish(casus_exporter *x, casus_error *err) {
  casus__err_clear(err);
  if (!x)
    return CASUS_EINVAL;
  if (x->wrc)
    return casus__err(err, x->wrc, "", 0, "cannot write the export");
  return CASUS_OK;
}

void casus_exporter_close(casus_exporter *x) {
  if (!x)
    return;
  if (x->have_tables)
    tables_free(&x->tables);
  casus__buf_free(&x->buf);
  casus__free(x);
}
