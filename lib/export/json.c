/* json.c -- one coded event as one JSON object (the public output format).
 *
 * The layout is a public contract documented in docs/json.md: keys come in
 * a fixed order, fields are added over time but never renamed or retyped.
 * Unknown values are written as null (never invented); the CAMEO code is
 * always a string so that "010" keeps its leading zero.  Every span of the
 * document is written as byte offsets into the cleaned text together with
 * the bytes it covers.
 *
 * jansson builds the tree and serializes it (compact, UTF-8, insertion
 * order); its allocator is left alone because other modules share it, and
 * the final string is copied into casus__malloc memory for casus_free(). */
#include "casus_int.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

/* jansson's %g precision for reals: keeps 6 decimals of a coordinate and
 * prints a Goldstein score of 3.4 as 3.4, not 3.3999999999999999. */
#define JSON_FLAGS \
  (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* Builder state: the cleaned text spans refer to, and the first error. */
typedef struct jctx {
  const char *text;  /* the doc's cleaned text */
  size_t len;        /* its length in bytes */
  int rc;            /* CASUS_OK or the first error met */
  casus_text_fn lookup;  /* fused events: the text of an article id */
  const void *lctx;      /* its context */
} jctx;

/* For a fused event, makes spans refer to ARTICLE's text (empty when it
 * is unknown); a doc's event keeps its one text. */
static void use_article(jctx *c, const char *article) {
  if (!c->lookup)
    return;
  c->len = 0;
  c->text = article ? c->lookup(c->lctx, article, &c->len) : NULL;
  if (!c->text) {
    c->text = "";
    c->len = 0;
  }
}

/* Returns a new JSON string for S[0..N), json null when S is NULL, or NULL
 * (setting C->rc) when S is not UTF-8 or memory ran out. */
static json_t *jstrn(jctx *c, const char *s, size_t n) {
  if (!s)
    return json_null();
  if (!casus__utf8_valid(s, n)) {
    if (!c->rc)
      c->rc = CASUS_EUTF8;
    return NULL;
  }
  json_t *v = json_stringn(s, n);
  if (!v && !c->rc)
    c->rc = CASUS_ENOMEM;
  return v;
}

/* Returns a JSON string for the NUL-terminated S, json null for NULL. */
static json_t *jstr(jctx *c, const char *s) {
  return jstrn(c, s, s ? strlen(s) : 0);
}

/* Returns a JSON string for the fixed-size char array S[0..CAP), json null
 * when it is empty (an unknown date, code or id). */
static json_t *jarr(jctx *c, const char *s, size_t cap) {
  size_t n = strnlen(s, cap);
  return n ? jstrn(c, s, n) : json_null();
}

/* Returns a JSON integer, or null when V is negative (CASUS_UNKNOWN). */
static json_t *jcount(long v) {
  return v < 0 ? json_null() : json_integer((json_int_t)v);
}

/* Returns the text of span [START, END) of the cleaned text: "" for an
 * empty span, null when the span does not fit the text.  A span that cuts
 * a UTF-8 sequence is an upstream bug and fails with CASUS_EUTF8. */
static json_t *jspan(jctx *c, uint32_t start, uint32_t end) {
  if (start > end || end > c->len)
    return json_null();
  return jstrn(c, c->text + start, end - start);
}

/* Sets O[K] = V, taking V's reference; records failure in C->rc.  V may be
 * NULL (an earlier failure), in which case nothing is set. */
static void put(jctx *c, json_t *o, const char *k, json_t *v) {
  if (!o || !v) {
    json_decref(v);
    if (!c->rc)
      c->rc = CASUS_ENOMEM;
    return;
  }
  if (json_object_set_new(o, k, v) && !c->rc)
    c->rc = CASUS_ENOMEM;
}

/* Returns {"code","country","role","name"}, or null when all are unknown. */
static json_t *j_actor(jctx *c, const casus_actor *a) {
  if (!a->code && !a->country && !a->role && !a->name)
    return json_null();
  json_t *o = json_object();
  put(c, o, "code", jstr(c, a->code));
  put(c, o, "country", jstr(c, a->country));
  put(c, o, "role", jstr(c, a->role));
  put(c, o, "name", jstr(c, a->name));
  return o;
}

/* Returns the place object; all fields are null when the place has no
 * name, and lat/lon are null unless it has coordinates. */
static json_t *j_place(jctx *c, const casus_place *p) {
  int known = p->name != NULL;
  int coords = known && p->has_coords && isfinite(p->lat) &&
               isfinite(p->lon);
  json_t *o = json_object();
  put(c, o, "name", jstr(c, known ? p->name : NULL));
  put(c, o, "country", jstr(c, known ? p->country : NULL));
  put(c, o, "admin1", jstr(c, known ? p->admin1 : NULL));
  put(c, o, "admin2", jstr(c, known ? p->admin2 : NULL));
  put(c, o, "lat", coords ? json_real(p->lat) : json_null());
  put(c, o, "lon", coords ? json_real(p->lon) : json_null());
  put(c, o, "precision", jstr(c, known ? p->precision : NULL));
  put(c, o, "geo_precision", jstr(c, known ? p->geo_precision : NULL));
  put(c, o, "geonameid", known && p->geonameid
                             ? json_integer((json_int_t)p->geonameid)
                             : json_null());
  put(c, o, "feature", jstr(c, known ? p->feature : NULL));
  put(c, o, "country3", jstr(c, known ? p->country3 : NULL));
  put(c, o, "admin1_code", jstr(c, known ? p->admin1_code : NULL));
  put(c, o, "admin2_code", jstr(c, known ? p->admin2_code : NULL));
  return o;
}

/* Returns the fatalities object; breakdown keys are left out when their
 * count is unknown. */
static json_t *j_fatalities(jctx *c, const casus_fatalities *f) {
  static const struct {
    const char *key;
    size_t off;
  } parts[] = {
    {"women", offsetof(casus_fatalities, women)},
    {"children", offsetof(casus_fatalities, children)},
    {"civilians", offsetof(casus_fatalities, civilians)},
    {"foreign", offsetof(casus_fatalities, foreign)},
    {"militants", offsetof(casus_fatalities, militants)},
    {"security", offsetof(casus_fatalities, security)},
  };
  json_t *o = json_object();
  put(c, o, "low", jcount(f->low));
  put(c, o, "best", jcount(f->best));
  put(c, o, "high", jcount(f->high));
  if (c->lookup)
    put(c, o, "acled", jcount(f->acled));
  json_t *b = json_object();
  for (size_t i = 0; i < CASUS_ARRAY_LEN(parts); i++) {
    long v;
    memcpy(&v, (const char *)f + parts[i].off, sizeof v);
    if (v >= 0)
      put(c, b, parts[i].key, json_integer((json_int_t)v));
  }
  put(c, o, "breakdown", b);
  return o;
}

/* Returns one mention: its sentence span and text, and the trigger. */
static json_t *j_mention(jctx *c, const casus_mention *m) {
  json_t *o = json_object();
  use_article(c, m->article);
  put(c, o, "article", jstr(c, m->article));
  put(c, o, "sentence", json_integer(m->sentence));
  put(c, o, "start", json_integer(m->start));
  put(c, o, "end", json_integer(m->end));
  put(c, o, "text", jspan(c, m->start, m->end));
  put(c, o, "rule", jstr(c, m->rule));
  json_t *t = json_object();
  put(c, t, "start", json_integer(m->trigger_start));
  put(c, t, "end", json_integer(m->trigger_end));
  put(c, t, "text", jspan(c, m->trigger_start, m->trigger_end));
  put(c, o, "trigger", t);
  if (c->lookup) { /* 0.2.0: the mention's article */
    put(c, o, "source", jstr(c, m->source));
    put(c, o, "url", jstr(c, m->url));
    put(c, o, "published", jstr(c, m->published));
    put(c, o, "duplicate_of", jstr(c, m->duplicate_of));
  }
  return o;
}

/* Returns the list of mentions. */
static json_t *j_mentions(jctx *c, const casus_event *ev) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < ev->n_mentions && !c->rc; i++) {
    json_t *m = j_mention(c, &ev->mentions[i]);
    if (!m || json_array_append_new(a, m)) {
      if (!c->rc)
        c->rc = CASUS_ENOMEM;
    }
  }
  return a;
}

/* Adds provenance entry K for P to O, unless P has no rule. */
static void put_prov(jctx *c, json_t *o, const char *k, const casus_prov *p) {
  if (!p->rule)
    return;
  use_article(c, p->article);
  json_t *e = json_object();
  put(c, e, "start", json_integer(p->start));
  put(c, e, "end", json_integer(p->end));
  put(c, e, "text", jspan(c, p->start, p->end));
  put(c, e, "rule", jstr(c, p->rule));
  if (c->lookup)
    put(c, e, "article", jstr(c, p->article));
  put(c, o, k, e);
}

/* Returns the list of count phrases (GKG-style counts). */
static json_t *j_counts(jctx *c, const casus_event *ev) {
  json_t *a = json_array();
  for (size_t i = 0; a && i < ev->n_counts && !c->rc; i++) {
    const casus_count *x = &ev->counts[i];
    json_t *o = json_object();
    use_article(c, x->prov.article);
    put(c, o, "kind", jstr(c, x->kind));
    put(c, o, "number", json_integer((json_int_t)x->number));
    put(c, o, "qualifier", jstr(c, x->qualifier));
    put(c, o, "who", jstr(c, x->who));
    put(c, o, "start", json_integer(x->prov.start));
    put(c, o, "end", json_integer(x->prov.end));
    put(c, o, "text", jspan(c, x->prov.start, x->prov.end));
    if (c->lookup)
      put(c, o, "article", jstr(c, x->prov.article));
    if (!o || json_array_append_new(a, o)) {
      if (!c->rc)
        c->rc = CASUS_ENOMEM;
    }
  }
  return a;
}

/* Returns the provenance object of the coded fields. */
static json_t *j_provenance(jctx *c, const casus_event *ev) {
  json_t *o = json_object();
  put_prov(c, o, "date", &ev->date_prov);
  put_prov(c, o, "actor1", &ev->actor1.prov);
  put_prov(c, o, "actor2", &ev->actor2.prov);
  put_prov(c, o, "place", &ev->place.prov);
  put_prov(c, o, "fatalities", &ev->fatalities.prov);
  return o;
}

/* Returns {"type","mode","context":[...]} of the PLOVER ontology; members
 * are null (context []) when unmapped. */
static json_t *j_plover(jctx *c, const casus_event *ev) {
  json_t *o = json_object();
  put(c, o, "type", jstr(c, ev->plover_type));
  put(c, o, "mode", jstr(c, ev->plover_mode));
  json_t *a = json_array();
  for (const char *s = ev->plover_context; a && s && *s;) {
    const char *semi = strchr(s, ';');
    size_t n = semi ? (size_t)(semi - s) : strlen(s);
    json_t *v = jstrn(c, s, n);
    if (!v || json_array_append_new(a, v)) {
      if (!c->rc)
        c->rc = CASUS_ENOMEM;
      break;
    }
    s = semi ? semi + 1 : s + n;
  }
  put(c, o, "context", a);
  return o;
}

/* Returns {"event_type","sub_event_type"}, null members when the event is
 * not an ACLED event type. */
static json_t *j_acled(jctx *c, const casus_event *ev) {
  json_t *o = json_object();
  put(c, o, "event_type", jstr(c, ev->acled_type));
  put(c, o, "sub_event_type", jstr(c, ev->acled_subtype));
  return o;
}

/* Returns the attribution object of an event, null when none. */
static json_t *j_attribution(jctx *c, const casus_attribution *a) {
  if (!a)
    return json_null();
  use_article(c, a->article);
  json_t *o = json_object();
  put(c, o, "name", jstr(c, a->name));
  put(c, o, "code", jstr(c, a->code));
  put(c, o, "article", jstr(c, a->article));
  put(c, o, "start", json_integer(a->start));
  put(c, o, "end", json_integer(a->end));
  put(c, o, "text", jspan(c, a->start, a->end));
  return o;
}

/* Returns the discrepancies of a fused event: one object per field with
 * the claims of each source. */
static json_t *j_discrepancies(jctx *c, const casus_event *ev) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < ev->n_discrepancies && !c->rc; i++) {
    const casus_discrepancy *d = &ev->discrepancies[i];
    json_t *o = json_object();
    json_t *cl = json_array();
    put(c, o, "field", jstr(c, d->field));
    for (size_t k = 0; cl && k < d->n_claims && !c->rc; k++) {
      const casus_claim *x = &d->claims[k];
      json_t *co = json_object();
      use_article(c, x->article);
      put(c, co, "value", jstr(c, x->value));
      put(c, co, "article", jstr(c, x->article));
      put(c, co, "source", jstr(c, x->source));
      put(c, co, "attribution", jstr(c, x->attribution));
      put(c, co, "start", json_integer(x->start));
      put(c, co, "end", json_integer(x->end));
      put(c, co, "text", jspan(c, x->start, x->end));
      if (!co || json_array_append_new(cl, co))
        c->rc = c->rc ? c->rc : CASUS_ENOMEM;
    }
    put(c, o, "claims", cl);
    if (!o || json_array_append_new(arr, o))
      c->rc = c->rc ? c->rc : CASUS_ENOMEM;
  }
  return arr;
}

/* Returns the whole event object (NULL or partial when C->rc is set). */
static json_t *j_event(jctx *c, const casus_event *ev) {
  json_t *o = json_object();
  put(c, o, "event_id", jarr(c, ev->event_id, sizeof ev->event_id));
  put(c, o, "date", jarr(c, ev->date, sizeof ev->date));
  put(c, o, "date_precision", jstr(c, ev->date_precision));
  put(c, o, "actor1", j_actor(c, &ev->actor1));
  put(c, o, "actor2", j_actor(c, &ev->actor2));
  put(c, o, "cameo", jarr(c, ev->cameo, sizeof ev->cameo));
  put(c, o, "cameo_name", jstr(c, ev->cameo_name));
  put(c, o, "goldstein", isfinite(ev->goldstein) ? json_real(ev->goldstein)
                                                 : json_null());
  put(c, o, "quad_class", json_integer(ev->quad_class));
  put(c, o, "plover", j_plover(c, ev));
  put(c, o, "acled", j_acled(c, ev));
  put(c, o, "modality", jstr(c, ev->modality));
  /* 0.2.0: per-article events carry them too */
  put(c, o, "polarity", jstr(c, ev->polarity ? ev->polarity : "asserted"));
  put(c, o, "attribution", j_attribution(c, ev->attribution));
  put(c, o, "place", j_place(c, &ev->place));
  put(c, o, "fatalities", j_fatalities(c, &ev->fatalities));
  put(c, o, "num_sources", json_integer(ev->num_sources));
  put(c, o, "num_articles", json_integer(ev->num_articles));
  put(c, o, "num_mentions", json_integer(ev->num_mentions));
  if (c->lookup) {
    put(c, o, "story_id", jstr(c, ev->story_id));
    put(c, o, "first_reported",
        jarr(c, ev->first_reported, sizeof ev->first_reported));
    put(c, o, "last_reported",
        jarr(c, ev->last_reported, sizeof ev->last_reported));
    put(c, o, "confidence", isfinite(ev->confidence)
                                ? json_real(ev->confidence)
                                : json_null());
    put(c, o, "discrepancies", j_discrepancies(c, ev));
  }
  put(c, o, "mentions", j_mentions(c, ev));
  put(c, o, "provenance", j_provenance(c, ev));
  put(c, o, "counts", j_counts(c, ev));
  return o;
}

/* Serializes O (taking its reference) into a casus__malloc'd string in
 * *OUT unless C->rc is already set; returns C->rc. */
static int dump(jctx *c, json_t *o, char **out) {
  if (!c->rc) {
    /* casus__json_dump prints what json_dumps(o, JSON_FLAGS) would, at a
     * fraction of the cost (lib/util/jdump.c). */
    casus_buf b = {0};
    c->rc = casus__json_dump(o, 10, &b);
    if (c->rc)
      casus__buf_free(&b);
    else
      *out = b.data;
  }
  json_decref(o);
  return c->rc;
}

/* Writes EV as compact JSON into a casus__malloc'd string in *OUT (caller
 * frees with casus_free).  Returns CASUS_OK, CASUS_EINVAL for NULL
 * arguments, CASUS_EUTF8 when a string or span is not UTF-8, or
 * CASUS_ENOMEM; *OUT is NULL on failure. */
int casus_event_to_json(const casus_doc *d, const casus_event *ev,
                        char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!d || !ev || (ev->n_mentions && !ev->mentions))
    return CASUS_EINVAL;
  jctx c = {0};
  c.text = casus_doc_text(d, &c.len);
  if (!c.text) {
    c.text = "";
    c.len = 0;
  }
  json_t *o = j_event(&c, ev);
  return dump(&c, o, out);
}

int casus__fused_event_json(const casus_event *ev, casus_text_fn lookup,
                            const void *ctx, char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!ev || !lookup || (ev->n_mentions && !ev->mentions))
    return CASUS_EINVAL;
  jctx c = {0};
  c.text = "";
  c.lookup = lookup;
  c.lctx = ctx;
  json_t *o = j_event(&c, ev);
  return dump(&c, o, out);
}

/* {"article","start","end","text","speaker":{"name","code","start",
 * "end","text"} or null}: quotation Q of doc D. */
int casus_quote_to_json(const casus_doc *d, const casus_quote *q,
                        char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!d || !q)
    return CASUS_EINVAL;
  jctx c = {0};
  c.text = casus_doc_text(d, &c.len);
  if (!c.text) {
    c.text = "";
    c.len = 0;
  }
  json_t *o = json_object();
  put(&c, o, "article", jstr(&c, casus_doc_article_id(d)));
  put(&c, o, "start", json_integer(q->start));
  put(&c, o, "end", json_integer(q->end));
  put(&c, o, "text", jspan(&c, q->start, q->end));
  json_t *sp = json_null();
  if (q->speaker) {
    sp = json_object();
    put(&c, sp, "name", jstr(&c, q->speaker));
    put(&c, sp, "code", jstr(&c, q->speaker_code));
    put(&c, sp, "start", json_integer(q->speaker_start));
    put(&c, sp, "end", json_integer(q->speaker_end));
    put(&c, sp, "text", jspan(&c, q->speaker_start, q->speaker_end));
  }
  put(&c, o, "speaker", sp);
  return dump(&c, o, out);
}

int casus__story_json(const casus_story *st, char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!st)
    return CASUS_EINVAL;
  jctx c = {0};
  c.text = "";
  json_t *o = json_object();
  put(&c, o, "story_id", jarr(&c, st->story_id, sizeof st->story_id));
  put(&c, o, "title", jstr(&c, st->title));
  put(&c, o, "first", jarr(&c, st->first, sizeof st->first));
  put(&c, o, "last", jarr(&c, st->last, sizeof st->last));
  put(&c, o, "num_articles", json_integer(st->num_articles));
  put(&c, o, "num_sources", json_integer(st->num_sources));
  json_t *arts = json_array();
  for (size_t i = 0; arts && i < st->n_articles && !c.rc; i++) {
    const casus_story_article *a = &st->articles[i];
    json_t *ao = json_object();
    put(&c, ao, "id", jstr(&c, a->id));
    put(&c, ao, "source", jstr(&c, a->source));
    put(&c, ao, "published", jstr(&c, a->published));
    put(&c, ao, "duplicate_of", jstr(&c, a->duplicate_of));
    if (!ao || json_array_append_new(arts, ao))
      c.rc = c.rc ? c.rc : CASUS_ENOMEM;
  }
  put(&c, o, "articles", arts);
  json_t *evs = json_array();
  for (size_t i = 0; evs && i < st->n_events && !c.rc; i++) {
    json_t *v = jstr(&c, st->events[i]);
    if (!v || json_array_append_new(evs, v))
      c.rc = c.rc ? c.rc : CASUS_ENOMEM;
  }
  put(&c, o, "events", evs);
  return dump(&c, o, out);
}
