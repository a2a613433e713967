/* export_int.h -- what the exporters (gdelt.c, acled.c, ucdp.c, plover.c)
 * share: reading fields out of a parsed event, writing TSV/CSV fields, and
 * the country tables (ISO alpha-2 -> alpha-3, name, FIPS 10-4; admin1
 * codes).  Not API.
 *
 * An exporter turns one event (a jansson object) into text appended to a
 * casus_buf; export.c sends the buffer to the caller's write callback.
 * Row functions return CASUS_OK, CASUS_DONE when the format does not hold
 * the event (it is skipped), or a negative code. */
#ifndef CASUS_EXPORT_INT_H
#define CASUS_EXPORT_INT_H

#include "casus_int.h"

#include <jansson.h>

/* One country of the tables. */
typedef struct xcountry {
  const char *iso2, *iso3, *name;
  const char *fips;  /* FIPS 10-4 code; NULL when the table has none */
} xcountry;

typedef struct xtables {
  casus_map *by_iso2;   /* iso2 -> xcountry */
  casus_map *by_iso3;   /* iso3 -> xcountry */
  casus_map *admin1;    /* "iso2\tfolded name" -> code (arena string) */
  casus_arena arena;
} xtables;

typedef int (*xrow_fn)(const xtables *t, json_t *ev, casus_buf *out);

typedef struct xformat {
  const char *name;
  const char *header;  /* header row (with newline) or NULL */
  bool tables;         /* needs the country tables */
  xrow_fn row;
} xformat;

/* The formats (gdelt.c, acled.c, ucdp.c, plover.c). */
extern const xformat casus__fmt_gdelt, casus__fmt_gdelt_mentions,
    casus__fmt_acled, casus__fmt_ucdp, casus__fmt_plover;

/* ------------------------------------------------------------ fields */

/* The value at PATH ("place.lat", "fatalities.breakdown.women") of O, or
 * NULL when a step is missing. */
json_t *casus__xj(json_t *o, const char *path);
/* The string at PATH, NULL when missing, null or not a string. */
const char *casus__xs(json_t *o, const char *path);
/* True and *V when the value at PATH is a number. */
bool casus__xnum(json_t *o, const char *path, double *v);
/* True and *V when the value at PATH is an integer. */
bool casus__xint(json_t *o, const char *path, long long *v);

/* The numeric form of a hex event id: its first 15 hex digits as a
 * decimal integer (fits GDELT's signed 64-bit GLOBALEVENTID); 0 when the
 * id is not hex. */
unsigned long long casus__xid(const char *event_id);

/* True when the event is asserted as actual (modality "actual" or absent,
 * polarity not "negated"): the only ones the field's formats count. */
bool casus__xactual(json_t *ev);

/* ------------------------------------------------------------ writing */

/* Appends S as a TSV field: TAB, CR and LF become spaces; NULL is "". */
int casus__xtsv(casus_buf *b, const char *s);
/* Appends S as a CSV field (RFC 4180: quoted when it holds a comma, quote,
 * CR or LF; quotes doubled); NULL is "". */
int casus__xcsv(casus_buf *b, const char *s);
/* Numbers and separators are appended as they are with
 * casus__buf_printf: they need no quoting. */

/* ------------------------------------------------------------ tables */

const xcountry *casus__xcountry(const xtables *t, const char *iso2);
const xcountry *casus__xcountry3(const xtables *t, const char *iso3);
/* The GeoNames/FIPS admin1 code of ADMIN1 in country ISO2, or NULL. */
const char *casus__xadmin1(const xtables *t, const char *iso2,
                           const char *admin1);

#endif /* CASUS_EXPORT_INT_H */
