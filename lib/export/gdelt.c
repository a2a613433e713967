/* gdelt.c -- GDELT 2.0 event table (61 columns) and mentions table (16
 * columns) from casus events.
 *
 * Column order and meaning follow the GDELT 2.0 event codebook as
 * summarised in shared/reference/FORMATS.md (section 3); docs/export.md
 * maps every column.  Like GDELT's files: TAB-separated, no header, one
 * record per line, empty fields for unknowns.  GDELT's geo fields use FIPS
 * 10-4 country codes (Iran IR, Germany GM), actor fields CAMEO's 3-letter
 * codes.  The numeric GLOBALEVENTID is derived from casus' hex id so that
 * the two tables join and re-exports are stable. */
#include "export_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define GDELT_EVENT_COLS 61
#define GDELT_MENTION_COLS 16

/* Parses "YYYY-MM-DD" (NULL or short: false). */
static bool ymd(const char *s, int *y, int *m, int *d) {
  long days;
  if (!s || !casus__parse_iso_date(s, &days))
    return false;
  casus__civil_from_days(days, y, m, d);
  return true;
}

/* Appends TAB (before every column but the first). */
static int tab(casus_buf *b) {
  return casus__buf_append(b, "\t", 1);
}

/* Appends the upper-cased S as a TSV field (GDELT writes names in
 * capitals). */
static int upper_field(casus_buf *b, const char *s) {
  char tmp[256];
  size_t n = 0;
  for (; s && s[n] && n + 1 < sizeof tmp; n++)
    tmp[n] = (char)toupper((unsigned char)s[n]);
  tmp[n] = '\0';
  return casus__xtsv(b, s ? tmp : NULL);
}

/* The last 3-letter segment of CODE that is neither COUNTRY nor ROLE: a
 * known group ("IMGISI" -> "ISI"), written into OUT[4]; "" if none. */
static void known_group(const char *code, const char *country, const char *role,
                        char out[4]) {
  out[0] = '\0';
  size_t n = code ? strlen(code) : 0;
  for (size_t i = 0; i + 3 <= n; i += 3) {
    const char *seg = code + i;
    if ((country && !strncmp(seg, country, 3)) ||
        (role && !strncmp(seg, role, 3)))
      continue;
    if (i == 0 && n > 3)
      continue; /* a leading non-country segment (IMG, IGO) is a sector */
    memcpy(out, seg, 3);
    out[3] = '\0';
  }
}

/* Columns 5-14 (or 15-24): code, name, country, known group, ethnic,
 * religion 1-2, type 1-3. */
static int actor_cols(json_t *ev, const char *key, casus_buf *b) {
  json_t *a = casus__xj(ev, key);
  const char *code = casus__xs(a, "code");
  const char *country = casus__xs(a, "country");
  const char *role = casus__xs(a, "role");
  char kg[4];
  known_group(code, country, role, kg);
  int rc = tab(b);
  rc = rc ? rc : casus__xtsv(b, code);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : upper_field(b, casus__xs(a, "name"));
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, country);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, kg);
  rc = rc ? rc : casus__buf_append(b, "\t\t\t", 3); /* ethnic, religion */
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, role);
  return rc ? rc : casus__buf_append(b, "\t\t", 2); /* type 2, 3 */
}

/* An empty geo block (type 0 and seven empty fields), as GDELT writes
 * for an actor without a location. */
static int empty_geo(casus_buf *b) {
  return casus__buf_append(b, "\t0\t\t\t\t\t\t\t", 9);
}

/* The ActionGeo block (8 columns) from the event's place. */
static int action_geo(const xtables *t, json_t *ev, casus_buf *b) {
  json_t *p = casus__xj(ev, "place");
  const char *name = casus__xs(p, "name");
  const char *iso2 = casus__xs(p, "country");
  const xcountry *c = casus__xcountry(t, iso2);
  if (!name || !iso2)
    return empty_geo(b);
  const char *prec = casus__xs(p, "precision");
  const char *admin1 = casus__xs(p, "admin1");
  const char *fips = c && c->fips ? c->fips : iso2;
  bool us = !strcmp(iso2, "US");
  int type = 4;
  if (prec && !strcmp(prec, "country"))
    type = 1;
  else if (prec && !strcmp(prec, "admin1"))
    type = us ? 2 : 5;
  else
    type = us ? 3 : 4;
  /* The event's own GeoNames admin1 code (0.2.0), else by name. */
  const char *a1 = type == 1 ? NULL : casus__xs(p, "admin1_code");
  if (type != 1 && !a1)
    a1 = casus__xadmin1(t, iso2, admin1);
  char adm1[16];
  snprintf(adm1, sizeof adm1, "%s%s", fips, a1 ? a1 : "");
  casus_buf full = {0};
  int rc = CASUS_OK;
  if (type >= 3)
    rc = casus__buf_printf(&full, "%s, ", name);
  if (!rc && type != 1 && admin1)
    rc = casus__buf_printf(&full, "%s, ", admin1);
  if (!rc)
    rc = casus__buf_printf(&full, "%s", c && c->name ? c->name : name);
  rc = rc ? rc : casus__buf_printf(b, "\t%d\t", type);
  rc = rc ? rc : casus__xtsv(b, full.data);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, fips);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, adm1);
  rc = rc ? rc : tab(b); /* ADM2Code: GAUL codes are not in casus */
  double lat, lon;
  if (!rc && casus__xnum(p, "lat", &lat) && casus__xnum(p, "lon", &lon))
    rc = casus__buf_printf(b, "\t%.4f\t%.4f", lat, lon);
  else if (!rc)
    rc = casus__buf_append(b, "\t\t", 2);
  rc = rc ? rc : tab(b);
  /* FeatureID: GDELT writes the country or ADM1 code for those matches;
   * casus has no GNS id for cities. */
  if (!rc && type == 1)
    rc = casus__xtsv(b, fips);
  else if (!rc && (type == 2 || type == 5))
    rc = casus__xtsv(b, adm1);
  casus__buf_free(&full);
  return rc;
}

/* The date the event was added (DATEADDED, YYYYMMDDHHMMSS): the first
 * report's publication day, else the event's date; "" when neither. */
static void date_added(json_t *ev, char out[15]) {
  int y, m, d;
  const char *s = casus__xs(ev, "first_reported");
  json_t *ms = casus__xj(ev, "mentions");
  if (!s && json_is_array(ms))
    s = casus__xs(json_array_get(ms, 0), "published");
  if (!ymd(s, &y, &m, &d) && !ymd(casus__xs(ev, "date"), &y, &m, &d)) {
    out[0] = '\0';
    return;
  }
  snprintf(out, 15, "%04d%02d%02d000000", y, m, d);
}

/* The first mention's URL (or its article id, as a citation). */
static const char *source_url(json_t *ev) {
  json_t *m = json_array_get(casus__xj(ev, "mentions"), 0);
  const char *u = casus__xs(m, "url");
  return u ? u : casus__xs(m, "article");
}

/* True when a mention lies in the article's first sentence (GDELT's
 * IsRootEvent: found in the lead). */
static bool is_root(json_t *ev) {
  json_t *ms = casus__xj(ev, "mentions");
  size_t i;
  json_t *m;
  json_array_foreach(ms, i, m) {
    long long s;
    if (casus__xint(m, "sentence", &s) && s == 0)
      return true;
  }
  return false;
}

/* Columns 0-4: id, SQLDATE, MonthYear, Year, FractionDate. */
static int date_cols(json_t *ev, casus_buf *b) {
  int rc = casus__buf_printf(b, "%llu", casus__xid(casus__xs(ev, "event_id")));
  int y, m, d;
  if (!rc && ymd(casus__xs(ev, "date"), &y, &m, &d))
    rc = casus__buf_printf(b, "\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m, d,
                           y, m, y, y + (m * 30 + d) / 365.0);
  else if (!rc)
    rc = casus__buf_append(b, "\t\t\t\t", 4);
  return rc;
}

/* Columns 25-34: root flag, codes, quad, Goldstein, counts, tone. */
static int event_cols(json_t *ev, casus_buf *b) {
  const char *code = casus__xs(ev, "cameo");
  size_t n = code ? strlen(code) : 0;
  long long q = 0, nm = 0, ns = 0, na = 0;
  double g;
  casus__xint(ev, "quad_class", &q);
  casus__xint(ev, "num_mentions", &nm);
  casus__xint(ev, "num_sources", &ns);
  casus__xint(ev, "num_articles", &na);
  int rc = casus__buf_printf(b, "\t%d\t", is_root(ev) ? 1 : 0);
  rc = rc ? rc : casus__xtsv(b, code);
  rc = rc ? rc
          : casus__buf_printf(b, "\t%.*s\t%.*s", (int)(n < 3 ? n : 3),
                              code ? code : "", (int)(n < 2 ? n : 2),
                              code ? code : "");
  rc = rc ? rc : casus__buf_printf(b, "\t%lld\t", q);
  if (!rc && casus__xnum(ev, "goldstein", &g))
    rc = casus__buf_printf(b, "%.1f", g);
  /* AvgTone: casus measures no tone; left empty rather than invented. */
  return rc ? rc : casus__buf_printf(b, "\t%lld\t%lld\t%lld\t", nm, ns, na);
}

static int gdelt_row(const xtables *t, json_t *ev, casus_buf *b) {
  if (!casus__xactual(ev) || !casus__xs(ev, "cameo"))
    return CASUS_DONE;
  char added[15];
  date_added(ev, added);
  int rc = date_cols(ev, b);
  rc = rc ? rc : actor_cols(ev, "actor1", b);
  rc = rc ? rc : actor_cols(ev, "actor2", b);
  rc = rc ? rc : event_cols(ev, b);
  rc = rc ? rc : empty_geo(b); /* Actor1Geo: casus places only events */
  rc = rc ? rc : empty_geo(b); /* Actor2Geo */
  rc = rc ? rc : action_geo(t, ev, b);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, added);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, source_url(ev));
  return rc ? rc : casus__buf_append(b, "\n", 1);
}

/* The start of provenance entry KEY when its span lies in article ART
 * (an entry without "article" belongs to the first mention's article),
 * else -1 (GDELT's "not found"). */
static long long prov_offset(json_t *ev, const char *key, const char *art,
                             const char *first_art) {
  json_t *p = casus__xj(casus__xj(ev, "provenance"), key);
  long long start;
  if (!p || !casus__xint(p, "start", &start))
    return -1;
  const char *pa = casus__xs(p, "article");
  if (!pa)
    pa = first_art;
  return pa && art && !strcmp(pa, art) ? start : -1;
}

/* One mentions row for mention M of EV. */
static int mention_row(json_t *ev, json_t *m, const char *added,
                       const char *first_art, casus_buf *b) {
  const char *art = casus__xs(m, "article");
  const char *url = casus__xs(m, "url");
  const char *src = casus__xs(m, "source");
  int y, mo, d;
  char when[15];
  if (ymd(casus__xs(m, "published"), &y, &mo, &d))
    snprintf(when, sizeof when, "%04d%02d%02d000000", y, mo, d);
  else
    snprintf(when, sizeof when, "%s", added);
  long long sent = 0, trig = -1, conf;
  if (!casus__xint(m, "sentence", &sent) || sent < 0 || sent > 1000000000)
    sent = 0; /* a sentence index out of any article's range */
  casus__xint(casus__xj(m, "trigger"), "start", &trig);
  const char *rule = casus__xs(m, "rule");
  const char *a1r = casus__xs(ev, "provenance.actor1.rule");
  const char *a2r = casus__xs(ev, "provenance.actor2.rule");
  bool raw = rule && !strncmp(rule, "pattern:", 8) &&
             !(a1r && !strncmp(a1r, "anaphora:", 9)) &&
             !(a2r && !strncmp(a2r, "anaphora:", 9));
  double c;
  conf = casus__xnum(ev, "confidence", &c) && c >= 0 && c <= 1
             ? (long long)(c * 100 + 0.5)
             : -1;
  int rc =
      casus__buf_printf(b, "%llu\t", casus__xid(casus__xs(ev, "event_id")));
  rc = rc ? rc : casus__xtsv(b, added);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, when);
  rc = rc ? rc : casus__buf_printf(b, "\t%d\t", url ? 1 : 2);
  rc = rc ? rc : casus__xtsv(b, src ? src : art);
  rc = rc ? rc : tab(b);
  rc = rc ? rc : casus__xtsv(b, url ? url : art);
  rc = rc ? rc
          : casus__buf_printf(b, "\t%lld\t%lld\t%lld\t%lld\t%d\t", sent + 1,
                              prov_offset(ev, "actor1", art, first_art),
                              prov_offset(ev, "actor2", art, first_art), trig,
                              raw ? 1 : 0);
  if (!rc && conf >= 0)
    rc = casus__buf_printf(b, "%lld", conf);
  /* DocLen, DocTone, TranslationInfo, Extras: not known to casus. */
  return rc ? rc : casus__buf_append(b, "\t\t\t\t\n", 5);
}

static int mentions_row(const xtables *t, json_t *ev, casus_buf *b) {
  (void)t;
  json_t *ms = casus__xj(ev, "mentions");
  if (!casus__xactual(ev) || !json_array_size(ms))
    return CASUS_DONE;
  char added[15];
  date_added(ev, added);
  const char *first = casus__xs(json_array_get(ms, 0), "article");
  size_t i;
  json_t *m;
  int rc = CASUS_OK;
  json_array_foreach(ms, i, m) {
    rc = mention_row(ev, m, added, first, b);
    if (rc)
      break;
  }
  return rc;
}

const xformat casus__fmt_gdelt = {"gdelt", NULL, true, gdelt_row};
const xformat casus__fmt_gdelt_mentions = {"gdelt-mentions", NULL, false,
                                           mentions_row};
