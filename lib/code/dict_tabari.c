/* dict_tabari.c -- reads TABARI and PETRARCH dictionaries into the engine.
 *
 * Actors ("GONDOR [GON]", "+MINAS_TIRITH" synonyms, codes on their own
 * lines, date-restricted codes "[HOBGOV 950601-990815]", "[X <911226]",
 * "[X >990816]") become LX_COUNTRY lexicon entries: iso3 is the code's
 * first three letters, code the rest, so that an agent word after them
 * composes as casus' own countries do ("Gondor's prime minister" GONGOV).
 * A phrase not ending in '_' is a TABARI stem: "ARGENTIN" also names
 * Argentina, Argentine, Argentinians, so a few endings are generated.
 *
 * Agents ("PRESIDENT_ [~GOVPRS]") become LX_ROLE entries.
 *
 * Verbs: each verb (TABARI "VERB [code]" line, PETRARCH "--- VERB [code]
 * ---" block with its forms) and each of its patterns "- LOWER * UPPER
 * [code]" becomes a casus pattern (lib/code/patterns.c):
 *   *        the verb: every form of the block, as alternatives (a
 *            TABARI stem also as "stem~": any word it begins)
 *   a b      words in order with anything between: a gap *8; a TABARI
 *            word not followed by '_' is a stem ("word~"), "WORD_" that
 *            word only ("word="), matched so by coder.c
 *   a_b      adjacent words
 *   { a | b } alternatives; &NAME a synset, expanded into alternatives
 *   $ + %    source, target, compound (X and Y: both directions)
 *   ^        a skipped phrase: a gap *3
 * Without '$' the source is the clause's subject; without '+' the target
 * is the first actor after the verb, or after the pattern's last word
 * (two casus patterns).  Paired codes "[032:033]" code the reverse event
 * too.  A null code "[---]" is a blocker: its match codes nothing and
 * ends the search on that verb; TABARI's ### (discard) and +++ (too
 * complex) are patterns whose match leaves the sentence uncoded
 * (dict_code.c), PETRARCH's are not imported; "[023?]"
 * (code only when
 * nothing else does) is not imported as a default.  Codes that are not
 * CAMEO (the validation suites use "903", "abc") are registered as they
 * are.  Patterns of a verb are tried longest first, as TABARI does.
 *
 * Options (.options): DEFAULT:, SET: CONVERT AGENT, SET: CODE BY /
 * CODE ALL, SET: MINIMUM WORDS and COMMA: go to e->dopt, which dict_code.c
 * applies (docs/dictionaries.md).
 *
 * Provenance: every entry's rule or pattern id is "tabari:FILE:LINE" or
 * "petrarch:FILE:LINE". */
#include "dict_int.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ELEM_CAP 8192
#define PAT_CAP 16384
#define ALT_MAX 64
#define ALT_LEN 160
#define UNIT_MAX 40
#define FORM_MAX 256
#define DICT_GAP 255 /* "*8" of an imported pattern: the sentence */

/* ------------------------------------------------------------- helpers */

static void app(char *out, size_t cap, size_t *o, const char *s, size_t n) {
  if (*o + n + 1 > cap)
    n = *o + 1 < cap ? cap - *o - 1 : 0;
  memcpy(out + *o, s, n);
  *o += n;
  out[*o] = '\0';
}

static void apps(char *out, size_t cap, size_t *o, const char *s) {
  app(out, cap, o, s, strlen(s));
}

static const char *intern(casus_engine *e, const char *s, size_t n) {
  void **slot = casus__map_slot(e->strings, s, n);
  if (slot && !*slot)
    *slot = casus__arena_strndup(&e->arena, s, n);
  return slot ? *slot : NULL;
}

static const char *rule_of(dict_ld *ld) {
  char r[600];
  snprintf(r, sizeof r, "%s:%s:%ld",
           (ld->base && strstr(ld->path, "PETR")) || ld->petrarch
               ? "petrarch"
               : "tabari",
           ld->base, ld->line);
  return intern(ld->e, r, strlen(r));
}

char *casus__dict_clean(char *line, int *in_xml) {
  char *w = line;
  int depth = 0;
  for (char *p = line; *p;) {
    if (*in_xml) {
      char *end = strstr(p, "-->");
      if (!end) {
        *w = '\0';
        break;
      }
      *in_xml = 0;
      p = end + 3;
      continue;
    }
    if (!strncmp(p, "<!--", 4)) {
      *in_xml = 1;
      p += 4;
      continue;
    }
    if (*p == '[')
      depth++;
    else if (*p == ']' && depth)
      depth--;
    if (!depth && (*p == ';' ||
                   (*p == '#' && (p == line || p[-1] == ' ' ||
                                  p[-1] == '\t')))) {
      break;
    }
    if (*p == '\r' || *p == '\n')
      break;
    *w++ = *p++;
  }
  *w = '\0';
  while (w > line && (w[-1] == ' ' || w[-1] == '\t'))
    *--w = '\0';
  return line;
}

/* Parses YYMMDD (two-digit years: 50-99 are 19xx) or YYYYMMDD into days
 * since epoch; false when malformed. */
static bool dict_date(const char *s, size_t n, long *out) {
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (!isdigit((unsigned char)s[i]))
      return false;
    v = v * 10 + (s[i] - '0');
  }
  int y, m = (int)(v / 100 % 100), d = (int)(v % 100);
  if (n == 6)
    y = (int)(v / 10000) + (v / 10000 >= 50 ? 1900 : 2000);
  else if (n == 8)
    y = (int)(v / 10000);
  else
    return false;
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  *out = casus__days_from_civil(y, m, d);
  return true;
}

/* True when the file being read is a TABARI .actors file (PETRARCH's are
 * *.actors.txt): its phrases' spaces allow words in between. */
static bool tabari_actors(const dict_ld *ld) {
  static const char END[] = ".actors";
  size_t n = strlen(ld->path), k = sizeof END - 1;
  if (n < k)
    return false;
  for (size_t i = 0; i < k; i++)
    if (tolower((unsigned char)ld->path[n - k + i]) != END[i])
      return false;
  return true;
}

/* A code as the engine stores it: iso3 = first three letters (upper
 * case), role = the rest or NULL.  Returns false for the null codes. */
static bool split_code(dict_ld *ld, const char *c, size_t n,
                       const char **iso3, const char **role) {
  char u[32];
  if (n >= sizeof u)
    n = sizeof u - 1;
  for (size_t i = 0; i < n; i++)
    u[i] = (char)toupper((unsigned char)c[i]);
  u[n] = '\0';
  if (strchr(u, '/')) { /* "ELR/GAL": all of them (dict_code.c splits) */
    *iso3 = intern(ld->e, u, n);
    *role = NULL;
    return *iso3 != NULL;
  }
  /* TABARI "[###]", "[+++]": an actor whose sentence is not coded
   * (dict_code.c reads the iso3 "###", "+++") */
  if (tabari_actors(ld) && (!strcmp(u, "###") || !strcmp(u, "+++"))) {
    *iso3 = intern(ld->e, u, 3);
    *role = NULL;
    return *iso3 != NULL;
  }
  if (!n || u[0] == '-' || u[0] == '#' || u[0] == '+' || u[0] == '~')
    return false;
  *iso3 = intern(ld->e, u, n < 3 ? n : 3);
  *role = n > 3 ? intern(ld->e, u + 3, n - 3) : NULL;
  return *iso3 != NULL;
}

void casus__lex_dated(const lex_entry *x, long day, const char **iso3,
                      const char **role) {
  for (const lex_dated *d = x->dated; d; d = d->next)
    if (day >= d->from && day <= d->to) {
      *iso3 = d->iso3;
      *role = d->role;
      return;
    }
}

/* The engine's .options settings, made with TABARI's defaults the first
 * time (arena memory); NULL when out of memory. */
static dict_opts *dopt_of(dict_ld *ld) {
  if (!ld->e->dopt) {
    ld->e->dopt = casus__arena_alloc(&ld->e->arena, sizeof *ld->e->dopt);
    if (!ld->e->dopt)
      return NULL;
    memset(ld->e->dopt, 0, sizeof *ld->e->dopt);
    static const int COMMA_DEFAULT[6] = {2, 10, 2, 10, 255, 0};
    memcpy(ld->e->dopt->comma, COMMA_DEFAULT, sizeof COMMA_DEFAULT);
  }
  return ld->e->dopt;
}

/* --------------------------------------------------------------- actors */

typedef struct actor_acc {
  const char *phrases[64];
  int nphrases;
  lex_dated *dated;       /* in file order */
  lex_dated **tail;
  const char *iso3, *role; /* the undated code */
  bool has_code, null_code;
  const char *rule;
} actor_acc;

/* Parses the code blocks "[CODE ...]" of S into A. */
static int actor_codes(dict_ld *ld, actor_acc *a, const char *s) {
  while ((s = strchr(s, '['))) {
    const char *end = strchr(s, ']');
    if (!end)
      break;
    const char *p = s + 1;
    while (p < end && *p == ' ')
      p++;
    const char *c = p;
    /* A code may hold digits ("[AR1 <911226]", "[G77]"); a block that
     * starts with one is a date alone ("[950601-990815]"), one that runs
     * a code into a date ("[AAA950601-990815]") is malformed. */
    bool glued = false;
    while (p < end && *p != ' ' && *p != '<' && *p != '>' &&
           !isdigit((unsigned char)*c)) {
      glued |= *p == '-' && p > c && isdigit((unsigned char)p[-1]);
      p++;
    }
    size_t cn = glued ? 0 : (size_t)(p - c);
    /* "[X >990816]", "[X <911226]", "[X 950601 - 990815]" */
    long from = LONG_MIN, to = LONG_MAX;
    bool dated = false, bad = cn == 0;
    while (p < end && *p == ' ')
      p++;
    if (p < end) {
      char tmp[64];
      size_t k = 0;
      for (; p < end && k + 1 < sizeof tmp; p++)
        if (*p != ' ')
          tmp[k++] = *p;
      tmp[k] = '\0';
      long v;
      char *dash = strchr(tmp, '-');
      dated = true;
      if (tmp[0] == '<' && dict_date(tmp + 1, k - 1, &v))
        to = v - 1;
      else if (tmp[0] == '>' && dict_date(tmp + 1, k - 1, &v))
        from = v;
      else if (dash && dict_date(tmp, (size_t)(dash - tmp), &from) &&
               dict_date(dash + 1, strlen(dash + 1), &to))
        ;
      else
        bad = true;
    }
    s = end + 1;
    if (bad)
      continue; /* TABARI rejects such blocks too */
    const char *iso3 = NULL, *role = NULL;
    bool real = split_code(ld, c, cn, &iso3, &role);
    a->has_code = true;
    if (!dated) {
      a->iso3 = real ? iso3 : NULL;
      a->role = role;
      a->null_code = !real;
      continue;
    }
    lex_dated *d = casus__arena_alloc(&ld->e->arena, sizeof *d);
    if (!d)
      return CASUS_ENOMEM;
    d->iso3 = real ? iso3 : NULL;
    d->role = real ? role : NULL;
    d->from = from;
    d->to = to;
    *a->tail = d;
    a->tail = &d->next;
  }
  return CASUS_OK;
}

/* Writes PHRASE as a form: '_' and '=' become spaces or go. */
static size_t phrase_form(const char *phrase, char *out, size_t cap,
                          bool *stem) {
  size_t n = strlen(phrase);
  while (n && (phrase[n - 1] == ' ' || phrase[n - 1] == '='))
    n--;
  *stem = n && phrase[n - 1] != '_';
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++) {
    char c = phrase[i];
    if (c == '_')
      c = ' ';
    if (c == '~' || c == '+')
      continue;
    out[o++] = c;
  }
  while (o && out[o - 1] == ' ')
    o--;
  out[o] = '\0';
  return o;
}

/* A lexicon entry for one form of actor entry A (arena), or NULL. */
static lex_entry *actor_entry(dict_ld *ld, const actor_acc *a,
                              const char *form, bool demonym) {
  lex_entry *x = casus__arena_alloc(&ld->e->arena, sizeof *x);
  if (!x)
    return NULL;
  x->kind = LX_COUNTRY;
  x->form = demonym ? CF_DEMONYM : CF_NAME;
  x->need_cap = !tabari_actors(ld); /* TABARI reads no case: "ithilen's" */
  x->iso3 = a->iso3;
  x->code = a->role;
  x->dated = a->dated;
  x->rule = a->rule;
  x->name = intern(ld->e, form, strlen(form));
  return x->name ? x : NULL;
}

/* Adds one form of an actor entry. */
static int actor_form(dict_ld *ld, const actor_acc *a, const char *form,
                      bool demonym) {
  lex_entry *x = actor_entry(ld, a, form, demonym);
  if (!x)
    return CASUS_ENOMEM;
  return casus__lex_add_first(ld->e, form, x);
}

/* Adds the TABARI phrase PHRASE of A, whose words are apart (spaces), to
 * the gapped phrases: each word folded, its '_' and '-' parts tokens
 * ("DOL_AMROTH" "dol amroth"). */
static int actor_gapped(dict_ld *ld, const actor_acc *a, const char *phrase) {
  dict_opts *o = dopt_of(ld);
  dict_gap *g = o ? casus__arena_alloc(&ld->e->arena, sizeof *g) : NULL;
  if (!g)
    return CASUS_ENOMEM;
  memset(g, 0, sizeof *g);
  const char *p = phrase;
  while (*p && g->nwords < DICT_GAP_WORDS) {
    while (*p == ' ')
      p++;
    char w[256];
    size_t o2 = 0;
    for (; *p && *p != ' ' && o2 + 3 < sizeof w; p++) {
      char ch = (char)tolower((unsigned char)*p);
      if (ch == '~' || ch == '+' || ch == '=')
        continue;
      if (ch == '_' || ch == '-') {
        if (o2 && w[o2 - 1] != ' ')
          w[o2++] = ' ';
        if (ch == '-')
          w[o2++] = '-', w[o2++] = ' ';
        continue;
      }
      w[o2++] = ch;
    }
    while (o2 && w[o2 - 1] == ' ')
      o2--;
    if (!o2)
      continue;
    g->words[g->nwords] = intern(ld->e, w, o2);
    if (!g->words[g->nwords++])
      return CASUS_ENOMEM;
  }
  size_t n = strlen(phrase);
  g->stem = n && phrase[n - 1] != '_';
  char form[512];
  bool stem;
  phrase_form(phrase, form, sizeof form, &stem);
  g->x = actor_entry(ld, a, form, false);
  if (!g->x)
    return CASUS_ENOMEM;
  g->next = o->gapped;
  o->gapped = g;
  return CASUS_OK;
}

/* TABARI dereferences the object pronouns too ("Gondor asked him to"):
 * adds him, her, them, his as pronouns where the lexicon lacks them. */
static int tabari_pronouns(dict_ld *ld) {
  static const char *const P[] = {"him", "her", "them", "his"};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(P); i++) {
    if (casus__map_get(ld->e->lex, P[i], strlen(P[i])))
      continue;
    lex_entry *x = casus__arena_alloc(&ld->e->arena, sizeof *x);
    if (!x)
      return CASUS_ENOMEM;
    memset(x, 0, sizeof *x);
    x->kind = LX_PRONOUN;
    x->code = "PRONOUN";
    x->name = P[i];
    x->rule = "tabari:pronoun";
    int rc = casus__lex_add_first(ld->e, P[i], x);
    if (rc)
      return rc;
  }
  return CASUS_OK;
}

/* Adds PHRASE with its '_' written as the token JOIN: "DOL_AMROTH" also
 * names the texts "Dol_Amroth" (TABARI's texts carry its connectors) and
 * "Dol-Amroth" (TABARI reads a hyphen as '_'). */
static int actor_joined(dict_ld *ld, const actor_acc *a, const char *phrase,
                        char join) {
  char v[600];
  size_t o = 0;
  size_t n = strlen(phrase);
  while (n && (phrase[n - 1] == '_' || phrase[n - 1] == ' '))
    n--;
  for (size_t i = 0; i < n && o + 4 < sizeof v; i++) {
    if (phrase[i] == '_') {
      v[o++] = ' ';
      v[o++] = join;
      v[o++] = ' ';
    } else if (phrase[i] != '~' && phrase[i] != '+') {
      v[o++] = phrase[i];
    }
  }
  v[o] = '\0';
  return actor_form(ld, a, v, false);
}

static int actor_flush(dict_ld *ld, actor_acc *a) {
  int rc = CASUS_OK;
  if (!a->nphrases || !a->has_code)
    goto done;
  if (!a->iso3 && !a->dated)
    goto done; /* [---], [###], [+++]: no actor */
  if (!a->iso3 && a->dated) { /* only dated codes: the latest by default */
    for (lex_dated *d = a->dated; d; d = d->next)
      if (d->iso3) {
        a->iso3 = d->iso3;
        a->role = d->role;
      }
    if (!a->iso3)
      goto done;
  }
  static const char *const ENDINGS[] = {"s", "n", "ns", "an", "ans", "ian",
                                        "ians", "i", "is", "ese", "ish",
                                        "ic", "a", "e", "es", "ean", "eans"};
  for (int i = 0; i < a->nphrases && !rc; i++) {
    char form[512];
    bool stem;
    size_t n = phrase_form(a->phrases[i], form, sizeof form - 8, &stem);
    if (!n)
      continue;
    if (tabari_actors(ld) && strchr(a->phrases[i], ' ')) {
      rc = actor_gapped(ld, a, a->phrases[i]);
      continue;
    }
    if (strchr(form, ' ') && strchr(a->phrases[i], '_'))
      rc = actor_joined(ld, a, a->phrases[i], '_');
    if (!rc && strchr(form, ' ') && strchr(a->phrases[i], '_'))
      rc = actor_joined(ld, a, a->phrases[i], '-');
    if (!rc)
      rc = actor_form(ld, a, form, false);
    /* TABARI: "FOO=" takes no ending; "FOO_" still the plural "s"
     * ("Libyas", "Ithilen government radios") */
    size_t pl = strlen(a->phrases[i]);
    bool bare = pl && a->phrases[i][pl - 1] == '=';
    stem = stem && !bare;
    if (!rc && !stem && !bare && tabari_actors(ld)) {
      char v[520];
      snprintf(v, sizeof v, "%ss", form);
      rc = actor_form(ld, a, v, true);
    }
    for (size_t k = 0; stem && !rc && k < CASUS_ARRAY_LEN(ENDINGS); k++) {
      char v[520];
      snprintf(v, sizeof v, "%s%s", form, ENDINGS[k]);
      rc = actor_form(ld, a, v, true);
    }
  }
  ld->nactors += (size_t)a->nphrases;
done:
  memset(a, 0, sizeof *a);
  a->tail = &a->dated;
  return rc;
}

static int actors_line(dict_ld *ld, actor_acc *a, char *raw, char *line,
                       int *skip_block) {
  if (line[0] == '<' && line[1] == '!')
    return CASUS_OK; /* "<! -- NEW ACTORS -->": a comment, if malformed */
  if (line[0] == '<') { /* <NOUN> ... </NOUN>, <ADJECTIVE> ... */
    *skip_block = line[1] != '/';
    return CASUS_OK;
  }
  if (*skip_block || !strncmp(line, "~~", 2))
    return CASUS_OK;
  if (line[0] == '+') {
    char *br = strchr(line, '[');
    size_t n = br ? (size_t)(br - line - 1) : strlen(line + 1);
    while (n && line[n] == ' ')
      n--;
    if (a->nphrases < 64 && n)
      a->phrases[a->nphrases++] = intern(ld->e, line + 1, n);
    return br ? actor_codes(ld, a, br) : CASUS_OK;
  }
  if (raw[0] == ' ' || raw[0] == '\t' || line[0] == '[')
    return actor_codes(ld, a, line);
  int rc = actor_flush(ld, a);
  if (rc)
    return rc;
  a->rule = rule_of(ld);
  char *br = strchr(line, '[');
  size_t n = br ? (size_t)(br - line) : strlen(line);
  while (n && line[n - 1] == ' ')
    n--;
  if (n)
    a->phrases[a->nphrases++] = intern(ld->e, line, n);
  return br ? actor_codes(ld, a, br) : CASUS_OK;
}

/* --------------------------------------------------------------- agents */

typedef struct agent_ctx {
  const char *code;
  const char *rule;
  const char *plurals; /* PETRARCH "{A B}" or NULL */
} agent_ctx;

static int agent_add(dict_ld *ld, const char *form, const agent_ctx *ac) {
  lex_entry *x = casus__arena_alloc(&ld->e->arena, sizeof *x);
  if (!x)
    return CASUS_ENOMEM;
  x->kind = LX_ROLE;
  x->code = ac->code;
  x->rank = 10; /* the project's agents win over casus' own */
  x->rule = ac->rule;
  x->name = intern(ld->e, form, strlen(form));
  if (!x->name)
    return CASUS_ENOMEM;
  return casus__lex_add_first(ld->e, form, x);
}

/* Adds PHRASE and its plural. */
static int agent_phrase(dict_ld *ld, const char *phrase, void *ctx) {
  const agent_ctx *ac = ctx;
  char form[512];
  bool stem;
  size_t n = phrase_form(phrase, form, sizeof form - 8, &stem);
  if (!n)
    return CASUS_OK;
  int rc = agent_add(ld, form, ac);
  char pl[520];
  if (form[n - 1] == 'y' && n > 1 && !strchr("aeiou", form[n - 2]))
    snprintf(pl, sizeof pl, "%.*sies", (int)(n - 1), form);
  else if (form[n - 1] == 's' || form[n - 1] == 'h' || form[n - 1] == 'x')
    snprintf(pl, sizeof pl, "%ses", form);
  else
    snprintf(pl, sizeof pl, "%ss", form);
  if (!rc)
    rc = agent_add(ld, pl, ac);
  ld->nagents++;
  return rc;
}

static int agents_line(dict_ld *ld, char *line) {
  int rc = casus__dict_subst_line(ld, line);
  if (rc)
    return rc < 0 ? rc : CASUS_OK;
  char *br = strchr(line, '[');
  char *end = br ? strchr(br, ']') : NULL;
  if (!end)
    return CASUS_OK;
  agent_ctx ac = {0};
  char code[32];
  size_t k = 0;
  for (char *p = br + 1; p < end && k + 1 < sizeof code; p++)
    if (*p != ' ' && *p != '~')
      code[k++] = (char)toupper((unsigned char)*p);
  code[k] = '\0';
  if (!k)
    return CASUS_OK;
  ac.code = intern(ld->e, code, k);
  ac.rule = rule_of(ld);
  if (br[1 + strspn(br + 1, " ")] != '~' && memchr(br, '~', (size_t)(end - br))
      && (rc = casus__petr_prefix_agent(ld, ac.rule))) /* "[NGO~]" */
    return rc;
  char *brace = strchr(line, '{');
  char *stop = brace && brace < br ? brace : br;
  while (stop > line && stop[-1] == ' ')
    stop--;
  *stop = '\0';
  if (brace && brace < br) { /* PETRARCH irregular plurals */
    char *q = strchr(brace, '}');
    for (char *p = brace + 1; q && p < q;) {
      while (p < q && *p == ' ')
        p++;
      char *w = p;
      while (p < q && *p != ' ')
        p++;
      if (p > w) {
        char one[256];
        snprintf(one, sizeof one, "%.*s", (int)(p - w), w);
        char form[256];
        bool stem;
        if (phrase_form(one, form, sizeof form, &stem) &&
            (rc = agent_add(ld, form, &ac)))
          return rc;
      }
    }
  }
  if (!ac.code)
    return CASUS_ENOMEM;
  return casus__dict_expand_subst(ld, line, agent_phrase, &ac);
}

/* ---------------------------------------------------------------- verbs */

typedef struct alts {
  char s[ALT_MAX][ALT_LEN];
  int n;
} alts;

/* Writes word W[0..N) as casus pattern words: lower case, '-' a token of
 * its own ("semi_-_official"), "n't" split off, markers dropped. */
static size_t word_conv(const char *w, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 4 < cap; i++) {
    char c = (char)tolower((unsigned char)w[i]);
    /* "REAL~_PLEASANT": a stem inside a phrase ("really pleasant"),
     * kept as "real~" (coder.c matches it as a prefix) */
    if (c == '~' && o && out[o - 1] != '_' && (i + 1 == n || w[i + 1] == '_')) {
      out[o++] = '~';
      continue;
    }
    if (c == '~' || c == '=' || c == '$' || c == '+' || c == '!')
      continue;
    if (c == '-') {
      if (o && out[o - 1] != '_')
        out[o++] = '_';
      out[o++] = '-';
      if (i + 1 < n)
        out[o++] = '_';
      continue;
    }
    if (c == 'n' && i + 2 < n && w[i + 1] == '\'' &&
        (w[i + 2] == 'T' || w[i + 2] == 't') && o && out[o - 1] != '_')
      out[o++] = '_';
    out[o++] = c;
  }
  while (o && out[o - 1] == '_')
    o--;
  out[o] = '\0';
  return o;
}

static int syn_alts(dict_ld *ld, const char *name, size_t nlen, alts *out,
                    int depth);

/* The alternatives TEXT stands for: words joined by '_', each synset
 * reference expanded (cartesian product, capped at ALT_MAX). */
static int text_alts(dict_ld *ld, const char *t, size_t n, alts *out,
                     int depth) {
  alts *cur = casus__malloc(sizeof *cur);
  alts *sub = casus__malloc(sizeof *sub);
  alts *nxt = casus__malloc(sizeof *nxt);
  int rc = cur && sub && nxt ? CASUS_OK : CASUS_ENOMEM;
  if (rc)
    goto done;
  cur->n = 1;
  cur->s[0][0] = '\0';
  size_t i = 0;
  while (i < n && !rc) {
    while (i < n && (t[i] == ' ' || t[i] == '_'))
      i++;
    size_t j = i;
    while (j < n && t[j] != ' ' && t[j] != '_' && (j == i || t[j] != '&'))
      j++;
    if (j == i)
      break;
    sub->n = 0;
    if (t[i] == '&') {
      rc = syn_alts(ld, t + i + 1, j - i - 1, sub, depth + 1);
    } else {
      sub->n = 1;
      if (!word_conv(t + i, j - i, sub->s[0], ALT_LEN))
        sub->n = 0;
    }
    if (sub->n) {
      nxt->n = 0;
      for (int a = 0; a < cur->n; a++)
        for (int b = 0; b < sub->n && nxt->n < ALT_MAX; b++) {
          size_t o = 0;
          char *d = nxt->s[nxt->n++];
          d[0] = '\0';
          apps(d, ALT_LEN, &o, cur->s[a]);
          if (o)
            apps(d, ALT_LEN, &o, "_");
          apps(d, ALT_LEN, &o, sub->s[b]);
        }
      memcpy(cur, nxt, sizeof *cur);
    }
    i = j;
  }
  for (int a = 0; a < cur->n && out->n < ALT_MAX; a++)
    if (cur->s[a][0])
      memcpy(out->s[out->n++], cur->s[a], ALT_LEN);
done:
  casus__free(cur);
  casus__free(sub);
  casus__free(nxt);
  return rc;
}

static int syn_alts(dict_ld *ld, const char *name, size_t nlen, alts *out,
                    int depth) {
  while (nlen && name[nlen - 1] == '_')
    nlen--;
  char key[128];
  size_t k = 0;
  for (size_t i = 0; i < nlen && k + 1 < sizeof key; i++)
    key[k++] = (char)toupper((unsigned char)name[i]);
  const dict_syn *s = casus__map_get(ld->synsets, key, k);
  if (!s || depth > 4)
    return CASUS_OK;
  for (size_t i = 0; i < s->n; i++) {
    int first = out->n;
    size_t ml = strlen(s->m[i]);
    int rc = text_alts(ld, s->m[i], ml, out, depth);
    if (rc)
      return rc;
    while (ml && s->m[i][ml - 1] == ' ')
      ml--;
    /* a TABARI member not ending in '_' is a stem: "JAVANESE_YEN" reads
     * "Javanese yener" (coder.c matches "yen~" as a prefix) */
    if (ld->petrarch || !ml || strchr("_=$+%^", s->m[i][ml - 1]) ||
        memchr(s->m[i], '&', ml))
      continue;
    for (int a = first; a < out->n; a++) {
      size_t o = strlen(out->s[a]);
      if (o + 1 < ALT_LEN && out->s[a][o - 1] != '~')
        apps(out->s[a], ALT_LEN, &o, "~");
    }
  }
  return CASUS_OK;
}

/* One unit of a pattern. */
typedef enum { U_WORD = 1, U_VERB, U_SRC, U_TGT, U_COMP, U_SKIP } ukind;

typedef struct unit {
  ukind k;
  bool adj;           /* joined to the previous unit by '_' */
  char text[ELEM_CAP / 4]; /* U_WORD: "a|b_c" */
} unit;

typedef struct verb_acc {
  char forms[FORM_MAX][ALT_LEN];
  int nforms;
  char code[16];
  long line;
  const char *pats[512]; /* "LOWER * UPPER\t[code]\tline" (arena) */
  long pat_line[512];
  int pat_w[512]; /* its weight: longest first (pat_words) */
  int npats;
  bool open;
  bool lit; /* its first form was written "WORD_" */
} verb_acc;

/* Joins alternatives A into OUT as "a|b|c". */
static void join_alts(const alts *a, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  for (int i = 0; i < a->n; i++) {
    if (o)
      apps(out, cap, &o, "|");
    apps(out, cap, &o, a->s[i]);
  }
}

/* Splits pattern text S into units; false when it has too many. */
static int units_of(dict_ld *ld, const char *s, unit *u, int *nu) {
  bool adj = false;
  *nu = 0;
  int rc = CASUS_OK;
  alts *a = casus__malloc(sizeof *a);
  if (!a)
    return CASUS_ENOMEM;
  while (*s && !rc && *nu < UNIT_MAX) {
    char c = *s;
    if (c == ' ' || c == '\t' || c == '(' || c == ')' || c == '}' ||
        c == '|') {
      adj = false;
      s++;
      continue;
    }
    if (c == '_') {
      adj = true;
      s++;
      continue;
    }
    unit *x = &u[*nu];
    memset(x, 0, sizeof *x);
    x->adj = adj;
    adj = false;
    if (c == '{') {
      const char *end = strchr(s, '}');
      const char *bar = strchr(s, '|');
      if (!end || !bar || bar > end) { /* PETRARCH noun phrase: words */
        s++;
        continue;
      }
      a->n = 0;
      const char *p = s + 1;
      while (p < end && !rc) {
        const char *q = p;
        while (q < end && *q != '|')
          q++;
        rc = text_alts(ld, p, (size_t)(q - p), a, 0);
        p = q + 1;
      }
      x->k = U_WORD;
      join_alts(a, x->text, sizeof x->text);
      s = end + 1;
    } else if (strchr("*$+%^", c)) {
      x->k = c == '*' ? U_VERB : c == '$' ? U_SRC : c == '+' ? U_TGT
             : c == '%' ? U_COMP : U_SKIP;
      s++;
    } else {
      const char *p = s;
      while (*p && !strchr(" \t_{}()|*", *p) &&
             (p == s || *p != '&'))
        p++;
      a->n = 0;
      rc = text_alts(ld, s, (size_t)(p - s), a, 0);
      /* TABARI: a word not followed by '_' is a stem ("REVOLUTION" reads
       * "revolutionary"), one ending in '_' that word only ("RESOLUTION_"
       * is not "resolutions"); coder.c matches "revolution~" as a
       * prefix, "resolution=" as the very word */
      bool alpha = *s != '&' && p - s >= 3;
      for (const char *q = s; alpha && q < p; q++)
        alpha = isalpha((unsigned char)*q);
      bool exact = *p == '_' && (!p[1] || p[1] == ' ' || p[1] == '\t');
      if (!rc && alpha && (*p != '_' || exact) && !ld->petrarch &&
          !intern(ld->e, "tabari:stems", 12))
        rc = CASUS_ENOMEM; /* coder.c: look the stems up */
      if (!rc && alpha && (*p != '_' || exact) && !ld->petrarch)
        for (int k = 0; k < a->n; k++) {
          size_t o = strlen(a->s[k]);
          if (o + 1 < ALT_LEN)
            apps(a->s[k], ALT_LEN, &o, exact ? "=" : "~");
        }
      x->k = U_WORD;
      join_alts(a, x->text, sizeof x->text);
      s = p;
    }
    if (x->k != U_WORD || x->text[0])
      (*nu)++;
  }
  casus__free(a);
  return rc;
}

/* Registers CODE when the CAMEO table lacks it (validation suites use
 * codes of their own). */
static int code_register(dict_ld *ld, const char *code) {
  casus_engine *e = ld->e;
  if (casus__cameo_find(e, code))
    return CASUS_OK;
  cameo_code *arr = casus__realloc(e->cameo, (e->ncameo + 1) * sizeof *arr);
  if (!arr)
    return CASUS_ENOMEM;
  e->cameo = arr;
  cameo_code *x = &arr[e->ncameo++];
  memset(x, 0, sizeof *x);
  snprintf(x->code, sizeof x->code, "%s", code);
  x->name = "(dictionary code)";
  return CASUS_OK;
}

/* Parses "[032:033]" into C1, C2 ("" when none); *LOW for "023?".
 * Returns false for the null codes. */
static bool parse_code(const char *s, char c1[5], char c2[5], bool *low) {
  const char *b = strrchr(s, '[');
  c1[0] = c2[0] = '\0';
  *low = false;
  if (!b)
    return false;
  char buf[32];
  size_t k = 0;
  for (const char *p = b + 1; *p && *p != ']' && k + 1 < sizeof buf; p++)
    if (*p != ' ')
      buf[k++] = *p;
  buf[k] = '\0';
  *low = strchr(buf, '?') != NULL;
  char *q = strchr(buf, '?');
  if (q)
    *q = '\0';
  q = strchr(buf, '!');
  if (q)
    *q = '\0';
  char *colon = strchr(buf, ':');
  if (colon) {
    *colon = '\0';
    snprintf(c2, 5, "%.4s", colon + 1);
  }
  snprintf(c1, 5, "%.4s", buf);
  if (!c1[0] || c1[0] == '-' || c1[0] == '#' || c1[0] == '+')
    return false;
  if (c2[0] == '-' || c2[0] == '#' || c2[0] == '+')
    c2[0] = '\0';
  return true;
}

/* Adds pattern ELEMS with codes C1 (and reverse C2) under ID.  The
 * pattern is flagged as imported: the coder matches it as TABARI does
 * (dict_code.c), its word gaps "*8" reach across the whole sentence, and
 * a null code C1 "---" makes it a blocker that codes nothing. */
static int add_pattern(dict_ld *ld, const char *id, const char *c1,
                       const char *c2, const char *elems, long line) {
  int rc = code_register(ld, c1);
  if (!rc && c2[0])
    rc = code_register(ld, c2);
  if (rc)
    return rc;
  char *f[3] = {(char *)id, (char *)c1, (char *)elems};
  casus_error perr;
  rc = casus__pattern_add(ld->e, ld->ids, ld->path, line, f, &perr);
  if (rc == CASUS_ENOMEM)
    return rc;
  if (rc)
    return CASUS_OK; /* a pattern casus cannot express: skipped */
  ld->npatterns++;
  pattern *p = &ld->e->patterns[ld->e->npatterns - 1];
  p->dict = 1;
  if (ld->literal) {
    const char *lem = casus__lemma(ld->e, ld->literal, strlen(ld->literal));
    char key[700];
    int kn = snprintf(key, sizeof key, "tabari-lit-id:%s=%s", id, ld->literal);
    if (kn > 0 && (size_t)kn < sizeof key && !intern(ld->e, key, (size_t)kn))
      return CASUS_ENOMEM;
    kn = snprintf(key, sizeof key, "tabari-lit-id:%s:%s", id, lem);
    if (kn > 0 && (size_t)kn < sizeof key && !intern(ld->e, key, (size_t)kn))
      return CASUS_ENOMEM;
  }
  p->null_code = !strcmp(c1, "---");
  for (int k = 0; k < p->nelems; k++)
    if (p->elems[k].kind == PE_GAP && p->elems[k].gap == 8)
      p->elems[k].gap = DICT_GAP;
  if (c2[0]) {
    pattern *r = casus__arena_alloc(&ld->e->arena, sizeof *r);
    if (!r)
      return CASUS_ENOMEM;
    *r = *p;
    snprintf(r->cameo, sizeof r->cameo, "%s", c2);
    p->reverse = r;
  }
  return CASUS_OK;
}

/* Builds the casus elements of UNITS with the verb alternatives VERB;
 * TGT_AT: -1 no default target, 0 right after the verb, 1 at the end. */
static void build(const unit *u, int nu, const char *verb, int tgt_at,
                  bool src, char *out, size_t cap) {
  size_t o = 0;
  out[0] = '\0';
  bool seen = false; /* a word was written */
  bool verb_seen = false;
  /* A pattern anchored on a word before the verb ("SAID *", "HAS NOT *")
   * is no verb reading of that word: the gap tells the matcher so. */
  if (!src)
    apps(out, cap, &o, nu && u[0].k == U_WORD ? "$S *1" : "$S");
  for (int i = 0; i < nu; i++) {
    const unit *x = &u[i];
    const char *t = NULL;
    switch (x->k) {
    case U_SKIP:
      if (seen)
        apps(out, cap, &o, " *3");
      continue;
    case U_SRC: t = "$S"; break;
    case U_TGT: t = "$T"; break;
    case U_COMP: t = verb_seen ? "$T" : "$S and $T"; break;
    case U_VERB: t = verb; break;
    case U_WORD: t = x->text; break;
    }
    bool word = x->k == U_WORD || x->k == U_VERB;
    if (word && seen && !x->adj)
      apps(out, cap, &o, " *8");
    if (o)
      apps(out, cap, &o, " ");
    apps(out, cap, &o, t);
    if (x->k == U_COMP && !verb_seen)
      seen = true;
    seen = seen || word;
    if (x->k == U_VERB) {
      verb_seen = true;
      if (tgt_at == 0)
        apps(out, cap, &o, " $T");
    }
  }
  if (tgt_at == 1)
    apps(out, cap, &o, " $T");
}

/* Translates pattern P (text before its code) of the verb into casus
 * patterns. */
static int verb_pattern(dict_ld *ld, const char *verb, const char *p,
                        long line, int *seq) {
  char c1[5], c2[5];
  bool low;
  if (!parse_code(p, c1, c2, &low) && strcmp(c1, "---") &&
      (ld->petrarch || (strcmp(c1, "###") && strcmp(c1, "+++"))))
    return CASUS_OK; /* PETRARCH "###", "+++": not imported */
  const char *b = strrchr(p, '[');
  char body[1024];
  snprintf(body, sizeof body, "%.*s", (int)(b - p), p);
  unit *u = casus__malloc(sizeof *u * UNIT_MAX);
  char *out = casus__malloc(PAT_CAP);
  int nu = 0;
  int rc = u && out ? units_of(ld, body, u, &nu) : CASUS_ENOMEM;
  if (rc)
    goto done;
  bool has_verb = false, src = false, tgt = false, after = false;
  int vi = -1;
  for (int i = 0; i < nu; i++) {
    if (u[i].k == U_VERB && !has_verb) {
      has_verb = true;
      vi = i;
    }
    src = src || u[i].k == U_SRC || (u[i].k == U_COMP && !has_verb);
    tgt = tgt || u[i].k == U_TGT || u[i].k == U_COMP;
  }
  if (!has_verb) { /* no '*': the verb comes first */
    if (nu == UNIT_MAX)
      goto done;
    memmove(u + 1, u, sizeof *u * (size_t)nu);
    memset(u, 0, sizeof *u);
    u[0].k = U_VERB;
    vi = 0;
    nu++;
  }
  after = vi + 1 < nu;
  if (!c2[0] && (src && tgt) && u[0].k == U_COMP)
    snprintf(c2, sizeof c2, "%s", c1); /* X and Y: both directions */
  int variants[2] = {tgt ? -1 : 0, -2};
  if (!tgt && after && !u[vi + 1].adj)
    variants[1] = 1;
  else if (!tgt && after)
    variants[0] = 1;
  for (int v = 0; v < 2 && !rc; v++) {
    if (variants[v] == -2)
      continue;
    build(u, nu, verb, variants[v], src, out, PAT_CAP);
    char id[600];
    snprintf(id, sizeof id, "%s.%d", rule_of(ld), (*seq)++);
    rc = add_pattern(ld, id, c1, c2, out, line);
  }
done:
  casus__free(u);
  casus__free(out);
  return rc;
}

/* The length of pattern text P (longest first): 2 a word, 1 a synset
 * (a literal word is more specific); of alternatives "{ A | B C }" the
 * longest counts. */
static int pat_words(const char *p) {
  int n = 0, alt = 0, best = 0;
  bool in = false, brace = false;
  for (; *p && *p != '['; p++) {
    if (*p == '{' || *p == '|' || *p == '}') {
      if (*p != '{' && brace)
        best = alt > best ? alt : best;
      if (*p == '}' && brace) {
        n += best;
        best = 0;
      }
      brace = *p != '}';
      alt = 0;
      in = false;
      continue;
    }
    bool w = isalnum((unsigned char)*p) || *p == '&';
    if (w && !in) /* a word weighs 2, a &SYNSET 1: "* DOLLAR" first */
      *(brace ? &alt : &n) += *p == '&' ? 1 : 2;
    in = w;
  }
  return n + (brace ? (alt > best ? alt : best) : 0);
}

static int verb_flush(dict_ld *ld, verb_acc *v) {
  int rc = CASUS_OK;
  if (!v->open || !v->nforms)
    goto done;
  char *verb = casus__malloc(ELEM_CAP);
  if (!verb)
    return CASUS_ENOMEM;
  size_t o = 0;
  verb[0] = '\0';
  for (int i = 0; i < v->nforms; i++) {
    if (o)
      apps(verb, ELEM_CAP, &o, "|");
    apps(verb, ELEM_CAP, &o, v->forms[i]);
  }
  /* TABARI's one-word verb forms, for COMPLEX: NOACTPRIOR (dict_code.c):
   * interned as "tabari-verb:FORM"; not the null-coded ones ("ACCORD
   * [---]"). */
  for (int i = 0; i < v->nforms && !ld->petrarch && !strstr(v->code, "---");
       i++) {
    char key[ALT_LEN + 16];
    int kn = snprintf(key, sizeof key, "tabari-verb:%s", v->forms[i]);
    if (kn > 0 && (size_t)kn < sizeof key && !strchr(v->forms[i], ' ') &&
        !intern(ld->e, key, (size_t)kn)) {
      casus__free(verb);
      return CASUS_ENOMEM;
    }
  }
  /* TABARI's literal irregular form ("LEFT_ [032:033]" beside "LEAVE
   * [012]"): its patterns read only that word, and the lemma's own ones
   * not it (coder.c, casus__tabari_form_ok); "tabari-lit:FORM". */
  const char *head = v->forms[0];
  bool lit = !ld->petrarch && v->lit && !strchr(head, ' ') &&
             strcmp(casus__lemma(ld->e, head, strlen(head)), head);
  ld->literal = lit ? head : NULL;
  if (lit) {
    char key[ALT_LEN + 16];
    int kn = snprintf(key, sizeof key, "tabari-lit:%s", head);
    if (kn > 0 && (size_t)kn < sizeof key && !intern(ld->e, key, (size_t)kn)) {
      casus__free(verb);
      ld->literal = NULL;
      return CASUS_ENOMEM;
    }
  }
  /* Longest patterns first (stable). */
  for (int i = 1; i < v->npats; i++)
    for (int j = i; j > 0 && v->pat_w[j] > v->pat_w[j - 1]; j--) {
      const char *t = v->pats[j];
      long l = v->pat_line[j];
      int w = v->pat_w[j];
      v->pats[j] = v->pats[j - 1];
      v->pat_line[j] = v->pat_line[j - 1];
      v->pat_w[j] = v->pat_w[j - 1];
      v->pats[j - 1] = t;
      v->pat_line[j - 1] = l;
      v->pat_w[j - 1] = w;
    }
  int seq = 0;
  long save = ld->line;
  for (int i = 0; i < v->npats && !rc; i++) {
    ld->line = v->pat_line[i];
    rc = verb_pattern(ld, verb, v->pats[i], v->pat_line[i], &seq);
  }
  char c1[5], c2[5];
  bool low;
  ld->line = v->line;
  if (!rc && parse_code(v->code, c1, c2, &low) && !low) {
    char *pat = casus__malloc(PAT_CAP);
    if (!pat)
      rc = CASUS_ENOMEM;
    if (pat) {
      snprintf(pat, PAT_CAP, "$S %s $T", verb);
      char id[600];
      snprintf(id, sizeof id, "%s", rule_of(ld));
      rc = add_pattern(ld, id, c1, c2, pat, v->line);
    }
    casus__free(pat);
  }
  ld->line = save;
  ld->literal = NULL;
  ld->nverbs++;
  casus__free(verb);
done:
  v->open = false;
  v->lit = false;
  v->nforms = 0;
  v->npats = 0;
  v->code[0] = '\0';
  return rc;
}

/* Adds the forms of verb phrase S[0..N) (TABARI stems are expanded). */
static void verb_forms(dict_ld *ld, verb_acc *v, const char *s, size_t n,
                       bool tabari) {
  while (n && s[n - 1] == ' ')
    n--;
  while (n && (*s == ' ' || *s == '+')) {
    s++;
    n--;
  }
  if (!n)
    return;
  bool stem = tabari && s[n - 1] != '_' && s[n - 1] != '=' &&
              !memchr(s, ' ', n) && !memchr(s, '_', n);
  /* "DEPART_": one word with its regular endings (departs, departes,
   * departed, departen, departing); "BAN=" has none. */
  bool regular = tabari && n > 1 && s[n - 1] == '_' &&
                 !memchr(s, ' ', n - 1) && !memchr(s, '_', n - 1);
  alts a = {.n = 0};
  if (text_alts(ld, s, n, &a, 0) || !a.n)
    return;
  if (!v->nforms)
    v->lit = regular;
  static const char *const END[] = {"e", "ion", "ions", "ation", "ize",
                                    "ise", "ate", "y", "ing", "s", "es",
                                    "ed", "d", "ies", "ied"};
  for (int i = 0; i < a.n && v->nforms < FORM_MAX; i++)
    snprintf(v->forms[v->nforms++], ALT_LEN, "%s", a.s[i]);
  size_t len = strlen(a.s[0]);
  static const char *const REG[] = {"s", "es", "ed", "en", "ing", "d"};
  for (size_t k = 0; regular && k < CASUS_ARRAY_LEN(REG); k++)
    if (v->nforms < FORM_MAX && len >= 2)
      snprintf(v->forms[v->nforms++], ALT_LEN, "%.100s%s", a.s[0], REG[k]);
  for (size_t k = 0; stem && k < CASUS_ARRAY_LEN(END); k++)
    if (v->nforms < FORM_MAX && len >= 3)
      snprintf(v->forms[v->nforms++], ALT_LEN, "%.100s%s", a.s[0], END[k]);
  /* ... and any word it begins ("RESUM" reads "resumption"): the stem
   * "resum~", which coder.c looks up by prefix */
  if (stem && len >= 4 && v->nforms < FORM_MAX && !ld->petrarch)
    snprintf(v->forms[v->nforms++], ALT_LEN, "%.100s~", a.s[0]);
  /* A TABARI stem matches every word it begins: "REGRET" also reads
   * "regretted", "regretting" (the final consonant doubled). */
  char last = len ? a.s[0][len - 1] : '\0';
  if (stem && len >= 3 && isalpha((unsigned char)last) &&
      !strchr("aeiouwxy", last)) {
    static const char *const DBL[] = {"ed", "ing"};
    for (size_t k = 0; k < CASUS_ARRAY_LEN(DBL); k++)
      if (v->nforms < FORM_MAX)
        snprintf(v->forms[v->nforms++], ALT_LEN, "%.100s%c%s", a.s[0], last,
                 DBL[k]);
  }
}

/* "{ ACTING_ ACTXD_ }" or "{HURRIES HURRYING}": more forms. */
static void verb_brace(dict_ld *ld, verb_acc *v, const char *s) {
  const char *end = strchr(s, '}');
  if (!end)
    return;
  for (const char *p = s + 1; p < end;) {
    while (p < end && (*p == ' ' || *p == '+'))
      p++;
    const char *w = p;
    while (p < end && *p != ' ')
      p++;
    if (p > w)
      verb_forms(ld, v, w, (size_t)(p - w), !ld->petrarch);
  }
}

typedef struct verbs_state {
  verb_acc *v;
  dict_syn *syn;     /* the synset being read */
  bool petrarch;     /* "--- VERB [code] ---" blocks seen */
  bool time_block;
} verbs_state;

static int synset_start(dict_ld *ld, verbs_state *st, const char *line) {
  size_t n = 0;
  char key[128];
  for (const char *p = line + 1; *p && *p != ' ' && n + 1 < sizeof key; p++)
    key[n++] = (char)toupper((unsigned char)*p);
  while (n && key[n - 1] == '_')
    n--;
  void **slot = casus__map_slot(ld->synsets, key, n);
  if (!slot)
    return CASUS_ENOMEM;
  if (!*slot)
    *slot = casus__arena_alloc(&ld->e->arena, sizeof(dict_syn));
  st->syn = *slot;
  return st->syn ? CASUS_OK : CASUS_ENOMEM;
}

/* A "+FORM [code]" or "FORM [code]" line with its own code: a verb of
 * its own that shares no pattern. */
static int verb_own(dict_ld *ld, const char *line, bool tabari) {
  verb_acc *w = casus__calloc(1, sizeof *w);
  if (!w)
    return CASUS_ENOMEM;
  const char *br = strchr(line, '[');
  w->open = true;
  w->line = ld->line;
  snprintf(w->code, sizeof w->code, "%.15s", br);
  verb_forms(ld, w, line, (size_t)(br - line), tabari);
  int rc = verb_flush(ld, w);
  casus__free(w);
  return rc;
}

/* A line of the <TIME> block: a phrase coded "[###]" (discard) or
 * "[+++]" (too complex) leaves its sentence uncoded even with time
 * shifting off; it is interned as "tabari-time:word word" (lower case,
 * '_' read as a space) for dict_code.c.  The shifts and "- *" patterns
 * are not imported. */
static int time_line(dict_ld *ld, const char *line) {
  const char *br = strchr(line, '[');
  if (line[0] == '-' || !br ||
      (strncmp(br, "[###]", 5) && strncmp(br, "[+++]", 5)))
    return CASUS_OK;
  char key[ALT_LEN + 16];
  size_t o = 0;
  apps(key, sizeof key, &o, "tabari-time:");
  size_t head = o;
  for (const char *p = line; p < br && o + 1 < sizeof key; p++) {
    char ch = *p == '_' || *p == '\t' ? ' ' : *p;
    if (ch == ' ' && (o == head || key[o - 1] == ' '))
      continue;
    key[o++] = (char)tolower((unsigned char)ch);
  }
  while (o > head && key[o - 1] == ' ')
    o--;
  key[o] = '\0';
  return o == head || intern(ld->e, key, o) ? CASUS_OK : CASUS_ENOMEM;
}

/* Adds TABARI pattern text P to verb V.  Alternatives of which one has
 * words apart ("{ LOUDLY INCLUDED | STRONGLY ASSXRTED }": TABARI reads
 * "loudly boldly included") make one pattern each, the group replaced by
 * the alternative, so that its words match as a pattern's words do; a
 * group of adjacent words stays one unit (units_of).  EXPANDED: P came
 * from such a group. */
static int pat_expand(dict_ld *ld, verb_acc *v, const char *p, int depth,
                      int expanded) {
  const char *open = p, *close = NULL;
  for (; (open = strchr(open, '{')) != NULL; open++) {
    close = strchr(open, '}');
    if (!close)
      break;
    bool apart = false, bar = false;
    for (const char *q = open + 1, *w = NULL; q < close; q++) {
      bar = bar || *q == '|';
      if (*q != ' ' && *q != '|')
        w = w ? w : q; /* a word of this alternative seen */
      else if (*q == '|')
        w = NULL;
      else if (w && q + 1 < close && q[1] != ' ' && q[1] != '|')
        apart = true;
    }
    if (bar && apart)
      break;
  }
  if (!open || !close || depth > 3) {
    if (v->npats >= 512)
      return CASUS_OK;
    v->pats[v->npats] = casus__arena_strndup(&ld->e->arena, p, strlen(p));
    /* TABARI: the length of this alternative's pattern; of two of one
     * length the fixed one first ("RESISTANCE TO THE INVADING" before
     * "RESIST { TO THE END | ... }") */
    v->pat_w[v->npats] = 2 * pat_words(p) + !expanded;
    v->pat_line[v->npats++] = ld->line;
    return v->pats[v->npats - 1] ? CASUS_OK : CASUS_ENOMEM;
  }
  int rc = CASUS_OK;
  for (const char *a = open + 1; a < close && !rc;) {
    const char *b = a;
    while (b < close && *b != '|')
      b++;
    char *alt = casus__malloc(strlen(p) + 1);
    if (!alt)
      return CASUS_ENOMEM;
    size_t o = 0, cap = strlen(p) + 1;
    app(alt, cap, &o, p, (size_t)(open - p));
    app(alt, cap, &o, a, (size_t)(b - a));
    apps(alt, cap, &o, close + 1);
    rc = pat_expand(ld, v, alt, depth + 1, 1);
    casus__free(alt);
    a = b + 1;
  }
  return rc;
}

static int verbs_line(dict_ld *ld, verbs_state *st, char *line) {
  verb_acc *v = st->v;
  if (line[0] == '<') {
    if (!strncmp(line, "<TIME>", 6))
      st->time_block = true;
    if (!strncmp(line, "</TIME>", 7))
      st->time_block = false;
    return CASUS_OK;
  }
  if (st->time_block)
    return time_line(ld, line);
  if (!strncmp(line, "~~", 2))
    return CASUS_OK;
  if (line[0] == '&')
    return synset_start(ld, st, line);
  if (line[0] == '+' && st->syn) {
    const char *s = line + 1;
    return casus__dict_syn_add(ld, st->syn, s, strlen(s));
  }
  st->syn = NULL;
  if (!strncmp(line, "---", 3)) { /* PETRARCH block header */
    int rc = verb_flush(ld, v);
    st->petrarch = true;
    ld->petrarch = 1;
    v->open = true;
    v->line = ld->line;
    const char *br = strchr(line, '[');
    snprintf(v->code, sizeof v->code, "%.15s", br ? br : "[---]");
    return rc ? rc : casus__petr_block(ld, line + 3); /* petrarch_mode.c */
  }
  if (line[0] == '-' && (line[1] == ' ' || line[1] == '\t')) {
    if (v->open && !st->petrarch)
      return pat_expand(ld, v, line + 2, 0, 0);
    if (v->open && v->npats < 512) {
      v->pats[v->npats] = casus__arena_strndup(&ld->e->arena, line + 2,
                                               strlen(line + 2));
      v->pat_w[v->npats] = pat_words(line + 2);
      v->pat_line[v->npats++] = ld->line;
      return v->pats[v->npats - 1] ? CASUS_OK : CASUS_ENOMEM;
    }
    return CASUS_OK;
  }
  if (line[0] == '{') {
    verb_brace(ld, v, line);
    return CASUS_OK;
  }
  const char *br = strchr(line, '[');
  const char *brace = strchr(line, '{');
  if (st->petrarch) { /* a form of the current block */
    if (br && v->open)
      return verb_own(ld, line, false);
    size_t n = brace ? (size_t)(brace - line) : strlen(line);
    verb_forms(ld, v, line, n, false);
    if (brace)
      verb_brace(ld, v, brace);
    return CASUS_OK;
  }
  int rc = verb_flush(ld, v); /* TABARI: "VERB [code]" starts a verb */
  v->open = true;
  v->line = ld->line;
  snprintf(v->code, sizeof v->code, "%.15s", br ? br : "[---]");
  verb_forms(ld, v, line, br ? (size_t)(br - line) : strlen(line), true);
  return rc;
}

/* ------------------------------------------------------------- options */

/* The bracketed code after word KEY in LINE ("SOURCE [DEFSRC]"), interned,
 * or NULL. */
static const char *opt_code(dict_ld *ld, const char *line, const char *key) {
  const char *k = strstr(line, key);
  const char *b = k ? strchr(k, '[') : NULL;
  const char *e = b ? strchr(b, ']') : NULL;
  if (!e)
    return NULL;
  b++;
  while (b < e && *b == ' ')
    b++;
  size_t n = (size_t)(e - b);
  while (n && b[n - 1] == ' ')
    n--;
  return n ? intern(ld->e, b, n) : NULL;
}

/* True when the "= TRUE" / "= FALSE" of LINE says true. */
static bool opt_true(const char *line) {
  const char *eq = strchr(line, '=');
  return eq && strstr(eq, "TRUE");
}

/* One line of a TABARI .options file (upper case as TABARI writes it):
 * DEFAULT: (source and target codes), SET: CONVERT AGENT, SET: CODE BY
 * SENTENCE / CODE ALL / CODE BY CLAUSE, SET: MINIMUM WORDS and COMMA:
 * (the comma-delimited clauses TABARI leaves out; TABARI's defaults hold
 * until a COMMA: line) and COMPLEX: (sentences TABARI leaves uncoded as
 * too complex) change coding; the other settings (output, labels, time
 * shifts) are read and ignored.  Later lines
 * override earlier ones. */
static int options_line(dict_ld *ld, const char *line) {
  char u[512];
  size_t n = 0;
  for (; line[n] && n + 1 < sizeof u; n++)
    u[n] = (char)toupper((unsigned char)line[n]);
  u[n] = '\0';
  dict_opts *o = dopt_of(ld);
  if (!o)
    return CASUS_ENOMEM;
  if (!strncmp(u, "COMMA:", 6)) {
    static const char *const KEYS[6] = {" MIN", " MAX", "EMIN", "EMAX",
                                        "BMIN", "BMAX"};
    if (strstr(u, "OFF")) {
      for (int k = 0; k < 6; k++)
        o->comma[k] = k % 2 ? 0 : 255; /* MIN > MAX: never */
      return CASUS_OK;
    }
    for (int k = 0; k < 6; k++) {
      const char *q = strstr(u, KEYS[k]);
      const char *eq = q ? strchr(q, '=') : NULL;
      if (eq)
        o->comma[k] = (int)strtol(eq + 1, NULL, 10);
    }
    return CASUS_OK;
  }
  if (!strncmp(u, "DEFAULT:", 8)) {
    if (strstr(u, "OFF")) {
      o->def_src = o->def_tar = NULL;
      o->src_prior = o->tar_after = 0;
      return CASUS_OK;
    }
    const char *s = opt_code(ld, u, "SOURCE");
    const char *t = opt_code(ld, u, "TARGET");
    const char *tk = strstr(u, "TARGET");
    if (s) {
      o->def_src = s;
      const char *pr = strstr(u, "PRIOR");
      o->src_prior = pr && (!tk || pr < tk);
    }
    if (t) {
      o->def_tar = t;
      o->tar_after = tk && strstr(tk, "AFTER");
    }
    return CASUS_OK;
  }
  if (!strncmp(u, "COMPLEX:", 8)) { /* "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR" */
    const char *v = strstr(u, "VERBS[");
    const char *k = strstr(u, "CONJ[");
    o->complex_verbs = v ? (int)strtol(v + 6, NULL, 10) : 0;
    o->complex_conj = k ? (int)strtol(k + 5, NULL, 10) : 0;
    o->noactprior = strstr(u, "NOACTPRIOR") != NULL;
    return CASUS_OK;
  }
  if (strncmp(u, "SET:", 4))
    return CASUS_OK;
  if (strstr(u, "CONVERT AGENT"))
    o->convert_agent = opt_true(u);
  else if (strstr(u, "CODE BY SENTENCE"))
    o->code_by = 1;
  else if (strstr(u, "CODE ALL"))
    o->code_by = 2;
  else if (strstr(u, "CODE BY CLAUSE"))
    o->code_by = 0;
  else if (strstr(u, "MINIMUM WORDS")) {
    const char *eq = strchr(u, '=');
    o->min_words = eq ? (int)strtol(eq + 1, NULL, 10) : 0;
  }
  return CASUS_OK;
}

/* -------------------------------------------------------------- loading */

dict_kind casus__dict_kind(const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  char low[256];
  size_t n = 0;
  for (; b[n] && n + 1 < sizeof low; n++)
    low[n] = (char)tolower((unsigned char)b[n]);
  low[n] = '\0';
  if (strstr(low, ".project"))
    return DK_PROJECT;
  if (strstr(low, "verb") || strstr(low, "cameo.2.0"))
    return DK_VERBS;
  if (strstr(low, "agent"))
    return DK_AGENTS;
  if (strstr(low, "actor"))
    return DK_ACTORS;
  if (strstr(low, "discard"))
    return DK_DISCARDS;
  if (strstr(low, "option"))
    return DK_OPTIONS;
  if (strstr(low, "config") || strstr(low, ".ini"))
    return DK_CONFIG;
  return DK_UNKNOWN;
}

/* TABARI .project: "<actorsfile> NAME" lines, relative to its folder. */
static int project_line(dict_ld *ld, const char *line) {
  static const char *const TAGS[] = {"<actorsfile>", "<verbsfile>",
                                     "<agentsfile>", "<optionsfile>"};
  static const dict_kind KINDS[] = {DK_ACTORS, DK_VERBS, DK_AGENTS,
                                    DK_OPTIONS};
  for (size_t i = 0; i < CASUS_ARRAY_LEN(TAGS); i++) {
    size_t tl = strlen(TAGS[i]);
    if (strncmp(line, TAGS[i], tl))
      continue;
    const char *f = line + tl;
    while (*f == ' ' || *f == '\t')
      f++;
    const char *slash = strrchr(ld->path, '/');
    char path[1024];
    int n = snprintf(path, sizeof path, "%.*s%s",
                     slash ? (int)(slash - ld->path + 1) : 0, ld->path, f);
    if (n < 0 || (size_t)n >= sizeof path)
      return casus__err(ld->err, CASUS_EDATA, ld->path, ld->line,
                        "path too long");
    dict_ld sub = *ld;
    int rc = casus__dict_load(&sub, path, KINDS[i]);
    if (rc == CASUS_EIO && ld->err) {
      /* Say which line of the project names the file that is missing. */
      char msg[sizeof ld->err->msg];
      snprintf(msg, sizeof msg, "%s", ld->err->msg);
      casus__err(ld->err, rc, ld->path, ld->line, "%.400s: %.80s", path,
                 msg);
    }
    ld->nverbs = sub.nverbs;
    ld->nactors = sub.nactors;
    ld->nagents = sub.nagents;
    ld->npatterns = sub.npatterns;
    ld->replaced = sub.replaced;
    return rc;
  }
  return CASUS_OK;
}

/* Drops casus' own patterns (a project that brings its verbs). */
static void replace_patterns(dict_ld *ld) {
  if (ld->replace && !ld->replaced) {
    ld->e->npatterns = 0;
    ld->replaced = 1;
  }
}

int casus__dict_load(dict_ld *ld, const char *path, dict_kind k) {
  if (k == DK_UNKNOWN)
    k = casus__dict_kind(path);
  if (k == DK_UNKNOWN)
    return casus__err(ld->err, CASUS_EINVAL, path, 0,
                      "cannot tell what kind of dictionary this is (name "
                      "it *.actors, *.agents, *.verbs, *.project...)");
  char *buf = NULL;
  size_t len = 0;
  int rc = casus__slurp(path, &buf, &len, ld->err);
  if (rc)
    return rc;
  const char *nul = memchr(buf, '\0', len);
  if (nul) {
    /* No dictionary holds a NUL byte (Latin-1 and stray brackets are
     * read as they come): a binary file named like one. */
    long line = 1;
    const char *bol = buf;
    for (const char *q = buf; q < nul; q++)
      if (*q == '\n') {
        line++;
        bol = q + 1;
      }
    casus__err(ld->err, CASUS_EBINARY, path, line,
               "binary data (a NUL byte at column %ld), not a dictionary",
               (long)(nul - bol) + 1);
    casus__free(buf);
    return CASUS_EBINARY;
  }
  const char *save_path = ld->path, *save_base = ld->base;
  ld->path = path;
  ld->petrarch = 0;
  const char *b = strrchr(path, '/');
  ld->base = intern(ld->e, b ? b + 1 : path, strlen(b ? b + 1 : path));
  actor_acc *aa = casus__calloc(1, sizeof *aa);
  verb_acc *va = casus__calloc(1, sizeof *va);
  verbs_state st = {va, NULL, false, false};
  if (!aa || !va || !ld->base) {
    rc = CASUS_ENOMEM;
    goto done;
  }
  aa->tail = &aa->dated;
  if (k == DK_VERBS)
    replace_patterns(ld);
  int in_xml = 0, skip = 0;
  ld->line = 0;
  char *p = buf;
  while (p && *p && !rc) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    ld->line++;
    char raw0[2] = {p[0], '\0'};
    char *line = casus__dict_clean(p, &in_xml);
    char *t = line;
    while (*t == ' ' || *t == '\t')
      t++;
    if (*t) {
      switch (k) {
      case DK_ACTORS: rc = actors_line(ld, aa, raw0, t, &skip); break;
      case DK_AGENTS: rc = agents_line(ld, t); break;
      case DK_VERBS: rc = verbs_line(ld, &st, t); break;
      case DK_PROJECT: rc = project_line(ld, t); break;
      case DK_DISCARDS: rc = casus__dict_discard_line(ld, t); break;
      case DK_OPTIONS: rc = options_line(ld, t); break;
      case DK_CONFIG: rc = casus__petr_config_line(ld, t); break;
      default: break;
      }
    }
    if (!strncmp(t, "~~FINISH", 8))
      break;
    p = nl ? nl + 1 : NULL;
  }
  if (!rc && k == DK_ACTORS)
    rc = actor_flush(ld, aa);
  if (!rc && k == DK_ACTORS && tabari_actors(ld))
    rc = tabari_pronouns(ld);
  if (!rc && k == DK_VERBS)
    rc = verb_flush(ld, va);
  if (!rc && k == DK_VERBS && ld->petrarch && !casus__petr_opts(ld))
    rc = CASUS_ENOMEM; /* PETRARCH conventions (petrarch_mode.c) */
done:
  casus__free(aa);
  casus__free(va);
  casus__free(buf);
  ld->path = save_path;
  ld->base = save_base;
  if (rc == CASUS_ENOMEM)
    casus__err(ld->err, rc, path, ld->line, "out of memory");
  return rc;
}

static void free_syn(const char *key, size_t klen, void *value, void *ctx) {
  (void)key;
  (void)klen;
  (void)ctx;
  dict_syn *s = value;
  if (s)
    casus__free(s->m);
}

/* Keys of a map, collected before it is changed. */
typedef struct key_list {
  const char **k;
  size_t *n;
  size_t len, cap;
  int rc;
} key_list;

static void collect_key(const char *key, size_t klen, void *value,
                        void *ctx) {
  key_list *kl = ctx;
  (void)value;
  if (kl->rc)
    return;
  if (kl->len == kl->cap) {
    size_t cap = kl->cap ? kl->cap * 2 : 1024;
    const char **k = casus__realloc(kl->k, cap * sizeof *k);
    if (k)
      kl->k = k;
    size_t *n = k ? casus__realloc(kl->n, cap * sizeof *n) : NULL;
    if (!k || !n) {
      kl->rc = CASUS_ENOMEM;
      return;
    }
    kl->n = n;
    kl->cap = cap;
  }
  kl->k[kl->len] = key;
  kl->n[kl->len++] = klen;
}

/* True when X came from an imported dictionary. */
static bool imported(const lex_entry *x) {
  return x->rule && (!strncmp(x->rule, "tabari:", 7) ||
                     !strncmp(x->rule, "petrarch:", 9));
}

/* A project codes with its own actors and agents only: casus' own
 * countries, groups and roles leave the lexicon (pronouns, places and
 * time words stay). */
static int own_actors_out(casus_engine *e) {
  key_list kl = {0};
  casus__map_each(e->lex, collect_key, &kl);
  for (size_t i = 0; !kl.rc && i < kl.len; i++) {
    void **slot = casus__map_slot(e->lex, kl.k[i], kl.n[i]);
    if (!slot) {
      kl.rc = CASUS_ENOMEM;
      break;
    }
    lex_entry **pp = (lex_entry **)slot;
    while (*pp) {
      lex_entry *x = *pp;
      bool actor = x->kind == LX_COUNTRY || x->kind == LX_ROLE ||
                   x->kind == LX_GROUP;
      if (actor && !imported(x))
        *pp = x->next; /* arena memory: nothing to free */
      else
        pp = &x->next;
    }
  }
  casus__free(kl.k);
  casus__free(kl.n);
  return kl.rc;
}

int casus__dict_load_all(casus_engine *e, const char *const *dicts,
                         int replace, casus_error *err) {
  dict_ld ld = {0};
  ld.e = e;
  ld.err = err;
  ld.replace = replace;
  ld.ids = casus__map_new();
  ld.synsets = casus__map_new();
  ld.subst = casus__map_new();
  int rc = ld.ids && ld.synsets && ld.subst ? CASUS_OK : CASUS_ENOMEM;
  for (size_t i = 0; !rc && dicts && dicts[i]; i++)
    rc = casus__dict_load(&ld, dicts[i], DK_UNKNOWN);
  if (!rc && ld.replaced)
    rc = own_actors_out(e);
  if (!rc)
    rc = casus__patterns_reindex(e);
  if (ld.synsets)
    casus__map_each(ld.synsets, free_syn, NULL);
  if (ld.subst)
    casus__map_each(ld.subst, free_syn, NULL);
  casus__map_free(ld.ids);
  casus__map_free(ld.synsets);
  casus__map_free(ld.subst);
  return rc;
}
