/* dyads.c -- dyads (ordered actor pairs) from event JSON: daily series,
 * tit-for-tat exchanges and an escalation index (docs/dyads.md).
 *
 * Events are parsed with jansson as they are added and kept as small
 * records; casus_dyads_finish computes everything at once.  Invariants:
 * every kept event has a date inside the period and both dyad keys;
 * strings (keys, ids, types) are interned in the arena and live as long
 * as the handle; results are arena memory too, so close frees all. */
#include "casus_int.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_WINDOW 7
#define W_RECIPROCITY 5.0 /* per exchange: half a use of force (-10) */
#define W_FATALITIES 2.0  /* per unit of ln(1 + killed) */
#define MAX_KEY 64        /* longer actor codes are not dyad keys */
#define MAX_FATALITIES 1000000000L /* larger counts are clamped to it */

typedef struct dy_ev {
  long day;
  const char *id;        /* interned, "" when none */
  const char *src, *tgt; /* interned dyad keys */
  char cameo[5];
  const char *type;      /* interned PLOVER type or CAMEO root */
  int quad;              /* 1..4, 0 unknown */
  double g;              /* Goldstein, 0 when unknown */
  long fat;              /* best, CASUS_UNKNOWN */
  size_t dyad;           /* index in d->dyads */
} dy_ev;

typedef struct dy_dyad {
  size_t *ev;            /* indexes into d->evs, in day order after finish */
  size_t nev, capev;
  casus_tit_for_tat *own; /* the exchanges it started (arena) */
  size_t nown;
  size_t reverse;        /* index of the reverse dyad, (size_t)-1: none */
  casus_dyad pub;
} dy_dyad;

struct casus_dyads {
  int level, window;
  long from, to;         /* LONG_MIN / LONG_MAX: open */
  long lo, hi;           /* the period actually used */
  casus_arena arena;
  casus_map *strings;    /* interned strings */
  casus_map *ids;        /* event ids already added */
  casus_map *index;      /* "SRC\tTGT" -> dyad index + 1 */
  dy_ev *evs;
  size_t nevs, capevs;
  dy_dyad *dyads;
  size_t ndyads, capdyads;
  const casus_dyad **rank; /* the dyads by escalation */
  size_t added;
  int finished;
};

/* ------------------------------------------------------------- helpers */

/* Returns the interned copy of S[0..N) (arena memory), NULL on OOM. */
static const char *intern(casus_dyads *d, const char *s, size_t n) {
  void **slot = casus__map_slot(d->strings, s, n);
  if (!slot)
    return NULL;
  if (!*slot)
    *slot = casus__arena_strndup(&d->arena, s, n);
  return *slot;
}

/* Material conflict: quad class 4 (CAMEO roots 14-20); when the quad
 * class is missing, the root decides. */
static int hostile(const dy_ev *e) {
  if (e->quad)
    return e->quad == 4;
  int root = (e->cameo[0] - '0') * 10 + (e->cameo[1] - '0');
  return e->cameo[0] && e->cameo[1] && root >= 14 && root <= 20;
}

static const char *jget_str(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The dyad key of actor object A at the handle's level, or NULL. */
static const char *actor_key(const casus_dyads *d, json_t *a) {
  if (!json_is_object(a))
    return NULL;
  const char *k = jget_str(a, d->level == CASUS_DYAD_ACTOR ? "code"
                                                           : "country");
  return k && *k && strlen(k) <= MAX_KEY ? k : NULL;
}

static int quad_of(const char *cameo) {
  int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
  if (root >= 1 && root <= 5)
    return 1;
  if (root >= 6 && root <= 8)
    return 2;
  if (root >= 9 && root <= 13)
    return 3;
  if (root >= 14 && root <= 20)
    return 4;
  return 0;
}

/* --------------------------------------------------------------- open */

int casus_dyads_open(const casus_dyads_opts *opts, casus_dyads **out,
                     casus_error *err) {
  if (!out)
    return casus__err(err, CASUS_EINVAL, "", 0, "no output handle");
  *out = NULL;
  casus_dyads *d = casus__calloc(1, sizeof *d);
  if (!d)
    return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
  int rc = CASUS_OK;
  casus__arena_init(&d->arena);
  d->from = LONG_MIN;
  d->to = LONG_MAX;
  d->window = DEFAULT_WINDOW;
  if (opts) {
    d->level = opts->level;
    if (opts->window > 0)
      d->window = opts->window;
    if (opts->window < 0 || (d->level != CASUS_DYAD_COUNTRY &&
                             d->level != CASUS_DYAD_ACTOR)) {
      rc = casus__err(err, CASUS_EINVAL, "", 0, "bad dyad level or window");
      goto fail;
    }
    if ((opts->from && !casus__parse_iso_date(opts->from, &d->from)) ||
        (opts->to && !casus__parse_iso_date(opts->to, &d->to))) {
      rc = casus__err(err, CASUS_EDATE, "", 0,
                      "the period wants dates as YYYY-MM-DD");
      goto fail;
    }
  }
  d->strings = casus__map_new();
  d->ids = casus__map_new();
  d->index = casus__map_new();
  if (!d->strings || !d->ids || !d->index) {
    rc = casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
    goto fail;
  }
  *out = d;
  return CASUS_OK;
fail:
  casus_dyads_close(d);
  return rc;
}

void casus_dyads_close(casus_dyads *d) {
  if (!d)
    return;
  for (size_t i = 0; i < d->ndyads; i++)
    casus__free(d->dyads[i].ev);
  casus__free(d->dyads);
  casus__free(d->evs);
  casus__free(d->rank);
  casus__map_free(d->strings);
  casus__map_free(d->ids);
  casus__map_free(d->index);
  casus__arena_free(&d->arena);
  casus__free(d);
}

/* ---------------------------------------------------------------- add */

/* Fills E from the event object O; returns 1 when it belongs to a dyad,
 * 0 when it is skipped, or CASUS_ENOMEM. */
static int read_event(casus_dyads *d, json_t *o, dy_ev *e) {
  const char *date = jget_str(o, "date");
  const char *k1 = actor_key(d, json_object_get(o, "actor1"));
  const char *k2 = actor_key(d, json_object_get(o, "actor2"));
  if (!date || !k1 || !k2 || !casus__parse_iso_date(date, &e->day))
    return 0;
  if (e->day < d->from || e->day > d->to)
    return 0;
  const char *cameo = jget_str(o, "cameo");
  size_t clen = cameo ? strlen(cameo) : 0;
  if (clen < 2 || clen > 4 || cameo[0] < '0' || cameo[0] > '2' ||
      cameo[1] < '0' || cameo[1] > '9')
    return 0;
  memcpy(e->cameo, cameo, clen + 1);
  json_t *g = json_object_get(o, "goldstein");
  e->g = json_is_number(g) ? json_number_value(g) : 0.0;
  if (!(e->g >= -10.0 && e->g <= 10.0))
    e->g = 0.0; /* off the Goldstein scale (or NaN): unknown; an infinite
                   sum would make the index and its JSON unwritable */
  json_t *q = json_object_get(o, "quad_class");
  e->quad = json_is_integer(q) ? (int)json_integer_value(q) : 0;
  if (e->quad < 1 || e->quad > 4)
    e->quad = quad_of(e->cameo);
  json_t *best = json_object_get(json_object_get(o, "fatalities"), "best");
  e->fat = json_is_integer(best) && json_integer_value(best) >= 0
               ? (long)json_integer_value(best)
               : CASUS_UNKNOWN;
  if (e->fat > MAX_FATALITIES)
    e->fat = MAX_FATALITIES; /* sums of such counts cannot overflow */
  const char *type = jget_str(json_object_get(o, "plover"), "type");
  const char *id = jget_str(o, "event_id");
  e->type = type && *type ? intern(d, type, strlen(type))
                          : intern(d, e->cameo, 2);
  e->id = intern(d, id ? id : "", id ? strlen(id) : 0);
  e->src = intern(d, k1, strlen(k1));
  e->tgt = intern(d, k2, strlen(k2));
  if (!e->type || !e->id || !e->src || !e->tgt)
    return CASUS_ENOMEM;
  return 1;
}

/* Returns the index of dyad SRC->TGT, creating it; (size_t)-1 on OOM. */
static size_t dyad_of(casus_dyads *d, const char *src, const char *tgt) {
  char key[2 * MAX_KEY + 2];
  size_t n1 = strlen(src), n2 = strlen(tgt);
  memcpy(key, src, n1);
  key[n1] = '\t';
  memcpy(key + n1 + 1, tgt, n2);
  void **slot = casus__map_slot(d->index, key, n1 + 1 + n2);
  if (!slot)
    return (size_t)-1;
  if (*slot)
    return (size_t)(uintptr_t)*slot - 1;
  if (casus__grow((void **)&d->dyads, &d->capdyads, d->ndyads + 1,
                  sizeof *d->dyads))
    return (size_t)-1;
  dy_dyad *y = &d->dyads[d->ndyads];
  memset(y, 0, sizeof *y);
  y->pub.source = src;
  y->pub.target = tgt;
  *slot = (void *)(uintptr_t)(d->ndyads + 1);
  return d->ndyads++;
}

/* Keeps the parsed event E (its id not seen before) in its dyad. */
static int keep_event(casus_dyads *d, const dy_ev *e) {
  if (*e->id) {
    void **seen = casus__map_slot(d->ids, e->id, strlen(e->id));
    if (!seen)
      return CASUS_ENOMEM;
    if (*seen)
      return CASUS_OK; /* the same event given twice */
    *seen = (void *)e->id;
  }
  size_t y = dyad_of(d, e->src, e->tgt);
  if (y == (size_t)-1 ||
      casus__grow((void **)&d->evs, &d->capevs, d->nevs + 1,
                  sizeof *d->evs))
    return CASUS_ENOMEM;
  dy_dyad *dy = &d->dyads[y];
  if (casus__grow((void **)&dy->ev, &dy->capev, dy->nev + 1,
                  sizeof *dy->ev))
    return CASUS_ENOMEM;
  d->evs[d->nevs] = *e;
  d->evs[d->nevs].dyad = y;
  dy->ev[dy->nev++] = d->nevs++;
  return CASUS_OK;
}

int casus_dyads_add(casus_dyads *d, const char *json, size_t len,
                    casus_error *err) {
  if (!d || !json)
    return casus__err(err, CASUS_EINVAL, "", 0, "no dyads or event");
  if (d->finished)
    return casus__err(err, CASUS_EINVAL, "", 0,
                      "events added after casus_dyads_finish");
  json_error_t je;
  json_t *o = json_loadb(json, len, 0, &je);
  int rc = CASUS_OK;
  if (!json_is_object(o)) {
    rc = casus__err(err, CASUS_EPARSE, "", 0, "not an event object: %s",
                    o ? "not an object" : je.text);
    goto done;
  }
  d->added++;
  dy_ev e;
  memset(&e, 0, sizeof e);
  rc = read_event(d, o, &e);
  if (rc == 1)
    rc = keep_event(d, &e);
  if (rc == CASUS_ENOMEM)
    casus__err(err, rc, "", 0, "out of memory");
done:
  json_decref(o);
  return rc;
}

/* ------------------------------------------------------------- finish */

/* Dyad, then day, then CAMEO code, then id: each dyad's events become
 * one run in a canonical order whatever the input order. */
static int by_dyad_day(const void *pa, const void *pb) {
  const dy_ev *a = pa, *b = pb;
  if (a->dyad != b->dyad)
    return a->dyad < b->dyad ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  int c = strcmp(a->cameo, b->cameo);
  return c ? c : strcmp(a->id, b->id);
}

/* Sorts the events by dyad and day and points each dyad at its run. */
static void sort_events(casus_dyads *d) {
  if (d->nevs)
    qsort(d->evs, d->nevs, sizeof *d->evs, by_dyad_day);
  size_t i = 0;
  for (size_t y = 0; y < d->ndyads; y++) {
    dy_dyad *dy = &d->dyads[y];
    for (size_t k = 0; k < dy->nev; k++)
      dy->ev[k] = i++;
  }
}

/* True when A is a stronger act than B: lower Goldstein, then more
 * killed, then the smaller id. */
static bool stronger(const dy_ev *a, const dy_ev *b) {
  if (a->g != b->g)
    return a->g < b->g;
  if (a->fat != b->fat)
    return a->fat > b->fat;
  return strcmp(a->id, b->id) < 0;
}

static void fill_act(const dy_ev *e, casus_dyad_act *a) {
  a->event_id = e->id;
  casus__format_date(e->day, a->date);
  a->source = e->src;
  a->target = e->tgt;
  memcpy(a->cameo, e->cameo, sizeof a->cameo);
  a->goldstein = e->g;
  a->fatalities = e->fat;
}

static int by_key(const void *pa, const void *pb) {
  return strcmp(((const casus_dyad_count *)pa)->key,
                ((const casus_dyad_count *)pb)->key);
}

/* Fills DAY from the events EV[0..N) of one day. */
static int fill_day(casus_dyads *d, const size_t *ev, size_t n,
                    casus_dyad_day *day) {
  casus_dyad_count *t = casus__arena_alloc(&d->arena, n * sizeof *t);
  if (!t)
    return CASUS_ENOMEM;
  casus__format_date(d->evs[ev[0]].day, day->date);
  day->fatalities = CASUS_UNKNOWN;
  size_t nt = 0;
  for (size_t i = 0; i < n; i++) {
    const dy_ev *e = &d->evs[ev[i]];
    day->events++;
    day->hostile += hostile(e) ? 1 : 0;
    day->quad[e->quad]++;
    day->goldstein_sum += e->g;
    if (e->fat >= 0)
      day->fatalities = (day->fatalities < 0 ? 0 : day->fatalities) + e->fat;
    size_t k = 0;
    while (k < nt && t[k].key != e->type) /* interned: pointers compare */
      k++;
    if (k == nt)
      t[nt++].key = e->type;
    t[k].n++;
  }
  qsort(t, nt, sizeof *t, by_key);
  day->types = t;
  day->ntypes = nt;
  day->goldstein_mean = day->goldstein_sum / (double)n;
  return CASUS_OK;
}

/* Sorts dyad Y's events and builds its series and totals. */
static int build_series(casus_dyads *d, dy_dyad *y) {
  if (!y->nev) /* left by a failed add */
    return CASUS_OK;
  casus_dyad_day *days = casus__arena_alloc(&d->arena,
                                            y->nev * sizeof *days);
  if (!days)
    return CASUS_ENOMEM;
  size_t nd = 0;
  casus_dyad *p = &y->pub;
  p->fatalities = CASUS_UNKNOWN;
  for (size_t i = 0; i < y->nev;) {
    size_t j = i;
    while (j < y->nev && d->evs[y->ev[j]].day == d->evs[y->ev[i]].day)
      j++;
    if (fill_day(d, y->ev + i, j - i, &days[nd]))
      return CASUS_ENOMEM;
    p->events += days[nd].events;
    p->hostile += days[nd].hostile;
    p->goldstein_sum += days[nd].goldstein_sum;
    if (days[nd].fatalities >= 0)
      p->fatalities = (p->fatalities < 0 ? 0 : p->fatalities) +
                      days[nd].fatalities;
    nd++;
    i = j;
  }
  p->series = days;
  p->nseries = nd;
  p->goldstein_mean = p->events ? p->goldstein_sum / (double)p->events : 0;
  casus__format_date(d->evs[y->ev[0]].day, p->first);
  casus__format_date(d->evs[y->ev[y->nev - 1]].day, p->last);
  return CASUS_OK;
}

/* Writes into OUT (room for Y->nev) the strongest hostile event of each
 * day of dyad Y, in day order; returns how many. */
static size_t hostile_days(const casus_dyads *d, const dy_dyad *y,
                           size_t *out) {
  size_t n = 0;
  for (size_t i = 0; i < y->nev; i++) {
    const dy_ev *e = &d->evs[y->ev[i]];
    if (!hostile(e))
      continue;
    if (n && d->evs[out[n - 1]].day == e->day) {
      if (stronger(e, &d->evs[out[n - 1]]))
        out[n - 1] = y->ev[i];
    } else {
      out[n++] = y->ev[i];
    }
  }
  return n;
}

/* True when E repeats the act or reply of an exchange, or an event
 * already listed between (same direction, day and CAMEO code): unfused
 * input reports one event once per article. */
static bool repeats(const dy_ev *e, const dy_ev *const *seen, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (seen[i]->day == e->day && seen[i]->src == e->src &&
        seen[i]->tgt == e->tgt && !strcmp(seen[i]->cameo, e->cameo))
      return true;
  return false;
}

/* Returns the index of the first event of dyad Y on or after DAY (its
 * events are in day order). */
static size_t first_on(const casus_dyads *d, const dy_dyad *y, long day) {
  size_t lo = 0, hi = y->nev;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d->evs[y->ev[mid]].day < day)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* Lists in T the events of dyads X and R (the reverse) from the act's day
 * to the reply's, act and reply excluded, each once, in day order. */
static int fill_between(casus_dyads *d, const dy_dyad *x, const dy_dyad *r,
                        const dy_ev *act, const dy_ev *reply,
                        casus_tit_for_tat *t) {
  size_t i = first_on(d, x, act->day), j = first_on(d, r, act->day);
  size_t ie = first_on(d, x, reply->day + 1);
  size_t je = first_on(d, r, reply->day + 1);
  size_t cap = (ie - i) + (je - j) + 2, n = 2, nb = 0;
  const dy_ev **seen = casus__malloc(cap * sizeof *seen);
  if (!seen)
    return CASUS_ENOMEM;
  seen[0] = act;
  seen[1] = reply;
  while (i < ie || j < je) {
    const dy_ev *ex = i < ie ? &d->evs[x->ev[i]] : NULL;
    const dy_ev *er = j < je ? &d->evs[r->ev[j]] : NULL;
    const dy_ev *e = ex && (!er || ex->day <= er->day) ? ex : er;
    if (e == ex)
      i++;
    else
      j++;
    if (!repeats(e, seen, n))
      seen[n++] = e;
  }
  casus_dyad_act *b = NULL;
  if (n > 2) {
    b = casus__arena_alloc(&d->arena, (n - 2) * sizeof *b);
    if (!b) {
      casus__free(seen);
      return CASUS_ENOMEM;
    }
    for (size_t k = 2; k < n; k++)
      fill_act(seen[k], &b[nb++]);
  }
  casus__free(seen);
  t->between = b;
  t->nbetween = nb;
  return CASUS_OK;
}

/* Finds the exchanges dyad X (A->B) starts: for each day with a hostile
 * act A->B, the strongest hostile act B->A after it, within the window
 * and no later than A's next hostile day. */
static int find_tft(casus_dyads *d, size_t xi) {
  dy_dyad *x = &d->dyads[xi];
  if (x->pub.source == x->pub.target)
    return CASUS_OK;
  char key[2 * MAX_KEY + 2];
  size_t n1 = strlen(x->pub.target), n2 = strlen(x->pub.source);
  memcpy(key, x->pub.target, n1);
  key[n1] = '\t';
  memcpy(key + n1 + 1, x->pub.source, n2);
  void *v = casus__map_get(d->index, key, n1 + 1 + n2);
  if (!v)
    return CASUS_OK;
  x->reverse = (size_t)(uintptr_t)v - 1;
  dy_dyad *r = &d->dyads[x->reverse];
  int rc = CASUS_ENOMEM;
  size_t *ha = casus__malloc(x->nev * sizeof *ha);
  size_t *hb = casus__malloc(r->nev * sizeof *hb);
  casus_tit_for_tat *t = casus__arena_alloc(&d->arena,
                                            x->nev * sizeof *t);
  if (!ha || !hb || !t)
    goto done;
  size_t na = hostile_days(d, x, ha), nb = hostile_days(d, r, hb), nt = 0;
  size_t j0 = 0; /* B's first day after A's current one: both in order */
  for (size_t i = 0; i < na; i++) {
    const dy_ev *a = &d->evs[ha[i]], *best = NULL;
    long limit = a->day + d->window;
    if (i + 1 < na && d->evs[ha[i + 1]].day < limit)
      limit = d->evs[ha[i + 1]].day;
    while (j0 < nb && d->evs[hb[j0]].day <= a->day)
      j0++;
    for (size_t j = j0; j < nb && d->evs[hb[j]].day <= limit; j++) {
      const dy_ev *b = &d->evs[hb[j]];
      if (!best || stronger(b, best))
        best = b;
    }
    if (!best)
      continue;
    fill_act(a, &t[nt].act);
    fill_act(best, &t[nt].reply);
    t[nt].days = best->day - a->day;
    if (fill_between(d, x, r, a, best, &t[nt]))
      goto done;
    nt++;
  }
  x->own = t;
  x->nown = nt;
  rc = CASUS_OK;
done:
  casus__free(ha);
  casus__free(hb);
  return rc;
}

static int by_act_date(const void *pa, const void *pb) {
  const casus_tit_for_tat *a = pa, *b = pb;
  int c = strcmp(a->act.date, b->act.date);
  return c ? c : strcmp(a->act.source, b->act.source);
}

/* Gives dyad X the exchanges of its pair, started by either side, in
 * date order (copies sharing their "between" lists). */
static int pair_tft(casus_dyads *d, dy_dyad *x) {
  const dy_dyad *r = x->reverse == (size_t)-1 ? NULL
                                               : &d->dyads[x->reverse];
  size_t n = x->nown + (r ? r->nown : 0);
  if (!n)
    return CASUS_OK;
  casus_tit_for_tat *t = casus__arena_alloc(&d->arena, n * sizeof *t);
  if (!t)
    return CASUS_ENOMEM;
  if (x->nown)
    memcpy(t, x->own, x->nown * sizeof *t);
  if (r && r->nown)
    memcpy(t + x->nown, r->own, r->nown * sizeof *t);
  qsort(t, n, sizeof *t, by_act_date);
  x->pub.tft = t;
  x->pub.ntft = n;
  x->pub.reciprocity = n;
  return CASUS_OK;
}

/* The escalation index of dyad Y over the period [lo, hi]. */
static void escalate(const casus_dyads *d, dy_dyad *y) {
  long n = d->hi - d->lo + 1, len1 = n / 2, mid = d->lo + len1;
  double s[2] = {0, 0};
  long f[2] = {0, 0};
  for (size_t i = 0; i < y->nev; i++) {
    const dy_ev *e = &d->evs[y->ev[i]];
    int h = e->day >= mid;
    if (e->g < 0)
      s[h] -= e->g;
    if (e->fat > 0)
      f[h] += e->fat;
  }
  double half = (double)n / 2.0;
  y->pub.conflict1 = len1 ? s[0] * half / (double)len1 : 0.0;
  y->pub.conflict2 = s[1] * half / (double)(n - len1);
  y->pub.escalation = (y->pub.conflict2 - y->pub.conflict1) +
                      W_RECIPROCITY * (double)y->pub.reciprocity +
                      W_FATALITIES * (log1p((double)f[1]) -
                                      log1p((double)f[0]));
}

static int by_escalation(const void *pa, const void *pb) {
  const casus_dyad *a = *(const casus_dyad *const *)pa;
  const casus_dyad *b = *(const casus_dyad *const *)pb;
  if (a->escalation != b->escalation)
    return a->escalation > b->escalation ? -1 : 1;
  int c = strcmp(a->source, b->source);
  return c ? c : strcmp(a->target, b->target);
}

int casus_dyads_finish(casus_dyads *d, casus_error *err) {
  if (!d)
    return casus__err(err, CASUS_EINVAL, "", 0, "no dyads");
  if (d->finished)
    return CASUS_OK;
  d->lo = d->from;
  d->hi = d->to;
  long mn = LONG_MAX, mx = LONG_MIN;
  for (size_t i = 0; i < d->nevs; i++) {
    mn = d->evs[i].day < mn ? d->evs[i].day : mn;
    mx = d->evs[i].day > mx ? d->evs[i].day : mx;
  }
  if (d->lo == LONG_MIN)
    d->lo = mn;
  if (d->hi == LONG_MAX)
    d->hi = mx;
  for (size_t i = 0; i < d->ndyads; i++) { /* again after a failure */
    casus_dyad *p = &d->dyads[i].pub;
    casus_dyad keep = {.source = p->source, .target = p->target};
    *p = keep;
  }
  casus__free(d->rank);
  d->rank = casus__malloc((d->ndyads ? d->ndyads : 1) * sizeof *d->rank);
  if (!d->rank)
    goto oom;
  sort_events(d);
  for (size_t i = 0; i < d->ndyads; i++)
    if (build_series(d, &d->dyads[i]))
      goto oom;
  for (size_t i = 0; i < d->ndyads; i++) {
    d->dyads[i].reverse = (size_t)-1;
    d->dyads[i].nown = 0;
  }
  for (size_t i = 0; i < d->ndyads; i++)
    if (find_tft(d, i))
      goto oom;
  for (size_t i = 0; i < d->ndyads; i++)
    if (pair_tft(d, &d->dyads[i]))
      goto oom;
  for (size_t i = 0; i < d->ndyads; i++) {
    escalate(d, &d->dyads[i]);
    d->rank[i] = &d->dyads[i].pub;
  }
  qsort(d->rank, d->ndyads, sizeof *d->rank, by_escalation);
  d->finished = 1;
  return CASUS_OK;
oom:
  return casus__err(err, CASUS_ENOMEM, "", 0, "out of memory");
}

/* ---------------------------------------------------------- accessors */

size_t casus_dyads_count(const casus_dyads *d) {
  return d && d->finished ? d->ndyads : 0;
}

const casus_dyad *casus_dyads_get(const casus_dyads *d, size_t i) {
  if (!d || !d->finished || i >= d->ndyads)
    return NULL;
  return d->rank[i];
}

void casus_dyads_period(const casus_dyads *d, char from[11], char to[11]) {
  from[0] = to[0] = '\0';
  if (!d || !d->finished || !d->nevs)
    return;
  casus__format_date(d->lo, from);
  casus__format_date(d->hi, to);
}

void casus_dyads_totals(const casus_dyads *d, size_t *added, size_t *kept) {
  *added = d ? d->added : 0;
  *kept = d ? d->nevs : 0;
}

/* ---------------------------------------------------------------- json */

#define JSON_FLAGS \
  (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* Jansson reports failures by returning NULL/-1; one flag collects them
 * so the builders stay flat. */
typedef struct jb {
  int oom;
} jb;

static void put(jb *b, json_t *o, const char *key, json_t *v) {
  if (!v || json_object_set_new(o, key, v))
    b->oom = 1;
}

static void push(jb *b, json_t *a, json_t *v) {
  if (!v || json_array_append_new(a, v))
    b->oom = 1;
}

/* A real rounded to 3 decimals (the index is not that precise). */
static json_t *jround(double v) {
  double r = round(v * 1000.0) / 1000.0;
  return json_real(r == 0.0 ? 0.0 : r); /* no "-0.0" */
}

static json_t *jcount(long v) {
  return v < 0 ? json_null() : json_integer(v);
}

static json_t *j_act(jb *b, const casus_dyad_act *a) {
  json_t *o = json_object();
  if (!o)
    return NULL;
  put(b, o, "event_id", *a->event_id ? json_string(a->event_id)
                                     : json_null());
  put(b, o, "date", json_string(a->date));
  put(b, o, "source", json_string(a->source));
  put(b, o, "target", json_string(a->target));
  put(b, o, "cameo", json_string(a->cameo));
  put(b, o, "goldstein", json_real(a->goldstein));
  put(b, o, "fatalities", jcount(a->fatalities));
  return o;
}

static json_t *j_day(jb *b, const casus_dyad_day *day) {
  json_t *o = json_object(), *q = json_object(), *t = json_object();
  if (!o || !q || !t) {
    json_decref(q);
    json_decref(t);
    return o;  /* NULL or incomplete: put() flags it */
  }
  put(b, o, "date", json_string(day->date));
  put(b, o, "events", json_integer((json_int_t)day->events));
  put(b, o, "hostile", json_integer((json_int_t)day->hostile));
  static const char *const QUAD[] = {"unknown", "1", "2", "3", "4"};
  for (int i = 0; i < 5; i++)
    if (day->quad[i])
      put(b, q, QUAD[i], json_integer((json_int_t)day->quad[i]));
  put(b, o, "quad_class", q);
  for (size_t i = 0; i < day->ntypes; i++)
    put(b, t, day->types[i].key, json_integer((json_int_t)day->types[i].n));
  put(b, o, "types", t);
  put(b, o, "goldstein_sum", jround(day->goldstein_sum));
  put(b, o, "goldstein_mean", jround(day->goldstein_mean));
  put(b, o, "fatalities", jcount(day->fatalities));
  return o;
}

static json_t *j_tft(jb *b, const casus_tit_for_tat *t) {
  json_t *o = json_object(), *between = json_array();
  if (!o || !between) {
    json_decref(between);
    return o;
  }
  put(b, o, "act", j_act(b, &t->act));
  put(b, o, "reply", j_act(b, &t->reply));
  put(b, o, "days", json_integer(t->days));
  for (size_t i = 0; i < t->nbetween; i++)
    push(b, between, j_act(b, &t->between[i]));
  put(b, o, "between", between);
  return o;
}

static json_t *j_dyad(jb *b, const casus_dyads *d, const casus_dyad *y,
                      size_t rank) {
  json_t *o = json_object(), *series = json_array(), *tft = json_array();
  json_t *conflict = json_object(), *period = json_object();
  if (!o || !series || !tft || !conflict || !period) {
    json_decref(series);
    json_decref(tft);
    json_decref(conflict);
    json_decref(period);
    b->oom = 1;
    return o;
  }
  char from[11], to[11];
  casus_dyads_period(d, from, to);
  put(b, o, "rank", json_integer((json_int_t)rank + 1));
  put(b, o, "level", json_string(d->level == CASUS_DYAD_ACTOR ? "actor"
                                                              : "country"));
  put(b, o, "source", json_string(y->source));
  put(b, o, "target", json_string(y->target));
  put(b, period, "from", json_string(from));
  put(b, period, "to", json_string(to));
  put(b, o, "period", period);
  put(b, o, "first", json_string(y->first));
  put(b, o, "last", json_string(y->last));
  put(b, o, "events", json_integer((json_int_t)y->events));
  put(b, o, "hostile", json_integer((json_int_t)y->hostile));
  put(b, o, "goldstein_sum", jround(y->goldstein_sum));
  put(b, o, "goldstein_mean", jround(y->goldstein_mean));
  put(b, o, "fatalities", jcount(y->fatalities));
  put(b, conflict, "first_half", jround(y->conflict1));
  put(b, conflict, "second_half", jround(y->conflict2));
  put(b, o, "conflict", conflict);
  put(b, o, "reciprocity", json_integer((json_int_t)y->reciprocity));
  put(b, o, "escalation", jround(y->escalation));
  for (size_t i = 0; i < y->nseries; i++)
    push(b, series, j_day(b, &y->series[i]));
  put(b, o, "series", series);
  for (size_t i = 0; i < y->ntft; i++)
    push(b, tft, j_tft(b, &y->tft[i]));
  put(b, o, "tit_for_tat", tft);
  return o;
}

/* Writes the I-th ranked dyad as compact JSON into a casus__malloc'd
 * string (*OUT, caller frees with casus_free).  CASUS_EINVAL before
 * finish or out of range, CASUS_ENOMEM. */
int casus_dyad_to_json(const casus_dyads *d, size_t i, char **out) {
  if (!out)
    return CASUS_EINVAL;
  *out = NULL;
  const casus_dyad *y = casus_dyads_get(d, i);
  if (!y)
    return CASUS_EINVAL;
  jb b = {0};
  json_t *o = j_dyad(&b, d, y, i);
  char *s = o && !b.oom ? json_dumps(o, JSON_FLAGS) : NULL;
  int rc = s ? CASUS_OK : CASUS_ENOMEM;
  if (s)
    *out = casus__strdup(s);
  if (s && !*out)
    rc = CASUS_ENOMEM;
  if (s) {
    json_malloc_t jmalloc;
    json_free_t jfree;
    json_get_alloc_funcs(&jmalloc, &jfree);
    jfree(s);
  }
  json_decref(o);
  return rc;
}
