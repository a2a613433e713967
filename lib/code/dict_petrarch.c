/* dict_petrarch.c -- what PETRARCH's dictionaries add to TABARI's formats:
 * the "!NAME! = A, B" substitution lines of agent files (a phrase
 * "!MINST!_OF_SILLY_WALKS" stands for each member in turn), and discard
 * files (phrases that make PETRARCH drop a sentence or, with '+', a
 * story): petrarch_mode.c keeps them and the coder drops what they
 * match. */
#include "dict_int.h"

#include <stdio.h>
#include <string.h>

#define SUBST_MAX 64

int casus__dict_syn_add(dict_ld *ld, dict_syn *s, const char *m, size_t n) {
  if (casus__grow((void **)&s->m, &s->cap, s->n + 1, sizeof *s->m))
    return CASUS_ENOMEM;
  s->m[s->n] = casus__arena_strndup(&ld->e->arena, m, n);
  if (!s->m[s->n])
    return CASUS_ENOMEM;
  s->n++;
  return CASUS_OK;
}

/* "!PERSON! = MAN, MEN, WOMAN": stores the members under "PERSON". */
int casus__dict_subst_line(dict_ld *ld, char *line) {
  if (line[0] != '!')
    return 0;
  char *end = strchr(line + 1, '!');
  char *eq = end ? strchr(end, '=') : NULL;
  if (!eq)
    return 0;
  void **slot = casus__map_slot(ld->subst, line + 1,
                                (size_t)(end - line - 1));
  dict_syn *s = slot ? *slot : NULL;
  if (slot && !s) {
    s = casus__arena_alloc(&ld->e->arena, sizeof *s);
    *slot = s;
  }
  if (!s)
    return CASUS_ENOMEM;
  char *p = eq + 1;
  while (*p) {
    while (*p == ' ' || *p == ',')
      p++;
    char *q = p;
    while (*q && *q != ',')
      q++;
    char *r = q;
    while (r > p && r[-1] == ' ')
      r--;
    if (r > p && casus__dict_syn_add(ld, s, p, (size_t)(r - p)))
      return CASUS_ENOMEM;
    p = q;
  }
  return 1;
}

/* Expands the first !NAME! of PHRASE into BUF and recurses; *LEFT bounds
 * the number of expansions. */
static int expand(dict_ld *ld, const char *phrase,
                  int (*cb)(dict_ld *, const char *, void *), void *ctx,
                  int *left) {
  const char *a = strchr(phrase, '!');
  const char *b = a ? strchr(a + 1, '!') : NULL;
  dict_syn *s = b ? casus__map_get(ld->subst, a + 1, (size_t)(b - a - 1))
                  : NULL;
  if (!s) {
    if (--*left < 0)
      return CASUS_OK;
    return cb(ld, phrase, ctx);
  }
  for (size_t i = 0; i < s->n; i++) {
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%.*s%s%s", (int)(a - phrase), phrase,
                     s->m[i], b + 1);
    if (n < 0 || (size_t)n >= sizeof buf)
      continue;
    int rc = expand(ld, buf, cb, ctx, left);
    if (rc)
      return rc;
  }
  return CASUS_OK;
}

int casus__dict_expand_subst(dict_ld *ld, const char *phrase,
                             int (*cb)(dict_ld *, const char *, void *),
                             void *ctx) {
  int left = SUBST_MAX;
  return expand(ld, phrase, cb, ctx, &left);
}

int casus__dict_discard_line(dict_ld *ld, char *line) {
  ld->ndiscards++;
  return casus__petr_discard_line(ld, line);
}
