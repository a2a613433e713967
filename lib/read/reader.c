/* reader.c -- casus_reader: articles from files, directories, stdin or
 * memory, one record at a time.
 *
 * A reader holds at most one open file.  A directory is walked depth
 * first with each level's entries sorted by name (byte order), so the
 * order never depends on the file system; hidden entries, symlinked
 * directories and files without a known extension are skipped.  The
 * format of a file comes from the forced format, else its extension (a
 * trailing .gz removed), else a sniff of its first bytes: '{' JSON Lines,
 * '[' a JSON document, '<' HTML, anything else plain text.
 *
 * A JSON Lines file is read line by line into one capped buffer, so
 * memory stays bounded whatever the file size; a longer line is skipped
 * without being stored.  Every rejected record or file is one negative
 * return with FILE:LINE in the error, and the next call goes on. */
#include "read/read_int.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64  /* directory nesting followed */

/* One open input file. */
typedef struct rfile {
  char *name;         /* for errors and origins */
  int fmt;            /* CASUS_FMT_*, never AUTO */
  casus_rstream *rs;
  long line;          /* lines (or JSON records) read so far */
  bool started;       /* the first read happened */
  bool any;           /* a non-blank line or a record was seen */
  bool done;          /* nothing more to return */
  json_t *arr;        /* a .json array being handed out */
  size_t idx;         /* next element of arr */
} rfile;

/* One directory level being walked. */
typedef struct dframe {
  char *path;
  char **names;  /* sorted entry names */
  size_t n, i;   /* count and next */
} dframe;

struct casus_reader {
  char *published;     /* normalized default date or NULL */
  char *source;        /* default outlet or NULL */
  char *language;      /* default language */
  int fmt;             /* forced format or AUTO */
  size_t max;          /* record cap */
  rfile *cur;          /* the open file, NULL between files */
  dframe *stack;       /* directory walk, NULL when not a directory */
  size_t depth, capstack;
  bool is_dir;
  char *root;          /* the directory given, for messages */
  bool dir_any;        /* a file was found in the directory */
  bool dir_done;       /* the walk ended */
  casus_buf line;      /* the current JSONL line */
  casus_buf all;       /* a whole txt/html/json file */
  bool defer;          /* JSONL lines go to pending unparsed */
  casus_record *pending;  /* the line read while deferring */
};

/* A record read but not parsed (casus_reader_next_record). */
struct casus_record {
  casus_article *a;    /* already built, or NULL */
  char *text;          /* the JSON line (NUL added), when A is NULL */
  size_t len;
  casus_rctx ctx;      /* its strings owned below */
  char *name, *published, *source, *language, *root;
};

/* ------------------------------------------------------------ formats */

/* Returns true when NAME ends with EXT, ignoring ASCII case. */
static bool ends_with(const char *name, size_t n, const char *ext) {
  size_t e = strlen(ext);
  if (n < e)
    return false;
  for (size_t i = 0; i < e; i++) {
    char c = name[n - e + i];
    if (c >= 'A' && c <= 'Z')
      c = (char)(c - 'A' + 'a');
    if (c != ext[i])
      return false;
  }
  return true;
}

/* Returns the format named by NAME's extension, AUTO when unknown. */
static int fmt_from_name(const char *name) {
  static const struct {
    const char *ext;
    int fmt;
  } EXT[] = {
    {".jsonl", CASUS_FMT_JSONL}, {".ndjson", CASUS_FMT_JSONL},
    {".json", CASUS_FMT_JSON},   {".txt", CASUS_FMT_TXT},
    {".html", CASUS_FMT_HTML},   {".htm", CASUS_FMT_HTML},
  };
  size_t n = strlen(name);
  if (ends_with(name, n, ".gz"))
    n -= 3;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(EXT); i++)
    if (ends_with(name, n, EXT[i].ext))
      return EXT[i].fmt;
  return CASUS_FMT_AUTO;
}

/* Returns the format a forced-format name stands for, -1 when unknown. */
static int fmt_from_opt(const char *s) {
  static const struct {
    const char *name;
    int fmt;
  } NAMES[] = {
    {"auto", CASUS_FMT_AUTO}, {"", CASUS_FMT_AUTO},
    {"jsonl", CASUS_FMT_JSONL}, {"ndjson", CASUS_FMT_JSONL},
    {"json", CASUS_FMT_JSON}, {"txt", CASUS_FMT_TXT},
    {"text", CASUS_FMT_TXT}, {"html", CASUS_FMT_HTML},
    {"htm", CASUS_FMT_HTML},
  };
  if (!s)
    return CASUS_FMT_AUTO;
  for (size_t i = 0; i < CASUS_ARRAY_LEN(NAMES); i++)
    if (strcmp(s, NAMES[i].name) == 0)
      return NAMES[i].fmt;
  return -1;
}

/* Guesses the format from the first bytes of RS. */
static int sniff(casus_rstream *rs) {
  const char *p;
  size_t n;
  if (casus__rs_peek(rs, &p, &n))
    return CASUS_FMT_TXT;
  size_t i = n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' ||
                   p[i] == '\r' || p[i] == '\f'))
    i++;
  if (i == n)
    return CASUS_FMT_TXT;
  switch (p[i]) {
  case '{': return CASUS_FMT_JSONL;
  case '[': return CASUS_FMT_JSON;
  case '<': return CASUS_FMT_HTML;
  default: return CASUS_FMT_TXT;
  }
}

/* ------------------------------------------------------------- files */

static void rfile_free(rfile *f) {
  if (!f)
    return;
  casus__rs_close(f->rs);
  json_decref(f->arr);
  casus__free(f->name);
  casus__free(f);
}

/* Makes the open file of R from RS (taken over, even on failure), named
 * NAME, in format FMT (AUTO: from the name, else sniffed). */
static int rfile_start(casus_reader *r, casus_rstream *rs, const char *name,
                       int fmt, casus_error *err) {
  rfile *f = casus__calloc(1, sizeof *f);
  char *copy = casus__strdup(name);
  if (!f || !copy) {
    casus__free(f);
    casus__free(copy);
    casus__rs_close(rs);
    return casus__err(err, CASUS_ENOMEM, name, 0, "out of memory");
  }
  f->rs = rs;
  f->name = copy;
  if (fmt == CASUS_FMT_AUTO)
    fmt = fmt_from_name(name);
  f->fmt = fmt == CASUS_FMT_AUTO ? sniff(rs) : fmt;
  r->cur = f;
  return CASUS_OK;
}

/* Fills the per-record context for the open file. */
static casus_rctx make_ctx(const casus_reader *r, const rfile *f, long line,
                           long long off) {
  casus_rctx c = {f->name, line,       off,
                  r->published, r->source, r->language,
                  r->is_dir ? r->root : NULL};
  return c;
}

/* Reports stream error RC of file F (which is then done). */
static int stream_err(rfile *f, int rc, long line, casus_error *err) {
  f->done = true;
  if (rc == CASUS_ENOMEM)
    return casus__err(err, rc, f->name, line, "out of memory");
  return casus__err(err, rc, f->name, line, "%s",
                    casus__rs_errmsg(f->rs));
}

/* Returns a new copy of S (NULL stays NULL); sets *OOM on failure. */
static char *dup_opt(const char *s, bool *oom) {
  if (!s)
    return NULL;
  char *d = casus__strdup(s);
  if (!d)
    *oom = true;
  return d;
}

void casus_record_free(casus_record *rec) {
  if (!rec)
    return;
  casus_article_free(rec->a);
  casus__free(rec->text);
  casus__free(rec->name);
  casus__free(rec->published);
  casus__free(rec->source);
  casus__free(rec->language);
  casus__free(rec->root);
  casus__free(rec);
}

/* Keeps the JSON line S[0..N) of context C unparsed in r->pending. */
static int defer_record(casus_reader *r, const casus_rctx *c, const char *s,
                        size_t n, casus_error *err) {
  bool oom = false;
  casus_record *rec = casus__calloc(1, sizeof *rec);
  if (!rec)
    return casus__err(err, CASUS_ENOMEM, c->name, c->line, "out of memory");
  rec->text = casus__malloc(n + 1);
  if (rec->text) {
    memcpy(rec->text, s, n);
    rec->text[n] = '\0';
  } else {
    oom = true;
  }
  rec->len = n;
  rec->name = dup_opt(c->name, &oom);
  rec->published = dup_opt(c->published, &oom);
  rec->source = dup_opt(c->source, &oom);
  rec->language = dup_opt(c->language, &oom);
  rec->root = dup_opt(c->root, &oom);
  if (oom) {
    casus_record_free(rec);
    return casus__err(err, CASUS_ENOMEM, c->name, c->line, "out of memory");
  }
  casus_rctx rc = {rec->name,   c->line,       c->offset,   rec->published,
                   rec->source, rec->language, rec->root};
  rec->ctx = rc;
  r->pending = rec;
  return CASUS_OK;
}

/* Reads the next JSON Lines record of F. */
static int next_jsonl(casus_reader *r, rfile *f, casus_article **out,
                      casus_error *err) {
  if (!f->started) {
    const char *p;
    size_t n;
    f->started = true;
    if (!casus__rs_peek(f->rs, &p, &n) && n && casus__looks_binary(p, n)) {
      f->done = true;
      return casus__err(err, CASUS_EBINARY, f->name, 0,
                        "binary data, not JSON Lines");
    }
  }
  for (;;) {
    bool toolong;
    long long off;
    int rc = casus__rs_getline(f->rs, &r->line, r->max, &toolong, &off);
    if (rc == CASUS_DONE) {
      f->done = true;
      if (f->any)
        return CASUS_DONE;
      return casus__err(err, CASUS_EEMPTY, f->name, 0, "empty file");
    }
    f->line++;
    if (rc)
      return stream_err(f, rc, f->line, err);
    if (toolong) {
      f->any = true;
      char cap[32];
      casus__read_fmt_size(r->max, cap, sizeof cap);
      casus__err(err, CASUS_ETOOBIG, f->name, f->line,
                 "line exceeds the %s record limit", cap);
      if (err)
        err->offset = off;
      return CASUS_ETOOBIG;
    }
    const char *s = r->line.data;
    size_t n = r->line.len;
    if (f->line == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
      s += 3;
      n -= 3;
      off += 3;
    }
    if (casus__read_blank(s, n))
      continue;
    f->any = true;
    casus_rctx c = make_ctx(r, f, f->line, off);
    if (r->defer)
      return defer_record(r, &c, s, n, err);
    return casus__jsonl_record(&c, s, n, out, err);
  }
}

/* Reads the whole of F into r->all; returns CASUS_OK or reports. */
static int slurp_file(casus_reader *r, rfile *f, size_t max,
                      casus_error *err) {
  int rc = casus__rs_read_all(f->rs, &r->all, max);
  if (rc == CASUS_ETOOBIG) {
    char cap[32];
    casus__read_fmt_size(max, cap, sizeof cap);
    f->done = true;
    return casus__err(err, rc, f->name, 0, "file exceeds the %s limit",
                      cap);
  }
  if (rc)
    return stream_err(f, rc, 0, err);
  return CASUS_OK;
}

/* Hands out the next element of a .json array. */
static int next_array(casus_reader *r, rfile *f, casus_article **out,
                      casus_error *err) {
  if (f->idx >= json_array_size(f->arr)) {
    f->done = true;
    return CASUS_DONE;
  }
  json_t *v = json_array_get(f->arr, f->idx++);
  f->line = (long)f->idx;
  casus_rctx c = make_ctx(r, f, f->line, -1);
  return casus__json_article(&c, v, out, err);
}

/* Switches F to JSON Lines over the bytes already in r->all. */
static int as_jsonl(casus_reader *r, rfile *f, casus_article **out,
                    casus_error *err) {
  casus_rstream *rs;
  if (casus__rs_open_mem(r->all.data, r->all.len, &rs))
    return stream_err(f, CASUS_ENOMEM, 0, err);
  casus__rs_close(f->rs);
  f->rs = rs;
  f->fmt = CASUS_FMT_JSONL;
  f->started = false;
  return next_jsonl(r, f, out, err);
}

/* Reads a .json file: one object, an array of objects, or JSON Lines. */
static int next_json(casus_reader *r, rfile *f, casus_article **out,
                     casus_error *err) {
  if (f->arr)
    return next_array(r, f, out, err);
  size_t max = r->max > SIZE_MAX / 8 ? r->max : r->max * 8;
  int rc = slurp_file(r, f, max, err);
  if (rc)
    return rc;
  const char *s = r->all.data;
  size_t n = r->all.len, i = 0;
  size_t bom = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
  i = bom;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                   s[i] == '\r'))
    i++;
  if (i == n || (s[i] != '[' && s[i] != '{'))
    return as_jsonl(r, f, out, err);
  json_error_t je;
  json_t *doc = json_loadb(s + bom, n - bom, 0, &je);
  if (json_is_object(doc)) {
    casus_rctx c = make_ctx(r, f, 1, 0);
    f->done = true;
    rc = casus__json_article(&c, doc, out, err);
    json_decref(doc);
    return rc;
  }
  if (!doc && s[i] == '{')
    return as_jsonl(r, f, out, err);
  f->arr = doc;
  if (!json_is_array(f->arr)) {
    f->done = true;
    casus__err(err, CASUS_EPARSE, f->name, je.line,
               "invalid JSON at column %d: %s", je.column, je.text);
    if (err) {
      err->col = je.column > 0 ? je.column : 0;
      err->offset = je.position;
    }
    return CASUS_EPARSE;
  }
  if (json_array_size(f->arr) == 0) {
    f->done = true;
    return casus__err(err, CASUS_EEMPTY, f->name, 0, "empty JSON array");
  }
  return next_array(r, f, out, err);
}

/* Reads a whole txt or html file as one article. */
static int next_whole(casus_reader *r, rfile *f, casus_article **out,
                      casus_error *err) {
  int rc = slurp_file(r, f, r->max, err);
  f->done = true;
  if (rc)
    return rc;
  casus_rctx c = make_ctx(r, f, 1, 0);
  if (f->fmt == CASUS_FMT_HTML)
    return casus__html_article(&c, r->all.data, r->all.len, out, err);
  return casus__txt_article(&c, r->all.data, r->all.len, out, err);
}

static int rfile_next(casus_reader *r, rfile *f, casus_article **out,
                      casus_error *err) {
  if (f->done)
    return CASUS_DONE;
  switch (f->fmt) {
  case CASUS_FMT_JSONL: return next_jsonl(r, f, out, err);
  case CASUS_FMT_JSON: return next_json(r, f, out, err);
  default: return next_whole(r, f, out, err);
  }
}

/* -------------------------------------------------------- directories */

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void frame_free(dframe *d) {
  for (size_t i = 0; i < d->n; i++)
    casus__free(d->names[i]);
  casus__free(d->names);
  casus__free(d->path);
}

/* Reads the visible entry names of directory D->path, sorted. */
static int frame_list(dframe *d, casus_error *err) {
  size_t cap = 0;
  DIR *dir = opendir(d->path);
  if (!dir)
    return casus__err(err, CASUS_EIO, d->path, 0, "cannot open directory");
  struct dirent *e;
  int rc = CASUS_OK;
  while (!rc && (e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    rc = casus__grow((void **)&d->names, &cap, d->n + 1, sizeof *d->names);
    if (!rc) {
      d->names[d->n] = casus__strdup(e->d_name);
      rc = d->names[d->n] ? CASUS_OK : CASUS_ENOMEM;
    }
    if (!rc)
      d->n++;
  }
  closedir(dir);
  if (rc)
    return casus__err(err, rc, d->path, 0, "out of memory");
  if (d->n)
    qsort(d->names, d->n, sizeof *d->names, cmp_names);
  return CASUS_OK;
}

/* Pushes directory PATH (taken over) onto the walk. */
static int push_dir(casus_reader *r, char *path, casus_error *err) {
  if (r->depth >= MAX_DEPTH) {
    casus__err(err, CASUS_EIO, path, 0, "directories nested too deep");
    casus__free(path);
    return CASUS_EIO;
  }
  int rc = casus__grow((void **)&r->stack, &r->capstack, r->depth + 1,
                       sizeof *r->stack);
  if (rc) {
    casus__free(path);
    return casus__err(err, rc, "", 0, "out of memory");
  }
  dframe *d = &r->stack[r->depth];
  memset(d, 0, sizeof *d);
  d->path = path;
  rc = frame_list(d, err);
  if (rc) {
    frame_free(d);
    return rc;
  }
  r->depth++;
  return CASUS_OK;
}

/* Returns a new "DIR/NAME", NULL on OOM. */
static char *join(const char *dir, const char *name) {
  casus_buf b = {0};
  size_t n = strlen(dir);
  bool slash = n && dir[n - 1] == '/';
  if (casus__buf_printf(&b, "%s%s%s", dir, slash ? "" : "/", name)) {
    casus__buf_free(&b);
    return NULL;
  }
  return b.data;
}

/* Handles entry FULL (taken over) of the walk: a subdirectory is pushed,
 * a known file opened into r->cur.  Returns CASUS_OK (r->cur may stay
 * NULL: skipped) or an error about that entry. */
static int dir_entry(casus_reader *r, char *full, casus_error *err) {
  struct stat st, lst;
  if (stat(full, &st) != 0 || lstat(full, &lst) != 0) {
    casus__err(err, CASUS_EIO, full, 0, "cannot stat");
    casus__free(full);
    return CASUS_EIO;
  }
  if (S_ISDIR(st.st_mode)) {
    if (S_ISLNK(lst.st_mode)) {
      casus__free(full);
      return CASUS_OK;
    }
    return push_dir(r, full, err);
  }
  if (!S_ISREG(st.st_mode) || fmt_from_name(full) == CASUS_FMT_AUTO) {
    casus__free(full);
    return CASUS_OK;
  }
  casus_rstream *rs;
  int rc = casus__rs_open_file(full, &rs, err);
  if (!rc) {
    r->dir_any = true;
    rc = rfile_start(r, rs, full, CASUS_FMT_AUTO, err);
  }
  casus__free(full);
  return rc;
}

/* Opens the next file of the walk into r->cur.  Returns CASUS_OK,
 * CASUS_DONE, or an error about one entry (the walk goes on after it). */
static int dir_next_file(casus_reader *r, casus_error *err) {
  while (r->depth > 0) {
    dframe *d = &r->stack[r->depth - 1];
    if (d->i == d->n) {
      frame_free(d);
      r->depth--;
      continue;
    }
    char *full = join(d->path, d->names[d->i++]);
    if (!full)
      return casus__err(err, CASUS_ENOMEM, d->path, 0, "out of memory");
    int rc = dir_entry(r, full, err);
    if (rc || r->cur)
      return rc;
  }
  return CASUS_DONE;
}

/* --------------------------------------------------------------- API */

/* Makes a reader from OPTS; returns CASUS_OK or an error. */
static int reader_new(const casus_read_opts *opts, casus_reader **out,
                      casus_error *err) {
  casus_read_opts none = {0};
  char day[11];
  if (!opts)
    opts = &none;
  int fmt = fmt_from_opt(opts->format);
  if (fmt < 0)
    return casus__err(err, CASUS_EINVAL, "", 0,
                      "unknown format \"%.40s\" (use jsonl, json, txt or "
                      "html)", opts->format);
  if (opts->published && !casus__read_date(opts->published, day))
    return casus__err(err, CASUS_EDATE, "", 0,
                      "default date \"%.60s\" is not a valid date "
                      "(YYYY-MM-DD)", opts->published);
  casus_reader *r = casus__calloc(1, sizeof *r);
  if (!r)
    return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
  r->fmt = fmt;
  r->max = opts->max_record ? opts->max_record : CASUS_READ_DEFAULT_MAX;
  r->published = opts->published ? casus__strdup(day) : NULL;
  r->source = opts->source ? casus__strdup(opts->source) : NULL;
  r->language = casus__strdup(opts->language && opts->language[0]
                                  ? opts->language : "en");
  if ((opts->published && !r->published) || (opts->source && !r->source) ||
      !r->language) {
    casus_reader_close(r);
    return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
  }
  *out = r;
  return CASUS_OK;
}

int casus_reader_open(const char *path, const casus_read_opts *opts,
                      casus_reader **out, casus_error *err) {
  casus_reader *r = NULL;
  struct stat st;
  casus__err_clear(err);
  if (!out || !path)
    return casus__err(err, CASUS_EINVAL, "", 0, "no path given");
  *out = NULL;
  int rc = reader_new(opts, &r, err);
  if (rc)
    return rc;
  if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    char *copy = casus__strdup(path);
    r->is_dir = true;
    r->root = casus__strdup(path);
    if (copy && r->root) {
      rc = push_dir(r, copy, err);
    } else {
      casus__free(copy);
      rc = casus__err(err, CASUS_ENOMEM, path, 0, "out of memory");
    }
  } else {
    casus_rstream *rs;
    rc = casus__rs_open_file(path, &rs, err);
    if (!rc)
      rc = rfile_start(r, rs, strcmp(path, "-") ? path : "<stdin>", r->fmt,
                       err);
  }
  if (rc) {
    casus_reader_close(r);
    return rc;
  }
  *out = r;
  return CASUS_OK;
}

int casus_reader_open_mem(const void *buf, size_t len, const char *name,
                          const casus_read_opts *opts, casus_reader **out,
                          casus_error *err) {
  casus_reader *r = NULL;
  casus_rstream *rs;
  casus__err_clear(err);
  if (!out || (!buf && len))
    return casus__err(err, CASUS_EINVAL, "", 0, "no buffer given");
  *out = NULL;
  if (!name || !name[0])
    name = "<memory>";
  int rc = reader_new(opts, &r, err);
  if (rc)
    return rc;
  rc = casus__rs_open_mem(buf, len, &rs);
  if (rc)
    casus__err(err, rc, name, 0, "out of memory");
  else
    rc = rfile_start(r, rs, name, r->fmt, err);
  if (rc) {
    casus_reader_close(r);
    return rc;
  }
  *out = r;
  return CASUS_OK;
}

int casus_reader_next(casus_reader *r, casus_article **out,
                      casus_error *err) {
  casus__err_clear(err);
  if (!r || !out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no reader given");
  *out = NULL;
  for (;;) {
    if (r->cur) {
      int rc = rfile_next(r, r->cur, out, err);
      if (rc != CASUS_DONE)
        return rc;
      rfile_free(r->cur);
      r->cur = NULL;
      if (r->all.cap > ((size_t)1 << 20))
        casus__buf_free(&r->all);
    }
    if (!r->is_dir || r->dir_done)
      return CASUS_DONE;
    int rc = dir_next_file(r, err);
    if (rc == CASUS_DONE) {
      r->dir_done = true;
      if (!r->dir_any)
        return casus__err(err, CASUS_EEMPTY, r->root, 0,
                          "no .jsonl, .json, .txt or .html files found");
      return CASUS_DONE;
    }
    if (rc)
      return rc;
  }
}

int casus_reader_next_record(casus_reader *r, casus_record **out,
                             casus_error *err) {
  casus__err_clear(err);
  if (!r || !out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no reader given");
  *out = NULL;
  casus_article *a = NULL;
  r->defer = true;
  r->pending = NULL;
  int rc = casus_reader_next(r, &a, err);
  r->defer = false;
  casus_record *rec = r->pending;
  r->pending = NULL;
  if (rc) {
    casus_record_free(rec);
    casus_article_free(a);
    return rc;
  }
  if (!rec) {
    rec = casus__calloc(1, sizeof *rec);
    if (!rec) {
      casus_article_free(a);
      return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
    }
    rec->a = a;
  }
  *out = rec;
  return CASUS_OK;
}

int casus_record_article(casus_record *rec, casus_article **out,
                         casus_error *err) {
  casus__err_clear(err);
  if (!rec || !out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no record given");
  *out = NULL;
  if (rec->a) {
    *out = rec->a;
    rec->a = NULL;
    return CASUS_OK;
  }
  if (!rec->text)
    return casus__err(err, CASUS_EINVAL, rec->ctx.name, rec->ctx.line,
                      "record already used");
  int rc = casus__jsonl_record(&rec->ctx, rec->text, rec->len, out, err);
  casus__free(rec->text);
  rec->text = NULL;
  return rc;
}

void casus_reader_close(casus_reader *r) {
  if (!r)
    return;
  rfile_free(r->cur);
  for (size_t i = 0; i < r->depth; i++)
    frame_free(&r->stack[i]);
  casus__free(r->stack);
  casus__free(r->root);
  casus__buf_free(&r->line);
  casus__buf_free(&r->all);
  casus__free(r->published);
  casus__free(r->source);
  casus__free(r->language);
  casus__free(r);
}
