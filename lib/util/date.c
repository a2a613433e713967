/* date.c -- calendar arithmetic on days since 1970-01-01.
 *
 * Howard Hinnant's civil-date algorithms: exact for the proleptic Gregorian
 * calendar, no tables, no time zones. */
#include "casus_int.h"

#include <stdio.h>
#include <string.h>

long casus__days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void casus__civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : dm[m - 1];
}

static bool digits(const char *s, int n, int *v) {
  int x = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    x = x * 10 + (s[i] - '0');
  }
  *v = x;
  return true;
}

bool casus__parse_iso_date(const char *s, long *days) {
  int y, m, d;
  if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
    return false;
  if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
    return false;
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
    return false;
  if (s[10] && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
    return false;
  *days = casus__days_from_civil(y, m, d);
  return true;
}

void casus__format_date(long days, char out[11]) {
  int y, m, d;
  casus__civil_from_days(days, &y, &m, &d);
  if (y < 0 || y > 9999) {
    out[0] = '\0';
    return;
  }
  int v[3] = {y, m, d};
  int w[3] = {4, 2, 2};
  char *p = out;
  for (int i = 0; i < 3; i++) {
    for (int k = w[i] - 1; k >= 0; k--) {
      p[k] = (char)('0' + v[i] % 10);
      v[i] /= 10;
    }
    p += w[i];
    *p++ = i < 2 ? '-' : '\0';
  }
}
