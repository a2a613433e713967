/* lines.c -- reading events files (JSON Lines) line by line with a cap on
 * the length of one line, for `casus export --events` and `casus dyads
 * --events`: a file without newlines (a binary, /dev/zero) or an absurd
 * record cannot take all memory, and read errors (a directory given as
 * the file) are told apart from the end of the file. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

long cli_read_line(FILE *f, char **buf, size_t *cap, size_t max,
                   size_t *len) {
  size_t n = 0;
  bool over = false, any = false;
  int c;
  while ((c = getc_unlocked(f)) != EOF) {
    any = true;
    if (c == '\n')
      break;
    if (over)
      continue;  /* the rest of an overlong line is skipped */
    if (n == max) {
      over = true;
      continue;
    }
    if (n + 1 >= *cap) {
      size_t ncap = *cap ? *cap * 2 : 4096;
      if (ncap > max + 1)
        ncap = max + 1;
      char *p = realloc(*buf, ncap);
      if (!p)
        return CLI_LINE_NOMEM;
      *buf = p;
      *cap = ncap;
    }
    (*buf)[n++] = (char)c;
  }
  if (*buf)
    (*buf)[n] = '\0';
  *len = n;
  if (!any)
    return ferror(f) ? CLI_LINE_ERROR : CLI_LINE_END;
  return over ? CLI_LINE_LONG : CLI_LINE_OK;
}
