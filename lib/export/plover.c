/* plover.c -- PLOVER JSON records (one per line) from casus events.
 *
 * Fields follow the PLOVER manual's record table as summarised in
 * shared/reference/FORMATS.md section 2: id, date, actor and recipient as
 * lists of entity objects, event/mode/context as lists, quad_code,
 * event_loc, event_text, size, link, cite_info.  Only events with a PLOVER
 * type are written (PLOVER drops CAMEO 01 and 02), and only asserted,
 * actual ones (PLOVER's auxiliary modes for the rest are not implemented
 * by any coder yet). */
#include "export_int.h"

#include <string.h>

/* Quad code of the 16 PLOVER event types. */
static int quad_of(const char *type) {
  static const struct {
    const char *type;
    int quad;
  } q[] = {
    {"AGREE", 1},    {"CONSULT", 1},   {"SUPPORT", 1},  {"CONCEDE", 1},
    {"COOPERATE", 2}, {"AID", 2},      {"RETREAT", 2},  {"REQUEST", 3},
    {"ACCUSE", 3},   {"REJECT", 3},    {"THREATEN", 3}, {"PROTEST", 4},
    {"SANCTION", 4}, {"MOBILIZE", 4},  {"COERCE", 4},   {"ASSAULT", 4},
  };
  for (size_t i = 0; i < CASUS_ARRAY_LEN(q); i++)
    if (!strcmp(q[i].type, type))
      return q[i].quad;
  return 0;
}

/* Sets O[K] to a copy of the string at PATH of EV, when it is one. */
static int set_str(json_t *o, const char *k, json_t *ev, const char *path) {
  const char *s = casus__xs(ev, path);
  return s ? json_object_set_new(o, k, json_string(s)) : 0;
}

/* Returns [entity] for actor A, [] when unknown. */
static json_t *entities(json_t *a) {
  json_t *l = json_array();
  if (!l || !json_is_object(a))
    return l;
  json_t *e = json_object();
  int rc = !e;
  if (!rc && casus__xs(a, "country"))
    rc = set_str(e, "code", a, "country");
  else if (!rc && casus__xs(a, "code"))
    rc = json_object_set_new(e, "code", json_stringn(casus__xs(a, "code"),
                                                     3));
  if (!rc && casus__xs(a, "role"))
    rc = set_str(e, "sector", a, "role");
  if (!rc)
    rc = set_str(e, "entity_text", a, "name");
  if (!rc)
    rc = set_str(e, "actor_code", a, "code");
  if (rc || json_array_append_new(l, e)) {
    json_decref(l);
    return NULL;
  }
  return l;
}

/* Returns the list [S] (or the ';'-separated items of S), [] for NULL. */
static json_t *list_of(const char *s, bool split) {
  json_t *l = json_array();
  for (const char *p = s; l && p && *p;) {
    size_t n = split ? strcspn(p, ";") : strlen(p);
    if (json_array_append_new(l, json_stringn(p, n))) {
      json_decref(l);
      return NULL;
    }
    p += n;
    if (*p)
      p++;
  }
  return l;
}

/* Returns the PLOVER location object, or NULL when there is no place. */
static json_t *location(const xtables *t, json_t *ev) {
  json_t *p = casus__xj(ev, "place");
  const char *name = casus__xs(p, "name");
  if (!name)
    return NULL;
  const xcountry *c = casus__xcountry(t, casus__xs(p, "country"));
  const char *prec = casus__xs(p, "precision");
  int res = prec && !strcmp(prec, "country") ? 1
            : prec && !strcmp(prec, "admin1") ? 2 : 4;
  json_t *o = json_object();
  int rc = !o;
  rc = rc ? rc : set_str(o, "extracted_place", ev, "place.name");
  rc = rc ? rc : set_str(o, "resolved_place", ev, "place.name");
  if (!rc && res == 4)
    rc = set_str(o, "city", ev, "place.name");
  rc = rc ? rc : set_str(o, "district", ev, "place.admin2");
  rc = rc ? rc : set_str(o, "province", ev, "place.admin1");
  if (!rc && c && c->name)
    rc = json_object_set_new(o, "country", json_string(c->name));
  if (!rc && c && c->iso3)
    rc = json_object_set_new(o, "country_code", json_string(c->iso3));
  json_t *lat = casus__xj(p, "lat"), *lon = casus__xj(p, "lon");
  if (!rc && json_is_number(lat) && json_is_number(lon)) {
    rc = json_object_set(o, "lat", lat);
    rc = rc ? rc : json_object_set(o, "lon", lon);
  }
  rc = rc ? rc : json_object_set_new(o, "resolution", json_integer(res));
  if (rc) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* Returns the texts of the mentions' triggers. */
static json_t *event_text(json_t *ev) {
  json_t *l = json_array();
  size_t i;
  json_t *m;
  json_array_foreach(casus__xj(ev, "mentions"), i, m) {
    json_t *s = casus__xj(m, "trigger.text");
    if (l && json_is_string(s) && json_array_append(l, s)) {
      json_decref(l);
      return NULL;
    }
  }
  return l;
}

/* Returns cite_info from the first mention (outlet, URL). */
static json_t *cite_info(json_t *ev) {
  json_t *m = json_array_get(casus__xj(ev, "mentions"), 0);
  json_t *o = json_object();
  int rc = !o;
  rc = rc ? rc : json_object_set_new(o, "corpus", json_string("casus"));
  rc = rc ? rc : set_str(o, "url", m, "url");
  rc = rc ? rc : set_str(o, "publication", m, "source");
  rc = rc ? rc : set_str(o, "citation", m, "article");
  rc = rc ? rc : json_object_set_new(o, "codebook",
                                     json_string("PLOVER 2.0 draft via "
                                                 "CAMEO2PLOVER-2021 + casus "
                                                 "fixes"));
  if (rc) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* Sets O[K] = V (taking V); a NULL V is an error. */
static int put(json_t *o, const char *k, json_t *v) {
  return v ? json_object_set_new(o, k, v) : -1;
}

static int plover_row(const xtables *t, json_t *ev, casus_buf *b) {
  const char *type = casus__xs(ev, "plover.type");
  if (!casus__xactual(ev) || !type)
    return CASUS_DONE;
  json_t *o = json_object();
  int rc = !o;
  rc = rc ? rc : set_str(o, "id", ev, "event_id");
  rc = rc ? rc : json_object_set_new(o, "has_event", json_true());
  rc = rc ? rc : set_str(o, "date", ev, "date");
  rc = rc ? rc : put(o, "actor", entities(casus__xj(ev, "actor1")));
  json_t *a2 = casus__xj(ev, "actor2");
  if (!rc && json_is_object(a2))
    rc = put(o, "recipient", entities(a2));
  rc = rc ? rc : put(o, "event", list_of(type, false));
  rc = rc ? rc : put(o, "mode", list_of(casus__xs(ev, "plover.mode"), false));
  if (!rc) {
    json_t *ctx = casus__xj(ev, "plover.context");
    rc = put(o, "context", json_is_array(ctx) ? json_incref(ctx)
                                              : json_array());
  }
  rc = rc ? rc : json_object_set_new(o, "quad_code",
                                     json_integer(quad_of(type)));
  json_t *loc = rc ? NULL : location(t, ev);
  if (loc)
    rc = json_object_set_new(o, "event_loc", loc);
  rc = rc ? rc : put(o, "event_text", event_text(ev));
  long long dead;
  if (!rc && casus__xint(ev, "fatalities.best", &dead))
    rc = put(o, "size", json_pack("{sI}", "dead", (json_int_t)dead));
  rc = rc ? rc : set_str(o, "link", ev, "story_id");
  rc = rc ? rc : put(o, "cite_info", cite_info(ev));
  rc = rc ? rc : json_object_set_new(o, "coder", json_string("casus"));
  rc = rc ? rc : set_str(o, "cameo", ev, "cameo");
  char *s = rc ? NULL : json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
                                          JSON_REAL_PRECISION(10));
  int out = s ? casus__buf_append(b, s, strlen(s)) : CASUS_ENOMEM;
  if (!out)
    out = casus__buf_append(b, "\n", 1);
  if (s) {
    json_malloc_t jm;
    json_free_t jf;
    json_get_alloc_funcs(&jm, &jf);
    jf(s);
  }
  json_decref(o);
  return out;
}

const xformat casus__fmt_plover = {"plover", NULL, true, plover_row};
