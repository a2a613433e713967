/* jsonl.c -- JSON records (one JSON Lines line, or one element of a .json
 * array) -> articles, with jansson.
 *
 * A record is an object with "text" (required, a string that is not
 * blank), "published" (required unless the reader has a default: an ISO
 * date or date-time, normalized to YYYY-MM-DD) and the optional strings
 * "id", "url", "source", "language", "title".  A missing or null optional
 * field gives NULL, except "id" (derived from the text) and "language"
 * (the reader's default).  Anything else is a rejected record with a
 * message naming the field.
 *
 * A record is parsed by the fast path of jsonfast.c when it is a flat
 * object of strings and nulls (the usual article), else by jansson's
 * json_loadb; both give the same json_t object, and every parse error
 * comes from jansson (see jsonfast.c and fuzz/fuzz_jsonfast.c). */
#include "read/read_int.h"

#include <jansson.h>
#include <string.h>

/* Fields copied as they are. */
static const struct {
  const char *key;
  size_t off;
} STR_FIELDS[] = {
  {"url", offsetof(casus_article, url)},
  {"source", offsetof(casus_article, source)},
  {"title", offsetof(casus_article, title)},
  {"language", offsetof(casus_article, language)},
};

static int field_err(const casus_rctx *c, casus_error *err, int code,
                     const char *fmt, ...) CASUS_PRINTF(4, 5);

/* Fills ERR with CODE at the record's place; returns CODE. */
static int field_err(const casus_rctx *c, casus_error *err, int code,
                     const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  casus__err(err, code, c->name, c->line, "%s", msg);
  if (err)
    err->offset = c->offset;
  return code;
}

/* Returns a new copy of the optional string field KEY of OBJ in *OUT
 * (NULL when missing or null). */
static int opt_string(const casus_rctx *c, json_t *obj, const char *key,
                      char **out, casus_error *err) {
  json_t *v = json_object_get(obj, key);
  *out = NULL;
  if (!v || json_is_null(v))
    return CASUS_OK;
  if (!json_is_string(v))
    return field_err(c, err, CASUS_EFIELD,
                     "field \"%s\" must be a string", key);
  *out = casus__strndup(json_string_value(v), json_string_length(v));
  return *out ? CASUS_OK : CASUS_ENOMEM;
}

/* Sets A->id from "id" (a string or an integer) or from the text. */
static int set_id(const casus_rctx *c, json_t *obj, casus_article *a,
                  casus_error *err) {
  json_t *v = json_object_get(obj, "id");
  if (json_is_integer(v)) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    a->id = casus__strdup(tmp);
  } else if (json_is_string(v) && json_string_length(v) > 0) {
    a->id = casus__strndup(json_string_value(v), json_string_length(v));
  } else if (!v || json_is_null(v) || json_is_string(v)) {
    a->id = casus__read_hash_id(a->text, a->text_len);
  } else {
    return field_err(c, err, CASUS_EFIELD,
                     "field \"%s\" must be a string or an integer", "id");
  }
  return a->id ? CASUS_OK : CASUS_ENOMEM;
}

/* Sets A->text from the required "text" field. */
static int set_text(const casus_rctx *c, json_t *obj, casus_article *a,
                    casus_error *err) {
  json_t *v = json_object_get(obj, "text");
  if (!v || json_is_null(v))
    return field_err(c, err, CASUS_EFIELD, "missing field \"%s\"", "text");
  if (!json_is_string(v))
    return field_err(c, err, CASUS_EFIELD,
                     "field \"%s\" must be a string", "text");
  const char *s = json_string_value(v);
  size_t n = json_string_length(v);
  if (casus__read_blank(s, n))
    return field_err(c, err, CASUS_EEMPTY, "field \"%s\" is empty", "text");
  a->text = casus__strndup(s, n);
  a->text_len = n;
  return a->text ? CASUS_OK : CASUS_ENOMEM;
}

/* Sets A->published from "published", else the reader's default. */
static int set_published(const casus_rctx *c, json_t *obj, casus_article *a,
                         casus_error *err) {
  char day[11];
  json_t *v = json_object_get(obj, "published");
  if (!v || json_is_null(v)) {
    if (!c->published)
      return field_err(c, err, CASUS_EDATE, "missing field \"%s\"",
                       "published");
    a->published = casus__strdup(c->published);
    return a->published ? CASUS_OK : CASUS_ENOMEM;
  }
  if (!json_is_string(v))
    return field_err(c, err, CASUS_EDATE,
                     "field \"%s\" must be a date string", "published");
  if (!casus__read_date(json_string_value(v), day))
    return field_err(c, err, CASUS_EDATE,
                     "field \"%s\": \"%.60s\" is not a valid date",
                     "published", json_string_value(v));
  a->published = casus__strdup(day);
  return a->published ? CASUS_OK : CASUS_ENOMEM;
}

/* Fills A from OBJ; returns CASUS_OK or the first problem. */
static int fill_article(const casus_rctx *c, json_t *obj, casus_article *a,
                        casus_error *err) {
  int rc = set_text(c, obj, a, err);
  if (!rc)
    rc = set_published(c, obj, a, err);
  for (size_t i = 0; !rc && i < CASUS_ARRAY_LEN(STR_FIELDS); i++)
    rc = opt_string(c, obj, STR_FIELDS[i].key,
                    (char **)((char *)a + STR_FIELDS[i].off), err);
  if (!rc)
    rc = set_id(c, obj, a, err);
  if (!rc && !a->source && c->source) {
    a->source = casus__strdup(c->source);
    rc = a->source ? CASUS_OK : CASUS_ENOMEM;
  }
  if (!rc && (!a->language || !a->language[0])) {
    casus__free(a->language);
    a->language = casus__strdup(c->language);
    rc = a->language ? CASUS_OK : CASUS_ENOMEM;
  }
  if (!rc) {
    a->origin = casus__read_origin(c->name, c->line);
    rc = a->origin ? CASUS_OK : CASUS_ENOMEM;
  }
  return rc;
}

int casus__json_article(const casus_rctx *c, const void *json,
                        casus_article **out, casus_error *err) {
  json_t *obj = (json_t *)json;
  *out = NULL;
  if (!json_is_object(obj))
    return field_err(c, err, CASUS_EPARSE, "record is not a JSON object");
  casus_article *a = casus_article_new();
  if (!a)
    return casus__err(err, CASUS_ENOMEM, c->name, c->line, "out of memory");
  int rc = fill_article(c, obj, a, err);
  if (rc == CASUS_ENOMEM)
    casus__err(err, rc, c->name, c->line, "out of memory");
  if (rc) {
    casus_article_free(a);
    return rc;
  }
  *out = a;
  return CASUS_OK;
}

int casus__jsonl_record(const casus_rctx *c, const char *s, size_t n,
                        casus_article **out, casus_error *err) {
  json_error_t je;
  *out = NULL;
  if (memchr(s, '\0', n))
    return field_err(c, err, CASUS_EBINARY,
                     "NUL byte in line: binary input, not JSON");
  json_t *obj = casus__json_fast(s, n);
  if (!obj)
    obj = json_loadb(s, n, 0, &je);
  if (!obj) {
    int code = json_error_code(&je) == json_error_invalid_utf8
                   ? CASUS_EUTF8
                   : CASUS_EPARSE;
    casus__err(err, code, c->name, c->line, "invalid JSON at column %d: %s",
               je.column, je.text);
    if (err) {
      err->col = je.column > 0 ? je.column : 0;
      err->offset = c->offset + (je.position > 0 ? je.position : 0);
    }
    return code;
  }
  int rc = casus__json_article(c, obj, out, err);
  json_decref(obj);
  return rc;
}
