/* json.c -- one coded event as one JSON object (the public output format).
 *
 * The layout is a public contract documented in docs/json.md: keys come in
 * a fixed order, fields are added over time but never renamed or retyped.
 * Unknown values are written as null (never invented); the CAMEO code is
 * always a string so that "010" keeps its leading zero.  Every span of the
 * document is written as byte offsets into the cleaned text together with
 * the bytes it covers.
 *
 * The JSON is written straight into one growing buffer, byte for byte what
 * jansson's json_dumps(tree, JSON_COMPACT | JSON_REAL_PRECISION(10)) would
 * print for the tree of the same keys in the same order (the earlier
 * implementation built that tree: 4x the cost).  Strings are escaped and
 * reals printed by lib/util/jdump.c, the same code that serializes trees.
 * The string is casus__malloc memory for casus_free(). */
#include "casus_int.h"

#include <math.h>
#include <string.h>

/* jansson's %g precision for reals: keeps 6 decimals of a coordinate and
 * prints a Goldstein score of 3.4 as 3.4, not 3.3999999999999999. */
#define JSON_PRECISION 10

/* Writer state: the cleaned text spans refer to, the output, and the first
 * error. */
typedef struct jctx {
  const char *text;  /* the doc's cleaned text */
  size_t len;        /* its length in bytes */
  int rc;            /* CASUS_OK or the first error met */
  casus_text_fn lookup;  /* fused events: the text of an article id */
  const void *lctx;      /* its context */
  casus_buf out;     /* the JSON written so far */
  int first;         /* 1 right after '{' or '[': no ',' before a member */
  const char *looked;    /* the article of the last lookup (its text and
                            len are still text and len: speed) */
} jctx;

/* For a fused event, makes spans refer to ARTICLE's text (empty when it
 * is unknown); a doc's event keeps its one text. */
static void use_article(jctx *c, const char *article) {
  if (!c->lookup)
    return;
  if (article && article == c->looked)
    return; /* the lookup's answer stays until the next lookup */
  c->looked = NULL;
  c->len = 0;
  c->text = article ? c->lookup(c->lctx, article, &c->len) : NULL;
  if (!c->text) {
    c->text = "";
    c->len = 0;
  } else {
    c->looked = article;
  }
}

/* Appends S[0..N) verbatim, unless an error was met; inline when the
 * buffer has room (speed). */
static void raw(jctx *c, const char *s, size_t n) {
  casus_buf *b = &c->out;
  if (c->rc)
    return;
  if (b->len + n < b->cap && !b->max) {
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return;
  }
  c->rc = casus__buf_append(b, s, n);
}

/* Starts an object or array (OPEN is "{" or "["). */
static void open_(jctx *c, const char *open) {
  raw(c, open, 1);
  c->first = 1;
}

/* Ends an object or array (CLOSE is "}" or "]"). */
static void close_(jctx *c, const char *close) {
  raw(c, close, 1);
  c->first = 0;
}

/* Starts the next element of an array: a ',' unless it is the first. */
static void elem(jctx *c) {
  if (!c->first)
    raw(c, ",", 1);
  c->first = 0;
}

/* Starts member K of an object: ',' unless first, then "K": (keys are
 * plain ASCII, nothing to escape). */
static inline void key(jctx *c, const char *k) {
  char b[48];
  size_t n = strlen(k);
  size_t i = 0;
  if (n + 4 > sizeof b) {
    c->rc = c->rc ? c->rc : CASUS_EINVAL;
    return;
  }
  casus_buf *o = &c->out;
  if (!c->rc && !o->max && o->len + n + 4 < o->cap) { /* speed: in place */
    char *p = o->data + o->len;
    if (!c->first)
      *p++ = ',';
    c->first = 0;
    *p++ = '"';
    memcpy(p, k, n);
    p += n;
    *p++ = '"';
    *p++ = ':';
    *p = '\0';
    o->len = (size_t)(p - o->data);
    return;
  }
  if (!c->first)
    b[i++] = ',';
  c->first = 0;
  b[i++] = '"';
  memcpy(b + i, k, n);
  i += n;
  b[i++] = '"';
  b[i++] = ':';
  raw(c, b, i);
}

static void v_null(jctx *c) {
  raw(c, "null", 4);
}

/* Writes the string S[0..N), null when S is NULL; a string that is not
 * UTF-8 fails with CASUS_EUTF8. */
static void v_strn(jctx *c, const char *s, size_t n) {
  if (!s) {
    v_null(c);
    return;
  }
  size_t a = 0; /* speed: ASCII needs no check, 8 bytes at a time */
  for (uint64_t w; a + 8 <= n; a += 8) {
    memcpy(&w, s + a, sizeof w);
    if (w & 0x8080808080808080u)
      break;
  }
  while (a < n && !((unsigned char)s[a] & 0x80))
    a++;
  if (a < n && !casus__utf8_valid(s + a, n - a)) {
    if (!c->rc)
      c->rc = CASUS_EUTF8;
    return;
  }
  if (!c->rc)
    c->rc = casus__json_string(&c->out, s, n);
}

/* Writes the NUL-terminated S, null for NULL. */
static void v_str(jctx *c, const char *s) {
  v_strn(c, s, s ? strlen(s) : 0);
}

/* Writes the fixed-size char array S[0..CAP), null when it is empty (an
 * unknown date, code or id). */
static void v_arr(jctx *c, const char *s, size_t cap) {
  size_t n = strnlen(s, cap);
  if (n)
    v_strn(c, s, n);
  else
    v_null(c);
}

/* Writes the integer V as %lld would. */
static void v_int(jctx *c, long long v) {
  char b[24];
  size_t i = sizeof b;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v
                                : (unsigned long long)v;
  do {
    b[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0)
    b[--i] = '-';
  raw(c, b + i, sizeof b - i);
}

/* Writes a count, or null when V is negative (CASUS_UNKNOWN). */
static void v_count(jctx *c, long v) {
  if (v < 0)
    v_null(c);
  else
    v_int(c, v);
}

/* Writes the real V, null when it is not finite. */
static void v_real(jctx *c, double v) {
  if (!isfinite(v))
    v_null(c);
  else if (!c->rc)
    c->rc = casus__json_real(&c->out, v, JSON_PRECISION);
}

/* Writes the text of span [START, END) of the cleaned text: "" for an
 * empty span, null when the span does not fit the text.  A span that cuts
 * a UTF-8 sequence is an upstream bug and fails with CASUS_EUTF8. */
static void v_span(jctx *c, uint32_t start, uint32_t end) {
  if (start > end || end > c->len)
    v_null(c);
  else
    v_strn(c, c->text + start, end - start);
}

/* Writes {"code","country","role","name"}, or null when all are
 * unknown. */
static void j_actor(jctx *c, const casus_actor *a) {
  if (!a->code && !a->country && !a->role && !a->name) {
    v_null(c);
    return;
  }
  open_(c, "{");
  key(c, "code");
  v_str(c, a->code);
  key(c, "country");
  v_str(c, a->country);
  key(c, "role");
  v_str(c, a->role);
  key(c, "name");
  v_str(c, a->name);
  close_(c, "}");
}

/* Writes the place object; all fields are null when the place has no
 * name, and lat/lon are null unless it has coordinates. */
static void j_place(jctx *c, const casus_place *p) {
  int known = p->name != NULL;
  int coords = known && p->has_coords && isfinite(p->lat) &&
               isfinite(p->lon);
  open_(c, "{");
  key(c, "name");
  v_str(c, known ? p->name : NULL);
  key(c, "country");
  v_str(c, known ? p->country : NULL);
  key(c, "admin1");
  v_str(c, known ? p->admin1 : NULL);
  key(c, "admin2");
  v_str(c, known ? p->admin2 : NULL);
  key(c, "lat");
  v_real(c, coords ? p->lat : NAN);
  key(c, "lon");
  v_real(c, coords ? p->lon : NAN);
  key(c, "precision");
  v_str(c, known ? p->precision : NULL);
  key(c, "geo_precision");
  v_str(c, known ? p->geo_precision : NULL);
  key(c, "geonameid");
  if (known && p->geonameid)
    v_int(c, (long long)p->geonameid);
  else
    v_null(c);
  key(c, "feature");
  v_str(c, known ? p->feature : NULL);
  key(c, "country3");
  v_str(c, known ? p->country3 : NULL);
  key(c, "admin1_code");
  v_str(c, known ? p->admin1_code : NULL);
  key(c, "admin2_code");
  v_str(c, known ? p->admin2_code : NULL);
  close_(c, "}");
}

/* Writes the fatalities object; breakdown keys are left out when their
 * count is unknown. */
static void j_fatalities(jctx *c, const casus_fatalities *f) {
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
  open_(c, "{");
  key(c, "low");
  v_count(c, f->low);
  key(c, "best");
  v_count(c, f->best);
  key(c, "high");
  v_count(c, f->high);
  if (c->lookup) {
    key(c, "acled");
    v_count(c, f->acled);
  }
  key(c, "breakdown");
  open_(c, "{");
  for (size_t i = 0; i < CASUS_ARRAY_LEN(parts); i++) {
    long v;
    memcpy(&v, (const char *)f + parts[i].off, sizeof v);
    if (v >= 0) {
      key(c, parts[i].key);
      v_int(c, v);
    }
  }
  close_(c, "}");
  close_(c, "}");
}

/* Writes one mention: its sentence span and text, and the trigger. */
static void j_mention(jctx *c, const casus_mention *m) {
  open_(c, "{");
  use_article(c, m->article);
  key(c, "article");
  v_str(c, m->article);
  key(c, "sentence");
  v_int(c, m->sentence);
  key(c, "start");
  v_int(c, m->start);
  key(c, "end");
  v_int(c, m->end);
  key(c, "text");
  v_span(c, m->start, m->end);
  key(c, "rule");
  v_str(c, m->rule);
  key(c, "trigger");
  open_(c, "{");
  key(c, "start");
  v_int(c, m->trigger_start);
  key(c, "end");
  v_int(c, m->trigger_end);
  key(c, "text");
  v_span(c, m->trigger_start, m->trigger_end);
  close_(c, "}");
  if (c->lookup) { /* 0.2.0: the mention's article */
    key(c, "source");
    v_str(c, m->source);
    key(c, "url");
    v_str(c, m->url);
    key(c, "published");
    v_str(c, m->published);
    key(c, "duplicate_of");
    v_str(c, m->duplicate_of);
  }
  close_(c, "}");
}

/* Writes the list of mentions. */
static void j_mentions(jctx *c, const casus_event *ev) {
  open_(c, "[");
  for (size_t i = 0; i < ev->n_mentions && !c->rc; i++) {
    elem(c);
    j_mention(c, &ev->mentions[i]);
  }
  close_(c, "]");
}

/* Writes provenance member K for P, unless P has no rule. */
static void put_prov(jctx *c, const char *k, const casus_prov *p) {
  if (!p->rule)
    return;
  use_article(c, p->article);
  key(c, k);
  open_(c, "{");
  key(c, "start");
  v_int(c, p->start);
  key(c, "end");
  v_int(c, p->end);
  key(c, "text");
  v_span(c, p->start, p->end);
  key(c, "rule");
  v_str(c, p->rule);
  if (c->lookup) {
    key(c, "article");
    v_str(c, p->article);
  }
  close_(c, "}");
}

/* Writes the list of count phrases (GKG-style counts). */
static void j_counts(jctx *c, const casus_event *ev) {
  open_(c, "[");
  for (size_t i = 0; i < ev->n_counts && !c->rc; i++) {
    const casus_count *x = &ev->counts[i];
    elem(c);
    use_article(c, x->prov.article);
    open_(c, "{");
    key(c, "kind");
    v_str(c, x->kind);
    key(c, "number");
    v_int(c, (long long)x->number);
    key(c, "qualifier");
    v_str(c, x->qualifier);
    key(c, "who");
    v_str(c, x->who);
    key(c, "start");
    v_int(c, x->prov.start);
    key(c, "end");
    v_int(c, x->prov.end);
    key(c, "text");
    v_span(c, x->prov.start, x->prov.end);
    if (c->lookup) {
      key(c, "article");
      v_str(c, x->prov.article);
    }
    close_(c, "}");
  }
  close_(c, "]");
}

/* Writes the provenance object of the coded fields. */
static void j_provenance(jctx *c, const casus_event *ev) {
  open_(c, "{");
  put_prov(c, "date", &ev->date_prov);
  put_prov(c, "actor1", &ev->actor1.prov);
  put_prov(c, "actor2", &ev->actor2.prov);
  put_prov(c, "place", &ev->place.prov);
  put_prov(c, "fatalities", &ev->fatalities.prov);
  close_(c, "}");
}

/* Writes {"type","mode","context":[...]} of the PLOVER ontology; members
 * are null (context []) when unmapped. */
static void j_plover(jctx *c, const casus_event *ev) {
  open_(c, "{");
  key(c, "type");
  v_str(c, ev->plover_type);
  key(c, "mode");
  v_str(c, ev->plover_mode);
  key(c, "context");
  open_(c, "[");
  for (const char *s = ev->plover_context; s && *s && !c->rc;) {
    const char *semi = strchr(s, ';');
    size_t n = semi ? (size_t)(semi - s) : strlen(s);
    elem(c);
    v_strn(c, s, n);
    s = semi ? semi + 1 : s + n;
  }
  close_(c, "]");
  close_(c, "}");
}

/* Writes {"event_type","sub_event_type"}, null members when the event is
 * not an ACLED event type. */
static void j_acled(jctx *c, const casus_event *ev) {
  open_(c, "{");
  key(c, "event_type");
  v_str(c, ev->acled_type);
  key(c, "sub_event_type");
  v_str(c, ev->acled_subtype);
  close_(c, "}");
}

/* Writes the attribution object of an event, null when none. */
static void j_attribution(jctx *c, const casus_attribution *a) {
  if (!a) {
    v_null(c);
    return;
  }
  use_article(c, a->article);
  open_(c, "{");
  key(c, "name");
  v_str(c, a->name);
  key(c, "code");
  v_str(c, a->code);
  key(c, "article");
  v_str(c, a->article);
  key(c, "start");
  v_int(c, a->start);
  key(c, "end");
  v_int(c, a->end);
  key(c, "text");
  v_span(c, a->start, a->end);
  close_(c, "}");
}

/* Writes the discrepancies of a fused event: one object per field with
 * the claims of each source. */
static void j_discrepancies(jctx *c, const casus_event *ev) {
  open_(c, "[");
  for (size_t i = 0; i < ev->n_discrepancies && !c->rc; i++) {
    const casus_discrepancy *d = &ev->discrepancies[i];
    elem(c);
    open_(c, "{");
    key(c, "field");
    v_str(c, d->field);
    key(c, "claims");
    open_(c, "[");
    for (size_t k = 0; k < d->n_claims && !c->rc; k++) {
      const casus_claim *x = &d->claims[k];
      elem(c);
      use_article(c, x->article);
      open_(c, "{");
      key(c, "value");
      v_str(c, x->value);
      key(c, "article");
      v_str(c, x->article);
      key(c, "source");
      v_str(c, x->source);
      key(c, "attribution");
      v_str(c, x->attribution);
      key(c, "start");
      v_int(c, x->start);
      key(c, "end");
      v_int(c, x->end);
      key(c, "text");
      v_span(c, x->start, x->end);
      close_(c, "}");
    }
    close_(c, "]");
    close_(c, "}");
  }
  close_(c, "]");
}

/* Writes the whole event object (partial when C->rc is set). */
static void j_event(jctx *c, const casus_event *ev) {
  open_(c, "{");
  key(c, "event_id");
  v_arr(c, ev->event_id, sizeof ev->event_id);
  key(c, "date");
  v_arr(c, ev->date, sizeof ev->date);
  key(c, "date_precision");
  v_str(c, ev->date_precision);
  key(c, "actor1");
  j_actor(c, &ev->actor1);
  key(c, "actor2");
  j_actor(c, &ev->actor2);
  key(c, "cameo");
  v_arr(c, ev->cameo, sizeof ev->cameo);
  key(c, "cameo_name");
  v_str(c, ev->cameo_name);
  key(c, "goldstein");
  v_real(c, ev->goldstein);
  key(c, "quad_class");
  v_int(c, ev->quad_class);
  key(c, "plover");
  j_plover(c, ev);
  key(c, "acled");
  j_acled(c, ev);
  key(c, "modality");
  v_str(c, ev->modality);
  /* 0.2.0: per-article events carry them too */
  key(c, "polarity");
  v_str(c, ev->polarity ? ev->polarity : "asserted");
  key(c, "attribution");
  j_attribution(c, ev->attribution);
  key(c, "place");
  j_place(c, &ev->place);
  key(c, "fatalities");
  j_fatalities(c, &ev->fatalities);
  key(c, "num_sources");
  v_int(c, ev->num_sources);
  key(c, "num_articles");
  v_int(c, ev->num_articles);
  key(c, "num_mentions");
  v_int(c, ev->num_mentions);
  if (c->lookup) {
    key(c, "story_id");
    v_str(c, ev->story_id);
    key(c, "first_reported");
    v_arr(c, ev->first_reported, sizeof ev->first_reported);
    key(c, "last_reported");
    v_arr(c, ev->last_reported, sizeof ev->last_reported);
    key(c, "confidence");
    v_real(c, ev->confidence);
    key(c, "discrepancies");
    j_discrepancies(c, ev);
  }
  key(c, "mentions");
  j_mentions(c, ev);
  key(c, "provenance");
  j_provenance(c, ev);
  key(c, "counts");
  j_counts(c, ev);
  close_(c, "}");
}

/* Hands the written JSON to *OUT (casus__malloc'd) unless C->rc is set,
 * in which case it is freed; returns C->rc. */
static int finish(jctx *c, char **out) {
  if (c->rc)
    casus__buf_free(&c->out);
  else
    *out = c->out.data;
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
  j_event(&c, ev);
  return finish(&c, out);
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
  j_event(&c, ev);
  return finish(&c, out);
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
  open_(&c, "{");
  key(&c, "article");
  v_str(&c, casus_doc_article_id(d));
  key(&c, "start");
  v_int(&c, q->start);
  key(&c, "end");
  v_int(&c, q->end);
  key(&c, "text");
  v_span(&c, q->start, q->end);
  key(&c, "speaker");
  if (q->speaker) {
    open_(&c, "{");
    key(&c, "name");
    v_str(&c, q->speaker);
    key(&c, "code");
    v_str(&c, q->speaker_code);
    key(&c, "start");
    v_int(&c, q->speaker_start);
    key(&c, "end");
    v_int(&c, q->speaker_end);
    key(&c, "text");
    v_span(&c, q->speaker_start, q->speaker_end);
    close_(&c, "}");
  } else {
    v_null(&c);
  }
  close_(&c, "}");
  return finish(&c, out);
}

int casus__story_json(const casus_story *st, char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  if (!st)
    return CASUS_EINVAL;
  jctx c = {0};
  c.text = "";
  open_(&c, "{");
  key(&c, "story_id");
  v_arr(&c, st->story_id, sizeof st->story_id);
  key(&c, "title");
  v_str(&c, st->title);
  key(&c, "first");
  v_arr(&c, st->first, sizeof st->first);
  key(&c, "last");
  v_arr(&c, st->last, sizeof st->last);
  key(&c, "num_articles");
  v_int(&c, st->num_articles);
  key(&c, "num_sources");
  v_int(&c, st->num_sources);
  key(&c, "articles");
  open_(&c, "[");
  for (size_t i = 0; i < st->n_articles && !c.rc; i++) {
    const casus_story_article *a = &st->articles[i];
    elem(&c);
    open_(&c, "{");
    key(&c, "id");
    v_str(&c, a->id);
    key(&c, "source");
    v_str(&c, a->source);
    key(&c, "published");
    v_str(&c, a->published);
    key(&c, "duplicate_of");
    v_str(&c, a->duplicate_of);
    close_(&c, "}");
  }
  close_(&c, "]");
  key(&c, "events");
  open_(&c, "[");
  for (size_t i = 0; i < st->n_events && !c.rc; i++) {
    elem(&c);
    v_str(&c, st->events[i]);
  }
  close_(&c, "]");
  close_(&c, "}");
  return finish(&c, out);
}
