/* dict_int.h -- importers for the dictionaries of the field's event coders
 * (TABARI .actors/.agents/.verbs/.options/.project; PETRARCH actors,
 * agents, discards and verb files).  Read at run time, never copied.
 *
 * Imported entries become ordinary engine entries: actors are LX_COUNTRY
 * lexicon entries whose iso3 is the code's first three letters and whose
 * code is the rest (ITHMIL = ITH + MIL), agents are LX_ROLE entries, verb
 * patterns are casus patterns (see dict_tabari.c for the translation).
 * Every entry's rule says where it came from: "tabari:FILE:LINE".
 *
 * Not API. */
#ifndef CASUS_DICT_INT_H
#define CASUS_DICT_INT_H

#include "engine_int.h"

/* What one dictionary file holds. */
typedef enum dict_kind {
  DK_UNKNOWN = 0,
  DK_PROJECT,   /* TABARI .project: names the other files */
  DK_ACTORS,
  DK_AGENTS,
  DK_VERBS,     /* TABARI .verbs, PETRARCH verbs / CAMEO.2.0 */
  DK_OPTIONS,   /* TABARI .options: defaults, agent conversion, CODE BY */
  DK_DISCARDS,  /* PETRARCH discards */
  DK_CONFIG     /* PETRARCH config (PETR_config.ini): key = value */
} dict_kind;

/* The state of one import (several files). */
typedef struct dict_ld {
  casus_engine *e;
  casus_error *err;
  casus_map *ids;       /* pattern ids seen */
  casus_map *synsets;   /* &NAME -> dict_syn (members) */
  casus_map *subst;     /* PETRARCH !NAME! -> dict_syn */
  const char *path;     /* current file */
  const char *base;     /* its base name (provenance) */
  long line;            /* current line */
  size_t nverbs, nactors, nagents, npatterns, ndiscards;
  int replace;          /* drop casus' own patterns before the first
                           verbs file */
  int replaced;
  int petrarch;         /* the current verbs file has PETRARCH blocks:
                           its pattern ids say "petrarch:" */
  const char *literal;  /* the verb being flushed is this literal
                           irregular form ("LEFT_"): its pattern ids are
                           interned as "tabari-lit-id:ID=FORM" and
                           "tabari-lit-id:ID:LEMMA" */
} dict_ld;

/* A synset or a substitution list: its members, as written. */
typedef struct dict_syn {
  const char **m;
  size_t n, cap;
} dict_syn;

/* Guesses the kind of PATH from its name. */
dict_kind casus__dict_kind(const char *path);

/* Loads dictionary file PATH of kind K (DK_UNKNOWN: from its name). */
int casus__dict_load(dict_ld *ld, const char *path, dict_kind k);

/* Loads every file of the list DICTS (NULL-terminated) into E; REPLACE:
 * the dictionaries' verb patterns replace casus' own. */
int casus__dict_load_all(casus_engine *e, const char *const *dicts,
                         int replace, casus_error *err);

/* Cuts the comment off LINE in place (TABARI ';', PETRARCH '#' outside
 * brackets, XML <!-- -->; *IN_XML carries an open XML comment to the next
 * line) and trims it; returns it. */
char *casus__dict_clean(char *line, int *in_xml);

/* PETRARCH agents: "!NAME! = A, B" substitution lines; returns 1 when
 * LINE was one (and stored it), 0 when not, <0 on error. */
int casus__dict_subst_line(dict_ld *ld, char *line);
/* Calls CB for each expansion of PHRASE's !NAME! markers (at most 64). */
int casus__dict_expand_subst(dict_ld *ld, const char *phrase,
                             int (*cb)(dict_ld *, const char *, void *),
                             void *ctx);
/* PETRARCH discards: counted and kept (petrarch_mode.c). */
int casus__dict_discard_line(dict_ld *ld, char *line);

/* petrarch_mode.c: the engine's options in PETRARCH mode (made when
 * there are none; NULL: out of memory); a discards line; a config
 * line. */
dict_opts *casus__petr_opts(dict_ld *ld);
int casus__petr_discard_line(dict_ld *ld, const char *line);
int casus__petr_config_line(dict_ld *ld, const char *line);
/* Records that the agent entry of RULE is a PETRARCH prefix agent
 * ("MSF [NGO~]": "MSF Arnor" NGOARN); nothing for TABARI files. */
int casus__petr_prefix_agent(dict_ld *ld, const char *rule);
/* At the PETRARCH verb block header HEADER ("LEFT [032:033] ---", after
 * its "---"): records the block when its verb is an irregular form. */
int casus__petr_block(dict_ld *ld, const char *header);

/* Adds member M to list S (arena copy). */
int casus__dict_syn_add(dict_ld *ld, dict_syn *s, const char *m, size_t n);

#endif /* CASUS_DICT_INT_H */
