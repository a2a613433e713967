/* engine_int.h -- the engine's dictionaries and the per-sentence mentions
 * that recognition produces and coding consumes.
 *
 * Not API.  The engine is built once by casus_engine_open and is read-only
 * afterwards, so any number of threads may share it. */
#ifndef CASUS_ENGINE_INT_H
#define CASUS_ENGINE_INT_H

#include "casus_int.h"

#define LEX_MAX_TOKENS 8  /* longest dictionary phrase, in tokens */

/* What a dictionary phrase names. */
typedef enum lex_kind {
  LX_COUNTRY = 1,  /* a country: name, demonym or capital (metonym) */
  LX_ROLE,         /* an agent word: "ministry", "militants" */
  LX_GROUP,        /* a named organisation or armed group */
  LX_ADMIN1,       /* a first-level subdivision */
  LX_CITY,         /* a populated place */
  LX_PRONOUN,      /* it, its, they, their */
  LX_PLACENOUN,    /* "territory", "soil", "border": a demonym + it = place */
  LX_EVNOUN        /* an event noun used anaphorically: "the strikes" */
} lex_kind;

/* Country form kinds, from countries.tsv. */
enum { CF_NAME = 1, CF_DEMONYM, CF_CAPITAL, CF_ABBR, CF_OTHER };

typedef struct lex_entry {
  struct lex_entry *next;  /* next entry with the same key */
  uint8_t kind;            /* lex_kind */
  uint8_t form;            /* CF_* for countries */
  uint8_t need_cap;        /* 1: a capital letter; 2: all capitals */
  const char *iso3, *iso2; /* country (NULL for roles) */
  const char *code;        /* CAMEO actor code (groups) or agent (roles) */
  const char *name;        /* display name */
  const char *admin1;      /* admin1 display name (admin1, cities) */
  const char *admin1_code; /* GeoNames admin1 code (admin1, cities) */
  float lat, lon;
  uint8_t has_coords;
  uint8_t rank;            /* role specificity: higher wins */
  uint8_t sovereign;       /* a sovereign state (countries) */
  const char *rule;        /* provenance: "countries.tsv:demonym" */
  const struct lex_dated *dated; /* imported dictionaries: codes that hold
                                    only between two dates, or NULL */
  uint32_t geonameid;      /* GeoNames id (cities joined to cities500), 0 */
  uint32_t population;     /* cities: GeoNames; admin1: sum of its cities */
  char fcode[6];           /* GeoNames feature code (PPLA, PPLC...) or "" */
  const char *admin2;      /* admin2 display name (cities) or NULL */
  const char *admin2_code; /* GeoNames admin2 code (cities) or NULL */
  uint8_t linked;          /* on a key's list already (lexicon.c) */
  uint8_t alt;             /* keyed by a GeoNames alternate name */
} lex_entry;

/* A date-restricted actor code of an imported dictionary ("[IRNGOV
 * >120101]"): from..to in days since epoch, inclusive (LONG_MIN/LONG_MAX
 * when open).  The first whose range holds the article's date wins. */
typedef struct lex_dated {
  struct lex_dated *next;
  const char *iso3;   /* the code's first three letters */
  const char *role;   /* the rest, or NULL */
  long from, to;
} lex_dated;

typedef struct cameo_code {
  char code[5];
  const char *name;
  double goldstein;
  int quad;
  const char *plover_type;     /* PLOVER event type, NULL unmapped */
  const char *plover_mode;     /* NULL when none */
  const char *plover_context;  /* contexts joined by ';', NULL none */
  const char *acled_type;      /* ACLED event type, NULL: not ACLED */
  const char *acled_subtype;
} cameo_code;

/* One element of a pattern. */
typedef enum pat_kind {
  PE_WORDS = 1,  /* one of several words or phrases (lemmas) */
  PE_SOURCE,     /* $S */
  PE_TARGET,     /* $T */
  PE_GAP         /* *: up to N tokens */
} pat_kind;

typedef struct pat_alt {
  const char **lemmas;  /* the phrase, word by word */
  int n;
} pat_alt;

typedef struct pat_elem {
  uint8_t kind;      /* pat_kind */
  uint8_t optional;  /* [a|b] */
  pat_alt *alts;
  int nalts;
  int gap;           /* PE_GAP: max tokens */
  uint8_t has_first; /* PE_WORDS: FIRST is filled (by index_all) */
  uint32_t first[8]; /* bit b: some alternative's first lemma starts
                        with byte b (a quick no, for speed) */
} pat_elem;

typedef struct pattern {
  const char *id;
  char cameo[5];
  pat_elem *elems;
  int nelems;
  int anchor;        /* index of the first PE_WORDS element */
  uint8_t sourceless;/* no $S: the source is unknown ("an attack on X") */
  uint8_t targetless;/* no $T: an event without a target ("X rioted") */
  long line;         /* line in patterns.txt */
  const struct pattern *reverse; /* imported paired codes ("[032:033]"):
                                    the pattern coding target -> source,
                                    or NULL */
  uint8_t dict;      /* imported from a TABARI/PETRARCH verbs file: matched
                        as TABARI does (lib/code/dict_code.c) */
  uint8_t null_code; /* imported "[---]": matching codes nothing and ends
                        the search on this verb */
} pattern;

struct casus_image;  /* image.c */
/* A TABARI actor phrase whose words may stand apart: "AL GORE" codes
 * "Al \"The Weasel\" Gore", "PRINCE DOL_AMROTH" "the Prince of Dol_Amroth"
 * (words joined by '_' must stand together).  Matched by dict_code.c. */
#define DICT_GAP_WORDS 8
typedef struct dict_gap {
  struct dict_gap *next;
  const char *words[DICT_GAP_WORDS]; /* folded; "dol amroth": tokens that
                                        stand together */
  uint8_t nwords;
  uint8_t stem;                      /* the last word is a TABARI stem */
  const lex_entry *x;                /* the codes (LX_COUNTRY entry) */
} dict_gap;

/* The settings of a TABARI .options file that change coding (read by
 * dict_tabari.c, applied by dict_code.c to imported patterns only). */
typedef struct dict_opts {
  const char *def_src, *def_tar; /* DEFAULT: SOURCE [X] / TARGET [Y] */
  uint8_t src_prior;     /* PRIOR: the default source when no actor comes
                            before the verb (else the first after it) */
  uint8_t tar_after;     /* AFTER: the default target when none follows */
  uint8_t convert_agent; /* SET: CONVERT AGENT: a lone agent is "~MIL" */
  uint8_t code_by;       /* SET: CODE BY CLAUSE 0, SENTENCE 1, ALL 2 */
  int min_words;         /* SET: MINIMUM WORDS (0: none) */
  int comma[6];          /* COMMA: MIN MAX EMIN EMAX BMIN BMAX: a clause
                            between commas (after the last, before the
                            first) of MIN..MAX words is not coded */
  /* PETRARCH (lib/code/petrarch_mode.c) */
  uint8_t petrarch;      /* PETRARCH dictionaries: a lone agent is coded
                            "---GOV" */
  uint8_t one_sided;     /* config require_dyad = false: an imported
                            pattern codes with one actor ("---GOV/---") */
  const struct dict_discard *discards; /* discards file phrases */
  size_t ndiscards, capdiscards;
  const char **prefix_rules; /* rules of prefix agents "[NGO~]" */
  size_t nprefix, capprefix;
  const struct dict_block *blocks; /* PETRARCH verb blocks headed by an
                                      irregular form ("--- LEFT ---") */
  size_t nblocks, capblocks;
  uint8_t agents_append; /* config agents_append = true: every agent of a
                            noun phrase is coded, as PETRARCH-1 does
                            ("main opposition group" MOPOPP) */
  dict_gap *gapped;      /* TABARI actor phrases with spaces, or NULL */
  int complex_verbs;     /* COMPLEX: VERBS[n]: more verbs: not coded (0:
                            no limit) */
  int complex_conj;      /* COMPLEX: CONJ[n]: more conjunctions: same */
  uint8_t noactprior;    /* COMPLEX: NOACTPRIOR: no actor before the first
                            verb: not coded */
} dict_opts;

/* A PETRARCH verb block whose header is an irregular form: its file, the
 * lines [from, to) of its patterns, the form (lower case). */
typedef struct dict_block {
  const char *base;
  long from, to;
  const char *form;
} dict_block;

/* A PETRARCH discard phrase: its words (folded), and whether it drops the
 * story ('+') or only the sentence. */
typedef struct dict_discard {
  const char **w;
  uint8_t n;
  uint8_t story;
} dict_discard;

struct casus_engine {
  casus_arena arena;       /* every string and entry */
  casus_map *lex;          /* actor/time key -> lex_entry list */
  casus_map *places;       /* place key -> lex_entry list */
  casus_map *skeletons;    /* place consonant skeleton -> admin1 list */
  casus_map *lemmas;       /* inflected form -> lemma (const char *) */
  casus_map *anchors;      /* lemma -> pattern_list */
  casus_map *verbs;        /* lemmas that patterns use as verbs */
  casus_map *words;        /* misc word classes: key -> (intptr_t) class */
  casus_map *countries;    /* iso3 -> lex_entry (display) */
  casus_map *iso2;         /* iso2 -> lex_entry (display) */
  casus_map *strings;      /* interned strings */
  casus_map *prefixes;     /* word prefixes of multi-word lex keys */
  casus_map *wprefixes;    /* ... of multi-word keys of `words` */
  casus_map *pprefixes;    /* ... of place keys and skeletons */
  casus_map *tokens;       /* one-word key -> tok_info: all the maps above
                              answer a token in one lookup */
  cameo_code *cameo;
  size_t ncameo;
  pattern *patterns;
  size_t npatterns;
  casus_langid *langid;
  casus_chrome *chrome;
  casus_abbrev *abbrev;
  casus_engine_stats stats;
  casus_map *acled_patterns; /* pattern id -> cameo_code (acled_* set) */
  struct casus_image *image; /* the compiled gazetteer in use, or NULL */
  dict_opts *dopt;         /* a TABARI .options file's settings, or NULL
                              (arena memory) */
};

/* Word classes of the `words` map (data/words.txt). */
enum {
  W_CLAUSE = 1,   /* starts a clause: that, which, after... */
  W_SAY,          /* reporting verb form: said, reported */
  W_MODAL,        /* will, would, could... */
  W_NEG,          /* not, never, n't */
  W_COND,         /* if, unless, whether */
  W_PREP,         /* in, inside, near... (locative) */
  W_DET,          /* the, a, an */
  W_KILL,         /* killed, killing, dead, died */
  W_PERSON,       /* people, persons */
  W_MONTH,        /* value = 1..12 */
  W_WEEKDAY,      /* value = 1..7, Monday = 1 */
  W_NUMBER,       /* value = the number */
  W_MULT,         /* hundred, thousand, million */
  W_APPROX,       /* around, about, nearly */
  W_ATLEAST,      /* at least, more than, over */
  W_ATMOST,       /* up to, as many as */
  W_DAYREL,       /* today 0, yesterday -1 */
  W_UNIT,         /* day(s) 1, week(s) 7 */
  W_WEEKREL,      /* this week 0, last week -1 */
  W_MONTHREL,     /* this month 0, last month -1 */
  W_VAGUE,        /* recently, in recent years: no date */
  W_CONNECT,      /* place-name connector: and, va, o, e, province */
  W_FOREIGN,      /* foreign, non- */
  W_INTENT,       /* goal, plan, want: "X's goal was to strike" */
  W_SUBORD,       /* after, when, because: a clause a comma closes */
  W_ADVERB,       /* again, also, today: between a subject and its verb */
  W_MONTHLEAD,    /* in, last, since: "in March" is a date */
  W_ATTACK,       /* hit, strike, missile: a sentence about an attack */
  W_UNRELATED,    /* separately, unrelated: a sentence about another event */
  W_PLACEVERB,    /* attack, enter, seize: a verb whose object is a place */
  W_NOTPLACE      /* data/place_words.txt: a common word or given name that
                     is no city unless its country follows ("University") */
};

/* A word-class entry: class and an integer value. */
typedef struct word_class {
  struct word_class *next;
  int cls;
  long value;
  const char *extra;  /* e.g. the casualty category of a person noun */
} word_class;

/* Looks up the classes of a key (token norm or phrase). */
const word_class *casus__word_classes(const casus_engine *e, const char *key,
                                      size_t klen);
bool casus__word_is(const casus_engine *e, const char *key, size_t klen,
                    int cls, long *value);

const cameo_code *casus__cameo_find(const casus_engine *e, const char *code);
const lex_entry *casus__country(const casus_engine *e, const char *iso3);
const lex_entry *casus__country2(const casus_engine *e, const char *iso2);

/* True when KEY is a proper word prefix of a key of the map whose
 * prefixes PREFIXES holds (e->prefixes, wprefixes or pprefixes). */
bool casus__is_prefix(const casus_map *prefixes, const char *key,
                      size_t klen);

/* Builds the place key of FORM (folded, connectors dropped) into OUT. */
size_t casus__place_key(const casus_engine *e, const char *form,
                        size_t n, char *out, size_t cap);
/* The consonant skeleton of a place key ("sistan baluchestan" ->
 * "sstn blchstn"). */
size_t casus__skeleton(const char *key, char *out, size_t cap);

/* Loads gen/ontology.tsv (ontology.c): PLOVER and ACLED of each CAMEO
 * code already loaded, and the ACLED overrides of patterns. */
int casus__ontology_load(casus_engine *e, const char *datadir,
                         casus_error *err);
/* Sets EV's plover_* and acled_* from its CAMEO code and, for ACLED, the
 * override of PATTERN_ID (may be NULL). */
void casus__ontology_apply(const casus_engine *e, const char *pattern_id,
                           casus_event *ev);
/* The entries of a phrase FORM as an actor (e->lex), or NULL. */
const lex_entry *casus__lex_find(const casus_engine *e, const char *form);
/* The place candidates of FORM (e->places, else by skeleton), or NULL. */
const lex_entry *casus__place_find(const casus_engine *e, const char *form);

/* Loading (lexicon.c, patterns.c). */
int casus__lex_load(casus_engine *e, const char *datadir, casus_error *err);
/* The two stages of casus__lex_load that the compiled image (image.c)
 * replaces or needs: data/words.txt (place keys drop its connectors), and
 * the gazetteer (country_info, countries, country_aliases, admin1_info,
 * admin1, cities), skipped by casus__lex_load when E->image is set.  A
 * file read by the gazetteer stage must be listed in image.c's sources. */
int casus__lex_load_words(casus_engine *e, const char *datadir,
                          casus_error *err);
int casus__lex_load_gazetteer(casus_engine *e, const char *datadir,
                              casus_error *err);

/* The compiled gazetteer (image.c): DATADIR/gen/lexicon.img, built by
 * tools/casus_compile.c, mmap'd read-only by casus_engine_open. */
#define CASUS_IMAGE_NAME "gen/lexicon.img"
/* Runs the words and gazetteer stages on DATADIR and writes their result
 * to PATH (NULL: DATADIR/CASUS_IMAGE_NAME) through a temporary file and a
 * rename.  0 or a CASUS_E* code with ERR set. */
int casus__image_compile(const char *datadir, const char *path,
                         casus_error *err);
/* Loads E's gazetteer from the image PATH (NULL: DATADIR/CASUS_IMAGE_NAME)
 * when it is present, intact, of this version and newer than its sources;
 * call it first, on empty maps.  Returns 1 when loaded (E->image set), 0
 * when not (NOTE, CAP bytes, says why; the text loaders must run), or
 * CASUS_ENOMEM.  The environment variable CASUS_NO_IMAGE (non-empty, not
 * "0") disables it. */
int casus__image_load(casus_engine *e, const char *datadir, const char *path,
                      char *note, size_t cap);
/* Unmaps the image and frees its entries (after the maps reading it). */
void casus__image_close(struct casus_image *im);
int casus__patterns_load(casus_engine *e, const char *path,
                         casus_error *err);

/* Imported dictionaries (lexicon.c, patterns.c, dict_*.c).  Adds entry X
 * under the phrase key of FORM, before the entries already there. */
int casus__lex_add_first(casus_engine *e, const char *form, lex_entry *x);
/* Appends a pattern given as the three fields of a patterns.txt line; IDS
 * holds the ids seen so far.  Call casus__patterns_reindex once done. */
int casus__pattern_add(casus_engine *e, casus_map *ids, const char *path,
                       long line, char **fields, casus_error *err);
/* Rebuilds the anchor and verb indexes after patterns were added or
 * dropped. */
int casus__patterns_reindex(casus_engine *e);
/* Applies the date-restricted code of X valid on DAY to ISO3/ROLE. */
void casus__lex_dated(const lex_entry *x, long day, const char **iso3,
                      const char **role);

/* ------------------------------------------------ per-sentence mentions */

typedef struct actor_m {
  uint32_t t0, t1;          /* token span [t0, t1) */
  const char *iso3, *iso2;  /* country or NULL */
  const char *role;         /* agent code or NULL */
  const char *code;         /* group code or NULL */
  const char *rule;
  uint8_t pronoun;          /* it/its/they/their */
  uint8_t possessive;       /* its/their + noun: belongs to the subject */
  uint8_t territory;        /* "Pakistani territory": a place, not agent */
  uint8_t evnoun;           /* "the strikes": refers to an event */
  uint8_t pair;             /* "the two countries": the latest X and Y */
  uint32_t sent;            /* 1 + index of the sentence it was found in;
                               0 for actors made up by resolution */
  long evdate;              /* the evnoun's own date ("Thursday's"), -1 */
} actor_m;

typedef struct place_m {
  uint32_t t0, t1;
  const lex_entry *e;       /* country, admin1 or city */
  const lex_entry *within;  /* the country or admin1 named right after */
  uint8_t admin_word;       /* followed by "province", "region"... */
  uint8_t near;             /* "near", "outside", "north of" before it */
  uint8_t within_firm;      /* WITHIN is a country or admin1 said to hold
                               it ("Palma in northern Mozambique", "X,
                               Iran.", "Pakistan's X"): when no candidate
                               lies there, the place resolves to WITHIN */
} place_m;

/* How precise a resolved place is (ACLED/UCDP style geo-precision). */
enum {
  PREC_EXACT = 1, /* the place itself (a city, town, capital) */
  PREC_NEAR,      /* near a named place ("a village near Saravan") */
  PREC_ADMIN2,    /* a second-level unit */
  PREC_ADMIN1,    /* a province, state, governorate */
  PREC_COUNTRY    /* only the country */
};

/* A place mention resolved to one gazetteer entry. */
typedef struct place_res {
  const lex_entry *x; /* NULL: no candidate fits */
  int precision;      /* PREC_* */
} place_res;

/* Picks the entry meant among the candidates CANDS of one place name:
 * the first ISO2 code of HINTS (best first) that has a candidate decides
 * the country (an admin1 hint "IR.04" also prefers places inside it); in
 * it a city unless ADMIN_WORD ("Kerman province") or the city is small
 * beside a same-named admin1; without a hint a country name, else the
 * most populous (a capital counts as big; an alternate-name match counts
 * a tenth).  NULL when CANDS is NULL. */
const lex_entry *casus__place_pick(const lex_entry *cands,
                                   const char *const *hints, size_t nhints,
                                   bool admin_word);

typedef struct time_m {
  uint32_t t0, t1;
  long day;                 /* days since epoch */
  const char *precision;    /* day, week, month, year */
  uint8_t after;            /* "N days after": events after it are N days
                               before the sentence's date */
  uint8_t before;           /* "N days before" */
  uint8_t anchor_rel;       /* "a day earlier": relative to the last date */
  long shift;               /* days for after/before/anchor_rel */
  uint8_t vague;            /* "recently": the sentence has no date */
  const char *rule;
} time_m;

typedef struct count_m {
  uint32_t t0, t1;
  long value;
  int qual;                 /* 0 exact, 1 at least, 2 approx, 3 at most,
                               4 a vague plural ("dozens") */
  const char *category;     /* people, women, children, foreign, ... */
  uint8_t killed;           /* a kill word governs it */
  uint8_t foreign;          /* qualified as foreign / non-<demonym> */
  const char *kind;         /* killed, wounded, arrested, displaced,
                               missing, kidnapped; NULL: no such word */
  const char *qualifier;    /* "at least", "around", "dozens"... as
                               written (folded), NULL: exact */
} count_m;

/* What a token of a sentence was taken for (sent_m.used). */
enum { USED_TIME = 1, USED_COUNT = 2 };

typedef struct sent_m {
  actor_m *actors;  size_t nactors;
  place_m *places;  size_t nplaces;
  time_m *times;    size_t ntimes;
  count_m *counts;  size_t ncounts;
  const uint8_t *used;  /* per token: USED_TIME, USED_COUNT or 0 */
} sent_m;

/* Resolves place mention K of sentence M with the article's other
 * countries DOC_HINTS (ISO2, may be NULL): hints are the country or admin1
 * named right after it ("Saravan, Iran"), the sentence's unambiguous
 * countries and admin1s, its actors' countries, then DOC_HINTS. */
place_res casus__place_resolve(const sent_m *m, size_t k,
                               const char *const *doc_hints, size_t ndoc);

/* What the dictionaries say about one token, looked up once per doc. */
typedef struct tok_info {
  uint32_t cls;          /* bit (1 << W_*) for each word class */
  const char *lemma;     /* casus__lemma of its norm */
  const lex_entry *lex;  /* its entries as a one-word phrase, or NULL */
  bool prefix;           /* a longer lexicon phrase starts with it */
  bool wprefix;          /* a longer `words` phrase starts with it */
  uint32_t wcls;         /* bit (1 << W_*) for each class of a longer
                            `words` phrase that starts with it */
} tok_info;

/* Fills a tok_info for every token of D (arena memory). */
int casus__tok_info(const casus_engine *e, casus_doc *d, tok_info **out);

/* Builds e->tokens once every dictionary is loaded. */
int casus__tokens_build(casus_engine *e);

/* Finds the actors, places, times and counts of sentence S; TI is the
 * tok_info of its first token. */
int casus__recognize(const casus_engine *e, casus_doc *d,
                     const casus_sentence *s, const tok_info *ti,
                     long anchor_day, sent_m *out);

/* The lemma of a token norm (itself when unknown). */
const char *casus__lemma(const casus_engine *e, const char *norm,
                         size_t nlen);

/* The patterns anchored on LEMMA: an opaque list node (NULL: none), and
 * the step to the next node, which also yields the pattern. */
const void *casus__anchors(const casus_engine *e, const char *lemma);
const void *casus__anchor_next(const void *node, const pattern **p);
/* True when some pattern uses LEMMA as its verb ("$S strike ..."). */
bool casus__is_verb(const casus_engine *e, const char *lemma);

/* Codes events of the whole doc (coder.c). */
int casus__code(const casus_engine *e, casus_doc *d, casus_error *err);

#endif /* CASUS_ENGINE_INT_H */
