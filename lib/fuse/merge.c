/* merge.c -- fused events: whether an article's event may join a fused
 * event (compatible dyad, CAMEO family, date and place), and the
 * canonical view of a fused event: its most specific fields, the
 * reconciled fatalities (UCDP low/best/high, ACLED's most conservative
 * figure), the fields on which sources disagree, and a confidence.
 * docs/fusion.md states the rules. */
#include "fuse_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when S and T are equal strings (NULL equals only NULL). */
static bool same(const char *s, const char *t) {
  return s == t || (s && t && !strcmp(s, t));
}

int casus__fuse_family(int root) {
  return root >= 18 && root <= 20 ? 18 : root;
}

/* True for the agent codes of non-state armed groups. */
static bool armed(const char *r) {
  static const char *const codes[] = {"REB", "SEP", "INS", "UAF", "RAD"};
  for (size_t k = 0; r && k < CASUS_ARRAY_LEN(codes); k++)
    if (!strcmp(r, codes[k]))
      return true;
  return false;
}

/* True when code C names a group of its own (not country + role). */
static bool named_group(const casus_actor *a) {
  if (!a->code)
    return false;
  size_t cl = a->country ? strlen(a->country) : 0;
  size_t rl = a->role ? strlen(a->role) : 0;
  return strlen(a->code) != cl + rl;
}

int casus__actor_compat(const casus_actor *a, const casus_actor *b) {
  bool ka = a->code || a->country || a->role;
  bool kb = b->code || b->country || b->role;
  if (!ka && !kb)
    return 2;
  if (!ka || !kb)
    return 0;
  if (!same(a->country, b->country))
    return -1;
  if (same(a->code, b->code))
    return 2;
  if (named_group(a) && named_group(b))
    return -1; /* two named groups */
  if (!a->role || !b->role)
    return 1; /* a role or group refines a country */
  if (!strcmp(a->role, b->role))
    return 2;
  if ((!strcmp(a->role, "GOV") && !strcmp(b->role, "MIL")) ||
      (!strcmp(a->role, "MIL") && !strcmp(b->role, "GOV")))
    return 1; /* a government and its military */
  if (armed(a->role) && armed(b->role))
    return 1;
  return -1;
}

/* How precise a place is: city 3, admin1 2, country 1, none 0. */
static int place_rank(const casus_place *p) {
  if (!p->name || !p->precision)
    return 0;
  if (!strcmp(p->precision, "city"))
    return 3;
  if (!strcmp(p->precision, "admin1"))
    return 2;
  return 1;
}

/* How specific an actor is: nothing 0, a country 1, a role 2, a country
 * and role or a named group 3. */
static int actor_rank(const casus_actor *a) {
  if (!a->code && !a->country && !a->role)
    return 0;
  if (a->role && a->country)
    return 3;
  return a->role || (a->code && !a->country) ? 2 : 1;
}

int casus__place_compat(const casus_place *a, const casus_place *b) {
  int ra = place_rank(a), rb = place_rank(b);
  if (!ra || !rb)
    return 0;
  if (a->country && b->country && strcmp(a->country, b->country))
    return -1;
  if (ra == 1 || rb == 1)
    return ra == rb ? 2 : 1; /* a country holds anything in it */
  if (ra == 3 && rb == 3) {
    if (same(a->name, b->name))
      return 2;
    if (a->has_coords && b->has_coords && fabs(a->lat - b->lat) < 0.1 &&
        fabs(a->lon - b->lon) < 0.1)
      return 1; /* about 10 km: one place under two names */
    return -1;
  }
  if (ra == 2 && rb == 2)
    return same(a->name, b->name) ? 2 : -1;
  const casus_place *city = ra == 3 ? a : b, *adm = ra == 3 ? b : a;
  if (!city->admin1 || same(city->admin1, adm->name))
    return 1; /* a city inside the admin1 */
  return -1;
}

int casus__date_compat(long a0, long a1, long b0, long b1) {
  if (a1 < b0 || b1 < a0)
    return -1;
  return a0 == a1 && b0 == b1 ? 2 : 1;
}

int casus__fev_score(const fevent *f, const fmember *m, bool same_story) {
  const casus_event *e = &m->ev;
  if (!f->nmem)
    return -1;
  if (f->family != casus__fuse_family(m->root))
    return -1;
  int a1 = casus__actor_compat(f->a1, &e->actor1);
  int a2 = casus__actor_compat(f->a2, &e->actor2);
  int pl = casus__place_compat(f->place, &e->place);
  int dt = casus__date_compat(f->d0, f->d1, m->d0, m->d1);
  if (m->date_rank == 0)
    dt = dt < 0 ? -1 : 0; /* a defaulted date proves little */
  int code = !strcmp(f->cameo, e->cameo)             ? 2
             : strncmp(f->cameo, e->cameo, 2) == 0 ? 1
                                                    : 0;
  const casus_fatalities *x = &f->mem[0]->ev.fatalities;
  const casus_fatalities *y = &e->fatalities;
  if (pl < 0) {
    /* Another place is another event (ACLED's unit), unless two reports
     * of one story agree on everything else, the toll included: one
     * event placed differently ("near Mopti", "near Segou"). */
    if (same_story && a1 == 2 && a2 == 2 && dt == 2 && code >= 1 &&
        x->best >= 0 && x->best == y->best)
      return 1;
    return -1;
  }
  int conflicts = (a1 < 0) + (a2 < 0) + (dt < 0);
  if (conflicts == 0)
    return 10 + a1 + a2 + pl + dt + code;
  if (conflicts > 1 || !same_story || pl < 1)
    return -1;
  /* One disagreement between two reports of one story that agree on
   * everything else: a discrepancy to show, not another event. */
  if (dt < 0) {
    /* Days a day apart from a relative date ("on Tuesday" against "on
     * Wednesday"), the same dead if any: one event dated differently.
     * Two explicit dates are two days, two events (ACLED's unit). */
    long gap = m->d0 > f->d1 ? m->d0 - f->d1 : f->d0 - m->d1;
    if (gap > 1 || a1 < 2 || a2 < 2 || pl < 2 ||
        (m->explicit_date && f->mem[0]->explicit_date) ||
        (x->best >= 0 && y->best >= 0 && x->best != y->best))
      return -1;
    return 1;
  }
  if (dt < 2 || (a1 < 0 ? a2 : a1) < 2)
    return -1;
  return 1; /* who did it: same target, day and place */
}

/* Whether a fatality report is only a breakdown (below). */
static bool partial(const casus_fatalities *x);

/* Counts member M that F does not keep (it has FUSE_MAX_MEMBERS). */
static void fev_overflow(fevent *f, const fmember *m) {
  f->xmentions += m->ev.n_mentions;
  if (m->art->dup_of)
    return;
  f->xarticles++;
  f->xmind += m->ev.n_mentions;
  const casus_fatalities *x = &m->ev.fatalities;
  if (x->best < 0)
    return;
  if (partial(x)) {
    f->xpart = x->best > f->xpart ? x->best : f->xpart;
    return;
  }
  long l = x->low >= 0 ? x->low : x->best;
  long h = x->high >= 0 ? x->high : x->best;
  f->xlo = f->xlo < 0 || l < f->xlo ? l : f->xlo;
  f->xhi = h > f->xhi ? h : f->xhi;
  f->xmint = f->xmint < 0 || x->best < f->xmint ? x->best : f->xmint;
  f->xtotals++;
}

int casus__fev_add(fevent *f, fmember *m, bool *kept) {
  bool keep = f->nmem < FUSE_MAX_MEMBERS;
  if (kept)
    *kept = keep;
  if (!m->art->dup_of) {
    uint64_t h = casus__hash(m->art->outlet, strlen(m->art->outlet));
    bool seen = false;
    for (size_t i = 0; i < f->nout && !seen; i++)
      seen = f->outlets[i] == h;
    if (!seen) {
      if (casus__grow((void **)&f->outlets, &f->capout, f->nout + 1,
                      sizeof *f->outlets))
        return CASUS_ENOMEM;
      f->outlets[f->nout++] = h;
    }
  }
  if (!f->nmem || m->art->day < f->first_pub)
    f->first_pub = m->art->day;
  if (!f->nmem || m->art->day > f->last_pub)
    f->last_pub = m->art->day;
  if (!f->nmem)
    f->xlo = f->xhi = f->xmint = f->xpart = -1;
  f->dirty = true;
  f->last_art = m->art->seq + 1;
  if (!keep) {
    fev_overflow(f, m);
    if (casus__date_compat(f->d0, f->d1, m->d0, m->d1) >= 0) {
      f->d0 = m->d0 > f->d0 ? m->d0 : f->d0;
      f->d1 = m->d1 < f->d1 ? m->d1 : f->d1;
    }
    long last = m->art->day > m->d1 ? m->art->day : m->d1;
    f->last_day = last > f->last_day ? last : f->last_day;
    return CASUS_OK;
  }
  if (casus__grow((void **)&f->mem, &f->capmem, f->nmem + 1, sizeof *f->mem))
    return CASUS_ENOMEM;
  f->mem[f->nmem++] = m;
  if (f->nmem == 1) {
    f->family = casus__fuse_family(m->root);
    f->d0 = m->d0;
    f->d1 = m->d1;
    f->a1 = &m->ev.actor1;
    f->a2 = &m->ev.actor2;
    f->place = &m->ev.place;
    f->cameo = m->ev.cameo;
  } else {
    if (casus__date_compat(f->d0, f->d1, m->d0, m->d1) >= 0) {
      f->d0 = m->d0 > f->d0 ? m->d0 : f->d0; /* both hold: the overlap */
      f->d1 = m->d1 < f->d1 ? m->d1 : f->d1;
    }
    if (actor_rank(&m->ev.actor1) > actor_rank(f->a1))
      f->a1 = &m->ev.actor1;
    if (actor_rank(&m->ev.actor2) > actor_rank(f->a2))
      f->a2 = &m->ev.actor2;
    if (place_rank(&m->ev.place) > place_rank(f->place))
      f->place = &m->ev.place;
    if (strlen(m->ev.cameo) > strlen(f->cameo))
      f->cameo = m->ev.cameo;
  }
  long last = m->art->day > m->d1 ? m->art->day : m->d1;
  if (last > f->last_day || f->nmem == 1)
    f->last_day = last;
  return CASUS_OK;
}

/* ------------------------------------------------------------ the view */

/* Returns an arena copy of the printf result, NULL on OOM. */
static const char *afmt(fpool *a, const char *fmt, ...)
    CASUS_PRINTF(2, 3);
static const char *afmt(fpool *a, const char *fmt, ...) {
  char buf[128];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0)
    return NULL;
  return casus__arena_strndup(a, buf, strnlen(buf, sizeof buf));
}

typedef int (*rank_fn)(const fmember *m);
typedef bool (*same_fn)(const fmember *a, const fmember *b);

static int r_date(const fmember *m) { return m->date_rank; }
static bool s_date(const fmember *a, const fmember *b) {
  return !strcmp(a->ev.date, b->ev.date);
}
static int r_actor1(const fmember *m) { return actor_rank(&m->ev.actor1); }
static bool s_actor1(const fmember *a, const fmember *b) {
  return same(a->ev.actor1.code, b->ev.actor1.code);
}
static int r_actor2(const fmember *m) { return actor_rank(&m->ev.actor2); }
static bool s_actor2(const fmember *a, const fmember *b) {
  return same(a->ev.actor2.code, b->ev.actor2.code);
}
static int r_place(const fmember *m) { return place_rank(&m->ev.place); }
static bool s_place(const fmember *a, const fmember *b) {
  return same(a->ev.place.name, b->ev.place.name);
}
static int r_cameo(const fmember *m) { return (int)strlen(m->ev.cameo); }
static bool s_cameo(const fmember *a, const fmember *b) {
  return !strcmp(a->ev.cameo, b->ev.cameo);
}

/* Votes and disputes are counted among the first VOTERS members, which
 * keeps an event reported hundreds of times linear to refresh. */
#define VOTERS 64

/* The member whose value the fused event takes: the most specific, then
 * the one most independent reports share, then the first. */
static const fmember *pick(const fevent *f, rank_fn rank, same_fn eq) {
  const fmember *best = f->mem[0];
  int br = -1, bs = -1;
  size_t nv = f->nmem < VOTERS ? f->nmem : VOTERS;
  for (size_t i = 0; i < f->nmem; i++) {
    const fmember *m = f->mem[i];
    int r = rank(m);
    if (r < br || (r == br && i >= nv))
      continue;
    int support = 0;
    for (size_t k = 0; k < nv; k++)
      support += !f->mem[k]->art->dup_of && eq(m, f->mem[k]);
    if (r > br || support > bs) {
      best = m;
      br = r;
      bs = support;
    }
  }
  return best;
}

/* A fatality report is partial when its figure is only a breakdown ("7
 * foreign nationals killed", "three women and four children"): it bounds
 * the total from below.  Civilians, militants and security forces are
 * who the dead were, not a part of them: "killing nine villagers" is a
 * total, to be weighed against "12 people". */
static bool partial(const casus_fatalities *x) {
  long parts[] = {x->women, x->children, x->foreign};
  if (x->best < 0)
    return false;
  if (x->women > 0 && x->children > 0 && x->women + x->children == x->best)
    return true;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(parts); k++)
    if (parts[k] == x->best && x->low == x->best)
      return true;
  return false;
}

/* The value most independent reports give among V[0..N) (ties: the
 * lower), or CASUS_UNKNOWN. */
static long mode_low(const long *v, size_t n) {
  long best = CASUS_UNKNOWN;
  size_t bc = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < 0)
      continue;
    size_t c = 0;
    for (size_t k = 0; k < n; k++)
      c += v[k] == v[i];
    if (c > bc || (c == bc && v[i] < best)) {
      best = v[i];
      bc = c;
    }
  }
  return best;
}

/* Reconciles the independent members' fatalities into OUT (see
 * docs/fusion.md). */
static int reconcile(const fevent *f, casus_fatalities *out) {
  long *tot = casus__calloc(f->nmem * 7 + 1, sizeof *tot);
  if (!tot)
    return CASUS_ENOMEM;
  long *cat[6];
  for (int k = 0; k < 6; k++)
    cat[k] = tot + f->nmem * (size_t)(k + 1);
  size_t nt = 0, nc = 0;
  long lo = -1, hi = -1, part = -1, mint = -1;
  const casus_prov *prov = NULL;
  for (size_t i = 0; i < f->nmem; i++) {
    const fmember *m = f->mem[i];
    const casus_fatalities *x = &m->ev.fatalities;
    if (m->art->dup_of || x->best < 0)
      continue;
    long parts[] = {x->women, x->children, x->civilians, x->foreign,
                    x->militants, x->security};
    for (int k = 0; k < 6; k++)
      cat[k][nc] = parts[k];
    nc++;
    if (!prov)
      prov = &x->prov;
    if (partial(x)) {
      part = x->best > part ? x->best : part;
      continue;
    }
    tot[nt++] = x->best;
    long l = x->low >= 0 ? x->low : x->best;
    long h = x->high >= 0 ? x->high : x->best;
    lo = lo < 0 || l < lo ? l : lo;
    hi = h > hi ? h : hi;
    mint = mint < 0 || x->best < mint ? x->best : mint;
  }
  if (f->xtotals) { /* reports not kept bound the range */
    lo = lo < 0 || f->xlo < lo ? f->xlo : lo;
    hi = f->xhi > hi ? f->xhi : hi;
    mint = mint < 0 || f->xmint < mint ? f->xmint : mint;
  }
  part = f->xpart > part ? f->xpart : part;
  size_t vc = nc < VOTERS ? nc : VOTERS, vt = nt < VOTERS ? nt : VOTERS;
  out->women = mode_low(cat[0], vc);
  out->children = mode_low(cat[1], vc);
  out->civilians = mode_low(cat[2], vc);
  out->foreign = mode_low(cat[3], vc);
  out->militants = mode_low(cat[4], vc);
  out->security = mode_low(cat[5], vc);
  if (nt || f->xtotals) {
    out->best = nt ? mode_low(tot, vt) : mint;
    out->low = lo;
    out->high = hi;
    out->acled = mint;
    if (part > out->best)
      out->best = part;
    if (out->low > out->best)
      out->low = out->best;
    if (out->high < out->best)
      out->high = out->best;
  } else if (part >= 0) {
    out->best = out->low = out->high = out->acled = part;
  } else {
    out->best = out->low = out->high = out->acled = CASUS_UNKNOWN;
  }
  if (prov)
    out->prov = *prov;
  casus__free(tot);
  return CASUS_OK;
}

/* The value of field FIELD of M as text for a claim. */
static const char *claim_value(fpool *a, const fmember *m,
                               const char *field) {
  const casus_event *e = &m->ev;
  if (!strcmp(field, "fatalities"))
    return afmt(a, "%ld", e->fatalities.best);
  if (!strcmp(field, "date"))
    return afmt(a, "%s", e->date);
  if (!strcmp(field, "place"))
    return e->place.name;
  const casus_actor *x = !strcmp(field, "actor1") ? &e->actor1 : &e->actor2;
  return x->code ? x->code : x->name;
}

/* The span supporting field FIELD of M. */
static casus_prov claim_prov(const fmember *m, const char *field) {
  const casus_event *e = &m->ev;
  if (!strcmp(field, "fatalities"))
    return e->fatalities.prov;
  if (!strcmp(field, "date"))
    return e->date_prov;
  if (!strcmp(field, "place"))
    return e->place.prov;
  return !strcmp(field, "actor1") ? e->actor1.prov : e->actor2.prov;
}

/* True when members A and B disagree on FIELD (subsets agree). */
static bool conflict_on(const fmember *a, const fmember *b,
                        const char *field) {
  const casus_event *x = &a->ev, *y = &b->ev;
  if (!strcmp(field, "date"))
    return casus__date_compat(a->d0, a->d1, b->d0, b->d1) < 0 &&
           a->date_rank && b->date_rank;
  if (!strcmp(field, "place"))
    return casus__place_compat(&x->place, &y->place) < 0;
  if (!strcmp(field, "actor1"))
    return casus__actor_compat(&x->actor1, &y->actor1) < 0;
  if (!strcmp(field, "actor2"))
    return casus__actor_compat(&x->actor2, &y->actor2) < 0;
  const casus_fatalities *p = &x->fatalities, *q = &y->fatalities;
  if (p->best < 0 || q->best < 0 || p->best == q->best)
    return false;
  bool pp = partial(p), qp = partial(q);
  if (pp && qp)
    return false;
  if (pp)
    return p->best > q->best;
  if (qp)
    return q->best > p->best;
  return true;
}

/* Adds to F's view the discrepancy on FIELD when two independent
 * members disagree: one claim per member that takes part in a conflict.
 * *N counts the discrepancies written into DS. */
static int discrepancy(fevent *f, const char *field, casus_discrepancy *ds,
                       size_t *n) {
  fpool *a = &f->scratch;
  bool *in = casus__calloc(f->nmem, sizeof *in);
  if (!in)
    return CASUS_ENOMEM;
  size_t k = 0, nv = f->nmem < VOTERS ? f->nmem : VOTERS;
  for (size_t i = 0; i < nv; i++)
    for (size_t j = i + 1; j < nv; j++) {
      if (f->mem[i]->art->dup_of || f->mem[j]->art->dup_of)
        continue;
      if (conflict_on(f->mem[i], f->mem[j], field)) {
        k += !in[i] + !in[j];
        in[i] = in[j] = true;
      }
    }
  int rc = CASUS_OK;
  if (k) {
    casus_claim *cl = casus__arena_alloc(a, sizeof *cl * k);
    if (!cl) {
      rc = CASUS_ENOMEM;
      goto done;
    }
    size_t c = 0;
    for (size_t i = 0; i < nv; i++) {
      if (!in[i])
        continue;
      const fmember *m = f->mem[i];
      casus_prov p = claim_prov(m, field);
      cl[c].value = claim_value(a, m, field);
      cl[c].article = m->art->id;
      cl[c].source = m->art->source;
      cl[c].attribution = m->has_attr ? m->attr.name : NULL;
      cl[c].start = p.start;
      cl[c].end = p.end;
      c++;
    }
    ds[*n].field = field;
    ds[*n].claims = cl;
    ds[*n].n_claims = c;
    (*n)++;
  }
done:
  casus__free(in);
  return rc;
}

/* Fills the counts, reporting dates and mentions of F's view (the
 * mentions of the members kept; the counts of all). */
static int view_counts(fevent *f) {
  casus_event *v = &f->ev;
  size_t nm = 0, indep = 0, mind = 0;
  for (size_t i = 0; i < f->nmem; i++)
    nm += f->mem[i]->ev.n_mentions;
  casus_mention *ms = nm ? casus__arena_alloc(&f->scratch, sizeof *ms * nm)
                         : NULL;
  if (nm && !ms)
    return CASUS_ENOMEM;
  size_t o = 0;
  for (size_t i = 0; i < f->nmem; i++) {
    const fmember *m = f->mem[i];
    memcpy(ms + o, m->ev.mentions, sizeof *ms * m->ev.n_mentions);
    o += m->ev.n_mentions;
    if (m->art->dup_of)
      continue;
    indep++;
    mind += m->ev.n_mentions;
  }
  indep += f->xarticles;
  mind += f->xmind;
  casus__format_date(f->first_pub, v->first_reported);
  casus__format_date(f->last_pub, v->last_reported);
  int sources = (int)f->nout;
  v->mentions = ms;
  v->n_mentions = nm;
  size_t nc = 0;
  for (size_t i = 0; i < f->nmem; i++)
    nc += f->mem[i]->ev.n_counts;
  casus_count *cs = nc ? casus__arena_alloc(&f->scratch, sizeof *cs * nc)
                       : NULL;
  if (nc && !cs)
    return CASUS_ENOMEM;
  for (size_t i = 0, k = 0; i < f->nmem; i++) {
    const fmember *m = f->mem[i];
    if (m->ev.n_counts)
      memcpy(cs + k, m->ev.counts, sizeof *cs * m->ev.n_counts);
    k += m->ev.n_counts;
  }
  v->counts = cs;
  v->n_counts = nc;
  v->num_mentions = (int)(nm + f->xmentions);
  v->num_articles = (int)indep;
  v->num_sources = sources;
  /* 1 - 2^-sources, plus 0.05 per further independent mention (at most
   * 0.1), divided by 1 + half the number of disputed fields. */
  double extra = 0.05 * (double)(mind > indep ? mind - indep : 0);
  double c = 1.0 - ldexp(1.0, -sources) + (extra > 0.1 ? 0.1 : extra);
  c = (c > 1.0 ? 1.0 : c) / (1.0 + 0.5 * (double)v->n_discrepancies);
  v->confidence = round(c * 1000.0) / 1000.0;
  return CASUS_OK;
}

int casus__fev_refresh(fevent *f) {
  if (!f->dirty)
    return CASUS_OK;
  casus__arena_free(&f->scratch); /* keeps its block size */
  casus_event *v = &f->ev;
  memset(v, 0, sizeof *v);
  const fmember *first = f->mem[0];
  memcpy(v->event_id, first->ev.event_id, sizeof v->event_id);
  const fmember *m = pick(f, r_date, s_date);
  memcpy(v->date, m->ev.date, sizeof v->date);
  v->date_precision = m->ev.date_precision;
  v->date_prov = m->ev.date_prov;
  v->actor1 = pick(f, r_actor1, s_actor1)->ev.actor1;
  v->actor2 = pick(f, r_actor2, s_actor2)->ev.actor2;
  m = pick(f, r_cameo, s_cameo);
  memcpy(v->cameo, m->ev.cameo, sizeof v->cameo);
  v->cameo_name = m->ev.cameo_name;
  v->goldstein = m->ev.goldstein;
  v->quad_class = m->ev.quad_class;
  v->plover_type = m->ev.plover_type;
  v->plover_mode = m->ev.plover_mode;
  v->plover_context = m->ev.plover_context;
  v->acled_type = m->ev.acled_type;
  v->acled_subtype = m->ev.acled_subtype;
  v->modality = "actual";
  v->polarity = "asserted";
  v->place = pick(f, r_place, s_place)->ev.place;
  v->story_id = f->story_id;
  for (size_t i = 0; i < f->nmem; i++) {
    if (!f->mem[i]->art->dup_of) { /* the first independent report's */
      v->attribution = f->mem[i]->has_attr ? &f->mem[i]->attr : NULL;
      break;
    }
  }
  int rc = reconcile(f, &v->fatalities);
  static const char *const fields[] = {"fatalities", "date", "place",
                                       "actor1", "actor2"};
  casus_discrepancy *ds =
      rc ? NULL : casus__arena_alloc(&f->scratch, sizeof *ds * 5);
  if (!rc && !ds)
    rc = CASUS_ENOMEM;
  size_t nd = 0;
  for (size_t k = 0; !rc && k < CASUS_ARRAY_LEN(fields); k++)
    rc = discrepancy(f, fields[k], ds, &nd);
  v->discrepancies = ds;
  v->n_discrepancies = nd;
  if (!rc)
    rc = view_counts(f);
  if (!rc)
    f->dirty = false;
  return rc;
}
