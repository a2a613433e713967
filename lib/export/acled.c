/* acled.c -- ACLED's 31 columns (current order, since March 2023) from
 * casus events, as CSV with a header row.
 *
 * Only events with an ACLED event type (the `acled` key, from
 * data/cameo_acled.txt) that are asserted as actual are written.  Actor
 * names follow ACLED's naming ("Military Forces of Pakistan", "Civilians
 * (Iran)"); inter codes are ACLED's text labels.  Fatalities are the most
 * conservative figure (ACLED's rule): the fused `fatalities.acled` when
 * present, else `low`, else `best`, else 0 (ACLED writes 0 when none is
 * reported).  docs/export.md maps every column and says what is left
 * empty. */
#include "export_int.h"

#include <stdio.h>
#include <string.h>

#define ACLED_HEADER                                                           \
  "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"     \
  "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"    \
  "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"    \
  "location,latitude,longitude,geo_precision,source,source_scale,notes,"       \
  "fatalities,tags,timestamp\n"

/* ACLED actor types, in ACLED's numeric order (1-8). */
enum {
  I_NONE,
  I_STATE,
  I_REBEL,
  I_POLMIL,
  I_IDMIL,
  I_RIOTERS,
  I_PROTEST,
  I_CIVIL,
  I_EXTERNAL
};
static const char *const INTER[] = {"",
                                    "State forces",
                                    "Rebel group",
                                    "Political militia",
                                    "Identity militia",
                                    "Rioters",
                                    "Protesters",
                                    "Civilians",
                                    "External/Other forces"};

/* Disorder type of an ACLED event type and sub-type. */
static const char *disorder(const char *type, const char *sub) {
  if (!strcmp(type, "Protests"))
    return strcmp(sub, "Excessive force against protesters")
               ? "Demonstrations"
               : "Political violence; Demonstrations";
  if (!strcmp(type, "Riots"))
    return strcmp(sub, "Mob violence") ? "Demonstrations"
                                       : "Political violence";
  if (!strcmp(type, "Strategic developments"))
    return "Strategic developments";
  return "Political violence";
}

static bool is(const char *s, const char *t) {
  return s && !strcmp(s, t);
}

/* How ACLED sees one actor. */
typedef struct actor_info {
  const char *country; /* display name of the actor's country, or NULL */
  int inter;           /* I_* */
  bool civilians;      /* named "Civilians (X)" */
} actor_info;

/* Classifies actor A of an event of ACLED TYPE; PLACE_ISO3 is the country
 * of the event (a state force outside it is External/Other). */
static actor_info classify(json_t *a, const char *type, bool victim,
                           bool dead_civilians, const char *place_iso3) {
  actor_info r = {0};
  const char *role = casus__xs(a, "role");
  const char *iso3 = casus__xs(a, "country");
  const char *code = casus__xs(a, "code");
  if (!a || json_is_null(a))
    return r;
  bool state = iso3 && (!role || is(role, "GOV") || is(role, "MIL") ||
                        is(role, "COP") || is(role, "SPY"));
  if (is(role, "CVL") || (victim && dead_civilians && !role) ||
      (victim && is(type, "Violence against civilians") && !role)) {
    r.inter = I_CIVIL;
    r.civilians = true;
  } else if (is(type, "Protests") && !victim) {
    r.inter = I_PROTEST;
  } else if (is(type, "Riots") && !victim) {
    r.inter = I_RIOTERS;
  } else if (state) {
    r.inter = place_iso3 && strcmp(iso3, place_iso3) ? I_EXTERNAL : I_STATE;
  } else if (is(role, "REB") || is(role, "INS") || is(role, "SEP")) {
    r.inter = I_REBEL;
  } else if (code || role) {
    r.inter = I_POLMIL;
  }
  return r;
}

/* Appends ACLED's name of actor A: "Military Forces of X", "Government of
 * X", "Police Forces of X", "Civilians (X)", "Protesters (X)", "Rioters
 * (X)", else the name as written. */
static int actor_name(casus_buf *b, json_t *a, const actor_info *ai,
                      const char *cname) {
  const char *role = casus__xs(a, "role");
  const char *name = casus__xs(a, "name");
  const char *c = cname ? cname : casus__xs(a, "country");
  char s[512];
  if (!a || json_is_null(a))
    return CASUS_OK;
  if (ai->civilians || ai->inter == I_PROTEST || ai->inter == I_RIOTERS) {
    const char *what = ai->civilians            ? "Civilians"
                       : ai->inter == I_PROTEST ? "Protesters"
                                                : "Rioters";
    if (c)
      snprintf(s, sizeof s, "%s (%s)", what, c);
    else
      snprintf(s, sizeof s, "%s", what);
  } else if ((ai->inter == I_STATE || ai->inter == I_EXTERNAL) && c) {
    const char *what = is(role, "GOV")   ? "Government of"
                       : is(role, "COP") ? "Police Forces of"
                                         : "Military Forces of";
    snprintf(s, sizeof s, "%s %s", what, c);
  } else {
    snprintf(s, sizeof s, "%s", name ? name : c ? c : "");
  }
  return casus__xcsv(b, s);
}

/* ACLED's interaction label: both types, lower number first; "X only". */
static int interaction(casus_buf *b, int i1, int i2) {
  char s[96];
  if (!i1 && !i2)
    return CASUS_OK;
  if (!i1 || !i2)
    snprintf(s, sizeof s, "%s only", INTER[i1 ? i1 : i2]);
  else
    snprintf(s, sizeof s, "%s-%s", INTER[i1 < i2 ? i1 : i2],
             INTER[i1 < i2 ? i2 : i1]);
  return casus__xcsv(b, s);
}

/* The display name of an alpha-3 country, NULL when unknown. */
static const char *country_name3(const xtables *t, const char *iso3) {
  const xcountry *c = casus__xcountry3(t, iso3);
  return c ? c->name : NULL;
}

/* Sources of the mentions, distinct, joined by "; " (article ids when an
 * outlet is unknown). */
static int sources(casus_buf *b, json_t *ev) {
  casus_buf s = {0};
  json_t *ms = casus__xj(ev, "mentions");
  size_t i;
  json_t *m;
  int rc = CASUS_OK;
  json_array_foreach(ms, i, m) {
    const char *src = casus__xs(m, "source");
    if (!src)
      src = casus__xs(m, "article");
    if (!src)
      continue;
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) {
      json_t *o = json_array_get(ms, k);
      const char *os = casus__xs(o, "source");
      seen = is(os ? os : casus__xs(o, "article"), src);
    }
    if (!seen)
      rc = casus__buf_printf(&s, "%s%s", s.len ? "; " : "", src);
    if (rc)
      break;
  }
  if (!rc)
    rc = casus__xcsv(b, s.data);
  casus__buf_free(&s);
  return rc;
}

/* The notes: what happened, where, the dead, and any discrepancy. */
static int notes(casus_buf *b, json_t *ev, const char *a1, const char *a2) {
  casus_buf s = {0};
  const char *place = casus__xs(ev, "place.name");
  const char *what = casus__xs(ev, "cameo_name");
  long long best;
  int rc = casus__buf_printf(
      &s, "On %s, %s: %s",
      casus__xs(ev, "date") ? casus__xs(ev, "date") : "an unknown date",
      a1 && *a1 ? a1 : "unknown actor", what ? what : "event");
  if (!rc && a2 && *a2)
    rc = casus__buf_printf(&s, " (target: %s)", a2);
  if (!rc && place)
    rc = casus__buf_printf(&s, " at %s", place);
  if (!rc && casus__xint(ev, "fatalities.best", &best))
    rc = casus__buf_printf(&s, ". %lld reported killed", best);
  json_t *ds = casus__xj(ev, "discrepancies");
  size_t i;
  json_t *d;
  json_array_foreach(ds, i, d) {
    if (rc)
      break;
    rc = casus__buf_printf(&s, ". Sources disagree on %s:",
                           casus__xs(d, "field") ? casus__xs(d, "field")
                                                 : "a field");
    size_t k;
    json_t *c;
    json_array_foreach(casus__xj(d, "claims"), k, c) {
      const char *v = casus__xs(c, "value");
      const char *src = casus__xs(c, "source");
      if (!rc)
        rc = casus__buf_printf(&s, "%s %s (%s)", k ? ";" : "", v ? v : "?",
                               src ? src
                               : casus__xs(c, "article")
                                   ? casus__xs(c, "article")
                                   : "?");
    }
  }
  if (!rc)
    rc = casus__buf_append(&s, ".", 1);
  if (!rc)
    rc = casus__xcsv(b, s.data);
  casus__buf_free(&s);
  return rc;
}

/* ACLED's fatality figure: the most conservative one reported. */
static long long fatalities(json_t *ev) {
  long long v;
  if (casus__xint(ev, "fatalities.acled", &v) ||
      casus__xint(ev, "fatalities.low", &v) ||
      casus__xint(ev, "fatalities.best", &v))
    return v;
  return 0;
}

/* Whether the dead include civilians by the breakdown (women, children and
 * civilians counts). */
static bool dead_civilians(json_t *ev) {
  long long v;
  return (casus__xint(ev, "fatalities.breakdown.civilians", &v) && v > 0) ||
         (casus__xint(ev, "fatalities.breakdown.women", &v) && v > 0) ||
         (casus__xint(ev, "fatalities.breakdown.children", &v) && v > 0);
}

static int comma(casus_buf *b) {
  return casus__buf_append(b, ",", 1);
}

/* Columns from event_id_cnty to civilian_targeting. */
static int head_cols(const xtables *t, json_t *ev, const xcountry *pc,
                     casus_buf *b) {
  const char *type = casus__xs(ev, "acled.event_type");
  const char *sub = casus__xs(ev, "acled.sub_event_type");
  const char *date = casus__xs(ev, "date");
  const char *prec = casus__xs(ev, "date_precision");
  const char *p3 = pc ? pc->iso3 : NULL;
  json_t *a1 = casus__xj(ev, "actor1"), *a2 = casus__xj(ev, "actor2");
  bool dc = dead_civilians(ev);
  actor_info i1 = classify(a1, type, false, false, p3);
  actor_info i2 = classify(a2, type, true, dc, p3);
  i1.country = country_name3(t, casus__xs(a1, "country"));
  i2.country = country_name3(t, casus__xs(a2, "country"));
  unsigned long long id = casus__xid(casus__xs(ev, "event_id"));
  int rc = casus__buf_printf(b, "%s%llu,", p3 ? p3 : "XXX", id % 100000000ULL);
  rc = rc ? rc : casus__xcsv(b, date);
  rc = rc ? rc : casus__buf_printf(b, ",%.4s,", date ? date : "");
  if (!rc && prec)
    rc = casus__xcsv(b, is(prec, "day")     ? "1"
                        : is(prec, "week")  ? "2"
                        : is(prec, "month") ? "3"
                                            : "");
  rc = rc ? rc : comma(b);
  rc = rc ? rc : casus__xcsv(b, disorder(type, sub));
  rc = rc ? rc : comma(b);
  rc = rc ? rc : casus__xcsv(b, type);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : casus__xcsv(b, sub);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : actor_name(b, a1, &i1, i1.country);
  rc = rc ? rc : casus__buf_append(b, ",,", 2); /* assoc_actor_1 */
  rc = rc ? rc : casus__xcsv(b, INTER[i1.inter]);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : actor_name(b, a2, &i2, i2.country);
  rc = rc ? rc : casus__buf_append(b, ",,", 2); /* assoc_actor_2 */
  rc = rc ? rc : casus__xcsv(b, INTER[i2.inter]);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : interaction(b, i1.inter, i2.inter);
  rc = rc ? rc : comma(b);
  if (!rc && i2.inter == I_CIVIL)
    rc = casus__xcsv(b, "Civilians targeted");
  return rc;
}

/* Columns from iso to geo_precision. */
static int geo_cols(json_t *ev, const xcountry *pc, casus_buf *b) {
  json_t *p = casus__xj(ev, "place");
  const char *prec = casus__xs(p, "precision");
  const char *name = casus__xs(p, "name");
  /* iso (numeric) and region are not in casus' tables. */
  int rc = casus__buf_append(b, ",,,", 3);
  rc = rc ? rc : casus__xcsv(b, pc ? pc->name : NULL);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : casus__xcsv(b, casus__xs(p, "admin1"));
  rc = rc ? rc : comma(b);
  rc = rc ? rc : casus__xcsv(b, casus__xs(p, "admin2"));
  rc = rc ? rc : casus__buf_append(b, ",,", 2); /* admin3 */
  rc = rc ? rc : casus__xcsv(b, name);
  double lat, lon;
  if (!rc && casus__xnum(p, "lat", &lat) && casus__xnum(p, "lon", &lon))
    rc = casus__buf_printf(b, ",%.4f,%.4f,", lat, lon);
  else if (!rc)
    rc = casus__buf_append(b, ",,,", 3);
  /* ACLED: 1 the town itself, 2 near it or in a district, 3 a province
   * (its coordinates); from geo_precision (0.2.0), else precision. */
  const char *geo = casus__xs(p, "geo_precision");
  const char *code = is(geo, "exact")    ? "1"
                     : is(geo, "near")   ? "2"
                     : is(geo, "admin2") ? "2"
                     : is(geo, "admin1") ? "3"
                     : geo               ? NULL
                     : is(prec, "city")  ? "1"
                     : is(prec, "admin1") ? "3"
                                          : NULL;
  if (!rc && code)
    rc = casus__xcsv(b, code);
  return rc;
}

static int acled_row(const xtables *t, json_t *ev, casus_buf *b) {
  if (!casus__xactual(ev) || !casus__xs(ev, "acled.event_type") ||
      !casus__xs(ev, "acled.sub_event_type"))
    return CASUS_DONE;
  const xcountry *pc = casus__xcountry(t, casus__xs(ev, "place.country"));
  int rc = head_cols(t, ev, pc, b);
  rc = rc ? rc : geo_cols(ev, pc, b);
  rc = rc ? rc : comma(b);
  rc = rc ? rc : sources(b, ev);
  rc = rc ? rc : casus__buf_append(b, ",,", 2); /* source_scale */
  rc = rc ? rc
          : notes(b, ev, casus__xs(ev, "actor1.name"),
                  casus__xs(ev, "actor2.name"));
  rc = rc ? rc : casus__buf_printf(b, ",%lld,,", fatalities(ev)); /* tags, ts */
  return rc ? rc : casus__buf_append(b, "\n", 1);
}

const xformat casus__fmt_acled = {"acled", ACLED_HEADER, true, acled_row};
