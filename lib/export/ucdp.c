/* ucdp.c -- UCDP GED's 49 columns (current releases, in the order of
 * shared/reference/FORMATS.md section 5) from casus events, CSV with a
 * header row.
 *
 * UCDP's unit is the use of armed force causing at least one death, so
 * only asserted, actual events of CAMEO roots 18-20 (PLOVER ASSAULT) with
 * at least one death in low, best or high are written.  best = deaths_a +
 * deaths_b + deaths_civilians + deaths_unknown holds: the reported
 * civilian dead go to deaths_civilians and the rest to deaths_unknown
 * (casus does not know which side the others were on).  UCDP's own ids
 * (conflict, dyad, actor, Gleditsch-Ward numbers) are left empty: casus
 * does not hold UCDP's actor lists. */
#include "export_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define UCDP_HEADER                                                            \
  "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,"   \
  "conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,"          \
  "side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,"          \
  "side_b,number_of_sources,source_article,source_office,source_date,"         \
  "source_headline,source_original,where_prec,where_coordinates,"              \
  "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,"    \
  "country,country_id,region,event_clarity,date_prec,date_start,date_end,"     \
  "deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,"     \
  "gwnob\n"

static bool is(const char *s, const char *t) {
  return s && !strcmp(s, t);
}

/* True for an actor that is a state (a country, as itself or its
 * government, military, police or intelligence). */
static bool is_state(json_t *a) {
  const char *role = casus__xs(a, "role");
  return casus__xs(a, "country") &&
         (!role || is(role, "GOV") || is(role, "MIL") || is(role, "COP") ||
          is(role, "SPY"));
}

/* Writes UCDP's name of actor A into OUT: "Government of X" for a state,
 * "Civilians", else the name as written (or the code). */
static void side_name(const xtables *t, json_t *a, char *out, size_t cap) {
  const xcountry *c = casus__xcountry3(t, casus__xs(a, "country"));
  const char *name = casus__xs(a, "name");
  if (is(casus__xs(a, "role"), "CVL"))
    snprintf(out, cap, "Civilians");
  else if (is_state(a))
    snprintf(out, cap, "Government of %s",
             c ? c->name : casus__xs(a, "country"));
  else
    snprintf(out, cap, "%s",
             name                   ? name
             : casus__xs(a, "code") ? casus__xs(a, "code")
                                    : "");
}

/* Fatality estimates: false when none is reported or all are 0. */
static bool deaths(json_t *ev, long long *low, long long *best,
                   long long *high) {
  bool hl = casus__xint(ev, "fatalities.low", low);
  bool hb = casus__xint(ev, "fatalities.best", best);
  bool hh = casus__xint(ev, "fatalities.high", high);
  if (!hb)
    *best = hl ? *low : hh ? *high : 0;
  if (!hl)
    *low = *best;
  if (!hh)
    *high = *best;
  return (hl || hb || hh) && (*low >= 1 || *best >= 1 || *high >= 1);
}

/* Distinct values of mention key KEY (FALLBACK when absent), "; "-joined
 * into S. */
static int mention_list(json_t *ev, const char *key, const char *fallback,
                        casus_buf *s) {
  json_t *ms = casus__xj(ev, "mentions");
  size_t i;
  json_t *m;
  int rc = CASUS_OK;
  json_array_foreach(ms, i, m) {
    const char *v = casus__xs(m, key);
    if (!v && fallback)
      v = casus__xs(m, fallback);
    if (!v || rc)
      continue;
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) {
      json_t *o = json_array_get(ms, k);
      const char *ov = casus__xs(o, key);
      seen = is(ov ? ov : fallback ? casus__xs(o, fallback) : NULL, v);
    }
    if (!seen)
      rc = casus__buf_printf(s, "%s%s", s->len ? "; " : "", v);
  }
  return rc;
}

/* Appends the CSV field of a mention list. */
static int list_field(casus_buf *b, json_t *ev, const char *key,
                      const char *fallback) {
  casus_buf s = {0};
  int rc = mention_list(ev, key, fallback, &s);
  if (!rc)
    rc = casus__xcsv(b, s.data);
  casus__buf_free(&s);
  return rc ? rc : casus__buf_append(b, ",", 1);
}

/* Columns id .. side_b. */
static int side_cols(const xtables *t, json_t *ev, casus_buf *b) {
  json_t *a1 = casus__xj(ev, "actor1"), *a2 = casus__xj(ev, "actor2");
  bool s1 = is_state(a1), s2 = is_state(a2);
  bool civil =
      is(casus__xs(a2, "role"), "CVL") ||
      is(casus__xs(ev, "acled.event_type"), "Violence against civilians");
  int type = civil ? 3 : (s1 || s2) ? 1 : 2;
  if (type == 1 && !s1 && s2) { /* side A is the government */
    json_t *tmp = a1;
    a1 = a2;
    a2 = tmp;
  }
  char sa[256], sb[256];
  side_name(t, a1, sa, sizeof sa);
  if (type == 3)
    snprintf(sb, sizeof sb, "Civilians");
  else
    side_name(t, a2, sb, sizeof sb);
  const char *id = casus__xs(ev, "event_id");
  const char *date = casus__xs(ev, "date");
  int rc = casus__buf_printf(b, "%llu,", casus__xid(id));
  rc = rc ? rc : casus__xcsv(b, id);
  rc = rc ? rc
          : casus__buf_printf(b, ",%.4s,,,%d,,,,,,", date ? date : "", type);
  if (!rc && *sa && *sb) {
    char dyad[520];
    snprintf(dyad, sizeof dyad, "%s - %s", sa, sb);
    rc = casus__xcsv(b, dyad);
  }
  rc = rc ? rc : casus__buf_append(b, ",,,", 3);
  rc = rc ? rc : casus__xcsv(b, sa);
  rc = rc ? rc : casus__buf_append(b, ",,,", 3);
  rc = rc ? rc : casus__xcsv(b, sb);
  return rc ? rc : casus__buf_append(b, ",", 1);
}

/* PRIO-GRID cell of LAT/LON: 0.5-degree cells numbered row by row from
 * (-90, -180), 720 per row, starting at 1. */
static long priogrid(double lat, double lon) {
  if (!(lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0))
    return 0; /* also keeps the casts below defined */
  long row = (long)floor((lat + 90.0) / 0.5);
  long col = (long)floor((lon + 180.0) / 0.5);
  if (row < 0 || row > 359 || col < 0 || col > 719)
    return 0;
  return row * 720 + col + 1;
}

/* Columns where_prec .. region. */
static int geo_cols(const xtables *t, json_t *ev, casus_buf *b) {
  json_t *p = casus__xj(ev, "place");
  const char *prec = casus__xs(p, "precision");
  const xcountry *c = casus__xcountry(t, casus__xs(p, "country"));
  int rc = CASUS_OK;
  /* where_prec: 1 exact, 2 within 25 km, 3 admin2, 4 admin1, 6 country;
   * from geo_precision (0.2.0), else precision. */
  const char *geo = casus__xs(p, "geo_precision");
  if (casus__xs(p, "name") && geo)
    rc = casus__xcsv(b, is(geo, "exact")     ? "1"
                        : is(geo, "near")    ? "2"
                        : is(geo, "admin2")  ? "3"
                        : is(geo, "admin1")  ? "4"
                        : is(geo, "country") ? "6"
                                             : "");
  else if (casus__xs(p, "name"))
    rc = casus__xcsv(b, is(prec, "city")      ? "1"
                        : is(prec, "admin1")  ? "4"
                        : is(prec, "country") ? "6"
                                              : "");
  rc = rc ? rc : casus__buf_append(b, ",", 1);
  rc = rc ? rc : casus__xcsv(b, casus__xs(p, "name"));
  rc = rc ? rc : casus__buf_append(b, ",,", 2); /* where_description */
  rc = rc ? rc : casus__xcsv(b, casus__xs(p, "admin1"));
  rc = rc ? rc : casus__buf_append(b, ",", 1);
  rc = rc ? rc : casus__xcsv(b, casus__xs(p, "admin2"));
  double lat, lon;
  if (!rc && casus__xnum(p, "lat", &lat) && casus__xnum(p, "lon", &lon))
    rc = casus__buf_printf(b, ",%.6g,%.6g,POINT (%.6g %.6g),%ld,", lat, lon,
                           lon, lat, priogrid(lat, lon));
  else if (!rc)
    rc = casus__buf_append(b, ",,,,,", 5);
  rc = rc ? rc : casus__xcsv(b, c ? c->name : NULL);
  return rc ? rc : casus__buf_append(b, ",,,", 3); /* country_id, region */
}

/* Columns event_clarity .. date_end: the end of a week, month or year. */
static int date_cols(json_t *ev, casus_buf *b) {
  const char *date = casus__xs(ev, "date");
  const char *prec = casus__xs(ev, "date_precision");
  long days;
  char end[11] = "";
  int dp = is(prec, "week")    ? 3
           : is(prec, "month") ? 4
           : is(prec, "year")  ? 5
                               : 1;
  if (date && casus__parse_iso_date(date, &days)) {
    int y, m, d;
    casus__civil_from_days(days, &y, &m, &d);
    long e = dp == 3   ? days + 6
             : dp == 4 ? casus__days_from_civil(m == 12 ? y + 1 : y,
                                                m == 12 ? 1 : m + 1, 1) -
                             1
             : dp == 5 ? casus__days_from_civil(y, 12, 31)
                       : days;
    casus__format_date(e, end);
  } else {
    date = NULL;
  }
  int rc = casus__buf_printf(b, "%d,%d,", dp == 1 ? 1 : 2, dp);
  rc = rc ? rc : casus__xcsv(b, date);
  rc = rc ? rc : casus__buf_append(b, ",", 1);
  rc = rc ? rc : casus__xcsv(b, date ? end : NULL);
  return rc ? rc : casus__buf_append(b, ",", 1);
}

static int ucdp_row(const xtables *t, json_t *ev, casus_buf *b) {
  const char *code = casus__xs(ev, "cameo");
  long long low, best, high, civ = 0;
  bool violent = code && (!strncmp(code, "18", 2) || !strncmp(code, "19", 2) ||
                          !strncmp(code, "20", 2));
  if (!casus__xactual(ev) || !violent || !deaths(ev, &low, &best, &high))
    return CASUS_DONE;
  casus__xint(ev, "fatalities.breakdown.civilians", &civ);
  if (civ < 0 || civ > best)
    civ = 0;
  long long ns = 1;
  casus__xint(ev, "num_sources", &ns);
  int rc = side_cols(t, ev, b);
  rc = rc ? rc : casus__buf_printf(b, "%lld,", ns);
  /* source_article: the articles' ids; office: outlets; date. */
  rc = rc ? rc : list_field(b, ev, "article", NULL);
  rc = rc ? rc : list_field(b, ev, "source", NULL);
  rc = rc ? rc : list_field(b, ev, "published", NULL);
  rc = rc ? rc : casus__buf_append(b, ",", 1); /* source_headline */
  rc = rc ? rc : casus__xcsv(b, casus__xs(ev, "attribution.name"));
  rc = rc ? rc : casus__buf_append(b, ",", 1);
  rc = rc ? rc : geo_cols(t, ev, b);
  rc = rc ? rc : date_cols(ev, b);
  rc = rc ? rc
          : casus__buf_printf(b, "0,0,%lld,%lld,%lld,%lld,%lld,,\n", civ,
                              best - civ, best, high, low);
  return rc;
}

const xformat casus__fmt_ucdp = {"ucdp", UCDP_HEADER, true, ucdp_row};
